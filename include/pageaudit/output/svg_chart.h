// Charts as inline SVG for the HTML report: series over days and estimates with intervals.
// Drawn for print: every series is told apart by its dash pattern and marker as well as its
// colour, so a grey printout stays readable.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/messages.h"

namespace pageaudit {

// One line of a chart: points (day, value) in day order. style picks the colour, dash pattern and
// marker (0..3, then repeating). A measured series draws a marker per point, each an element of
// class "pt"; a drawn-on one (a projection) is dashed and has no markers.
struct ChartSeries {
  std::string label;
  std::vector<std::pair<Date, double>> points;
  int style = 0;
  bool projection = false;
};

// A labelled rule across the plot: a goal's bound (horizontal, at a value) or an event such as a
// series break (vertical, on a day).
struct ValueRule {
  double value = 0;
  std::string label;
};
struct DayRule {
  Date day;
  std::string label;
};

struct TimeChart {
  std::string title;
  std::string y_label;
  std::string x_label;
  std::vector<ChartSeries> series;
  std::vector<ValueRule> value_rules;
  std::vector<DayRule> day_rules;
};

// A line chart over days: x from the first to the last day of any series or rule, y from the
// lowest to the highest value (0 included for flows when include_zero), ticks on round values and
// on month starts (or on the 1st, 8th, 15th and 22nd when fewer than three months show), written
// the language's way; a legend names each series. Texts are escaped. A chart with no points says
// so (message "html.chart.no-data") in place of a plot.
std::string render_time_chart(const TimeChart& chart, Language language, bool include_zero);

// One estimate with its interval (low, high), either both or neither.
struct IntervalItem {
  std::string label;
  double value = 0;
  std::optional<double> low;
  std::optional<double> high;
};

// The items side by side on one value axis from 0: a dot (class "pt") per value and a whisker per
// interval, each item labelled under the axis.
std::string render_interval_chart(const std::string& title, const std::string& y_label,
                                  const std::vector<IntervalItem>& items, Language language);

}  // namespace pageaudit
