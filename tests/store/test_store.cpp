// The store: migrations, schema.sql, version refusal, the run lock, upserts and the ledger.
#include <doctest/doctest.h>

#include "pageaudit/core/clock.h"
#include "pageaudit/store/store.h"
#include "pageaudit/store/writer.h"
#include "support.h"

using namespace pageaudit;
using pageaudit::test::query;
using pageaudit::test::TempDir;

namespace {

std::string schema_of(const std::string& db) {
  return query(
      db, "SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name");
}

}  // namespace

TEST_CASE("the migrations produce exactly sql/schema.sql") {
  TempDir dir;
  std::string db = dir.file("s.db");
  { REQUIRE(Store::open(db, StoreOptions{})); }
  std::string expected = test::read_file(std::string(PAGEAUDIT_TESTS_DIR) + "/../sql/schema.sql");
  // schema.sql starts with a comment block; compare the statements only.
  std::string statements = expected.substr(expected.find("CREATE"));
  CHECK(schema_of(db) == statements);
}

TEST_CASE("a new store records every migration and its schema version") {
  TempDir dir;
  std::string db = dir.file("s.db");
  auto store = Store::open(db, StoreOptions{});
  REQUIRE(store);
  CHECK((*store)->schema_version() == latest_schema_version());
  CHECK((*store)->migrations_applied_now() == latest_schema_version());
  store->reset();
  std::string applied = query(db, "SELECT version, name FROM schema_migrations ORDER BY version");
  CHECK(applied.rfind("1|0001_store.sql\n2|0002_catalog.sql\n3|0003_audit.sql\n", 0) == 0);
  CHECK(query(db, "SELECT count(*) FROM schema_migrations") ==
        std::to_string(latest_schema_version()) + "\n");
  CHECK(query(db, "PRAGMA journal_mode") == "wal\n");
  // Opening again applies nothing.
  auto again = Store::open(db, StoreOptions{});
  REQUIRE(again);
  CHECK((*again)->migrations_applied_now() == 0);
}

TEST_CASE("a store opened with a clock stamps its migrations and runs with that clock") {
  TempDir dir;
  std::string db = dir.file("s.db");
  const FixedClock clock(*parse_utc_time("2031-02-03T04:05:06Z"), *Date::parse_iso("2031-02-03"));
  StoreOptions options;
  options.clock = &clock;
  auto store = Store::open(db, options);
  REQUIRE(store);
  auto run = start_run((*store)->db(), RunStart{"import", "f.csv", std::nullopt, std::nullopt,
                                                std::nullopt, std::nullopt});
  REQUIRE(run);
  store->reset();
  CHECK(query(db, "SELECT DISTINCT applied_at FROM schema_migrations") == "2031-02-03T04:05:06Z\n");
  CHECK(query(db, "SELECT started_at FROM import_runs") == "2031-02-03T04:05:06Z\n");
}

TEST_CASE(
    "the migration to version 7 writes settings for the goals files a version 6 store holds") {
  TempDir dir;
  std::string db = dir.file("s.db");
  {
    StoreOptions v6;
    v6.migrate_to = 6;
    auto store = Store::open(db, v6);
    REQUIRE(store);
    CHECK((*store)->schema_version() == 6);
    // Page A's goals file parses; Page B's holds a key this version refuses (a file loaded by an
    // older pageaudit, say), which must not stop the migration.
    REQUIRE((*store)->db().exec(
        "INSERT INTO goal_files(page_id, source, toml, loaded_at) VALUES "
        "('A', 'a.toml', 'language = \"es\"\n[business]\ncustomers = 1800\nhourly_cost = 9.5\n"
        "[audience]\ntarget_cities = [\"Madrid\"]\n[survey]\nasked = 120\nfollow = 34\n"
        "[[goal]]\nid = \"f\"\nmetric = \"followers\"\nat_least = 15000\n', "
        "'2026-01-02T03:04:05Z'), "
        "('B', 'b.toml', '[business]\nhourly_cost = 9.5\nbudget = 3\n', '2026-01-02T03:04:05Z')"));
  }
  CHECK(query(db, "SELECT count(*) FROM sqlite_master WHERE name = 'settings'") == "0\n");
  auto store = Store::open(db, StoreOptions{});
  REQUIRE(store);
  CHECK((*store)->schema_version() == latest_schema_version());
  store->reset();
  CHECK(query(db,
              "SELECT page_id, customers, hourly_cost, currency, target_cities, survey_asked, "
              "survey_follow, language, source, loaded_at FROM settings") ==
        "A|1800|9.5||[\"Madrid\"]|120|34|es|a.toml|2026-01-02T03:04:05Z\n");
  CHECK(query(db, "SELECT count(*) FROM goal_files") == "2\n");
}

TEST_CASE("a store newer than the binary is refused with a clear message") {
  TempDir dir;
  std::string db = dir.file("s.db");
  {
    auto store = Store::open(db, StoreOptions{});
    REQUIRE(store);
    REQUIRE((*store)->db().exec("PRAGMA user_version = 99"));
  }
  auto store = Store::open(db, StoreOptions{});
  REQUIRE(!store);
  CHECK(store.error().code == ExitCode::cant_create);
  CHECK(store.error().message ==
        db +
            ": the store has schema version 99 but this pageaudit (" PAGEAUDIT_VERSION
            ") knows versions up to " +
            std::to_string(latest_schema_version()) + "; use a newer pageaudit");
}

TEST_CASE("a second writer gets exit code 75 while the first holds the store") {
  TempDir dir;
  std::string db = dir.file("s.db");
  auto first = Store::open(db, StoreOptions{});
  REQUIRE(first);
  auto second = Store::open(db, StoreOptions{});
  REQUIRE(!second);
  CHECK(second.error().code == ExitCode::temp_fail);
  CHECK(second.error().message ==
        db + ": another pageaudit run holds the store; run again later (or use --wait)");
  // Readers are not blocked.
  StoreOptions reader;
  reader.read_only = true;
  CHECK(Store::open(db, reader));
  first->reset();
  CHECK(Store::open(db, StoreOptions{}));
}

TEST_CASE("a read-only open of a missing store is exit 66 and creates nothing") {
  TempDir dir;
  StoreOptions reader;
  reader.read_only = true;
  auto store = Store::open(dir.file("none.db"), reader);
  REQUIRE(!store);
  CHECK(store.error().code == ExitCode::no_input);
  CHECK(!std::filesystem::exists(dir.file("none.db")));
}

TEST_CASE("a later export replaces a value and an earlier one does not roll it back") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  auto run = start_run(db, RunStart{"import", "a.csv", {}, {}, {}, {}});
  REQUIRE(run);
  Date day = *Date::parse_iso("2026-05-01");
  auto write = [&](const char* source, const char* as_of, double value) {
    auto sink = StoreSink::create(db, source, as_of, *run);
    REQUIRE(sink);
    REQUIRE(sink->page_metric(PageMetricRecord{"1", "page_views_total", "day", day, value}));
  };
  auto stored = [&] {
    auto stmt = db.prepare("SELECT value || '|' || source || '|' || as_of FROM page_metrics");
    REQUIRE(stmt);
    REQUIRE(*stmt->step());
    return stmt->text(0);
  };
  write("may.csv", "2026-05-10", 40);
  CHECK(stored() == "40.0|may.csv|2026-05-10");
  write("june.csv", "2026-06-10", 42);  // Meta revised the day: the later export wins
  CHECK(stored() == "42.0|june.csv|2026-06-10");
  write("may.csv", "2026-05-10", 40);  // re-importing the older file changes nothing
  CHECK(stored() == "42.0|june.csv|2026-06-10");
  CHECK(*db.scalar_int("SELECT count(*) FROM page_metrics") == 1);
}

TEST_CASE(
    "a re-import conflicting on every row still upserts every row, before and after the switch") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  auto run = start_run(db, RunStart{"import", "a.csv", {}, {}, {}, {}});
  REQUIRE(run);
  Date first = *Date::parse_iso("2026-01-01");
  auto write_all = [&](const char* as_of, double base) {
    auto sink = StoreSink::create(db, "a.csv", as_of, *run);
    REQUIRE(sink);
    // 200 rows: more than the 64 conflicts after which the sink goes straight to the upsert.
    for (int i = 0; i < 200; ++i) {
      REQUIRE(sink->breakdown(BreakdownRecord{"1", "page_follows_city", "lifetime", first + i % 10,
                                              "city", "City " + std::to_string(i / 10), base + i,
                                              Unit::percent}));
    }
  };
  write_all("2026-02-01", 0);
  write_all("2026-03-01", 1000);  // a later export: every value replaced
  CHECK(*db.scalar_int("SELECT count(*) FROM page_metric_breakdowns") == 200);
  CHECK(*db.scalar_int("SELECT sum(value) FROM page_metric_breakdowns") ==
        200 * 1000 + 199 * 200 / 2);
  CHECK(*db.scalar_int("SELECT count(*) FROM page_metric_breakdowns WHERE as_of = '2026-03-01'") ==
        200);
  write_all("2026-02-01", 5000);  // an older export afterwards changes nothing
  CHECK(*db.scalar_int("SELECT sum(value) FROM page_metric_breakdowns") ==
        200 * 1000 + 199 * 200 / 2);
}

TEST_CASE("daily_followers prefers page_follows, then page_fans, then followers_count") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  auto run = start_run(db, RunStart{"import", "x", {}, {}, {}, {}});
  REQUIRE(run);
  auto sink = StoreSink::create(db, "x", "2026-01-10", *run);
  REQUIRE(sink);
  Date d1 = *Date::parse_iso("2026-01-01"), d2 = d1 + 1, d3 = d1 + 2;
  REQUIRE(sink->page_metric({"1", "followers_count", "lifetime", d1, 90.0}));
  REQUIRE(sink->page_metric({"1", "page_fans", "lifetime", d1, 95.0}));
  REQUIRE(sink->page_metric({"1", "page_follows", "day", d1, 100.0}));
  REQUIRE(sink->page_metric({"1", "followers_count", "lifetime", d2, 101.0}));
  REQUIRE(sink->page_metric({"1", "page_fans", "lifetime", d2, 102.0}));
  REQUIRE(sink->page_metric({"1", "followers_count", "lifetime", d3, 103.0}));
  auto stmt = db.prepare("SELECT date, followers, basis FROM daily_followers ORDER BY date");
  REQUIRE(stmt);
  std::string rows;
  while (*stmt->step()) rows += stmt->text(0) + " " + stmt->text(1) + " " + stmt->text(2) + "\n";
  CHECK(rows ==
        "2026-01-01 100.0 page_follows\n"
        "2026-01-02 102.0 page_fans\n"
        "2026-01-03 103.0 followers_count\n");
}

TEST_CASE("a transaction guard rolls back unless committed") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  {
    Transaction txn(db);
    REQUIRE(txn.begin());
    REQUIRE(db.exec("INSERT INTO pages(page_id, source, updated_at) VALUES ('1', 'x', 'now')"));
  }
  CHECK(*db.scalar_int("SELECT count(*) FROM pages") == 0);
  {
    Transaction txn(db);
    REQUIRE(txn.begin());
    REQUIRE(db.exec("INSERT INTO pages(page_id, source, updated_at) VALUES ('1', 'x', 'now')"));
    REQUIRE(txn.commit());
  }
  CHECK(*db.scalar_int("SELECT count(*) FROM pages") == 1);
}

TEST_CASE("statements bind std::optional as NULL and report their SQL on failure") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  auto stmt = db.prepare("SELECT ?1 IS NULL, ?2");
  REQUIRE(stmt);
  stmt->bind(1, std::optional<std::string>{}).bind(2, std::optional<int64_t>{7});
  REQUIRE(*stmt->step());
  CHECK(stmt->integer(0) == 1);
  CHECK(stmt->integer(1) == 7);
  auto bad = db.prepare("INSERT INTO pages(page_id) VALUES (NULL)");
  REQUIRE(bad);
  auto result = bad->run();
  REQUIRE(!result);
  CHECK(result.error().code == ExitCode::cant_create);
  CHECK(result.error().message ==
        ":memory:: NOT NULL constraint failed: pages.source (in \"INSERT INTO pages(page_id) "
        "VALUES (NULL)\")");
}

TEST_CASE("a failed exec reads PATH: what SQLite said") {
  auto store = Store::open_memory();
  REQUIRE(store);
  auto result = (*store)->db().exec("INSERT INTO pages(page_id) VALUES (NULL)");
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ExitCode::cant_create);
  CHECK(result.error().message == ":memory:: NOT NULL constraint failed: pages.source");
}
