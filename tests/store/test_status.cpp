// The status reader: what `status` shows, and its warning rules.
#include <doctest/doctest.h>

#include "pageaudit/store/catalog.h"
#include "pageaudit/store/status.h"
#include "pageaudit/store/store.h"

using namespace pageaudit;

namespace {

Status add_day(Database& db, const char* metric, const char* date, double value) {
  auto stmt = db.prepare(
      "INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) "
      "VALUES ('1', ?1, 'day', ?2, ?3, 'f.csv', '2026-11-20', 1)");
  if (!stmt) return tl::unexpected(stmt.error());
  return stmt->bind(1, metric).bind(2, date).bind(3, value).run();
}

}  // namespace

TEST_CASE("status warns of a series break where a retired metric meets its replacement") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  REQUIRE(
      db.exec("INSERT INTO pages(page_id, name, source, updated_at) VALUES ('1', 'Café', "
              "'f.csv', 'now'); INSERT INTO import_runs(command, started_at, status) VALUES "
              "('import', 'now', 'ok')"));
  REQUIRE(add_day(db, "page_impressions", "2025-11-01", 900));
  REQUIRE(add_day(db, "page_impressions", "2025-11-14", 800));
  REQUIRE(add_day(db, "page_media_view", "2025-11-15", 100));
  REQUIRE(add_day(db, "page_impressions_unique", "2025-11-14", 80));  // its viewers: none yet

  auto status = read_status(db, *Date::parse_iso("2026-11-21"), "2026-11-21T10:00:00Z");
  REQUIRE(status);
  REQUIRE(status->pages.size() == 1);
  CHECK(status->pages[0].name == "Café");
  CHECK_FALSE(status->pages[0].followers);
  CHECK(status->coverage.size() == 3);
  REQUIRE(status->warnings.size() == 1);
  CHECK(status->warnings[0] ==
        "Page 1: series break: page_impressions (to 2025-11-14) was replaced by page_media_view "
        "(from 2025-11-15); they measure different things and are not joined");
}

TEST_CASE("the series-break days come from the metric catalogue") {
  auto store = Store::open_memory();
  REQUIRE(store);
  auto breaks = load_series_breaks((*store)->db());
  REQUIRE(breaks);
  CHECK(breaks->views.iso() == "2025-11-15");
  CHECK(breaks->viewers.iso() == "2026-06-15");
}
