// Hostile inputs (issue 6): each one through the real binary on a fresh copy of a store that
// already holds a Page's data, with the exit code, the exact message, and what the store holds
// afterwards (a refused input leaves every table as it was); then hostile JSON through every Graph
// response parser. Big inputs are generated here, in the case's temporary directory.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "child.h"
#include "pageaudit/core/date.h"
#include "pageaudit/graph/parse.h"
#include "store_reader.h"
#include "support.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::utf16le;

using test::TempDir;

constexpr const char* k_page = "100064197037125";

// AddressSanitizer keeps freed blocks in quarantine and maps shadow memory, so a sanitized
// pageaudit's peak memory says nothing about the product's: the memory bounds are checked only in
// plain builds (the test and the binary are built with the same flags).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool k_sanitized = true;
#else
constexpr bool k_sanitized = false;
#endif
#else
constexpr bool k_sanitized = false;
#endif

// A store holding the samples' posts, daily followers and follower history of one Page: made once,
// copied for each case.
const std::string& template_store() {
  static TempDir dir;
  static const std::string path = [] {
    const std::string db = dir.file("template.db");
    const std::string exports = test::samples_dir() + "/exports/";
    test::RunResult run = test::run_pageaudit(
        {"--db", db, "import", exports + "Nov-21-2025_Nov-20-2026_100064197037125.csv",
         exports + "Seguidores.csv", exports + "FollowerHistory_Nov-21-2025_Nov-20-2026.csv"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    return db;
  }();
  return path;
}

// The head of a Business Suite daily chart file; its first value row is line 4.
const std::string k_chart = "sep=,\n\"Seguidores de Facebook\"\n\"Fecha\",\"Primary\"\n";

// Writes head + 'count' copies of 'unit' + tail without holding the whole file in memory.
void write_repeated(const std::string& path, const std::string& head, const std::string& unit,
                    size_t count, const std::string& tail) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << head;
  std::string block;
  for (size_t i = 0; i < 4096; ++i) block += unit;
  for (size_t done = 0; done < count; done += 4096) {
    out.write(block.data(),
              static_cast<std::streamsize>(unit.size() * std::min<size_t>(4096, count - done)));
  }
  out << tail;
}

// Day rows of a chart file from 2000-01-01 on, one per line.
std::string chart_rows(int days) {
  std::string rows;
  const Date first = *Date::from_ymd(2000, 1, 1);
  for (int i = 0; i < days; ++i)
    rows += "\"" + (first + i).iso() + "\",\"" + std::to_string(i) + "\"\n";
  return rows;
}

struct Hostile {
  const char* what;
  const char* file;  // the input's name in the case's directory
  // Writes the input at 'path' and returns the pageaudit arguments that follow '--db STORE'.
  std::function<std::vector<std::string>(const std::string& path)> prepare;
  int exit_code;
  // All of stderr for a refused input, all of stdout for an accepted one ("{file}" is the input's
  // path); with 'prefix' only its beginning. Empty: not checked (a report of megabytes).
  std::string expected;
  bool prefix = false;
  // For an accepted input: a query and its rows afterwards.
  const char* query = nullptr;
  const char* rows = nullptr;
  long max_rss_mib = 0;  // peak memory bound of the run (SPEC 8: import under 64 MiB); 0: none
};

std::vector<std::string> import_for_page(const std::string& path) {
  return {"import", "--page", k_page, path};
}

std::string goals_with(const std::string& key, const std::string& why) {
  return "page = \"100064197037125\"\n\n[[goal]]\nid = \"followers\"\nobjective = "
         "\"grow_audience\"\n"
         "metric = \"followers\"\nat_least = 9000\nby = \"2026-12-31\"\n" +
         key + " = \"" + why + "\"\n";
}

const std::vector<Hostile>& hostile_inputs() {
  static const std::vector<Hostile> cases = {
      {"an empty file", "empty.csv",
       [](const std::string& path) {
         test::write_file(path, "");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}: the file is empty\n"},
      {"only a UTF-8 BOM", "bom.csv",
       [](const std::string& path) {
         test::write_file(path, "\xEF\xBB\xBF");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}: the file is empty\n"},
      {"only a UTF-16LE BOM", "bom16.csv",
       [](const std::string& path) {
         test::write_file(path, "\xFF\xFE");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}: the file is empty\n"},
      // The reader stops at 16 MiB: it never holds the 100 MB field, so memory stays far below it.
      {"a 100 MB field", "huge_field.csv",
       [](const std::string& path) {
         write_repeated(path, k_chart + "\"2026-01-01\",\"", std::string(1000, 'x'), 100'000,
                        "\"\n");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:4: record longer than 16 MiB\n", false, nullptr, nullptr, 64},
      {"a million columns in the header", "million_columns_header.csv",
       [](const std::string& path) {
         write_repeated(path, "Date", ",c", 1'000'000, "\n1/1/2026,1\n");
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}: not an export pageaudit knows: first line starts with \"Date\" "
       "(1000001 "
       "columns). Known: Business Suite daily chart, content, Audience and follower history files; "
       "classic "
       "Page Insights exports\n"},
      // Cells past the ones a layout reads are ignored, as in any ragged row.
      {"a million columns in a value row", "million_columns_row.csv",
       [](const std::string& path) {
         write_repeated(path, k_chart + "\"2026-01-01\",\"5\"", ",1", 999'998, "\n");
         return import_for_page(path);
       },
       0,
       "{file}: imported 1 daily value (a Business Suite daily chart file, 2026-01-01) for Page "
       "100064197037125\n",
       false, "SELECT date, value FROM page_metrics WHERE source = 'million_columns_row.csv'",
       "2026-01-01|5.0\n"},
      {"a NUL byte", "nul.csv",
       [](const std::string& path) {
         test::write_file(path, k_chart + "\"2026-01-01\",\"5\"\n\"2026-01-02\",\"6" +
                                    std::string(1, '\0') + "\"\n");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:5: NUL byte (binary file?)\n"},
      // An owner's spreadsheet saved as a workbook, renamed .csv or not: told to save it as CSV.
      {"an Excel workbook (.xlsx)", "Visits.xlsx",
       [](const std::string& path) {
         test::write_file(path, std::string("PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0", 14) +
                                    "[Content_Types].xml" + std::string(4000, '\0'));
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}: this is an Excel workbook (.xlsx), not a CSV: open it and save "
       "it as CSV (UTF-8)\n"},
      {"a PNG image", "chart.png",
       [](const std::string& path) {
         std::string png("\x89PNG\r\n\x1a\n", 8);
         for (int i = 0; i < 4096; ++i) png += static_cast<char>(i * 7 % 256);
         test::write_file(path, png);
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}: this is not a text file (binary data in its first bytes): give "
       "the CSV file that Meta exports\n"},
      // The first 64 KiB decide the encoding: a bad byte after them is an error at its line.
      {"invalid UTF-8 after 64 KiB of valid lines", "late_latin1.csv",
       [](const std::string& path) {
         test::write_file(path, k_chart + chart_rows(4000) + "\"2011-01-01\",\"\xFF\"\n");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:4004: invalid UTF-8 (the file is not in one encoding)\n"},
      // ...while a bad byte within them makes the file cp1252, read without an error.
      {"invalid UTF-8 in the first lines", "early_latin1.csv",
       [](const std::string& path) {
         test::write_file(path, k_chart + "\"Caf\xE9\",\"5\"\n");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:4: expected a date, got \"Caf\xC3\xA9\"\n"},
      {"UTF-16 with an odd number of bytes", "odd_utf16.csv",
       [](const std::string& path) {
         test::write_file(path, utf16le(k_chart + "\"2026-01-01\",\"5\"\n") + "\"");
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}:5: invalid UTF-16 (the file ends in the middle of a character)\n"},
      {"UTF-16 with an unpaired high surrogate", "high_surrogate.csv",
       [](const std::string& path) {
         test::write_file(path, utf16le(k_chart + "\"2026-01-01\",\"5\"\n\"") + "\x3D\xD8" +
                                    utf16le("\",\"6\"\n", false));
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:5: invalid UTF-16 (unpaired surrogate)\n"},
      {"UTF-16 with an unpaired low surrogate", "low_surrogate.csv",
       [](const std::string& path) {
         test::write_file(path, utf16le(k_chart + "\"2026-01-01\",\"5\"\n\"") +
                                    std::string("\x00\xDC", 2) + utf16le("\",\"6\"\n", false));
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:5: invalid UTF-16 (unpaired surrogate)\n"},
      {"a date in the year 10000", "year_10000.csv",
       [](const std::string& path) {
         test::write_file(
             path, k_chart + "\"2026-01-01T00:00:00\",\"5\"\n\"10000-01-01T00:00:00\",\"6\"\n");
         return import_for_page(path);
       },
       65, "pageaudit: error: {file}:5: expected a date, got \"10000-01-01T00:00:00\"\n"},
      // 01/02 can be 1 February or 2 January and no row tells which: refused, never guessed. The
      // look-ahead that looks for evidence holds at most 1000 rows (here 20 KB each).
      {"an ambiguous date column of wide rows", "ambiguous_dates.csv",
       [](const std::string& path) {
         const std::string row = "\"01/02/2026\",\"1\",\"" + std::string(20'000, 'x') + "\"\n";
         std::string rows;
         for (int i = 0; i < 1100; ++i) rows += row;
         test::write_file(path, k_chart + rows);
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}:4: the first 1000 dates in column \"Fecha\" can be read "
       "day-first or month-first (01/02/2026); nothing in the file tells which. Export the file "
       "again from Meta and import it without opening it in a spreadsheet, or format the column "
       "as YYYY-MM-DD in the spreadsheet and save it again\n",
       false, nullptr, nullptr, 64},
      // A follower total is a level: no export can mean a negative one, so the file is refused.
      {"negative followers in a follower history file",
       "FollowerHistory_Aug-01-2027_Aug-20-2027.csv",
       [](const std::string& path) {
         test::write_file(path,
                          "\"Date\",\"Followers\",\"Difference in followers from previous day\"\n"
                          "\"August 18\",\"-5\",\"0\"\n\"August 19\",\"-7\",\"-2\"\n");
         return std::vector<std::string>{"import", path};
       },
       65,
       "pageaudit: error: {file}:2: column \"Followers\" is a total and cannot be negative, got "
       "-5\n"},
      {"a negative Lifetime Total Likes in a classic export", "classic_negative.csv",
       [](const std::string& path) {
         test::write_file(
             path,
             "Date,Lifetime Total Likes,Daily New Likes\n"
             ",Lifetime: The total number of people who have liked your Page. (Unique Users),"
             "Daily: The number of new people who have liked your Page (Unique Users)\n"
             "2026-01-01,120,3\n2026-01-02,-1,0\n");
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}:4: column \"Lifetime Total Likes\" is a total and cannot be "
       "negative, got -1\n"},
      {"SQL as a chart title", "sql_title.csv",
       [](const std::string& path) {
         test::write_file(path,
                          "sep=,\n\"'); DROP TABLE page_metrics; "
                          "--\"\n\"Date\",\"Primary\"\n\"2026-01-01\",\"5\"\n");
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}:2: unknown chart title \"'); DROP TABLE page_metrics; --\"; if it "
       "is a "
       "Facebook Page metric, import the file with --metric NAME\n"},
      {"SQL as the value column of a two-column file", "sql_column.csv",
       [](const std::string& path) {
         test::write_file(path,
                          "\"Date\",\"'); DROP TABLE page_metrics; --\"\n\"2026-01-01\",\"5\"\n");
         return import_for_page(path);
       },
       65,
       "pageaudit: error: {file}: not an export pageaudit knows: first line starts with \"Date\" "
       "(2 columns). "
       "Known: Business Suite daily chart, content, Audience and follower history files; classic "
       "Page "
       "Insights exports\n"},
      // A classic export skips the columns it does not know, whatever they hold.
      {"SQL as a column of a classic export", "sql_classic.csv",
       [](const std::string& path) {
         test::write_file(path,
                          "Date,Daily New Likes,\"'); DROP TABLE page_metrics; --\"\n"
                          ",Daily: new likes,Daily: dropped\n1/1/2026,5,6\n");
         return import_for_page(path);
       },
       0,
       "{file}: imported 1 daily value (a classic Page Insights export (Page level), 2026-01-01) "
       "for Page "
       "100064197037125\n  skipped 1 of 3 columns that are not in the metric catalogue (e.g. \"'); "
       "DROP "
       "TABLE page_metrics; --\")\n",
       false, "SELECT metric, date, value FROM page_metrics WHERE source = 'sql_classic.csv'",
       "page_fan_adds_unique|2026-01-01|5.0\n"},
      // An outcomes column names an outcome: the header is folded into a name and stored as data.
      {"SQL as a column of an outcomes file", "sql_outcomes.csv",
       [](const std::string& path) {
         test::write_file(path, "date,'); DROP TABLE page_metrics; --\n2026-01-01,5\n");
         return std::vector<std::string>{"import", "--as", "outcomes", path};
       },
       0,
       "{file}: imported 1 day of 1 outcome (');_drop_table_page_metrics;), 2026-01-01 for "
       "Page 100064197037125 (Café La Esquina)\n",
       false, "SELECT date, metric, value FROM outcomes",
       "2026-01-01|');_drop_table_page_metrics;|5.0\n"},
      {"a goals file with a 10 MB string", "goals_long_why.toml",
       [](const std::string& path) {
         test::write_file(path, goals_with("why", std::string(10'000'000, 'x')));
         return std::vector<std::string>{"audit", "--goals", path};
       },
       0, "", false, "SELECT goal_id, length(why) FROM goals", "followers|10000000\n"},
      // The message quotes the key's start and its size, not 10 MB.
      {"a goals file with a 10 MB key", "goals_long_key.toml",
       [](const std::string& path) {
         test::write_file(path, goals_with(std::string(10'000'000, 'x'), "why"));
         return std::vector<std::string>{"audit", "--goals", path};
       },
       65,
       "pageaudit: error: {file}:9: unknown key \"" + std::string(48, 'x') +
           "...\" (10000000 bytes) in [[goal]]\n"},
  };
  return cases;
}

std::string with_file(std::string text, const std::string& path) {
  const std::string placeholder = "{file}";
  for (size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + path.size())) {
    text.replace(at, placeholder.size(), path);
  }
  return text;
}

TEST_CASE(
    "hostile input files give their documented exit code and message, and a refused one changes "
    "nothing") {
  const std::string& original = template_store();
  for (const Hostile& hostile : hostile_inputs()) {
    INFO(std::string(hostile.what));
    TempDir dir;
    const std::string db = dir.file("store.db");
    std::filesystem::copy_file(original, db);
    // The ledger apart: a refused export is recorded there as a failed run (SPEC 3.2).
    const test::StoreContent before = test::store_content(db, {}, {"import_runs"});
    const char* k_runs_kept = "SELECT * FROM import_runs WHERE status <> 'failed' ORDER BY 1";
    const std::string runs_before = test::query(db, k_runs_kept);
    const std::string input = dir.file(hostile.file);
    std::vector<std::string> args{"--db", db};
    for (std::string& arg : hostile.prepare(input)) args.push_back(std::move(arg));

    // Peak memory is read by GNU time, not from wait4: a child spawned straight from this test
    // process starts its ru_maxrss at this process's own high-water mark (Linux carries the old
    // image's peak over exec), which a long test run pushes past the bound.
    const std::string rss_file = dir.file("max_rss_kib");
    const bool measure = hostile.max_rss_mib > 0 && !k_sanitized;
    if (measure) args.insert(args.begin(), {"-f", "%M", "-o", rss_file, PAGEAUDIT_BIN});
    test::Child child(args, dir.path().string(), {}, measure ? "/usr/bin/time" : PAGEAUDIT_BIN);
    const test::ChildExit ran = child.wait();
    CHECK(ran.exit_code == hostile.exit_code);
    const std::string& shown = hostile.exit_code == 0 ? ran.out : ran.err;
    const std::string expected = with_file(hostile.expected, input);
    if (hostile.prefix) {
      CHECK(shown.substr(0, expected.size()) == expected);
    } else if (!expected.empty()) {
      CHECK(shown == expected);
    }
    if (measure) {
      // The last line is the figure; a line before it says so when the exit status was not 0.
      std::string report = test::read_file(rss_file);
      while (!report.empty() && report.back() == '\n') report.pop_back();
      CHECK(std::stol(report.substr(report.rfind('\n') + 1)) < hostile.max_rss_mib * 1024);
    }

    const test::StoreContent after = test::store_content(db, {}, {"import_runs"});
    if (hostile.exit_code != 0) {
      test::check_same_content(before, after);
      CHECK(test::query(db, k_runs_kept) == runs_before);
    } else {
      CHECK(after.at("sqlite_master") == before.at("sqlite_master"));  // every table intact
      CHECK(test::query(db, hostile.query) == std::string(hostile.rows));
    }
  }
}

// --- JSON ------------------------------------------------------------------------------------

// Each Graph response parser, reduced to the error it gives ("accepted" when it gives none).
struct JsonParser {
  const char* name;
  std::string (*error_of)(std::string_view body);
};

template <typename T>
std::string error_of(const Result<T>& result) {
  return result ? "accepted" : result.error().message;
}

constexpr JsonParser k_parsers[] = {
    {"parse_page", [](std::string_view body) { return error_of(parse_page(body)); }},
    {"parse_insights", [](std::string_view body) { return error_of(parse_insights(body)); }},
    {"parse_posts", [](std::string_view body) { return error_of(parse_posts(body)); }},
    {"parse_comments", [](std::string_view body) { return error_of(parse_comments(body)); }},
    {"parse_batch", [](std::string_view body) { return error_of(parse_batch(body)); }},
};

TEST_CASE("deeply nested JSON is refused by every Graph parser without exhausting the stack") {
  struct Row {
    const char* what;
    std::string body;
    const char* message;
  };
  const Row rows[] = {
      {"a million arrays", std::string(1'000'000, '['),
       "invalid JSON at offset 64: nested deeper than 64 levels"},
      {"a million objects",
       [] {
         std::string body;
         for (int i = 0; i < 1'000'000; ++i) body += "{\"a\":";
         return body;
       }(),
       "invalid JSON at offset 320: nested deeper than 64 levels"},
  };
  for (const Row& row : rows) {
    INFO(std::string(row.what));
    for (const JsonParser& parser : k_parsers) {
      INFO(std::string(parser.name));
      CHECK(parser.error_of(row.body) == row.message);
    }
    CHECK_FALSE(parse_graph_error(row.body).has_value());
  }
}

TEST_CASE(
    "a JSON number too large for a double is refused by every Graph parser, not read as infinity") {
  const std::string body = R"({"id":"1","followers_count":1e400,"data":[]})";
  for (const JsonParser& parser : k_parsers) {
    INFO(std::string(parser.name));
    CHECK(parser.error_of(body) ==
          "invalid JSON at offset 28: Number too big to be stored in double.");
  }
  CHECK_FALSE(parse_graph_error(R"({"error":{"code":1e400,"message":"x"}})").has_value());
}

}  // namespace
}  // namespace pageaudit
