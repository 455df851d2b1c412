// Tests for audit/goal_status: goal metrics, projections and each status of SPEC 5.
#include <doctest/doctest.h>

#include <cmath>

#include "audit/spec_example.h"
#include "pageaudit/audit/goal_status.h"

namespace pageaudit {
namespace {

using test::near;

using test::day;
using test::spec_example;

Goal goal(const char* metric, Bound::Kind kind, double bound, std::optional<const char*> by) {
  Goal g;
  g.id = "g";
  g.metric = metric;
  g.objective = Objective::other;
  g.bound = Bound{kind, bound};
  if (by) g.by = day(*by);
  return g;
}

GoalResult evaluate(const AuditInput& in, const Goal& g) {
  return evaluate_goal(g, in, compute_figures(in));
}

// The example: 9874 followers on 2026-11-20, trend 11 a day, 41 days to 2026-12-31.

TEST_CASE("a bound that holds today is met") {
  const GoalResult r =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 9000, "2026-12-31"));
  CHECK(r.status == GoalStatus::met);
  CHECK(r.current == 9874.0);
  CHECK(r.projected == 10325.0);  // 9874 + 11 x 41
  CHECK_FALSE(r.required_per_day);
  CHECK_FALSE(r.projected_date);
}

TEST_CASE("a stock whose trend reaches the bound by the deadline is on track") {
  const GoalResult r =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 10000, "2026-12-31"));
  CHECK(r.status == GoalStatus::on_track);
  CHECK(r.projected == 10325.0);                     // 9874 + 11 x 41
  CHECK(near(r.required_per_day, 3.0731707, 1e-6));  // (10000 - 9874) / 41 = 126 / 41
  REQUIRE(r.projected_date);
  CHECK(r.projected_date->iso() == "2026-12-02");  // 126 / 11 = 11.45 -> 12 days
}

// Followers on five days, 2026-11-16 .. 2026-11-20, the window of a 5-day audit.
AuditInput five_days(std::initializer_list<double> followers) {
  AuditInput in;
  in.as_of = day("2026-11-20");
  in.window_days = 5;
  Date d = in.window_start();
  for (double f : followers) {
    in.followers[d] = f;
    d = d + 1;
  }
  return in;
}

TEST_CASE("on track along the trend, but not along the low end of its 95% interval") {
  // 10 12 11 15 14: slope 1.1, 95% margin 1.312156 (test_stats.cpp). 10 days to 2026-11-30:
  // projected 14 + 11 = 25; low end 14 + (1.1 - 1.312156) x 10 = 11.878; high 38.122.
  const AuditInput in = five_days({10, 12, 11, 15, 14});
  GoalResult r = evaluate(in, goal("followers", Bound::Kind::at_least, 20, "2026-11-30"));
  CHECK(r.status == GoalStatus::on_track);
  CHECK(near(r.projected, 25, 1e-9));
  CHECK(near(r.projected_low, 11.878439, 1e-6));
  CHECK(near(r.projected_high, 38.121561, 1e-6));
  CHECK(r.uncertain);

  // Behind stays behind: uncertain says only that an on-track goal may not be.
  r = evaluate(in, goal("followers", Bound::Kind::at_least, 30, "2026-11-30"));
  CHECK(r.status == GoalStatus::behind);
  CHECK(near(r.projected_high, 38.121561, 1e-6));
  CHECK_FALSE(r.uncertain);
}

TEST_CASE("an at-most goal is uncertain when the high end of the interval misses it") {
  // The mirror image, 28 - y: 18 16 17 13 14, slope -1.1, the same margin. Projected 14 - 11 = 3;
  // the high end 14 + (-1.1 + 1.312156) x 10 = 16.122 is above 12.
  const AuditInput in = five_days({18, 16, 17, 13, 14});
  const GoalResult r = evaluate(in, goal("followers", Bound::Kind::at_most, 12, "2026-11-30"));
  CHECK(r.status == GoalStatus::on_track);
  CHECK(near(r.projected_low, -10.121561, 1e-6));
  CHECK(near(r.projected_high, 16.121561, 1e-6));
  CHECK(r.uncertain);
}

TEST_CASE("a trend that is a straight line is on track for sure") {
  // 10 11 12 13 14: slope 1, no scatter, margin 0; 14 + 10 = 24 at every end.
  const GoalResult r = evaluate(five_days({10, 11, 12, 13, 14}),
                                goal("followers", Bound::Kind::at_least, 20, "2026-11-30"));
  CHECK(r.status == GoalStatus::on_track);
  CHECK(near(r.projected_low, 24, 1e-9));
  CHECK(near(r.projected_high, 24, 1e-9));
  CHECK_FALSE(r.uncertain);
}

TEST_CASE("useful followers scale the trend's interval by the useful share") {
  // Useful share 0.5: 7 useful followers, trend 0.55, margin 0.656078; projected 7 + 5.5 = 12.5,
  // low end 7 + (0.55 - 0.656078) x 10 = 5.939, below 10.
  AuditInput in = five_days({10, 12, 11, 15, 14});
  in.goals.audience.stated_target_share = 0.5;
  const GoalResult r =
      evaluate(in, goal("useful_followers", Bound::Kind::at_least, 10, "2026-11-30"));
  CHECK(r.status == GoalStatus::on_track);
  CHECK(near(r.projected, 12.5, 1e-9));
  CHECK(near(r.projected_low, 5.939220, 1e-6));
  CHECK(r.uncertain);
}

TEST_CASE("reply figures: every top-level comment counts, the unanswered ones until day's end") {
  AuditInput in = spec_example();
  CHECK_FALSE(compute_figures(in).replies);  // no comment data
  in.comments = 0;
  Figures f = compute_figures(in);
  REQUIRE(f.replies);
  CHECK(f.replies->comments == 0);
  CHECK_FALSE(f.replies->median_hours);
  CHECK_FALSE(f.replies->share_answered);
  CHECK_FALSE(metric_value("reply_hours", in, f).current);

  // Answered after 2 and 5 hours; one unanswered, waiting 30 hours to the end of the audit day.
  // Median of 2, 5, 30 = 5; 2 of 3 answered. The answered alone would give 3.5.
  in.comments = 4;
  in.reply_waits = {{2, true}, {30, false}, {5, true}};
  f = compute_figures(in);
  REQUIRE(f.replies);
  CHECK(f.replies->median_hours == 5.0);
  CHECK(f.replies->answered == 2);
  CHECK(f.replies->comments == 3);
  CHECK(near(f.replies->share_answered, 2.0 / 3, 1e-12));
  CHECK(metric_value("reply_hours", in, f).current == 5.0);
}

TEST_CASE("a stock whose trend falls short is behind") {
  const GoalResult r =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 15000, "2026-12-31"));
  CHECK(r.status == GoalStatus::behind);
  CHECK(r.projected == 10325.0);
  CHECK(near(r.required_per_day, 125.0243902, 1e-6));  // 5126 / 41
  // 5126 / 11 = 466 days: 2026-11-20 + 365 = 2027-11-20, + 101: Nov 30 (+10), Dec 31 (+41),
  // Jan 31 (+72), Feb 29 2028 (+101)
  REQUIRE(r.projected_date);
  CHECK(r.projected_date->iso() == "2028-02-29");
}

TEST_CASE("an unmet bound past its deadline is missed") {
  const GoalResult r =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 15000, "2026-11-19"));
  CHECK(r.status == GoalStatus::missed);
  CHECK_FALSE(r.projected);
  CHECK_FALSE(r.required_per_day);
  CHECK(r.projected_date->iso() == "2028-02-29");
}

TEST_CASE("on the deadline itself an unmet goal is behind, projected at today's value") {
  const GoalResult r =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 15000, "2026-11-20"));
  CHECK(r.status == GoalStatus::behind);
  CHECK(r.projected == 9874.0);
  CHECK_FALSE(r.required_per_day);
}

TEST_CASE("a met bound past its deadline stays met") {
  const GoalResult r =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 9000, "2026-01-01"));
  CHECK(r.status == GoalStatus::met);
}

TEST_CASE("a metric without data has no status") {
  AuditInput in = spec_example();
  const GoalResult r = evaluate(in, goal("outcome:sales", Bound::Kind::at_least, 10, "2026-12-31"));
  CHECK(r.status == GoalStatus::no_data);
  CHECK_FALSE(r.current);
  CHECK_FALSE(r.projected);
  CHECK_FALSE(r.required_per_day);
}

TEST_CASE("a goal without deadline can be met or behind, never on track") {
  const GoalResult behind =
      evaluate(spec_example(), goal("followers", Bound::Kind::at_least, 10000, std::nullopt));
  CHECK(behind.status == GoalStatus::behind);
  CHECK_FALSE(behind.projected);
  CHECK_FALSE(behind.required_per_day);
  CHECK(behind.projected_date->iso() == "2026-12-02");
}

TEST_CASE("a window total cannot be on track, and per day is its daily average") {
  AuditInput in = spec_example();
  for (int i = 0; i < 28; ++i) in.views[day("2026-10-24") + i] = 100;
  const GoalResult r = evaluate(in, goal("views", Bound::Kind::at_least, 3000, "2026-12-31"));
  CHECK(r.current == 2800.0);  // 28 x 100
  CHECK(r.status == GoalStatus::behind);
  CHECK_FALSE(r.projected);
  CHECK_FALSE(r.projected_date);
  // Not (3000 - 2800) / 41 days to the deadline: a window of 28 days needs 3000 / 28 a day.
  CHECK(near(r.required_per_day, 3000.0 / 28, 1e-9));  // 107.14
  CHECK(near(r.current_per_day, 100, 1e-9));           // 2800 / 28
}

TEST_CASE("an at_most bound is met below it and behind above it") {
  const AuditInput in = spec_example();  // 56 hours in the window
  const GoalResult met = evaluate(in, goal("hours", Bound::Kind::at_most, 60, "2026-12-31"));
  CHECK(met.status == GoalStatus::met);
  CHECK_FALSE(met.required_per_day);
  CHECK(near(met.current_per_day, 2, 1e-9));  // 56 / 28
  const GoalResult r = evaluate(in, goal("hours", Bound::Kind::at_most, 40, "2026-12-31"));
  CHECK(r.status == GoalStatus::behind);
  CHECK(near(r.required_per_day, 40.0 / 28, 1e-9));  // at most 1.43 hours a day, against 2
  CHECK(near(r.current_per_day, 2, 1e-9));
}

TEST_CASE("a window total's daily average counts only the days its data covers") {
  // Views on the last 16 days only, 100 a day: 1600, 100 a day, not 1600 / 28 = 57.
  AuditInput in = spec_example();
  for (int i = 12; i < 28; ++i) in.views[day("2026-10-24") + i] = 100;
  const GoalResult r = evaluate(in, goal("views", Bound::Kind::at_least, 3000, "2026-12-31"));
  CHECK(r.current == 1600.0);
  CHECK(near(r.current_per_day, 100, 1e-9));
  CHECK(near(r.required_per_day, 3000.0 / 28, 1e-9));
}

TEST_CASE("an outcome's per-day figures are averages over the window") {
  // The case: sales summed 60.76 over 28 days (2.17 a day); a bound of 2600 needs 92.86.
  AuditInput in = spec_example();
  for (int i = 0; i < 28; ++i) in.outcomes["ventas"][day("2026-10-24") + i] = 2.17;
  const GoalResult r =
      evaluate(in, goal("outcome:ventas", Bound::Kind::at_least, 2600, "2026-12-31"));
  CHECK(r.status == GoalStatus::behind);
  CHECK(near(r.required_per_day, 2600.0 / 28, 1e-9));  // 92.857
  CHECK(near(r.current_per_day, 2.17, 1e-9));
}

TEST_CASE("a missed window total keeps its daily average but requires nothing more") {
  AuditInput in = spec_example();
  const GoalResult r = evaluate(in, goal("hours", Bound::Kind::at_most, 40, "2026-11-01"));
  CHECK(r.status == GoalStatus::missed);
  CHECK_FALSE(r.required_per_day);
  CHECK(near(r.current_per_day, 2, 1e-9));
}

TEST_CASE("ratios and unique viewers have no per-day figures") {
  AuditInput in = spec_example();
  in.viewers_window = 5000;
  for (int i = 0; i < 28; ++i) {
    in.views[day("2026-10-24") + i] = 100;
    in.engagements[day("2026-10-24") + i] = 5;
  }
  for (const char* metric : {"engagement_rate", "viewers", "cost_per_useful_follower"}) {
    CAPTURE(metric);
    const GoalResult r = evaluate(in, goal(metric, Bound::Kind::at_least, 1e6, "2026-12-31"));
    CHECK(r.status == GoalStatus::behind);
    CHECK_FALSE(r.required_per_day);
    CHECK_FALSE(r.current_per_day);
  }
}

TEST_CASE("a stock at_most bound with a falling trend is on track") {
  AuditInput in = spec_example();
  in.followers.clear();
  for (int i = 0; i < 28; ++i) in.followers[day("2026-10-24") + i] = 1000 - 2 * i;  // 946 today
  const GoalResult r = evaluate(in, goal("followers", Bound::Kind::at_most, 900, "2026-12-31"));
  CHECK(r.current == 946.0);
  CHECK(r.projected == 864.0);  // 946 - 2 x 41
  CHECK(r.status == GoalStatus::on_track);
  CHECK(r.projected_date->iso() == "2026-12-13");  // (900 - 946) / -2 = 23 days
}

TEST_CASE("useful followers move with the follower trend scaled by the target share") {
  // 3258 useful followers, trend 11 x 0.33 = 3.63 a day: 3258 + 3.63 x 41 = 3406.83
  const GoalResult r =
      evaluate(spec_example(), goal("useful_followers", Bound::Kind::at_least, 3300, "2026-12-31"));
  CHECK(r.current == 3258.0);
  CHECK(near(r.projected, 3406.83, 1e-9));
  CHECK(r.status == GoalStatus::on_track);
}

TEST_CASE("customer followers from a survey do not follow the follower trend") {
  const GoalResult r = evaluate(
      spec_example(), goal("customer_followers", Bound::Kind::at_least, 600, "2026-12-31"));
  CHECK(r.current == 510.0);
  CHECK_FALSE(r.projected);
  CHECK(r.status == GoalStatus::behind);
}

TEST_CASE("customer followers from a stated share follow the follower trend") {
  AuditInput in = spec_example();
  in.goals.survey.reset();
  in.goals.audience.stated_customer_share = 0.10;
  // 987 today, trend 1.1 a day: 987 + 1.1 x 41 = 1032.1
  const GoalResult r =
      evaluate(in, goal("customer_followers", Bound::Kind::at_least, 1000, "2026-12-31"));
  CHECK(r.current == 987.0);
  CHECK(near(r.projected, 1032.1, 1e-9));
  CHECK(r.status == GoalStatus::on_track);
}

TEST_CASE("each metric of the vocabulary reads its figure") {
  AuditInput in = spec_example();
  in.views = {{day("2026-11-01"), 400}, {day("2026-11-02"), 600}};
  in.engagements = {{day("2026-11-01"), 30}, {day("2026-11-02"), 20}};
  in.page_visits = {{day("2026-11-03"), 12}};
  in.net_follows = {{day("2026-11-03"), 4}};
  in.viewers_window = 1500;
  in.posts = 9;
  in.comments = 41;
  in.commenters = {{"a", {}}, {"b", {}}, {"c", {}}};
  in.reply_waits = {{1, true}, {10, false}, {2, true}, {4, true}};
  in.outcomes["visitors"] = {
      {day("2026-10-23"), 99}, {day("2026-10-24"), 70}, {day("2026-11-20"), 80}};
  const Figures f = compute_figures(in);
  struct Case {
    const char* metric;
    double expected;
  };
  const Case cases[] = {
      {"followers", 9874},
      {"net_follows", 310},  // the follower count's change wins over the daily series
      {"views", 1000},
      {"viewers", 1500},
      {"engagements", 50},
      {"engagement_rate", 0.05},  // 50 / 1000
      {"page_visits", 12},
      {"posts", 9},
      {"comments", 41},
      {"engagers", 3},
      {"customer_followers", 510},
      {"customer_share", 510.0 / 9874},
      {"useful_followers", 3258},
      {"hours", 56},
      {"hours_per_useful_follower", 56.0 / 3258},
      {"cost_per_useful_follower", 532.0 / 3258},
      {"reply_hours", 3},         // median of 1, 2, 4, 10 (the unanswered one counts)
      {"outcome:visitors", 150},  // 70 + 80; 2026-10-23 is before the window
  };
  for (const Case& c : cases) {
    CAPTURE(c.metric);
    CHECK(near(metric_value(c.metric, in, f).current, c.expected, 1e-9));
  }
}

TEST_CASE("net follows fall back to the daily series without a follower change") {
  AuditInput in = spec_example();
  in.followers.erase(day("2026-10-23"));
  in.net_follows = {{day("2026-11-03"), 4}, {day("2026-11-04"), -1}};
  const Figures f = compute_figures(in);
  CHECK(metric_value("net_follows", in, f).current == 3.0);
}

TEST_CASE("metrics without their data are empty") {
  const AuditInput in = spec_example();
  const Figures f = compute_figures(in);
  for (const char* metric : {"views", "viewers", "engagement_rate", "posts", "comments", "engagers",
                             "reply_hours", "outcome:sales"}) {
    CAPTURE(metric);
    CHECK_FALSE(metric_value(metric, in, f).current);
  }
}

TEST_CASE("an engagement rate over no views is empty") {
  AuditInput in = spec_example();
  in.views = {{day("2026-11-01"), 0}};
  in.engagements = {{day("2026-11-01"), 5}};
  CHECK_FALSE(metric_value("engagement_rate", in, compute_figures(in)).current);
}

TEST_CASE("status names as reports spell them") {
  CHECK(goal_status_name(GoalStatus::on_track) == "on_track");
  CHECK(goal_status_name(GoalStatus::no_data) == "no_data");
}

}  // namespace
}  // namespace pageaudit

namespace pageaudit {
namespace {

TEST_CASE("goal statuses rank met < on_track < behind < missed, and no_data is at no threshold") {
  const GoalStatus order[] = {GoalStatus::met, GoalStatus::on_track, GoalStatus::behind,
                              GoalStatus::missed};
  for (size_t s = 0; s < 4; ++s) {
    for (size_t t = 0; t < 4; ++t) {
      CAPTURE(goal_status_name(order[s]));
      CAPTURE(goal_status_name(order[t]));
      CHECK(goal_status_at_least(order[s], order[t]) == (s >= t));
    }
    CHECK_FALSE(goal_status_at_least(GoalStatus::no_data, order[s]));
    CHECK_FALSE(goal_status_at_least(order[s], GoalStatus::no_data));
  }
  CHECK_FALSE(goal_status_at_least(GoalStatus::no_data, GoalStatus::no_data));
}

}  // namespace
}  // namespace pageaudit
