// Tests for graph/end_time: Meta's timestamps and the Pacific days they describe, across DST
// changes.
#include <doctest/doctest.h>

#include "pageaudit/graph/end_time.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::day;

// DST in the US Pacific zone:
//   2025: from Sun 2025-03-09 10:00 UTC to Sun 2025-11-02 09:00 UTC
//   2026: from Sun 2026-03-08 10:00 UTC to Sun 2026-11-01 09:00 UTC
// 00:00 Pacific is 07:00 UTC in daylight time and 08:00 UTC in standard time.

TEST_CASE("an end_time describes the day before its Pacific date, across both DST changes") {
  struct Row {
    const char* end_time;
    const char* described;
  };
  const Row rows[] = {
      {"2026-07-30T07:00:00+0000", "2026-07-29"},  // summer, PDT
      {"2026-11-02T08:00:00+0000", "2026-11-01"},  // first midnight after DST ends, PST
      {"2026-11-01T07:00:00+0000", "2026-10-31"},  // DST ends at 09:00 UTC that day: still PDT
      {"2026-03-08T08:00:00+0000", "2026-03-07"},  // DST starts at 10:00 UTC that day: still PST
      {"2026-03-09T07:00:00+0000", "2026-03-08"},  // first midnight in PDT
      {"2025-03-09T08:00:00+0000", "2025-03-08"},
      {"2025-03-10T07:00:00+0000", "2025-03-09"},
      {"2025-11-02T07:00:00+0000", "2025-11-01"},
      {"2025-11-03T08:00:00+0000", "2025-11-02"},
      {"2026-01-01T08:00:00+0000", "2025-12-31"},  // across a year
      {"2023-03-08T08:00:00+0000", "2023-03-07"},
      {"2026-07-30T00:00:00-0700", "2026-07-29"},  // the same instant written with an offset
  };
  for (const auto& row : rows) {
    CAPTURE(row.end_time);
    auto described = day_described(row.end_time);
    REQUIRE(described.has_value());
    CHECK(described->iso() == row.described);
  }
}

TEST_CASE("the end_time of a day is 00:00 Pacific of the next day, in UTC") {
  struct Row {
    const char* day;
    const char* end_time;
  };
  const Row rows[] = {
      {"2026-07-29", "2026-07-30T07:00:00+0000"}, {"2026-03-07", "2026-03-08T08:00:00+0000"},
      {"2026-03-08", "2026-03-09T07:00:00+0000"}, {"2026-10-31", "2026-11-01T07:00:00+0000"},
      {"2026-11-01", "2026-11-02T08:00:00+0000"}, {"2025-03-08", "2025-03-09T08:00:00+0000"},
      {"2025-03-09", "2025-03-10T07:00:00+0000"}, {"2025-11-01", "2025-11-02T07:00:00+0000"},
      {"2025-11-02", "2025-11-03T08:00:00+0000"}, {"2025-12-31", "2026-01-01T08:00:00+0000"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.day);
    CHECK(end_time_of(day(row.day)) == row.end_time);
  }
}

TEST_CASE("Pacific midnight is the since/until instant Meta's paging uses") {
  // kontuur's v25 paging: since=1788159600 until=1788332400 for 2026-08-31 .. 2026-09-02.
  CHECK(pacific_midnight(day("2026-08-31")) == 1788159600);
  CHECK(pacific_midnight(day("2026-09-02")) == 1788332400);
  CHECK(pacific_midnight(day("2026-01-01")) == 1767254400);  // 08:00 UTC in winter
}

TEST_CASE("the Pacific offset switches at the DST instants") {
  CHECK(pacific_utc_offset(1772964000 - 1) == -8 * 3600);  // 2026-03-08 09:59:59 UTC
  CHECK(pacific_utc_offset(1772964000) == -7 * 3600);      // 2026-03-08 10:00:00 UTC
  CHECK(pacific_utc_offset(1793523600 - 1) == -7 * 3600);  // 2026-11-01 08:59:59 UTC
  CHECK(pacific_utc_offset(1793523600) == -8 * 3600);      // 2026-11-01 09:00:00 UTC
}

TEST_CASE("Graph times parse to epoch seconds and format back") {
  CHECK(parse_graph_time("1970-01-01T00:00:00+0000") == 0);
  CHECK(parse_graph_time("2026-08-31T07:00:00+0000") == 1788159600);
  CHECK(parse_graph_time("2026-08-31T00:00:00-0700") == 1788159600);
  CHECK(format_graph_time(1788159600) == "2026-08-31T07:00:00+0000");
  CHECK(format_graph_time(1788159600 + 3600 + 2 * 60 + 3) == "2026-08-31T08:02:03+0000");
}

TEST_CASE("text that is not a Graph time is refused") {
  for (const char* text :
       {"2026-07-30", "2026-07-30T07:00:00Z", "2026-02-30T07:00:00+0000",
        "2026-07-30T24:00:00+0000", "2026-07-30 07:00:00+0000", "", "2026-07-30T07:00:00+00:00"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_graph_time(text).has_value());
    CHECK_FALSE(day_described(text).has_value());
    CHECK_FALSE(GraphTime::of(text).has_value());
  }
}

TEST_CASE("a GraphTime keeps Meta's text as sent and describes the same day as the text") {
  // 00:00 PDT on 2026-07-30 is 07:00 UTC: the value for the 29th, whichever offset Meta wrote.
  for (const char* text : {"2026-07-30T07:00:00+0000", "2026-07-30T00:00:00-0700"}) {
    CAPTURE(text);
    auto time = GraphTime::of(text);
    REQUIRE(time.has_value());
    CHECK(time->view() == text);
    CHECK(time->seconds() == 1785394800);
    CHECK(day_described(*time) == Date::parse_iso("2026-07-29"));
  }
  CHECK(GraphTime().empty());
  CHECK(GraphTime().view().empty());
}

}  // namespace
}  // namespace pageaudit
