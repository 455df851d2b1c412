// pageaudit import FILE...: detect each export's layout and write it in one transaction per file;
// with --as, read the business's own files (customer lists, time logs, outcomes) instead.
#include <filesystem>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/messages.h"
#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/catalog.h"
#include "pageaudit/store/import_run.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

// Imports one file of the business's (store null: a dry run); on any error the store is left as it
// was.
Status import_table_one(Store* store, const std::string& path, TableKind kind,
                        const std::string& page_id, const ImportOptions& options,
                        const Console& console) {
  auto file = read_table(path, kind);
  if (!file) return tl::unexpected(file.error());
  if (!store) {
    console.result(fmt::format("{}: would import {}", path, describe(*file)));
    return {};
  }
  if (auto s = import_table(store->db(), path, *file, page_id, options.keep_pii); !s) return s;
  std::string line = fmt::format("{}: imported {}", path, describe(*file));
  if (kind == TableKind::customers) {
    auto total = count_customers(store->db(), page_id);
    if (!total) return tl::unexpected(total.error());
    line += fmt::format(" (stored {}); the store holds {}",
                        options.keep_pii ? "hashed and in clear" : "hashed",
                        plural(*total, "customer", "customers"));
    line += fmt::format(" of Page {}", page_id);
  }
  console.result(line);
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
                                          const Clock& clock) {
  StoreOptions store_options;
  store_options.clock = &clock;
  store_options.wait_for_lock = global.wait;
  store_options.writer = writer;
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
  // A dry run reads and checks the files without opening the store.
  std::unique_ptr<Store> store;
  std::string page_id = options.page_id.value_or("");
  if (!options.dry_run) {
    auto opened = open_store(global, true, clock);
    if (!opened) return tl::unexpected(opened.error());
    store = std::move(*opened);
    auto page = owner_page(store->db(), options.page_id, *options.as);
    if (!page) return tl::unexpected(page.error());
    page_id = *page;
  }
  return import_each(options.files, console, [&](const std::string& path) {
    return import_table_one(store.get(), path, *kind, page_id, options, console);
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
