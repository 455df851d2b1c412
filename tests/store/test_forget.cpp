// Forgetting a Page: every row of it in every table, nothing of another Page, integrity kept, one
// recorded run; the rows kept aside under no Page; the question asked before anything goes.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "pageaudit/store/forget.h"
#include "pageaudit/store/status.h"
#include "pageaudit/store/store.h"
#include "support.h"

using namespace pageaudit;

namespace {

void run_sql(Database& db, const std::string& sql) {
  auto s = db.exec(sql);
  INFO(sql);
  REQUIRE_MESSAGE(s, (s ? "" : s.error().message));
}

// One Page's rows in every table that can hold them, written by run `run`: 2 page_metrics,
// 1 breakdown, 2 posts with 3 post metrics, 2 comments, 2 customers, 1 time log row, 2 outcomes,
// settings, 2 goals, goal_files, 1 audit with 2 results, pull_state, pull_coverage,
// page_metric_status, the pages row and the run itself.
void fill_page(Database& db, const std::string& page, int run) {
  run_sql(db, fmt::format(R"(
INSERT INTO import_runs(run_id, command, page_id, started_at, status) VALUES ({1}, 'import', '{0}', 't', 'ok');
INSERT INTO pages(page_id, name, source, updated_at) VALUES ('{0}', 'Café {0}', 'f.csv', 't');
INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) VALUES
  ('{0}', 'page_follows', 'day', '2026-11-01', 100, 'f.csv', '2026-11-02', {1}),
  ('{0}', 'page_follows', 'day', '2026-11-02', 101, 'f.csv', '2026-11-02', {1});
INSERT INTO page_metric_breakdowns(page_id, metric, period, date, dimension, key, value, source,
  as_of, run_id) VALUES ('{0}', 'page_fans_city', 'lifetime', '2026-11-02', 'city', 'Madrid', 40,
  'f.csv', '2026-11-02', {1});
INSERT INTO posts(post_id, page_id, created_time, source, as_of, run_id) VALUES
  ('{0}_1', '{0}', '2026-11-01T10:00', 'f.csv', '2026-11-02', {1}),
  ('{0}_2', '{0}', '2026-11-02T10:00', 'f.csv', '2026-11-02', {1});
INSERT INTO post_metrics(post_id, metric, key, value, source, as_of, run_id) VALUES
  ('{0}_1', 'post_media_view', '', 10, 'f.csv', '2026-11-02', {1}),
  ('{0}_1', 'post_clicks', '', 2, 'f.csv', '2026-11-02', {1}),
  ('{0}_2', 'post_media_view', '', 12, 'f.csv', '2026-11-02', {1});
INSERT INTO comments(comment_id, post_id, page_id, created_time, source, as_of, run_id) VALUES
  ('{0}_c1', '{0}_1', '{0}', '2026-11-01T11:00:00Z', 'graph', '2026-11-02', {1}),
  ('{0}_c2', '{0}_1', '{0}', '2026-11-01T12:00:00Z', 'graph', '2026-11-02', {1});
INSERT INTO customers(page_id, customer_key, email_hash, source, run_id) VALUES
  ('{0}', 'a', 'a', 'c.csv', {1}), ('{0}', 'b', 'b', 'c.csv', {1});
INSERT INTO time_log(page_id, date, hours, source, run_id) VALUES ('{0}', '2026-11-01', 2, 't.csv', {1});
INSERT INTO outcomes(page_id, date, metric, value, source, run_id) VALUES
  ('{0}', '2026-11-01', 'visitors', 80, 'o.csv', {1}), ('{0}', '2026-11-02', 'visitors', 90, 'o.csv', {1});
INSERT INTO settings(page_id, customers, source, loaded_at) VALUES ('{0}', 1800, 'g.toml', 't');
INSERT INTO goals(page_id, goal_id, metric, bound_kind, bound, source, loaded_at) VALUES
  ('{0}', 'g1', 'followers', 'at_least', 15000, 'g.toml', 't'),
  ('{0}', 'g2', 'hours', 'at_most', 40, 'g.toml', 't');
INSERT INTO goal_files(page_id, source, toml, loaded_at) VALUES ('{0}', 'g.toml', '', 't');
INSERT INTO audit_runs(audit_id, page_id, as_of, window_days, started_at, finished_at, format, json)
  VALUES ({1}, '{0}', '2026-11-02', 28, 't', 't', 'json', '{{}}');
INSERT INTO audit_results(audit_id, goal_id, metric, status) VALUES
  ({1}, 'g1', 'followers', 'behind'), ({1}, 'g2', 'hours', 'met');
INSERT INTO pull_state(page_id, last_run_id, last_status) VALUES ('{0}', {1}, 'ok');
INSERT INTO pull_coverage(page_id, kind, first_day, last_day) VALUES ('{0}', 'insights', '2026-11-01', '2026-11-02');
INSERT INTO page_metric_status(page_id, metric, status, since) VALUES ('{0}', 'page_fans', 'unavailable', 't');
)",
                          page, run));
}

// The rows of a query, one line each, columns as SQL literals.
std::string rows(Database& db, const std::string& sql) {
  auto stmt = db.prepare(sql);
  REQUIRE(stmt);
  std::string out;
  auto s = each_row(*stmt, [&](const Statement& row) {
    for (int c = 0; c < row.column_count(); ++c) out += (c ? "|" : "") + row.text(c);
    out += "\n";
  });
  REQUIRE(s);
  return out;
}

// Every table's rows that are not Page `page`'s — its rows by the schema's own rules, written here
// independently of forget.cpp — quoted column by column, table by table.
std::string dump_except(Database& db, const std::string& page) {
  std::string out;
  for (const std::string& table : [&] {
         std::vector<std::string> t;
         std::istringstream names(
             rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
         for (std::string line; std::getline(names, line);) t.push_back(line);
         return t;
       }()) {
    std::string columns;
    std::istringstream cols(rows(db, "SELECT name FROM pragma_table_info('" + table + "')"));
    bool has_page = false;
    for (std::string c; std::getline(cols, c);) {
      columns += (columns.empty() ? "quote(\"" : " || '|' || quote(\"") + c + "\")";
      has_page = has_page || c == "page_id";
    }
    std::string where = "1";
    if (has_page) where = "page_id IS NOT '" + page + "'";
    if (table == "import_runs") where += " AND command <> 'forget'";
    if (table == "post_metrics")
      where = "post_id NOT IN (SELECT post_id FROM posts WHERE page_id = '" + page + "')";
    if (table == "audit_results")
      where = "audit_id NOT IN (SELECT audit_id FROM audit_runs WHERE page_id = '" + page + "')";
    out += "## " + table + "\n" +
           rows(db, "SELECT " + columns + " FROM \"" + table + "\" WHERE " + where + " ORDER BY 1");
  }
  return out;
}

// Every table with a page_id column, from the schema (a table a later migration adds included),
// with how many rows hold `page` — forget's own record left out.
std::string tables_holding(Database& db, const std::string& page) {
  std::string out;
  std::istringstream names(rows(db,
                                "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) "
                                "c WHERE m.type = 'table' AND c.name = 'page_id' ORDER BY 1"));
  for (std::string table; std::getline(names, table);) {
    std::string n = rows(db, "SELECT count(*) FROM \"" + table + "\" WHERE page_id = '" + page +
                                 "'" + (table == "import_runs" ? " AND command <> 'forget'" : ""));
    if (n != "0\n") out += table + " " + n;
  }
  return out;
}

ForgetTarget target_of(Database& db, const std::string& page) {
  auto target = forget_target(db, ForgetRequest{page, false, true, false});
  REQUIRE_MESSAGE(target, (target ? "" : target.error().message));
  return *target;
}

}  // namespace

TEST_CASE("forget deletes every row of a Page in every table and nothing of another Page") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "111", 1);
  fill_page(db, "222", 2);
  const std::string others = dump_except(db, "111");
  CHECK(tables_holding(db, "111") ==
        "audit_runs 1\ncomments 2\ncustomers 2\ngoal_files 1\ngoals 2\nimport_runs 1\n"
        "outcomes 2\npage_metric_breakdowns 1\npage_metric_status 1\npage_metrics 2\npages 1\n"
        "posts 2\npull_coverage 1\npull_state 1\nsettings 1\ntime_log 1\n");

  const ForgetTarget target = target_of(db, "111");
  CHECK(target.name == "Café 111");
  auto counts = forget(db, target);
  REQUIRE_MESSAGE(counts, (counts ? "" : counts.error().message));
  // By hand, from fill_page: 3 post metrics, 2 comments, 2 posts, 2 values, 1 breakdown,
  // 2 customers, 1 time log row, 2 outcomes, 1 settings, 2 goals, 1 goal file, 2 results, 1 audit,
  // 1 pull state, 1 coverage, 1 metric status, 1 Page, 1 run: 27 rows.
  CHECK(counts->list() ==
        "post_metrics 3, comments 2, posts 2, page_metrics 2, page_metric_breakdowns 1, "
        "customers 2, time_log 1, outcomes 2, settings 1, goals 2, goal_files 1, "
        "audit_results 2, audit_runs 1, pull_state 1, pull_coverage 1, page_metric_status 1, "
        "pages 1, import_runs 1");
  CHECK(counts->total() == 27);

  CHECK(tables_holding(db, "111") == "");
  CHECK(rows(db, "PRAGMA foreign_key_check") == "");
  CHECK(dump_except(db, "111") == others);
  CHECK(rows(db,
             "SELECT command, page_id, status, rows_written, message, finished_at IS NOT NULL "
             "FROM import_runs WHERE command = 'forget'") ==
        "forget|111|ok|27|deleted post_metrics 3, comments 2, posts 2, page_metrics 2, "
        "page_metric_breakdowns 1, customers 2, time_log 1, outcomes 2, settings 1, goals 2, "
        "goal_files 1, audit_results 2, audit_runs 1, pull_state 1, pull_coverage 1, "
        "page_metric_status 1, pages 1, import_runs 1|1\n");
  // Foreign keys are checked again once the forget is done.
  CHECK(rows(db, "PRAGMA foreign_keys") == "1\n");
}

TEST_CASE("forget knows every table that holds a Page's rows or refers to one of them") {
  // A migration that adds a table with a page_id column, or one that refers to a table of a
  // Page's rows (as post_metrics refers to posts), fails this until forget.cpp deletes from it.
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  const std::vector<std::string> known = forget_tables();
  const auto is_known = [&](const std::string& table) {
    return std::find(known.begin(), known.end(), table) != known.end();
  };
  std::istringstream with_page(rows(db,
                                    "SELECT m.name FROM sqlite_master m JOIN "
                                    "pragma_table_info(m.name) c WHERE m.type = 'table' AND "
                                    "c.name = 'page_id' ORDER BY 1"));
  int tables = 0;
  for (std::string table; std::getline(with_page, table); ++tables) {
    INFO(table);
    CHECK(is_known(table));
  }
  CHECK(tables == 16);
  std::istringstream referring(rows(db,
                                    "SELECT m.name, f.\"table\" FROM sqlite_master m JOIN "
                                    "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
                                    "AND f.\"table\" <> 'import_runs' ORDER BY 1"));
  for (std::string line; std::getline(referring, line);) {
    const std::string table = line.substr(0, line.find('|'));
    const std::string parent = line.substr(line.find('|') + 1);
    INFO(line);
    if (is_known(parent)) CHECK(is_known(table));
  }
}

TEST_CASE("forget refuses, deleting nothing, when a table it does not know holds the Page's rows") {
  // What a later migration adding a table with a page_id column, and no line in forget.cpp, does.
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "111", 1);
  run_sql(db,
          "CREATE TABLE page_notes(page_id TEXT NOT NULL, note TEXT); "
          "INSERT INTO page_notes VALUES ('111', 'likes jazz')");
  const std::string before = dump_except(db, "nobody");
  auto counts = forget(db, target_of(db, "111"));
  REQUIRE_FALSE(counts);
  CHECK(counts.error().code == ExitCode::software);
  CHECK(counts.error().message ==
        "forget: table page_notes still holds 1 rows of Page 111: forget does not know the table; "
        "nothing was deleted. This is a bug: please report it");
  CHECK(dump_except(db, "nobody") == before);
  CHECK_FALSE(preview_forget(db, target_of(db, "111")));
}

TEST_CASE("a run of the forgotten Page that another Page's rows refer to stays, naming no Page") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "111", 1);
  fill_page(db, "222", 2);
  // Run 1 (Page 111's) also wrote a value of Page 222, as a file naming two Pages would.
  run_sql(db,
          "INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) "
          "VALUES ('222', 'page_follows', 'day', '2026-10-31', 99, 'f.csv', '2026-11-02', 1)");
  auto counts = forget(db, target_of(db, "111"));
  REQUIRE(counts);
  CHECK(counts->total() == 26);  // the 27 rows of fill_page but the run
  CHECK(rows(db,
             "SELECT run_id, page_id IS NULL FROM import_runs WHERE command = 'import' "
             "ORDER BY 1") == "1|1\n2|0\n");
  CHECK(rows(db, "PRAGMA foreign_key_check") == "");
  CHECK(tables_holding(db, "111") == "");
}

TEST_CASE("the preview counts what forget deletes and deletes nothing") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "111", 1);
  const std::string before = dump_except(db, "nobody");
  auto preview = preview_forget(db, target_of(db, "111"));
  REQUIRE(preview);
  CHECK(preview->total() == 27);
  CHECK(dump_except(db, "nobody") == before);
  CHECK(rows(db, "PRAGMA foreign_keys") == "1\n");
  auto counts = forget(db, target_of(db, "111"));
  REQUIRE(counts);
  CHECK(counts->list() == preview->list());
}

TEST_CASE("forget --unowned deletes the rows migration 7 kept aside, and no Page's") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "111", 1);
  run_sql(db,
          "INSERT INTO import_runs(run_id, command, started_at, status) VALUES (5, 'import', 't', "
          "'ok'); INSERT INTO customers(page_id, customer_key, source, run_id) VALUES "
          "('', 'x', 'c.csv', 5), ('', 'y', 'c.csv', 5), ('', 'z', 'c.csv', 5); "
          "INSERT INTO time_log(page_id, date, hours, source, run_id) VALUES "
          "('', '2026-01-01', 1, 't.csv', 5); INSERT INTO outcomes(page_id, date, metric, value, "
          "source, run_id) VALUES ('', '2026-01-01', 'sales', 3, 'o.csv', 5)");
  const std::string page_rows = dump_except(db, "");
  auto target = forget_target(db, ForgetRequest{std::nullopt, true, true, false});
  REQUIRE(target);
  auto counts = forget(db, *target);
  REQUIRE(counts);
  CHECK(counts->list() == "customers 3, time_log 1, outcomes 1");
  CHECK(tables_holding(db, "") == "");
  CHECK(dump_except(db, "") == page_rows);
  CHECK(rows(db,
             "SELECT page_id, rows_written, message FROM import_runs WHERE command = "
             "'forget'") == "|5|deleted customers 3, time_log 1, outcomes 1\n");
}

TEST_CASE("what forget is asked to forget") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "100064197037125", 1);
  fill_page(db, "222", 2);
  struct Case {
    const char* page;  // null: no --page
    bool unowned;
    const char* error;
  };
  const char* both =
      "forget: name the Page with --page ID, or give --unowned for the rows kept aside under no "
      "Page (not both)";
  const Case cases[] = {
      {nullptr, false, both},
      {"222", true, both},
      {"", false, "--page '': the rows kept aside under no Page are forgotten with --unowned"},
      {"100064197037152", false,
       "--page 100064197037152: no such Page in :memory: (it holds: 100064197037125 Café "
       "100064197037125, 222 Café 222); did you mean '100064197037125'?"},
      {"9", false,
       "--page 9: no such Page in :memory: (it holds: 100064197037125 Café 100064197037125, 222 "
       "Café 222)"},
  };
  for (const Case& c : cases) {
    ForgetRequest request;
    if (c.page) request.page_id = c.page;
    request.unowned = c.unowned;
    auto target = forget_target(db, request);
    REQUIRE_FALSE(target);
    CHECK(target.error().code == ExitCode::usage);
    CHECK(target.error().message == c.error);
  }
  // A Page the store holds a customer list of, but no pages row, can be forgotten too.
  run_sql(db,
          "INSERT INTO customers(page_id, customer_key, source, run_id) VALUES "
          "('333', 'x', 'c.csv', 1)");
  auto target = forget_target(db, ForgetRequest{"333", false, true, false});
  REQUIRE(target);
  CHECK(target->name == "");
}

TEST_CASE("forget asks on a terminal, and refuses without one unless told --yes") {
  auto store = Store::open_memory();
  REQUIRE(store);
  Database& db = (*store)->db();
  fill_page(db, "111", 1);
  std::istringstream none;
  std::ostringstream out;
  auto refused = forget_command(db, ForgetRequest{"111", false, false, false}, none, out);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ExitCode::usage);
  CHECK(refused.error().message ==
        "forget: deleting Page 111 (Café 111) cannot be undone; stdin is not a terminal to ask "
        "on: pass --yes to delete without asking");
  CHECK(out.str().empty());

  for (const char* answer : {"n\n", "\n", "yes please\n", ""}) {
    std::istringstream in(answer);
    std::ostringstream asked;
    auto kept = forget_command(db, ForgetRequest{"111", false, false, true}, in, asked);
    REQUIRE(kept);
    CHECK(*kept == std::vector<std::string>{"nothing was deleted"});
    CHECK(asked.str() ==
          "Page 111 (Café 111) holds 27 rows: post_metrics 3, comments 2, posts 2, page_metrics 2, "
          "page_metric_breakdowns 1, customers 2, time_log 1, outcomes 2, settings 1, goals 2, "
          "goal_files 1, audit_results 2, audit_runs 1, pull_state 1, pull_coverage 1, "
          "page_metric_status 1, pages 1, import_runs 1\nForget Page 111 (Café 111)? [y/N] ");
  }
  CHECK(rows(db, "SELECT count(*) FROM pages") == "1\n");

  std::istringstream yes("y\n");
  std::ostringstream asked;
  auto done = forget_command(db, ForgetRequest{"111", false, false, true}, yes, asked);
  REQUIRE(done);
  REQUIRE(done->size() == 19);
  CHECK(done->front() == "forgot Page 111 (Café 111): 27 rows deleted");
  CHECK((*done)[1] == "  post_metrics                   3");
  CHECK(rows(db, "SELECT count(*) FROM pages") == "0\n");
}

TEST_CASE("forget zeroes what it deletes: the Page's name is not left in the file") {
  test::TempDir dir;
  const std::string path = dir.file("s.db");
  const std::string marker = "Zq7-forgotten-business";
  {
    auto store = Store::open(path, StoreOptions{});
    REQUIRE(store);
    Database& db = (*store)->db();
    fill_page(db, "111", 1);
    fill_page(db, "222", 2);
    run_sql(db, "UPDATE pages SET name = '" + marker + "' WHERE page_id = '111'");
    run_sql(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  }
  const auto bytes = [&] {
    std::string all;
    for (const char* suffix : {"", "-wal"}) {
      std::ifstream in(path + suffix, std::ios::binary);
      all.append(std::istreambuf_iterator<char>(in), {});
    }
    return all;
  };
  REQUIRE(bytes().find(marker) != std::string::npos);
  {
    auto store = Store::open(path, StoreOptions{});
    REQUIRE(store);
    REQUIRE(forget((*store)->db(), target_of((*store)->db(), "111")));
  }
  // The last connection checkpoints the WAL into the file and removes it.
  CHECK(bytes().find(marker) == std::string::npos);
}
