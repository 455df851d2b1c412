// Tests for layout detection and the refusals of read_export (src/input/export.cpp): each file of
// tests/data/mbs goes to its reader, and files pageaudit does not import are named, not misread.
#include <doctest/doctest.h>

#include "export_reading.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {
namespace {

Layout detected(const std::string& bytes) {
  auto reader = CsvReader::from_bytes(bytes, "export.csv");
  REQUIRE(reader);
  RecordStream stream(**reader);
  auto detection = detect_layout(stream, seeded_catalog());
  REQUIRE(detection);
  return detection->layout;
}

TEST_CASE("each Business Suite file of tests/data/mbs is detected as its layout") {
  const std::pair<const char*, const char*> cases[] = {
      {"daily_follows_facebook_instagram_utf16.csv", "mbs_daily_chart"},
      {"daily_visits_reach_es_semicolon_resave.csv", "mbs_daily_chart"},
      {"content_posts.csv", "mbs_content"},
      {"audience_blocks_utf16.csv", "mbs_audience"},
      {"audience_vertical_percent_utf16.csv", "mbs_audience"},
      {"follower_gender.csv", "mbs_audience"},
      {"history_month_day.csv", "follower_history"},
      {"history_viewers_month_day.csv", "follower_history"},
  };
  for (const auto& [file, layout] : cases) {
    CAPTURE(file);
    auto reader = CsvReader::open(test_data_dir() + "/mbs/" + file);
    REQUIRE(reader);
    RecordStream stream(**reader);
    auto detection = detect_layout(stream, seeded_catalog());
    REQUIRE(detection);
    CHECK(std::string(layout_name(detection->layout)) == layout);
  }
}

TEST_CASE("detection reads the first line that is not blank and no further than the next") {
  // A title followed by a date header is a chart; by anything else, an Audience block.
  CHECK(detected("\n\n\"Facebook follows\"\n\"Date\",\"Primary\"\n") == Layout::mbs_daily_chart);
  CHECK(detected("\"Facebook follows\"\n\"Fecha\",\"Primary\"\n") == Layout::mbs_daily_chart);
  CHECK(detected("\"Top countries\"\n\"Spain\",\"France\"\n\"60\",\"40\"\n") ==
        Layout::mbs_audience);
  CHECK(detected("\"Top territories\",\"Distribution\"\n\"ES\",\"0.6\"\n") == Layout::mbs_audience);
  CHECK(detected("\"Date\",\"Seguidores\"\n\"1 de marzo\",\"5\"\n") == Layout::follower_history);
  CHECK(detected("\"Post ID\",\"Publish time\"\n1,\"03/02/2026 08:15\"\n") == Layout::mbs_content);
  CHECK(detected("\"Post ID\",\"Account ID\",\"Publish time\"\n1,2,\"03/02/2026 08:15\"\n") ==
        Layout::mbs_content_instagram);
  CHECK(detected("\"Reporting starts\",\"Amount spent (EUR)\"\n\"2026-03-01\",\"4.50\"\n") ==
        Layout::ads_manager);
}

TEST_CASE("files pageaudit does not import are refused by what they are") {
  check_refused(
      day("2026-03-10"),
      {
          {"an Instagram content export",
           "\"Post ID\",\"Account ID\",\"Publish time\"\n1,2,\"03/02/2026 08:15\"\n",
           "export.csv: this is a Business Suite content export of an Instagram account; pageaudit "
           "imports "
           "Facebook Page data"},
          {"an Ads Manager report",
           "\"Campaign name\",\"Amount spent (EUR)\"\n\"Spring\",\"4.50\"\n",
           "export.csv: this is a Meta Ads Manager report, which pageaudit does not import (it "
           "holds ad "
           "spend, not Page insights)"},
          {"an unknown table", "\"Colour\",\"Count\"\n\"red\",\"3\"\n",
           "export.csv: not an export pageaudit knows: first line starts with \"Colour\" (2 "
           "columns). Known: "
           "Business Suite daily chart, content, Audience and follower history files; classic Page "
           "Insights "
           "exports"},
          {"blank lines only", "\n\n",
           "export.csv: not an export pageaudit knows: the file holds no data. Known: Business "
           "Suite daily "
           "chart, content, Audience and follower history files; classic Page Insights exports"},
      });
}

}  // namespace
}  // namespace pageaudit::test
