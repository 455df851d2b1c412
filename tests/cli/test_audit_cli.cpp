// Black-box tests of import --as and pageaudit audit: summaries, exact errors, exit codes, what the
// store holds afterwards, and the demo's audit against golden files.
//
// Golden files (tests/golden/demo_audit_{es,en}.{txt,md}) are compared byte for byte. After a
// deliberate change to the report, check the new figures by hand, then regenerate them with
//   PAGEAUDIT_UPDATE_GOLDEN=1 build/tests/pageaudit_tests -tc='*golden*'
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "pageaudit/store/store.h"
#include "support.h"
#include "values.h"

using pageaudit::test::contains;
using pageaudit::test::exec;
using pageaudit::test::query;
using pageaudit::test::read_file;
using pageaudit::test::run_pageaudit;
using pageaudit::test::TempDir;
using pageaudit::test::write_file;

namespace {

// The rows of the tables import --as writes, for "the store did not change" checks.
std::string dump(const std::string& db) {
  std::string out;
  for (const char* table : {"customers", "time_log", "outcomes", "import_runs"}) {
    out += std::string("## ") + table + "\n" +
           query(db, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
  }
  return out;
}

// The store's bytes, write-ahead log included: what anyone with the file could read.
std::string store_bytes(const std::string& db) {
  return read_file(db) + read_file(db + "-wal");
}

// Page 111 with followers 1000 + 2i on the 60 days i = 0..59 from 2026-09-22 to 2026-11-20:
// 1118 on the last day, 1062 on 2026-10-23 (the day before the 28-day window), trend 2 a day.
std::string page_store(const TempDir& dir) {
  const std::string db = dir.file("s.db");
  REQUIRE(run_pageaudit({"--db", db, "init"}).exit_code == 0);
  exec(
      db,
      "INSERT INTO import_runs(run_id, command, started_at, status) VALUES (1, 'import', 't', "
      "'ok');"
      "INSERT INTO pages(page_id, name, source, updated_at) VALUES ('111', 'Bar Pepe', 's', 't');"
      "WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 59) "
      "INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) "
      "SELECT '111', 'page_follows', 'day', date('2026-09-22', '+' || i || ' days'), 1000 + 2 * i, "
      "'s', '2026-11-21', 1 FROM d;");
  return db;
}

// Three goals as of 2026-11-20: "grow" on track (1118 + 2 x 41 = 1200 >= 1191 on 31 December;
// reached after 73 / 2 = 36.5, so 37 days: 2026-12-27), "hours" behind (28 days x 1 h = 28 > 10,
// and hours have no trend), "old" missed (deadline 2026-11-01 passed at 1118 < 2001; the trend
// gets there after 883 / 2 = 441.5, so 442 days: 2028-02-05). Bounds off the trend's exact steps
// keep the dates clear of rounding.
const char* const k_goals = R"(page = "111"
language = "es"

[business]
name = "Bar Pepe"
hourly_cost = 10.0
currency = "EUR"

[effort]
hours_per_day = 1.0

[[goal]]
id = "grow"
objective = "grow_audience"
metric = "followers"
at_least = 1191
by = "2026-12-31"

[[goal]]
id = "hours"
objective = "other"
metric = "hours"
at_most = 10
by = "2026-12-31"

[[goal]]
id = "old"
objective = "grow_audience"
metric = "followers"
at_least = 2001
by = "2026-11-01"
)";

const std::vector<std::string> k_env = {"PAGEAUDIT_TODAY=2026-11-21"};

}  // namespace

// --- import --as ---------------------------------------------------------------------------

TEST_CASE("import --as customers stores hashes only and counts a customer once across files") {
  TempDir dir;
  const std::string db = dir.file("s.db");
  const std::string first = dir.file("clientes.csv");
  write_file(first,
             "nombre,correo,teléfono,ciudad\n"
             "Ana López,ana@example.com,612 345 678,Madrid\n"
             "José García,,+34 699 111 222,Getafe\n"
             "ANA LOPEZ,Ana@Example.com,,Madrid\n");
  // A first client's list before the Page's exports: --page names the Page, and the store
  // records it.
  auto r = run_pageaudit({"--db", db, "import", "--as", "customers", "--page", "111", first});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK(r.out == first +
                     ": imported 3 rows: 2 customers, 1 repeat of an earlier row (stored hashed); "
                     "Page 111 now holds 2 customers\n");
  CHECK(query(db, "SELECT page_id, name, source FROM pages") == "111||clientes.csv\n");

  // The same José with another phone format, and one new customer.
  const std::string second = dir.file("crm.csv");
  write_file(second,
             "Name,E-mail,Phone\njose garcia,,0034 699 111 222\nMarta Ruiz,marta@example.es,\n");
  r = run_pageaudit({"--db", db, "import", "--as", "customers", second});
  CHECK(r.exit_code == 0);
  CHECK(r.out == second +
                     ": imported 2 rows: 2 customers, 0 repeats of an earlier row (stored hashed); "
                     "Page 111 now holds 3 customers\n");
  CHECK(
      query(db,
            "SELECT count(*), count(name_hash), count(email_hash), count(phone_hash), count(name), "
            "count(email), count(phone), count(city) FROM customers") == "3|3|2|2|0|0|0|0\n");
  const std::string bytes = store_bytes(db);
  for (const char* clear : {"ana@example.com", "Ana López", "marta@example.es", "Marta Ruiz",
                            "612 345 678", "Getafe"}) {
    CAPTURE(clear);
    CHECK_FALSE(contains(bytes, clear));
  }
  // Importing again adds nothing.
  REQUIRE(run_pageaudit({"--db", db, "import", "--as", "customers", first}).exit_code == 0);
  CHECK(query(db, "SELECT count(*) FROM customers") == "3\n");
}

TEST_CASE("import --as customers --keep-pii stores the clear values too") {
  TempDir dir;
  const std::string db = dir.file("s.db");
  const std::string file = dir.file("c.csv");
  write_file(file, "name,email,phone,city\nAna López,ana@example.com,612 345 678,Madrid\n");
  auto r = run_pageaudit(
      {"--db", db, "import", "--as", "customers", "--page", "111", "--keep-pii", file});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        file +
            ": imported 1 row: 1 customer, 0 repeats of an earlier row (stored hashed and in "
            "clear); Page 111 now holds 1 customer\n");
  CHECK(query(db, "SELECT name, email, phone, city, source FROM customers") ==
        "Ana López|ana@example.com|612 345 678|Madrid|c.csv\n");
}

TEST_CASE("import --as time and outcomes print a summary, and importing again adds nothing") {
  TempDir dir;
  const std::string db = dir.file("s.db");
  const std::string time = dir.file("horas.csv");
  write_file(
      time,
      "date,hours,activity,person\n2026-11-01,1.5,posting,Lucía\n2026-11-01,0.5,posting,Lucía\n"
      "2026-11-02,2,,\n");
  const std::string outcomes = dir.file("ventas.csv");
  write_file(outcomes, "date;visitors;revenue\n2026-11-01;65;335,99\n2026-11-02;70;\n");
  for (int round = 0; round < 2; ++round) {
    // The first file names the Page (new to the store); the store's only Page is the default.
    auto r = run_pageaudit({"--db", db, "import", "--as", "time", "--page", "111", time});
    CHECK(r.exit_code == 0);
    CHECK(r.out == time + ": imported 2 time log entries, 4 hours (2026-11-01..2026-11-02) for " +
                       (round == 0 ? "Page 111, new to the store\n" : "Page 111\n"));
    r = run_pageaudit({"--db", db, "import", "--as", "outcomes", outcomes});
    CHECK(r.exit_code == 0);
    CHECK(r.out == outcomes +
                       ": imported 2 days of 2 outcomes (visitors, revenue), "
                       "2026-11-01..2026-11-02 for Page 111\n");
  }
  CHECK(query(db, "SELECT date, hours, activity, person, source FROM time_log ORDER BY date") ==
        "2026-11-01|2.0|posting|Lucía|horas.csv\n2026-11-02|2.0|||horas.csv\n");
  CHECK(query(db, "SELECT date, metric, value FROM outcomes ORDER BY date, metric") ==
        "2026-11-01|revenue|335.99\n2026-11-01|visitors|65.0\n2026-11-02|revenue|\n2026-11-02|"
        "visitors|70.0\n");
  CHECK(query(db, "SELECT kind, status, rows_written FROM import_runs ORDER BY run_id") ==
        "time_log|ok|2\noutcomes|ok|4\ntime_log|ok|2\noutcomes|ok|4\n");
}

TEST_CASE("a bad file for import --as is exit 65 with FILE:LINE and the store is unchanged") {
  TempDir dir;
  const std::string db = dir.file("s.db");
  const std::string good = dir.file("good.csv");
  write_file(good, "date,hours\n2026-11-01,1\n");
  REQUIRE(run_pageaudit({"--db", db, "import", "--as", "time", "--page", "111", good}).exit_code ==
          0);
  const std::string before = dump(db);
  const struct {
    const char* kind;
    const char* text;
    const char* error;
  } cases[] = {
      {"customers", "nombre,correo\nAna,ana.example.com\n",
       ":2: column \"correo\": expected an e-mail address, got \"ana.example.com\""},
      {"customers", "ciudad\nMadrid\n",
       ":1: no name, e-mail or phone column (the header has: ciudad)"},
      {"time", "date,hours\n2026-11-02,1\n2026-11-03,25\n",
       ":3: column \"hours\": expected a number of hours from 0 to 24, got \"25\""},
      {"outcomes", "date,sales\n2026-11-01,12\n2026-11-02,doce\n",
       ":3: column \"sales\": expected a number, got \"doce\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const std::string file = dir.file("bad.csv");
    write_file(file, c.text);
    auto r = run_pageaudit({"--db", db, "import", "--as", c.kind, file});
    CHECK(r.exit_code == 65);
    CHECK(r.err == "pageaudit: error: " + file + c.error + "\n");
    CHECK(r.out == "");
    CHECK(dump(db) == before);
  }
  auto r = run_pageaudit({"--db", db, "import", "--as", "time", dir.file("none.csv")});
  CHECK(r.exit_code == 66);
  CHECK(r.err ==
        "pageaudit: error: " + dir.file("none.csv") + ": cannot open: No such file or directory\n");
  CHECK(dump(db) == before);
}

TEST_CASE("import --as usage errors are exit 64") {
  TempDir dir;
  const std::string file = dir.file("c.csv");
  write_file(file, "name\nAna\n");
  const struct {
    std::vector<std::string> args;
    const char* error;
  } cases[] = {
      {{"--as", "people", file}, "--as: expected customers, time or outcomes, got \"people\""},
      {{"--as", "time", "--keep-pii", file}, "--keep-pii applies to --as customers only"},
      {{"--keep-pii", file}, "--keep-pii applies to --as customers only"},
      {{"--as", "customers", "--metric", "page_follows", file},
       "--as customers: --metric and --exported-on apply to Meta's exports only"},
      {{"--as", "customers", file},
       "--as customers: the store holds no Page yet: import the Page's exports first, or name "
       "the business's Page with --page ID"},
      {{"--as", "customers", "--page", "", file}, "--page: expected a Page ID, got \"\""},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", dir.file("s.db"), "import"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_pageaudit(args);
    CHECK(r.exit_code == 64);
    CHECK(r.err == std::string("pageaudit: error: ") + c.error + "\n");
  }
  CHECK_FALSE(std::filesystem::exists(dir.file("s.db")));
}

TEST_CASE("import --as --dry-run reads the file and writes nothing, not even a store") {
  TempDir dir;
  const std::string file = dir.file("c.csv");
  write_file(file, "name\nAna\nAna\n");
  auto r =
      run_pageaudit({"--db", dir.file("s.db"), "import", "--as", "customers", "--dry-run", file});
  CHECK(r.exit_code == 0);
  CHECK(r.out == file + ": would import 2 rows: 1 customer, 1 repeat of an earlier row\n");
  CHECK_FALSE(std::filesystem::exists(dir.file("s.db")));
}

// --- audit ---------------------------------------------------------------------------------

TEST_CASE("audit: no store, no goals file and a bad goals file are exit 66, 66 and 65") {
  TempDir dir;
  auto r = run_pageaudit({"--db", dir.file("none.db"), "audit"});
  CHECK(r.exit_code == 66);
  CHECK(r.err == "pageaudit: error: " + dir.file("none.db") +
                     ": no store here (run 'pageaudit init' or import something first)\n");
  CHECK_FALSE(std::filesystem::exists(dir.file("none.db")));

  const std::string db = page_store(dir);
  r = run_pageaudit({"--db", db, "audit", "--goals", dir.file("nope.toml")});
  CHECK(r.exit_code == 66);
  CHECK(r.err == "pageaudit: error: " + dir.file("nope.toml") +
                     ": cannot open: No such file or directory\n");

  const std::string bad = dir.file("bad.toml");
  write_file(bad, "[[goal]]\nid = \"a\"\nmetric = \"likes\"\nat_least = 10\nat_most = 20\n");
  r = run_pageaudit({"--db", db, "audit", "--goals", bad});
  CHECK(r.exit_code == 65);
  CHECK(
      r.err ==
      "pageaudit: error: " + bad + ":1: goal \"a\" has both at_least and at_most; keep one\n" +
          bad +
          ":3: unknown metric \"likes\"; expected one of followers, net_follows, views, "
          "viewers, engagements, engagement_rate, page_visits, posts, comments, engagers, "
          "customer_followers, customer_share, useful_followers, hours, hours_per_useful_follower, "
          "cost_per_useful_follower, reply_hours or outcome:NAME\n");
  CHECK(r.out == "");
  CHECK(query(db, "SELECT (SELECT count(*) FROM goals) + (SELECT count(*) FROM audit_runs)") ==
        "0\n");
}

TEST_CASE("audit: bad options are exit 64 with a message saying what is expected") {
  TempDir dir;
  const std::string db = page_store(dir);
  const struct {
    std::vector<std::string> args;
    std::string error;
  } cases[] = {
      {{"--format", "pdf"}, "--format: expected text, markdown, json or html, got \"pdf\""},
      {{"--lang", "fr"}, "--lang: expected en or es, got \"fr\""},
      {{"--fail-on", "late"}, "--fail-on: expected behind or missed, got \"late\""},
      {{"--window", "0"}, "--window: expected a number of days from 1 to 3660, got 0"},
      {{"--as-of", "2026-13-01"}, "--as-of: expected a date YYYY-MM-DD, got \"2026-13-01\""},
      {{"--page", "222"}, "--page 222: no such Page in " + db + " (it holds: 111)"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", db, "audit"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_pageaudit(args);
    CAPTURE(c.error);
    CHECK(r.exit_code == 64);
    CHECK(r.err == "pageaudit: error: " + c.error + "\n");
  }
}

TEST_CASE("audit: with several Pages, --page chooses, the goals file's page must agree") {
  TempDir dir;
  const std::string db = page_store(dir);
  exec(db, "INSERT INTO pages(page_id, source, updated_at) VALUES ('222', 's', 't')");
  auto r = run_pageaudit({"--db", db, "audit"});
  CHECK(r.exit_code == 64);
  CHECK(r.err ==
        "pageaudit: error: the store holds 2 Pages (111, 222): choose one with --page ID\n");
  CHECK(run_pageaudit({"--db", db, "audit", "--page", "111"}, k_env).exit_code == 0);

  const std::string goals = dir.file("g.toml");
  write_file(goals, k_goals);
  r = run_pageaudit({"--db", db, "audit", "--page", "222", "--goals", goals});
  CHECK(r.exit_code == 64);
  CHECK(r.err == "pageaudit: error: --page 222: the goals file " + goals + " is for Page 111\n");
  CHECK(run_pageaudit({"--db", db, "audit", "--goals", goals}, k_env).exit_code ==
        0);  // page = "111"

  write_file(goals, "page = \"333\"\n");
  r = run_pageaudit({"--db", db, "audit", "--goals", goals});
  CHECK(r.exit_code == 65);
  CHECK(r.err == "pageaudit: error: " + goals + ": page \"333\" is not in " + db +
                     " (it holds: 111, 222)\n");
}

TEST_CASE("audit without goals reports the figures and says how to load goals") {
  TempDir dir;
  const std::string db = page_store(dir);
  auto r = run_pageaudit({"--db", db, "audit"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK(contains(r.out, "Audit of Bar Pepe\n"));
  CHECK(contains(r.out,
                 "  Followers               1,118\n  Net change in 28 days   +56\n"
                 "  Trend                   +2 a day\n"));
  CHECK(contains(r.out, "Goals\n-----\nNo goals are loaded for this Page."));
  CHECK(
      query(db, "SELECT page_id, as_of, window_days, format, goals_file IS NULL FROM audit_runs") ==
      "111|2026-11-20|28|text|1\n");
  CHECK(query(db, "SELECT count(*) FROM goal_status") == "0\n");
}

TEST_CASE("audit --goals loads the goals, writes --output and records the audit") {
  TempDir dir;
  const std::string db = page_store(dir);
  const std::string goals = dir.file("g.toml");
  write_file(goals, k_goals);
  const std::string report = dir.file("audit.md");
  auto r = run_pageaudit(
      {"--db", db, "audit", "--goals", goals, "--format", "markdown", "--output", report}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "");
  const std::string written = read_file(report);
  CHECK(written.rfind("# Auditoría de Bar Pepe\n", 0) == 0);  // the goals file says language = "es"
  CHECK(contains(written,
                 "### grow: followers al menos 1.191, para el 31 de diciembre de 2026\n\n"
                 "- **Estado:** en camino\n- **Valor actual:** 1.118\n"
                 "- **Previsto:** 1.200 el 31 de diciembre de 2026\n"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    CHECK_FALSE(contains(entry.path().filename().string(), "audit.md."));  // no temporary left
  }
  CHECK(
      query(
          db,
          "SELECT goal_id, objective, metric, bound_kind, bound, by FROM goals ORDER BY goal_id") ==
      "grow|grow_audience|followers|at_least|1191.0|2026-12-31\n"
      "hours|other|hours|at_most|10.0|2026-12-31\n"
      "old|grow_audience|followers|at_least|2001.0|2026-11-01\n");
  CHECK(query(db,
              "SELECT page_id, goal_id, status, current, projected_date, as_of, audit_id FROM "
              "goal_status "
              "ORDER BY goal_id") ==
        "111|grow|on_track|1118.0|2026-12-27|2026-11-20|1\n"
        "111|hours|behind|28.0||2026-11-20|1\n"
        "111|old|missed|1118.0|2028-02-05|2026-11-20|1\n");
  CHECK(
      query(db,
            "SELECT format, goals_file, json LIKE '{\"as_of\":\"2026-11-20\",\"window_days\":28,%' "
            "FROM audit_runs") == "markdown|" + goals + "|1\n");

  // A report that cannot be written is exit 73, and the audit is not recorded.
  r = run_pageaudit({"--db", db, "audit", "--output", dir.file("no/such/dir/a.txt")}, k_env);
  CHECK(r.exit_code == 73);
  CHECK(r.err == "pageaudit: error: " + dir.file("no/such/dir/a.txt") +
                     ": cannot write: No such file or directory\n");
  CHECK(query(db, "SELECT count(*) FROM audit_runs") == "1\n");

  // The next audit, without --goals, uses the stored goals; --lang overrides their language.
  r = run_pageaudit({"--db", db, "audit", "--lang", "en"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(contains(
      r.out,
      "grow: followers at least 1,191, by 31 December 2026\n  Status            on track\n"));
  CHECK(query(db, "SELECT audit_id, goals_file FROM audit_runs ORDER BY audit_id") ==
        "1|" + goals + "\n2|" + goals + "\n");
  CHECK(query(db, "SELECT DISTINCT audit_id FROM goal_status") == "2\n");
}

TEST_CASE("audit --fail-on exits 1 when a goal is in that state or worse, after recording it") {
  TempDir dir;
  const std::string db = page_store(dir);
  const std::string goals = dir.file("g.toml");
  write_file(goals, k_goals);
  auto r =
      run_pageaudit({"--db", db, "-q", "audit", "--goals", goals, "--fail-on", "behind"}, k_env);
  CHECK(r.exit_code == 1);
  CHECK(r.out == "");
  CHECK(r.err ==
        "pageaudit: error: --fail-on behind: 2 goals are behind or missed: hours (behind), "
        "old (missed)\n");
  r = run_pageaudit({"--db", db, "-q", "audit", "--fail-on", "missed"}, k_env);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "pageaudit: error: --fail-on missed: 1 goal is missed: old (missed)\n");
  CHECK(query(db, "SELECT count(*) FROM audit_runs") == "2\n");

  // Only the goal on track: nothing fails. A goal without data never fails.
  write_file(
      goals,
      "[[goal]]\nid = \"grow\"\nmetric = \"followers\"\nat_least = 1191\nby = \"2026-12-31\"\n"
      "[[goal]]\nid = \"talk\"\nmetric = \"comments\"\nat_least = 10\nby = \"2026-12-31\"\n");
  r = run_pageaudit({"--db", db, "-q", "audit", "--goals", goals, "--fail-on", "behind"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK(query(db, "SELECT goal_id, status FROM goal_status ORDER BY goal_id") ==
        "grow|on_track\ntalk|no_data\n");
}

TEST_CASE("audit --as-of and --window choose the days, --format json prints the SPEC's keys") {
  TempDir dir;
  const std::string db = page_store(dir);
  // As of 2026-11-10 (i = 49: 1098) over 7 days: the day before the window is 2026-11-03 (1084).
  auto r = run_pageaudit(
      {"--db", db, "audit", "--as-of", "2026-11-10", "--window", "7", "--format", "json"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(
      r.out.rfind(
          "{\"as_of\":\"2026-11-10\",\"window_days\":7,\"page\":{\"id\":\"111\",\"name\":\"Bar "
          "Pepe\"},\"followers\":{\"value\":1098,\"net_change_window\":14,\"trend_per_day\":2.0},",
          0) == 0);
  CHECK(r.out.back() == '\n');
  CHECK(query(db, "SELECT as_of, window_days, format FROM audit_runs") == "2026-11-10|7|json\n");
}

TEST_CASE("audit runs while another pageaudit run holds the store") {
  TempDir dir;
  const std::string db = page_store(dir);
  auto writer = pageaudit::Store::open(db, pageaudit::StoreOptions{});
  REQUIRE(writer);
  CHECK(run_pageaudit({"--db", db, "import", "--as", "time", dir.file("x.csv")}).exit_code == 75);
  auto r = run_pageaudit({"--db", db, "-q", "audit"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
}

// --- the demo's audit against golden files -------------------------------------------------

namespace {

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(PAGEAUDIT_TESTS_DIR) + "/golden/" + name;
  if (const char* update = std::getenv("PAGEAUDIT_UPDATE_GOLDEN");
      update && std::string(update) == "1") {
    write_file(path, actual);
    MESSAGE("updated " << path);
    return;
  }
  CAPTURE(path);
  CHECK(read_file(path) == actual);
}

}  // namespace

TEST_CASE("golden: the demo ends with the sample café's audit, in text and Markdown, es and en") {
  TempDir dir;
  const std::string db = dir.file("demo.db");
  const std::vector<std::string> env = {"PAGEAUDIT_TODAY=2026-11-21",
                                        "PAGEAUDIT_NOW=2026-11-21T08:00:00Z"};
  auto demo = run_pageaudit({"--db", db, "demo"}, env);
  REQUIRE(demo.exit_code == 0);
  CHECK(demo.err == "");
  // The imports, one line each (three of them the business's own files), a blank line, the audit.
  const size_t blank = demo.out.find("\n\n");
  REQUIRE(blank != std::string::npos);
  CHECK(contains(demo.out.substr(0, blank),
                 "/customers.csv: imported 650 rows: 637 customers, 13 repeats "
                 "of an earlier row (stored hashed); Page 100064197037125 (Café La Esquina) now "
                 "holds 637 customers"));
  CHECK(contains(demo.out.substr(0, blank),
                 "/time_log.csv: imported 164 time log entries, 177 hours "
                 "(2026-08-23..2026-11-20)"));
  check_golden("demo_audit_es.txt", demo.out.substr(blank + 2));

  auto r = run_pageaudit({"--db", db, "audit"}, env);
  CHECK(r.exit_code == 0);
  CHECK(r.out == demo.out.substr(blank + 2));  // the stored goals give the same audit
  r = run_pageaudit({"--db", db, "audit", "--lang", "en"}, env);
  CHECK(r.exit_code == 0);
  check_golden("demo_audit_en.txt", r.out);
  r = run_pageaudit({"--db", db, "audit", "--format", "markdown"}, env);
  CHECK(r.exit_code == 0);
  check_golden("demo_audit_es.md", r.out);
  r = run_pageaudit({"--db", db, "audit", "--format", "markdown", "--lang", "en"}, env);
  CHECK(r.exit_code == 0);
  check_golden("demo_audit_en.md", r.out);
}

// --- audit --all-pages -----------------------------------------------------------------------

namespace {

// page_store's Page 111 and Page 222 "Bar Luis" with followers 500 + i on the 30 days i = 0..29
// from 2026-10-22 to 2026-11-20: 529 on the last day, 501 on 2026-10-23 (the day before the
// 28-day window): net change +28, trend 1 a day.
std::string two_page_store(const TempDir& dir) {
  const std::string db = page_store(dir);
  exec(db,
       "INSERT INTO pages(page_id, name, source, updated_at) VALUES ('222', 'Bar Luis', 's', 't');"
       "WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 29) "
       "INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) "
       "SELECT '222', 'page_follows', 'day', date('2026-10-22', '+' || i || ' days'), 500 + i, "
       "'s', '2026-11-21', 1 FROM d;");
  return db;
}

// The report of one Page's own audit, as --all-pages should repeat it.
std::string single_audit(const std::string& db, const std::string& page,
                         const std::string& format) {
  auto r = run_pageaudit({"--db", db, "audit", "--page", page, "--format", format}, k_env);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("audit --all-pages prints every Page's audit in page_id order, as each alone would") {
  TempDir dir;
  const std::string db = two_page_store(dir);
  const std::string text_111 = single_audit(db, "111", "text");
  const std::string text_222 = single_audit(db, "222", "text");
  CHECK(contains(text_111, "Audit of Bar Pepe\n"));
  CHECK(contains(text_111, "  Followers               1,118\n  Net change in 28 days   +56\n"));
  CHECK(contains(text_222, "Audit of Bar Luis\n"));
  CHECK(contains(text_222,
                 "  Followers               529\n  Net change in 28 days   +28\n"
                 "  Trend                   +1 a day\n"));

  auto r = run_pageaudit({"--db", db, "audit", "--all-pages"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK(r.out == text_111 + "\n" + std::string(78, '=') + "\n\n" + text_222);

  r = run_pageaudit({"--db", db, "audit", "--all-pages", "--format", "markdown"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        single_audit(db, "111", "markdown") + "\n---\n\n" + single_audit(db, "222", "markdown"));

  // json: one array whose elements are the single audits' documents.
  std::string json_111 = single_audit(db, "111", "json");
  std::string json_222 = single_audit(db, "222", "json");
  json_111.pop_back();
  json_222.pop_back();
  CHECK(contains(json_222, "\"followers\":{\"value\":529,\"net_change_window\":28,"));
  r = run_pageaudit({"--db", db, "audit", "--all-pages", "--format", "json"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "[\n" + json_111 + ",\n" + json_222 + "\n]\n");

  // One audit_runs row per Page and run: the three --all-pages runs recorded both Pages.
  CHECK(query(db, "SELECT page_id, format, count(*) FROM audit_runs GROUP BY 1, 2 ORDER BY 1, 2") ==
        "111|json|2\n111|markdown|2\n111|text|2\n222|json|2\n222|markdown|2\n222|text|2\n");
}

TEST_CASE("audit --all-pages --format html writes one PAGE_ID.html per Page into --output DIR") {
  TempDir dir;
  const std::string db = two_page_store(dir);
  const std::string reports = dir.file("reports");
  std::filesystem::create_directory(reports);
  auto r = run_pageaudit(
      {"--db", db, "audit", "--all-pages", "--format", "html", "--output", reports}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "");
  CHECK(r.err == "");
  for (const std::string page : {"111", "222"}) {
    CAPTURE(page);
    const std::string alone = dir.file(page + ".html");
    REQUIRE(run_pageaudit(
                {"--db", db, "audit", "--page", page, "--format", "html", "--output", alone}, k_env)
                .exit_code == 0);
    CHECK(read_file(reports + "/" + page + ".html") == read_file(alone));
  }
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(reports)) {
    (void)entry;
    ++files;
  }
  CHECK(files == 2);

  // A Page id that is not a plain file name (import --page takes any text) would name a path
  // outside the directory: refused before any report is written.
  exec(db,
       "UPDATE pages SET page_id = '../222' WHERE page_id = '222';"
       "UPDATE page_metrics SET page_id = '../222' WHERE page_id = '222';");
  const std::string fresh = dir.file("fresh");
  std::filesystem::create_directory(fresh);
  r = run_pageaudit({"--db", db, "audit", "--all-pages", "--format", "html", "--output", fresh},
                    k_env);
  CHECK(r.exit_code == 65);
  CHECK(r.err ==
        "pageaudit: error: Page id \"../222\" cannot name a report file; audit it with --page ID "
        "--output FILE\n");
  CHECK(std::filesystem::is_empty(fresh));
}

TEST_CASE("audit --all-pages usage errors are exit 64, an empty store exit 66") {
  TempDir dir;
  const std::string db = two_page_store(dir);
  const std::string goals = dir.file("g.toml");
  write_file(goals, k_goals);
  const std::string html_rule =
      "--all-pages --format html: --output must name a directory, where each Page's report is "
      "written as PAGE_ID.html";
  const struct {
    std::vector<std::string> args;
    std::string error;
  } cases[] = {
      {{"--page", "111"}, "--page and --all-pages exclude each other"},
      {{"--goals", goals},
       "--goals and --all-pages exclude each other: --all-pages audits each Page against its "
       "stored goals"},
      {{"--format", "html"}, html_rule},
      {{"--format", "html", "--output", goals}, html_rule},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"--db", db, "audit", "--all-pages"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto r = run_pageaudit(args, k_env);
    CAPTURE(c.error);
    CHECK(r.exit_code == 64);
    CHECK(r.out == "");
    CHECK(r.err == "pageaudit: error: " + c.error + "\n");
  }
  CHECK(query(db, "SELECT count(*) FROM audit_runs") == "0\n");

  const std::string empty = dir.file("empty.db");
  REQUIRE(run_pageaudit({"--db", empty, "init"}).exit_code == 0);
  auto r = run_pageaudit({"--db", empty, "audit", "--all-pages"}, k_env);
  CHECK(r.exit_code == 66);
  CHECK(r.err == "pageaudit: error: " + empty +
                     ": the store holds no Page yet; import an export or run pageaudit pull\n");
}

TEST_CASE("audit --all-pages --fail-on fails on the worst Page and names every failing one") {
  TempDir dir;
  const std::string db = two_page_store(dir);
  const std::string goals = dir.file("g.toml");
  write_file(goals, k_goals);  // Page 111: grow on track, hours behind, old missed
  REQUIRE(run_pageaudit({"--db", db, "-q", "audit", "--goals", goals}, k_env).exit_code == 0);
  // Page 222: 529 + 1 x 41 = 570 >= 530 by 31 December: on track.
  const std::string goals_222 = dir.file("g222.toml");
  write_file(goals_222,
             "page = \"222\"\n[[goal]]\nid = \"up\"\nmetric = \"followers\"\nat_least = 530\n"
             "by = \"2026-12-31\"\n");
  REQUIRE(run_pageaudit({"--db", db, "-q", "audit", "--goals", goals_222}, k_env).exit_code == 0);

  auto r = run_pageaudit({"--db", db, "-q", "audit", "--all-pages", "--fail-on", "missed"}, k_env);
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "pageaudit: error: --fail-on missed: 1 of 2 Pages has a goal missed: Page 111: old "
        "(missed)\n");
  CHECK(query(db, "SELECT count(*) FROM audit_runs") == "4\n");  // recorded before failing

  // Page 222 also misses a goal: its deadline, 2026-11-15, has passed at 529 < 600.
  write_file(goals_222,
             "page = \"222\"\n[[goal]]\nid = \"late\"\nmetric = \"followers\"\nat_least = 600\n"
             "by = \"2026-11-15\"\n");
  REQUIRE(run_pageaudit({"--db", db, "-q", "audit", "--goals", goals_222}, k_env).exit_code == 0);
  r = run_pageaudit({"--db", db, "-q", "audit", "--all-pages", "--fail-on", "behind"}, k_env);
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "pageaudit: error: --fail-on behind: 2 of 2 Pages have goals behind or missed: Page 111: "
        "hours (behind), old (missed); Page 222: late (missed)\n");

  // Only goals on track: nothing fails.
  write_file(goals,
             "page = \"111\"\n[[goal]]\nid = \"grow\"\nmetric = \"followers\"\nat_least = 1191\n"
             "by = \"2026-12-31\"\n");
  write_file(goals_222,
             "page = \"222\"\n[[goal]]\nid = \"up\"\nmetric = \"followers\"\nat_least = 530\n"
             "by = \"2026-12-31\"\n");
  REQUIRE(run_pageaudit({"--db", db, "-q", "audit", "--goals", goals}, k_env).exit_code == 0);
  REQUIRE(run_pageaudit({"--db", db, "-q", "audit", "--goals", goals_222}, k_env).exit_code == 0);
  r = run_pageaudit({"--db", db, "-q", "audit", "--all-pages", "--fail-on", "behind"}, k_env);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
}
