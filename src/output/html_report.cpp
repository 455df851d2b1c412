// The HTML report: the text report's layout (report_layout.h) written as HTML, with the charts
// placed in the sections whose figures they show. Every text is escaped where it is written, so
// nothing from a goals file, an export or Facebook can become markup.
#include "pageaudit/output/html_report.h"

#include <cmath>
#include <map>

#include "pageaudit/output/report_layout.h"
#include "pageaudit/output/svg_chart.h"

namespace pageaudit {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// System fonts only (nothing to download); on paper, A4 with charts never cut across pages.
constexpr const char* k_style = R"(
body { font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.45; }
header .business { font-size: 1.1rem; font-weight: 600; color: #333; margin: 0; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
.subtitle { color: #444; margin-top: 0; }
h2 { border-bottom: 2px solid #1f3b73; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
         border-bottom: 1px solid #ddd; }
table.figures th { width: 40%; font-weight: 600; }
ul.notes { margin: .2rem 0 0; padding-left: 1.1rem; color: #444; font-size: .92rem; }
.tag { font-family: ui-monospace, monospace; font-size: .85rem; border: 1px solid #888;
       padding: 0 .3rem; border-radius: 3px; }
.status { font-weight: 600; white-space: nowrap; }
.status-met, .status-on_track { background: #e4efe0; }
.status-behind { background: #fbe9d5; }
.status-missed { background: #f4d7d7; text-decoration: underline; }
figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .3rem; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 11px; fill: #222; }
.grid { stroke: #e3e3e3; }
.axis { stroke: #555; }
.axis-title { font-weight: 600; }
.rule { stroke: #a00020; stroke-width: 1.5; }
.break { stroke: #444; stroke-width: 1.5; }
.rule-label { font-size: 10px; }
.whisker line { stroke: #222; stroke-width: 1.5; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  tr, li { break-inside: avoid; page-break-inside: avoid; }
  .status-met, .status-on_track, .status-behind, .status-missed { print-color-adjust: exact;
    -webkit-print-color-adjust: exact; }
}
)";

// A symbol next to each status, so that it reads without colour.
std::string_view status_symbol(GoalStatus status) {
  switch (status) {
    case GoalStatus::met:
      return "✓";
    case GoalStatus::on_track:
      return "↗";
    case GoalStatus::behind:
      return "!";
    case GoalStatus::missed:
      return "✗";
    case GoalStatus::no_data:
      return "?";
  }
  return "?";
}

// Sums of series over whole weeks ending on as_of, as_of - 7, ...: a week counts when all of
// its days are on or after from (a part week would look like a drop) and one of them has a
// value. Each sum is drawn on the week's last day.
std::vector<std::pair<Date, double>> weekly_sums(const DailySeries& series, Date from, Date as_of) {
  std::map<Date, double> weeks;
  for (const auto& [day, value] : series) {
    if (day > as_of || !std::isfinite(value)) continue;
    const Date end = as_of - 7 * ((as_of - day) / 7);
    if (end - 6 >= from) weeks[end] += value;
  }
  return {weeks.begin(), weeks.end()};
}

class HtmlWriter {
 public:
  HtmlWriter(const AuditInput& input, const AuditResult& result)
      : m_in(input), m_r(result), m_lang(input.language) {}

  std::string write() const {
    const ReportLayout layout = lay_out_report(m_in, m_r);
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<header>\n",
        language_code(m_lang), html_escape(layout.title), k_style);
    if (!m_in.goals.business.name.empty()) {
      out += "<p class=\"business\">" + html_escape(m_in.goals.business.name) + "</p>\n";
    }
    out += "<h1>" + html_escape(layout.title) + "</h1>\n<p class=\"subtitle\">" +
           html_escape(layout.subtitle) + "</p>\n</header>\n";
    for (const ReportSection& section : layout.sections) out += write_section(section);
    return out + "</body>\n</html>\n";
  }

 private:
  template <typename... Args>
  std::string text(std::string_view key, Args&&... args) const {
    return message(m_lang, key, std::forward<Args>(args)...);
  }

  std::string write_section(const ReportSection& section) const {
    std::string out = fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", html_escape(section.id),
                                  html_escape(section.title));
    if (section.id == "where") out += followers_chart() + reach_chart();
    if (section.id == "effort") out += effort_chart();
    if (section.id == "who") out += customers_chart();
    if (section.id == "goals" && !m_r.goals.empty()) out += goal_table(section);
    if (section.blocks.empty() && section.bullets.empty()) {
      out += "<p>" + html_escape(section.empty) + "</p>\n";
    }
    for (const ReportBlock& block : section.blocks) {
      if (!block.heading.empty()) out += "<h3>" + html_escape(block.heading) + "</h3>\n";
      out += "<table class=\"figures\">\n";
      for (const ReportLine& line : block.lines) {
        out += "<tr><th scope=\"row\">" + html_escape(line.label) + "</th><td>" +
               html_escape(line.value);
        if (!line.notes.empty()) {
          out += "<ul class=\"notes\">";
          for (const std::string& note : line.notes) out += "<li>" + html_escape(note) + "</li>";
          out += "</ul>";
        }
        out += "</td></tr>\n";
      }
      out += "</table>\n";
    }
    if (!section.bullets.empty()) {
      out += "<ul class=\"findings\">\n";
      for (const ReportBullet& bullet : section.bullets) {
        out += "<li>";
        if (!bullet.tag.empty())
          out += "<span class=\"tag\">" + html_escape(bullet.tag) + "</span> ";
        out += html_escape(bullet.text) + "</li>\n";
      }
      out += "</ul>\n";
    }
    return out + "</section>\n";
  }

  // Daily followers, each follower goal's bound, and the window's trend from the audit day to
  // the goal's deadline.
  std::string followers_chart() const {
    TimeChart chart{text("html.chart.followers"),
                    text("report.followers"),
                    text("html.chart.date"),
                    {},
                    {},
                    {}};
    chart.series.push_back(
        {text("report.followers"), {m_in.followers.begin(), m_in.followers.end()}, 0, false});
    const std::optional<double> now = m_r.figures.followers.value;
    int style = 1;
    for (const GoalResult& g : m_r.goals) {
      if (g.goal.metric != "followers") continue;
      chart.value_rules.push_back(
          {g.goal.bound.value,
           text("html.chart.followers.goal", fmt::arg("goal", g.goal.id),
                fmt::arg("bound", format_count(std::llround(g.goal.bound.value), m_lang)))});
      if (now && g.projected && g.goal.by && *g.goal.by > m_r.as_of) {
        chart.series.push_back({text("html.chart.followers.trend", fmt::arg("goal", g.goal.id),
                                     fmt::arg("date", format_date(*g.goal.by, m_lang))),
                                {{m_r.as_of, *now}, {*g.goal.by, *g.projected}},
                                style++,
                                true});
      }
    }
    return render_time_chart(chart, m_lang, false);
  }

  // Views and engagements per week; the retired impressions and reach, loaded over their whole
  // history, show where Meta's series break and the break days are marked when they fall inside.
  std::string reach_chart() const {
    TimeChart chart{text("html.chart.reach"),
                    text("html.chart.per-week"),
                    text("html.chart.week-ending"),
                    {},
                    {},
                    {}};
    const Date from = m_in.window_start();
    const auto add = [&](std::string label, const DailySeries& series, Date start) {
      auto points = weekly_sums(series, start, m_r.as_of);
      if (!points.empty()) {
        chart.series.push_back(
            {std::move(label), std::move(points), static_cast<int>(chart.series.size()), false});
      }
    };
    add(text("report.views"), m_in.views, from);
    add(text("report.engagements"), m_in.engagements, from);
    if (!m_in.impressions.empty()) {
      add(text("html.chart.impressions"), m_in.impressions, m_in.impressions.begin()->first);
    }
    if (!m_in.reach.empty())
      add(text("html.chart.reach-old"), m_in.reach, m_in.reach.begin()->first);

    // A break is marked when the weeks drawn cover its day (every series drawn has points).
    std::optional<Date> covered_from;
    for (const ChartSeries& series : chart.series) {
      const Date week_start = series.points.front().first - 6;
      covered_from = covered_from ? std::min(*covered_from, week_start) : week_start;
    }
    const DayRule breaks[] = {{m_in.series_breaks.views, text("html.chart.break-views")},
                              {m_in.series_breaks.viewers, text("html.chart.break-viewers")}};
    for (const DayRule& rule : breaks) {
      if (covered_from && *covered_from <= rule.day && rule.day <= m_r.as_of) {
        chart.day_rules.push_back(rule);
      }
    }
    return render_time_chart(chart, m_lang, true);
  }

  // Hours per week against the net new followers (and useful followers) of the same weeks, over
  // the window's whole weeks.
  std::string effort_chart() const {
    TimeChart chart{text("html.chart.effort"),
                    text("html.chart.per-week"),
                    text("html.chart.week-ending"),
                    {},
                    {},
                    {}};
    const Date from = m_in.window_start();
    DailySeries hours;
    for (Date day = from; day <= m_r.as_of; day = day + 1) {
      if (auto logged = m_in.time_log.find(day); logged != m_in.time_log.end()) {
        hours[day] = logged->second;
      } else if (m_in.goals.effort.hours_per_day) {
        hours[day] = *m_in.goals.effort.hours_per_day;
      }
    }
    // A day's net change needs the count of the day before, so a week needs its eve.
    DailySeries net;
    for (const auto& [day, value] : m_in.followers) {
      if (auto eve = m_in.followers.find(day - 1); eve != m_in.followers.end()) {
        net[day] = value - eve->second;
      }
    }
    const auto add = [&](std::string label, std::vector<std::pair<Date, double>> points) {
      if (!points.empty()) {
        chart.series.push_back(
            {std::move(label), std::move(points), static_cast<int>(chart.series.size()), false});
      }
    };
    add(text("html.chart.hours-week"), weekly_sums(hours, from, m_r.as_of));
    const auto net_weeks = weekly_sums(net, from, m_r.as_of);
    add(text("html.chart.net-week"), net_weeks);
    if (auto share = m_r.figures.useful.share) {
      std::vector<std::pair<Date, double>> useful;
      useful.reserve(net_weeks.size());
      for (const auto& [day, value] : net_weeks) useful.emplace_back(day, value * *share);
      add(text("html.chart.useful-week"), std::move(useful));
    }
    return render_time_chart(chart, m_lang, true);
  }

  std::string customers_chart() const {
    std::vector<IntervalItem> items;
    const std::optional<double> followers = m_r.figures.followers.value;
    for (const CustomerEstimate& e : m_r.figures.customers) {
      IntervalItem item{text(fmt::format("report.method.{}", customer_method_name(e.method))),
                        e.customer_followers,
                        {},
                        {}};
      if (e.low && e.high && followers) {
        item.low = *e.low * *followers;
        item.high = *e.high * *followers;
      }
      items.push_back(std::move(item));
    }
    return render_interval_chart(text("html.chart.customers"), text("html.chart.people"), items,
                                 m_lang);
  }

  // One row per goal: the goal block's heading, status, current value and projection, as the
  // goal's section below writes them.
  std::string goal_table(const ReportSection& section) const {
    const auto value_of = [&](const ReportBlock& block, std::string_view label_key) {
      const std::string label = text(label_key);
      for (const ReportLine& line : block.lines) {
        if (line.label == label) return line.value;
      }
      return std::string("—");
    };
    std::string out = fmt::format(
        "<figure class=\"chart\"><figcaption>{}</figcaption><table class=\"goals\">\n"
        "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        html_escape(text("html.table.goals")), html_escape(text("html.table.goal")),
        html_escape(text("report.goal.status")), html_escape(text("report.goal.current")),
        html_escape(text("report.goal.projected")));
    for (size_t i = 0; i < m_r.goals.size() && i < section.blocks.size(); ++i) {
      const ReportBlock& block = section.blocks[i];
      const GoalStatus status = m_r.goals[i].status;
      out += fmt::format(
          "<tr><td>{}</td><td class=\"status status-{}\">{} {}</td><td>{}</td><td>{}</td></tr>\n",
          html_escape(block.heading), goal_status_name(status), status_symbol(status),
          html_escape(value_of(block, "report.goal.status")),
          html_escape(value_of(block, "report.goal.current")),
          html_escape(value_of(block, "report.goal.projected")));
    }
    return out + "</table></figure>\n";
  }

  const AuditInput& m_in;
  const AuditResult& m_r;
  Language m_lang;
};

}  // namespace

std::string render_html(const AuditInput& input, const AuditResult& result) {
  return HtmlWriter(input, result).write();
}

}  // namespace pageaudit
