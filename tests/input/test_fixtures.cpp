// Every real export in ../shared/research/fixtures/csv either imports with the counts worked out
// by reading the file (a Python csv count of its data rows and cells), or is refused with a clear
// reason; none crashes. (Four files issue 14 is about are read today as what they are not; their
// entries say so.) Skipped when the folder is not there; the readers' own tests (test_mbs_*.cpp,
// test_follower_history.cpp, test_export.cpp) run on tests/data/mbs.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>

#include "export_reading.h"
#include "pageaudit/input/export.h"
#include "support.h"

using namespace pageaudit;

namespace {

class CountingSink : public RecordSink {
 public:
  std::set<std::string> posts;
  std::map<std::string, long> metrics;  // page metric name -> values
  Status page(const PageRecord&) override { return {}; }
  Status page_metric(const PageMetricRecord& r) override {
    ++metrics[std::string(r.metric)];
    return {};
  }
  Status breakdown(const BreakdownRecord&) override { return {}; }
  Status post(const PostRecord& r) override {
    posts.insert(r.post_id);
    return {};
  }
  Status post_metric(const PostMetricRecord&) override { return {}; }
};

struct Expectation {
  const char* file;
  const char* layout;
  long page_metrics;  // values of daily metrics
  long breakdowns;
  long posts;
  const char* error;  // a refused file: what the message must say (after "FILE: ")
};

// Counts worked out from the files themselves (see the comment at the top).
const Expectation k_expected[] = {
    {"classic_page_level_excel_resaved_cp1252_vicvisual_2014-01-01_2014-02-27.csv", "classic_page",
     -1, -1, 0, nullptr},
    {"classic_post_level_vicvisual_2014-02-28_2014-08-23.csv", "classic_post", 0, 0, -1, nullptr},
    {"classic_video_posts_vicvisual_2014-08-24_2015-02-19.csv", "classic_video", 0, 0, -1, nullptr},
    // Tab re-save: the Facebook followers total block is skipped, 6 ages x 2 genders + 10 cities +
    // 10 countries.
    {"mbs_audience_early2024_tab_resave_utf16_crlf_bubniak.csv", "mbs_audience", 0, 32, 0, nullptr},
    {"mbs_audience_excel_resave_semicolon_cp1251_bg.csv", "mbs_audience", 0, 0, 0,
     ":3: column \"Women\": \"3.апр\" is not a number: a spreadsheet seems to have turned decimals "
     "into dates"},
    {"mbs_audience_instagram_block_order_varies_utf16_ftsvideo.csv", "mbs_audience", 0, 32, 0,
     nullptr},
    // mid-2023: the Facebook blocks are present but empty; only Instagram blocks hold data.
    {"mbs_audience_mid2023_quoted_utf16_timeseries.csv", "mbs_audience", 0, 0, 0, nullptr},
    {"mbs_audience_multiblock_utf16_oigetit.csv", "mbs_audience", 0, 32, 0, nullptr},
    {"mbs_audience_ptBR_2024_decimal_comma_percent_utf16_popscience.csv", "mbs_audience", 0, 0, 0,
     ": no Facebook audience block pageaudit imports (found \"Seguidores do Instagram\""},
    {"mbs_content_instagram_posts_oigetit_Mar-18-2025_Apr-14-2025.csv", "mbs_content_instagram", 0,
     0, 0, ": this is a Business Suite content export of an Instagram account"},
    {"mbs_content_instagram_posts_ptBR_ufscar_Apr-01-2025_Jun-30-2025.csv", "mbs_content_instagram",
     0, 0, 0, ": this is a Business Suite content export of an Instagram account"},
    {"mbs_content_posts_dup_views_col_oigetit_Mar-18-2025_Apr-14-2025.csv", "mbs_content", 0, 0, 48,
     nullptr},
    {"mbs_content_posts_early2024_impressions_col_bubniak_Dec-12-2023_Mar-06-2024.csv",
     "mbs_content", 0, 0, 41, nullptr},
    {"mbs_content_posts_pcmerch_Sep-01-2025_Sep-30-2025.csv", "mbs_content", 0, 0, 81, nullptr},
    {"mbs_daily_content_interactions_utf16_pcmerch.csv", "mbs_daily_chart", 28, 0, 0, nullptr},
    {"mbs_daily_facebook_follows_semicolon_resave_bg.csv", "mbs_daily_chart", 62, 0, 0, nullptr},
    {"mbs_daily_facebook_follows_utf16_pcmerch.csv", "mbs_daily_chart", 28, 0, 0, nullptr},
    {"mbs_daily_facebook_reach_mid2023_header_metricname_utf16_timeseries.csv", "mbs_daily_chart",
     90, 0, 0, nullptr},
    {"mbs_daily_facebook_reach_utf16_oigetit.csv", "mbs_daily_chart", 105, 0, 0, nullptr},
    {"mbs_daily_facebook_visits_utf16_pcmerch.csv", "mbs_daily_chart", 28, 0, 0, nullptr},
    {"mbs_daily_follows_oldname_utf16_oigetit.csv", "mbs_daily_chart", 105, 0, 0, nullptr},
    {"mbs_daily_instagram_follows_ptBR_sparse_days_utf16_popscience.csv", "mbs_daily_chart", 0, 0,
     0,
     ": only Instagram data (\"Seguidores no Instagram\"); pageaudit imports Facebook Page data"},
    {"mbs_daily_instagram_profile_visits_utf16_oigetit.csv", "mbs_daily_chart", 0, 0, 0,
     ": only Instagram data (\"Instagram profile visits\"); pageaudit imports Facebook Page data"},
    {"mbs_daily_reach_ptBR_Data_Primary_utf16_ufscar.csv", "mbs_daily_chart", 28, 0, 0, nullptr},
    {"mbs_daily_views_utf16_pcmerch.csv", "mbs_daily_chart", 28, 0, 0, nullptr},
    {"mbs_follower_gender_pcmerch.csv", "mbs_audience", 0, 3, 0, nullptr},
    {"mbs_follower_history_monthday_pcmerch.csv", "follower_history", 60, 0, 0, nullptr},
    {"mbs_follower_top_territories_pcmerch.csv", "mbs_audience", 0, 11, 0, nullptr},
    {"mbs_top_content_formats_semicolon_bg.csv", "mbs_audience", 0, 0, 0,
     ": no Facebook audience block pageaudit imports (found \"Views\", \"Content interactions\", "
     "\"Published content\")"},
    // 'undefined' on the last day is Meta's placeholder: 60 rows, 59 values.
    {"mbs_viewers_new_returning_monthday_pcmerch.csv", "follower_history", 59, 0, 0, nullptr},
    {"meta_ads_manager_export_pcmerch_Sep-2025.csv", "ads_manager", 0, 0, 0,
     ": this is a Meta Ads Manager report, which pageaudit does not import"},
    {"meta_ads_manager_report_ptBR_header_only_ufscar.csv", "ads_manager", 0, 0, 0,
     ": this is a Meta Ads Manager report, which pageaudit does not import"},
};

// Real exports of other platforms, or of an account that the file does not say is a Facebook Page,
// that today's readers take for Facebook data (issue 14). Each is expected to be refused with a
// message that names the platform or says how to confirm it; the test case that checks them is
// marked should_fail until issue 14 makes it pass, so that the day it passes cannot go unnoticed.
struct Refusal {
  const char* file;
  const char* says;  // a part of the message
};
const Refusal k_refused_after_issue_14[] = {
    {"instagram_content_esES_aroa_Feb24_Mar23-2026.csv", "Instagram"},
    {"mbs_daily_esES_alcance_platform_unnamed_instagram_account_utf16_aroa.csv",
     "--platform facebook"},
    {"tiktok_FollowerHistory_haileytupy.csv", "TikTok"},
    {"tiktok_Viewers_haileytupy.csv", "TikTok"},
};

Result<ExportSummary> read_fixture(const std::string& path, Date exported_on,
                                   const Catalog& catalog, RecordSink& sink, Layout* layout) {
  auto reader = CsvReader::open(path);
  if (!reader) return tl::unexpected(reader.error());
  RecordStream stream(**reader);
  ExportContext context{path, std::string("123"), false, exported_on, std::nullopt, &catalog};
  return read_export(stream, context, sink, layout);
}

}  // namespace

TEST_CASE(
    "every real export fixture imports with the expected counts or is refused with a reason") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(test::shared_fixtures_dir()) / "csv";
  if (!fs::is_directory(dir)) {
    MESSAGE("no shared fixtures at " << dir.string() << "; skipped");
    return;
  }
  const Catalog& catalog = test::seeded_catalog();
  std::set<std::string> covered;
  for (const auto& e : k_expected) {
    const std::string name = e.file;
    CAPTURE(name);
    covered.insert(e.file);
    const std::string path = (dir / e.file).string();
    CountingSink sink;
    Layout layout = Layout::unknown;
    auto summary = read_fixture(path, *Date::parse_iso("2025-10-18"), catalog, sink, &layout);
    CHECK(std::string(layout_name(layout)) == std::string(e.layout));
    if (e.error) {
      REQUIRE(!summary);
      CHECK(summary.error().code == ExitCode::data);
      CHECK(summary.error().message.rfind(path + e.error, 0) == 0);
      continue;
    }
    REQUIRE_MESSAGE(summary, (summary ? "" : summary.error().message));
    if (e.page_metrics >= 0) CHECK(summary->counts.page_metrics == e.page_metrics);
    if (e.breakdowns >= 0) CHECK(summary->counts.breakdowns == e.breakdowns);
    if (e.posts >= 0) CHECK(static_cast<long>(sink.posts.size()) == e.posts);
    if (e.posts > 0) CHECK(summary->counts.posts == e.posts);
  }
  for (const auto& e : k_refused_after_issue_14) covered.insert(e.file);
  // A new fixture needs an expectation here.
  for (const auto& entry : fs::directory_iterator(dir)) {
    CHECK_MESSAGE(covered.count(entry.path().filename().string()) == 1,
                  "no expectation for " << entry.path().filename().string());
  }
}

TEST_CASE("the classic page-level fixture keeps the likes total as page_fans, not as followers") {
  namespace fs = std::filesystem;
  const fs::path file =
      fs::path(test::shared_fixtures_dir()) / "csv" /
      "classic_page_level_excel_resaved_cp1252_vicvisual_2014-01-01_2014-02-27.csv";
  if (!fs::exists(file)) return;
  const Catalog& catalog = test::seeded_catalog();
  auto reader = CsvReader::open(file.string());
  REQUIRE(reader);
  RecordStream stream(**reader);
  ExportContext context{file.string(), std::string("123"),
                        true,          *Date::parse_iso("2014-02-28"),
                        std::nullopt,  &catalog};
  CountingSink sink;
  auto summary = read_export(stream, context, sink);
  REQUIRE(summary);
  CHECK(sink.metrics["page_fans"] == 58);  // one per day, 2014-01-01..2014-02-27
  CHECK(sink.metrics.count("page_follows") == 0);
}

TEST_CASE("other platforms' real exports are refused by name (issue 14)" * doctest::should_fail()) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(test::shared_fixtures_dir()) / "csv";
  if (!fs::is_directory(dir)) {
    // should_fail: a skipped case must still fail, or doctest would report it as unexpectedly
    // passed.
    FAIL("no shared fixtures at " << dir.string() << "; skipped");
  }
  const Catalog& catalog = test::seeded_catalog();
  for (const auto& e : k_refused_after_issue_14) {
    const std::string name = e.file;
    CAPTURE(name);
    CountingSink sink;
    auto summary = read_fixture((dir / e.file).string(), *Date::parse_iso("2026-03-24"), catalog,
                                sink, nullptr);
    CHECK_FALSE(summary);
    if (!summary) {
      CHECK(summary.error().code == ExitCode::data);
      CHECK(summary.error().message.find(e.says) != std::string::npos);
    }
  }
}
