// The SQLite wrapper's row iterator and statement table.
#include <doctest/doctest.h>

#include <vector>

#include "pageaudit/store/sqlite.h"

using namespace pageaudit;

namespace {

Database memory() {
  auto db = Database::open(":memory:", Database::Mode::memory);
  REQUIRE(db);
  return std::move(*db);
}

// Rows 1, 2, then an error: abs() of the smallest integer overflows.
constexpr const char* k_fails_on_third_row =
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) "
    "SELECT CASE WHEN x < 3 THEN x ELSE abs(-9223372036854775807 - 1) END FROM n";

}  // namespace

TEST_CASE("rows() yields every row of a query, then ends with an ok status") {
  Database db = memory();
  auto stmt = db.prepare("SELECT column1 FROM (VALUES (1), (2), (3)) ORDER BY 1");
  REQUIRE(stmt);
  std::vector<int64_t> seen;
  auto rows = stmt->rows();
  for (const Statement& row : rows) seen.push_back(row.integer(0));
  CHECK(rows.status());
  CHECK(seen == std::vector<int64_t>{1, 2, 3});
}

TEST_CASE("rows() of a query without rows runs no loop body") {
  Database db = memory();
  auto stmt = db.prepare("SELECT 1 WHERE 0");
  REQUIRE(stmt);
  int bodies = 0;
  auto rows = stmt->rows();
  for ([[maybe_unused]] const Statement& row : rows) ++bodies;
  CHECK(rows.status());
  CHECK(bodies == 0);
}

TEST_CASE("rows() stops at a failing step and keeps its error for the caller") {
  Database db = memory();
  auto stmt = db.prepare(k_fails_on_third_row);
  REQUIRE(stmt);
  std::vector<int64_t> seen;
  auto rows = stmt->rows();
  for (const Statement& row : rows) seen.push_back(row.integer(0));
  CHECK(seen == std::vector<int64_t>{1, 2});
  REQUIRE_FALSE(rows.status());
  CHECK(rows.status().error().message ==
        fmt::format(":memory:: integer overflow (in \"{}\")", k_fails_on_third_row));
}

TEST_CASE("each_row() calls back on every row and returns the first error") {
  Database db = memory();
  auto good = db.prepare("SELECT 'a' UNION ALL SELECT 'b'");
  REQUIRE(good);
  std::string text;
  CHECK(each_row(*good, [&](const Statement& row) { text += row.text(0); }));
  CHECK(text == "ab");

  auto bad = db.prepare(k_fails_on_third_row);
  REQUIRE(bad);
  int calls = 0;
  auto status = each_row(*bad, [&](const Statement&) { ++calls; });
  CHECK(calls == 2);
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ExitCode::cant_create);
}

TEST_CASE("a statement can be read again after its rows were read") {
  Database db = memory();
  auto stmt = db.prepare("SELECT ?1 * 2");
  REQUIRE(stmt);
  for (int64_t value : {3, 5}) {
    stmt->reset();
    stmt->bind(1, value);
    int64_t doubled = 0;
    REQUIRE(each_row(*stmt, [&](const Statement& row) { doubled = row.integer(0); }));
    CHECK(doubled == value * 2);
  }
}

TEST_CASE("prepare_all() prepares every statement of a table into its place") {
  Database db = memory();
  Statement one, two;
  REQUIRE(db.prepare_all({{&one, "SELECT 1"}, {&two, "SELECT 2"}}));
  CHECK(one.sql() == "SELECT 1");
  CHECK(two.sql() == "SELECT 2");
  REQUIRE(*two.step());
  CHECK(two.integer(0) == 2);
}

TEST_CASE("prepare_all() reports the first statement that does not prepare") {
  Database db = memory();
  Statement one, bad, after;
  auto status = db.prepare_all({{&one, "SELECT 1"}, {&bad, "SELEC 2"}, {&after, "SELECT 3"}});
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ExitCode::software);
  CHECK(status.error().message ==
        ":memory:: cannot prepare \"SELEC 2\": near \"SELEC\": syntax error");
  CHECK(one.sql() == "SELECT 1");
  CHECK(after.sql().empty());
}
