// Tests for audit/audit: the whole audit of the SPEC's café, figure by figure.
#include <doctest/doctest.h>

#include <cmath>

#include "audit/spec_example.h"
#include "pageaudit/audit/audit.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::near;

TEST_CASE("the audit of the SPEC's example agrees with the SPEC's numbers") {
  const AuditResult r = run_audit(test::spec_example());
  CHECK(r.as_of.iso() == "2026-11-20");
  CHECK(r.window_days == 28);
  CHECK(r.page_id == "100064197037125");
  CHECK(r.page_name == "Café La Esquina");

  const Figures& f = r.figures;
  CHECK(f.followers.value == 9874.0);
  CHECK(f.followers.net_change_window == 310.0);
  CHECK(near(f.followers.trend_per_day, 11, 1e-9));
  CHECK(f.effort.hours_window.value == 56.0);  // 28 days x 2 h
  CHECK(f.effort.cost_window.value == 532.0);  // 56 x 9.5
  CHECK(f.effort.source == EffortSource::stated);

  REQUIRE_FALSE(f.customers.empty());
  const CustomerEstimate& headline = f.customers.front();
  CHECK(headline.method == CustomerMethod::survey);
  CHECK(headline.customer_followers == 510.0);  // 34/120 x 1800
  CHECK(near(headline.share, 0.052, 0.0005));   // 510 / 9874 = 0.0517
  CHECK(near(headline.low, 0.038, 0.0005));     // 0.2104 x 1800 / 9874 = 0.0384
  CHECK(near(headline.high, 0.067, 0.0005));    // 0.3697 x 1800 / 9874 = 0.0674

  CHECK(f.useful.value.value == 3258.0);  // 0.33 x 9874 = 3258.42
  CHECK(f.useful.share == 0.33);
  CHECK(near(f.hours_per_useful_follower.value, 0.0172, 0.00005));    // 56 / 3258
  CHECK(near(f.hours_per_new_useful_follower.value, 0.547, 0.0005));  // 56 / (0.33 x 310)
  CHECK(near(f.cost_per_useful_follower.value, 0.163, 0.0005));       // 532 / 3258

  REQUIRE(r.goals.size() == 1);
  const GoalResult& g = r.goals[0];
  CHECK(g.goal.id == "followers-15k");
  CHECK(g.current == 9874.0);
  CHECK(g.status == GoalStatus::behind);
  CHECK(g.projected == 10325.0);                   // 9874 + 11 x 41
  CHECK(near(g.required_per_day, 125.0, 0.05));    // 5126 / 41 = 125.02
  CHECK(g.projected_date->iso() == "2028-02-29");  // 5126 / 11 = 466 days
  CHECK(g.lint == std::vector<std::string>{"vanity-round-target"});

  REQUIRE(r.lint.size() == 3);
  CHECK(r.lint[1].rule == "no-business-goal");
  CHECK(r.lint[2].rule == "effort-unbounded");
  CHECK(r.data_quality.empty());
}

TEST_CASE("an audit without data or goals still completes") {
  AuditInput in;
  in.as_of = test::day("2026-11-20");
  const AuditResult r = run_audit(in);
  CHECK_FALSE(r.figures.followers.value);
  CHECK(r.figures.customers.empty());
  CHECK(r.goals.empty());
  REQUIRE(r.lint.size() == 1);
  CHECK(r.lint[0].rule == "no-business-goal");
  REQUIRE(r.data_quality.size() == 1);
  CHECK(r.data_quality[0].note == "no-follower-data");
}

}  // namespace
}  // namespace pageaudit

namespace pageaudit {
namespace {

// An audit of page whose goals are in the given states, named after them.
AuditResult audit_with(const char* page, std::vector<GoalStatus> statuses) {
  AuditResult r;
  r.page_id = page;
  for (GoalStatus s : statuses) {
    GoalResult g;
    g.goal.id = std::string(goal_status_name(s)) + std::to_string(r.goals.size());
    g.status = s;
    r.goals.push_back(g);
  }
  return r;
}

TEST_CASE("--fail-on fails on goals in its state or worse, naming each, and never on no_data") {
  const AuditResult r = audit_with(
      "1", {GoalStatus::met, GoalStatus::behind, GoalStatus::no_data, GoalStatus::missed});
  const Status behind = check_fail_on(r, GoalStatus::behind);
  REQUIRE_FALSE(behind);
  CHECK(behind.error().code == ExitCode::goal_failed);
  CHECK(behind.error().message ==
        "--fail-on behind: 2 goals are behind or missed: behind1 (behind), missed3 (missed)");
  const Status missed = check_fail_on(r, GoalStatus::missed);
  REQUIRE_FALSE(missed);
  CHECK(missed.error().message == "--fail-on missed: 1 goal is missed: missed3 (missed)");
  CHECK(check_fail_on(audit_with("1", {GoalStatus::on_track, GoalStatus::no_data}),
                      GoalStatus::behind));
}

TEST_CASE("--fail-on over several Pages names every failing Page") {
  const AuditResult a = audit_with("1", {GoalStatus::missed});
  const AuditResult b = audit_with("2", {GoalStatus::met});
  const AuditResult c = audit_with("3", {GoalStatus::behind, GoalStatus::missed});
  const std::vector<const AuditResult*> all{&a, &b, &c};
  const Status s = check_fail_on(all, GoalStatus::missed);
  REQUIRE_FALSE(s);
  CHECK(s.error().code == ExitCode::goal_failed);
  CHECK(s.error().message ==
        "--fail-on missed: 2 of 3 Pages have goals missed: Page 1: missed0 (missed); Page 3: "
        "missed1 (missed)");
  const std::vector<const AuditResult*> one_page{&b, &c};
  CHECK(check_fail_on(one_page, GoalStatus::behind).error().message ==
        "--fail-on behind: 1 of 2 Pages has a goal behind or missed: Page 3: behind0 (behind), "
        "missed1 (missed)");
  const std::vector<const AuditResult*> passing{&b};
  CHECK(check_fail_on(passing, GoalStatus::behind));
}

}  // namespace
}  // namespace pageaudit
