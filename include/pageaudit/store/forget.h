// Forgetting a Page (pageaudit forget, SPEC 2): everything the store holds about one Page — or the
// rows migration 7 kept aside under no Page — deleted in one transaction recorded in import_runs.
// For a consultant whose client leaves, and for erasure requests.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pageaudit/core/error.h"

namespace pageaudit {

class Database;

// What the command line asked for.
struct ForgetRequest {
  std::optional<std::string> page_id;  // --page ID
  bool unowned = false;                // --unowned: the rows kept aside under page_id ''
  bool yes = false;                    // --yes: no question
  bool terminal = false;               // stdin is a terminal, where the question can be asked
};

// What is forgotten: one Page, or the unowned rows (page_id '').
struct ForgetTarget {
  std::string page_id;  // '' for the unowned rows
  std::string name;     // the Page's name; "" when the store has none
  bool unowned = false;
};

// Rows per table, in the order they are deleted; tables without rows are left out.
struct ForgetCounts {
  std::vector<std::pair<std::string, int64_t>> tables;
  int64_t total() const;
  // "page_metrics 40, posts 3" or "nothing".
  std::string list() const;
};

// The target a request names. Errors (ExitCode::usage): neither or both of --page and --unowned;
// --page '' (those rows are --unowned); a Page of which the store holds nothing: "--page ID: no
// such Page in STORE (it holds: ...)" with "did you mean" (page_not_found).
Result<ForgetTarget> forget_target(Database& db, const ForgetRequest& request);

// What forget() would delete, counted by deleting in a transaction that is rolled back.
Result<ForgetCounts> preview_forget(Database& db, const ForgetTarget& target);

// Deletes the target's rows in one transaction, with PRAGMA secure_delete on (freed pages are
// zeroed), and records it in import_runs (command 'forget', page_id, rows_written, the counts per
// table as message). For a Page: its rows in every table that has a page_id column, the metrics of
// its posts, the results of its audits, and its own import_runs rows that no row of another Page
// refers to (those still referred to are kept with page_id NULL). Earlier 'forget' runs are kept.
// For the unowned rows: customers, time_log and outcomes rows with page_id ''. A table with a
// page_id column that still holds the Page's rows afterwards is a bug (70): nothing is deleted.
Result<ForgetCounts> forget(Database& db, const ForgetTarget& target);

// The tables forget() deletes a Page's rows from, in its order (import_runs last). A table a
// migration adds with a page_id column, or referring to one of these, must be added to them: a
// test compares them with the schema.
std::vector<std::string> forget_tables();

// The command (request checked, question asked, rows deleted): returns the lines that say what was
// deleted, or that nothing was. Without --yes, the question goes to `out` and the answer comes
// from `in` ("y" or "yes" deletes); when stdin is no terminal, refuses (usage) and asks for --yes.
Result<std::vector<std::string>> forget_command(Database& db, const ForgetRequest& request,
                                                std::istream& in, std::ostream& out);

}  // namespace pageaudit
