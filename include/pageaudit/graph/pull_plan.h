// Which days a pull asks Meta for: the backfill, the days missing since the last run, and the
// trailing days re-fetched because Meta revises recent values.
//
// All pure: days are Meta's US Pacific days, "today" is given by the caller, and the days a Page
// already has come from the store (pull_coverage).
#pragma once

#include <optional>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/graph/request.h"

namespace pageaudit {

// Days first..last, both included.
struct DayRange {
  Date first;
  Date last;
  constexpr bool operator==(const DayRange&) const = default;
};

// The ranges sorted, with overlapping and adjacent ones joined; empty ranges (last < first)
// dropped.
std::vector<DayRange> merge_ranges(std::vector<DayRange> ranges);

// The days of `want` that no range in `have` contains, as sorted disjoint ranges.
std::vector<DayRange> subtract_ranges(DayRange want, const std::vector<DayRange>& have);

// Meta keeps insights for two years: a first run goes back this far.
inline constexpr int k_backfill_days = 730;
// Posts are listed in windows of this many days, so that a backfill's windows can be asked for
// at once and each page of 25 posts with insights and comments stays small.
inline constexpr int k_posts_window_days = 30;
// Trailing days of daily values asked again on every run, as Meta revises recent days
// (--refetch-days).
inline constexpr int k_default_refetch_days = 3;
// Trailing days of posts listed again, for their new insights and comments.
inline constexpr int k_default_post_days = 7;

struct PlanInput {
  Date today;                 // the Pacific day of the run: never asked for daily values
  std::optional<Date> since;  // --since: the first day wanted (default: coverage, else backfill)
  std::optional<Date> until;  // --until: the last day wanted (default: yesterday)
  int backfill_days = k_backfill_days;
  int refetch_days = k_default_refetch_days;
  int post_days = k_default_post_days;
  std::vector<DayRange> insights_covered;  // merged, from the store
  std::vector<DayRange> posts_covered;
  // The earliest day an earlier run wanted (pull_state.backfill_start); none for a Page never
  // pulled, or pulled before it was recorded.
  std::optional<Date> backfill_start;
};

// A window of posts by creation day: [since, until), or from since on with no end (the window
// that reaches today, whose posts are listed up to the moment of the call).
struct PostsWindow {
  Date since;
  std::optional<Date> until;
  constexpr bool operator==(const PostsWindow&) const = default;
};

struct PagePlan {
  std::vector<DayWindow> insights;  // at most k_max_window_days each, oldest first
  std::vector<PostsWindow> posts;   // at most k_posts_window_days each, oldest first
  // The first day the run wants, of either kind; none when it wants no day. The caller records
  // it as the Page's backfill start before asking anything (see plan_page).
  std::optional<Date> first_wanted;
};

// The windows a run asks for:
// - wanted days: since, else the earlier of backfill_start and the first covered day but not
//   before today - backfill_days (Meta has nothing older), else today - backfill_days; up to
//   until (else yesterday; never today or later);
// - insights: the wanted days not covered yet, plus the last refetch_days days before today when
//   the wanted days reach yesterday;
// - posts: likewise, with post_days trailing days and the last window open-ended (today's posts
//   included) when the wanted days reach yesterday.
PagePlan plan_page(const PlanInput& input);

// The days a posts window covers once listed: since .. until-1, or since .. today-1 when
// open-ended (today is listed again tomorrow).
DayRange covered_days(const PostsWindow& window, Date today);

}  // namespace pageaudit
