// pageaudit demo: import the bundled samples/ into a fresh store and print the sample café's audit.
#include <algorithm>
#include <filesystem>

#include "pageaudit/cli/commands.h"
#include "pageaudit/store/import_run.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace fs = std::filesystem;

std::optional<std::string> find_samples_dir() {
  std::error_code ec;
  if (const char* env = std::getenv("PAGEAUDIT_SAMPLES"); env && *env) return std::string(env);
  // Beside an installed binary: <prefix>/bin/pageaudit -> <prefix>/share/pageaudit/samples.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "pageaudit" / "samples";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  fs::path source = fs::path(PAGEAUDIT_SOURCE_DIR) / "samples";
  if (fs::is_directory(source, ec)) return source.string();
  return std::nullopt;
}

namespace {

// Content exports first: they name the Page, so the files that do not can be given it.
// Business Suite names them 'Nov-21-2024_Nov-20-2025_<id>.csv'.
int import_order(const fs::path& file) {
  const std::string name = file.filename().string();
  const bool content = name.size() > 24 && name[3] == '-' && name[6] == '-' && name[11] == '_';
  return content ? 0 : 1;
}

}  // namespace

Status run_demo(const GlobalOptions& global, const DemoOptions& options, const Console& console,
                const Clock& clock) {
  auto samples = options.samples_dir ? options.samples_dir : find_samples_dir();
  if (!samples) {
    return fail(ExitCode::no_input,
                "cannot find the samples/ folder; set PAGEAUDIT_SAMPLES or use --samples DIR");
  }
  fs::path exports = fs::path(*samples) / "exports";
  std::error_code ec;
  if (!fs::is_directory(exports, ec)) {
    return failf(ExitCode::no_input, "{}: no exports/ folder in the samples", *samples);
  }

  // A fresh store: an existing file is replaced only when an earlier demo made it.
  if (auto s = remove_demo_store(global.db_path); !s) return s;

  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(exports, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return std::make_pair(import_order(a), a.filename().string()) <
           std::make_pair(import_order(b), b.filename().string());
  });

  console.result(fmt::format("Importing the sample café's exports from {} into {}",
                             exports.string(), global.db_path));
  ImportOptions import;
  for (const auto& file : files) import.files.push_back(file.string());
  if (auto s = run_import(global, import, console, clock); !s) return s;

  // The business's own files, where the samples folder has them.
  for (const auto& [name, kind] :
       {std::pair{"customers.csv", "customers"}, std::pair{"time_log.csv", "time"},
        std::pair{"outcomes.csv", "outcomes"}}) {
    const fs::path file = fs::path(*samples) / name;
    if (!fs::is_regular_file(file, ec)) continue;
    ImportOptions table;
    table.files = {file.string()};
    table.as = kind;
    if (auto s = run_import(global, table, console, clock); !s) return s;
  }
  {
    // Mark the demo's runs so that a later demo may replace this store, and no other store.
    StoreOptions store_options;
    auto store = Store::open(global.db_path, store_options);
    if (!store) return tl::unexpected(store.error());
    if (auto s = mark_demo_runs((*store)->db()); !s) return s;
  }

  // The audit as of the last day with followers, in the goals file's language.
  console.result("");
  AuditOptions audit;
  const fs::path goals = fs::path(*samples) / "goals.toml";
  if (fs::is_regular_file(goals, ec)) audit.goals_file = goals.string();
  return run_audit_command(global, audit, console, clock);
}

}  // namespace pageaudit
