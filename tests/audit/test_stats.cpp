// Tests for audit/stats: every expected number is worked out by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "pageaudit/audit/stats.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::day;
using test::near;

TEST_CASE("the Wilson interval of 34 out of 120 is 0.2104 to 0.3697") {
  // z = 1.959964, z^2 = 3.841459, n = 120, p = 34/120 = 0.283333
  // denominator = 1 + z^2/n = 1.032012
  // centre = (p + z^2/(2n)) / denominator = (0.283333 + 0.016006) / 1.032012 = 0.290054
  // half = z * sqrt(p(1-p)/n + z^2/(4n^2)) / denominator
  //      = 1.959964 * sqrt(0.00169213 + 0.00006669) / 1.032012 = 1.959964 * 0.0419383 / 1.032012
  //      = 0.0796479
  // low = 0.290054 - 0.079648 = 0.210406; high = 0.290054 + 0.079648 = 0.369702
  const auto w = wilson_interval(34, 120);
  REQUIRE(w);
  CHECK(near(w->p, 0.2833, 0.00005));
  CHECK(near(w->low, 0.2104, 0.00005));
  CHECK(near(w->high, 0.3697, 0.00005));
}

TEST_CASE("the Wilson interval of no successes starts at zero") {
  // successes 0, n = 10: centre = half = (z^2/2n) / (1 + z^2/n), so low = 0 and
  // high = (z^2/n) / (1 + z^2/n) = 0.384146 / 1.384146 = 0.277532
  const auto w = wilson_interval(0, 10);
  REQUIRE(w);
  CHECK(w->p == 0);
  CHECK(near(w->low, 0, 1e-12));
  CHECK(near(w->high, 0.2775, 0.00005));
}

TEST_CASE("the Wilson interval needs people and a count between 0 and n") {
  CHECK_FALSE(wilson_interval(0, 0));
  CHECK_FALSE(wilson_interval(5, -1));
  CHECK_FALSE(wilson_interval(11, 10));
  CHECK_FALSE(wilson_interval(-1, 10));
}

TEST_CASE("the least-squares slope of a small series") {
  // x: 0 1 2 3 4, y: 10 12 15 15 18; means 2 and 14
  // dx: -2 -1 0 1 2; dy: -4 -2 1 1 4; sxy = 8 + 2 + 0 + 1 + 8 = 19; sxx = 10; slope = 1.9
  const std::vector<Point> points = {{0, 10}, {1, 12}, {2, 15}, {3, 15}, {4, 18}};
  const auto slope = least_squares_slope(points);
  REQUIRE(slope);
  CHECK(near(*slope, 1.9, 1e-12));
}

TEST_CASE("the least-squares slope skips nothing when days are missing") {
  // Days 0, 2 and 5 of y = 100 + 2x: the line through them has slope 2 whatever the gaps.
  const std::vector<Point> points = {{0, 100}, {2, 104}, {5, 110}};
  const auto slope = least_squares_slope(points);
  REQUIRE(slope);
  CHECK(near(*slope, 2, 1e-12));
}

TEST_CASE("the least-squares slope needs two distinct days") {
  const std::vector<Point> one = {{3, 10}};
  const std::vector<Point> same_day = {{3, 10}, {3, 12}};
  CHECK_FALSE(least_squares_slope(one));
  CHECK_FALSE(least_squares_slope(same_day));
  CHECK_FALSE(least_squares_slope({}));
}

TEST_CASE("the 95% interval of a least-squares slope uses Student's t for n - 2 degrees") {
  // x: 0 1 2 3 4, y: 10 12 11 15 14; means 2 and 12.4; dx: -2 -1 0 1 2; dy: -2.4 -0.4 -1.4 2.6
  // 1.6; sxy = 4.8 + 0.4 + 0 + 2.6 + 3.2 = 11; sxx = 10; slope 1.1. Residuals dy - 1.1 dx: -0.2,
  // 0.7, -1.4, 1.5, -0.6; squares 0.04 + 0.49 + 1.96 + 2.25 + 0.36 = 5.1; over 3 degrees 1.7;
  // standard error sqrt(1.7 / 10) = 0.4123106; x t(3) 3.182446 = 1.312156.
  const std::vector<Point> points = {{0, 10}, {1, 12}, {2, 11}, {3, 15}, {4, 14}};
  CHECK(near(least_squares_slope(points).value_or(0), 1.1, 1e-12));
  const auto margin = slope_margin(points);
  REQUIRE(margin);
  CHECK(near(*margin, 1.312156, 1e-6));
  // On a line the slope is exact: no margin.
  const std::vector<Point> line = {{0, 100}, {2, 104}, {5, 110}};
  CHECK(near(slope_margin(line).value_or(-1), 0, 1e-12));
  // Two points fit any line: nothing is left to measure the scatter with.
  const std::vector<Point> two = {{0, 1}, {1, 3}};
  CHECK_FALSE(slope_margin(two));
}

TEST_CASE("Student's t quantile 0.975: the table, then the expansion, towards z") {
  CHECK(student_t_975(1) == 12.706205);
  CHECK(student_t_975(3) == 3.182446);
  CHECK(student_t_975(9) == 2.262157);
  // Exact values (to 6 decimals) of t for 10, 26 and 60 degrees of freedom.
  CHECK(near(student_t_975(10), 2.228139, 1e-5));
  CHECK(near(student_t_975(26), 2.055529, 1e-5));
  CHECK(near(student_t_975(60), 2.000298, 1e-5));
  CHECK(near(student_t_975(100000), 1.959964, 1e-4));
}

TEST_CASE("the median of odd and even counts") {
  CHECK(median({5, 1, 3}) == 3.0);
  CHECK(median({4, 1, 3, 2}) == 2.5);  // (2 + 3) / 2
  CHECK(median({7}) == 7.0);
  CHECK_FALSE(median({}));
}

TEST_CASE("division by zero gives no value") {
  CHECK(safe_divide(6, 3) == 2.0);
  CHECK_FALSE(safe_divide(1, 0));
  CHECK_FALSE(safe_divide(0, 0));
}

TEST_CASE("a projection follows the slope from the last value") {
  // 9874 + 11.1 * 41 = 9874 + 455.1 = 10329.1
  CHECK(near(project_value(9874, 11.1, 41), 10329.1, 1e-9));
  CHECK(project_value(500, -2, 10) == 480.0);
  CHECK(project_value(500, 3, 0) == 500.0);
}

TEST_CASE("the date a trend reaches a bound, across month, leap-day and year ends") {
  struct Case {
    const char* from;
    double current, slope, bound;
    const char* expected;
  };
  const Case cases[] = {
      // 5126 / 11.1 = 461.8 -> 462 days; 2026-11-20 + 365 = 2027-11-20, + 97 more:
      // Nov 30 (+10), Dec 31 (+41), Jan 31 (+72), Feb 25 (+97)
      {"2026-11-20", 9874, 11.1, 15000, "2028-02-25"},
      {"2026-01-30", 0, 1, 2, "2026-02-01"},      // Jan 31, Feb 1
      {"2028-02-27", 0, 1, 3, "2028-03-01"},      // Feb 28, Feb 29, Mar 1
      {"2026-12-30", 0, 1, 5, "2027-01-04"},      // Dec 31, Jan 1..4
      {"2026-03-10", 0, 0.4, 1, "2026-03-13"},    // 2.5 days: the bound is reached on day 3
      {"2026-03-10", 100, -2, 90, "2026-03-15"},  // an at_most bound: -10 / -2 = 5 days
  };
  for (const Case& c : cases) {
    CAPTURE(c.expected);
    const auto reached = date_reaching(day(c.from), c.current, c.slope, c.bound);
    REQUIRE(reached);
    CHECK(reached->iso() == c.expected);
  }
}

TEST_CASE("a trend that never reaches the bound gives no date") {
  const Date from = day("2026-11-20");
  CHECK_FALSE(date_reaching(from, 9874, -3, 15000));  // moving away
  CHECK_FALSE(date_reaching(from, 9874, 0, 15000));   // flat
  CHECK_FALSE(date_reaching(from, 15000, 5, 15000));  // already there
  CHECK_FALSE(date_reaching(from, 0, 0.001, 100));    // 100,000 days: more than a century
}

TEST_CASE("the change required per day to reach a bound by a deadline") {
  // (15000 - 9874) / 41 days = 5126 / 41 = 125.0244
  const auto required = required_per_day(9874, 15000, day("2026-11-20"), day("2026-12-31"));
  REQUIRE(required);
  CHECK(near(*required, 125.0244, 0.00005));
  // 1 day: 2026-12-31 to 2027-01-01
  CHECK(required_per_day(10, 4, day("2026-12-31"), day("2027-01-01")) == -6.0);
  CHECK_FALSE(required_per_day(9874, 15000, day("2026-11-20"), day("2026-11-20")));
  CHECK_FALSE(required_per_day(9874, 15000, day("2026-11-20"), day("2026-11-01")));
}

}  // namespace
}  // namespace pageaudit
