// The commands behind the command line: each takes parsed options and returns what main reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pageaudit/core/error.h"

namespace pageaudit {

struct GlobalOptions {
  std::string db_path;  // --db, else $PAGEAUDIT_DB, else ./pageaudit.db
  bool quiet = false;
  bool verbose = false;
  bool wait = false;    // --wait: wait for another run to release the store
};

// Where results (stdout) and diagnostics (stderr) go; quiet suppresses results that are not asked for.
class Console {
 public:
  explicit Console(const GlobalOptions& options) : m_quiet(options.quiet), m_verbose(options.verbose) {}
  void result(const std::string& line) const;  // stdout, unless quiet
  void info(const std::string& line) const;    // stderr, only with --verbose
  void warning(const std::string& line) const; // stderr 'pageaudit: warning: ...', unless quiet
  void error(const std::string& line) const;   // stderr 'pageaudit: error: ...', always
  bool quiet() const { return m_quiet; }

 private:
  bool m_quiet;
  bool m_verbose;
};

Status run_init(const GlobalOptions& global, const Console& console);

struct ImportOptions {
  std::vector<std::string> files;
  std::optional<std::string> page_id;
  std::optional<std::string> metric;       // --metric NAME for a chart title the catalogue lacks
  std::optional<std::string> exported_on;  // --exported-on DATE: the day the files were exported
  bool dry_run = false;
};
Status run_import(const GlobalOptions& global, const ImportOptions& options, const Console& console);

Status run_status(const GlobalOptions& global, const Console& console);

struct DemoOptions {
  std::optional<std::string> samples_dir;  // default: the installed or source samples/
};
Status run_demo(const GlobalOptions& global, const DemoOptions& options, const Console& console);

// The samples/ folder: $PAGEAUDIT_SAMPLES, else beside the installed binary
// (<prefix>/share/pageaudit/samples), else the source tree it was built from.
std::optional<std::string> find_samples_dir();

}  // namespace pageaudit
