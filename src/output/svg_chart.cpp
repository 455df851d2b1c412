// Inline SVG charts (svg_chart.h): a fixed-size canvas scaled by the browser (viewBox), so the
// geometry here is in canvas units and the page decides the printed size.
#include "pageaudit/output/svg_chart.h"

#include <algorithm>
#include <cmath>

#include "pageaudit/output/html_report.h"

namespace pageaudit {
namespace {

constexpr double k_width = 640;
constexpr double k_plot_height = 220;
constexpr double k_left = 70;  // room for the value labels and the axis title
constexpr double k_right = 20;
constexpr double k_top = 16;
constexpr double k_legend_row = 18;

// Colours that stay apart in grey (dark, middle, light, darker-middle), each with its own dash
// pattern and marker so that a black-and-white printout still tells the series apart.
struct Style {
  const char* colour;
  const char* dash;  // SVG stroke-dasharray; empty for a solid line
  int marker;        // 0 circle, 1 square, 2 triangle, 3 diamond
};
constexpr Style k_styles[] = {
    {"#1f3b73", "", 0}, {"#d9822b", "7 4", 1}, {"#5a9e4b", "2 3", 2}, {"#7a3e9d", "9 3 2 3", 3}};

const Style& style_of(int index) {
  return k_styles[static_cast<size_t>(std::abs(index)) % std::size(k_styles)];
}

std::string num(double value) {
  return fmt::format("{:.1f}", value);
}

std::string dash_attribute(const char* dash) {
  return *dash ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string();
}

// A marker centred on (x, y) of class cls; title, when given, is its tooltip.
std::string marker(int shape, double x, double y, const std::string& colour, const char* cls,
                   const std::string& title) {
  const std::string inner = title.empty() ? "" : "<title>" + html_escape(title) + "</title>";
  switch (shape % 4) {
    case 1:
      return fmt::format(
          "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"6\" height=\"6\" fill=\"{}\">"
          "{}</rect>",
          cls, num(x - 3), num(y - 3), colour, inner);
    case 2:
      return fmt::format("<path class=\"{}\" d=\"M{} {}L{} {}L{} {}Z\" fill=\"{}\">{}</path>", cls,
                         num(x), num(y - 4), num(x + 4), num(y + 3), num(x - 4), num(y + 3), colour,
                         inner);
    case 3:
      return fmt::format("<path class=\"{}\" d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{}\">{}</path>",
                         cls, num(x), num(y - 4), num(x + 4), num(y), num(x), num(y + 4),
                         num(x - 4), num(y), colour, inner);
    default:
      return fmt::format("<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{}\">{}</circle>",
                         cls, num(x), num(y), colour, inner);
  }
}

// Round tick values covering [low, high], about five of them: steps of 1, 2 or 5 times a power
// of ten, as a reader would draw them.
struct Scale {
  double low = 0;
  double high = 1;
  double step = 1;
  int decimals = 0;
};

Scale value_scale(double low, double high) {
  if (high - low < 1e-9) {
    low -= std::max(1.0, std::fabs(low) * 0.05);
    high += std::max(1.0, std::fabs(high) * 0.05);
  }
  const double raw = (high - low) / 5;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  const double step = (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * magnitude;
  Scale s;
  s.step = step;
  s.low = std::floor(low / step) * step;
  s.high = std::ceil(high / step) * step;
  s.decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  return s;
}

std::string axis_title_y(const std::string& label, double top, double bottom) {
  return fmt::format(
      "<text class=\"axis-title\" transform=\"translate(14 {}) rotate(-90)\" "
      "text-anchor=\"middle\">{}</text>",
      num((top + bottom) / 2), html_escape(label));
}

// The value axis: grid lines and labels at each tick.
std::string value_axis(const Scale& s, double bottom, const auto& y_of, Language language) {
  std::string out;
  for (double v = s.low; v <= s.high + s.step / 2; v += s.step) {
    const double y = y_of(v);
    out += fmt::format("<line class=\"grid\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>",
                       num(k_left), num(k_width - k_right), num(y), num(y));
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                       num(k_left - 6), num(y + 4), format_decimal(v, s.decimals, language));
  }
  out += fmt::format("<line class=\"axis\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>", num(k_left),
                     num(k_width - k_right), num(bottom), num(bottom));
  return out;
}

constexpr size_t k_max_ticks = 6;

// Days on the time axis with a label: month starts when the span holds three or more, else the
// 1st, 8th, 15th and 22nd. Month starts are thinned to every 2nd, 3rd, 6th or 12th month until at
// most k_max_ticks remain: a label such as "1 Nov 2026" is about 55 px wide on a 550 px axis, and
// more would overlap. The steps divide the year, so January (which carries the year) keeps its
// label.
std::vector<Date> day_ticks(Date first, Date last) {
  std::vector<Date> months;
  std::vector<Date> weeks;
  for (Date d = first; d <= last; d = d + 1) {
    if (d.day() == 1) months.push_back(d);
    if (d.day() == 1 || d.day() == 8 || d.day() == 15 || d.day() == 22) weeks.push_back(d);
  }
  if (months.size() < 3) return weeks;
  std::vector<Date> kept;
  for (int step : {1, 2, 3, 6, 12}) {
    kept.clear();
    for (Date d : months) {
      if ((d.month() - 1) % step == 0) kept.push_back(d);
    }
    if (kept.size() <= k_max_ticks) break;
  }
  return kept;
}

std::string tick_label(Date day, bool with_year, Language language) {
  return message(
      language, with_year ? "date.short-year" : "date.short", fmt::arg("day", day.day()),
      fmt::arg("month", message_text(language, fmt::format("month.short.{}", day.month()))),
      fmt::arg("year", day.year()));
}

std::string open_svg(const std::string& title, double height) {
  return fmt::format(
      "<figure class=\"chart\"><figcaption>{0}</figcaption>"
      "<svg viewBox=\"0 0 {1} {2}\" role=\"img\" "
      "aria-label=\"{0}\">",
      html_escape(title), num(k_width), num(height));
}

constexpr const char* k_close_svg = "</svg></figure>\n";

}  // namespace

std::string render_time_chart(const TimeChart& chart, Language language, bool include_zero) {
  std::optional<Date> first;
  std::optional<Date> last;
  std::optional<double> low;
  std::optional<double> high;
  const auto see_day = [&](Date d) {
    first = first ? std::min(*first, d) : d;
    last = last ? std::max(*last, d) : d;
  };
  const auto see_value = [&](double v) {
    low = low ? std::min(*low, v) : v;
    high = high ? std::max(*high, v) : v;
  };
  for (const ChartSeries& series : chart.series) {
    for (const auto& [day, value] : series.points) {
      see_day(day);
      see_value(value);
    }
  }
  if (!first) {
    return fmt::format("<figure class=\"chart\"><figcaption>{}</figcaption><p>{}</p></figure>\n",
                       html_escape(chart.title), message_text(language, "html.chart.no-data"));
  }
  for (const DayRule& rule : chart.day_rules) see_day(rule.day);
  for (const ValueRule& rule : chart.value_rules) see_value(rule.value);
  if (include_zero) see_value(0);
  if (*first == *last) last = *first + 1;

  const double bottom = k_top + k_plot_height;
  const double height = bottom + 44 + k_legend_row * static_cast<double>(chart.series.size());
  const Scale scale = value_scale(*low, *high);
  const auto span = static_cast<double>(*last - *first);
  const auto x_of = [&](Date d) {
    return k_left + (k_width - k_left - k_right) * static_cast<double>(d - *first) / span;
  };
  const auto y_of = [&](double v) {
    return bottom - k_plot_height * (v - scale.low) / (scale.high - scale.low);
  };

  std::string out = open_svg(chart.title, height);
  out += value_axis(scale, bottom, y_of, language);
  out += axis_title_y(chart.y_label, k_top, bottom);
  // A label centred closer than half its width to the value axis would run into the value labels.
  constexpr double k_half_label = 30;
  bool first_label = true;
  for (Date tick : day_ticks(*first, *last)) {
    const double x = x_of(tick);
    if (x - k_left < k_half_label) continue;
    out += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", num(x),
                       num(bottom), num(bottom + 4));
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                       num(x), num(bottom + 16),
                       html_escape(tick_label(tick, first_label || tick.month() == 1, language)));
    first_label = false;
  }
  out += fmt::format(
      "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
      num((k_left + k_width - k_right) / 2), num(bottom + 32), html_escape(chart.x_label));

  for (const ValueRule& rule : chart.value_rules) {
    const double y = y_of(rule.value);
    out += fmt::format(
        "<line class=\"rule\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke-dasharray=\"10 "
        "4\"/>"
        "<text class=\"rule-label\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>",
        num(k_left), num(k_width - k_right), num(y), num(k_width - k_right - 2), num(y - 4),
        html_escape(rule.label));
  }
  for (const DayRule& rule : chart.day_rules) {
    const double x = x_of(rule.day);
    out += fmt::format(
        "<line class=\"break\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" "
        "stroke-dasharray=\"3 3\"/><text class=\"rule-label\" x=\"{3}\" y=\"{4}\">{5}</text>",
        num(x), num(k_top), num(bottom), num(x + 3), num(k_top + 10), html_escape(rule.label));
  }

  for (size_t i = 0; i < chart.series.size(); ++i) {
    const ChartSeries& series = chart.series[i];
    const Style& style = style_of(series.style);
    const char* dash = series.projection ? "6 4" : style.dash;
    std::string path;
    for (const auto& [day, value] : series.points) {
      path += fmt::format("{}{} {}", path.empty() ? "M" : "L", num(x_of(day)), num(y_of(value)));
    }
    out += fmt::format(
        "<path class=\"line{}\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>",
        series.projection ? " projection" : "", path, style.colour, dash_attribute(dash));
    if (!series.projection) {
      for (const auto& [day, value] : series.points) {
        out += marker(style.marker, x_of(day), y_of(value), style.colour, "pt",
                      format_date(day, language) + ": " + format_decimal(value, 2, language));
      }
    }
    // The legend: a sample of the line with its marker, then the series' name.
    const double y = bottom + 48 + k_legend_row * static_cast<double>(i);
    out += fmt::format(
        "<g class=\"legend\"><line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"2\"{4}/>",
        num(k_left), num(k_left + 28), num(y - 4), style.colour, dash_attribute(dash));
    if (!series.projection) {
      out += marker(style.marker, k_left + 14, y - 4, style.colour, "legend-pt", "");
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text></g>", num(k_left + 36), num(y),
                       html_escape(series.label));
  }
  return out + k_close_svg;
}

std::string render_interval_chart(const std::string& title, const std::string& y_label,
                                  const std::vector<IntervalItem>& items, Language language) {
  if (items.empty()) {
    return fmt::format("<figure class=\"chart\"><figcaption>{}</figcaption><p>{}</p></figure>\n",
                       html_escape(title), message_text(language, "html.chart.no-data"));
  }
  double high = 0;
  for (const IntervalItem& item : items) high = std::max({high, item.value, item.high.value_or(0)});
  const Scale scale = value_scale(0, high);
  const double bottom = k_top + k_plot_height;
  const auto y_of = [&](double v) {
    return bottom - k_plot_height * (v - scale.low) / (scale.high - scale.low);
  };
  const double slot = (k_width - k_left - k_right) / static_cast<double>(items.size());

  std::string out = open_svg(title, bottom + 40);
  out += value_axis(scale, bottom, y_of, language);
  out += axis_title_y(y_label, k_top, bottom);
  for (size_t i = 0; i < items.size(); ++i) {
    const IntervalItem& item = items[i];
    const double x = k_left + slot * (static_cast<double>(i) + 0.5);
    if (item.low && item.high) {
      const double top = y_of(*item.high);
      const double foot = y_of(*item.low);
      out += fmt::format(
          "<g class=\"whisker\"><line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
          "<line x1=\"{3}\" x2=\"{4}\" y1=\"{1}\" y2=\"{1}\"/>"
          "<line x1=\"{3}\" x2=\"{4}\" y1=\"{2}\" y2=\"{2}\"/></g>",
          num(x), num(top), num(foot), num(x - 8), num(x + 8));
    }
    out += marker(static_cast<int>(i), x, y_of(item.value), style_of(static_cast<int>(i)).colour,
                  "pt", item.label + ": " + format_count(std::llround(item.value), language));
    out += fmt::format("<text class=\"value-label\" x=\"{}\" y=\"{}\">{}</text>", num(x + 10),
                       num(y_of(item.value) + 4), format_count(std::llround(item.value), language));
    out += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                       num(x), num(bottom + 18), html_escape(item.label));
  }
  return out + k_close_svg;
}

}  // namespace pageaudit
