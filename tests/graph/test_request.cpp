// Tests for graph/request: the exact URLs and batch bodies a pull sends.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "pageaudit/graph/request.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::day;

// Pacific midnights used below (07:00 UTC in daylight time):
//   2026-07-01 1782889200   2026-09-29 1790665200   2026-09-27 1790492400   2026-09-30 1790751600

TEST_CASE("a date range is cut into windows of at most 90 days, oldest first") {
  auto windows = split_windows(day("2026-01-01"), day("2026-07-10"));  // 191 days
  REQUIRE(windows.size() == 3);
  CHECK(windows[0].since.iso() == "2026-01-01");
  CHECK(windows[0].until.iso() == "2026-04-01");  // 90 days: Jan 31 + Feb 28 + Mar 31
  CHECK(windows[1].since.iso() == "2026-04-01");
  CHECK(windows[1].until.iso() == "2026-06-30");
  CHECK(windows[2].since.iso() == "2026-06-30");
  CHECK(windows[2].until.iso() == "2026-07-11");  // the last day is included
}

TEST_CASE("window edge cases: one day, exactly 90 days, nothing") {
  auto one = split_windows(day("2026-09-29"), day("2026-09-29"));
  REQUIRE(one.size() == 1);
  CHECK(one[0].until.iso() == "2026-09-30");
  auto ninety = split_windows(day("2026-07-01"), day("2026-09-28"));
  REQUIRE(ninety.size() == 1);
  CHECK(ninety[0].until - ninety[0].since == 90);
  CHECK(split_windows(day("2026-09-29"), day("2026-09-28")).empty());
  CHECK(split_windows(day("2026-09-01"), day("2026-09-10"), 3).size() == 4);
}

TEST_CASE("the Page call asks for the Page fields and the window's insights in one request") {
  CHECK(page_call("1100200300", {"page_follows", "page_media_view"},
                  {day("2026-07-01"), day("2026-09-29")}) ==
        "1100200300?fields=id,name,username,category,link,followers_count,fan_count,"
        "insights.metric(page_follows,page_media_view).period(day).since(1782889200).until("
        "1790665200)");
  CHECK(page_call("1100200300", {}, {day("2026-07-01"), day("2026-09-29")}) ==
        "1100200300?fields=id,name,username,category,link,followers_count,fan_count");
}

TEST_CASE("the insights call names its metrics, the day period and the window") {
  CHECK(
      insights_call("1100200300", {"page_daily_follows_unique", "page_daily_unfollows_unique"},
                    {day("2026-09-27"), day("2026-09-30")}) ==
      "1100200300/insights?metric=page_daily_follows_unique,page_daily_unfollows_unique&period=day"
      "&since=1790492400&until=1790751600");
  // Without a period Meta answers each period the metric has (day, week, days_28) in one call.
  CHECK(
      insights_call("1100200300", {"page_total_media_view_unique"},
                    {day("2026-09-27"), day("2026-09-30")}, "") ==
      "1100200300/insights?metric=page_total_media_view_unique&since=1790492400&until=1790751600");
}

TEST_CASE("the posts call expands lifetime insights and comments, and pages by cursor") {
  PostsQuery query;
  query.metrics = {"post_media_view", "post_reactions_by_type_total"};
  CHECK(
      posts_call("1100200300", query) ==
      "1100200300/published_posts?fields=id,created_time,message,permalink_url,status_type,shares,"
      "insights.metric(post_media_view,post_reactions_by_type_total).period(lifetime),"
      "comments.summary(true).filter(stream).limit(100)%7Bid,from,created_time,message,parent%7Bid%"
      "7D%7D"
      "&limit=25");
  query.since = day("2026-09-27");
  query.after = "QVFI+x/y=";
  query.limit = 10;
  query.with_comments = false;
  CHECK(
      posts_call("1100200300", query) ==
      "1100200300/published_posts?fields=id,created_time,message,permalink_url,status_type,shares,"
      "insights.metric(post_media_view,post_reactions_by_type_total).period(lifetime)"
      "&limit=10&since=1790492400&after=QVFI%2Bx%2Fy%3D");
}

TEST_CASE("the comments call lists replies too, after a cursor") {
  CHECK(comments_call("1100200300_501", "") ==
        "1100200300_501/"
        "comments?fields=id,from,created_time,message,parent%7Bid%7D&filter=stream&limit=100");
  CHECK(comments_call("1100200300_501", "QVFIb", 50) ==
        "1100200300_501/"
        "comments?fields=id,from,created_time,message,parent%7Bid%7D&filter=stream&limit=50"
        "&after=QVFIb");
}

TEST_CASE("a GET carries the version and the token") {
  GraphTarget target{"https://graph.facebook.com/", "v25.0", "EAAB+tok/en"};
  HttpRequest request = get_request(target, "1100200300/insights?metric=page_follows");
  CHECK(request.method == HttpMethod::get);
  CHECK(request.url ==
        "https://graph.facebook.com/v25.0/1100200300/"
        "insights?metric=page_follows&access_token=EAAB%2Btok%2Fen");
  CHECK(request.body.empty());
  CHECK(get_request(target, "me/accounts").url ==
        "https://graph.facebook.com/v25.0/me/accounts?access_token=EAAB%2Btok%2Fen");
}

TEST_CASE("calls are sent as batch POSTs of at most 50, in order") {
  GraphTarget target{"http://127.0.0.1:8080", "v25.0", "tok"};
  auto batches =
      batch_requests(target, {"1?fields=id", "2/insights?metric=page_follows&period=day"});
  REQUIRE(batches.size() == 1);
  CHECK(batches[0].method == HttpMethod::post);
  CHECK(batches[0].url == "http://127.0.0.1:8080/v25.0/");
  // batch=[{"method":"GET","relative_url":"1?fields=id"},{"method":"GET","relative_url":"2/insights?..."}]
  CHECK(batches[0].body ==
        "access_token=tok&include_headers=false&batch="
        "%5B%7B%22method%22%3A%22GET%22,%22relative_url%22%3A%221%3Ffields%3Did%22%7D,"
        "%7B%22method%22%3A%22GET%22,%22relative_url%22%3A%222%2Finsights%3Fmetric%3Dpage_follows%"
        "26period%3Dday%22%7D%5D");

  std::vector<std::string> calls;
  for (int i = 0; i < 101; ++i) calls.push_back(std::to_string(i));
  auto many = batch_requests(target, calls);
  REQUIRE(many.size() == 3);  // 50 + 50 + 1
  CHECK(many[2].body ==
        "access_token=tok&include_headers=false&batch="
        "%5B%7B%22method%22%3A%22GET%22,%22relative_url%22%3A%22100%22%7D%5D");
  CHECK(batch_requests(target, {}).empty());
}

TEST_CASE("url encoding keeps unreserved characters and the field-list punctuation") {
  CHECK(url_encode("aZ09-._~,()") == "aZ09-._~,()");
  CHECK(url_encode("a b&c=d{e}/?#%+") == "a%20b%26c%3Dd%7Be%7D%2F%3F%23%25%2B");
  CHECK(url_encode("café") == "caf%C3%A9");
  // Every byte value: kept ones as they are, the others as %XX in upper case (three times the
  // length at most, the size url_encode writes into first).
  std::string all_bytes;
  std::string expected;
  for (int c = 0; c < 256; ++c) {
    all_bytes += static_cast<char>(c);
    bool kept = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                std::string_view("-._~,()").find(static_cast<char>(c)) != std::string_view::npos;
    expected += kept ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  CHECK(url_encode(all_bytes) == expected);
  CHECK(url_encode("") == "");
}

}  // namespace
}  // namespace pageaudit
