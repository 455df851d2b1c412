// The commands behind the command line: each takes parsed options and returns what main reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pageaudit/audit/figures.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/core/error.h"

namespace pageaudit {

struct GlobalOptions {
  std::string db_path;  // --db, else $PAGEAUDIT_DB, else ./pageaudit.db
  bool quiet = false;
  bool verbose = false;
  bool wait = false;  // --wait: wait for another run to release the store
};

// Where results (stdout) and diagnostics (stderr) go; quiet suppresses results that are not asked
// for.
class Console {
 public:
  explicit Console(const GlobalOptions& options)
      : m_quiet(options.quiet), m_verbose(options.verbose) {}
  void result(const std::string& line) const;   // stdout, unless quiet
  void info(const std::string& line) const;     // stderr, only with --verbose
  void warning(const std::string& line) const;  // stderr 'pageaudit: warning: ...', unless quiet
  void error(const std::string& line) const;    // stderr 'pageaudit: error: ...', always
  bool quiet() const { return m_quiet; }

 private:
  bool m_quiet;
  bool m_verbose;
};

struct InitOptions {
  // --assign-unowned ID: move the rows that belong to no Page (migration 7 kept them aside) to ID.
  std::optional<std::string> assign_unowned;
};
// Creates or migrates the store and prints its schema version; with --assign-unowned, then moves
// the unowned rows to that Page (store/unowned.h) and says what moved and what stayed.
Status run_init(const GlobalOptions& global, const InitOptions& options, const Console& console,
                const Clock& clock);

struct ImportOptions {
  std::vector<std::string> files;
  std::optional<std::string> page_id;
  std::optional<std::string> metric;       // --metric NAME for a chart title the catalogue lacks
  std::optional<std::string> exported_on;  // --exported-on DATE: the day the files were exported
  bool dry_run = false;
  // --as customers|time|outcomes: the business's own files (SPEC 3.3-3.5) instead of Meta's.
  std::optional<std::string> as;
  bool keep_pii = false;  // --keep-pii: store customers' names, e-mails and phones in clear too
};
// Imports each file in one transaction of its own; every file is tried, the first error decides
// the exit code. With --as, the files are read as that kind (input/tables.h).
// A file without an export day in its name or its mtime is taken as exported clock.today().
Status run_import(const GlobalOptions& global, const ImportOptions& options, const Console& console,
                  const Clock& clock);

struct Invocation;  // app.h: the global options, the console and the clock

struct StatusOptions {
  std::optional<std::string> page_id;  // --page ID: only this Page's lines
};
// pageaudit status: store/status.h's status_report(), printed. Errors: 66 no store; 64 --page
// names no Page of the store.
Status run_status(const Invocation& in, const StatusOptions& options);

struct ForgetOptions {
  std::optional<std::string> page_id;  // --page ID: the Page to forget
  bool unowned = false;                // --unowned: the rows kept aside under no Page instead
  bool yes = false;                    // --yes: do not ask
};
// pageaudit forget: store/forget.h's forget_command(), asking on stdin when it is a terminal.
// Errors: 64 bad options, an unknown Page, no terminal to ask on without --yes; 66 no store;
// 73/75 the store's.
Status run_forget(const Invocation& in, const ForgetOptions& options);

struct AuditOptions {
  std::optional<std::string> goals_file;    // --goals FILE: load (replace) the Page's goals first
  std::optional<std::string> page_id;       // --page ID: needed when the store holds several Pages
  bool all_pages = false;                   // --all-pages: every Page, in page_id order
  std::optional<std::string> as_of;         // --as-of DATE: default the last day with followers
  int window_days = k_default_window_days;  // --window DAYS
  std::string format = "text";         // --format: a report_format_name (output/report_format.h)
  std::optional<std::string> output;   // --output FILE, written atomically; else stdout
  std::optional<std::string> lang;     // --lang en|es: default the goals' language, else en
  std::optional<std::string> fail_on;  // --fail-on behind|missed
};
// pageaudit audit: audits one Page against its goals, writes the report and records the audit
// in audit_runs/audit_results. With --all-pages, every Page against its stored goals in one run:
// the reports in page_id order (text and Markdown separated by a rule, json one array, html one
// PAGE_ID.html per Page in the --output directory), one audit_runs row per Page, all recorded in
// one transaction; --fail-on fails when any Page has a goal in that state. Reads while a pull
// runs: it takes no run lock, only SQLite's write lock for its two short transactions (goals,
// record).
// Errors: 64 bad options, an ambiguous or unknown Page; 65 a bad goals file (nothing written);
// 66 no store, no goals file, or no Page in the store; 73/75 the store's; ExitCode::goal_failed
// (1) with --fail-on when a goal is in that state or worse, in the order met < on_track <
// behind < missed (no_data never fails), after the report is written and recorded.
// The audit runs on clock.today() (to tell a stale store) and is recorded as started at
// clock.now_iso().
Status run_audit_command(const GlobalOptions& global, const AuditOptions& options,
                         const Console& console, const Clock& clock);

struct DemoOptions {
  std::optional<std::string> samples_dir;  // default: the installed or source samples/
};
Status run_demo(const GlobalOptions& global, const DemoOptions& options, const Console& console,
                const Clock& clock);

}  // namespace pageaudit
