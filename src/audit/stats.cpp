// Proportions, least squares and linear projections over days.
#include "pageaudit/audit/stats.h"

#include <algorithm>
#include <cmath>

namespace pageaudit {
namespace {

constexpr long k_century_days = 36525;

// Sums of a least-squares fit, centred on the means first: follower counts near 10,000 squared
// lose precision otherwise.
struct Fit {
  double mean_x = 0;
  double mean_y = 0;
  double sxx = 0;
  double sxy = 0;
};

Fit fit(std::span<const Point> points) {
  Fit f;
  for (const Point& p : points) {
    f.mean_x += p.x;
    f.mean_y += p.y;
  }
  f.mean_x /= static_cast<double>(points.size());
  f.mean_y /= static_cast<double>(points.size());
  for (const Point& p : points) {
    f.sxy += (p.x - f.mean_x) * (p.y - f.mean_y);
    f.sxx += (p.x - f.mean_x) * (p.x - f.mean_x);
  }
  return f;
}

// Student's t, 0.975 quantile, for 1 to 9 degrees of freedom (from the t distribution's CDF).
constexpr double k_t975[] = {12.706205, 4.302653, 3.182446, 2.776445, 2.570582,
                             2.446912,  2.364624, 2.306004, 2.262157};

}  // namespace

std::optional<Proportion> wilson_interval(long successes, long n, double z) {
  if (n <= 0 || successes < 0 || successes > n) return std::nullopt;
  // Wilson rather than p ± z·sqrt(p(1-p)/n): the survey samples are small and shares can sit
  // near 0, where the normal approximation gives negative lower bounds.
  const auto nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denominator = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator;
  return Proportion{p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<double> least_squares_slope(std::span<const Point> points) {
  if (points.size() < 2) return std::nullopt;
  const Fit f = fit(points);
  return safe_divide(f.sxy, f.sxx);
}

double student_t_975(long degrees) {
  if (degrees < 1) degrees = 1;
  if (degrees <= 9) return k_t975[degrees - 1];
  // From 10 degrees on, the Cornish-Fisher expansion of t in powers of 1/degrees (Abramowitz
  // and Stegun 26.7.5) is within 1e-5 of the exact quantile.
  const double z = k_z95;
  const auto v = static_cast<double>(degrees);
  const double z2 = z * z;
  const double g1 = (z2 + 1) * z / 4;
  const double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
  const double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
  const double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

std::optional<double> slope_margin(std::span<const Point> points) {
  if (points.size() < 3) return std::nullopt;
  const Fit f = fit(points);
  const std::optional<double> slope = safe_divide(f.sxy, f.sxx);
  if (!slope) return std::nullopt;
  double residuals = 0;
  for (const Point& p : points) {
    const double r = (p.y - f.mean_y) - *slope * (p.x - f.mean_x);
    residuals += r * r;
  }
  const auto degrees = static_cast<long>(points.size()) - 2;
  const double standard_error = std::sqrt(residuals / static_cast<double>(degrees) / f.sxx);
  return student_t_975(degrees) * standard_error;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<long>(middle), values.end());
  const double upper = values[middle];
  if (values.size() % 2 == 1) return upper;
  const double lower =
      *std::max_element(values.begin(), values.begin() + static_cast<long>(middle));
  return (lower + upper) / 2;
}

std::optional<double> safe_divide(double numerator, double denominator) {
  if (denominator == 0) return std::nullopt;
  return numerator / denominator;
}

double project_value(double last, double slope_per_day, long days) {
  return last + slope_per_day * static_cast<double>(days);
}

std::optional<Date> date_reaching(Date from, double current, double slope_per_day, double bound) {
  const double gap = bound - current;
  if (gap == 0 || slope_per_day == 0 || (gap > 0) != (slope_per_day > 0)) return std::nullopt;
  const double days = std::ceil(gap / slope_per_day);
  if (days > static_cast<double>(k_century_days)) return std::nullopt;
  return from + static_cast<long>(days);
}

std::optional<double> required_per_day(double current, double bound, Date from, Date by) {
  if (by <= from) return std::nullopt;
  return (bound - current) / static_cast<double>(by - from);
}

}  // namespace pageaudit
