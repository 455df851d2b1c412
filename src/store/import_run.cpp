// The import's and the demo's queries of the ledger and the Pages.
#include "pageaudit/store/import_run.h"

#include "pageaudit/store/sqlite.h"

namespace pageaudit {

Result<std::optional<std::string>> only_page(Database& db) {
  auto count = db.scalar_int("SELECT count(*) FROM pages");
  if (!count) return tl::unexpected(count.error());
  if (count->value_or(0) != 1) return std::optional<std::string>{};
  return db.scalar_text("SELECT page_id FROM pages");
}

Result<bool> made_by_demo(Database& db) {
  auto others = db.scalar_int("SELECT count(*) FROM import_runs WHERE command <> 'demo'");
  if (!others) return tl::unexpected(others.error());
  auto demos = db.scalar_int("SELECT count(*) FROM import_runs WHERE command = 'demo'");
  if (!demos) return tl::unexpected(demos.error());
  return others->value_or(1) == 0 && demos->value_or(0) > 0;
}

Status mark_demo_runs(Database& db) {
  return db.exec("UPDATE import_runs SET command = 'demo' WHERE command = 'import'");
}

}  // namespace pageaudit
