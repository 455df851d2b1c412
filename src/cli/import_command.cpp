// pageaudit import FILE...: detect each export's layout and write it in one transaction per file.
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "pageaudit/cli/commands.h"
#include "pageaudit/input/export.h"
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

}  // namespace

Status run_import(const GlobalOptions& global, const ImportOptions& options, const Console& console) {
  if (options.files.empty()) return fail(ExitCode::usage, "import: give at least one FILE");
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

  // Every file is tried; each one is all or nothing. All errors are shown (main prints the last),
  // and the first one decides the exit code.
  std::vector<Error> errors;
  for (const auto& path : options.files) {
    if (auto status = import_one(*store, *catalog, path, options, console); !status) {
      errors.push_back(status.error());
    }
  }
  if (errors.empty()) return {};
  for (size_t i = 0; i + 1 < errors.size(); ++i) console.error(errors[i].message);
  return fail(errors.front().code, errors.back().message);
}

}  // namespace pageaudit
