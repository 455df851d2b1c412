// The store's side of `import` and `demo`: one file imported as one run (recorded in import_runs,
// written in one transaction, all or nothing), for Meta's exports and the business's own files;
// which Page a file that names none belongs to; which runs the demo made.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/clock.h"
#include "pageaudit/core/error.h"
#include "pageaudit/input/export.h"
#include "pageaudit/input/tables.h"
#include "pageaudit/store/writer.h"

namespace pageaudit {

class Database;

// How a run ends when its data was written: what finish_run() records.
struct RunEnd {
  long rows = 0;
  std::string message;  // notes, "" for none
  std::optional<std::string> page_id;
  std::optional<std::string> kind;
};

// The import choreography, once: records the run as 'running' (committed at once, so a killed
// run stays visible), then in one transaction calls write(run_id) and finishes the run with what
// it returns. On any error the transaction is rolled back and the run forgotten: the store is as
// it was, and the error is returned.
Status import_run(Database& db, const RunStart& start,
                  const std::function<Result<RunEnd>(int64_t run_id)>& write);

// "PATH:0: cannot open: CAUSE" (66) or "PATH:0: is a directory" (66); {} for a readable file.
Status check_readable(const std::string& path);

// --- Meta's exports -----------------------------------------------------------------------------

struct ExportImportOptions {
  std::optional<std::string> page_id;  // --page: the Page of files that do not name one
  std::optional<std::string> metric;   // --metric: a daily chart the catalogue lacks, as this
  std::optional<Date> exported_on;     // --exported-on
  bool dry_run = false;                // read and count, write nothing
  Date today = Date::from_days(0);     // the export day of a file with no other: the clock's today
};

struct ExportImported {
  ExportSummary summary;
  Layout layout = Layout::unknown;
};

// Imports one of Meta's export files as one run (source: its file name), as of the day it was
// exported: --exported-on, else a date in its name, else its modification day, else options.today.
// The Page of a file that names none: --page, else the store's only Page.
Result<ExportImported> import_export(Database& db, const Catalog& catalog, const std::string& path,
                                     const ExportImportOptions& options);

// "3 daily values, 1 post (LAYOUT, FIRST..LAST) for Page ID": what was (or would be) imported.
std::string describe(const ExportImported& imported);

// --- the business's own files (--as) ------------------------------------------------------------

enum class TableKind { customers, time, outcomes };
// "customers", "time", "outcomes"; nullopt for anything else.
std::optional<TableKind> table_kind(std::string_view name);
// import_runs.kind of each: the table the rows go to.
const char* table_name(TableKind kind);

// One file of the business's, read and checked whole before anything is written.
struct TableFile {
  TableKind kind = TableKind::customers;
  CustomerList customers;
  std::vector<TimeEntry> time;
  OutcomeTable outcomes;

  long rows_written() const;
};
Result<TableFile> read_table(const std::string& path, TableKind kind);

// The Page a business's file belongs to (owner_page).
struct OwnerPage {
  std::string id;
  std::string name;     // "" when the store knows none
  bool is_new = false;  // not in the store yet: import_table() records it in pages
};
// "Page 111 (Bar Pepe)"; "Page 111" without a name; "Page 999, new to the store".
std::string describe(const OwnerPage& page);

// Writes a file read by read_table() as one run (source: its file name), as page's; a new Page is
// recorded in pages first (source: the file name), so that status lists it and its exports join
// it. Returns what was imported: describe(file, page), and for customers "...(stored hashed);
// Page 111 (Bar Pepe) now holds 637 customers".
Result<std::string> import_table(Database& db, const std::string& path, const TableFile& file,
                                 const OwnerPage& page, bool keep_pii);

// "650 rows: 637 customers, 13 repeats of an earlier row", "164 time log entries, 177 hours
// (2026-08-23..2026-11-20)", "350 days of 4 outcomes (visitors, ...), 2025-11-21..2026-11-20":
// what was (or would be) imported.
std::string describe(const TableFile& file);
// describe(file) + " for " + describe(page).
std::string describe(const TableFile& file, const OwnerPage& page);

// --- queries ------------------------------------------------------------------------------------

// The Page a business's file (--as KIND) belongs to: given (--page), which must be one of the
// store's Pages (check_store_page) unless the store holds none yet or there is no store (db null):
// then it is new; else the store's only Page. Errors (ExitCode::usage): a Page the store does not
// hold; no --page in a store with no Page, or no store ("import the Page's exports first, or name
// the business's Page with --page ID"), or several Pages (naming them).
Result<OwnerPage> owner_page(Database* db, const std::optional<std::string>& given,
                             std::string_view kind);

// page_id and its name when it is one of the store's Pages. Errors (64): page_not_found's
// "OPTION ID: no such Page in STORE (it holds: P NAME, Q NAME); did you mean 'P'?" (status.h, the
// one message every command gives), "OPTION ID: the store holds no Page yet; import the Page's
// exports first".
Result<OwnerPage> check_store_page(Database& db, std::string_view option,
                                   const std::string& page_id);

// The store's only Page; nullopt when it holds none or several.
Result<std::optional<std::string>> only_page(Database& db);

// True when the store has runs and the demo made every one of them (mark_demo_runs): such a store
// a later demo may replace.
Result<bool> made_by_demo(Database& db);
// Marks every import run as the demo's (import_runs.command 'demo').
Status mark_demo_runs(Database& db);
// mark_demo_runs() on the store at path, opened as a writer with clock.
Status mark_demo_store(const std::string& path, const Clock& clock);
// Removes the store at `path` (and its -wal and -shm files) when an earlier demo made it; nothing
// when there is none. Any other store is kept: "PATH: a store is already there and the demo did
// not make it; give the demo another --db PATH" (73).
Status remove_demo_store(const std::string& path);

}  // namespace pageaudit
