// Tests for the Page's backfill start (graph/pull_plan, store/pull_store): the days a pull wanted
// are remembered, so that a pull interrupted before its earliest windows committed is completed
// by the next one, even though its later windows did commit.
#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "graph/plan_text.h"
#include "pageaudit/graph/pull_plan.h"
#include "pull_rig.h"

namespace pageaudit {
namespace {

using test::day;
using test::PullRig;
using test::query;
using test::text;

TEST_CASE("a run without --since wants the days from the recorded backfill start") {
  struct Case {
    const char* name;
    std::optional<Date> backfill_start;
    std::vector<DayRange> insights_covered;
    std::vector<DayRange> posts_covered;
    std::optional<Date> since;
    const char* insights;
    const char* posts;
    std::optional<Date> first_wanted;
  };
  // Today is 2026-09-30: yesterday is 2026-09-29, two years back is 2024-09-30; 3 trailing days
  // of insights (from 2026-09-27) and 7 of posts (from 2026-09-23) are asked again.
  const std::vector<DayRange> late = {{day("2026-05-23"), day("2026-09-28")}};
  const Case cases[] = {
      {"coverage starting after the recorded start: the gap before it is asked", day("2026-05-01"),
       late, late, std::nullopt, "[2026-05-01,2026-05-23) [2026-09-27,2026-09-30) ",
       "[2026-05-01,2026-05-23) [2026-09-23,now) ", day("2026-05-01")},
      {"a recorded start older than two years: from two years back",
       day("2023-01-01"),
       {{day("2024-10-10"), day("2026-09-28")}},
       {{day("2024-10-10"), day("2026-09-28")}},
       std::nullopt,
       "[2024-09-30,2024-10-10) [2026-09-27,2026-09-30) ",
       "[2024-09-30,2024-10-10) [2026-09-23,now) ",
       day("2024-09-30")},
      {"coverage before the recorded start counts, with the gap after it",
       day("2026-06-01"),
       {{day("2026-05-01"), day("2026-05-10")}, {day("2026-06-01"), day("2026-09-28")}},
       {{day("2026-06-01"), day("2026-09-28")}},
       std::nullopt,
       "[2026-05-11,2026-06-01) [2026-09-27,2026-09-30) ",
       "[2026-09-23,now) ",
       day("2026-05-01")},
      {"no recorded start (pulled before it was kept): from the first covered day", std::nullopt,
       late, late, std::nullopt, "[2026-09-27,2026-09-30) ", "[2026-09-23,now) ",
       day("2026-05-23")},
      {"no start, posts covered from earlier than insights: the earlier day is the first wanted",
       std::nullopt,
       late,
       {{day("2026-04-01"), day("2026-09-28")}},
       std::nullopt,
       "[2026-09-27,2026-09-30) ",
       "[2026-09-23,now) ",
       day("2026-04-01")},
      {"--since wins over the recorded start",
       day("2026-05-01"),
       {{day("2026-09-01"), day("2026-09-28")}},
       {{day("2026-09-01"), day("2026-09-28")}},
       day("2026-09-01"),
       "[2026-09-27,2026-09-30) ",
       "[2026-09-23,now) ",
       day("2026-09-01")},
      {"--since today wants no day: nothing to record", day("2026-05-01"), late, late,
       day("2026-09-30"), "", "", std::nullopt},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    PlanInput input;
    input.today = day("2026-09-30");
    input.since = c.since;
    input.backfill_start = c.backfill_start;
    input.insights_covered = c.insights_covered;
    input.posts_covered = c.posts_covered;
    PagePlan plan = plan_page(input);
    CHECK(text(plan.insights) == c.insights);
    CHECK(text(plan.posts) == c.posts);
    CHECK(plan.first_wanted == c.first_wanted);
  }
}

// A clean two-year backfill, the reference the repaired store must equal.
const std::string& clean_backfill() {
  static const std::string dump = [] {
    PullRig rig;
    auto status = rig.pull();
    if (!status) throw std::runtime_error(status.error().message);
    return rig.dump();
  }();
  return dump;
}

TEST_CASE("a first pull that kept only its later windows is completed by the next pull") {
  PullRig rig;  // today 2026-09-30: the backfill starts on 2024-09-30
  // Every request of the first window of each kind fails, however often it is retried, so the
  // Page stops while later windows, answered meanwhile, are committed: the state a first pull
  // killed midway leaves. 1727679600 is 2024-09-30 00:00 in Pacific time (PDT): 19,996 days of
  // 86,400 s, plus 7 h. It matches the first posts window and the breakdowns of the first
  // insights window (whose main call, by field expansion, writes since(...) instead).
  fake::FaultRule rule;
  rule.kind = fake::FaultKind::http_500;
  rule.count = 100000;
  rule.path_contains = "since=1727679600";
  rig.server->add_fault(rule);
  // One request at a time: the retries of the failing requests queue behind everything else,
  // so every later window is complete before the Page stops, whatever the machine's load.
  rig.options.parallel = 1;
  REQUIRE_FALSE(rig.pull());
  CHECK(query(rig.db, "SELECT backfill_start FROM pull_state") == "2024-09-30\n");
  // The first window of each kind is missing: 90 days of insights, 30 of posts.
  CHECK(query(rig.db, "SELECT kind, first_day, last_day FROM pull_coverage ORDER BY kind") ==
        "insights|2024-12-29|2026-09-29\nposts|2024-10-30|2026-09-29\n");

  rig.server->clear_faults();
  rig.options.parallel = PullOptions{}.parallel;
  REQUIRE(rig.pull());
  CHECK(rig.dump() == clean_backfill());
  CHECK(query(rig.db, "SELECT backfill_start FROM pull_state") == "2024-09-30\n");
}

TEST_CASE("the backfill start only moves earlier, and --since earlier than it moves it") {
  PullRig rig;
  rig.options.since = "2026-09-01";
  REQUIRE(rig.pull());
  CHECK(query(rig.db, "SELECT backfill_start FROM pull_state") == "2026-09-01\n");
  rig.options.since = "2026-09-20";  // later: the recorded start stays
  REQUIRE(rig.pull());
  CHECK(query(rig.db, "SELECT backfill_start FROM pull_state") == "2026-09-01\n");
  rig.options.since = "2026-08-25";
  REQUIRE(rig.pull());
  CHECK(query(rig.db, "SELECT backfill_start FROM pull_state") == "2026-08-25\n");
  // Without --since the wanted days begin there: nothing before 2026-08-25 is asked.
  rig.options.since.reset();
  REQUIRE(rig.pull());
  CHECK(query(rig.db, "SELECT min(date) FROM page_metrics WHERE period = 'day'") == "2026-08-25\n");
}

}  // namespace
}  // namespace pageaudit
