// Proportions, least squares and linear projections over days.
#include "pageaudit/audit/stats.h"

#include <algorithm>
#include <cmath>

namespace pageaudit {
namespace {

constexpr long k_century_days = 36525;

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
  // Centre on the means first: follower counts near 10,000 squared lose precision otherwise.
  double mean_x = 0;
  double mean_y = 0;
  for (const Point& p : points) {
    mean_x += p.x;
    mean_y += p.y;
  }
  mean_x /= static_cast<double>(points.size());
  mean_y /= static_cast<double>(points.size());
  double sxy = 0;
  double sxx = 0;
  for (const Point& p : points) {
    sxy += (p.x - mean_x) * (p.y - mean_y);
    sxx += (p.x - mean_x) * (p.x - mean_x);
  }
  return safe_divide(sxy, sxx);
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
