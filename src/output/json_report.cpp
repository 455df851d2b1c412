// JSON rendering of AuditResult with RapidJSON's streaming writer.
#include "pageaudit/output/json_report.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <string>

#include "pageaudit/audit/metrics.h"

namespace pageaudit {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Machines get every digit (SPEC 5, Output): only the text, Markdown and HTML reports round.
enum class Rounding {
  whole,  // people and things: an integer
  cents,  // an amount of money: to the cent
  full,   // as computed, every digit
  exact,  // as given (goal bounds): an integer when it is one
};

void string(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void key(Writer& w, std::string_view name) {
  w.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

void number(Writer& w, std::optional<double> value, Rounding rounding) {
  if (!value || !std::isfinite(*value)) {
    w.Null();
    return;
  }
  switch (rounding) {
    case Rounding::whole:
      w.Int64(std::llround(*value));
      return;
    case Rounding::cents:
      w.Double(std::round(*value * 100) / 100);
      return;
    case Rounding::full: {
      // Fifteen significant digits: every digit the inputs had (a double holds 15 decimal digits
      // exactly), without the last bits of a sum's binary rounding (12562.049999999997 is
      // 12562.05). Written with a decimal point, so that a reader sees a real number.
      std::string digits = fmt::format("{:.15g}", *value);
      if (digits.find_first_of(".eEn") == std::string::npos) digits += ".0";
      w.RawValue(digits.data(), digits.size(), rapidjson::kNumberType);
      return;
    }
    case Rounding::exact:
      if (std::trunc(*value) == *value && std::fabs(*value) < 9e15) {
        w.Int64(static_cast<int64_t>(*value));
      } else {
        w.Double(*value);
      }
      return;
  }
}

void optional_string(Writer& w, const std::optional<std::string_view>& text) {
  if (text) {
    string(w, *text);
  } else {
    w.Null();
  }
}

void date(Writer& w, const std::optional<Date>& day) {
  if (day) {
    string(w, day->iso());
  } else {
    w.Null();
  }
}

void estimate(Writer& w, const CustomerEstimate& e) {
  w.StartObject();
  key(w, "method");
  string(w, customer_method_name(e.method));
  key(w, "customer_followers");
  number(w, e.customer_followers, Rounding::whole);
  key(w, "share");
  number(w, e.share, Rounding::full);
  key(w, "low");
  number(w, e.low, Rounding::full);
  key(w, "high");
  number(w, e.high, Rounding::full);
  // What the estimate rests on: a reader of the headline alone must see a biased one too.
  key(w, "n");
  if (e.n) {
    w.Int64(*e.n);
  } else {
    w.Null();
  }
  key(w, "biased");
  w.Bool(e.biased);
  w.EndObject();
}

void figures(Writer& w, const Figures& f) {
  key(w, "followers");
  w.StartObject();
  key(w, "value");
  number(w, f.followers.value, Rounding::whole);
  key(w, "net_change_window");
  number(w, f.followers.net_change_window, Rounding::whole);
  key(w, "trend_per_day");
  number(w, f.followers.trend_per_day, Rounding::full);
  w.EndObject();

  // activity.NAME = {value, days}: each window figure and the days of the window it covers.
  key(w, "activity");
  w.StartObject();
  for (const auto& [name, figure] : f.activity) {
    const std::optional<MetricInfo> info = find_metric(name);
    key(w, name);
    w.StartObject();
    key(w, "value");
    number(w, figure.value, info && info->integral ? Rounding::whole : Rounding::full);
    key(w, "days");
    w.Int(figure.days);
    w.EndObject();
  }
  w.EndObject();

  key(w, "effort");
  w.StartObject();
  key(w, "hours_window");
  number(w, f.effort.hours_window.value, Rounding::full);
  key(w, "cost_window");
  number(w, f.effort.cost_window.value, Rounding::cents);
  key(w, "source");
  optional_string(
      w, f.effort.source ? std::optional(effort_source_name(*f.effort.source)) : std::nullopt);
  w.EndObject();

  key(w, "customers");
  w.StartObject();
  key(w, "headline");
  if (f.customers.empty()) {
    w.Null();
  } else {
    estimate(w, f.customers.front());
  }
  key(w, "estimates");
  w.StartArray();
  for (const CustomerEstimate& e : f.customers) estimate(w, e);
  w.EndArray();
  w.EndObject();

  key(w, "useful_followers");
  w.StartObject();
  key(w, "value");
  number(w, f.useful.value.value, Rounding::whole);
  key(w, "share");
  number(w, f.useful.share, Rounding::full);
  key(w, "method");
  optional_string(
      w, f.useful.method ? std::optional(useful_method_name(*f.useful.method)) : std::nullopt);
  key(w, "dimensions");
  w.StartArray();
  for (const std::string& d : f.useful.dimensions) string(w, d);
  w.EndArray();
  // Why the method fell back: the top lists that name no target, with their smallest share (the
  // target's is below it, unknown).
  key(w, "unlisted");
  w.StartArray();
  for (const UnlistedTarget& u : f.useful.unlisted) {
    w.StartObject();
    key(w, "dimension");
    string(w, u.dimension);
    key(w, "below_share");
    number(w, u.smallest_percent / 100, Rounding::full);
    w.EndObject();
  }
  w.EndArray();
  // Why there is no value: the message key's last part ("no-target-share", "target-unlisted").
  key(w, "reason");
  const std::string& reason = f.useful.value.reason;
  optional_string(w, reason.empty() ? std::nullopt
                                    : std::optional<std::string_view>(
                                          std::string_view(reason).substr(reason.find('.') + 1)));
  w.EndObject();

  key(w, "hours_per_useful_follower");
  number(w, f.hours_per_useful_follower.value, Rounding::full);
  key(w, "hours_per_new_useful_follower");
  number(w, f.hours_per_new_useful_follower.value, Rounding::full);
  key(w, "cost_per_useful_follower");
  number(w, f.cost_per_useful_follower.value, Rounding::full);
}

void goal(Writer& w, const GoalResult& g) {
  const std::optional<MetricInfo> info = find_metric(g.goal.metric);
  const Rounding rounding = info && info->integral ? Rounding::whole : Rounding::full;
  w.StartObject();
  key(w, "id");
  string(w, g.goal.id);
  key(w, "metric");
  string(w, g.goal.metric);
  key(w, "objective");
  optional_string(
      w, g.goal.objective ? std::optional(objective_name(*g.goal.objective)) : std::nullopt);
  key(w, g.goal.bound.key());
  number(w, g.goal.bound.value, Rounding::exact);
  key(w, "by");
  date(w, g.goal.by);
  key(w, "current");
  number(w, g.current, rounding);
  key(w, "status");
  string(w, goal_status_name(g.status));
  key(w, "projected");
  number(w, g.projected, rounding);
  key(w, "projected_low");
  number(w, g.projected_low, rounding);
  key(w, "projected_high");
  number(w, g.projected_high, rounding);
  key(w, "uncertain");
  w.Bool(g.uncertain);
  key(w, "required_per_day");
  number(w, g.required_per_day, Rounding::full);
  key(w, "current_per_day");
  number(w, g.current_per_day, Rounding::full);
  key(w, "projected_date");
  date(w, g.projected_date);
  key(w, "lint");
  w.StartArray();
  for (const std::string& rule : g.lint) string(w, rule);
  w.EndArray();
  w.EndObject();
}

// How fast the Page answers (reply_hours); null without comment data.
void replies(Writer& w, const std::optional<ReplyFigures>& r) {
  key(w, "replies");
  if (!r) {
    w.Null();
    return;
  }
  w.StartObject();
  key(w, "median_hours");
  number(w, r->median_hours, Rounding::full);
  key(w, "answered");
  w.Int64(r->answered);
  key(w, "comments");
  w.Int64(r->comments);
  key(w, "share_answered");
  number(w, r->share_answered, Rounding::full);
  w.EndObject();
}

}  // namespace

std::string render_json(const AuditResult& result) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key(w, "as_of");
  string(w, result.as_of.iso());
  key(w, "window_days");
  w.Int(result.window_days);
  key(w, "page");
  w.StartObject();
  key(w, "id");
  string(w, result.page_id);
  key(w, "name");
  string(w, result.page_name);
  w.EndObject();

  figures(w, result.figures);
  replies(w, result.figures.replies);

  key(w, "goals");
  w.StartArray();
  for (const GoalResult& g : result.goals) goal(w, g);
  w.EndArray();

  key(w, "lint");
  w.StartArray();
  for (const LintFinding& finding : result.lint) {
    w.StartObject();
    key(w, "rule");
    string(w, finding.rule);
    key(w, "goal");
    optional_string(w, finding.goal);
    key(w, "message");
    string(w, finding.message);
    w.EndObject();
  }
  w.EndArray();

  key(w, "data_quality");
  w.StartArray();
  for (const DataQualityNote& n : result.data_quality) {
    w.StartObject();
    key(w, "note");
    string(w, n.note);
    key(w, "message");
    string(w, n.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace pageaudit
