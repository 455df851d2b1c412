// Goal metrics from the input and figures, and the status rules of SPEC 5.
#include "pageaudit/audit/goal_status.h"

#include "pageaudit/audit/metrics.h"
#include "pageaudit/audit/stats.h"

namespace pageaudit {
namespace {

// A stock that follows the follower series scaled by a share fixed over the window: its trend
// and the trend's margin scale by the share.
MetricValue scaled_stock(std::optional<double> current, const Figures& figures,
                         const std::optional<double>& share) {
  MetricValue v{current, {}, {}, {}};
  if (!share) return v;
  if (figures.followers.trend_per_day) v.trend_per_day = *figures.followers.trend_per_day * *share;
  if (figures.followers.trend_margin) v.trend_margin = *figures.followers.trend_margin * *share;
  return v;
}

MetricValue customer_value(std::string_view metric, const Figures& figures) {
  if (figures.customers.empty()) return {};
  const CustomerEstimate& headline = figures.customers.front();
  if (metric == "customer_share") return {headline.share, {}, {}, {}};
  // A survey counts customers who follow, not followers: it does not move with the follower
  // series, so it has no trend to project.
  if (headline.method == CustomerMethod::survey) return {headline.customer_followers, {}, {}, {}};
  return scaled_stock(headline.customer_followers, figures, headline.share);
}

// The projections at the deadline along the ends of the trend's 95% interval, and whether an
// on-track goal would miss its bound at one of them.
void project_ends(GoalResult& r, const MetricValue& value, long days) {
  if (!r.projected || !value.trend_margin) return;
  r.projected_low = project_value(*r.current, *value.trend_per_day - *value.trend_margin, days);
  r.projected_high = project_value(*r.current, *value.trend_per_day + *value.trend_margin, days);
  const Bound& bound = r.goal.bound;
  r.uncertain = r.status == GoalStatus::on_track &&
                !(bound.holds(*r.projected_low) && bound.holds(*r.projected_high));
}

// What "per day" means for a goal's metric (SPEC 5, required_per_day).
enum class PerDay {
  change,   // a stock: the daily change from the audit day to the deadline
  average,  // a window total: the daily average over the window
  none,     // a ratio, or unique people over the window, which do not add up day by day
};

PerDay per_day_kind(std::string_view metric) {
  if (metric == "viewers") return PerDay::none;
  const std::optional<MetricInfo> info = find_metric(metric);
  if (!info) return PerDay::none;
  switch (info->kind) {
    case MetricKind::stock:
      return PerDay::change;
    case MetricKind::flow:
      return PerDay::average;
    case MetricKind::ratio:
      return PerDay::none;
  }
  return PerDay::none;
}

}  // namespace

std::string_view goal_status_name(GoalStatus status) {
  switch (status) {
    case GoalStatus::met:
      return "met";
    case GoalStatus::on_track:
      return "on_track";
    case GoalStatus::behind:
      return "behind";
    case GoalStatus::missed:
      return "missed";
    case GoalStatus::no_data:
      return "no_data";
  }
  return "";
}

bool goal_status_at_least(GoalStatus status, GoalStatus threshold) {
  // The enumerators of progress are declared in its order; no_data stands outside it.
  if (status == GoalStatus::no_data || threshold == GoalStatus::no_data) return false;
  return static_cast<int>(status) >= static_cast<int>(threshold);
}

std::optional<GoalStatus> parse_fail_on(std::string_view text) {
  if (text == "behind") return GoalStatus::behind;
  if (text == "missed") return GoalStatus::missed;
  return std::nullopt;
}

MetricValue metric_value(std::string_view metric, const AuditInput& input, const Figures& figures) {
  if (metric == "followers") {
    return {figures.followers.value,
            figures.followers.trend_per_day,
            figures.followers.trend_margin,
            {}};
  }
  if (metric == "net_follows") {
    if (figures.followers.net_change_window)
      return {figures.followers.net_change_window, {}, {}, {}};
    return {window_sum(input.net_follows, input), {}, {}, {}};
  }
  // The window's activity, with the days it covers (figures.h).
  if (const WindowFigure* w = find_activity(figures.activity, metric)) {
    return {w->value, {}, {}, w->days};
  }
  if (metric == "customer_followers" || metric == "customer_share") {
    return customer_value(metric, figures);
  }
  if (metric == "useful_followers") {
    return scaled_stock(figures.useful.value.value, figures, figures.useful.share);
  }
  if (metric == "hours") return {figures.effort.hours_window.value, {}, {}, {}};
  if (metric == "hours_per_useful_follower")
    return {figures.hours_per_useful_follower.value, {}, {}, {}};
  if (metric == "cost_per_useful_follower")
    return {figures.cost_per_useful_follower.value, {}, {}, {}};
  if (metric == "reply_hours") {
    if (!figures.replies) return {};
    return {figures.replies->median_hours, {}, {}, {}};
  }
  return {};
}

GoalResult evaluate_goal(const Goal& goal, const AuditInput& input, const Figures& figures) {
  GoalResult r;
  r.goal = goal;
  const MetricValue value = metric_value(goal.metric, input, figures);
  r.current = value.current;
  if (!r.current) {
    r.status = GoalStatus::no_data;
    return r;
  }
  const double current = *r.current;
  const Bound& bound = goal.bound;
  const bool met = bound.holds(current);

  if (value.trend_per_day && goal.by && *goal.by >= input.as_of) {
    r.projected = project_value(current, *value.trend_per_day, *goal.by - input.as_of);
  }
  const bool deadline_passed = goal.by && *goal.by < input.as_of;
  switch (per_day_kind(goal.metric)) {
    case PerDay::change:
      if (!met && goal.by) {
        r.required_per_day = required_per_day(current, bound.value, input.as_of, *goal.by);
      }
      break;
    case PerDay::average:
      // A window total: the daily average the bound asks of a window, and the one it had.
      // Over the days the data covers: 16 days of views are not spread over 28.
      if (const int days = value.days.value_or(input.window_days); days > 0) {
        r.current_per_day = current / days;
      }
      if (!met && !deadline_passed) r.required_per_day = bound.value / input.window_days;
      break;
    case PerDay::none:
      break;
  }
  if (!met) {
    if (value.trend_per_day) {
      r.projected_date = date_reaching(input.as_of, current, *value.trend_per_day, bound.value);
    }
  }

  if (met) {
    r.status = GoalStatus::met;
  } else if (deadline_passed) {
    r.status = GoalStatus::missed;
  } else if (r.projected && bound.holds(*r.projected)) {
    r.status = GoalStatus::on_track;
  } else {
    r.status = GoalStatus::behind;
  }
  if (goal.by) project_ends(r, value, *goal.by - input.as_of);
  return r;
}

}  // namespace pageaudit
