// The report's layout (report_layout.h): the audit's figures, goals and findings as labelled
// values and sentences from the message catalogue.
#include "pageaudit/output/report_layout.h"

#include <cmath>

#include "pageaudit/audit/metrics.h"
#include "pageaudit/audit/stats.h"

namespace pageaudit {
namespace {

using Line = ReportLine;
using Block = ReportBlock;
using Section = ReportSection;
using Report = ReportLayout;

std::optional<double> finite(std::optional<double> value) {
  if (value && !std::isfinite(*value)) return std::nullopt;
  return value;
}

// Builds the Report from the audit; every sentence comes from the message table.
class Builder {
 public:
  Builder(const AuditInput& input, const AuditResult& result)
      : m_in(input), m_r(result), m_f(result.figures), m_lang(input.language) {}

  Report build() {
    Report report;
    std::string name = m_r.page_name;
    if (name.empty()) name = m_in.goals.business.name;
    if (name.empty()) name = m_r.page_id;
    report.title = text("report.title", fmt::arg("name", name));
    report.subtitle =
        text("report.subtitle", fmt::arg("page", m_r.page_id), fmt::arg("as_of", date(m_r.as_of)),
             fmt::arg("days", m_r.window_days), fmt::arg("from", date(m_in.window_start())),
             fmt::arg("to", date(m_r.as_of)));
    report.sections = {where(), effort(), who(), goals(), questions(), data_quality()};
    return report;
  }

 private:
  template <typename... Args>
  std::string text(std::string_view key, Args&&... args) const {
    return message(m_lang, key, std::forward<Args>(args)...);
  }

  std::string count(double value) const { return format_count(std::llround(value), m_lang); }
  std::string signed_count(double value) const {
    return (std::llround(value) > 0 ? "+" : "") + count(value);
  }
  std::string signed_decimal(double value, int decimals) const {
    const std::string out = format_decimal(value, decimals, m_lang);
    return (value > 0 && out != "0" ? "+" : "") + out;
  }
  std::string percent(double share) const { return format_percent(share, 1, m_lang); }
  std::string date(Date day) const { return format_date(day, m_lang); }
  std::string money(double value, bool significant) const {
    std::string out =
        significant ? format_significant(value, m_lang) : format_fixed(value, 2, m_lang);
    const std::string& currency = m_in.goals.business.currency;
    return currency.empty() ? out : out + " " + currency;
  }
  std::string no_value(const std::string& reason) const {
    return text("report.no-value", fmt::arg("reason", reason));
  }
  std::string reason(std::string_view key) const { return text(fmt::format("reason.{}", key)); }
  std::string in_window(std::string_view label_key) const {
    return text("report.in-window", fmt::arg("label", text(label_key)),
                fmt::arg("days", m_r.window_days));
  }

  // A value of a goal metric, written as its kind of number.
  std::string metric_text(std::string_view metric, double value) const {
    if (metric == "engagement_rate" || metric == "customer_share") return percent(value);
    if (metric == "cost_per_useful_follower") return money(value, true);
    if (metric == "hours") return format_decimal(value, 2, m_lang);
    if (metric == "reply_hours") return format_decimal(value, 1, m_lang);
    if (!outcome_name(metric).empty()) return format_decimal(value, 2, m_lang);
    const std::optional<MetricInfo> info = find_metric(metric);
    if (info && info->integral) return count(value);
    return format_significant(value, m_lang);
  }

  // A daily average of a window total: counts of things get a decimal (0.4 posts a day).
  std::string average_text(std::string_view metric, double per_day) const {
    const std::optional<MetricInfo> info = find_metric(metric);
    if (info && info->integral) return format_decimal(per_day, 1, m_lang);
    return metric_text(metric, per_day);
  }

  std::string metric_rate(std::string_view metric, double per_day) const {
    if (metric == "engagement_rate" || metric == "customer_share") {
      return (per_day > 0 ? "+" : "") + format_percent(per_day, 2, m_lang);
    }
    const std::optional<MetricInfo> info = find_metric(metric);
    if (info && info->integral) return signed_decimal(per_day, 1);
    return (per_day > 0 ? "+" : "") + format_significant(per_day, m_lang);
  }

  // What an open goal needs per day (SPEC 5): for a window total the daily average against the
  // window's own, for a stock the change per day to the deadline; nullopt for a ratio or unique
  // viewers, which have no daily figure.
  std::optional<std::string> required_text(const GoalResult& g) const {
    const std::string& metric = g.goal.metric;
    auto required = finite(g.required_per_day);
    if (auto current = finite(g.current_per_day)) {
      if (!required) return text("report.goal.deadline-passed");
      return text("report.goal.average-needed", fmt::arg("value", average_text(metric, *required)),
                  fmt::arg("days", m_r.window_days),
                  fmt::arg("current", average_text(metric, *current)));
    }
    if (required) {
      return text("report.per-day", fmt::arg("value", metric_rate(metric, *required)));
    }
    const std::optional<MetricInfo> info = find_metric(metric);
    if (metric == "viewers" || (info && info->kind == MetricKind::ratio)) return std::nullopt;
    return g.goal.by ? text("report.goal.deadline-passed") : text("report.goal.no-deadline");
  }

  // Why a goal metric has no value on the audit day.
  std::string missing_metric(std::string_view metric) const {
    if (metric == "followers") return reason("no-follower-data");
    if (metric == "net_follows") return reason("no-net-follows");
    if (metric == "viewers") {
      return text("reason.no-viewers-window", fmt::arg("days", m_r.window_days));
    }
    if (metric == "posts") return reason("no-posts");
    if (metric == "comments" || metric == "engagers") return reason("no-comments");
    if (metric == "reply_hours") {
      return reason(m_in.comments ? "no-top-level-comments" : "no-comments");
    }
    if (metric == "customer_followers" || metric == "customer_share") {
      return reason("no-customer-estimate");
    }
    if (metric == "useful_followers") return text(m_f.useful.value.reason);
    if (metric == "hours") return text(m_f.effort.hours_window.reason);
    if (metric == "hours_per_useful_follower") return text(m_f.hours_per_useful_follower.reason);
    if (metric == "cost_per_useful_follower") return text(m_f.cost_per_useful_follower.reason);
    if (const std::string_view outcome = outcome_name(metric); !outcome.empty()) {
      return text("reason.no-outcome", fmt::arg("name", outcome));
    }
    return reason("no-data-window");
  }

  // "data for 16 of the 28 days" under a window figure whose data covers part of the window.
  std::vector<std::string> coverage(std::string_view name) const {
    const WindowFigure* figure = find_activity(m_f.activity, name);
    if (!figure || !figure->value || figure->days >= m_r.window_days) return {};
    return {text("report.covered-days", fmt::arg("covered", figure->days),
                 fmt::arg("days", m_r.window_days))};
  }

  std::string metric_or_reason(std::string_view metric) const {
    const MetricValue v = metric_value(metric, m_in, m_f);
    if (!finite(v.current)) return no_value(missing_metric(metric));
    return metric_text(metric, *v.current);
  }

  // "median 5.5 hours; 12 of 20 comments answered (60%)", or why there is no median.
  std::string replies_text() const {
    const std::optional<ReplyFigures>& r = m_f.replies;
    if (!r || !finite(r->median_hours) || !finite(r->share_answered)) {
      return metric_or_reason("reply_hours");
    }
    return text(r->comments == 1 ? "report.replies.one" : "report.replies",
                fmt::arg("median", format_decimal(*r->median_hours, 1, m_lang)),
                fmt::arg("answered", count(static_cast<double>(r->answered))),
                fmt::arg("comments", count(static_cast<double>(r->comments))),
                fmt::arg("share", percent(*r->share_answered)));
  }

  Section where() const {
    Section s{"where", text("report.section.where"), {{}}, {}, {}};
    auto& lines = s.blocks.front().lines;
    const FollowerFigures& followers = m_f.followers;
    lines.push_back(
        {text("report.followers"),
         finite(followers.value) ? count(*followers.value) : no_value(reason("no-follower-data")),
         {}});
    lines.push_back({in_window("report.net-change"),
                     finite(followers.net_change_window)
                         ? signed_count(*followers.net_change_window)
                         : no_value(reason("no-net-change")),
                     {}});
    lines.push_back({text("report.trend"),
                     finite(followers.trend_per_day)
                         ? text("report.per-day",
                                fmt::arg("value", signed_decimal(*followers.trend_per_day, 1)))
                         : no_value(reason("no-data-window")),
                     {}});
    lines.push_back({in_window("report.views"), metric_or_reason("views"), coverage("views")});
    lines.push_back({text("report.viewers"), metric_or_reason("viewers"), {}});
    std::string engagements = metric_or_reason("engagements");
    if (auto rate = finite(metric_value("engagement_rate", m_in, m_f).current)) {
      engagements =
          text("report.of-views", fmt::arg("value", engagements), fmt::arg("rate", percent(*rate)));
    }
    std::vector<std::string> engagement_notes = coverage("engagements");
    const WindowFigure* rate = find_activity(m_f.activity, "engagement_rate");
    const WindowFigure* counted = find_activity(m_f.activity, "engagements");
    if (rate && rate->value && counted && rate->days < counted->days) {
      // The rate divides only the days that have both views and engagements.
      engagement_notes.push_back(text("report.rate-days", fmt::arg("covered", rate->days)));
    }
    lines.push_back({in_window("report.engagements"), engagements, engagement_notes});
    lines.push_back({in_window("report.page-visits"), metric_or_reason("page_visits"),
                     coverage("page_visits")});
    lines.push_back({in_window("report.posts"), metric_or_reason("posts"), coverage("posts")});
    lines.push_back(
        {in_window("report.comments"), metric_or_reason("comments"), coverage("comments")});
    // Who commented and how fast the Page answered mean something only with comment data.
    if (m_in.comments) {
      lines.push_back(
          {in_window("report.engagers"), metric_or_reason("engagers"), coverage("engagers")});
      lines.push_back({text("report.reply-hours"), replies_text(), {}});
    }
    for (const auto& [name, series] : m_in.outcomes) {
      const std::string label = text("report.outcome", fmt::arg("name", name));
      lines.push_back(
          {text("report.in-window", fmt::arg("label", label), fmt::arg("days", m_r.window_days)),
           metric_or_reason("outcome:" + name), coverage("outcome:" + name)});
    }
    return s;
  }

  Section effort() const {
    Section s{"effort", text("report.section.effort"), {{}}, {}, {}};
    auto& lines = s.blocks.front().lines;
    const EffortFigures& e = m_f.effort;

    Line hours{in_window("report.hours"), {}, {}};
    if (auto value = finite(e.hours_window.value)) {
      // Hours to the quarter hour people log, so that hours x rate is the cost printed below;
      // the stated effort is quoted as the goals file gives it.
      hours.value = format_decimal(*value, 2, m_lang);
      const std::string stated =
          format_decimal(m_in.goals.effort.hours_per_day.value_or(0), 2, m_lang);
      long logged = 0;
      for (Date day = m_in.window_start(); day <= m_in.as_of; day = day + 1) {
        logged += m_in.time_log.contains(day) ? 1 : 0;
      }
      switch (e.source.value_or(EffortSource::log)) {
        case EffortSource::log:
          hours.notes.push_back(text("report.effort.log"));
          break;
        case EffortSource::stated:
          hours.notes.push_back(text("report.effort.stated", fmt::arg("hours", stated)));
          break;
        case EffortSource::mixed:
          hours.notes.push_back(text("report.effort.mixed", fmt::arg("logged", logged),
                                     fmt::arg("hours", stated),
                                     fmt::arg("stated", m_r.window_days - logged)));
          break;
      }
    } else {
      hours.value = no_value(text(e.hours_window.reason));
    }
    lines.push_back(std::move(hours));

    Line cost{in_window("report.cost"), {}, {}};
    if (auto value = finite(e.cost_window.value)) {
      cost.value = money(*value, false);
      cost.notes.push_back(text("report.cost.rate",
                                fmt::arg("rate", money(*m_in.goals.business.hourly_cost, false))));
    } else {
      cost.value = no_value(text(e.cost_window.reason));
    }
    lines.push_back(std::move(cost));

    const auto per = [&](std::string_view label, const Figure& figure, bool is_money) {
      const std::optional<double> value = finite(figure.value);
      lines.push_back({text(label),
                       !value     ? no_value(text(figure.reason))
                       : is_money ? money(*value, true)
                                  : format_significant(*value, m_lang),
                       {}});
    };
    per("report.hours-per-useful", m_f.hours_per_useful_follower, false);
    per("report.cost-per-useful", m_f.cost_per_useful_follower, true);
    per("report.hours-per-new-useful", m_f.hours_per_new_useful_follower, false);
    return s;
  }

  // "510 (5.2% of followers)", or the count alone without a follower count.
  std::string people_and_share(double people, std::optional<double> share) const {
    if (!finite(share)) return count(people);
    return text("report.of-followers", fmt::arg("value", count(people)),
                fmt::arg("share", percent(*share)));
  }

  std::vector<std::string> estimate_notes(const CustomerEstimate& e) const {
    std::vector<std::string> notes;
    switch (e.method) {
      case CustomerMethod::survey: {
        const Survey& survey = *m_in.goals.survey;
        const std::optional<long> stated = m_in.goals.business.customers;
        const std::string base =
            stated ? text("report.customers.base-stated",
                          fmt::arg("n", count(static_cast<double>(*stated))))
                   : text("report.customers.base-imported",
                          fmt::arg("n", count(static_cast<double>(m_in.customers_imported))));
        notes.push_back(text("report.customers.survey", fmt::arg("follow", survey.follow),
                             fmt::arg("asked", survey.asked),
                             fmt::arg("p", percent(static_cast<double>(survey.follow) /
                                                   static_cast<double>(survey.asked))),
                             fmt::arg("base", base)));
        break;
      }
      case CustomerMethod::match:
        notes.push_back(text(
            "report.customers.match",
            fmt::arg("matched", count(e.share.value_or(0) * static_cast<double>(e.n.value_or(0)))),
            fmt::arg("n", count(static_cast<double>(e.n.value_or(0))))));
        break;
      case CustomerMethod::stated:
        notes.push_back(text("report.customers.stated"));
        break;
    }
    const std::optional<double> followers = finite(m_f.followers.value);
    if (finite(e.low) && finite(e.high) && followers) {
      notes.push_back(text("report.customers.interval", fmt::arg("low", percent(*e.low)),
                           fmt::arg("high", percent(*e.high)),
                           fmt::arg("low_n", count(*e.low * *followers)),
                           fmt::arg("high_n", count(*e.high * *followers))));
    }
    if (e.biased) notes.push_back(text("report.customers.biased"));
    return notes;
  }

  std::string joined(const std::vector<std::string>& items) const {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += i + 1 == items.size() ? " " + text("report.and") + " " : ", ";
      out += items[i];
    }
    return out;
  }

  // A target below Meta's top list: "Getafe: not among the cities Meta lists ...".
  std::vector<std::string> unlisted_notes() const {
    const Audience& targets = m_in.goals.audience;
    std::vector<std::string> notes;
    for (const UnlistedTarget& u : m_f.useful.unlisted) {
      const bool city = u.dimension == "city";
      notes.push_back(
          text(city ? "report.useful.unlisted-city" : "report.useful.unlisted-country",
               fmt::arg("targets", joined(city ? targets.target_cities : targets.target_countries)),
               fmt::arg("smallest", format_percent(u.smallest_percent / 100, 1, m_lang))));
    }
    return notes;
  }

  std::vector<std::string> useful_notes() const {
    const UsefulFollowers& u = m_f.useful;
    const Audience& targets = m_in.goals.audience;
    std::vector<std::string> notes = unlisted_notes();
    if (u.method == UsefulMethod::stated) {
      notes.push_back(
          text(u.unlisted.empty() ? "report.useful.stated" : "report.useful.stated-fallback"));
      return notes;
    }
    std::vector<std::string> dimensions;
    std::vector<std::string> wanted;
    for (const std::string& d : u.dimensions) {
      dimensions.push_back(text("report.dimension." + d));
      const std::vector<std::string>& list = d == "city"      ? targets.target_cities
                                             : d == "country" ? targets.target_countries
                                                              : targets.target_ages;
      std::string items;
      for (const std::string& item : list) items += (items.empty() ? "" : ", ") + item;
      wanted.push_back(items);
    }
    std::string targets_text;
    for (const std::string& w : wanted) targets_text += (targets_text.empty() ? "" : "; ") + w;
    notes.push_back(text("report.useful.audience", fmt::arg("dimensions", joined(dimensions)),
                         fmt::arg("targets", targets_text)));
    if (u.dimensions.size() > 1) notes.push_back(text("report.useful.independent"));
    if (auto guess = targets.stated_target_share) {
      notes.push_back(text("report.useful.owner-guess", fmt::arg("share", percent(*guess))));
    }
    return notes;
  }

  Section who() const {
    Section s{"who", text("report.section.who"), {{}}, {}, {}};
    auto& lines = s.blocks.front().lines;
    Line customers{text("report.customer-followers"), {}, {}};
    if (m_f.customers.empty()) {
      customers.value = no_value(reason("no-customer-estimate"));
    } else {
      const CustomerEstimate& headline = m_f.customers.front();
      customers.value = people_and_share(headline.customer_followers, headline.share);
      customers.notes = estimate_notes(headline);
      for (size_t i = 1; i < m_f.customers.size(); ++i) {
        const CustomerEstimate& other = m_f.customers[i];
        customers.notes.push_back(text(
            "report.customers.other",
            fmt::arg("value", people_and_share(other.customer_followers, other.share)),
            fmt::arg("method",
                     text(fmt::format("report.method.{}", customer_method_name(other.method))))));
        for (std::string& note : estimate_notes(other)) customers.notes.push_back(std::move(note));
      }
    }
    lines.push_back(std::move(customers));

    Line useful{text("report.useful-followers"), {}, {}};
    if (auto value = finite(m_f.useful.value.value)) {
      useful.value = people_and_share(*value, m_f.useful.share);
      useful.notes = useful_notes();
    } else {
      useful.value = no_value(text(m_f.useful.value.reason));
      useful.notes = unlisted_notes();
    }
    lines.push_back(std::move(useful));
    return s;
  }

  // An on-track goal that one end of the trend's 95% interval would take past its bound: the
  // projection at that end.
  std::vector<std::string> uncertain_notes(const GoalResult& g, const std::string& bound) const {
    if (!g.uncertain || !finite(g.projected_low) || !finite(g.projected_high)) return {};
    const bool low = !g.goal.bound.holds(*g.projected_low);
    return {text(
        low ? "report.goal.uncertain-low" : "report.goal.uncertain-high",
        fmt::arg("value", metric_text(g.goal.metric, low ? *g.projected_low : *g.projected_high)),
        fmt::arg("bound", bound))};
  }

  Block goal_block(const GoalResult& g) const {
    const Goal& goal = g.goal;
    const std::string bound = metric_text(goal.metric, goal.bound.value);
    Block block;
    block.heading = fmt::format("{}: {}, {}", goal.id,
                                text(fmt::format("report.goal.{}", goal.bound.key()),
                                     fmt::arg("metric", goal.metric), fmt::arg("bound", bound)),
                                goal.by ? text("report.goal.by", fmt::arg("date", date(*goal.by)))
                                        : text("report.goal.no-deadline"));
    auto& lines = block.lines;
    lines.push_back({text("report.goal.status"),
                     text(fmt::format("status.{}", goal_status_name(g.status))),
                     {}});
    lines.push_back({text("report.goal.current"),
                     finite(g.current) ? metric_text(goal.metric, *g.current)
                                       : no_value(missing_metric(goal.metric)),
                     {}});

    // Where an open goal is heading; a met, missed or unmeasured one has nothing to project.
    if (g.status == GoalStatus::on_track || g.status == GoalStatus::behind) {
      const std::string no_projection = text("report.goal.no-projection");
      lines.push_back({text("report.goal.projected"),
                       finite(g.projected) && goal.by
                           ? text("report.goal.on-day",
                                  fmt::arg("value", metric_text(goal.metric, *g.projected)),
                                  fmt::arg("date", date(*goal.by)))
                           : no_projection,
                       uncertain_notes(g, bound)});
      if (auto required = required_text(g)) {
        lines.push_back({text("report.goal.required"), *required, {}});
      }
      Line when{text("report.goal.projected-date"), {}, {}};
      if (g.projected_date) {
        when.value = date(*g.projected_date);
        when.notes.push_back(text("report.goal.when-reached", fmt::arg("bound", bound)));
      } else {
        when.value = finite(g.projected) ? text("report.goal.not-reached") : no_projection;
      }
      lines.push_back(std::move(when));
    }

    lines.push_back(
        {text("report.goal.objective"),
         text(goal.objective ? fmt::format("objective.{}", objective_name(*goal.objective))
                             : std::string("objective.none")),
         {}});
    if (!goal.why.empty()) lines.push_back({text("report.goal.why"), goal.why, {}});
    if (!g.lint.empty()) {
      std::string rules;
      for (const std::string& rule : g.lint) rules += (rules.empty() ? "" : ", ") + rule;
      lines.push_back({text("report.goal.questions"),
                       text("report.goal.see-questions", fmt::arg("rules", rules)),
                       {}});
    }
    return block;
  }

  Section goals() const {
    Section s{"goals", text("report.section.goals"), {}, {}, text("report.goals.none")};
    for (const GoalResult& g : m_r.goals) s.blocks.push_back(goal_block(g));
    return s;
  }

  Section questions() const {
    Section s{"questions", text("report.section.questions"), {}, {}, text("report.questions.none")};
    for (const LintFinding& finding : m_r.lint) {
      s.bullets.push_back({finding.rule, finding.message});
    }
    return s;
  }

  Section data_quality() const {
    Section s{"data", text("report.section.data"), {}, {}, text("report.data.none")};
    for (const DataQualityNote& note : m_r.data_quality) s.bullets.push_back({{}, note.message});
    return s;
  }

  const AuditInput& m_in;
  const AuditResult& m_r;
  const Figures& m_f;
  Language m_lang;
};
}  // namespace

ReportLayout lay_out_report(const AuditInput& input, const AuditResult& result) {
  return Builder(input, result).build();
}

}  // namespace pageaudit
