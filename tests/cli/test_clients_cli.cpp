// Black-box tests of one store for several clients (issue 16): each Page's customer list, time log
// and outcomes stay its own; import --as --page; migration 7 of a version-6 store and
// init --assign-unowned.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <ctime>
#include <filesystem>

#include "support.h"
#include "values.h"

using pageaudit::test::contains;
using pageaudit::test::exec;
using pageaudit::test::query;
using pageaudit::test::read_file;
using pageaudit::test::run_pageaudit;
using pageaudit::test::RunResult;
using pageaudit::test::TempDir;
using pageaudit::test::write_file;

namespace {

const std::vector<std::string> k_env = {"PAGEAUDIT_TODAY=2026-11-21"};

// A follower history export of 60 days, 2026-09-22..2026-11-20, first + step * i followers on day
// i. It names no Page: it is imported with --page.
std::string follower_history(int first, int step) {
  std::string text =
      "\xEF\xBB\xBF\"Date\",\"Followers\",\"Difference in followers from previous day\"\n";
  std::tm day{};
  day.tm_year = 2026 - 1900;
  day.tm_mon = 8;
  day.tm_mday = 22;
  day.tm_hour = 12;
  for (int i = 0; i < 60; ++i) {
    std::tm d = day;
    d.tm_mday += i;
    std::mktime(&d);
    char month[16];
    std::strftime(month, sizeof month, "%B", &d);
    text += fmt::format("\"{} {}\",\"{}\",\"{}\"\n", month, d.tm_mday, first + step * i,
                        i == 0 ? 0 : step);
  }
  return text;
}

// A goals file: the business's settings, the visitors goal and the hours goal.
std::string goals(const std::string& page, const std::string& name, double hourly_cost,
                  double hours_per_day, int asked, int follow) {
  return fmt::format(R"(page = "{}"
language = "en"
[business]
name = "{}"
hourly_cost = {:.1f}
currency = "EUR"
[effort]
hours_per_day = {:.1f}
[survey]
asked = {}
follow = {}
[[goal]]
id = "visits"
objective = "other"
metric = "outcome:visitors"
at_least = 500
by = "2026-12-31"
[[goal]]
id = "hours"
objective = "other"
metric = "hours"
at_most = 40
by = "2026-12-31"
)",
                     page, name, hourly_cost, hours_per_day, asked, follow);
}

// One client: a Page's exports and the business's own files.
struct Client {
  std::string page;
  int first = 0, step = 0;  // followers
  std::string customers, time_log, outcomes, goals;
};

// Bar Pepe, Page 111: 1000 + 2i followers (1118 on 2026-11-20). In the 28-day window
// 2026-10-24..2026-11-20 it logged 2 + 3 = 5 hours on two days and states 1 hour on the other 26:
// 31 hours, at 10 an hour 310. 4 customers, half of those asked follow: round(0.5 x 4) = 2
// customer followers. Visitors in the window 60 + 40 = 100 (the 100 of 2026-10-01 is before it).
const Client k_pepe{"111",
                    1000,
                    2,
                    "name,email\nAna López,ana@example.com\nJosé García,jose@example.com\n"
                    "Marta Ruiz,marta@example.com\nLuis Gil,luis@example.com\n",
                    "date,hours,activity,person\n2026-11-01,2,posting,Lucía\n"
                    "2026-11-02,3,posting,Lucía\n2026-10-01,5,posting,Lucía\n",
                    "date,visitors\n2026-10-01,100\n2026-11-01,60\n2026-11-02,40\n",
                    goals("111", "Bar Pepe", 10, 1.0, 10, 5)};

// Bar Luis, Page 222: 500 + i followers (559). Its 2026-11-01 row has Bar Pepe's day, activity and
// person with 4 hours; with 2026-11-03's 1 hour, 5 logged hours and 26 x 0.5 stated: 18 hours, at
// 20 an hour 360. 2 customers (Ana is Bar Pepe's too), half follow: 1. Visitors 7 + 3 = 10.
const Client k_luis{"222",
                    500,
                    1,
                    "name,email\nAna López,ana@example.com\nPablo Sanz,pablo@example.com\n",
                    "date,hours,activity,person\n2026-11-01,4,posting,Lucía\n"
                    "2026-11-03,1,stories,Marcos\n",
                    "date,visitors\n2026-11-01,7\n2026-11-05,3\n",
                    goals("222", "Bar Luis", 20, 0.5, 4, 2)};

RunResult run_ok(const std::vector<std::string>& args) {
  RunResult r = run_pageaudit(args, k_env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

// The client's Page exports into db.
void import_exports(const std::string& db, const TempDir& dir, const Client& c) {
  const std::string history =
      dir.file(fmt::format("{}/FollowerHistory_Sep-22-2026_Nov-20-2026.csv", c.page));
  std::filesystem::create_directories(dir.file(c.page));
  write_file(history, follower_history(c.first, c.step));
  run_ok({"--db", db, "import", "--page", c.page, history});
}

// The client's own files into db with --page, then its goals loaded by an audit.
void import_own_files(const std::string& db, const TempDir& dir, const Client& c) {
  const std::string base = dir.file(c.page) + "/";
  write_file(base + "customers.csv", c.customers);
  write_file(base + "time.csv", c.time_log);
  write_file(base + "outcomes.csv", c.outcomes);
  write_file(base + "goals.toml", c.goals);
  for (const std::string kind : {"customers", "time", "outcomes"}) {
    run_ok({"--db", db, "import", "--as", kind, "--page", c.page, base + kind + ".csv"});
  }
  run_ok({"--db", db, "audit", "--goals", base + "goals.toml", "--format", "json"});
}

std::string audit_json(const std::string& db, const std::string& page) {
  return run_ok({"--db", db, "audit", "--page", page, "--format", "json"}).out;
}

}  // namespace

TEST_CASE("two clients in one store: each Page's audit is the audit of that client alone") {
  TempDir dir;
  // Each client alone in a store of its own.
  const std::string pepe_db = dir.file("pepe.db"), luis_db = dir.file("luis.db");
  import_exports(pepe_db, dir, k_pepe);
  import_own_files(pepe_db, dir, k_pepe);
  import_exports(luis_db, dir, k_luis);
  import_own_files(luis_db, dir, k_luis);
  // Both in one store: the exports first, then each client's files with --page.
  const std::string db = dir.file("both.db");
  import_exports(db, dir, k_pepe);
  import_exports(db, dir, k_luis);
  import_own_files(db, dir, k_pepe);
  import_own_files(db, dir, k_luis);

  const std::string pepe = audit_json(db, "111");
  const std::string luis = audit_json(db, "222");
  // The figures worked out by hand above.
  CHECK(contains(pepe,
                 "\"effort\":{\"hours_window\":31.0,\"cost_window\":310.0,\"source\":\"mixed\"}"));
  CHECK(contains(pepe, "\"headline\":{\"method\":\"survey\",\"customer_followers\":2,"));
  CHECK(contains(pepe, "\"id\":\"visits\",\"metric\":\"outcome:visitors\","));
  CHECK(contains(pepe, "\"by\":\"2026-12-31\",\"current\":100.0,"));
  CHECK(contains(pepe, "\"by\":\"2026-12-31\",\"current\":31.0,"));
  CHECK(contains(luis,
                 "\"effort\":{\"hours_window\":18.0,\"cost_window\":360.0,\"source\":\"mixed\"}"));
  CHECK(contains(luis, "\"headline\":{\"method\":\"survey\",\"customer_followers\":1,"));
  CHECK(contains(luis, "\"by\":\"2026-12-31\",\"current\":10.0,"));
  CHECK(contains(luis, "\"by\":\"2026-12-31\",\"current\":18.0,"));
  // The same documents as each client's audit alone, and --all-pages lists both.
  CHECK(pepe == audit_json(pepe_db, "111"));
  CHECK(luis == audit_json(luis_db, "222"));
  auto r = run_ok({"--db", db, "audit", "--all-pages", "--format", "json"});
  CHECK(r.out == "[\n" + pepe.substr(0, pepe.size() - 1) + ",\n" + luis.substr(0, luis.size() - 1) +
                     "\n]\n");
  // The text report's activity lists each Page's own outcomes.
  const std::string text = run_ok({"--db", db, "audit", "--page", "222"}).out;
  CHECK(contains(text, "  Outcome: visitors in 28 days  10\n"));
  CHECK(text == run_ok({"--db", luis_db, "audit", "--page", "222"}).out);

  // Bar Luis's row of Bar Pepe's day, activity and person did not replace Bar Pepe's; the customer
  // both have is each Page's.
  CHECK(query(db, "SELECT page_id, hours FROM time_log WHERE date = '2026-11-01' ORDER BY 1") ==
        "111|2.0\n222|4.0\n");
  CHECK(query(db, "SELECT page_id, count(*) FROM customers GROUP BY 1 ORDER BY 1") ==
        "111|4\n222|2\n");
}

TEST_CASE("import --as in a store of several Pages: --page is needed, must be one of them") {
  TempDir dir;
  const std::string db = dir.file("s.db");
  import_exports(db, dir, k_pepe);
  import_exports(db, dir, k_luis);
  const std::string file = dir.file("c.csv");
  write_file(file, "name\nAna\n");
  const struct {
    std::vector<std::string> args;
    std::string error;
  } cases[] = {
      {{"--as", "customers", file},
       "--as customers: the store holds 2 Pages; name the business's Page with --page ID (one of: "
       "111, 222)"},
      {{"--as", "customers", "--page", "112", file},
       "--page 112: no such Page in " + db +
           " (it holds: 111 (no name), 222 (no name)); did you "
           "mean '111'?"},
      {{"--as", "time", "--page", "999999", file},
       "--page 999999: no such Page in " + db + " (it holds: 111 (no name), 222 (no name))"},
      {{"--as", "customers", "--page", "112", "--dry-run", file},
       "--page 112: no such Page in " + db +
           " (it holds: 111 (no name), 222 (no name)); did you "
           "mean '111'?"},
  };
  const std::string before = query(db, "SELECT count(*) FROM import_runs");
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", db, "import"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_pageaudit(args);
    CHECK(r.exit_code == 64);
    CHECK(r.err == "pageaudit: error: " + c.error + "\n");
  }
  CHECK(query(db, "SELECT count(*) FROM import_runs") == before);

  // A dry run with a store names the Page the file would go to.
  auto r = run_pageaudit(
      {"--db", db, "import", "--as", "customers", "--page", "222", "--dry-run", file});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        file + ": would import 1 row: 1 customer, 0 repeats of an earlier row for Page 222\n");
  CHECK(query(db, "SELECT count(*) FROM import_runs") == before);
  // A Page's exports that come after its customer list join the Page the list recorded.
  const std::string fresh = dir.file("fresh.db");
  r = run_pageaudit({"--db", fresh, "import", "--as", "customers", "--page", "111", file});
  CHECK(r.out == file +
                     ": imported 1 row: 1 customer, 0 repeats of an earlier row (stored hashed); "
                     "Page 111 now holds 1 customer\n");
  import_exports(fresh, dir, k_pepe);
  CHECK(query(fresh, "SELECT page_id, source FROM pages") == "111|c.csv\n");
  r = run_pageaudit({"--db", fresh, "import", "--as", "customers", "--dry-run", file});
  CHECK(r.out ==
        file + ": would import 1 row: 1 customer, 0 repeats of an earlier row for Page 111\n");
}

// --- migration 7 ---------------------------------------------------------------------------------

namespace {

// A store as pageaudit left it at schema version 6 (migrations 0001..0006 as shipped), with the
// Pages given and, written by one import run, 3 customers, 2 time-log rows (2026-11-01, 2 hours;
// 2026-11-02, 3 hours) and 2 outcome rows, none of them naming a Page.
std::string version6_store(const TempDir& dir, const std::vector<std::string>& pages) {
  const std::string db = dir.file("v6.db");
  const std::string migrations = std::string(PAGEAUDIT_TESTS_DIR) + "/../sql/migrations/";
  const char* names[] = {"0001_store.sql", "0002_catalog.sql", "0003_audit.sql",
                         "0004_pull.sql",  "0005_views.sql",   "0006_backfill_start.sql"};
  std::string sql =
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL);";
  for (int v = 1; v <= 6; ++v) {
    sql += read_file(migrations + names[v - 1]);
    sql +=
        fmt::format("\nINSERT INTO schema_migrations VALUES ({}, '{}', 't');\n", v, names[v - 1]);
  }
  write_file(db, "");  // SQLite takes an empty file as a new database
  exec(db, "BEGIN;" + sql + "PRAGMA user_version = 6; COMMIT;");
  std::string rows =
      "INSERT INTO import_runs(run_id, command, started_at, status) VALUES (1, 'import', 't', "
      "'ok');"
      "INSERT INTO customers(customer_key, name_hash, source, run_id) VALUES ('a', 'a', 'c.csv', "
      "1), "
      "('b', 'b', 'c.csv', 1), ('c', 'c', 'c.csv', 1);"
      "INSERT INTO time_log(date, hours, activity, person, source, run_id) VALUES "
      "('2026-11-01', 2, 'posting', '', 't.csv', 1), ('2026-11-02', 3, '', '', 't.csv', 1);"
      "INSERT INTO outcomes(date, metric, value, source, run_id) VALUES "
      "('2026-11-01', 'visitors', 60, 'o.csv', 1), ('2026-11-02', 'visitors', 40, 'o.csv', 1);";
  for (const std::string& page : pages) {
    rows += fmt::format("INSERT INTO pages(page_id, source, updated_at) VALUES ('{}', 's', 't');",
                        page);
  }
  exec(db, rows);
  return db;
}

std::string counts(const std::string& db) {
  return query(db,
               "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM time_log), "
               "(SELECT count(*) FROM outcomes)");
}

}  // namespace

TEST_CASE("migration 7 moves a one-Page store's rows to its Page, and the audit reads them") {
  TempDir dir;
  const std::string db = version6_store(dir, {"111"});
  auto r = run_ok({"--db", db, "init"});
  CHECK(r.out == db + ": schema version 9 (3 migrations applied)\n");
  CHECK(r.err == "");
  CHECK(query(db, "SELECT page_id, count(*) FROM customers GROUP BY 1") == "111|3\n");
  CHECK(query(db, "SELECT page_id, sum(hours) FROM time_log GROUP BY 1") == "111|5.0\n");
  CHECK(query(db, "SELECT page_id, sum(value) FROM outcomes GROUP BY 1") == "111|100.0\n");
  exec(db,
       "INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) "
       "VALUES ('111', 'page_follows', 'day', '2026-11-20', 1118, 's', '2026-11-21', 1);");
  const std::string goals = dir.file("goals.toml");
  write_file(goals, k_pepe.goals);
  // 5 logged hours and 26 x 1 stated: 31; visitors 60 + 40 = 100.
  r = run_ok({"--db", db, "audit", "--goals", goals, "--format", "json"});
  CHECK(contains(r.out, "\"effort\":{\"hours_window\":31.0,\"cost_window\":310.0,"));
  CHECK(contains(r.out, "\"by\":\"2026-12-31\",\"current\":100.0,"));
}

TEST_CASE("migration 7 keeps a two-Page store's rows aside, warns once, and init assigns them") {
  TempDir dir;
  const std::string db = version6_store(dir, {"111", "222"});
  const std::string before = counts(db);
  auto r = run_ok({"--db", db, "init"});
  CHECK(r.out == db + ": schema version 9 (3 migrations applied)\n");
  CHECK(r.err ==
        "pageaudit: warning: " + db +
            ": the store now keeps each Page's customers, time log and outcomes apart, and 3 "
            "customers, 2 time-log rows and 2 outcome rows imported before belong to no Page, so "
            "no audit reads them; assign them to their Page with 'pageaudit init "
            "--assign-unowned ID', or re-import each file with --page ID and then drop them with "
            "'pageaudit forget --unowned'\n");
  CHECK(counts(db) == before);
  CHECK(query(db,
              "SELECT DISTINCT page_id FROM customers UNION SELECT page_id FROM time_log "
              "UNION SELECT page_id FROM outcomes") == "\n");
  // Once: the next command says nothing.
  r = run_ok({"--db", db, "init"});
  CHECK(r.err == "");

  // A Page the store does not hold is refused, and nothing moves.
  r = run_pageaudit({"--db", db, "init", "--assign-unowned", "221"});
  CHECK(r.exit_code == 64);
  CHECK(r.err == "pageaudit: error: --assign-unowned 221: no such Page in " + db +
                     " (it holds: 111 (no name), 222 (no name)); did you mean '222'?\n");
  CHECK(query(db, "SELECT count(*) FROM customers WHERE page_id = ''") == "3\n");

  // Page 222 already has its own row for 2026-11-01's visitors: that one is kept, the unowned one
  // stays aside.
  exec(db,
       "INSERT INTO outcomes(page_id, date, metric, value, source, run_id) VALUES "
       "('222', '2026-11-01', 'visitors', 7, 'o2.csv', 1);");
  r = run_ok({"--db", db, "init", "--assign-unowned", "222"});
  CHECK(r.out == db + ": schema version 9 (up to date)\nmoved 3 customers, 2 time-log rows and 1 "
                      "outcome row to Page 222; 1 outcome row stayed unowned: Page 222 already "
                      "holds rows of the same customer, day or "
                      "metric\n");
  CHECK(query(db, "SELECT page_id, date, value FROM outcomes ORDER BY 1, 2") ==
        "|2026-11-01|60.0\n222|2026-11-01|7.0\n222|2026-11-02|40.0\n");
  CHECK(query(db, "SELECT page_id, count(*) FROM customers GROUP BY 1") == "222|3\n");
  CHECK(query(db,
              "SELECT command, page_id, status, rows_written FROM import_runs WHERE command "
              "= 'init'") == "init|222|ok|6\n");
}
