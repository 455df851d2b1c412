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
  in.reply_hours = {1, 10, 2, 4};
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
      {"reply_hours", 3},         // median of 1, 2, 4, 10
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
