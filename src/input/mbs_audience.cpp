// Business Suite Audience files: titled blocks (age & gender, top countries, top cities) in three
// generations of layout — vertical lists with '%' (2023-24), transposed name/value rows (2025+) —
// plus the small 'Gender'/'Top territories' + 'Distribution' files. Parsed by title, never by
// position.
#include "pageaudit/input/export.h"

namespace pageaudit {
namespace {

// 'F' / 'M' / 'U' from a gender column label in English, Spanish or Portuguese.
std::string gender_code(std::string_view label) {
  std::string folded = fold_header(label);
  for (std::string_view women :
       {"women", "female", "mujeres", "mulheres", "femenino", "feminino"}) {
    if (folded == women) return "F";
  }
  for (std::string_view men : {"men", "male", "hombres", "homens", "masculino"}) {
    if (folded == men) return "M";
  }
  return "U";
}

bool is_value_header(std::string_view cell) {
  std::string folded = fold_header(cell);
  return folded == "value" || folded == "valor" || folded == "distribution" ||
         folded == "distribución" || folded == "distribuição";
}

// Audience values are percentages, written '12.2%', '23,9%' or '75.1'; never with thousands.
Result<std::optional<double>> share_cell(const std::string& file, long line,
                                         std::string_view column, std::string_view text) {
  std::string_view value = trim(text);
  bool comma =
      value.find(',') != std::string_view::npos && value.find('.') == std::string_view::npos;
  return number_cell(file, line, column, value, comma);
}

struct BlockReader {
  RecordStream& stream;
  const ExportContext& context;
  RecordSink& sink;
  std::string page_id;
  ExportSummary& summary;

  Status emit(const MetricAlias& alias, std::string_view key, double value, Unit unit) {
    BreakdownRecord record{page_id,         alias.metric, "lifetime", context.as_of,
                           alias.dimension, key,          value,      unit};
    if (auto s = sink.breakdown(record); !s) return s;
    ++summary.counts.breakdowns;
    return {};
  }

  // The rows of a block up to the next blank line (or end), without consuming the blank line.
  Result<std::vector<CsvRecord>> rows() {
    std::vector<CsvRecord> out;
    for (;;) {
      auto ahead = stream.peek(0);
      if (!ahead) return tl::unexpected(ahead.error());
      if (!*ahead || (*ahead)->blank()) break;
      CsvRecord record;
      auto got = stream.next(record);
      if (!got) return tl::unexpected(got.error());
      out.push_back(std::move(record));
    }
    return out;
  }

  // Age & gender: a header row of gender labels (first cell empty or 'Age'), then one row per age.
  Status age_gender(const MetricAlias& alias, const std::vector<CsvRecord>& rows) {
    if (rows.empty()) return {};
    const CsvRecord& head = rows[0];
    for (size_t r = 1; r < rows.size(); ++r) {
      const CsvRecord& row = rows[r];
      std::string age(trim(row[0]));
      for (size_t c = 1; c < head.size(); ++c) {
        if (trim(head[c]).empty()) continue;
        auto value = share_cell(context.file, row.line, head[c], row[c]);
        if (!value) return tl::unexpected(value.error());
        if (!*value) continue;
        if (auto s = emit(alias, gender_code(head[c]) + "." + age, **value, Unit::percent); !s)
          return s;
      }
    }
    return {};
  }

  // A list: either vertical ('Name','Value' header, then name/value rows; a re-save may have split
  // a quoted 'Kyiv, Ukraine' into cells, so the value is the last non-empty cell) or transposed
  // (a row of names, then a row of values).
  Status list(const MetricAlias& alias, const std::vector<CsvRecord>& rows, Unit vertical_unit) {
    if (rows.empty()) return {};
    if (rows[0].size() >= 2 && is_value_header(rows[0][1])) {
      for (size_t r = 1; r < rows.size(); ++r) {
        const CsvRecord& row = rows[r];
        size_t last = row.size();
        while (last > 0 && trim(row[last - 1]).empty()) --last;
        if (last < 2) continue;
        std::string key;
        for (size_t c = 0; c + 1 < last; ++c) {
          if (trim(row[c]).empty()) continue;
          if (!key.empty()) key += ", ";
          key += trim(row[c]);
        }
        std::string_view raw = trim(row[last - 1]);
        auto value = share_cell(context.file, row.line, rows[0][1], raw);
        if (!value) return tl::unexpected(value.error());
        if (!*value) continue;
        Unit unit = raw.find('%') != std::string_view::npos ? Unit::percent : vertical_unit;
        if (auto s = emit(alias, key, **value, unit); !s) return s;
      }
      return {};
    }
    if (rows.size() < 2) {
      return fail(ExitCode::data,
                  at(context.file, rows[0].line, "a list of names without a row of values"));
    }
    const CsvRecord& names = rows[0];
    const CsvRecord& values = rows[1];
    for (size_t c = 0; c < names.size(); ++c) {
      std::string_view name = trim(names[c]);
      if (name.empty()) continue;
      auto value = share_cell(context.file, values.line, name, values[c]);
      if (!value) return tl::unexpected(value.error());
      if (!*value) continue;
      if (auto s = emit(alias, name, **value, Unit::percent); !s) return s;
    }
    return {};
  }
};

}  // namespace

Result<ExportSummary> read_mbs_audience(RecordStream& stream, const ExportContext& context,
                                        RecordSink& sink) {
  ExportSummary summary;
  const Catalog& catalog = *context.catalog;
  auto page = require_page(context);
  if (!page) return tl::unexpected(page.error());
  BlockReader reader{stream, context, sink, *page, summary};

  // The small demographic files have no title line: 'Gender','Distribution' then rows (fractions).
  auto first = stream.peek(0);
  if (!first) return tl::unexpected(first.error());
  if (*first && (*first)->size() == 2 && is_value_header((**first)[1])) {
    const MetricAlias* alias = catalog.metric_alias("audience_block", (**first)[0]);
    if (!alias) {
      return fail(ExitCode::data, at(context.file, (*first)->line,
                                     fmt::format("unknown demographic list \"{}\"", (**first)[0])));
    }
    auto rows = reader.rows();
    if (!rows) return tl::unexpected(rows.error());
    if (auto s = reader.list(*alias, *rows, Unit::fraction); !s) return tl::unexpected(s.error());
    summary.page_id = *page;
    summary.first_date = summary.last_date = context.as_of;
    return summary;
  }

  std::vector<std::string> skipped;
  long imported = 0;
  CsvRecord record;
  for (;;) {
    auto got = stream.next(record);
    if (!got) return tl::unexpected(got.error());
    if (!*got) break;
    if (record.blank()) continue;
    if (!is_title_line(record)) {
      return fail(ExitCode::data, at(context.file, record.line,
                                     fmt::format("expected a block title, got \"{}\"", record[0])));
    }
    std::string title(trim(record[0]));
    auto rows = reader.rows();
    if (!rows) return tl::unexpected(rows.error());

    const MetricAlias* alias =
        is_instagram_title(title) ? nullptr : catalog.metric_alias("audience_block", title);
    if (!alias) {
      skipped.push_back(title);
      continue;
    }
    Status status = alias->dimension == "age_gender" ? reader.age_gender(*alias, *rows)
                                                     : reader.list(*alias, *rows, Unit::percent);
    if (!status) return tl::unexpected(status.error());
    ++imported;
  }

  if (imported == 0) {
    std::string titles;
    for (size_t i = 0; i < skipped.size() && i < 4; ++i)
      titles += (i ? ", \"" : "\"") + skipped[i] + "\"";
    return fail(
        ExitCode::data,
        at(context.file, 0,
           skipped.empty()
               ? std::string("no audience block in the file")
               : fmt::format("no Facebook audience block pageaudit imports (found {})", titles)));
  }
  if (!skipped.empty()) {
    std::string titles;
    for (size_t i = 0; i < skipped.size(); ++i) titles += (i ? ", \"" : "\"") + skipped[i] + "\"";
    summary.notes.push_back(fmt::format("skipped {} block{}: {}", skipped.size(),
                                        skipped.size() == 1 ? "" : "s", titles));
  }
  summary.page_id = *page;
  summary.first_date = summary.last_date = context.as_of;
  return summary;
}

}  // namespace pageaudit
