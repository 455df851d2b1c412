// pageaudit import FILE...: detect each export's layout and write it in one transaction per file;
// with --as, read the business's own files (customer lists, time logs, outcomes) instead.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/messages.h"
#include "pageaudit/input/export.h"
#include "pageaudit/input/tables.h"
#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/store.h"
#include "pageaudit/store/writer.h"

namespace pageaudit {
namespace {

// Counts what --dry-run would write, writing nothing.
class CountingSink : public RecordSink {
 public:
  Status page(const PageRecord&) override { return {}; }
  Status page_metric(const PageMetricRecord&) override { return {}; }
  Status breakdown(const BreakdownRecord&) override { return {}; }
  Status post(const PostRecord&) override { return {}; }
  Status post_metric(const PostMetricRecord&) override { return {}; }
};

// The day the file was exported: --exported-on, else a date in its name, else its mtime (local).
Date export_day(const std::string& path, const ImportOptions& options) {
  if (options.exported_on) return *Date::parse_iso(*options.exported_on);
  if (auto named = date_in_file_name(path)) return *named;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    std::tm local{};
    localtime_r(&st.st_mtime, &local);
    if (auto day = Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday)) return *day;
  }
  return Date::today_local();
}

// The Page for files that do not name one: --page, else the store's only Page.
Result<std::optional<std::string>> default_page(Database& db, const ImportOptions& options) {
  if (options.page_id) return options.page_id;
  auto count = db.scalar_int("SELECT count(*) FROM pages");
  if (!count) return tl::unexpected(count.error());
  if (count->value_or(0) != 1) return std::optional<std::string>{};
  auto only = db.scalar_text("SELECT page_id FROM pages");
  if (!only) return tl::unexpected(only.error());
  return *only;
}

std::string describe(const ExportSummary& summary, Layout layout) {
  std::string what;
  auto add = [&what](long n, const char* one, const char* many) {
    if (n == 0) return;
    if (!what.empty()) what += ", ";
    what += fmt::format("{} {}", n, n == 1 ? one : many);
  };
  add(summary.counts.page_metrics, "daily value", "daily values");
  add(summary.counts.breakdowns, "breakdown value", "breakdown values");
  add(summary.counts.posts, "post", "posts");
  add(summary.counts.post_metrics, "post metric", "post metrics");
  if (what.empty()) what = "nothing";
  std::string range;
  if (summary.first_date && summary.last_date) {
    range = summary.first_date == summary.last_date
                ? fmt::format(", {}", summary.first_date->iso())
                : fmt::format(", {}..{}", summary.first_date->iso(), summary.last_date->iso());
  }
  return fmt::format("{} ({}{}) for Page {}", what, layout_description(layout), range, summary.page_id);
}

Status check_readable(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return fail(ExitCode::no_input, at(path, 0, fmt::format("cannot open: {}", std::strerror(errno))));
  }
  if (S_ISDIR(st.st_mode)) return fail(ExitCode::no_input, at(path, 0, "is a directory"));
  return {};
}

// Imports one file. On any error the file's transaction is rolled back and its ledger row
// removed, so the store is exactly as it was before.
Status import_one(Store& store, const Catalog& catalog, const std::string& path, const ImportOptions& options,
                  const Console& console) {
  if (auto s = check_readable(path); !s) return s;
  auto reader = CsvReader::open(path);
  if (!reader) return tl::unexpected(reader.error());
  RecordStream stream(**reader);

  Database& db = store.db();
  auto page = default_page(db, options);
  if (!page) return tl::unexpected(page.error());
  const std::string source = std::filesystem::path(path).filename().string();
  ExportContext context{path, *page, options.page_id.has_value(), export_day(path, options), options.metric,
                        &catalog};

  Layout layout = Layout::unknown;
  if (options.dry_run) {
    CountingSink sink;
    auto summary = read_export(stream, context, sink, &layout);
    if (!summary) return tl::unexpected(summary.error());
    console.result(fmt::format("{}: would import {}", path, describe(*summary, layout)));
    for (const auto& note : summary->notes) console.result(fmt::format("  {}", note));
    return {};
  }

  auto run_id = start_run(db, RunStart{"import", source, path, std::nullopt, std::nullopt, *page});
  if (!run_id) return tl::unexpected(run_id.error());
  Transaction txn(db);
  auto imported = [&]() -> Result<ExportSummary> {
    if (auto s = txn.begin(); !s) return tl::unexpected(s.error());
    auto sink = StoreSink::create(db, source, context.as_of.iso(), *run_id);
    if (!sink) return tl::unexpected(sink.error());
    auto summary = read_export(stream, context, *sink, &layout);
    if (!summary) return summary;
    std::string notes;
    for (const auto& note : summary->notes) notes += (notes.empty() ? "" : "; ") + note;
    if (auto s = finish_run(db, *run_id, "ok", summary->counts.total(), notes, summary->page_id,
                            std::string(layout_name(layout)));
        !s) {
      return tl::unexpected(s.error());
    }
    if (auto s = txn.commit(); !s) return tl::unexpected(s.error());
    return summary;
  }();
  if (!imported) {
    txn.rollback();
    (void)forget_run(db, *run_id);
    return tl::unexpected(imported.error());
  }
  console.result(fmt::format("{}: imported {}", path, describe(*imported, layout)));
  for (const auto& note : imported->notes) console.result(fmt::format("  {}", note));
  return {};
}

// A store that cannot be written (73) or is held by another run (75) would fail every later file
// the same way: the run stops at the first such error, which is then the only one shown.
bool stops_the_run(const Error& error) {
  return error.code == ExitCode::cant_create || error.code == ExitCode::temp_fail;
}

// Every file is tried (until the store fails); each one is all or nothing. All errors are shown
// (main prints the last), and the first one decides the exit code, unless the store failed: that
// is what a cron job must hear about.
Status outcome_of(const std::vector<Error>& errors, const Console& console) {
  if (errors.empty()) return {};
  for (size_t i = 0; i + 1 < errors.size(); ++i) console.error(errors[i].message);
  const Error& last = errors.back();
  return fail(stops_the_run(last) ? last.code : errors.front().code, last.message);
}

// --- import --as: the business's own files -----------------------------------------------------

enum class TableKind { customers, time, outcomes };

std::optional<TableKind> table_kind(std::string_view name) {
  if (name == "customers") return TableKind::customers;
  if (name == "time") return TableKind::time;
  if (name == "outcomes") return TableKind::outcomes;
  return std::nullopt;
}

// import_runs.kind of each: the table the rows go to.
const char* table_name(TableKind kind) {
  switch (kind) {
    case TableKind::customers:
      return "customers";
    case TableKind::time:
      return "time_log";
    case TableKind::outcomes:
      return "outcomes";
  }
  return "";
}

std::string plural(long n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// One file of the business's, read and checked whole before anything is written.
struct TableFile {
  TableKind kind = TableKind::customers;
  CustomerList customers;
  std::vector<TimeEntry> time;
  OutcomeTable outcomes;

  long rows_written() const {
    switch (kind) {
      case TableKind::customers:
        return static_cast<long>(customers.customers.size());
      case TableKind::time:
        return static_cast<long>(time.size());
      case TableKind::outcomes:
        return static_cast<long>(outcomes.values.size());
    }
    return 0;
  }

  // "650 rows: 637 customers, 13 repeats of an earlier row", "164 time log entries, 177 hours
  // (2026-08-23..2026-11-20)", "350 days of 4 outcomes (visitors, ...), 2025-11-21..2026-11-20".
  std::string describe() const {
    std::optional<Date> first, last;
    const auto span = [&](Date day) {
      first = first ? std::min(*first, day) : day;
      last = last ? std::max(*last, day) : day;
    };
    const auto range = [&] {
      if (!first) return std::string();
      return *first == *last ? first->iso() : fmt::format("{}..{}", first->iso(), last->iso());
    };
    switch (kind) {
      case TableKind::customers:
        return fmt::format("{}: {}, {} of an earlier row", plural(customers.rows, "row", "rows"),
                           plural(rows_written(), "customer", "customers"),
                           plural(customers.repeats(), "repeat", "repeats"));
      case TableKind::time: {
        double hours = 0;
        for (const TimeEntry& e : time) {
          hours += e.hours;
          span(e.date);
        }
        std::string out = fmt::format("{}, {} hours", plural(rows_written(), "time log entry", "time log entries"),
                                      format_decimal(hours, 2, Language::en));
        return time.empty() ? out : fmt::format("{} ({})", out, range());
      }
      case TableKind::outcomes: {
        std::string names;
        for (const std::string& m : outcomes.metrics) names += (names.empty() ? "" : ", ") + m;
        for (const OutcomeValue& v : outcomes.values) span(v.date);
        const long days = static_cast<long>(outcomes.values.size() / outcomes.metrics.size());
        std::string out = fmt::format("{} of {} ({})", plural(days, "day", "days"),
                                      plural(static_cast<long>(outcomes.metrics.size()), "outcome", "outcomes"),
                                      names);
        return days == 0 ? out : fmt::format("{}, {}", out, range());
      }
    }
    return "";
  }
};

Result<TableFile> read_table(const std::string& path, TableKind kind) {
  if (auto s = check_readable(path); !s) return tl::unexpected(s.error());
  auto reader = CsvReader::open(path);
  if (!reader) return tl::unexpected(reader.error());
  TableFile file;
  file.kind = kind;
  switch (kind) {
    case TableKind::customers: {
      auto list = read_customers(**reader);
      if (!list) return tl::unexpected(list.error());
      file.customers = std::move(*list);
      break;
    }
    case TableKind::time: {
      auto entries = read_time_log(**reader);
      if (!entries) return tl::unexpected(entries.error());
      file.time = std::move(*entries);
      break;
    }
    case TableKind::outcomes: {
      auto table = read_outcomes(**reader);
      if (!table) return tl::unexpected(table.error());
      file.outcomes = std::move(*table);
      break;
    }
  }
  return file;
}

Status write_table(Database& db, const TableFile& file, bool keep_pii, const std::string& source,
                   int64_t run_id) {
  switch (file.kind) {
    case TableKind::customers:
      return write_customers(db, file.customers, keep_pii, source, run_id);
    case TableKind::time:
      return write_time_log(db, file.time, source, run_id);
    case TableKind::outcomes:
      return write_outcomes(db, file.outcomes, source, run_id);
  }
  return {};
}

// Imports one file of the business's; on any error the store is left as it was.
Status import_table_one(Store* store, const std::string& path, TableKind kind,
                        const ImportOptions& options, const Console& console) {
  auto file = read_table(path, kind);
  if (!file) return tl::unexpected(file.error());
  if (!store) {
    console.result(fmt::format("{}: would import {}", path, file->describe()));
    return {};
  }

  Database& db = store->db();
  const std::string source = std::filesystem::path(path).filename().string();
  auto run_id = start_run(db, RunStart{"import", source, path, std::nullopt, table_name(kind), std::nullopt});
  if (!run_id) return tl::unexpected(run_id.error());
  Transaction txn(db);
  Status written = txn.begin();
  if (written) written = write_table(db, *file, options.keep_pii, source, *run_id);
  if (written) {
    written = finish_run(db, *run_id, "ok", file->rows_written(), "", std::nullopt, std::string(table_name(kind)));
  }
  if (written) written = txn.commit();
  if (!written) {
    txn.rollback();
    (void)forget_run(db, *run_id);
    return written;
  }

  std::string line = fmt::format("{}: imported {}", path, file->describe());
  if (kind == TableKind::customers) {
    auto total = count_customers(db);
    if (!total) return tl::unexpected(total.error());
    line += fmt::format(" (stored {}); the store holds {}", options.keep_pii ? "hashed and in clear" : "hashed",
                        plural(*total, "customer", "customers"));
  }
  console.result(line);
  return {};
}

Status run_import_tables(const GlobalOptions& global, const ImportOptions& options, const Console& console) {
  const std::optional<TableKind> kind = table_kind(*options.as);
  if (!kind) return failf(ExitCode::usage, "--as: expected customers, time or outcomes, got \"{}\"", *options.as);
  if (options.keep_pii && kind != TableKind::customers) {
    return fail(ExitCode::usage, "--keep-pii applies to --as customers only");
  }
  if (options.page_id || options.metric || options.exported_on) {
    return failf(ExitCode::usage, "--as {}: --page, --metric and --exported-on apply to Meta's exports only",
                 *options.as);
  }
  // A dry run reads and checks the files without opening the store.
  std::unique_ptr<Store> store;
  if (!options.dry_run) {
    StoreOptions store_options;
    store_options.wait_for_lock = global.wait;
    auto opened = Store::open(global.db_path, store_options);
    if (!opened) return tl::unexpected(opened.error());
    store = std::move(*opened);
  }
  std::vector<Error> errors;
  for (const auto& path : options.files) {
    if (auto status = import_table_one(store.get(), path, *kind, options, console); !status) {
      errors.push_back(status.error());
      if (stops_the_run(errors.back())) break;
    }
  }
  return outcome_of(errors, console);
}

}  // namespace

Status run_import(const GlobalOptions& global, const ImportOptions& options, const Console& console) {
  if (options.files.empty()) return fail(ExitCode::usage, "import: give at least one FILE");
  if (options.as) return run_import_tables(global, options, console);
  if (options.keep_pii) return fail(ExitCode::usage, "--keep-pii applies to --as customers only");
  if (options.exported_on && !Date::parse_iso(*options.exported_on)) {
    return failf(ExitCode::usage, "--exported-on: expected a date YYYY-MM-DD, got \"{}\"", *options.exported_on);
  }

  // A dry run never creates or changes the store: it reads an existing one (for the catalogue and
  // the default Page) or a fresh in-memory one.
  std::unique_ptr<Store> store;
  std::error_code ec;
  if (options.dry_run && !std::filesystem::exists(global.db_path, ec)) {
    auto memory = Store::open_memory();
    if (!memory) return tl::unexpected(memory.error());
    store = std::move(*memory);
  } else {
    StoreOptions store_options;
    store_options.wait_for_lock = global.wait;
    store_options.writer = !options.dry_run;
    auto opened = Store::open(global.db_path, store_options);
    if (!opened) return tl::unexpected(opened.error());
    store = std::move(*opened);
  }

  auto catalog = Catalog::load(store->db());
  if (!catalog) return tl::unexpected(catalog.error());
  if (options.metric) {
    const MetricInfo* info = catalog->metric(*options.metric);
    if (!info || info->scope != "page") {
      return failf(ExitCode::usage, "--metric: \"{}\" is not a Page metric in the catalogue (see the "
                   "metric_catalog table)", *options.metric);
    }
  }

  std::vector<Error> errors;
  for (const auto& path : options.files) {
    if (auto status = import_one(*store, *catalog, path, options, console); !status) {
      errors.push_back(status.error());
      if (stops_the_run(errors.back())) break;
    }
  }
  return outcome_of(errors, console);
}

}  // namespace pageaudit
