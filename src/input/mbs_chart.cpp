// Business Suite per-chart daily files: 'sep=,', a title line, '"Date","Primary"', one row per day;
// several titled blocks per file (Facebook and Instagram), separated by blank lines.
#include <map>

#include "pageaudit/input/export.h"

namespace pageaudit {
namespace {

struct Block {
  std::string title;
  long line = 0;
  const MetricAlias* alias = nullptr;  // nullptr: an Instagram block, skipped
  std::string metric;                  // canonical metric (from the alias or --metric)
  long rows = 0;
};

}  // namespace

Result<ExportSummary> read_mbs_daily_chart(RecordStream& stream, const ExportContext& context,
                                           RecordSink& sink) {
  ExportSummary summary;
  const Catalog& catalog = *context.catalog;
  std::vector<Block> skipped;
  long imported_blocks = 0;
  std::string page_id;

  CsvRecord record;
  bool have_record = false;
  for (;;) {
    if (!have_record) {
      auto got = stream.next(record);
      if (!got) return tl::unexpected(got.error());
      if (!*got) break;
    }
    have_record = false;
    if (record.blank()) continue;
    if (!is_title_line(record)) {
      return fail(ExitCode::data,
                  at(context.file, record.line,
                     fmt::format("expected a chart title line, got \"{}\"", record[0])));
    }

    Block block;
    block.title = std::string(trim(record[0]));
    block.line = record.line;
    auto got = stream.next(record);
    if (!got) return tl::unexpected(got.error());
    if (!*got || record.size() < 2 || catalog.field("chart", record[0]) != "date") {
      return fail(ExitCode::data,
                  at(context.file, *got ? record.line : block.line,
                     fmt::format("expected a \"Date\",\"Primary\" header after the title \"{}\"",
                                 block.title)));
    }

    // A row per day: a re-save's 'DD/MM/YYYY' is told from 'MM/DD/YYYY' by the column's evidence.
    DateColumn dates(context.file, std::string(trim(record[0])), 0, DateKind::days);
    const bool instagram = is_instagram_title(block.title);
    if (!instagram) {
      block.alias = catalog.metric_alias("chart_title", block.title);
      if (block.alias) {
        block.metric = block.alias->metric;
      } else if (context.metric) {
        block.metric = *context.metric;
      } else {
        return fail(
            ExitCode::data,
            at(context.file, block.line,
               fmt::format("unknown chart title \"{}\"; if it is a Facebook Page metric, import "
                           "the file with --metric NAME",
                           block.title)));
      }
      if (page_id.empty()) {
        auto page = require_page(context);
        if (!page) return tl::unexpected(page.error());
        page_id = *page;
      }
    }

    // The header's second cell is ignored: it reads 'Primary', the metric's name, or a wrong
    // label in older files; the title line is the only reliable name.
    for (;;) {
      auto row = stream.next(record);
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      if (record.blank()) break;
      auto read = dates.date(record, stream);
      if (!read) return tl::unexpected(read.error());
      auto date = *read;
      if (!date && is_title_line(record)) {
        have_record = true;  // a new block without a blank line between
        break;
      }
      if (!date) {
        return fail(ExitCode::data, at(context.file, record.line,
                                       fmt::format("expected a date, got \"{}\"", record[0])));
      }
      ++block.rows;
      if (instagram) continue;
      auto value = number_cell(context.file, record.line, "Primary", record[1]);
      if (!value) return tl::unexpected(value.error());
      if (!*value) continue;  // an empty cell is missing data, never zero
      PageMetricRecord metric{page_id, block.metric, "day", *date, *value};
      if (auto s = sink.page_metric(metric); !s) return tl::unexpected(s.error());
      ++summary.counts.page_metrics;
      if (!summary.first_date || *date < *summary.first_date) summary.first_date = *date;
      if (!summary.last_date || *date > *summary.last_date) summary.last_date = *date;
    }
    if (instagram) {
      skipped.push_back(block);
    } else {
      ++imported_blocks;
    }
  }

  for (const auto& block : skipped) {
    summary.notes.push_back(fmt::format("skipped the Instagram block \"{}\" (line {}, {} rows)",
                                        block.title, block.line, block.rows));
  }
  if (imported_blocks == 0) {
    if (!skipped.empty()) {
      return fail(
          ExitCode::data,
          at(context.file, 0,
             fmt::format("only Instagram data (\"{}\"); pageaudit imports Facebook Page data",
                         skipped.front().title)));
    }
    return fail(ExitCode::data, at(context.file, 0, "no chart in the file"));
  }
  summary.page_id = page_id;
  return summary;
}

}  // namespace pageaudit
