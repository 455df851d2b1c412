// pageaudit import FILE...: detect each export's layout and write it in one transaction per file;
// with --as, read the business's own files (customer lists, time logs, outcomes) instead.
#include <filesystem>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/messages.h"
#include "pageaudit/store/catalog.h"
#include "pageaudit/store/import_run.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

// Imports one file of the business's as page's (a dry run: page is known only when a store exists);
// on any error the store is left as it was.
Status import_table_one(Store* store, const std::string& path, TableKind kind,
                        const std::optional<OwnerPage>& page, const ImportOptions& options,
                        const Console& console) {
  auto file = read_table(path, kind);
  if (!file) return tl::unexpected(file.error());
  if (options.dry_run) {
    console.result(
        fmt::format("{}: would import {}", path, page ? describe(*file, *page) : describe(*file)));
    return {};
  }
  auto imported = import_table(store->db(), path, *file, *page, options.keep_pii);
  if (!imported) return tl::unexpected(imported.error());
  console.result(fmt::format("{}: imported {}", path, *imported));
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
template <typename ImportOne>
Status import_each(const std::vector<std::string>& files, const Console& console,
                   ImportOne import_one) {
  std::vector<Error> errors;
  for (const auto& path : files) {
    if (auto status = import_one(path); !status) {
      errors.push_back(status.error());
      if (stops_the_run(errors.back())) break;
    }
  }
  if (errors.empty()) return {};
  for (size_t i = 0; i + 1 < errors.size(); ++i) console.error(errors[i].message);
  const Error& last = errors.back();
  return fail(stops_the_run(last) ? last.code : errors.front().code, last.message);
}

Result<std::unique_ptr<Store>> open_store(const GlobalOptions& global, bool writer,
                                          const Clock& clock, bool read_only = false) {
  StoreOptions store_options;
  store_options.clock = &clock;
  store_options.wait_for_lock = global.wait;
  store_options.writer = writer;
  store_options.read_only = read_only;
  return Store::open(global.db_path, store_options);
}

Status run_import_tables(const GlobalOptions& global, const ImportOptions& options,
                         const Console& console, const Clock& clock) {
  const std::optional<TableKind> kind = table_kind(*options.as);
  if (!kind)
    return failf(ExitCode::usage, "--as: expected customers, time or outcomes, got \"{}\"",
                 *options.as);
  if (options.keep_pii && kind != TableKind::customers) {
    return fail(ExitCode::usage, "--keep-pii applies to --as customers only");
  }
  if (options.metric || options.exported_on) {
    return failf(ExitCode::usage,
                 "--as {}: --metric and --exported-on apply to Meta's exports only", *options.as);
  }
  // A dry run reads the store, if any, for the Page (never creating or migrating it); a run that
  // cannot know the Page creates no store.
  std::unique_ptr<Store> store;
  std::optional<OwnerPage> page;
  std::error_code ec;
  if (std::filesystem::exists(global.db_path, ec) ||
      (!options.dry_run && !options.page_id.value_or("").empty())) {
    auto opened = open_store(global, !options.dry_run, clock, options.dry_run);
    if (!opened) return tl::unexpected(opened.error());
    store = std::move(*opened);
  }
  if (store || !options.dry_run || options.page_id) {
    auto owner = owner_page(store ? &store->db() : nullptr, options.page_id, *options.as);
    if (!owner) return tl::unexpected(owner.error());
    page = *owner;
  }
  return import_each(options.files, console, [&](const std::string& path) {
    return import_table_one(store.get(), path, *kind, page, options, console);
  });
}

}  // namespace

Status run_import(const GlobalOptions& global, const ImportOptions& options, const Console& console,
                  const Clock& clock) {
  if (options.files.empty()) return fail(ExitCode::usage, "import: give at least one FILE");
  if (options.as) return run_import_tables(global, options, console, clock);
  if (options.keep_pii) return fail(ExitCode::usage, "--keep-pii applies to --as customers only");
  ExportImportOptions import{options.page_id, options.metric, std::nullopt, options.dry_run,
                             clock.today()};
  if (options.exported_on) {
    import.exported_on = Date::parse_iso(*options.exported_on);
    if (!import.exported_on) {
      return failf(ExitCode::usage, "--exported-on: expected a date YYYY-MM-DD, got \"{}\"",
                   *options.exported_on);
    }
  }

  // A dry run never creates or changes the store: it reads an existing one (for the catalogue and
  // the default Page) or a fresh in-memory one.
  std::error_code ec;
  auto store = options.dry_run && !std::filesystem::exists(global.db_path, ec)
                   ? Store::open_memory()
                   : open_store(global, !options.dry_run, clock);
  if (!store) return tl::unexpected(store.error());
  Database& db = (*store)->db();

  auto catalog = load_catalog(db);
  if (!catalog) return tl::unexpected(catalog.error());
  if (options.metric) {
    const MetricInfo* info = catalog->metric(*options.metric);
    if (!info || info->scope != "page") {
      return failf(ExitCode::usage,
                   "--metric: \"{}\" is not a Page metric in the catalogue (see the "
                   "metric_catalog table)",
                   *options.metric);
    }
  }

  return import_each(options.files, console, [&](const std::string& path) -> Status {
    auto imported = import_export(db, *catalog, path, import);
    if (!imported) return tl::unexpected(imported.error());
    console.result(fmt::format("{}: {} {}", path, options.dry_run ? "would import" : "imported",
                               describe(*imported)));
    for (const auto& note : imported->summary.notes) console.result(fmt::format("  {}", note));
    return {};
  });
}

}  // namespace pageaudit
