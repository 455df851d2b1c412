// pageaudit demo: import the bundled samples/ into a fresh store and print the sample café's audit.
#include <filesystem>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/samples.h"
#include "pageaudit/input/export.h"
#include "pageaudit/store/import_run.h"

namespace pageaudit {
namespace fs = std::filesystem;

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

  console.result(fmt::format("Importing the sample café's exports from {} into {}",
                             exports.string(), global.db_path));
  ImportOptions import;
  import.files = export_files_in(exports.string());
  if (auto s = run_import(global, import, console, clock); !s) return s;

  // The business's own files, where the samples folder has them.
  for (const auto& [file, kind] : sample_tables(*samples)) {
    ImportOptions table{{file}, {}, {}, {}, false, kind};
    if (auto s = run_import(global, table, console, clock); !s) return s;
  }
  // Mark the demo's runs so that a later demo may replace this store, and no other store.
  if (auto s = mark_demo_store(global.db_path, clock); !s) return s;

  // The audit as of the last day with followers, in the goals file's language.
  console.result("");
  AuditOptions audit;
  const fs::path goals = fs::path(*samples) / "goals.toml";
  if (fs::is_regular_file(goals, ec)) audit.goals_file = goals.string();
  return run_audit_command(global, audit, console, clock);
}

}  // namespace pageaudit
