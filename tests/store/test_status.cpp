// The status reader: what `status` shows, and its warning rules.
#include <doctest/doctest.h>

#include <algorithm>

#include "pageaudit/core/clock.h"
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

namespace {

// Two Pages, each with a day of followers, a run and an audit; a run with no Page; a killed run
// and a metric Meta refused for each Page.
void two_pages(Database& db) {
  REQUIRE(db.exec(R"(
INSERT INTO pages(page_id, name, source, updated_at) VALUES ('1', 'Café', 'f.csv', 't'), ('2', NULL, 'g.csv', 't');
INSERT INTO import_runs(run_id, command, source, page_id, started_at, status, rows_written) VALUES
  (1, 'import', 'f.csv', '1', '2026-11-20T08:00:00Z', 'ok', 3),
  (2, 'import', 'g.csv', '2', '2026-11-20T09:00:00Z', 'ok', 4),
  (3, 'pull', 'graph', NULL, '2026-11-20T10:00:00Z', 'failed', 0),
  (4, 'import', 'k.csv', '2', '2026-11-20T11:00:00Z', 'running', NULL);
INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) VALUES
  ('1', 'page_follows', 'day', '2026-11-19', 500, 'f.csv', '2026-11-20', 1),
  ('2', 'page_follows', 'day', '2026-11-01', 70, 'g.csv', '2026-11-20', 2);
INSERT INTO audit_runs(audit_id, page_id, as_of, window_days, started_at, finished_at, format, json) VALUES
  (1, '1', '2026-11-19', 28, 't', '2026-11-20T12:00:00Z', 'html', '{}'),
  (2, '2', '2026-11-01', 7, 't', '2026-11-20T12:01:00Z', 'json', '{}');
INSERT INTO page_metric_status(page_id, metric, status, since, message) VALUES
  ('1', 'page_fans', 'unavailable', '2026-11-20', 'gone'), ('2', 'page_fans', 'unavailable', '2026-11-20', 'gone');
)"));
}

}  // namespace

TEST_CASE("status --page shows only that Page's line, coverage, runs, audits and warnings") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  two_pages(db);
  const Date today = *Date::parse_iso("2026-11-21");
  auto all = read_status(db, today, "2026-11-21T10:00:00Z");
  REQUIRE(all);
  CHECK(all->pages.size() == 2);
  CHECK(all->coverage.size() == 2);
  CHECK(all->runs.size() == 4);
  CHECK(all->audits.size() == 2);
  // The killed run, Page 2's stale followers (20 days old), a refused metric each.
  CHECK(all->warnings.size() == 4);

  auto two = read_status(db, today, "2026-11-21T10:00:00Z", std::string("2"));
  REQUIRE(two);
  CHECK(
      format_status(*two) ==
      std::vector<std::string>{
          "Pages:",
          "  2  (no name)  (70 followers on 2026-11-01)",
          "Coverage (metric, period, source: first..last day, days with data):",
          "  2  page_follows                   day      g.csv                                      "
          "  2026-11-01..2026-11-01     1",
          "Last runs:",
          "  #4    2026-11-20T11:00:00Z  import  running  k.csv (0 rows), Page 2",
          "  #2    2026-11-20T09:00:00Z  import  ok       g.csv (4 rows), Page 2",
          "Latest audits (audit, Page, as of, window, format, finished):",
          "  #2    Page 2  2026-11-01  7 days  json     2026-11-20T12:01:00Z",
          "Warnings:",
          "  run #4 (import k.csv) started 2026-11-20T11:00:00Z did not finish (killed, or "
          "still running); nothing of it was written — run it again",
          "  Page 2: the newest follower count is from 2026-11-01 (20 days ago)",
          "  Page 2: metric page_fans is unavailable since 2026-11-20 (Meta: \"gone\"); it is no "
          "longer pulled",
      });
}

TEST_CASE("status names the Page of each run, and says when a run has none") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  two_pages(db);
  auto status = read_status(db, *Date::parse_iso("2026-11-21"), "2026-11-21T10:00:00Z");
  REQUIRE(status);
  const auto lines = format_status(*status);
  const auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  CHECK(has("  #3    2026-11-20T10:00:00Z  pull    failed   graph (0 rows), no Page"));
  CHECK(has("  #1    2026-11-20T08:00:00Z  import  ok       f.csv (3 rows), Page 1 (Café)"));
  CHECK(has("  #1    Page 1 (Café)  2026-11-19  28 days  html     2026-11-20T12:00:00Z"));
}

TEST_CASE("status warns of rows kept aside under no Page, and says how to assign them") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  two_pages(db);
  REQUIRE(db.exec(
      "INSERT INTO customers(page_id, customer_key, source, run_id) VALUES ('', 'a', 'c.csv', 1), "
      "('', 'b', 'c.csv', 1); INSERT INTO outcomes(page_id, date, metric, value, source, run_id) "
      "VALUES ('', '2026-01-01', 'sales', 1, 'o.csv', 1)"));
  const Date today = *Date::parse_iso("2026-11-21");
  auto all = read_status(db, today, "2026-11-21T10:00:00Z");
  REQUIRE(all);
  REQUIRE(all->warnings.size() == 5);
  CHECK(all->warnings.back() ==
        "2 customers and 1 outcome row are kept aside under no Page (page_id ''): the store held "
        "several Pages when they were imported, so whose they are is not known and no audit "
        "reads them. Assign them with 'pageaudit init --assign-unowned ID', or re-import each "
        "file with --page ID and then drop them with 'pageaudit forget --unowned'");
  // They are no Page's: a Page's status does not show them.
  auto one = read_status(db, today, "2026-11-21T10:00:00Z", std::string("1"));
  REQUIRE(one);
  CHECK(one->warnings.size() == 1);
}

TEST_CASE("status --page of a Page the store does not hold is a usage error with a suggestion") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  two_pages(db);
  const FixedClock clock(0, *Date::parse_iso("2026-11-21"));
  auto lines = status_report(**store, std::string("3"), clock);
  REQUIRE_FALSE(lines);
  CHECK(lines.error().code == ExitCode::usage);
  CHECK(lines.error().message ==
        "--page 3: no such Page in :memory: (it holds: 1 Café, 2 (no name)); did you mean '1'?");
  auto ok = status_report(**store, std::string("1"), clock);
  REQUIRE(ok);
  CHECK(ok->front() == fmt::format("Store: :memory: (schema version {})", latest_schema_version()));
}
