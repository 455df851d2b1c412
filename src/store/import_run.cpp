// One file imported as one run; the import's and the demo's queries of the ledger and the Pages.
#include "pageaudit/store/import_run.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "pageaudit/core/messages.h"
#include "pageaudit/core/read_file.h"
#include "pageaudit/input/csv.h"
#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/sqlite.h"
#include "pageaudit/store/status.h"
#include "pageaudit/store/store.h"
#include "pageaudit/store/upserts.h"

namespace pageaudit {
namespace {

// Counts what a dry run would write, writing nothing.
class CountingSink : public RecordSink {
 public:
  Status page(const PageRecord&) override { return {}; }
  Status page_metric(const PageMetricRecord&) override { return {}; }
  Status breakdown(const BreakdownRecord&) override { return {}; }
  Status post(const PostRecord&) override { return {}; }
  Status post_metric(const PostMetricRecord&) override { return {}; }
};

// The day the file was exported: --exported-on, else a date in its name, else its mtime (local).
Date export_day(const std::string& path, const ExportImportOptions& options) {
  if (options.exported_on) return *options.exported_on;
  if (auto named = date_in_file_name(path)) return *named;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    std::tm local{};
    localtime_r(&st.st_mtime, &local);
    if (auto day = Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday)) {
      return *day;
    }
  }
  return options.today;
}

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// The store's Pages with their names, in page_id order.
Result<std::vector<OwnerPage>> store_pages(Database& db) {
  auto stmt = db.prepare("SELECT page_id, coalesce(name, '') FROM pages ORDER BY page_id");
  if (!stmt) return tl::unexpected(stmt.error());
  std::vector<OwnerPage> pages;
  auto s = each_row(*stmt, [&](const Statement& row) {
    pages.push_back(OwnerPage{row.text(0), row.text(1), false});
  });
  if (!s) return tl::unexpected(s.error());
  return pages;
}

// "111 Bar Pepe, 222 Café" (the first ten, then "and N more"), for messages.
std::string list_pages(const std::vector<OwnerPage>& pages) {
  std::string listed;
  for (size_t i = 0; i < pages.size() && i < 10; ++i) {
    listed += fmt::format("{}{}{}{}", i == 0 ? "" : ", ", pages[i].id,
                          pages[i].name.empty() ? "" : " ", pages[i].name);
  }
  if (pages.size() > 10) listed += fmt::format(" and {} more", pages.size() - 10);
  return listed;
}

// A Page first named by a business's file: listed with no name, which its exports fill later.
Status record_page(Database& db, const std::string& page_id, const std::string& source) {
  auto stmt = db.prepare(upsert_sql(k_page_listed, "(?, ?, ?)"));
  if (!stmt) return tl::unexpected(stmt.error());
  return stmt->bind(1, page_id).bind(2, source).bind(3, db.clock().now_iso()).run();
}

Status write_table(Database& db, const std::string& page_id, const TableFile& file, bool keep_pii,
                   const std::string& source, int64_t run_id) {
  switch (file.kind) {
    case TableKind::customers:
      return write_customers(db, page_id, file.customers, keep_pii, source, run_id);
    case TableKind::time:
      return write_time_log(db, page_id, file.time, source, run_id);
    case TableKind::outcomes:
      return write_outcomes(db, page_id, file.outcomes, source, run_id);
  }
  return {};
}

// "...(stored hashed); Page 111 (Bar Pepe) now holds 637 customers", counted inside the import's
// transaction.
Status describe_customers(Database& db, const TableFile& file, const OwnerPage& page, bool keep_pii,
                          std::string& line) {
  auto total = count_customers(db, page.id);
  if (!total) return tl::unexpected(total.error());
  OwnerPage known = page;
  known.is_new = false;
  line = fmt::format("{} (stored {}); {} now holds {}", describe(file),
                     keep_pii ? "hashed and in clear" : "hashed", describe(known),
                     plural(*total, "customer", "customers"));
  return {};
}

}  // namespace

Status import_run(Database& db, const RunStart& start,
                  const std::function<Result<RunEnd>(int64_t run_id)>& write) {
  auto run_id = start_run(db, start);
  if (!run_id) return tl::unexpected(run_id.error());
  Transaction txn(db);
  Status written = txn.begin();
  if (written) {
    auto end = write(*run_id);
    if (!end) written = tl::unexpected(end.error());
    if (written) {
      written = finish_run(db, *run_id, "ok", end->rows, end->message, end->page_id, end->kind);
    }
  }
  if (written) written = txn.commit();
  if (!written) {
    txn.rollback();
    (void)forget_run(db, *run_id);
  }
  return written;
}

Status check_readable(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return fail(ExitCode::no_input,
                at(path, 0, fmt::format("cannot open: {}", std::strerror(errno))));
  }
  if (S_ISDIR(st.st_mode)) return fail(ExitCode::no_input, at(path, 0, "is a directory"));
  return {};
}

namespace {

// SPEC 3.2: a file refused for its data (65) is recorded as a failed run, committed on its own
// although its data was rolled back, so the ledger shows what was sent and why it was refused.
// The refusal is what the owner must hear: a store that cannot record it does not replace it.
Error refused(Database& db, const RunStart& start, Error error) {
  if (error.code != ExitCode::data) return error;
  if (auto run = start_run(db, start)) {
    (void)finish_run(db, *run, "failed", 0, error.message, std::nullopt, std::nullopt);
  }
  return error;
}

// Reads the export and writes it as one run (start: the run's ledger row; unused by a dry run).
Result<ExportImported> read_and_write(Database& db, const Catalog& catalog, const std::string& path,
                                      const ExportImportOptions& options, RunStart start) {
  auto reader = CsvReader::open(path);
  if (!reader) return tl::unexpected(reader.error());
  RecordStream stream(**reader);

  auto page = options.page_id ? Result<std::optional<std::string>>(options.page_id) : only_page(db);
  if (!page) return tl::unexpected(page.error());
  const std::string source = file_name(path);
  const bool page_given = options.page_id.has_value();
  ExportContext context{path,           *page,   page_given, export_day(path, options),
                        options.metric, &catalog};

  ExportImported out;
  if (options.dry_run) {
    CountingSink sink;
    auto summary = read_export(stream, context, sink, &out.layout);
    if (!summary) return tl::unexpected(summary.error());
    out.summary = std::move(*summary);
    return out;
  }
  const auto write = [&](int64_t run_id) -> Result<RunEnd> {
    auto sink = StoreSink::create(db, source, context.as_of.iso(), run_id);
    if (!sink) return tl::unexpected(sink.error());
    auto summary = read_export(stream, context, *sink, &out.layout);
    if (!summary) return tl::unexpected(summary.error());
    out.summary = std::move(*summary);
    std::string notes;
    for (const auto& note : out.summary.notes) notes += (notes.empty() ? "" : "; ") + note;
    return RunEnd{out.summary.counts.total(), notes, out.summary.page_id,
                  std::string(layout_name(out.layout))};
  };
  start.page_id = *page;
  auto written = import_run(db, start, write);
  if (!written) return tl::unexpected(written.error());
  return out;
}

}  // namespace

Result<ExportImported> import_export(Database& db, const Catalog& catalog, const std::string& path,
                                     const ExportImportOptions& options) {
  if (auto s = check_readable(path); !s) return tl::unexpected(s.error());
  if (options.dry_run) return read_and_write(db, catalog, path, options, RunStart{});
  auto sha256 = file_sha256(path);
  if (!sha256) return tl::unexpected(sha256.error());
  const RunStart start{"import", file_name(path), path, *sha256, std::nullopt, options.page_id};
  auto imported = read_and_write(db, catalog, path, options, start);
  if (!imported) return tl::unexpected(refused(db, start, imported.error()));
  return imported;
}

std::string describe(const ExportImported& imported) {
  const ExportSummary& summary = imported.summary;
  std::string what;
  auto add = [&what](long n, const char* one, const char* many) {
    if (n == 0) return;
    if (!what.empty()) what += ", ";
    what += plural(n, one, many);
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
  return fmt::format("{} ({}{}) for Page {}", what, layout_description(imported.layout), range,
                     summary.page_id);
}

// "650 rows: 637 customers, 13 repeats of an earlier row", "164 time log entries, 177 hours
// (2026-08-23..2026-11-20)", "350 days of 4 outcomes (visitors, ...), 2025-11-21..2026-11-20".
std::string describe(const TableFile& file) {
  std::optional<Date> first, last;
  const auto span = [&](Date day) {
    first = first ? std::min(*first, day) : day;
    last = last ? std::max(*last, day) : day;
  };
  const auto range = [&] {
    if (!first) return std::string();
    return *first == *last ? first->iso() : fmt::format("{}..{}", first->iso(), last->iso());
  };
  switch (file.kind) {
    case TableKind::customers:
      return fmt::format("{}: {}, {} of an earlier row", plural(file.customers.rows, "row", "rows"),
                         plural(file.rows_written(), "customer", "customers"),
                         plural(file.customers.repeats(), "repeat", "repeats"));
    case TableKind::time: {
      double hours = 0;
      for (const TimeEntry& e : file.time) {
        hours += e.hours;
        span(e.date);
      }
      std::string out = fmt::format(
          "{}, {} hours", plural(file.rows_written(), "time log entry", "time log entries"),
          format_decimal(hours, 2, Language::en));
      return file.time.empty() ? out : fmt::format("{} ({})", out, range());
    }
    case TableKind::outcomes: {
      const OutcomeTable& table = file.outcomes;
      std::string names;
      for (const std::string& m : table.metrics) names += (names.empty() ? "" : ", ") + m;
      for (const OutcomeValue& v : table.values) span(v.date);
      const long days = static_cast<long>(table.values.size() / table.metrics.size());
      std::string out = fmt::format(
          "{} of {} ({})", plural(days, "day", "days"),
          plural(static_cast<long>(table.metrics.size()), "outcome", "outcomes"), names);
      return days == 0 ? out : fmt::format("{}, {}", out, range());
    }
  }
  return "";
}

std::optional<TableKind> table_kind(std::string_view name) {
  if (name == "customers") return TableKind::customers;
  if (name == "time") return TableKind::time;
  if (name == "outcomes") return TableKind::outcomes;
  return std::nullopt;
}

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

long TableFile::rows_written() const {
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

Result<std::string> import_table(Database& db, const std::string& path, const TableFile& file,
                                 const OwnerPage& page, bool keep_pii) {
  const std::string source = file_name(path);
  const std::string kind = table_name(file.kind);
  std::string line = describe(file, page);
  const auto write = [&](int64_t run_id) -> Result<RunEnd> {
    Status s = page.is_new ? record_page(db, page.id, source) : Status{};
    if (s) s = write_table(db, page.id, file, keep_pii, source, run_id);
    if (s && file.kind == TableKind::customers)
      s = describe_customers(db, file, page, keep_pii, line);
    if (!s) return tl::unexpected(s.error());
    return RunEnd{file.rows_written(), "", std::nullopt, kind};
  };
  auto sha256 = file_sha256(path);
  if (!sha256) return tl::unexpected(sha256.error());
  auto written = import_run(db, RunStart{"import", source, path, *sha256, kind, page.id}, write);
  if (!written) return tl::unexpected(written.error());
  return line;
}

std::string describe(const OwnerPage& page) {
  if (page.is_new) return fmt::format("Page {}, new to the store", page.id);
  return page.name.empty() ? fmt::format("Page {}", page.id)
                           : fmt::format("Page {} ({})", page.id, page.name);
}

std::string describe(const TableFile& file, const OwnerPage& page) {
  return fmt::format("{} for {}", describe(file), describe(page));
}

Result<OwnerPage> check_store_page(Database& db, std::string_view option,
                                   const std::string& page_id) {
  auto pages = store_pages(db);
  if (!pages) return tl::unexpected(pages.error());
  for (const OwnerPage& page : *pages) {
    if (page.id == page_id) return page;
  }
  if (pages->empty()) {
    return failf(ExitCode::usage,
                 "{} {}: the store holds no Page yet; import the Page's exports first", option,
                 page_id);
  }
  return page_not_found(db, page_id, option);
}

Result<OwnerPage> owner_page(Database* db, const std::optional<std::string>& given,
                             std::string_view kind) {
  auto pages = db ? store_pages(*db) : std::vector<OwnerPage>{};
  if (!pages) return tl::unexpected(pages.error());
  if (given && given->empty()) return fail(ExitCode::usage, "--page: expected a Page ID, got \"\"");
  // A first client's own files may come before the Page's exports: the Page is recorded with them.
  if (given && pages->empty()) return OwnerPage{*given, "", true};
  if (given) return check_store_page(*db, "--page", *given);
  if (pages->size() == 1) return pages->front();
  if (pages->empty()) {
    return failf(ExitCode::usage,
                 "--as {}: the store holds no Page yet: import the Page's exports first, or name "
                 "the business's Page with --page ID",
                 kind);
  }
  return failf(ExitCode::usage,
               "--as {}: the store holds {} Pages; name the business's Page with --page ID (one "
               "of: {})",
               kind, pages->size(), list_pages(*pages));
}

Result<std::optional<std::string>> only_page(Database& db) {
  auto count = db.scalar_int("SELECT count(*) FROM pages");
  if (!count) return tl::unexpected(count.error());
  if (count->value_or(0) != 1) return std::optional<std::string>{};
  return db.scalar_text("SELECT page_id FROM pages");
}

Result<bool> made_by_demo(Database& db) {
  auto others = db.scalar_int("SELECT count(*) FROM import_runs WHERE command <> 'demo'");
  if (!others) return tl::unexpected(others.error());
  auto demos = db.scalar_int("SELECT count(*) FROM import_runs WHERE command = 'demo'");
  if (!demos) return tl::unexpected(demos.error());
  return others->value_or(1) == 0 && demos->value_or(0) > 0;
}

Status mark_demo_runs(Database& db) {
  return db.exec("UPDATE import_runs SET command = 'demo' WHERE command = 'import'");
}

Status mark_demo_store(const std::string& path, const Clock& clock) {
  StoreOptions options;
  options.clock = &clock;
  auto store = Store::open(path, options);
  if (!store) return tl::unexpected(store.error());
  return mark_demo_runs((*store)->db());
}

Status remove_demo_store(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  StoreOptions check;
  check.read_only = true;
  auto existing = Store::open(path, check);
  auto demo_made = existing ? made_by_demo((*existing)->db()) : Result<bool>(false);
  if (!demo_made || !*demo_made) {
    return failf(ExitCode::cant_create,
                 "{}: a store is already there and the demo did not make it; give the demo "
                 "another --db PATH",
                 path);
  }
  existing->reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
  return {};
}

}  // namespace pageaudit
