// Tests for graph/pull_plan: day ranges, and which windows a first run, a nightly run and a run
// with --since/--until ask for.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "graph/plan_text.h"
#include "pageaudit/graph/pull_plan.h"

namespace pageaudit {
namespace {

using test::day;
using test::text;

TEST_CASE("ranges merge when they overlap or touch, and empty ranges are dropped") {
  std::vector<DayRange> ranges = {
      {day("2026-01-05"), day("2026-01-07")}, {day("2026-01-01"), day("2026-01-03")},
      {day("2026-01-04"), day("2026-01-04")}, {day("2026-01-10"), day("2026-01-12")},
      {day("2026-01-11"), day("2026-01-15")}, {day("2026-02-01"), day("2026-01-31")}};
  CHECK(text(merge_ranges(ranges)) == "2026-01-01..2026-01-07 2026-01-10..2026-01-15 ");
}

TEST_CASE("subtracting ranges leaves the days no range contains") {
  std::vector<DayRange> have = {{day("2026-01-03"), day("2026-01-05")},
                                {day("2026-01-08"), day("2026-01-08")},
                                {day("2026-01-19"), day("2026-01-25")}};
  CHECK(text(subtract_ranges({day("2026-01-01"), day("2026-01-20")}, have)) ==
        "2026-01-01..2026-01-02 2026-01-06..2026-01-07 2026-01-09..2026-01-18 ");
  CHECK(text(subtract_ranges({day("2026-01-03"), day("2026-01-05")}, have)).empty());
  CHECK(text(subtract_ranges({day("2026-01-01"), day("2026-01-02")}, {})) ==
        "2026-01-01..2026-01-02 ");
}

TEST_CASE("a first run backfills two years in windows of at most 90 days") {
  PlanInput input;
  input.today = day("2026-09-30");
  PagePlan plan = plan_page(input);
  // 2024-09-30 .. 2026-09-29 is 730 days: eight windows of 90 and one of 10.
  REQUIRE(plan.insights.size() == 9);
  CHECK(plan.insights.front().since == day("2024-09-30"));
  CHECK(plan.insights.front().until == day("2024-12-29"));
  CHECK(plan.insights.back().since == day("2026-09-20"));
  CHECK(plan.insights.back().until == day("2026-09-30"));
  for (size_t i = 1; i < plan.insights.size(); ++i)
    CHECK(plan.insights[i].since == plan.insights[i - 1].until);
  // Posts in 30-day windows: 24 of 30 and one of 10, the last one open to today's posts.
  REQUIRE(plan.posts.size() == 25);
  CHECK(plan.posts.front() == PostsWindow{day("2024-09-30"), day("2024-10-30")});
  CHECK(plan.posts.back() == PostsWindow{day("2026-09-20"), std::nullopt});
}

TEST_CASE("which windows a run asks for, given what the store has") {
  struct Case {
    const char* name;
    std::vector<DayRange> insights_covered;
    std::vector<DayRange> posts_covered;
    std::optional<Date> since, until;
    int refetch_days, post_days;
    const char* insights;
    const char* posts;
  };
  const std::vector<DayRange> through_28 = {{day("2024-09-30"), day("2026-09-28")}};
  const std::vector<DayRange> through_29 = {{day("2024-09-30"), day("2026-09-29")}};
  const Case cases[] = {
      {"nightly: yesterday and the re-fetched days; a week of posts", through_28, through_28,
       std::nullopt, std::nullopt, 3, 7, "[2026-09-27,2026-09-30) ", "[2026-09-23,now) "},
      {"up to date with nothing to re-fetch: no window", through_29, through_29, std::nullopt,
       std::nullopt, 0, 0, "", ""},
      {"a gap in the store is filled",
       {{day("2024-09-30"), day("2025-06-30")}, {day("2025-08-01"), day("2026-09-28")}},
       through_28,
       std::nullopt,
       std::nullopt,
       3,
       7,
       "[2025-07-01,2025-08-01) [2026-09-27,2026-09-30) ",
       "[2026-09-23,now) "},
      {"--since on an empty store starts there",
       {},
       {},
       day("2026-09-01"),
       std::nullopt,
       3,
       7,
       "[2026-09-01,2026-09-30) ",
       "[2026-09-01,now) "},
      {"--until in the past re-fetches nothing and lists no open window",
       {},
       {},
       day("2026-06-01"),
       day("2026-06-30"),
       3,
       7,
       "[2026-06-01,2026-07-01) ",
       "[2026-06-01,2026-07-01) "},
      {"--until today is capped at yesterday", through_28, through_28, std::nullopt,
       day("2026-09-30"), 1, 1, "[2026-09-29,2026-09-30) ", "[2026-09-29,now) "},
      {"--since after --until asks nothing",
       {},
       {},
       day("2026-06-10"),
       day("2026-06-01"),
       3,
       7,
       "",
       ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    PlanInput input;
    input.today = day("2026-09-30");
    input.since = c.since;
    input.until = c.until;
    input.refetch_days = c.refetch_days;
    input.post_days = c.post_days;
    input.insights_covered = c.insights_covered;
    input.posts_covered = c.posts_covered;
    PagePlan plan = plan_page(input);
    CHECK(text(plan.insights) == c.insights);
    CHECK(text(plan.posts) == c.posts);
  }
}

TEST_CASE("a posts window covers its days, an open one up to yesterday") {
  CHECK(covered_days(PostsWindow{day("2026-09-23"), std::nullopt}, day("2026-09-30")) ==
        DayRange{day("2026-09-23"), day("2026-09-29")});
  CHECK(covered_days(PostsWindow{day("2026-06-01"), day("2026-07-01")}, day("2026-09-30")) ==
        DayRange{day("2026-06-01"), day("2026-06-30")});
}

}  // namespace
}  // namespace pageaudit
