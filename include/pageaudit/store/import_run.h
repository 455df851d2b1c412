// The store's side of `import` and `demo`: which Page a file that names none belongs to, and which
// runs the demo made.
#pragma once

#include <optional>
#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {

class Database;

// The store's only Page; nullopt when it holds none or several.
Result<std::optional<std::string>> only_page(Database& db);

// True when the store has runs and the demo made every one of them (mark_demo_runs): such a store
// a later demo may replace.
Result<bool> made_by_demo(Database& db);
// Marks every import run as the demo's (import_runs.command 'demo').
Status mark_demo_runs(Database& db);

}  // namespace pageaudit
