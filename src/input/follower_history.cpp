// Follower history files: '"Date","Followers","Difference in followers from previous day"' with
// dates written without a year ('August 18', '18 de agosto'), and the same shape for viewers.
#include <array>

#include "pageaudit/input/export.h"

namespace pageaudit {
namespace {

struct MonthName {
  std::string_view name;
  int month;
};

// English, Spanish and Portuguese month names, folded (lower case, accents kept as exports write
// them).
constexpr std::array<MonthName, 40> k_months = {{
    {"january", 1},    {"february", 2},  {"march", 3},    {"april", 4},      {"may", 5},
    {"june", 6},       {"july", 7},      {"august", 8},   {"september", 9},  {"october", 10},
    {"november", 11},  {"december", 12}, {"enero", 1},    {"febrero", 2},    {"marzo", 3},
    {"abril", 4},      {"mayo", 5},      {"junio", 6},    {"julio", 7},      {"agosto", 8},
    {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11}, {"diciembre", 12},
    {"janeiro", 1},    {"fevereiro", 2}, {"março", 3},    {"maio", 5},       {"junho", 6},
    {"julho", 7},      {"setembro", 9},  {"outubro", 10}, {"novembro", 11},  {"dezembro", 12},
    {"sept", 9},       {"jan", 1},       {"feb", 2},      {"aug", 8},        {"dec", 12},
}};

int month_number(std::string_view word) {
  std::string folded = fold_header(word);
  if (!folded.empty() && folded.back() == '.') folded.pop_back();
  for (const auto& m : k_months) {
    if (folded == m.name) return m.month;
  }
  return 0;
}

struct MonthDay {
  int month = 0;
  int day = 0;
};

// 'August 18', '18 de agosto', '18 agosto', 'Aug 18'.
std::optional<MonthDay> parse_month_day(std::string_view text) {
  text = trim(text);
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t j = i;
    while (j < text.size() && text[j] != ' ') ++j;
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j;
  }
  auto as_day = [](std::string_view w) {
    int d = 0;
    if (w.empty() || w.size() > 2) return 0;
    for (char c : w) {
      if (c < '0' || c > '9') return 0;
      d = d * 10 + (c - '0');
    }
    return d;
  };
  if (words.size() == 2) {
    if (int m = month_number(words[0]); m && as_day(words[1])) return MonthDay{m, as_day(words[1])};
    if (int m = month_number(words[1]); m && as_day(words[0])) return MonthDay{m, as_day(words[0])};
  }
  if (words.size() == 3 && (words[1] == "de" || words[1] == "of")) {
    if (int m = month_number(words[2]); m && as_day(words[0])) return MonthDay{m, as_day(words[0])};
  }
  return std::nullopt;
}

// The latest date on or before 'limit' that falls on month/day (Feb 29 skips to a leap year).
std::optional<Date> latest_on_or_before(MonthDay md, Date limit) {
  for (int year = limit.year(); year >= limit.year() - 8; --year) {
    auto date = Date::from_ymd(year, md.month, md.day);
    if (date && *date <= limit) return date;
  }
  return std::nullopt;
}

struct Row {
  long line;
  std::optional<Date> date;  // set when the file writes a full date
  std::optional<MonthDay> month_day;
  std::string raw_date;
  std::optional<double> value;
};

}  // namespace

Result<ExportSummary> read_follower_history(RecordStream& stream, const ExportContext& context,
                                            RecordSink& sink) {
  ExportSummary summary;
  const Catalog& catalog = *context.catalog;
  auto page = require_page(context);
  if (!page) return tl::unexpected(page.error());

  CsvRecord header;
  auto got = stream.next(header);
  if (!got) return tl::unexpected(got.error());
  const MetricAlias* alias = catalog.metric_alias("history_column", header[1]);
  const std::string column(trim(header[1]));
  const bool stock = catalog.is_stock(alias->metric);
  std::vector<std::string> skipped_columns;
  for (size_t c = 2; c < header.size(); ++c) {
    if (catalog.field("history", header[c]) != "difference" && !trim(header[c]).empty()) {
      skipped_columns.emplace_back(trim(header[c]));
    }
  }

  // Dates without a year are resolved from the end: the last row is the latest such day on or
  // before the export day, and each earlier row the latest such day before the row after it.
  // So the whole file is read first; a history file holds at most a few hundred rows.
  std::vector<Row> rows;
  DateColumn dates(context.file, std::string(trim(header[0])), 0, DateKind::days);
  long undefined_values = 0;
  CsvRecord record;
  for (;;) {
    auto next = stream.next(record);
    if (!next) return tl::unexpected(next.error());
    if (!*next) break;
    if (record.blank()) continue;
    auto date = dates.date(record, stream);
    if (!date) return tl::unexpected(date.error());
    Row row{record.line, *date, std::nullopt, std::string(trim(record[0])), std::nullopt};
    if (!row.date) {
      row.month_day = parse_month_day(record[0]);
      if (!row.month_day) {
        return fail(ExitCode::data, at(context.file, record.line,
                                       fmt::format("expected a date, got \"{}\"", row.raw_date)));
      }
    }
    std::string_view raw = trim(record[1]);
    if (raw == "undefined") {
      ++undefined_values;  // Meta's placeholder for a day it has not computed
    } else {
      auto value = number_cell(context.file, record.line, column, raw);
      if (!value) return tl::unexpected(value.error());
      if (*value && **value < 0 && stock) {
        return tl::unexpected(negative_total(context.file, record.line, column, **value).error());
      }
      row.value = *value;
    }
    rows.push_back(std::move(row));
  }

  std::optional<Date> bound = context.as_of;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    if (!it->date) {
      if (!bound) break;
      it->date = latest_on_or_before(*it->month_day, *bound);
      if (!it->date) {
        return fail(ExitCode::data, at(context.file, it->line,
                                       fmt::format("cannot place \"{}\" in a year", it->raw_date)));
      }
    }
    bound = *it->date - 1;
  }

  for (const Row& row : rows) {
    if (!row.value) continue;
    PageMetricRecord metric{*page, alias->metric, alias->period, *row.date, *row.value};
    if (auto s = sink.page_metric(metric); !s) return tl::unexpected(s.error());
    ++summary.counts.page_metrics;
    if (!summary.first_date || *row.date < *summary.first_date) summary.first_date = *row.date;
    if (!summary.last_date || *row.date > *summary.last_date) summary.last_date = *row.date;
  }
  if (undefined_values > 0) {
    summary.notes.push_back(fmt::format("skipped {} day{} Meta marked \"undefined\"",
                                        undefined_values, undefined_values == 1 ? "" : "s"));
  }
  if (!skipped_columns.empty()) {
    std::string names;
    for (size_t i = 0; i < skipped_columns.size(); ++i)
      names += (i ? ", \"" : "\"") + skipped_columns[i] + "\"";
    summary.notes.push_back(
        fmt::format("skipped column{} {}", skipped_columns.size() == 1 ? "" : "s", names));
  }
  summary.page_id = *page;
  return summary;
}

}  // namespace pageaudit
