// Tests for the Business Suite content (posts) reader (src/input/mbs_content.cpp), on the file of
// tests/data/mbs written for it.
#include <doctest/doctest.h>

#include "export_reading.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {
namespace {

const std::string k_file = test_data_dir() + "/mbs/content_posts.csv";

TEST_CASE("a content export gives each post with its lifetime totals, the Page from the file") {
  const auto read = read_mbs_file("content_posts.csv", day("2026-03-10"), std::nullopt);
  CHECK(std::string(layout_name(read.layout)) == "mbs_content");
  // Post ids as the Graph API spells them; dates M/D/YYYY; empty cells are no value; the second
  // 'Views' column is not read.
  CHECK(read.records ==
        "page 100000000000042 Bakery Test\n"
        "post 100000000000042_900000000000001 100000000000042 2026-03-02T08:15 Photos | - | "
        "Fresh bread, every day\nfrom 7 am | https://www.facebook.com/bakerytest/posts/1\n"
        "post_metric 100000000000042_900000000000001 post_media_view \"\" 1500\n"
        "post_metric 100000000000042_900000000000001 post_impressions_unique \"\" 900\n"
        "post_metric 100000000000042_900000000000001 post_interactions \"\" 25\n"
        "post_metric 100000000000042_900000000000001 post_reactions \"\" 20\n"
        "post_metric 100000000000042_900000000000001 post_comments \"\" 3\n"
        "post_metric 100000000000042_900000000000001 post_shares \"\" 2\n"
        "post 100000000000042_900000000000002 100000000000042 2026-03-04T19:30 Reels | Oven tour | "
        "Oven tour | https://www.facebook.com/reel/2/\n"
        "post_metric 100000000000042_900000000000002 post_media_view \"\" 800\n"
        "post_metric 100000000000042_900000000000002 post_impressions_unique \"\" 610\n"
        "post_metric 100000000000042_900000000000002 post_video_view_time \"\" 1234.5\n");
  CHECK(read.summary->page_id == "100000000000042");
  CHECK(read.summary->counts.posts == 2);
  CHECK(read.summary->counts.post_metrics == 9);
  CHECK(read.summary->first_date == day("2026-03-02"));
  CHECK(read.summary->last_date == day("2026-03-04"));
  CHECK(read.summary->notes ==
        std::vector<std::string>{
            "skipped 1 row without a post ID (Meta: \"Data not available for this post\")",
            "column \"Views\" appears more than once; the first one was imported",
            "skipped 1 column not in the metric catalogue (e.g. \"Boost tier\")"});
}

TEST_CASE("a content export of another Page than --page is refused at its first post") {
  const auto read = read_export_file(k_file, day("2026-03-10"), std::string("123"));
  CHECK(error_of(read) ==
        k_file + ":2: post 900000000000001 belongs to Page 100000000000042, not to --page 123");
}

TEST_CASE("a content export is refused with the line and what is wrong") {
  const std::string head = "\"Post ID\",\"Publish time\",Views\n";
  check_refused(
      day("2026-03-10"),
      {
          {"a time that is none", head + "1,\"tomorrow\",5\n",
           "export.csv:2: column \"Publish time\": expected a date and time, got \"tomorrow\""},
          {"a count that is none", head + "1,\"03/02/2026 08:15\",many\n",
           "export.csv:2: column \"Views\": expected a number, got \"many\""},
          {"no post with an id", head + ",\"03/02/2026 08:15\",5\n",
           "export.csv: no post with a Post ID in the file"},
      });
}

TEST_CASE("a content export without a Page ID column takes the Page from --page") {
  const auto read = read_export_bytes(
      "\"Post ID\",\"Publish time\",Views\n7,\"2026-03-02T08:15:00\",5\n", day("2026-03-10"));
  REQUIRE(read.summary);
  CHECK(read.records ==
        "page 123 -\n"
        "post 123_7 123 2026-03-02T08:15:00 - | - | - | -\n"
        "post_metric 123_7 post_media_view \"\" 5\n");
}

}  // namespace
}  // namespace pageaudit::test
