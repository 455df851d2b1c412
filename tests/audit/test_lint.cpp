// Tests for audit/lint: each rule firing and not firing, and each data-quality note.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>

#include "audit/spec_example.h"
#include "pageaudit/audit/lint.h"

namespace pageaudit {
namespace {

using test::day;
using test::spec_example;

Goal goal(const char* id, const char* metric, double at_least, std::optional<Objective> objective,
          bool deadline = true) {
  Goal g;
  g.id = id;
  g.metric = metric;
  g.bound = Bound{Bound::Kind::at_least, at_least};
  g.objective = objective;
  if (deadline) g.by = day("2026-12-31");
  return g;
}

// The example with its goals replaced.
AuditInput with_goals(std::vector<Goal> goals) {
  AuditInput in = spec_example();
  in.goals.goals = std::move(goals);
  return in;
}

std::vector<LintFinding> lint(const AuditInput& in) {
  return lint_goals(in, compute_figures(in));
}

// Copies, so that a finding outlives the temporary vector it was found in.
std::optional<LintFinding> find(const std::vector<LintFinding>& findings, std::string_view rule) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const LintFinding& f) { return f.rule == rule; });
  if (it == findings.end()) return std::nullopt;
  return *it;
}

std::optional<DataQualityNote> find(const std::vector<DataQualityNote>& notes,
                                    std::string_view id) {
  auto it = std::find_if(notes.begin(), notes.end(),
                         [&](const DataQualityNote& n) { return n.note == id; });
  if (it == notes.end()) return std::nullopt;
  return *it;
}

// Goals that keep the set-level rules quiet, to look at one goal's findings alone.
const Goal k_outcome_goal = goal("visitors", "outcome:visitors", 2500, Objective::acquisition);
const Goal k_cost_goal = goal("cost", "cost_per_useful_follower", 0, Objective::other);

TEST_CASE("a round follower target asks the three questions") {
  const auto findings = lint(spec_example());
  const auto f = find(findings, "vanity-round-target");
  REQUIRE(f);
  CHECK(f->goal == "followers-15k");
  CHECK(f->message ==
        "goal \"followers-15k\": 15,000 followers is a round number. Does anyone care if the Page "
        "reaches 15,000? Is 15,000 worth more to you or your customers than 14,999? If you reach "
        "it, what is the direct effect on the business?");
}

TEST_CASE("round targets on views and viewers are vanity too, other metrics and bounds are not") {
  struct Case {
    const char* metric;
    double bound;
    bool fires;
  };
  const Case cases[] = {
      {"views", 50000, true},    {"viewers", 1000, true},      {"followers", 15500, false},
      {"followers", 999, false}, {"engagements", 5000, false}, {"useful_followers", 4000, false},
      {"followers", 0, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.metric);
    CAPTURE(c.bound);
    const auto findings = lint(with_goals(
        {goal("g", c.metric, c.bound, Objective::grow_audience), k_outcome_goal, k_cost_goal}));
    CHECK(find(findings, "vanity-round-target").has_value() == c.fires);
  }
}

TEST_CASE("a round target tied to an outcome of the same objective is not vanity") {
  const auto tied = lint(with_goals(
      {goal("f", "followers", 15000, Objective::acquisition), k_outcome_goal, k_cost_goal}));
  CHECK_FALSE(find(tied, "vanity-round-target"));
  const auto other_objective = lint(with_goals(
      {goal("f", "followers", 15000, Objective::grow_audience), k_outcome_goal, k_cost_goal}));
  CHECK(find(other_objective, "vanity-round-target"));
}

TEST_CASE("a goal without objective or deadline is asked what for and by when") {
  const auto findings =
      lint(with_goals({goal("g", "outcome:visitors", 2500, std::nullopt, false), k_cost_goal}));
  const auto objective = find(findings, "no-objective");
  REQUIRE(objective);
  CHECK(objective->goal == "g");
  CHECK(objective->message == "goal \"g\" has no objective: what is it for?");
  const auto deadline = find(findings, "no-deadline");
  REQUIRE(deadline);
  CHECK(deadline->message == "goal \"g\" has no deadline: by when?");

  const auto complete = lint(with_goals({k_outcome_goal, k_cost_goal}));
  CHECK_FALSE(find(complete, "no-objective"));
  CHECK_FALSE(find(complete, "no-deadline"));
}

TEST_CASE("a metric that does not measure the objective names the ones that would") {
  const auto findings = lint(with_goals(
      {goal("shop", "followers", 12345, Objective::online_sales), k_outcome_goal, k_cost_goal}));
  const auto f = find(findings, "objective-mismatch");
  REQUIRE(f);
  CHECK(f->goal == "shop");
  CHECK(f->message ==
        "goal \"shop\": followers does not measure online_sales; metrics that would: "
        "outcome:NAME, page_visits");
}

TEST_CASE("fitting metrics, effort metrics and the objective other raise no mismatch") {
  struct Case {
    const char* metric;
    Objective objective;
  };
  const Case cases[] = {
      {"outcome:sales", Objective::online_sales},
      {"reply_hours", Objective::customer_service},
      {"followers", Objective::grow_audience},
      {"customer_followers", Objective::loyalty},
      {"hours", Objective::brand_image},
      {"cost_per_useful_follower", Objective::loyalty},
      {"followers", Objective::other},
  };
  for (const Case& c : cases) {
    CAPTURE(c.metric);
    const auto findings =
        lint(with_goals({goal("g", c.metric, 12345, c.objective), k_outcome_goal, k_cost_goal}));
    CHECK_FALSE(find(findings, "objective-mismatch"));
  }
}

TEST_CASE("a goal set without any business measure is flagged once, without a goal") {
  const auto findings = lint(spec_example());
  const auto f = find(findings, "no-business-goal");
  REQUIRE(f);
  CHECK_FALSE(f->goal);
  CHECK(f->message ==
        "no goal measures customers, useful followers, replies or a business outcome: how will "
        "you know whether the Page helps the business?");
  for (const char* metric : {"outcome:visitors", "customer_followers", "customer_share",
                             "useful_followers", "reply_hours"}) {
    CAPTURE(metric);
    CHECK_FALSE(
        find(lint(with_goals({goal("g", metric, 1, Objective::other)})), "no-business-goal"));
  }
}

TEST_CASE("hours spent without a goal bounding them are flagged") {
  const auto findings = lint(spec_example());
  const auto f = find(findings, "effort-unbounded");
  REQUIRE(f);
  CHECK_FALSE(f->goal);
  CHECK(f->message ==
        "56 hours went into the Page in the last 28 days, but no goal bounds the hours or the "
        "cost per useful follower");
  for (const char* metric : {"hours", "hours_per_useful_follower", "cost_per_useful_follower"}) {
    CAPTURE(metric);
    CHECK_FALSE(
        find(lint(with_goals({goal("g", metric, 1, Objective::other)})), "effort-unbounded"));
  }
  AuditInput no_effort = spec_example();
  no_effort.goals.effort.hours_per_day.reset();
  CHECK_FALSE(find(lint(no_effort), "effort-unbounded"));
}

TEST_CASE("findings come goal by goal, then about the whole set") {
  const auto findings = lint(spec_example());
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].rule == "vanity-round-target");
  CHECK(findings[1].rule == "no-business-goal");
  CHECK(findings[2].rule == "effort-unbounded");
}

TEST_CASE("lint messages are written in the input's language") {
  AuditInput in =
      with_goals({goal("g", "outcome:visitors", 2500, Objective::acquisition, false), k_cost_goal});
  in.language = Language::es;
  const auto f = find(lint(in), "no-deadline");
  REQUIRE(f);
  CHECK(f->message == "la meta \"g\" no tiene fecha límite: ¿para cuándo?");
  const auto vanity = find(lint([] {
                             AuditInput es = spec_example();
                             es.language = Language::es;
                             return es;
                           }()),
                           "vanity-round-target");
  REQUIRE(vanity);
  CHECK(vanity->message.starts_with(
      "meta \"followers-15k\": 15.000 followers es un número redondo."));
}

TEST_CASE("complete, fresh data raises no data-quality note") {
  CHECK(check_data_quality(spec_example()).empty());
}

TEST_CASE("no follower count at all is one note") {
  AuditInput in = spec_example();
  in.followers.clear();
  in.followers[day("2026-11-21")] = 9900;  // after the audit day: does not count
  const auto notes = check_data_quality(in);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].note == "no-follower-data");
  CHECK(notes[0].message ==
        "there is no follower count for this Page up to 2026-11-20: import a follower export or "
        "run pageaudit pull");
}

TEST_CASE("missing follower days in the window and the day before it are counted") {
  AuditInput in = spec_example();
  in.followers.erase(day("2026-11-01"));
  in.followers.erase(day("2026-11-02"));
  const auto notes = check_data_quality(in);
  const auto n = find(notes, "follower-gaps");
  REQUIRE(n);
  // 2026-10-23 .. 2026-11-20 is 29 days: the window's 28 and the day before it
  CHECK(n->message ==
        "2 of the 29 days from 2026-10-23 to 2026-11-20 have no follower count (the first is "
        "2026-11-01)");
}

TEST_CASE("follower data that ends days before the audit day is stale") {
  AuditInput in = spec_example();
  for (int d = 16; d <= 20; ++d) in.followers.erase(day("2026-11-01") + (d - 1));
  const auto n = find(check_data_quality(in), "stale-audit-day");
  REQUIRE(n);
  CHECK(n->message ==
        "the newest follower count is from 2026-11-15, 5 days before the audit day 2026-11-20");

  AuditInput three_days = spec_example();
  for (int d = 18; d <= 20; ++d) three_days.followers.erase(day("2026-11-01") + (d - 1));
  CHECK_FALSE(find(check_data_quality(three_days), "stale-audit-day"));
}

TEST_CASE("a store not refreshed for days is stale") {
  AuditInput in = spec_example();
  in.today = day("2026-11-25");
  const auto n = find(check_data_quality(in), "stale-store");
  REQUIRE(n);
  CHECK(n->message ==
        "the newest follower count is from 2026-11-20, 5 days ago: run pageaudit pull or import "
        "a newer export");
  in.today = day("2026-11-23");
  CHECK_FALSE(find(check_data_quality(in), "stale-store"));
}

TEST_CASE("series breaks are noted when both sides of a replacement are present") {
  AuditInput in = spec_example();
  in.views[day("2026-11-01")] = 100;
  CHECK_FALSE(find(check_data_quality(in), "series-break-views"));
  in.impressions[day("2025-11-01")] = 900;
  const auto views = find(check_data_quality(in), "series-break-views");
  REQUIRE(views);
  CHECK(views->message ==
        "views replaced impressions on 2025-11-15 and are counted differently: compare views only "
        "with views");

  in.reach[day("2026-06-01")] = 300;
  CHECK_FALSE(find(check_data_quality(in), "series-break-viewers"));
  in.viewers_window = 1200;
  CHECK(find(check_data_quality(in), "series-break-viewers"));
}

TEST_CASE("a survey of fewer than 100 customers is rough") {
  AuditInput in = spec_example();
  in.goals.survey = Survey{60, 20};
  const auto n = find(check_data_quality(in), "small-survey");
  REQUIRE(n);
  CHECK(n->message ==
        "the survey asked only 60 customers: with fewer than 100 answers the customer estimate is "
        "rough");
  in.goals.survey = Survey{100, 20};
  CHECK_FALSE(find(check_data_quality(in), "small-survey"));
}

TEST_CASE("a survey without a customer count is noted") {
  AuditInput in = spec_example();
  in.goals.business.customers.reset();
  CHECK(find(check_data_quality(in), "survey-without-customers"));
  in.customers_imported = 600;
  CHECK_FALSE(find(check_data_quality(in), "survey-without-customers"));
}

TEST_CASE("too few commenters to match a customer list are noted") {
  AuditInput in = spec_example();
  for (int i = 0; i < 12; ++i) in.commenters.push_back({"p" + std::to_string(i), {}});
  in.comments = 15;
  CHECK_FALSE(find(check_data_quality(in), "few-commenters"));  // no customer list to match
  in.customer_hashes = std::make_shared<const CustomerHashes>(CustomerHashes{"0000"});
  const auto n = find(check_data_quality(in), "few-commenters");
  REQUIRE(n);
  CHECK(n->message ==
        "only 12 people commented in the window: at least 30 are needed to match them against "
        "the customer list");
  for (int i = 12; i < 30; ++i) in.commenters.push_back({"p" + std::to_string(i), {}});
  CHECK_FALSE(find(check_data_quality(in), "few-commenters"));
}

TEST_CASE("no note about few commenters when there is no comment data at all") {
  AuditInput in = spec_example();
  in.customer_hashes = std::make_shared<const CustomerHashes>(CustomerHashes{"0000"});
  in.comments.reset();  // nothing pulled from the Graph API yet
  CHECK_FALSE(find(check_data_quality(in), "few-commenters"));
}

}  // namespace
}  // namespace pageaudit
