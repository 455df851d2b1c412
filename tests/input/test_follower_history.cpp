// Tests for the history reader (src/input/follower_history.cpp): a day's total a row, dates
// written without a year. On the files of tests/data/mbs written for it.
#include <doctest/doctest.h>

#include "export_reading.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {
namespace {

TEST_CASE(
    "a history file places dates without a year back from the export day, across a new year") {
  const auto read = read_mbs_file("history_month_day.csv", day("2026-01-03"));
  CHECK(std::string(layout_name(read.layout)) == "follower_history");
  CHECK(read.records ==
        "metric 123 page_follows day 2025-12-30 1500\n"
        "metric 123 page_follows day 2025-12-31 1498\n"
        "metric 123 page_follows day 2026-01-02 1510\n");
  CHECK(read.summary->counts.page_metrics == 3);
  CHECK(read.summary->first_date == day("2025-12-30"));
  CHECK(read.summary->last_date == day("2026-01-02"));
  CHECK(read.summary->notes == std::vector<std::string>{"skipped 1 day Meta marked \"undefined\""});
}

TEST_CASE("a viewers history file imports the total and names the columns it skips") {
  const auto read = read_mbs_file("history_viewers_month_day.csv", day("2026-03-02"));
  CHECK(std::string(layout_name(read.layout)) == "follower_history");
  CHECK(read.records ==
        "metric 123 page_total_media_view_unique day 2026-02-27 320\n"
        "metric 123 page_total_media_view_unique day 2026-02-28 415\n"
        "metric 123 page_total_media_view_unique day 2026-03-01 98\n");
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped columns \"New Viewers\", \"Returning Viewers\""});
}

TEST_CASE(
    "a history date is read in English, Spanish or in full; February 29 goes to a leap year") {
  struct Case {
    const char* date;
    const char* as_of;
    const char* day;
  };
  const Case cases[] = {
      {"Aug 18", "2026-09-01", "2026-08-18"},      {"18 de agosto", "2026-09-01", "2026-08-18"},
      {"18 agosto", "2026-08-17", "2025-08-18"},   {"2026-01-02", "2026-09-01", "2026-01-02"},
      {"February 29", "2026-03-01", "2024-02-29"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.date);
    const auto read = read_export_bytes(
        fmt::format("\"Date\",\"Followers\"\n\"{}\",\"10\"\n", c.date), day(c.as_of));
    REQUIRE(read.summary);
    CHECK(read.records == fmt::format("metric 123 page_follows day {} 10\n", c.day));
  }
}

TEST_CASE("a history file is refused with the line and what is wrong") {
  check_refused(
      day("2026-01-03"),
      {
          {"not a date", "\"Date\",\"Followers\"\n\"Someday\",\"5\"\n",
           "export.csv:2: expected a date, got \"Someday\""},
          {"not a number", "\"Date\",\"Followers\"\n\"January 2\",\"five\"\n",
           "export.csv:2: column \"Followers\": expected a number, got \"five\""},
          {"a negative total", "\"Date\",\"Followers\"\n\"January 2\",\"-5\"\n",
           "export.csv:2: column \"Followers\" is a total and cannot be negative, got -5"},
      });
}

}  // namespace
}  // namespace pageaudit::test
