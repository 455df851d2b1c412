// Rows of no Page: counted, assigned to a Page (the Page's own rows win), and the Page a business's
// file belongs to.
#include <doctest/doctest.h>

#include "pageaudit/store/import_run.h"
#include "pageaudit/store/store.h"
#include "pageaudit/store/unowned.h"

using namespace pageaudit;

namespace {

// Pages 111 (Bar Pepe) and 222; unowned: 2 customers, 1 time-log row, 2 outcome rows; Page 111
// already holds customer 'a' and the visitors of 2026-11-01.
std::unique_ptr<Store> store_with_unowned() {
  auto store = Store::open_memory();
  REQUIRE(store);
  REQUIRE((*store)->db().exec(
      "INSERT INTO import_runs(run_id, command, started_at, status) VALUES (1, 'import', 't', "
      "'ok');"
      "INSERT INTO pages(page_id, name, source, updated_at) VALUES ('111', 'Bar Pepe', 's', 't'), "
      "('222', NULL, 's', 't');"
      "INSERT INTO customers(page_id, customer_key, source, run_id) VALUES ('', 'a', 'c', 1), "
      "('', 'b', 'c', 1), ('111', 'a', 'c', 1);"
      "INSERT INTO time_log(page_id, date, hours, source, run_id) VALUES ('', '2026-11-01', 2, "
      "'t', 1);"
      "INSERT INTO outcomes(page_id, date, metric, value, source, run_id) VALUES "
      "('', '2026-11-01', 'visitors', 60, 'o', 1), ('', '2026-11-02', 'visitors', 40, 'o', 1), "
      "('111', '2026-11-01', 'visitors', 7, 'o', 1);"));
  return std::move(*store);
}

}  // namespace

TEST_CASE("count_unowned counts the rows with page_id '' of each table") {
  auto store = store_with_unowned();
  auto rows = count_unowned(store->db());
  REQUIRE(rows);
  CHECK(rows->customers == 2);
  CHECK(rows->time_log == 1);
  CHECK(rows->outcomes == 2);
  CHECK(describe(*rows) == "2 customers, 1 time-log row and 2 outcome rows");
}

TEST_CASE("assign_unowned moves the rows the Page lacks and keeps the Page's own") {
  auto store = store_with_unowned();
  Database& db = store->db();
  auto assigned = assign_unowned(db, "111");
  REQUIRE(assigned);
  CHECK(assigned->moved.total() == 3);  // customer b, the time-log row, 2026-11-02's visitors
  CHECK(assigned->stayed.customers == 1);
  CHECK(assigned->stayed.outcomes == 1);
  CHECK(describe(*assigned, "111") ==
        "moved 1 customer, 1 time-log row and 1 outcome row to Page 111; 1 customer and 1 "
        "outcome row stayed unowned: Page 111 already holds rows of the same customer, "
        "day or metric");
  CHECK(*db.scalar_text("SELECT group_concat(page_id || ':' || value, ' ') FROM (SELECT * FROM "
                        "outcomes ORDER BY page_id, date)") == ":60.0 111:7.0 111:40.0");
  CHECK(*db.scalar_text("SELECT command || ' ' || page_id || ' ' || status || ' ' || rows_written "
                        "FROM import_runs WHERE run_id > 1") == "init 111 ok 3");
}

TEST_CASE("assign_unowned refuses a Page the store does not hold, and moves nothing") {
  auto store = store_with_unowned();
  auto assigned = assign_unowned(store->db(), "112");
  REQUIRE_FALSE(assigned);
  CHECK(assigned.error().code == ExitCode::usage);
  CHECK(assigned.error().message ==
        "--assign-unowned 112: no such Page in :memory: (it holds: 111 Bar Pepe, 222 (no name)); "
        "did you mean '111'?");
  CHECK(count_unowned(store->db())->total() == 5);
  CHECK(*store->db().scalar_int("SELECT count(*) FROM import_runs") == 1);
}

TEST_CASE("owner_page: --page, else the only Page, a new Page only where the store has none") {
  auto store = store_with_unowned();
  Database& db = store->db();
  auto page = owner_page(&db, std::string("111"), "time");
  REQUIRE(page);
  CHECK(describe(*page) == "Page 111 (Bar Pepe)");
  CHECK(owner_page(&db, std::string("999999"), "time").error().message ==
        "--page 999999: no such Page in :memory: (it holds: 111 Bar Pepe, 222 (no name))");
  CHECK(owner_page(&db, std::nullopt, "time").error().message ==
        "--as time: the store holds 2 Pages; name the business's Page with --page ID (one of: 111 "
        "Bar Pepe, 222)");
  page = owner_page(nullptr, std::string("333"), "time");
  REQUIRE(page);
  CHECK(describe(*page) == "Page 333, new to the store");
  CHECK(owner_page(nullptr, std::nullopt, "outcomes").error().message ==
        "--as outcomes: the store holds no Page yet: import the Page's exports first, or name the "
        "business's Page with --page ID");
}
