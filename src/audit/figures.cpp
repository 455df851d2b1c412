// Figures of SPEC 5, each from the input alone; nulls carry the reason they are null.
#include "pageaudit/audit/figures.h"

#include <algorithm>
#include <cmath>

#include "pageaudit/audit/stats.h"

namespace pageaudit {
namespace {

std::optional<double> value_on(const DailySeries& series, Date day) {
  auto it = series.find(day);
  if (it == series.end()) return std::nullopt;
  return it->second;
}

Figure missing(std::string reason) {
  return Figure{std::nullopt, std::move(reason)};
}

FollowerFigures follower_figures(const AuditInput& input) {
  FollowerFigures f;
  f.value = value_on(input.followers, input.as_of);
  const std::optional<double> before = value_on(input.followers, input.window_start() - 1);
  if (f.value && before) f.net_change_window = *f.value - *before;

  std::vector<Point> points;
  for (auto it = input.followers.lower_bound(input.window_start());
       it != input.followers.end() && it->first <= input.as_of; ++it) {
    points.push_back({static_cast<double>(it->first - input.window_start()), it->second});
  }
  f.trend_per_day = least_squares_slope(points);
  f.trend_margin = slope_margin(points);
  return f;
}

// Every visitor's top-level comment counts, an unanswered one as waiting to the end of the audit
// day: a median of answered comments alone would reward leaving the hard ones unanswered.
std::optional<ReplyFigures> reply_figures(const AuditInput& input) {
  if (!input.comments) return std::nullopt;
  ReplyFigures r;
  std::vector<double> hours;
  for (const ReplyWait& wait : input.reply_waits) {
    hours.push_back(wait.hours);
    r.answered += wait.answered ? 1 : 0;
  }
  r.comments = static_cast<long>(input.reply_waits.size());
  r.median_hours = median(std::move(hours));
  r.share_answered = safe_divide(static_cast<double>(r.answered), static_cast<double>(r.comments));
  return r;
}

EffortFigures effort_figures(const AuditInput& input) {
  EffortFigures e;
  const std::optional<double> stated = input.goals.effort.hours_per_day;
  double hours = 0;
  int logged_days = 0;
  int stated_days = 0;
  for (Date day = input.window_start(); day <= input.as_of; day = day + 1) {
    if (auto logged = value_on(input.time_log, day)) {
      hours += *logged;
      ++logged_days;
    } else if (stated) {
      hours += *stated;
      ++stated_days;
    }
    // A day with neither counts as no work: a time log lists the days someone worked.
  }
  if (logged_days == 0 && stated_days == 0) {
    e.hours_window = missing("reason.no-effort-data");
    e.cost_window = missing("reason.no-effort-data");
    return e;
  }
  e.hours_window.value = hours;
  e.source = logged_days == 0   ? EffortSource::stated
             : stated_days == 0 ? EffortSource::log
                                : EffortSource::mixed;
  if (const auto cost = input.goals.business.hourly_cost) {
    e.cost_window.value = hours * *cost;
  } else {
    e.cost_window = missing("reason.no-hourly-cost");
  }
  return e;
}

std::optional<double> share_of_followers(double people, const std::optional<double>& followers) {
  if (!followers) return std::nullopt;
  return safe_divide(people, *followers);
}

std::optional<CustomerEstimate> survey_estimate(const AuditInput& input,
                                                const std::optional<double>& followers) {
  const std::optional<Survey>& survey = input.goals.survey;
  if (!survey) return std::nullopt;
  // The stated size of the customer base wins: an imported list is often only part of it.
  long customers = input.goals.business.customers.value_or(input.customers_imported);
  if (customers <= 0) return std::nullopt;
  const std::optional<Proportion> p = wilson_interval(survey->follow, survey->asked);
  if (!p) return std::nullopt;
  const auto size = static_cast<double>(customers);
  CustomerEstimate e;
  e.method = CustomerMethod::survey;
  e.customer_followers = std::round(p->p * size);
  e.share = share_of_followers(e.customer_followers, followers);
  e.low = share_of_followers(p->low * size, followers);
  e.high = share_of_followers(p->high * size, followers);
  e.n = survey->asked;
  return e;
}

std::optional<CustomerEstimate> match_estimate(const AuditInput& input,
                                               const std::optional<double>& followers) {
  const long n = static_cast<long>(input.commenters.size());
  if (!followers || input.customer_hashes->empty() || n < k_min_match_commenters) {
    return std::nullopt;
  }
  long matched = 0;
  for (const Commenter& c : input.commenters) {
    for (const std::string& hash : c.identity_hashes) {
      if (input.customer_hashes->contains(hash)) {
        ++matched;
        break;
      }
    }
  }
  const std::optional<Proportion> p = wilson_interval(matched, n);
  if (!p) return std::nullopt;
  CustomerEstimate e;
  e.method = CustomerMethod::match;
  e.customer_followers = std::round(p->p * *followers);
  e.share = p->p;
  e.low = p->low;
  e.high = p->high;
  e.n = n;
  e.biased = true;
  return e;
}

std::optional<CustomerEstimate> stated_estimate(const AuditInput& input,
                                                const std::optional<double>& followers) {
  const std::optional<double> share = input.goals.audience.stated_customer_share;
  if (!share || !followers) return std::nullopt;
  CustomerEstimate e;
  e.method = CustomerMethod::stated;
  e.customer_followers = std::round(*share * *followers);
  e.share = share;
  return e;
}

UsefulFollowers useful_followers(const AuditInput& input, const std::optional<double>& followers) {
  UsefulFollowers u;
  std::optional<TargetShare> target = target_share(input.audience, input.goals.audience);
  if (target) u.unlisted = target->unlisted;
  if (target && target->share) {
    u.share = target->share;
    u.method = UsefulMethod::audience;
    u.dimensions = std::move(target->dimensions);
  } else if (auto stated = input.goals.audience.stated_target_share) {
    u.share = stated;
    u.method = UsefulMethod::stated;
  } else {
    // A target below Meta's top lists has an unknown share, never 0.
    u.value = missing(u.unlisted.empty() ? "reason.no-target-share" : "reason.target-unlisted");
    return u;
  }
  if (!followers) {
    u.value = missing("reason.no-follower-data");
    return u;
  }
  u.value.value = std::round(*followers * *u.share);
  return u;
}

// numerator / useful followers, or why not: the numerator's own reason first.
Figure per_useful_follower(const Figure& numerator, const UsefulFollowers& useful) {
  if (!numerator.value) return missing(numerator.reason);
  if (!useful.value.value) return missing(useful.value.reason);
  if (*useful.value.value == 0) return missing("reason.no-useful-followers");
  return Figure{*numerator.value / *useful.value.value, {}};
}

Figure per_new_useful_follower(const Figure& hours, const UsefulFollowers& useful,
                               const std::optional<double>& net_change) {
  if (!hours.value) return missing(hours.reason);
  if (!useful.share) return missing(useful.value.reason);
  if (*useful.share == 0) return missing("reason.no-useful-followers");
  if (!net_change) return missing("reason.no-net-change");
  if (*net_change <= 0) return missing("reason.no-net-growth");
  return Figure{*hours.value / (*useful.share * *net_change), {}};
}

}  // namespace

std::string_view effort_source_name(EffortSource source) {
  switch (source) {
    case EffortSource::stated:
      return "stated";
    case EffortSource::log:
      return "log";
    case EffortSource::mixed:
      return "mixed";
  }
  return "";
}

std::string_view customer_method_name(CustomerMethod method) {
  switch (method) {
    case CustomerMethod::survey:
      return "survey";
    case CustomerMethod::match:
      return "match";
    case CustomerMethod::stated:
      return "stated";
  }
  return "";
}

std::string_view useful_method_name(UsefulMethod method) {
  return method == UsefulMethod::audience ? "audience" : "stated";
}

std::optional<double> window_sum(const DailySeries& series, const AuditInput& input) {
  std::optional<double> sum;
  for (auto it = series.lower_bound(input.window_start());
       it != series.end() && it->first <= input.as_of; ++it) {
    sum = sum.value_or(0) + it->second;
  }
  return sum;
}

namespace {

WindowFigure daily_figure(const DailySeries& series, const AuditInput& input) {
  WindowFigure w;
  for (auto it = series.lower_bound(input.window_start());
       it != series.end() && it->first <= input.as_of; ++it) {
    w.value = w.value.value_or(0) + it->second;
    ++w.days;
  }
  return w;
}

// Days of the window inside any of the ranges (which may overlap).
int covered_days(const DayRanges& ranges, const AuditInput& input) {
  int days = 0;
  for (Date day = input.window_start(); day <= input.as_of; day = day + 1) {
    const bool covered = std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) {
      return r.first <= day && day <= r.second;
    });
    days += covered ? 1 : 0;
  }
  return days;
}

WindowFigure event_figure(const std::optional<long>& count, const DayRanges& covered,
                          const AuditInput& input) {
  if (!count) return {};
  return {static_cast<double>(*count), covered_days(covered, input)};
}

// Engagements per view over the days that have both: a day with views but no engagement count
// (or the reverse) would bend the ratio.
WindowFigure engagement_rate(const AuditInput& input) {
  double engagements = 0;
  double views = 0;
  int days = 0;
  for (auto it = input.views.lower_bound(input.window_start());
       it != input.views.end() && it->first <= input.as_of; ++it) {
    auto e = input.engagements.find(it->first);
    if (e == input.engagements.end()) continue;
    views += it->second;
    engagements += e->second;
    ++days;
  }
  if (days == 0) return {};
  return {safe_divide(engagements, views), days};
}

}  // namespace

ActivityFigures activity_figures(const AuditInput& input) {
  ActivityFigures a;
  a.emplace_back("views", daily_figure(input.views, input));
  a.emplace_back("viewers", input.viewers_window
                                ? WindowFigure{input.viewers_window, input.window_days}
                                : WindowFigure{});
  a.emplace_back("engagements", daily_figure(input.engagements, input));
  a.emplace_back("engagement_rate", engagement_rate(input));
  a.emplace_back("page_visits", daily_figure(input.page_visits, input));
  a.emplace_back("posts", event_figure(input.posts, input.posts_covered, input));
  a.emplace_back("comments", event_figure(input.comments, input.comments_covered, input));
  const std::optional<long> engagers =
      input.comments ? std::optional<long>(static_cast<long>(input.commenters.size()))
                     : std::nullopt;
  a.emplace_back("engagers", event_figure(engagers, input.comments_covered, input));
  for (const auto& [name, series] : input.outcomes) {
    a.emplace_back("outcome:" + name, daily_figure(series, input));
  }
  return a;
}

const WindowFigure* find_activity(const ActivityFigures& activity, std::string_view name) {
  for (const auto& [key, figure] : activity) {
    if (key == name) return &figure;
  }
  return nullptr;
}

Figures compute_figures(const AuditInput& input) {
  Figures f;
  f.followers = follower_figures(input);
  f.activity = activity_figures(input);
  f.effort = effort_figures(input);
  const std::optional<double>& followers = f.followers.value;
  for (auto estimate : {survey_estimate(input, followers), match_estimate(input, followers),
                        stated_estimate(input, followers)}) {
    if (estimate) f.customers.push_back(*estimate);
  }
  f.useful = useful_followers(input, followers);
  f.hours_per_useful_follower = per_useful_follower(f.effort.hours_window, f.useful);
  f.cost_per_useful_follower = per_useful_follower(f.effort.cost_window, f.useful);
  f.hours_per_new_useful_follower =
      per_new_useful_follower(f.effort.hours_window, f.useful, f.followers.net_change_window);
  f.replies = reply_figures(input);
  return f;
}

}  // namespace pageaudit
