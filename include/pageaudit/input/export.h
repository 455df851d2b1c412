// Export files: which layout a file has, and the readers that turn each layout into records.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/input/catalog.h"
#include "pageaudit/input/csv.h"
#include "pageaudit/input/date_column.h"
#include "pageaudit/input/records.h"

namespace pageaudit {

enum class Layout {
  classic_page,      // Classic Page Insights, Page level: Date + one column per metric (and key)
  classic_post,      // Classic, post level: Post ID, Permalink, Post Message, Type, ...
  classic_video,     // Classic, video posts
  mbs_content,       // Business Suite content (posts) export of a Facebook Page
  mbs_daily_chart,   // Business Suite per-chart daily file: sep=, title line, "Date","Primary"
  mbs_audience,      // Business Suite Audience file: titled blocks
  follower_history,  // "Date","Followers","Difference in followers from previous day"
  // Files the tool recognises but does not import; refused by name.
  mbs_content_instagram,
  ads_manager,
  unknown,
};

// Stable short name, stored in import_runs.kind: "classic_page", "mbs_daily_chart", ...
const char* layout_name(Layout layout);
// What a person calls it: "a Meta Ads Manager report", "a Business Suite daily chart file", ...
const char* layout_description(Layout layout);

// Records read ahead for layout detection are replayed to the layout reader.
class RecordStream {
 public:
  explicit RecordStream(CsvReader& reader) : m_reader(reader) {}
  Result<bool> next(CsvRecord& record);
  // The n-th record ahead (0 = the next one), reading it if needed; nullptr past the end.
  Result<const CsvRecord*> peek(size_t n);
  CsvReader& reader() { return m_reader; }
  const std::string& name() const { return m_reader.name(); }

 private:
  CsvReader& m_reader;
  std::deque<CsvRecord> m_ahead;
  bool m_eof = false;
};

struct Detection {
  Layout layout = Layout::unknown;
  std::string reason;  // for unknown/refused layouts: what was seen
};

// Looks at the first records (without consuming them) to tell the layout.
Result<Detection> detect_layout(RecordStream& stream, const Catalog& catalog);

struct ExportContext {
  std::string file;                    // the file as named in messages
  std::optional<std::string> page_id;  // --page, or the store's only Page; nullopt if unknown
  bool page_given = false;             // page_id came from --page: a file naming another Page
                                       // is an error (a default Page just yields to the file)
  Date as_of;                          // the day the file was exported
  std::optional<std::string> metric;   // --metric NAME: import an unknown daily chart as this
  const Catalog* catalog = nullptr;
};

struct ExportSummary {
  ImportCounts counts;
  std::string page_id;             // the Page the records belong to
  std::vector<std::string> notes;  // what was skipped and why (Instagram blocks, error rows...)
  std::optional<Date> first_date;
  std::optional<Date> last_date;
};

// One reader per family. Each reads the whole stream, sends records to the sink, and returns
// ExitCode::data with "FILE:LINE: what" on the first thing it cannot read, or ExitCode::usage when
// the file does not name its Page and none was given.
Result<ExportSummary> read_classic(RecordStream& stream, Layout layout,
                                   const ExportContext& context, RecordSink& sink);
Result<ExportSummary> read_mbs_content(RecordStream& stream, const ExportContext& context,
                                       RecordSink& sink);
Result<ExportSummary> read_mbs_daily_chart(RecordStream& stream, const ExportContext& context,
                                           RecordSink& sink);
Result<ExportSummary> read_mbs_audience(RecordStream& stream, const ExportContext& context,
                                        RecordSink& sink);
Result<ExportSummary> read_follower_history(RecordStream& stream, const ExportContext& context,
                                            RecordSink& sink);

// Reads any export: detects the layout and calls the right reader. Refused layouts give
// ExitCode::data "FILE: this is <description>, which pageaudit does not import".
Result<ExportSummary> read_export(RecordStream& stream, const ExportContext& context,
                                  RecordSink& sink, Layout* detected = nullptr);

// The .csv files of a folder (not its subfolders), in the order to import them: content exports
// first, since they name the Page and the files that do not can then be given it (Business Suite
// names them 'Nov-21-2024_Nov-20-2025_<id>.csv'), each group by file name. Empty when the folder
// cannot be read.
std::vector<std::string> export_files_in(const std::string& dir);

// --- Helpers shared by the readers -------------------------------------------------------------

// The export day a file name carries: the last 'YYYY-MM-DD' or 'Mon-DD-YYYY' in it
// ('Sep-01-2025_Sep-30-2025_123.csv' -> 2025-09-30); nullopt when there is none.
std::optional<Date> date_in_file_name(std::string_view file_name);

// Dates as exports write them: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM:SS' (a time at or after 12:00
// means the next day: Meta renders some accounts' days with a fixed offset), 'A/B/YYYY' read in
// 'order' (readers get the order from a DateColumn, which decides it from the file, never by
// guess).
std::optional<Date> parse_export_date(std::string_view text, DateOrder order);
// 'A/B/YYYY HH:MM', 'A/B/YYYY hh:mm:ss AM/PM', ISO -> 'YYYY-MM-DDTHH:MM[:SS]'.
std::optional<std::string> parse_export_time(std::string_view text, DateOrder order);

// The error for a level (followers, total likes) below zero, which no export can mean:
// ExitCode::data 'FILE:LINE: column "Followers" is a total and cannot be negative, got -5'.
Status negative_total(const std::string& file, long line, std::string_view column, double value);

// A numeric cell: nullopt when empty; ExitCode::data
// 'FILE:LINE: column "Primary": expected a number, got "n/a"' otherwise, with a hint when a
// spreadsheet has turned the number into a date ('3.апр').
Result<std::optional<double>> number_cell(const std::string& file, long line,
                                          std::string_view column, std::string_view text,
                                          bool decimal_comma = false);

// The Page a file's records belong to when the file does not name it: context.page_id, else
// ExitCode::usage 'FILE: this file does not say which Page it belongs to; give --page ID'.
Result<std::string> require_page(const ExportContext& context);

// True for a chart or block title that names Instagram in any UI language ('Instagram follows',
// 'Seguidores no Instagram'): the brand is never translated.
bool is_instagram_title(std::string_view title);

// A title line: a non-empty first cell and every other cell empty (re-saves pad it with ';').
bool is_title_line(const CsvRecord& record);

}  // namespace pageaudit
