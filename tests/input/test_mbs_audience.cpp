// Tests for the Business Suite Audience reader (src/input/mbs_audience.cpp), on the files of
// tests/data/mbs written for it.
#include <doctest/doctest.h>

#include "export_reading.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {
namespace {

TEST_CASE(
    "an Audience file gives age and gender, countries and cities as percentages on the export "
    "day") {
  const auto read = read_mbs_file("audience_blocks_utf16.csv", day("2026-03-15"));
  CHECK(std::string(layout_name(read.layout)) == "mbs_audience");
  // Keys are gender code '.' age; the empty Women cell of 65+ is no value.
  CHECK(
      read.records ==
      "breakdown 123 page_follows_age_gender lifetime 2026-03-15 age_gender \"F.18-24\" 4.5 "
      "percent\n"
      "breakdown 123 page_follows_age_gender lifetime 2026-03-15 age_gender \"M.18-24\" 3.1 "
      "percent\n"
      "breakdown 123 page_follows_age_gender lifetime 2026-03-15 age_gender \"F.25-34\" 20.2 "
      "percent\n"
      "breakdown 123 page_follows_age_gender lifetime 2026-03-15 age_gender \"M.25-34\" 12 "
      "percent\n"
      "breakdown 123 page_follows_age_gender lifetime 2026-03-15 age_gender \"M.65+\" 0.4 percent\n"
      "breakdown 123 page_follows_country lifetime 2026-03-15 country \"Spain\" 81.5 percent\n"
      "breakdown 123 page_follows_country lifetime 2026-03-15 country \"Portugal\" 10.25 percent\n"
      "breakdown 123 page_follows_country lifetime 2026-03-15 country \"France\" 3 percent\n"
      "breakdown 123 page_follows_city lifetime 2026-03-15 city \"Madrid, Spain\" 40.1 percent\n"
      "breakdown 123 page_follows_city lifetime 2026-03-15 city \"Porto, Portugal\" 8 percent\n");
  CHECK(read.summary->counts.breakdowns == 10);
  CHECK(read.summary->first_date == day("2026-03-15"));
  CHECK(read.summary->last_date == day("2026-03-15"));
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 1 block: \"Instagram followers\""});
}

TEST_CASE("an Audience file with vertical lists reads the last cell of a row as its value") {
  const auto read = read_mbs_file("audience_vertical_percent_utf16.csv", day("2026-03-15"));
  CHECK(std::string(layout_name(read.layout)) == "mbs_audience");
  CHECK(read.records ==
        "breakdown 123 page_follows_city lifetime 2026-03-15 city \"Madrid, Spain\" 40.1 percent\n"
        "breakdown 123 page_follows_city lifetime 2026-03-15 city \"Sevilla, Spain\" 7 percent\n");
}

TEST_CASE("a small demographic list gives fractions") {
  const auto read = read_mbs_file("follower_gender.csv", day("2026-03-15"));
  CHECK(std::string(layout_name(read.layout)) == "mbs_audience");
  CHECK(read.records ==
        "breakdown 123 page_follows_gender lifetime 2026-03-15 gender \"Female\" 0.58 fraction\n"
        "breakdown 123 page_follows_gender lifetime 2026-03-15 gender \"Male\" 0.41 fraction\n"
        "breakdown 123 page_follows_gender lifetime 2026-03-15 gender \"Other\" 0.01 fraction\n");
  CHECK(read.summary->counts.breakdowns == 3);
}

TEST_CASE("an Audience file is refused with the line and what is wrong") {
  check_refused(
      day("2026-03-15"),
      {
          {"names without values", "sep=,\n\"Top countries\"\n\"Spain\",\"France\"\n",
           "export.csv:3: a list of names without a row of values"},
          {"only Instagram blocks",
           "sep=,\n\"Instagram followers\"\n\"Age\",\"Women\"\n\"18-24\",\"9\"\n",
           "export.csv: no Facebook audience block pageaudit imports (found \"Instagram "
           "followers\")"},
          {"a share that is none", "sep=,\n\"Age & gender\"\n\"\",\"Women\"\n\"18-24\",\"lots\"\n",
           "export.csv:4: column \"Women\": expected a number, got \"lots\""},
      });
}

}  // namespace
}  // namespace pageaudit::test
