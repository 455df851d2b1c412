// Lint rules over the goals file and data-quality checks over the input.
#include "pageaudit/audit/lint.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "pageaudit/audit/metrics.h"

namespace pageaudit {
namespace {

// Metrics that measure each objective; "outcome:NAME" stands for every outcome metric.
// The objective "other" has no row: any metric can measure it.
struct Fit {
  Objective objective;
  std::vector<std::string_view> metrics;
};

const Fit k_fits[] = {
    {Objective::loyalty,
     {"customer_followers", "customer_share", "engagers", "comments", "reply_hours",
      "outcome:NAME"}},
    {Objective::acquisition, {"useful_followers", "net_follows", "page_visits", "outcome:NAME"}},
    {Objective::new_market, {"useful_followers", "viewers", "page_visits", "outcome:NAME"}},
    {Objective::brand_image, {"views", "viewers", "engagements", "engagement_rate"}},
    {Objective::customer_service, {"reply_hours", "comments"}},
    {Objective::product_feedback, {"comments", "engagers"}},
    {Objective::online_sales, {"outcome:NAME", "page_visits"}},
    {Objective::community, {"engagers", "comments", "engagement_rate", "customer_followers"}},
    {Objective::grow_audience, {"followers", "net_follows", "useful_followers", "viewers"}},
};

// Metrics that bound the effort rather than measure a result: they fit any objective.
constexpr std::string_view k_effort_metrics[] = {"hours", "hours_per_useful_follower",
                                                 "cost_per_useful_follower"};

// Metrics that say something about the business rather than the audience.
constexpr std::string_view k_business_metrics[] = {"customer_followers", "customer_share",
                                                   "useful_followers", "reply_hours"};

constexpr std::string_view k_vanity_metrics[] = {"followers", "views", "viewers"};

template <typename Range>
bool contains(const Range& range, std::string_view item) {
  return std::find(std::begin(range), std::end(range), item) != std::end(range);
}

bool is_outcome(std::string_view metric) {
  return !outcome_name(metric).empty();
}

std::string join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

bool is_round_thousand(double value) {
  return value > 0 && std::fmod(value, 1000) == 0;
}

// A round follower target has a purpose when an outcome goal of the same objective says
// what the audience is for.
bool tied_to_outcome(const Goal& goal, const Goals& goals) {
  if (!goal.objective) return false;
  return std::any_of(goals.goals.begin(), goals.goals.end(), [&](const Goal& other) {
    return other.objective == goal.objective && is_outcome(other.metric);
  });
}

void lint_goal(const Goal& goal, const Goals& goals, Language lang, std::vector<LintFinding>& out) {
  const auto add = [&](std::string_view rule, std::string message) {
    out.push_back({std::string(rule), goal.id, std::move(message)});
  };
  if (contains(k_vanity_metrics, goal.metric) && is_round_thousand(goal.bound.value) &&
      !tied_to_outcome(goal, goals)) {
    const auto bound = static_cast<long long>(goal.bound.value);
    add("vanity-round-target",
        message(lang, "lint.vanity-round-target", fmt::arg("goal", goal.id),
                fmt::arg("metric", goal.metric), fmt::arg("bound", format_count(bound, lang)),
                fmt::arg("bound_less", format_count(bound - 1, lang))));
  }
  if (!goal.objective) {
    add("no-objective", message(lang, "lint.no-objective", fmt::arg("goal", goal.id)));
  }
  if (!goal.by) add("no-deadline", message(lang, "lint.no-deadline", fmt::arg("goal", goal.id)));
  if (goal.objective && !contains(k_effort_metrics, goal.metric)) {
    const auto* fit = std::find_if(std::begin(k_fits), std::end(k_fits),
                                   [&](const Fit& f) { return f.objective == *goal.objective; });
    const bool fits = fit == std::end(k_fits) || contains(fit->metrics, goal.metric) ||
                      (is_outcome(goal.metric) && contains(fit->metrics, "outcome:NAME"));
    if (!fits) {
      add("objective-mismatch", message(lang, "lint.objective-mismatch", fmt::arg("goal", goal.id),
                                        fmt::arg("metric", goal.metric),
                                        fmt::arg("objective", objective_name(*goal.objective)),
                                        fmt::arg("fitting", join(fit->metrics))));
    }
  }
}

DataQualityNote note(const AuditInput& input, std::string_view id, auto&&... args) {
  return {std::string(id),
          message(input.language, fmt::format("dq.{}", id), std::forward<decltype(args)>(args)...)};
}

void follower_notes(const AuditInput& input, std::vector<DataQualityNote>& out) {
  auto last = input.followers.upper_bound(input.as_of);
  if (last == input.followers.begin()) {
    out.push_back(note(input, "no-follower-data", fmt::arg("as_of", input.as_of.iso())));
    return;
  }
  --last;

  // The figures read the window's days and the day before it (for the net change).
  const Date from = input.window_start() - 1;
  long missing = 0;
  std::optional<Date> first_missing;
  for (Date day = from; day <= input.as_of; day = day + 1) {
    if (input.followers.contains(day)) continue;
    ++missing;
    if (!first_missing) first_missing = day;
  }
  if (missing > 0) {
    out.push_back(note(input, "follower-gaps", fmt::arg("missing", missing),
                       fmt::arg("days", input.as_of - from + 1), fmt::arg("from", from.iso()),
                       fmt::arg("to", input.as_of.iso()), fmt::arg("first", first_missing->iso())));
  }

  const Date newest = input.followers.rbegin()->first;
  if (input.as_of - last->first > k_stale_days) {
    out.push_back(note(input, "stale-audit-day", fmt::arg("last", last->first.iso()),
                       fmt::arg("days", input.as_of - last->first),
                       fmt::arg("as_of", input.as_of.iso())));
  } else if (input.today - newest > k_stale_days) {
    out.push_back(note(input, "stale-store", fmt::arg("last", newest.iso()),
                       fmt::arg("days", input.today - newest)));
  }
}

// The words a report gives an activity figure ("Views", "Outcome: sales").
std::string activity_label(std::string_view name, Language lang) {
  if (const std::string_view outcome = outcome_name(name); !outcome.empty()) {
    return message(lang, "report.outcome", fmt::arg("name", outcome));
  }
  std::string key(name);
  std::replace(key.begin(), key.end(), '_', '-');
  return std::string(message_text(lang, "report." + key));
}

// Window figures whose data covers only part of the window: their totals count only those days,
// which a reader must know before comparing them with a whole window's.
void coverage_notes(const AuditInput& input, std::vector<DataQualityNote>& out) {
  std::string partial;
  for (const auto& [name, figure] : activity_figures(input)) {
    if (!figure.value || figure.days >= input.window_days) continue;
    partial += partial.empty() ? "" : "; ";
    partial += message(input.language, "dq.partial-figure",
                       fmt::arg("figure", activity_label(name, input.language)),
                       fmt::arg("covered", figure.days), fmt::arg("days", input.window_days));
  }
  if (partial.empty()) return;
  out.push_back(note(input, "partial-window", fmt::arg("days", input.window_days),
                     fmt::arg("figures", partial)));
}

}  // namespace

std::vector<LintFinding> lint_goals(const AuditInput& input, const Figures& figures) {
  const Goals& goals = input.goals;
  const Language lang = input.language;
  std::vector<LintFinding> out;
  for (const Goal& goal : goals.goals) lint_goal(goal, goals, lang, out);

  const auto any_goal = [&](auto predicate) {
    return std::any_of(goals.goals.begin(), goals.goals.end(),
                       [&](const Goal& g) { return predicate(g.metric); });
  };
  if (!any_goal(
          [](std::string_view m) { return contains(k_business_metrics, m) || is_outcome(m); })) {
    out.push_back({"no-business-goal", std::nullopt, message(lang, "lint.no-business-goal")});
  }
  const std::optional<double> hours = figures.effort.hours_window.value;
  if (hours && *hours > 0 &&
      !any_goal([](std::string_view m) { return contains(k_effort_metrics, m); })) {
    out.push_back(
        {"effort-unbounded", std::nullopt,
         message(lang, "lint.effort-unbounded", fmt::arg("hours", format_decimal(*hours, 1, lang)),
                 fmt::arg("days", input.window_days))});
  }
  return out;
}

std::vector<DataQualityNote> check_data_quality(const AuditInput& input) {
  std::vector<DataQualityNote> out;
  follower_notes(input, out);
  coverage_notes(input, out);

  // Meta replaced these metrics with ones that count differently: a series that spans the
  // replacement is not one series.
  if (!input.impressions.empty() && !input.views.empty()) {
    out.push_back(
        note(input, "series-break-views", fmt::arg("day", input.series_breaks.views.iso())));
  }
  if (!input.reach.empty() && (!input.viewers.empty() || input.viewers_window)) {
    out.push_back(
        note(input, "series-break-viewers", fmt::arg("day", input.series_breaks.viewers.iso())));
  }

  constexpr long k_min_survey = 100;
  if (const auto& survey = input.goals.survey) {
    if (survey->asked < k_min_survey) {
      out.push_back(note(input, "small-survey", fmt::arg("n", survey->asked)));
    }
    if (!input.goals.business.customers && input.customers_imported <= 0) {
      out.push_back(note(input, "survey-without-customers"));
    }
  }
  const auto commenters = static_cast<long>(input.commenters.size());
  // Without comment data at all (no pull yet) there is nothing to say about how few commented.
  if (!input.customer_hashes->empty() && input.comments && commenters < k_min_match_commenters) {
    out.push_back(note(input, "few-commenters", fmt::arg("n", commenters)));
  }
  return out;
}

}  // namespace pageaudit
