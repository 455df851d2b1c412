// Where each goal stands (SPEC 5): its metric's current value, the projection to its deadline
// and its status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/audit/figures.h"

namespace pageaudit {

// The states of progress come in their order (goal_status_at_least relies on it), no_data last.
enum class GoalStatus {
  met,       // the bound holds on the audit day
  on_track,  // a stock metric whose window trend, projected to the deadline, meets the bound
  behind,    // neither met nor on track, and the deadline has not passed
  missed,    // the deadline is before the audit day and the bound does not hold
  no_data,   // the metric has no value on the audit day
};
std::string_view goal_status_name(GoalStatus status);

// Whether status is threshold or worse in the order of progress met < on_track < behind < missed
// (what audit --fail-on fails on). no_data is not a state of progress: it is at no threshold, and
// no status is at no_data.
bool goal_status_at_least(GoalStatus status, GoalStatus threshold);
// The states --fail-on takes: "behind" and "missed"; nullopt for any other text.
std::optional<GoalStatus> parse_fail_on(std::string_view text);

// A goal metric's value on the audit day and, for a stock metric with a daily series, its trend.
struct MetricValue {
  std::optional<double> current;
  std::optional<double> trend_per_day;
  std::optional<double> trend_margin;  // half-width of the trend's 95% interval
  std::optional<int> days;  // a window figure's days with data (activity); nullopt: the window's
};

// The value of a vocabulary metric (metrics.h): stocks on the audit day, flows summed over the
// window, ratios of window figures; net_follows is the followers' net change, else the sum of
// the daily series; engagers counts input.commenters and, like comments, needs input.comments.
// Unknown metrics and missing data give an empty value.
MetricValue metric_value(std::string_view metric, const AuditInput& input, const Figures& figures);

struct GoalResult {
  Goal goal;
  GoalStatus status = GoalStatus::no_data;
  std::optional<double> current;
  std::optional<double> projected;  // at the deadline, along the window trend
  // At the deadline along the low and high ends of the trend's 95% interval (slope_margin), when
  // there is a projection and the trend has an interval.
  std::optional<double> projected_low;
  std::optional<double> projected_high;
  // on_track, but at one end of that interval the bound would not hold: the data do not say.
  bool uncertain = false;
  // Per day, as SPEC 5 defines it for the metric's kind. A stock (followers, useful or customer
  // followers): the change per day needed from the audit day to the deadline. A window total
  // (views, posts, hours, outcomes...): the daily average the bound asks of a window, with
  // current_per_day the window's own over the days its data covers. A ratio, or viewers (unique
  // people do not add up day by day): neither.
  std::optional<double> required_per_day;
  std::optional<double> current_per_day;
  std::optional<Date> projected_date;  // when the trend reaches the bound
  std::vector<std::string> lint;       // ids of the lint rules that fired on this goal
};

// Evaluates one goal as of input.as_of. projected needs a trend and a deadline on or after the
// audit day; required_per_day an unmet bound, and for a stock a deadline after the audit day, for
// a window total a deadline not passed (or none); projected_date an unmet bound and a trend
// moving towards it. lint is left empty for the linter to fill.
GoalResult evaluate_goal(const Goal& goal, const AuditInput& input, const Figures& figures);

}  // namespace pageaudit
