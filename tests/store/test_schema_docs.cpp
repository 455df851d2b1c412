// docs/schema.md against the demo's store: every documented query runs, the ones that answer an
// audit question give the figures the audit prints, and every view reads well in Datasette.
#include <doctest/doctest.h>

#include <cctype>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support.h"

using pageaudit::test::query;
using pageaudit::test::run_pageaudit;
using pageaudit::test::TempDir;

namespace {

const std::vector<std::string> k_env = {"PAGEAUDIT_TODAY=2026-11-21",
                                        "PAGEAUDIT_NOW=2026-11-21T08:00:00Z"};

// The two clients of the store: the demo café, the Page every query of the docs names, and a
// bookshop whose data is the café's changed so that no figure of one equals the other's.
const std::string k_cafe = "100064197037125";
const std::string k_shop = "200000000000002";
const std::vector<std::string> k_pages = {k_cafe, k_shop};

// The bookshop's rows, copied from the café's: every Page metric doubled (followers 19,748), the
// same audience breakdown and posts, half the hours logged, sales doubled and no other outcome,
// and 300 of the café's 637 customers.
const std::string k_shop_rows = R"(BEGIN;
INSERT INTO pages(page_id, name, source, updated_at)
VALUES ('200000000000002', 'Librería Norte', 'test', '2026-11-21T08:00:00Z');
INSERT INTO page_metrics(page_id, metric, period, date, value, end_time, source, as_of, run_id)
SELECT '200000000000002', metric, period, date, value * 2, end_time, source, as_of, run_id
FROM page_metrics WHERE page_id = '100064197037125';
INSERT INTO page_metric_breakdowns(page_id, metric, period, date, dimension, key, value, unit,
                                   source, as_of, run_id)
SELECT '200000000000002', metric, period, date, dimension, key, value, unit, source, as_of, run_id
FROM page_metric_breakdowns WHERE page_id = '100064197037125';
INSERT INTO posts(post_id, page_id, created_time, type, title, message, permalink, source, as_of,
                  run_id)
SELECT '200000000000002' || substr(post_id, instr(post_id, '_')), '200000000000002',
       created_time, type, title, message, permalink, source, as_of, run_id
FROM posts WHERE page_id = '100064197037125';
INSERT INTO time_log(page_id, date, hours, activity, person, source, run_id)
SELECT '200000000000002', date, hours / 2, activity, person, source, run_id
FROM time_log WHERE page_id = '100064197037125';
INSERT INTO outcomes(page_id, date, metric, value, source, run_id)
SELECT '200000000000002', date, metric, value * 2, source, run_id
FROM outcomes WHERE page_id = '100064197037125' AND metric = 'sales';
INSERT INTO customers(page_id, customer_key, name_hash, email_hash, phone_hash, source, run_id)
SELECT '200000000000002', customer_key, name_hash, email_hash, phone_hash, source, run_id
FROM customers WHERE page_id = '100064197037125' ORDER BY customer_key LIMIT 300;
COMMIT;)";

// The bookshop's goals file: settings unlike the café's (no customer base: the survey applies
// to the 300 imported; other ages; 3 hours a day at 20 USD).
const std::string k_shop_goals = R"(page = "200000000000002"
language = "en"
[business]
name = "Librería Norte"
hourly_cost = 20
currency = "USD"
[effort]
hours_per_day = 3.0
[audience]
target_cities = ["Madrid"]
target_ages = ["18-24", "25-34"]
[survey]
asked = 50
follow = 20
[[goal]]
id = "followers-25k"
objective = "grow_audience"
metric = "followers"
at_least = 25000
by = "2027-06-30"
)";

// The store, made once for the whole file: `pageaudit demo` (which audits the café as of
// 2026-11-20), the bookshop's rows, then audits as of 2026-10-31 and the default day of each Page
// (the bookshop's first with its goals file), so that the goals have a history and the café's
// latest audit is still the demo's.
const std::string& demo_store() {
  static TempDir dir;
  static const std::string db = [] {
    const std::string path = dir.file("demo.db");
    const std::string shop_goals = dir.file("shop.toml");
    pageaudit::test::write_file(shop_goals, k_shop_goals);
    const auto run = [&](std::vector<std::string> args) {
      args.insert(args.begin(), {"--db", path});
      const auto r = run_pageaudit(args, k_env);
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
    };
    run({"demo"});
    pageaudit::test::exec(path, k_shop_rows);
    run({"-q", "audit", "--page", k_cafe, "--as-of", "2026-10-31"});
    run({"-q", "audit", "--goals", shop_goals, "--as-of", "2026-10-31"});
    run({"-q", "audit", "--page", k_shop});
    run({"-q", "audit", "--page", k_cafe});
    return path;
  }();
  return db;
}

// sql with the café's id replaced by page's.
std::string for_page(std::string sql, const std::string& page) {
  for (size_t at = sql.find(k_cafe); at != std::string::npos; at = sql.find(k_cafe, at)) {
    sql.replace(at, k_cafe.size(), page);
    at += page.size();
  }
  return sql;
}

std::string schema_doc_path() {
  return std::string(PAGEAUDIT_TESTS_DIR) + "/../docs/schema.md";
}

struct SqlBlock {
  std::string title;  // the block's first line, a `-- ` comment naming the question
  std::string sql;
};

// Every ```sql block of docs/schema.md, in order.
std::vector<SqlBlock> documented_queries() {
  const std::string doc = pageaudit::test::read_file(schema_doc_path());
  std::vector<SqlBlock> blocks;
  const std::string open = "```sql\n";
  for (size_t at = doc.find(open); at != std::string::npos; at = doc.find(open, at)) {
    at += open.size();
    const size_t end = doc.find("```", at);
    REQUIRE(end != std::string::npos);
    const std::string sql = doc.substr(at, end - at);
    const std::string first = sql.substr(0, sql.find('\n'));
    blocks.push_back({first.rfind("-- ", 0) == 0 ? first.substr(3) : "", sql});
    at = end + 3;
  }
  return blocks;
}

// The docs' rule is one statement per block (the test, like a reader pasting it into a tool, runs
// one): a single ';', at the end, once the `--` comments are left out. No literal in the docs
// holds a ';' or '--'.
bool is_one_statement(const std::string& sql) {
  std::istringstream lines(sql);
  std::string code;
  for (std::string line; std::getline(lines, line);) code += line.substr(0, line.find("--")) + '\n';
  const size_t semicolon = code.find(';');
  return semicolon != std::string::npos && semicolon == code.rfind(';') &&
         code.find_first_not_of(" \n", semicolon + 1) == std::string::npos;
}

std::vector<std::string> rows_of(const std::string& out) {
  std::vector<std::string> rows;
  std::istringstream in(out);
  for (std::string row; std::getline(in, row);) rows.push_back(row);
  return rows;
}

struct Expected {
  std::vector<std::string> rows;  // the first rows after the Page's id, each a prefix of the rest
  bool all_rows;                  // the query gives exactly these rows
};

// A query's answers for the café and for the bookshop.
struct Answers {
  Expected cafe;
  Expected shop;
};

// The figures each Page's audit prints (the café's: tests/golden/demo_audit_en.txt) or its files
// hold, worked out by hand; the SQL prints REAL columns with a decimal point. Every answer starts
// with the Page's id, left out here.
const std::map<std::string, Answers> k_answers = {
    // Followers 9,874 on 20 November 2026, from the follower history export.
    {"followers on the latest day",
     {{{"2026-11-20|9874.0|page_follows"}, true}, {{"2026-11-20|19748.0|page_follows"}, true}}},
    // Net change in 28 days +93: the window is 2026-10-24..2026-11-20.
    {"net change over the window",
     {{{"2026-11-20|2026-10-24|9874.0|93.0"}, true},
      {{"2026-11-20|2026-10-24|19748.0|186.0"}, true}}},
    // Views 49,380, engagements 1,293 (2.6% of views), Page visits 1,196, posts 16.
    {"activity over the window",
     {{{"49380.0|1293.0|1196.0|16|2.6"}, true}, {{"98760.0|2586.0|2392.0|16|2.6"}, true}}},
    // Week of Monday 16 November, data to Friday 20: views 1712+2551+1566+1119+1614 = 8562,
    // engagements 59+61+35+20+65 = 240, visits 40+52+41+28+40 = 201, posts on the 16th, 17th, 20th.
    {"views and engagements per week",
     {{{"2026-11-16|5|9874.0|8562.0|240.0|201.0|3"}, false},
      {{"2026-11-16|5|19748.0|17124.0|480.0|402.0|3"}, false}}},
    {"outcomes over the window",
     {{{"revenue|12562.05", "sales|1406.0", "visitors|1745.0", "web_visits|1004.0"}, true},
      {{"sales|2812.0"}, true}}},
    // The café: 34 of 120 asked follow, applied to 1,800 customers: 510 (5.2%, 3.8% to 6.7%). The
    // bookshop: 20 of 50 of the 300 customers imported: 120 (0.6%, 0.4% to 0.8%).
    {"customer estimates of the latest audit",
     {{{"survey|510|0.0516508000810209|0.0383564213827187|0.0673955484548792|120"}, true},
      {{"survey|120|0.00607656471541422|0.00419410415906855|0.00817579942664731|50"}, true}}},
    {"survey estimate from the settings", {{{"34|120|1800|510"}, true}, {{"20|50|300|120"}, true}}},
    // samples/customers.csv: 650 rows, 13 of them repeats.
    {"customers imported", {{{"637"}, true}, {{"300"}, true}}},
    // The demo has no comments (they come from pull).
    {"commenters who are customers", {{{"0|0"}, true}, {{"0|0"}, true}}},
    // Madrid 58.4% × ages 25-44 (18.9 + 14.6 + 13.4 + 10.6 = 57.5%) = 0.3358; × 9874 = 3315.7.
    // The bookshop's 4,913 (24.9%) of 19,748 for Madrid and 18-34.
    {"useful followers from the audience breakdown",
     {{{"0.336|3316.0"}, true}, {{"0.249|4913.0"}, true}}},
    // 58.5 h logged on 26 days + 2 days × 2 h = 62.5 h; × 9.50 = 593.75; / 3316 = 0.01885 and
    // 0.1791. The bookshop: 29.25 h + 2 × 3 h = 35.25 h; × 20 = 705; / 4913 = 0.00717, 0.1435.
    {"hours and cost per useful follower",
     {{{"62.5|593.75|3316|0.0188|0.179"}, true}, {{"35.25|705.0|4913|0.0072|0.143"}, true}}},
    // samples/time_log.csv's week of Monday 16 November; the bookshop logged half of it.
    {"hours logged per week and person",
     {{{"2026-11-16|Lucía|4.75", "2026-11-16|Marcos|6.0", "2026-11-09|Lucía|5.5"}, false},
      {{"2026-11-16|Lucía|2.375", "2026-11-16|Marcos|3.0", "2026-11-09|Lucía|2.75"}, false}}},
    // Three audits of the café: as of 2026-10-31 (9,818 followers that day) and twice as of
    // 2026-11-20. Two of the bookshop, the first without useful followers: its audience
    // breakdown is from 2026-11-20.
    {"figures of every audit",
     // Unrounded, as the JSON gives them: 62.5 / 3316 and 593.75 / 3316; 35.25 / 4913, 705 / 4913.
     {{{"2026-10-31|9818|", "2026-11-20|9874|93|62.5|510|3316|0.0188480096501809|0.179056091676719",
        "2026-11-20|9874|93|62.5|510|3316|0.0188480096501809|0.179056091676719"},
       true},
      {{"2026-10-31|19636|190|40.0|120|||",
        "2026-11-20|19748|186|35.25|120|4913|0.0071748422552412|0.143496845104824"},
       true}}},
    {"goal status over time",
     {{{"2026-10-31|followers-15k|behind|9818.0|", "2026-11-20|followers-15k|behind|9874.0|9986.",
        "2026-11-20|followers-15k|behind|9874.0|9986.", "2026-10-31|followers-30k|behind|9818.0|",
        "2026-11-20|followers-30k|behind|9874.0|10985.",
        "2026-11-20|followers-30k|behind|9874.0|10985."},
       true},
      {{"2026-10-31|followers-25k|behind|19636.0|21215.",
        "2026-11-20|followers-25k|behind|19748.0|20963."},
       true}}},
    {"latest goal status",
     {{{"followers-15k|followers|behind|9874.0|2032-01-06",
        "followers-30k|followers|behind|9874.0|2047-01-06"},
       true},
      {{"followers-25k|followers|behind|19748.0|2029-07-07"}, true}}},
    // The lines `pageaudit status` prints for the sample follows and follower history, one export
    // a year; the bookshop's rows keep the café's sources.
    {"coverage per metric and source",
     {{{"page_daily_follows|day|Seguidores (1).csv|2024-11-21|2025-11-20|365",
        "page_daily_follows|day|Seguidores.csv|2025-11-21|2026-11-20|365",
        "page_follows|day|FollowerHistory_Nov-21-2024_Nov-20-2025.csv|2024-11-21|2025-11-20|365",
        "page_follows|day|FollowerHistory_Nov-21-2025_Nov-20-2026.csv|2025-11-21|2026-11-20|365"},
       false},
      {{"page_daily_follows|day|Seguidores (1).csv|2024-11-21|2025-11-20|365"}, false}}},
    {"retired metrics in the store",
     {{{"page_impressions|2025-11-15|page_media_view",
        "page_impressions_unique|2026-06-15|page_total_media_view_unique"},
       true},
      {{"page_impressions|2025-11-15|page_media_view",
        "page_impressions_unique|2026-06-15|page_total_media_view_unique"},
       true}}},
};

// Every row of out is page's (its first column) and the rest of the first ones begin as expected.
void check_rows(const std::string& out, const std::string& page, const Expected& expected) {
  const std::vector<std::string> rows = rows_of(out);
  CAPTURE(out);
  if (expected.all_rows) {
    REQUIRE(rows.size() == expected.rows.size());
  } else {
    REQUIRE(rows.size() >= expected.rows.size());
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    REQUIRE(rows[i].rfind(page + "|", 0) == 0);
    if (i < expected.rows.size()) {
      CHECK(rows[i].substr(page.size() + 1).rfind(expected.rows[i], 0) == 0);
    }
  }
}

// The SQL of the block whose title is title.
std::string sql_titled(const std::vector<SqlBlock>& blocks, const std::string& title) {
  for (const SqlBlock& b : blocks) {
    if (b.title == title) return b.sql;
  }
  FAIL("docs/schema.md has no query titled \"" << title << "\"");
  return {};
}

std::string column_names(const std::string& db, const std::string& view) {
  return query(db, "SELECT name FROM pragma_table_info('" + view + "') ORDER BY cid");
}

}  // namespace

TEST_CASE(
    "every query of docs/schema.md is one titled statement that returns rows on the demo store") {
  const std::vector<SqlBlock> blocks = documented_queries();
  REQUIRE(blocks.size() >= k_answers.size());
  for (const SqlBlock& block : blocks) {
    CAPTURE(block.sql);
    CHECK(!block.title.empty());
    CHECK(is_one_statement(block.sql));
    for (const std::string& page : k_pages) {
      CHECK(query(demo_store(), for_page(block.sql, page)) != "");
    }
  }
}

TEST_CASE("every query names its Page once, with the demo café's id, for the reader to replace") {
  for (const SqlBlock& block : documented_queries()) {
    CAPTURE(block.sql);
    CHECK(block.sql.find("page_id = '" + k_cafe + "'") != std::string::npos);
    CHECK(block.sql.find(k_cafe) == block.sql.rfind(k_cafe));
  }
}

TEST_CASE("the documented queries give each Page the figures its audit prints, and only its own") {
  const std::vector<SqlBlock> blocks = documented_queries();
  for (const auto& [title, answers] : k_answers) {
    CAPTURE(title);
    const std::string sql = sql_titled(blocks, title);
    check_rows(query(demo_store(), sql), k_cafe, answers.cafe);
    check_rows(query(demo_store(), for_page(sql, k_shop)), k_shop, answers.shop);
  }
}

TEST_CASE("the commenters query counts the people the audit's match estimate counts") {
  TempDir dir;
  const std::string db = dir.file("demo.db");
  REQUIRE(run_pageaudit({"--db", db, "demo"}, k_env).exit_code == 0);
  // 40 people comment in the window (2026-10-24..2026-11-20, Pacific days: from
  // 2026-10-24T07:00:00Z in daylight time to 2026-11-21T08:00:00Z in standard time), the first
  // 12 under a customer's name; the last at 23:59:59 PST on the audit day. Not counted: a second
  // comment by person 0, the Page's reply signed with customer 12's name, and customer 13's
  // comment at 23:59:59 PDT on the day before the window (already the 24th in UTC).
  const std::vector<std::string> customers =
      rows_of(query(db, "SELECT name_hash FROM customers ORDER BY customer_key LIMIT 14"));
  REQUIRE(customers.size() == 14);
  std::string sql = "BEGIN;";
  const auto comment = [&](const std::string& id, const std::string& time,
                           const std::string& author, const std::string& name_hash, int from_page) {
    sql +=
        "INSERT INTO comments(comment_id, post_id, page_id, created_time, author_hash, "
        "author_name_hash, from_page, source, as_of, run_id) VALUES ('" +
        id + "', 'p', '100064197037125', '" + time + "', '" + author + "', '" + name_hash + "', " +
        std::to_string(from_page) + ", 'graph', '2026-11-21', 1);";
  };
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    comment("c" + n, i == 39 ? "2026-11-21T07:59:59Z" : "2026-11-01T10:00:00Z", "person" + n,
            i < 12 ? customers[i] : "stranger" + n, 0);
  }
  comment("again", "2026-11-02T10:00:00Z", "person0", customers[0], 0);
  comment("reply", "2026-11-02T11:00:00Z", "page", customers[12], 1);
  comment("early", "2026-10-24T06:59:59Z", "person40", customers[13], 0);
  // Another client's customers bear the names of the other 28 commenters: they count for no one
  // here.
  for (int i = 12; i < 40; ++i) {
    sql += "INSERT INTO customers(page_id, customer_key, name_hash, source, run_id) VALUES ('" +
           k_shop + "', 'k" + std::to_string(i) + "', 'stranger" + std::to_string(i) +
           "', 'other.csv', 1);";
  }
  pageaudit::test::exec(db, sql + "COMMIT;");
  REQUIRE(run_pageaudit({"--db", db, "-q", "audit"}, k_env).exit_code == 0);

  const std::vector<SqlBlock> blocks = documented_queries();
  CHECK(query(db, sql_titled(blocks, "commenters who are customers")) == k_cafe + "|40|12\n");
  // The audit's match estimate rests on the same people: 12 / 40 = 0.3 of 9,874 followers = 2962.
  check_rows(query(db, sql_titled(blocks, "customer estimates of the latest audit")), k_cafe,
             {{"survey|510|", "match|2962|0.3|"}, true});
}

TEST_CASE("every view has plain column names and can be read (what Datasette shows)") {
  const std::string& db = demo_store();
  const std::vector<std::string> views =
      rows_of(query(db, "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"));
  REQUIRE(!views.empty());
  for (const std::string& view : views) {
    CAPTURE(view);
    const std::vector<std::string> columns = rows_of(column_names(db, view));
    CHECK(!columns.empty());
    for (const std::string& column : columns) {
      CAPTURE(column);
      CHECK(column.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") ==
            std::string::npos);
      CHECK(!std::isdigit(static_cast<unsigned char>(column.front())));
    }
    CHECK(query(db, "SELECT count(*) > 0 FROM " + view) == "1\n");
  }
}

TEST_CASE("every table and view of the store is named in docs/schema.md") {
  const std::string doc = pageaudit::test::read_file(schema_doc_path());
  const std::vector<std::string> names =
      rows_of(query(demo_store(),
                    "SELECT name FROM sqlite_master WHERE (type = 'table' OR type = 'view') "
                    "AND name NOT LIKE 'sqlite%' ORDER BY name"));
  REQUIRE(!names.empty());
  for (const std::string& name : names) {
    CAPTURE(name);
    CHECK(doc.find("`" + name + "`") != std::string::npos);
  }
}

TEST_CASE("daily_activity puts each day's metrics side by side under readable names") {
  CHECK(column_names(demo_store(), "daily_activity") ==
        "page_id\ndate\nfollowers\nfollows\nunfollows\nviews\nviewers\nengagements\npage_visits\n"
        "link_clicks\naction_clicks\nvideo_views\nposts\n");
  // 20 November 2026 in the sample exports: 9,874 followers, 8 follows, 1,614 views, 716
  // viewers, 65 engagements, 40 visits, no link click, one post; nothing on unfollows, call-to-
  // action clicks or video plays (NULL, not 0).
  CHECK(query(demo_store(), "SELECT * FROM daily_activity WHERE page_id = '" + k_cafe +
                                "' AND date = '2026-11-20'") ==
        "100064197037125|2026-11-20|9874.0|8.0||1614.0|716.0|65.0|40.0|0.0|||1\n");
}
