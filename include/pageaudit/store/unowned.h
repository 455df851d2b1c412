// Rows of the business's files that belong to no Page: migration 7 keeps customers, time-log and
// outcome rows written before it aside (page_id '') in a store that held several Pages or none.
// Counting them, assigning them to a Page, and the warning a migration that kept some prints.
#pragma once

#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {

class Database;

// Rows per table.
struct UnownedRows {
  long customers = 0;
  long time_log = 0;
  long outcomes = 0;
  long total() const { return customers + time_log + outcomes; }
};

// The rows with page_id '' in customers, time_log and outcomes.
Result<UnownedRows> count_unowned(Database& db);

// "637 customers, 164 time-log rows and 1400 outcome rows", leaving out the tables with none
// ("2 customers and 1 outcome row"); "no rows" when there are none.
std::string describe(const UnownedRows& rows);

// What assign_unowned() did.
struct Assigned {
  UnownedRows moved;   // now page_id's
  UnownedRows stayed;  // still unowned: page_id already had a row of the same key
};

// Moves every unowned row to page_id, which must be one of the store's Pages, in one transaction
// recorded in import_runs (command 'init', page_id, rows_written = the rows moved, message = what
// moved and stayed). A row whose key page_id already holds (the same customer, day and activity
// and person, day and metric) stays unowned: the Page's own row is kept.
// Errors: 64 "--assign-unowned ID: the store holds no such Page; did you mean P? (it holds: ...)"
// (check_store_page in import_run.h), the store's.
Result<Assigned> assign_unowned(Database& db, const std::string& page_id);

// "moved 3 customers, 2 time-log rows and 0 outcome rows to Page 111; 1 customer stayed unowned
// (Page 111 already holds the same customer, day or metric)": assign_unowned()'s report.
std::string describe(const Assigned& assigned, const std::string& page_id);

// The warning for a store that a migration left with unowned rows: how many, and the two ways to
// assign them.
std::string unowned_warning(const std::string& store, const UnownedRows& rows);

}  // namespace pageaudit
