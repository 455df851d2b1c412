// The small statistics the audit needs: proportions with intervals, trends and projections.
// Every function returns nullopt where the arithmetic would give inf or NaN.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "pageaudit/core/date.h"

namespace pageaudit {

struct Proportion {
  double p = 0;    // successes / n
  double low = 0;  // Wilson score interval, clamped to 0..1 by construction
  double high = 0;
};

// Wilson score interval for successes out of n at z standard deviations (1.959964: 95%).
// nullopt when n <= 0 or successes is outside 0..n.
std::optional<Proportion> wilson_interval(long successes, long n, double z = 1.959964);

struct Point {
  double x = 0;
  double y = 0;
};

// Slope of the least-squares line through points. nullopt with fewer than two points or when
// every x is the same.
std::optional<double> least_squares_slope(std::span<const Point> points);

// The middle value (the mean of the two middle values for an even count); nullopt when empty.
std::optional<double> median(std::vector<double> values);

// numerator / denominator; nullopt when the denominator is 0.
std::optional<double> safe_divide(double numerator, double denominator);

// The value days after today, following slope per day from last.
double project_value(double last, double slope_per_day, long days);

// The first day on which a value at current on from, moving by slope per day, reaches bound.
// nullopt when it is there already, when the slope does not move it towards bound, or when that
// day would be more than a century away (a trend that slow says "never").
std::optional<Date> date_reaching(Date from, double current, double slope_per_day, double bound);

// The change per day that takes current on from to bound on by; nullopt unless by is after from.
std::optional<double> required_per_day(double current, double bound, Date from, Date by);

}  // namespace pageaudit
