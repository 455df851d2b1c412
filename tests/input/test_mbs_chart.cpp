// Tests for the Business Suite daily chart reader (src/input/mbs_chart.cpp), on the files of
// tests/data/mbs written for them.
#include <doctest/doctest.h>

#include "export_reading.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {
namespace {

const std::string k_head = "sep=,\n\"Facebook follows\"\n\"Date\",\"Primary\"\n";

TEST_CASE(
    "a daily chart gives one value a day; an empty cell is no value and Instagram blocks are "
    "skipped") {
  const auto read = read_mbs_file("daily_follows_facebook_instagram_utf16.csv", day("2026-03-11"));
  CHECK(std::string(layout_name(read.layout)) == "mbs_daily_chart");
  // 2026-03-08T23:00:00 is the 9th written an hour early, as at a US DST change.
  CHECK(read.records ==
        "metric 123 page_daily_follows day 2026-03-06 12\n"
        "metric 123 page_daily_follows day 2026-03-07 0\n"
        "metric 123 page_daily_follows day 2026-03-09 7\n"
        "metric 123 page_daily_follows day 2026-03-10 31\n");
  CHECK(read.summary->counts.page_metrics == 4);
  CHECK(read.summary->page_id == "123");
  CHECK(read.summary->first_date == day("2026-03-06"));
  CHECK(read.summary->last_date == day("2026-03-10"));
  REQUIRE(read.summary->notes.size() == 1);
  CHECK(read.summary->notes[0] ==
        "skipped the Instagram block \"Instagram follows\" (line 10, 2 rows)");
}

TEST_CASE(
    "a re-saved chart file with a semicolon, Spanish titles and no blank line between blocks") {
  const auto read = read_mbs_file("daily_visits_reach_es_semicolon_resave.csv", day("2026-02-01"));
  CHECK(std::string(layout_name(read.layout)) == "mbs_daily_chart");
  CHECK(read.records ==
        "metric 123 page_views_total day 2026-01-30 3\n"
        "metric 123 page_views_total day 2026-01-31 5\n"
        "metric 123 page_impressions_unique day 2026-01-30 40\n"
        "metric 123 page_impressions_unique day 2026-01-31 52\n");
  CHECK(read.summary->counts.page_metrics == 4);
  CHECK(read.summary->notes.empty());
}

TEST_CASE("a daily chart is refused with the line and what is wrong") {
  check_refused(
      day("2026-03-11"),
      {
          {"unknown title",
           "sep=,\n\"Facebook magic\"\n\"Date\",\"Primary\"\n\"2026-03-06T00:00:00\",\"1\"\n",
           "export.csv:2: unknown chart title \"Facebook magic\"; if it is a Facebook Page metric, "
           "import the "
           "file with --metric NAME"},
          {"only Instagram",
           "sep=,\n\"Instagram reach\"\n\"Date\",\"Primary\"\n\"2026-03-06T00:00:00\",\"1\"\n",
           "export.csv: only Instagram data (\"Instagram reach\"); pageaudit imports Facebook Page "
           "data"},
          {"not a date", k_head + "\"yesterday\",\"1\"\n",
           "export.csv:4: expected a date, got \"yesterday\""},
          {"not a number", k_head + "\"2026-03-06T00:00:00\",\"n/a\"\n",
           "export.csv:4: column \"Primary\": expected a number, got \"n/a\""},
      });
}

TEST_CASE("a daily chart without --page and no Page in the store is refused") {
  const auto read = read_export_bytes(k_head + "\"2026-03-06T00:00:00\",\"1\"\n", day("2026-03-11"),
                                      std::nullopt);
  CHECK(error_of(read) ==
        "export.csv: this file does not say which Page it belongs to; give --page ID");
  CHECK(read.summary.error().code == ExitCode::usage);
}

}  // namespace
}  // namespace pageaudit::test
