// One file imported as one run: the ledger and the data commit together or not at all.
#include <doctest/doctest.h>

#include "pageaudit/store/import_run.h"
#include "pageaudit/store/store.h"

using namespace pageaudit;

namespace {

const RunStart k_start{"import",     std::string("f.csv"), std::string("/x/f.csv"),
                       std::nullopt, std::nullopt,         std::nullopt};

Status add_page(Database& db) {
  return db.exec("INSERT INTO pages(page_id, source, updated_at) VALUES ('1', 'f.csv', 'now')");
}

}  // namespace

TEST_CASE("import_run commits the data with a finished run") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  auto status = import_run(db, k_start, [&](int64_t) -> Result<RunEnd> {
    if (auto s = add_page(db); !s) return tl::unexpected(s.error());
    return RunEnd{1, "a note", std::string("1"), std::string("classic")};
  });
  REQUIRE(status);
  CHECK(*db.scalar_int("SELECT count(*) FROM pages") == 1);
  CHECK(*db.scalar_text("SELECT status || ' ' || rows_written || ' ' || message || ' ' || page_id "
                        "|| ' ' || kind FROM import_runs") == "ok 1 a note 1 classic");
  CHECK(*only_page(db) == std::optional<std::string>("1"));
}

TEST_CASE("import_run leaves the store as it was when the writing fails") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  auto status = import_run(db, k_start, [&](int64_t) -> Result<RunEnd> {
    if (auto s = add_page(db); !s) return tl::unexpected(s.error());
    return fail(ExitCode::data, "f.csv:3: bad");
  });
  REQUIRE_FALSE(status);
  CHECK(status.error().message == "f.csv:3: bad");
  CHECK(*db.scalar_int("SELECT count(*) FROM pages") == 0);
  CHECK(*db.scalar_int("SELECT count(*) FROM import_runs") == 0);
  CHECK(*only_page(db) == std::nullopt);
}

TEST_CASE("a store is the demo's when it has runs and the demo made them all") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  CHECK_FALSE(*made_by_demo(db));
  REQUIRE(import_run(db, k_start, [](int64_t) -> Result<RunEnd> { return RunEnd{}; }));
  CHECK_FALSE(*made_by_demo(db));
  REQUIRE(mark_demo_runs(db));
  CHECK(*made_by_demo(db));
}
