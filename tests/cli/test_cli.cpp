// Black-box tests of the pageaudit binary: exit codes, exact messages, and that a rejected file
// leaves the store exactly as it was.
#include <doctest/doctest.h>

#include <filesystem>

#include "pageaudit/core/identity.h"
#include "support.h"
#include "values.h"

using pageaudit::test::query;
using pageaudit::test::read_file;
using pageaudit::test::run_pageaudit;
using pageaudit::test::TempDir;
using pageaudit::test::write_file;

namespace {

using pageaudit::test::utf16le;

std::string chart(const std::string& title,
                  const std::vector<std::pair<std::string, std::string>>& rows) {
  std::string text = "sep=,\n\"" + title + "\"\n\"Fecha\",\"Primary\"\n";
  for (const auto& [date, value] : rows) text += "\"" + date + "T00:00:00\",\"" + value + "\"\n";
  return utf16le(text + "\n");
}

// Every public table's rows, for "the store did not change" checks; without the ledger, for a
// refused file (whose refusal the ledger records).
std::string dump(const std::string& db, bool with_runs = true) {
  std::string out;
  for (const char* table : {"pages", "page_metrics", "page_metric_breakdowns", "posts",
                            "post_metrics", "import_runs"}) {
    if (!with_runs && std::string(table) == "import_runs") continue;
    out += std::string("## ") + table + "\n" +
           query(db, std::string("SELECT * FROM ") + table + " ORDER BY 1, 2");
  }
  return out;
}

const std::string k_page = "100064197037125";

}  // namespace

TEST_CASE("cli: --version prints the version and exits 0") {
  auto r = run_pageaudit({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "pageaudit " PAGEAUDIT_VERSION "\n");
}

TEST_CASE("cli: a mistyped command is a usage error with a suggestion") {
  auto r = run_pageaudit({"improt", "x.csv"});
  CHECK(r.exit_code == 64);
  CHECK(r.err ==
        "pageaudit: error: unknown command 'improt'; did you mean 'import'? (see 'pageaudit "
        "--help')\n");
}

TEST_CASE("cli: init creates the store and reports its schema version") {
  // The version is the number of migrations in sql/migrations.
  int migrations = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(PAGEAUDIT_TESTS_DIR) +
                                                               "/../sql/migrations")) {
    migrations += entry.path().extension() == ".sql";
  }
  const std::string n = std::to_string(migrations);
  TempDir dir;
  auto r = run_pageaudit({"--db", dir.file("s.db"), "init"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == dir.file("s.db") + ": schema version " + n + " (" + n + " migrations applied)\n");
  r = run_pageaudit({"--db", dir.file("s.db"), "init"});
  CHECK(r.out == dir.file("s.db") + ": schema version " + n + " (up to date)\n");
}

TEST_CASE("cli: a file that does not exist is exit 66") {
  TempDir dir;
  auto r = run_pageaudit({"--db", dir.file("s.db"), "import", dir.file("nope.csv")});
  CHECK(r.exit_code == 66);
  CHECK(r.err ==
        "pageaudit: error: " + dir.file("nope.csv") + ": cannot open: No such file or directory\n");
}

TEST_CASE("cli: a daily chart imports, and importing it again adds nothing") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("Visitas.csv");
  write_file(file, chart("Visitas de Facebook",
                         {{"2026-11-01", "41"}, {"2026-11-02", "38"}, {"2026-11-03", ""}}));
  auto r =
      run_pageaudit({"--db", db, "import", "--page", k_page, "--exported-on", "2026-11-04", file});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "");
  CHECK(r.out ==
        file +
            ": imported 2 daily values (a Business Suite daily chart file, 2026-11-01..2026-11-02) "
            "for Page " +
            k_page + "\n");
  // The empty day is absent, never 0.
  CHECK(query(db, "SELECT date, value, source, as_of FROM page_metrics ORDER BY date") ==
        "2026-11-01|41.0|Visitas.csv|2026-11-04\n2026-11-02|38.0|Visitas.csv|2026-11-04\n");
  r = run_pageaudit({"--db", db, "import", "--page", k_page, "--exported-on", "2026-11-04", file});
  CHECK(r.exit_code == 0);
  CHECK(query(db, "SELECT count(*) FROM page_metrics") == "2\n");
  CHECK(query(db, "SELECT count(*), min(status), max(status) FROM import_runs") == "2|ok|ok\n");
}

TEST_CASE("cli: a non-number is exit 65 with FILE:LINE and nothing of the file is written") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string good = dir.file("good.csv");
  write_file(good, chart("Visitas de Facebook", {{"2026-10-01", "10"}}));
  REQUIRE(run_pageaudit({"--db", db, "import", "--page", k_page, good}).exit_code == 0);
  std::string dump_before_runs = dump(db, false);

  std::string bad = dir.file("bad.csv");
  write_file(bad, chart("Visitas de Facebook", {{"2026-11-01", "41"}, {"2026-11-02", "n/a"}}));
  auto r = run_pageaudit({"--db", db, "import", "--page", k_page, bad});
  CHECK(r.exit_code == 65);
  CHECK(r.err ==
        "pageaudit: error: " + bad + ":5: column \"Primary\": expected a number, got \"n/a\"\n");
  CHECK(r.out == "");
  CHECK(dump(db, false) == dump_before_runs);
}

TEST_CASE("cli: a refused file is recorded in import_runs as failed, with its message and sha256") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string good = dir.file("good.csv");
  write_file(good, chart("Visitas de Facebook", {{"2026-10-01", "10"}}));
  REQUIRE(run_pageaudit({"--db", db, "import", "--page", k_page, good}).exit_code == 0);
  std::string bad = dir.file("bad.csv");
  write_file(bad, chart("Visitas de Facebook", {{"2026-11-01", "41"}, {"2026-11-02", "n/a"}}));
  REQUIRE(run_pageaudit({"--db", db, "import", "--page", k_page, bad}).exit_code == 65);
  // Both runs carry the SHA-256 of their file's bytes; the refused one its message, no rows.
  CHECK(query(db, "SELECT source, status, sha256, rows_written FROM import_runs ORDER BY run_id") ==
        "good.csv|ok|" + pageaudit::sha256_hex(read_file(good)) + "|1\n" + "bad.csv|failed|" +
            pageaudit::sha256_hex(read_file(bad)) + "|0\n");
  CHECK(query(db, "SELECT path, page_id, message FROM import_runs WHERE status = 'failed'") ==
        bad + "|" + k_page + "|" + bad +
            ":5: column \"Primary\": expected a number, got \"n/a\"\n");
  // A dry run of the refused file writes nothing, not even the refusal.
  std::string before = dump(db);
  CHECK(run_pageaudit({"--db", db, "import", "--dry-run", "--page", k_page, bad}).exit_code == 65);
  CHECK(dump(db) == before);
}

TEST_CASE("cli: a truncated file (quote never closed) is exit 65 and none of its data is written") {
  TempDir dir;
  std::string db = dir.file("s.db");
  REQUIRE(run_pageaudit({"--db", db, "init"}).exit_code == 0);
  std::string before = dump(db, false);
  std::string file = dir.file("cut.csv");
  std::string text =
      "sep=,\n\"Visitas de Facebook\"\n\"Fecha\",\"Primary\"\n\"2026-11-01T00:00:00\",\"4";
  write_file(file, utf16le(text));
  auto r = run_pageaudit({"--db", db, "import", "--page", k_page, file});
  CHECK(r.exit_code == 65);
  CHECK(r.err == "pageaudit: error: " + file +
                     ":4: quoted field starting here is not closed (truncated file?)\n");
  CHECK(dump(db, false) == before);
  CHECK(query(db, "SELECT status, message FROM import_runs") ==
        "failed|" + file + ":4: quoted field starting here is not closed (truncated file?)\n");
}

TEST_CASE("cli: bad UTF-16 is exit 65 and none of its data is written") {
  TempDir dir;
  std::string db = dir.file("s.db");
  REQUIRE(run_pageaudit({"--db", db, "init"}).exit_code == 0);
  std::string before = dump(db, false);
  std::string file = dir.file("bad16.csv");
  // A high surrogate (D800) followed by a plain letter: not UTF-16.
  std::string bytes =
      utf16le("sep=,\n\"Visitas de Facebook\"\n\"Fecha\",\"Primary\"\n\"2026-11-01T00:00:00\",\"");
  bytes += std::string("\x00\xD8", 2) + std::string("4\0\"\0\n\0", 6);
  write_file(file, bytes);
  auto r = run_pageaudit({"--db", db, "import", "--page", k_page, file});
  CHECK(r.exit_code == 65);
  CHECK(r.err.find(file + ":4: ") != std::string::npos);
  CHECK(dump(db, false) == before);
  CHECK(query(db, "SELECT count(*) FROM import_runs WHERE status = 'failed'") == "1\n");
}

TEST_CASE("cli: an unknown layout and an Ads Manager report are refused by name") {
  TempDir dir;
  std::string db = dir.file("s.db");
  REQUIRE(run_pageaudit({"--db", db, "init"}).exit_code == 0);
  std::string before = dump(db, false);
  std::string odd = dir.file("odd.csv");
  write_file(odd, "name,colour\nfoo,blue\n");
  auto r = run_pageaudit({"--db", db, "import", odd});
  CHECK(r.exit_code == 65);
  CHECK(
      r.err ==
      "pageaudit: error: " + odd +
          ": not an export pageaudit knows: first line starts with \"name\" (2 columns). Known: "
          "Business Suite daily chart, content, Audience and follower history files; classic Page "
          "Insights exports\n");
  std::string ads = dir.file("ads.csv");
  write_file(ads,
             "\"Reporting starts\",\"Reporting ends\",\"Ad name\",\"Amount spent "
             "(EUR)\"\n2026-11-01,2026-11-30,x,3.5\n");
  r = run_pageaudit({"--db", db, "import", ads});
  CHECK(r.exit_code == 65);
  CHECK(r.err == "pageaudit: error: " + ads +
                     ": this is a Meta Ads Manager report, which pageaudit does not import (it "
                     "holds ad spend, "
                     "not Page insights)\n");
  CHECK(dump(db, false) == before);
  CHECK(query(db, "SELECT group_concat(source || ' ' || status, ', ') FROM import_runs") ==
        "odd.csv failed, ads.csv failed\n");
}

TEST_CASE("cli: a chart with an unknown title is refused quoting it, and --metric imports it") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("x.csv");
  write_file(file, chart("Reproducciones de Facebook", {{"2026-11-01", "7"}}));
  auto r = run_pageaudit({"--db", db, "import", "--page", k_page, file});
  CHECK(r.exit_code == 65);
  CHECK(r.err == "pageaudit: error: " + file +
                     ":2: unknown chart title \"Reproducciones de Facebook\"; if it is a Facebook "
                     "Page metric, "
                     "import the file with --metric NAME\n");
  r = run_pageaudit({"--db", db, "import", "--page", k_page, "--metric", "page_video_views", file});
  CHECK(r.exit_code == 0);
  CHECK(query(db, "SELECT metric, date, value FROM page_metrics") ==
        "page_video_views|2026-11-01|7.0\n");
  r = run_pageaudit({"--db", db, "import", "--page", k_page, "--metric", "no_such_metric", file});
  CHECK(r.exit_code == 64);
}

TEST_CASE("cli: a file without its Page needs --page unless the store holds exactly one Page") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("v.csv");
  write_file(file, chart("Visitas de Facebook", {{"2026-11-01", "7"}}));
  auto r = run_pageaudit({"--db", db, "import", file});
  CHECK(r.exit_code == 64);
  CHECK(r.err == "pageaudit: error: " + file +
                     ": this file does not say which Page it belongs to; give --page ID\n");
  REQUIRE(run_pageaudit({"--db", db, "import", "--page", "42", file}).exit_code == 0);
  r = run_pageaudit({"--db", db, "import", file});  // now the store's only Page
  CHECK(r.exit_code == 0);
}

TEST_CASE("cli: Facebook blocks are imported and Instagram blocks reported") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("Seguidores.csv");
  std::string text =
      "sep=,\n\"Seguidores de Facebook\"\n\"Fecha\",\"Primary\"\n\"2026-11-01T00:00:00\",\"5\"\n"
      "\"2026-11-02T01:00:00\",\"6\"\n\n\"Seguidores de Instagram\"\n\"Fecha\",\"Primary\"\n"
      "\"2026-11-02T00:00:00\",\"2\"\n\n";
  write_file(file, utf16le(text));
  auto r = run_pageaudit({"--db", db, "import", "--page", k_page, file});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        file +
            ": imported 2 daily values (a Business Suite daily chart file, 2026-11-01..2026-11-02) "
            "for Page " +
            k_page +
            "\n  skipped the Instagram block \"Seguidores de Instagram\" "
            "(line 7, 1 rows)\n");
  CHECK(query(db, "SELECT metric, date, value FROM page_metrics ORDER BY date") ==
        "page_daily_follows|2026-11-01|5.0\npage_daily_follows|2026-11-02|6.0\n");
}

TEST_CASE("cli: --dry-run reports what would be written and writes nothing") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("v.csv");
  write_file(file, chart("Visitas de Facebook", {{"2026-11-01", "7"}}));
  auto r = run_pageaudit({"--db", db, "import", "--dry-run", "--page", k_page, file});
  CHECK(r.exit_code == 0);
  CHECK(
      r.out ==
      file +
          ": would import 1 daily value (a Business Suite daily chart file, 2026-11-01) for Page " +
          k_page + "\n");
  CHECK(!std::filesystem::exists(db));
  REQUIRE(run_pageaudit({"--db", db, "init"}).exit_code == 0);
  std::string before = dump(db);
  CHECK(run_pageaudit({"--db", db, "import", "--dry-run", "--page", k_page, file}).exit_code == 0);
  CHECK(dump(db) == before);
}

TEST_CASE(
    "cli: ragged rows of a content export are padded, error rows reported, ids given their Page") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("Nov-01-2026_Nov-20-2026_123.csv");
  write_file(
      file,
      "\xEF\xBB\xBF\"Post ID\",\"Page ID\",\"Page name\",\"Publish time\",\"Post type\",\"Data "
      "comment\","
      "Date,Views,Reach,Reactions,Comments\n"
      "555,123,\"Café X\",\"11/02/2026 09:30\",Photos,,Lifetime,300,200,12,3\n"
      "556,123,\"Café X\",\"11/03/2026 18:05\",Reels,,Lifetime,900\n"
      ",,,,,\"An error occurred while computing metadata for content with ID 9.\",Lifetime,5\n");
  auto r = run_pageaudit({"--db", db, "import", file});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        file +
            ": imported 2 posts, 5 post metrics (a Business Suite content export, "
            "2026-11-02..2026-11-03) for Page 123\n  skipped 1 row without a post ID (Meta: \"An "
            "error occurred while computing metadata for content with ID 9.\")\n");
  CHECK(query(db, "SELECT post_id, created_time, type, as_of FROM posts ORDER BY 1") ==
        "123_555|2026-11-02T09:30|Photos|2026-11-20\n123_556|2026-11-03T18:05|Reels|2026-11-20\n");
  CHECK(query(db, "SELECT post_id, metric, value FROM post_metrics WHERE post_id = '123_556'") ==
        "123_556|post_media_view|900.0\n");
  CHECK(query(db, "SELECT name FROM pages") == "Café X\n");
}

TEST_CASE(
    "cli: status lists Pages, coverage and runs, and warns about an unfinished run until it is run "
    "again") {
  TempDir dir;
  std::string db = dir.file("s.db");
  std::string file = dir.file("v.csv");
  write_file(file, chart("Visitas de Facebook", {{"2026-11-01", "7"}, {"2026-11-02", "9"}}));
  REQUIRE(run_pageaudit({"--db", db, "import", "--page", k_page, file}).exit_code == 0);
  auto r = run_pageaudit({"--db", db, "status"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("  " + k_page + "  (no name)  (no follower data)\n") != std::string::npos);
  CHECK(r.out.find("page_views_total") != std::string::npos);
  CHECK(r.out.find("2026-11-01..2026-11-02     2") != std::string::npos);
  CHECK(r.out.find("Warnings:") == std::string::npos);

  // A run that was killed leaves its ledger row 'running'.
  pageaudit::test::exec(db,
                        "INSERT INTO import_runs(command, source, started_at, status) VALUES "
                        "('import', 'killed.csv', '2026-11-20T03:00:00Z', 'running')");
  r = run_pageaudit({"--db", db, "status"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(
            "Warnings:\n  run #2 (import killed.csv) started 2026-11-20T03:00:00Z did not finish "
            "(killed, or still running); nothing of it was written — run it again\n") !=
        std::string::npos);

  // Once the same file has been imported since, the killed run is no longer a warning.
  const std::string killed = dir.file("killed.csv");
  write_file(killed, chart("Visitas de Facebook", {{"2026-11-03", "4"}}));
  REQUIRE(run_pageaudit({"--db", db, "import", "--page", k_page, killed}).exit_code == 0);
  r = run_pageaudit({"--db", db, "status"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("did not finish") == std::string::npos);
}
