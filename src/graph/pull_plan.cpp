// Day ranges and the windows a pull asks for.
#include "pageaudit/graph/pull_plan.h"

#include <algorithm>

namespace pageaudit {
namespace {

// The range of days a run wants for one kind of data, and whether it reaches yesterday (then the
// trailing days are asked again).
struct Wanted {
  std::optional<DayRange> days;
  bool reaches_yesterday = false;
};

// The first day wanted without --since. Coverage alone cannot say where the wanted days begin:
// a run's windows are answered out of order, so a first pull killed midway may have committed
// only its later windows, and starting from the first covered day would never ask for the
// earlier ones again (until Meta drops them for good). So each run records the first day it
// wants before asking anything (pull_state.backfill_start), and later runs start there.
// Committing a window's coverage only once every earlier one is complete would also work, but
// it would ask again for later windows that did arrive, and it ties the plan's correctness to
// the order in which answers commit; the recorded start makes the plan right whatever coverage
// a killed run left. The first covered day still counts, for Pages pulled before the start was
// recorded.
Date first_without_since(const PlanInput& input, const std::vector<DayRange>& covered) {
  Date oldest = input.today - input.backfill_days;
  std::optional<Date> first = input.backfill_start;
  if (!covered.empty() && (!first || covered.front().first < *first)) first = covered.front().first;
  return first ? std::max(*first, oldest) : oldest;
}

Wanted wanted_days(const PlanInput& input, const std::vector<DayRange>& covered) {
  Date yesterday = input.today - 1;
  Date first = input.since ? *input.since : first_without_since(input, covered);
  Date last = input.until ? std::min(*input.until, yesterday) : yesterday;
  Wanted wanted;
  wanted.reaches_yesterday = last == yesterday;
  if (first <= last) wanted.days = DayRange{first, last};
  return wanted;
}

// The missing days of `wanted` plus the trailing `trailing_days` of it.
std::vector<DayRange> days_to_ask(const Wanted& wanted, const std::vector<DayRange>& covered,
                                  int trailing_days) {
  if (!wanted.days) return {};
  std::vector<DayRange> ask = subtract_ranges(*wanted.days, covered);
  if (wanted.reaches_yesterday && trailing_days > 0) {
    ask.push_back(DayRange{std::max(wanted.days->first, wanted.days->last + 1 - trailing_days),
                           wanted.days->last});
  }
  return merge_ranges(std::move(ask));
}

}  // namespace

std::vector<DayRange> merge_ranges(std::vector<DayRange> ranges) {
  std::erase_if(ranges, [](const DayRange& r) { return r.last < r.first; });
  std::sort(ranges.begin(), ranges.end(),
            [](const DayRange& a, const DayRange& b) { return a.first < b.first; });
  std::vector<DayRange> out;
  for (const DayRange& range : ranges) {
    if (!out.empty() && range.first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, range.last);
    } else {
      out.push_back(range);
    }
  }
  return out;
}

std::vector<DayRange> subtract_ranges(DayRange want, const std::vector<DayRange>& have) {
  std::vector<DayRange> out;
  Date next = want.first;  // the first day not yet accounted for
  for (const DayRange& range : merge_ranges(have)) {
    if (range.last < next) continue;
    if (range.first > want.last) break;
    if (range.first > next) out.push_back(DayRange{next, range.first - 1});
    next = range.last + 1;
  }
  if (next <= want.last) out.push_back(DayRange{next, want.last});
  return out;
}

PagePlan plan_page(const PlanInput& input) {
  PagePlan plan;
  Wanted insights = wanted_days(input, input.insights_covered);
  for (const DayRange& range : days_to_ask(insights, input.insights_covered, input.refetch_days)) {
    for (const DayWindow& window : split_windows(range.first, range.last))
      plan.insights.push_back(window);
  }

  Wanted posts = wanted_days(input, input.posts_covered);
  std::vector<DayRange> post_days = days_to_ask(posts, input.posts_covered, input.post_days);
  for (const DayRange& range : post_days) {
    for (const DayWindow& window : split_windows(range.first, range.last, k_posts_window_days))
      plan.posts.push_back(PostsWindow{window.since, window.until});
  }
  // The window that reaches yesterday also takes the posts published today so far.
  if (posts.reaches_yesterday && !plan.posts.empty() &&
      plan.posts.back().until == std::optional<Date>(input.today)) {
    plan.posts.back().until.reset();
  }
  for (const Wanted& wanted : {insights, posts}) {
    if (wanted.days && (!plan.first_wanted || wanted.days->first < *plan.first_wanted))
      plan.first_wanted = wanted.days->first;
  }
  return plan;
}

DayRange covered_days(const PostsWindow& window, Date today) {
  return DayRange{window.since, window.until ? *window.until - 1 : today - 1};
}

}  // namespace pageaudit
