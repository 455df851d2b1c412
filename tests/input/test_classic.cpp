// Tests for the classic Page Insights reader (Page, post and video level).
#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "export_reading.h"
#include "pageaudit/input/export.h"
#include "support.h"

namespace pageaudit {
namespace {

using test::seeded_catalog;

// Owned copies of what the reader sent (records hold views that live only during the call).
struct Metric {
  std::string page_id, metric, period, date;
  std::optional<double> value;
  bool operator==(const Metric&) const = default;
};
struct Breakdown {
  std::string metric, period, date, dimension, key;
  std::optional<double> value;
  Unit unit = Unit::count;
  bool operator==(const Breakdown&) const = default;
};
struct PostMetric {
  std::string post_id, metric, key;
  std::optional<double> value;
  bool operator==(const PostMetric&) const = default;
};

std::string shown(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : "null";
}
std::ostream& operator<<(std::ostream& out, const Metric& m) {
  return out << fmt::format("{{{} {} {} {} {}}}", m.page_id, m.metric, m.period, m.date,
                            shown(m.value));
}
std::ostream& operator<<(std::ostream& out, const Breakdown& b) {
  return out << fmt::format("{{{} {} {} {} \"{}\" {} {}}}", b.metric, b.period, b.date, b.dimension,
                            b.key, shown(b.value), unit_name(b.unit));
}
std::ostream& operator<<(std::ostream& out, const PostMetric& p) {
  return out << fmt::format("{{{} {} \"{}\" {}}}", p.post_id, p.metric, p.key, shown(p.value));
}
// Found by argument-dependent lookup for vectors of the records above, so a failed comparison
// shows both lists.
template <typename T>
std::ostream& operator<<(std::ostream& out, const std::vector<T>& items) {
  out << "[";
  for (const T& item : items) out << "\n  " << item;
  return out << "\n]";
}

class Collector final : public RecordSink {
 public:
  std::vector<std::string> pages;
  std::vector<Metric> metrics;
  std::vector<Breakdown> breakdowns;
  std::vector<PostRecord> posts;
  std::vector<PostMetric> post_metrics;

  Status page(const PageRecord& r) override {
    pages.push_back(r.page_id);
    return {};
  }
  Status page_metric(const PageMetricRecord& r) override {
    metrics.push_back({std::string(r.page_id), std::string(r.metric), std::string(r.period),
                       r.date.iso(), r.value});
    return {};
  }
  Status breakdown(const BreakdownRecord& r) override {
    breakdowns.push_back({std::string(r.metric), std::string(r.period), r.date.iso(),
                          std::string(r.dimension), std::string(r.key), r.value, r.unit});
    return {};
  }
  Status post(const PostRecord& r) override {
    posts.push_back(r);
    return {};
  }
  Status post_metric(const PostMetricRecord& r) override {
    post_metrics.push_back(
        {std::string(r.post_id), std::string(r.metric), std::string(r.key), r.value});
    return {};
  }
};

struct Read {
  Result<ExportSummary> summary;
  Collector sink;
};

// page_given: the Page came from --page (else it is the store's default Page).
Read read_reader(CsvReader& reader, Layout layout, std::optional<std::string> page_id,
                 bool page_given) {
  RecordStream stream(reader);
  ExportContext context;
  context.file = reader.name();
  context.page_id = std::move(page_id);
  context.page_given = page_given;
  context.as_of = *Date::from_ymd(2026, 11, 21);
  context.catalog = &seeded_catalog();
  Read read;
  read.summary = read_classic(stream, layout, context, read.sink);
  return read;
}

Read read_text(std::string text, Layout layout,
               std::optional<std::string> page_id = std::string("111"), bool page_given = true) {
  auto reader = CsvReader::from_bytes(std::move(text), "export.csv");
  REQUIRE(reader);
  return read_reader(**reader, layout, std::move(page_id), page_given);
}

Read read_path(const std::string& path, Layout layout, std::optional<std::string> page_id) {
  auto reader = CsvReader::open(path);
  REQUIRE(reader);
  return read_reader(**reader, layout, std::move(page_id), true);
}

std::string error_of(const Read& read) {
  REQUIRE_FALSE(read.summary);
  return read.summary.error().message;
}

}  // namespace

// --- Page level ----------------------------------------------------------------------------------

TEST_CASE("a Page-level file gives one value per day and column, an empty cell gives nothing") {
  Read read = read_text(
      "Date,Lifetime Total Likes,Daily New Likes,Weekly Total Reach\n"
      ",Lifetime: The total number of people who have liked your Page. (Unique Users),"
      "Daily: The number of new people who have liked your Page (Unique Users),"
      "Weekly: The number of people who have seen any content associated with your Page. (Unique "
      "Users)\n"
      "2014-02-11,107,,\n"
      "2014-02-12,108,1,40\n",
      Layout::classic_page);
  REQUIRE(read.summary);
  CHECK(read.sink.pages == std::vector<std::string>{"111"});
  CHECK(read.sink.metrics == std::vector<Metric>{
                                 {"111", "page_fans", "lifetime", "2014-02-11", 107},
                                 {"111", "page_fans", "lifetime", "2014-02-12", 108},
                                 {"111", "page_fan_adds_unique", "day", "2014-02-12", 1},
                                 {"111", "page_impressions_unique", "week", "2014-02-12", 40},
                             });
  CHECK(read.summary->counts.page_metrics == 4);
  CHECK(read.summary->counts.total() == 4);
  CHECK(read.summary->page_id == "111");
  CHECK(read.summary->first_date == Date::from_ymd(2014, 2, 11));
  CHECK(read.summary->last_date == Date::from_ymd(2014, 2, 12));
  CHECK(read.summary->notes.empty());
}

TEST_CASE("the description row is detected, not assumed, and dates may be ISO or M/D/YYYY") {
  struct Case {
    const char* name;
    std::string text;
  };
  const std::string header = "Date,Lifetime Total Likes,Daily New Likes\n";
  const std::string descriptions =
      ",Lifetime: The total number of people who have liked your Page. (Unique Users),"
      "Daily: The number of new people who have liked your Page (Unique Users)\n";
  const Case cases[] = {
      {"ISO dates after a description row",
       header + descriptions + "2014-02-09,5,1\n2014-02-10,6,1\n"},
      {"US dates after a description row", header + descriptions + "2/9/2014,5,1\n2/10/2014,6,1\n"},
      {"ISO dates, description row deleted", header + "2014-02-09,5,1\n2014-02-10,6,1\n"},
      {"US dates, description row deleted", header + "2/9/2014,5,1\n2/10/2014,6,1\n"},
      {"an empty row 2 is taken as a description row",
       header + ",,\n02/09/2014,5,1\n2/10/2014,6,1\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Read read = read_text(c.text, Layout::classic_page);
    REQUIRE(read.summary);
    CHECK(read.sink.metrics == std::vector<Metric>{
                                   {"111", "page_fans", "lifetime", "2014-02-09", 5},
                                   {"111", "page_fan_adds_unique", "day", "2014-02-09", 1},
                                   {"111", "page_fans", "lifetime", "2014-02-10", 6},
                                   {"111", "page_fan_adds_unique", "day", "2014-02-10", 1},
                               });
  }
}

TEST_CASE("duplicate titles are told apart by the end of their description") {
  const std::string header = "Date,Daily Logged-in Page Views,Daily Logged-in Page Views\n";
  SUBCASE("(Total Count) and (Unique Users) name two metrics") {
    Read read = read_text(header +
                              ",Daily: Page Views from users logged into Facebook (Total Count),"
                              "Daily: Page Views from users logged into Facebook (Unique Users)\n"
                              "2014-02-12,9,4\n",
                          Layout::classic_page);
    REQUIRE(read.summary);
    CHECK(read.sink.metrics == std::vector<Metric>{
                                   {"111", "page_views_logged_in_total", "day", "2014-02-12", 9},
                                   {"111", "page_views_logged_in_unique", "day", "2014-02-12", 4},
                               });
    CHECK(read.summary->notes.empty());
  }
  SUBCASE("without descriptions the first is imported and the repeat noted") {
    Read read = read_text(header + "2014-02-12,9,4\n", Layout::classic_page);
    REQUIRE(read.summary);
    CHECK(read.sink.metrics == std::vector<Metric>{
                                   {"111", "page_views_logged_in_total", "day", "2014-02-12", 9},
                               });
    CHECK(read.summary->notes ==
          std::vector<std::string>{"skipped 1 column that repeats the metric and key of an "
                                   "earlier column (e.g. \"Daily Logged-in Page Views\")"});
  }
}

TEST_CASE("breakdown columns keep their keys as written: commas, dashes, accents, hours") {
  Read read = read_text(
      "Date,\"Lifetime Likes by City - Barcelona, Cataluña, Spain\","
      "\"Lifetime Likes by City - Stratford - upon - Avon, England\","
      "Lifetime Likes by Gender and Age - F.18-24,Daily Liked and online - 0,"
      "Weekly Reach Demographics - U.65+,Lifetime Likes by City - Unknown\n"
      ",\"Lifetime: Aggregated Facebook location data, sorted by city, about the people who like "
      "your Page. (Unique Users)\",,Lifetime: Aggregated demographic data (Unique Users),"
      "Daily: The number of people who liked your Page and when they are online (Unique Users),"
      "Weekly: Total Page Reach by age and gender. (Unique Users),\n"
      "2014-02-12,3,1,14,30,2,\n",
      Layout::classic_page);
  REQUIRE(read.summary);
  CHECK(read.sink.metrics.empty());
  CHECK(
      read.sink.breakdowns ==
      std::vector<Breakdown>{
          {"page_fans_city", "lifetime", "2014-02-12", "city", "Barcelona, Cataluña, Spain", 3},
          {"page_fans_city", "lifetime", "2014-02-12", "city", "Stratford - upon - Avon, England",
           1},
          {"page_fans_gender_age", "lifetime", "2014-02-12", "age_gender", "F.18-24", 14},
          {"page_fans_online", "day", "2014-02-12", "hour", "0", 30},
          {"page_impressions_by_age_gender_unique", "week", "2014-02-12", "age_gender", "U.65+", 2},
      });
  CHECK(read.summary->counts.breakdowns == 5);
  CHECK(read.summary->counts.page_metrics == 0);
}

TEST_CASE("API metric ids name columns, with the period after the colon") {
  Read read = read_text(
      "Date,page_fans:lifetime,page_fan_adds_unique:day,page_fans:week,post_impressions_unique:"
      "lifetime\n"
      "2017-07-01,250,3,1,99\n",
      Layout::classic_page);
  REQUIRE(read.summary);
  CHECK(read.sink.metrics == std::vector<Metric>{
                                 {"111", "page_fans", "lifetime", "2017-07-01", 250},
                                 {"111", "page_fan_adds_unique", "day", "2017-07-01", 3},
                             });
  // page_fans has no weekly values and post_impressions_unique is a post metric.
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 2 of 5 columns that are not in the metric catalogue "
                                 "(e.g. \"page_fans:week\")"});
}

TEST_CASE("columns not in the catalogue are skipped and summarised in one note") {
  Read read = read_text(
      "Date,Daily Reach of page posts,Lifetime Total Likes,Total Likes,Weekly Something Else,,\n"
      "2014-02-12,4,100,100,7,,\n",
      Layout::classic_page);
  REQUIRE(read.summary);
  CHECK(read.sink.metrics == std::vector<Metric>{
                                 {"111", "page_fans", "lifetime", "2014-02-12", 100},
                             });
  // A title without its period prefix is not guessed; untitled columns are not counted.
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 3 of 7 columns that are not in the metric catalogue "
                                 "(e.g. \"Daily Reach of page posts\")"});
}

TEST_CASE("a title never resolves to a metric of another scope or period") {
  Read read = read_text(
      "Date,Daily Total Video Views,Lifetime Post Total Reach,Weekly Total Likes,Lifetime Total "
      "Reach\n"
      ",Daily: Total number of times videos has been viewed for more than 3 seconds. (Total Count),"
      "Lifetime: The total number of people your Page post was served to. (Unique Users),"
      "Weekly: x (Unique Users),Lifetime: x (Unique Users)\n"
      "2014-02-12,5,6,7,8\n",
      Layout::classic_page);
  REQUIRE(read.summary);
  // 'Total Video Views (Total Count)' is the post metric: a Page file falls back to the Page one.
  CHECK(read.sink.metrics == std::vector<Metric>{
                                 {"111", "page_video_views", "day", "2014-02-12", 5},
                             });
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 3 of 5 columns that are not in the metric catalogue "
                                 "(e.g. \"Lifetime Post Total Reach\")"});
}

TEST_CASE("a cell that is neither empty nor a number stops the read at its line") {
  struct Case {
    const char* cell;
    std::string message;
  };
  const Case cases[] = {
      {"n/a", "export.csv:4: column \"Daily New Likes\": expected a number, got \"n/a\""},
      {"12%", "export.csv:4: column \"Daily New Likes\": expected a number, got \"12%\""},
      {"3.апр", "export.csv:4: column \"Daily New Likes\": expected a number, got \"3.апр\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.cell);
    Read read =
        read_text(std::string("Date,Lifetime Total Likes,Daily New Likes\n"
                              ",Lifetime: likes (Unique Users),Daily: new likes (Unique Users)\n"
                              "2014-02-11,107,1\n"
                              "2014-02-12,108,") +
                      c.cell + "\n",
                  Layout::classic_page);
    CHECK(error_of(read) == c.message);
    CHECK(read.summary.error().code == ExitCode::data);
  }
}

TEST_CASE("a day that is not a date stops the read at its line") {
  Read read =
      read_text("Date,Lifetime Total Likes\n2014-02-11,107\nFeb 12,108\n", Layout::classic_page);
  CHECK(error_of(read) == "export.csv:3: column \"Date\": expected a date, got \"Feb 12\"");
  CHECK(read.summary.error().code == ExitCode::data);
}

TEST_CASE("a Page-level file needs --page: it does not name its Page") {
  Read read =
      read_text("Date,Lifetime Total Likes\n2014-02-11,107\n", Layout::classic_page, std::nullopt);
  CHECK(error_of(read) ==
        "export.csv: this file does not say which Page it belongs to; give --page ID");
  CHECK(read.summary.error().code == ExitCode::usage);
  CHECK(read.sink.metrics.empty());
}

// --- Post and video level ---------------------------------------------------------------------

namespace {

const std::string k_post_header =
    "\xEF\xBB\xBF\"Post ID\",Permalink,\"Post Message\",Type,Countries,Languages,Posted,"
    "\"Audience Targeting\",\"Lifetime Post Total Reach\","
    "\"Lifetime Talking About This (Post) by action type - share\","
    "\"Lifetime Talking About This (Post) by action type - like\","
    "\"Lifetime Negative feedback\",\"Lifetime Negative Feedback from Users\"\n"
    ",,,,,,,,\"Lifetime: The total number of people your Page post was served to. (Unique Users)\","
    "\"Lifetime: The number of unique people who created a story about your Page post by "
    "interacting with it. (Unique Users)\",,"
    "\"Lifetime: The number of people who have given negative feedback to your post. (Unique "
    "Users)\","
    "\"Lifetime: The number of times people have given negative feedback to your post. (Total "
    "Count)\"\n";

}  // namespace

TEST_CASE("a post-level file gives its Page, its posts and their lifetime metrics") {
  Read read = read_text(k_post_header +
                            "222333444_1001,https://www.facebook.com/cafe/posts/1001,\"Line one\n"
                            "line two\",Photo,,,06/04/2014 04:03:05 PM,\" \",53,2,,0,1\n"
                            "222333444_1002,https://www.facebook.com/cafe/posts/1002,Short,Link,,,"
                            "05/16/2014 12:09:04 AM,\" \",43,,5,,\n"
                            "222333444_1003,,,,,,03/06/2014 12:30:00 PM,\" \",7,,,,\n",
                        Layout::classic_post, std::nullopt);
  REQUIRE(read.summary);
  CHECK(read.sink.pages == std::vector<std::string>{"222333444"});
  REQUIRE(read.sink.posts.size() == 3);
  const PostRecord& first = read.sink.posts[0];
  CHECK(first.post_id == "222333444_1001");
  CHECK(first.page_id == "222333444");
  CHECK(first.created_time == "2014-06-04T16:03:05");
  CHECK(first.type == "Photo");
  CHECK(first.message == "Line one\nline two");
  CHECK(first.permalink == "https://www.facebook.com/cafe/posts/1001");
  CHECK_FALSE(first.title);
  CHECK(read.sink.posts[1].created_time == "2014-05-16T00:09:04");
  const PostRecord& third = read.sink.posts[2];
  CHECK(third.created_time == "2014-03-06T12:30:00");
  CHECK_FALSE(third.type);
  CHECK_FALSE(third.message);
  CHECK_FALSE(third.permalink);

  CHECK(read.sink.post_metrics == std::vector<PostMetric>{
                                      {"222333444_1001", "post_impressions_unique", "", 53},
                                      {"222333444_1001", "post_stories_by_action_type", "share", 2},
                                      {"222333444_1001", "post_negative_feedback_unique", "", 0},
                                      {"222333444_1001", "post_negative_feedback", "", 1},
                                      {"222333444_1002", "post_impressions_unique", "", 43},
                                      {"222333444_1002", "post_stories_by_action_type", "like", 5},
                                      {"222333444_1003", "post_impressions_unique", "", 7},
                                  });
  CHECK(read.summary->counts.posts == 3);
  CHECK(read.summary->counts.post_metrics == 7);
  CHECK(read.summary->page_id == "222333444");
  CHECK(read.summary->first_date == Date::from_ymd(2014, 3, 6));
  CHECK(read.summary->last_date == Date::from_ymd(2014, 6, 4));
  CHECK(read.summary->notes.empty());
}

TEST_CASE("a default Page yields to the Page a post-level file names") {
  Read read = read_text(k_post_header + "222333444_1001,,,,,,06/04/2014 04:03:05 PM,,1,,,,\n",
                        Layout::classic_post, std::string("999"), false);
  REQUIRE(read.summary);
  CHECK(read.sink.pages == std::vector<std::string>{"222333444"});
  CHECK(read.sink.posts.at(0).page_id == "222333444");
  CHECK(read.summary->page_id == "222333444");
}

TEST_CASE("a post-level file may name its columns by API id") {
  Read read = read_text(
      "Post ID,Posted,post_impressions_unique:lifetime,page_fans:lifetime\n"
      "222333444_1001,2017-10-02T09:15:00,120,5\n",
      Layout::classic_post, std::string("222333444"));
  REQUIRE(read.summary);
  CHECK(read.sink.posts.at(0).created_time == "2017-10-02T09:15:00");
  CHECK(read.sink.post_metrics == std::vector<PostMetric>{
                                      {"222333444_1001", "post_impressions_unique", "", 120},
                                  });
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 1 of 4 columns that are not in the metric catalogue "
                                 "(e.g. \"page_fans:lifetime\")"});
}

TEST_CASE(
    "a video's average time viewed, in milliseconds in classic exports, is stored in seconds") {
  // The real export's 30674 for a 126 s video: 30674 ms / 1000 = 30.674 s; 500 ms = 0.5 s.
  Read read = read_text(
      "Post ID,Posted,Lifetime Average time video viewed\n"
      ",,Lifetime: Average time video viewed (Total Count)\n"
      "222333444_1001,06/04/2014 04:03:05 PM,30674\n"
      "222333444_1002,06/05/2014 04:03:05 PM,500\n",
      Layout::classic_post, std::string("222333444"));
  REQUIRE(read.summary);
  CHECK(read.sink.post_metrics == std::vector<PostMetric>{
                                      {"222333444_1001", "post_video_avg_time_watched", "", 30.674},
                                      {"222333444_1002", "post_video_avg_time_watched", "", 0.5},
                                  });
}

TEST_CASE("a post-level file is refused where its rows cannot be trusted") {
  struct Case {
    const char* name;
    std::string rows;
    std::optional<std::string> page_id;
    std::string message;
  };
  const Case cases[] = {
      {"a post of another Page than --page", "222333444_1001,,,,,,06/04/2014 04:03:05 PM,,1,,,,\n",
       std::string("789"),
       "export.csv:3: post 222333444_1001 belongs to Page 222333444, not to --page 789"},
      {"posts of two Pages in one file",
       "222333444_1001,,,,,,06/04/2014 04:03:05 PM,,1,,,,\n555_1,,,,,,,,2,,,,\n", std::nullopt,
       "export.csv:4: post 555_1 belongs to Page 555, not to Page 222333444 like the posts above "
       "it"},
      {"a Post ID without its Page", "1001,,,,,,,,1,,,,\n", std::nullopt,
       "export.csv:3: column \"Post ID\": expected PAGEID_POSTID, got \"1001\""},
      {"a Posted cell that is not a time", "222333444_1001,,,,,,yesterday,,1,,,,\n", std::nullopt,
       "export.csv:3: column \"Posted\": expected a date and time, got \"yesterday\""},
      {"a metric after a message of three lines",
       "222333444_1001,,\"a\nb\nc\",,,,,,1,,,,\n222333444_1002,,,,,,,,-,,,,\n", std::nullopt,
       "export.csv:6: column \"Lifetime Post Total Reach\": expected a number, got \"-\""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    Read read = read_text(k_post_header + c.rows, Layout::classic_post, c.page_id);
    CHECK(error_of(read) == c.message);
    CHECK(read.summary.error().code == ExitCode::data);
  }
}

// --- Hand-made files in the shapes of real exports (tests/data/classic) ------------------------

TEST_CASE("an Excel re-saved Page-level file: cp1252, CRLF, M/D/YYYY, duplicate titles") {
  Read read = read_path(test::test_data_dir() + "/classic/page_level_excel_resaved_cp1252.csv",
                        Layout::classic_page, std::string("404505606"));
  REQUIRE(read.summary);
  // Three days of Total Likes, New Likes and the two Logged-in Page Views; cities when given.
  CHECK(read.summary->counts.page_metrics == 12);
  CHECK(read.sink.metrics.at(4) == Metric{"404505606", "page_fans", "lifetime", "2014-01-31", 12});
  CHECK(read.sink.metrics.at(7) ==
        Metric{"404505606", "page_views_logged_in_unique", "day", "2014-01-31", 9});
  CHECK(read.sink.breakdowns ==
        std::vector<Breakdown>{
            {"page_fans_city", "lifetime", "2014-01-31", "city", "Barcelona, Cataluña, Spain", 2},
            {"page_fans_city", "lifetime", "2014-02-01", "city", "Barcelona, Cataluña, Spain", 2},
            {"page_fans_city", "lifetime", "2014-02-01", "city", "Paris, Île-de-France, France", 1},
        });
  CHECK(read.summary->first_date == Date::from_ymd(2014, 1, 30));
  CHECK(read.summary->last_date == Date::from_ymd(2014, 2, 1));
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 1 of 8 columns that are not in the metric catalogue "
                                 "(e.g. \"Daily Reach of page posts\")"});
}

TEST_CASE("a Page-level file whose description row holds API ids reads them as metric and period") {
  // csv-exports.md section 11: from 2014-02 on, some description cells are API ids. Two days of
  // Total Likes (120, 121), New Likes (3, 1), Logged-in Page Views and Total Reach: 8 values. The
  // id page_views_logged_in_unique:day wins over the title, which alone would read as the total
  // count; page_get_directions_clicks_logged_in_count is not in the catalogue and is skipped.
  Read read = read_path(test::test_data_dir() + "/classic/page_level_api_id_descriptions.csv",
                        Layout::classic_page, std::string("404505606"));
  REQUIRE(read.summary);
  CHECK(read.summary->counts.page_metrics == 8);
  CHECK(read.sink.metrics ==
        std::vector<Metric>{
            {"404505606", "page_fans", "lifetime", "2014-02-28", 120},
            {"404505606", "page_fan_adds_unique", "day", "2014-02-28", 3},
            {"404505606", "page_views_logged_in_unique", "day", "2014-02-28", 9},
            {"404505606", "page_impressions_unique", "day", "2014-02-28", 40},
            {"404505606", "page_fans", "lifetime", "2014-03-01", 121},
            {"404505606", "page_fan_adds_unique", "day", "2014-03-01", 1},
            {"404505606", "page_views_logged_in_unique", "day", "2014-03-01", 4},
            {"404505606", "page_impressions_unique", "day", "2014-03-01", 35},
        });
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 1 of 6 columns that are not in the metric catalogue "
                                 "(e.g. \"Daily Get Directions Clicks\")"});
}

TEST_CASE("a video posts file: BOM, multi-line messages, retention fractions by interval") {
  Read read = read_path(test::test_data_dir() + "/classic/video_posts_utf8_bom.csv",
                        Layout::classic_video, std::nullopt);
  REQUIRE(read.summary);
  REQUIRE(read.sink.posts.size() == 2);
  CHECK(read.sink.posts[0].message ==
        "Open house on Friday!\n\nhttps://example.org/open-house\nSee you there");
  CHECK(read.sink.posts[0].type == "Video");
  CHECK(read.sink.posts[1].created_time == "2015-02-16T12:55:38");
  CHECK(read.sink.post_metrics == std::vector<PostMetric>{
                                      {"404505606_9001", "post_video_views", "", 2283},
                                      {"404505606_9001", "post_video_views_unique", "", 840},
                                      {"404505606_9001", "post_video_retention_graph", "0", 1},
                                      {"404505606_9001", "post_video_retention_graph", "1", 0.8126},
                                      {"404505606_9001", "post_video_retention_graph", "2", 0.7095},
                                      {"404505606_9002", "post_video_views", "", 302},
                                      {"404505606_9002", "post_video_views_unique", "", 57},
                                      {"404505606_9002", "post_video_retention_graph", "0", 1},
                                      {"404505606_9002", "post_video_retention_graph", "1", 0.797},
                                  });
  CHECK(read.summary->page_id == "404505606");
  CHECK(read.summary->notes.empty());
}

// --- The real exports kept by the research (when present) -------------------------------------

namespace {

std::optional<std::string> shared_fixture(const std::string& name) {
  std::string path = test::shared_fixtures_dir() + "/csv/" + name;
  if (!std::filesystem::exists(path)) return std::nullopt;
  return path;
}

}  // namespace

TEST_CASE("the real classic Page-level export (644 columns, Excel re-save) reads as expected") {
  auto path =
      shared_fixture("classic_page_level_excel_resaved_cp1252_vicvisual_2014-01-01_2014-02-27.csv");
  if (!path) return;
  Read read = read_path(*path, Layout::classic_page, std::string("518995791497187"));
  REQUIRE(read.summary);
  // 58 days (1/1/2014 to 2/27/2014); 185 of the 644 columns resolve (56 single-value, 129 keyed).
  CHECK(read.summary->first_date == Date::from_ymd(2014, 1, 1));
  CHECK(read.summary->last_date == Date::from_ymd(2014, 2, 27));
  CHECK(read.summary->counts.page_metrics == 2143);
  CHECK(read.summary->counts.breakdowns == 1807);
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 458 of 644 columns that are not in the metric catalogue "
                                 "(e.g. \"Daily Reach of page posts\")"});
  std::vector<Metric> fans;
  for (const Metric& m : read.sink.metrics) {
    if (m.metric == "page_fans") fans.push_back(m);
  }
  REQUIRE(fans.size() == 58);
  CHECK(fans.front() == Metric{"518995791497187", "page_fans", "lifetime", "2014-01-01", 0});
  CHECK(fans.back() == Metric{"518995791497187", "page_fans", "lifetime", "2014-02-27", 128});
  bool barcelona = false;
  for (const Breakdown& b : read.sink.breakdowns)
    barcelona |= b.key == "Barcelona, Cataluña, Spain";
  CHECK(barcelona);
}

TEST_CASE("the real classic post-level export reads as expected") {
  auto path = shared_fixture("classic_post_level_vicvisual_2014-02-28_2014-08-23.csv");
  if (!path) return;
  Read read = read_path(*path, Layout::classic_post, std::nullopt);
  REQUIRE(read.summary);
  CHECK(read.sink.pages == std::vector<std::string>{"518995791497187"});
  CHECK(read.summary->counts.posts == 20);
  CHECK(read.summary->counts.post_metrics == 332);
  CHECK(read.summary->first_date == Date::from_ymd(2014, 3, 6));
  CHECK(read.summary->last_date == Date::from_ymd(2014, 6, 4));
  CHECK(read.sink.posts.at(0).created_time == "2014-06-04T16:03:05");
  CHECK(read.summary->notes ==
        std::vector<std::string>{
            "skipped 12 of 46 columns that are not in the metric catalogue (e.g. \"Lifetime Post "
            "Consumptions by type - link clicks\")",
            "skipped 2 columns that repeat the metric and key of an earlier column (e.g. "
            "\"Lifetime Organic Video Views\")"});
}

TEST_CASE("the real classic video posts export reads as expected") {
  auto path = shared_fixture("classic_video_posts_vicvisual_2014-08-24_2015-02-19.csv");
  if (!path) return;
  Read read = read_path(*path, Layout::classic_video, std::nullopt);
  REQUIRE(read.summary);
  CHECK(read.summary->counts.posts == 22);
  CHECK(read.summary->counts.post_metrics == 1141);
  CHECK(read.summary->first_date == Date::from_ymd(2014, 9, 28));
  CHECK(read.summary->last_date == Date::from_ymd(2015, 2, 19));
  CHECK(read.sink.posts.at(1).message.value_or("").ends_with(
      "\n\nhttps://www.facebook.com/events/837945829571698/\nJust another day"));
  CHECK(read.summary->notes ==
        std::vector<std::string>{"skipped 98 of 168 columns that are not in the metric catalogue "
                                 "(e.g. \"Lifetime Paid 30-Second Views\")"});
}

}  // namespace pageaudit
