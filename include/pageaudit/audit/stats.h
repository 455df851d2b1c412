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

// The normal distribution's 0.975 quantile: z for two-sided 95% intervals.
inline constexpr double k_z95 = 1.959964;

// Wilson score interval for successes out of n at z standard deviations (1.959964: 95%).
// nullopt when n <= 0 or successes is outside 0..n.
std::optional<Proportion> wilson_interval(long successes, long n, double z = k_z95);

struct Point {
  double x = 0;
  double y = 0;
};

// Slope of the least-squares line through points. nullopt with fewer than two points or when
// every x is the same.
std::optional<double> least_squares_slope(std::span<const Point> points);

// Half-width of the 95% confidence interval of that slope: t × its standard error
// sqrt(sum of squared residuals / (n − 2) / sum of (x − mean x)²), t being Student's for n − 2
// degrees of freedom. nullopt with fewer than three points or when every x is the same.
std::optional<double> slope_margin(std::span<const Point> points);

// Student's t distribution's 0.975 quantile for degrees of freedom (1 when fewer): the two-sided
// 95% multiplier, 12.706 for 1, 2.056 for 26, towards 1.959964 for many.
double student_t_975(long degrees);

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
