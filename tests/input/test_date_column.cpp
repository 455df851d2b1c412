// Tests for the column date reader (src/input/date_column.cpp): slash dates are read day-first or
// month-first only as the evidence in their column says; through the readers that use it.
#include <doctest/doctest.h>

#include "export_reading.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {
namespace {

// A Spanish Excel re-save of a daily chart: ';', no 'sep=' line, dates as the locale writes them.
const std::string k_head = "Alcance de Facebook;\nFecha;Primary\n";

std::string reach(const char* date, int value) {
  return fmt::format("metric 123 page_impressions_unique day {} {}\n", date, value);
}

// The records of the re-saved fixtures: row n is 'nn/10/2026 0:00;40+n', so n October with 40 + n.
std::string october_reach(int last_day) {
  std::string records;
  for (int n = 1; n <= last_day; ++n) {
    records += reach(fmt::format("2026-10-{:02}", n).c_str(), 40 + n);
  }
  return records;
}

TEST_CASE("a Spanish re-save's 01/10 .. 13/10 is read day-first: 13/10 can only be day-first") {
  const auto read =
      read_mbs_file("daily_reach_es_excel_resave_day_first_13_days.csv", day("2026-10-20"));
  // 1 to 13 October, values 41 to 53; the first is 'metric ... 2026-10-01 41', the last
  // 'metric ... 2026-10-13 53'.
  CHECK(read.records == october_reach(13));
  CHECK(read.records.ends_with("day 2026-10-13 53\n"));
  CHECK(read.summary->first_date == day("2026-10-01"));
  CHECK(read.summary->last_date == day("2026-10-13"));
}

TEST_CASE(
    "a Spanish re-save's 01/10 .. 12/10 is read day-first from the column's order: one day a row "
    "day-first, one month a row month-first") {
  const auto read =
      read_mbs_file("daily_reach_es_excel_resave_day_first_12_days.csv", day("2026-10-20"));
  // No field above 12; 01/10 -> 02/10 is 1 -> 2 October day-first, 10 January -> 10 February
  // month-first: only day-first makes a row a day.
  CHECK(read.records == october_reach(12));
  CHECK(
      read.records.starts_with("metric 123 page_impressions_unique day 2026-10-01 41\n"
                               "metric 123 page_impressions_unique day 2026-10-02 42\n"));
  CHECK(read.summary->last_date == day("2026-10-12"));
}

TEST_CASE("a daily column is read month-first when a field above 12 says so, or its order does") {
  struct Case {
    const char* what;
    std::string rows;
    std::string records;
  };
  const std::vector<Case> cases = {
      // 10/13 can only be 13 October; the row above it, 10/12, then is 12 October.
      {"a field above 12 in the second place", "10/12/2026;5\n10/13/2026;6\n",
       reach("2026-10-12", 5) + reach("2026-10-13", 6)},
      // 10/01 -> 10/02 is one day month-first (1 -> 2 October), a month day-first (10 January ->
      // 10 February).
      {"one day a row month-first", "10/01/2026;1\n10/02/2026;2\n10/03/2026;3\n",
       reach("2026-10-01", 1) + reach("2026-10-02", 2) + reach("2026-10-03", 3)},
      // The decision can come from a later row: 01/05 and 01/05 again say nothing, 01/06 is one
      // day after month-first (5 -> 6 January) and a month after day-first.
      {"evidence on the third row", "01/05/2026;1\n01/05/2026;2\n01/06/2026;3\n",
       reach("2026-01-05", 1) + reach("2026-01-05", 2) + reach("2026-01-06", 3)},
      // A day and month that are equal need no order: 1 January either way.
      {"the same day either way", "01/01/2026;4\n", reach("2026-01-01", 4)},
      // ISO needs no evidence.
      {"ISO dates", "2026-06-05;7\n", reach("2026-06-05", 7)},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const auto read = read_export_bytes(k_head + c.rows, day("2026-12-01"));
    REQUIRE(read.summary);
    CHECK(read.records == c.records);
  }
}

TEST_CASE("a date column that stays ambiguous or contradicts itself is refused with its line") {
  const std::string how =
      "nothing in the file tells which. Export the file again from Meta and import it without "
      "opening it in a spreadsheet, or format the column as YYYY-MM-DD in the spreadsheet and "
      "save it again";
  check_refused(
      day("2026-12-01"),
      {
          {"one row", k_head + "05/06/2026;7\n",
           "export.csv:3: the dates in column \"Fecha\" can be read day-first or month-first "
           "(05/06/2026); " +
               how},
          // 5 June and 7 August day-first, 6 May and 8 July month-first: no step of one day.
          {"rows that fit both readings", k_head + "05/06/2026;7\n07/08/2026 0:00;8\n",
           "export.csv:3: the dates in column \"Fecha\" can be read day-first or month-first "
           "(05/06/2026); " +
               how},
          {"a field above 12 in each place", k_head + "13/10/2026;1\n10/13/2026;2\n",
           "export.csv:4: column \"Fecha\" contradicts itself: line 4 (\"10/13/2026\") can only be "
           "read month-first, but line 3 (\"13/10/2026\") can only be read day-first; the dates "
           "of one column must all be written the same way"},
          // The first two rows are one day apart only day-first (1 -> 2 October).
          {"a field against the column's order",
           k_head + "01/10/2026;1\n02/10/2026;2\n10/13/2026;3\n",
           "export.csv:5: column \"Fecha\" contradicts itself: line 5 (\"10/13/2026\") can only be "
           "read month-first, but lines 3 and 4 (\"01/10/2026\", \"02/10/2026\") are one day apart "
           "only read day-first; the dates of one column must all be written the same way"},
      });
}

TEST_CASE("an ambiguous column is refused after a bounded look-ahead, without reading it all") {
  std::string rows;
  for (int i = 0; i < 5000; ++i) rows += "01/02/2026;1\n";
  const auto read = read_export_bytes(k_head + rows, day("2026-12-01"));
  CHECK(error_of(read).starts_with(
      "export.csv:3: the first 1000 dates in column \"Fecha\" can be read day-first or "
      "month-first (01/02/2026); "));
}

TEST_CASE("a content export's Publish time is month-first, as Meta writes it in every language") {
  const std::string head = "\"Post ID\",\"Publish time\",Views\n";
  // 03/07 alone fits both readings; the layout's convention makes it 7 March.
  const auto read = read_export_bytes(head + "7,\"03/07/2026 13:45\",5\n", day("2026-03-10"));
  REQUIRE(read.summary);
  CHECK(read.records ==
        "page 123 -\n"
        "post 123_7 123 2026-03-07T13:45 - | - | - | -\n"
        "post_metric 123_7 post_media_view \"\" 5\n");
  check_refused(
      day("2026-03-10"),
      {{"a day-first Publish time", head + "7,\"03/07/2026 13:45\",5\n8,\"13/07/2026 09:00\",1\n",
        "export.csv:3: column \"Publish time\" contradicts itself: line 3 (\"13/07/2026 "
        "09:00\") can only be read day-first, but Meta writes this column month-first; "
        "the dates of one column must all be written the same way"}});
}

}  // namespace
}  // namespace pageaudit::test
