// Tests for graph/parse: every Graph response shape the pull reads, and the shape errors.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/graph/parse.h"

namespace pageaudit {
namespace {

TEST_CASE("the Page node gives its fields and counts") {
  auto page =
      parse_page(R"({"fan_count":9870,"followers_count":9912,"id":"1100200300","name":"Café Sol",
    "username":"cafesol","category":"Coffee shop","link":"https://www.facebook.com/cafesol"})");
  REQUIRE(page);
  CHECK(page->id == "1100200300");
  CHECK(page->name == "Café Sol");
  CHECK(page->username == "cafesol");
  CHECK(page->category == "Coffee shop");
  CHECK(page->link == "https://www.facebook.com/cafesol");
  CHECK(page->followers_count == 9912);
  CHECK(page->fan_count == 9870);
  CHECK_FALSE(page->insights.has_value());
}

TEST_CASE("a Page node without counts leaves them absent, not zero") {
  auto page = parse_page(R"({"id":"1100200300"})");
  REQUIRE(page);
  CHECK_FALSE(page->followers_count.has_value());
  CHECK_FALSE(page->fan_count.has_value());
  CHECK(page->name.empty());
}

TEST_CASE("expanded insights on the Page node keep each metric per period, with dates") {
  auto page = parse_page(R"({"id":"1100200300","insights":{"data":[
    {"name":"page_daily_follows_unique","period":"day","values":[
      {"value":3,"end_time":"2026-03-08T08:00:00+0000"},{"value":5,"end_time":"2026-03-09T07:00:00+0000"}],
     "title":"Daily New Follows","description":"Daily: new follows","id":"1100200300/insights/page_daily_follows_unique/day"},
    {"name":"page_daily_follows_unique","period":"week","values":[
      {"value":21,"end_time":"2026-03-09T07:00:00+0000"}],
     "title":"Weekly New Follows","description":"Weekly: new follows","id":"1100200300/insights/page_daily_follows_unique/week"}],
    "paging":{"previous":"https://graph.facebook.com/v25.0/1100200300/insights?access_token=EAABsecret&metric=page_daily_follows_unique&since=1772611200&until=1772784000",
              "next":"https://graph.facebook.com/v25.0/1100200300/insights?access_token=EAABsecret&metric=page_daily_follows_unique&since=1772956800&until=1773126000"}}})");
  REQUIRE(page);
  REQUIRE(page->insights.has_value());
  const auto& series = page->insights->series;
  REQUIRE(series.size() == 2);
  CHECK(series[0].name == "page_daily_follows_unique");
  CHECK(series[0].period == "day");
  CHECK(series[0].title == "Daily New Follows");
  CHECK(series[0].id == "1100200300/insights/page_daily_follows_unique/day");
  REQUIRE(series[0].values.size() == 2);
  CHECK(series[0].values[0].end_time == "2026-03-08T08:00:00+0000");
  CHECK(series[0].values[0].date->iso() == "2026-03-07");
  CHECK(series[0].values[0].value == 3.0);
  CHECK(series[0].values[1].date->iso() == "2026-03-08");
  CHECK(series[1].period == "week");
  CHECK(series[1].values[0].value == 21.0);
  CHECK(page->insights->paging.previous ==
        "https://graph.facebook.com/v25.0/1100200300/"
        "insights?metric=page_daily_follows_unique&since=1772611200&until=1772784000");
  CHECK(page->insights->paging.next ==
        "https://graph.facebook.com/v25.0/1100200300/"
        "insights?metric=page_daily_follows_unique&since=1772956800&until=1773126000");
}

TEST_CASE("a metric titled null keeps an absent title and its HTML-escaped description as sent") {
  auto insights = parse_insights(R"({"data":[{"name":"page_total_media_view_unique","period":"day",
    "values":[{"value":640,"end_time":"2026-09-04T07:00:00+0000"}],"title":null,
    "description":"People who saw your Page&#039;s content","id":"1/insights/page_total_media_view_unique/day"}]})");
  REQUIRE(insights);
  REQUIRE(insights->series.size() == 1);
  CHECK_FALSE(insights->series[0].title.has_value());
  CHECK(insights->series[0].description == "People who saw your Page&#039;s content");
  CHECK(insights->series[0].values[0].date->iso() == "2026-09-03");
  CHECK(insights->paging.next.empty());
}

TEST_CASE("lifetime values carry no end_time and no date") {
  auto insights = parse_insights(R"({"data":[{"name":"post_media_view","period":"lifetime",
    "values":[{"value":812}],"title":"post_media_view","description":"","id":"1_2/insights/post_media_view/lifetime"}]})");
  REQUIRE(insights);
  const InsightValue& value = insights->series.at(0).values.at(0);
  CHECK(value.end_time.empty());
  CHECK_FALSE(value.date.has_value());
  CHECK(value.value == 812.0);
  CHECK(value.by_key.empty());
  CHECK(value.breakdown.empty());
}

TEST_CASE("an object value is read as keys and counts in document order") {
  auto insights =
      parse_insights(R"({"data":[{"name":"post_reactions_by_type_total","period":"lifetime",
    "values":[{"value":{"like":15,"love":1,"haha":null,"wow":2}}],"title":"Lifetime Total post Reactions by Type.",
    "description":"Lifetime: Total post reactions by type.","id":"1_2/insights/post_reactions_by_type_total/lifetime"}]})");
  REQUIRE(insights);
  const InsightValue& value = insights->series.at(0).values.at(0);
  CHECK_FALSE(value.value.has_value());
  REQUIRE(value.by_key.size() == 3);  // the null member is left out
  CHECK(value.by_key[0] == std::pair<std::string, double>{"like", 15});
  CHECK(value.by_key[1] == std::pair<std::string, double>{"love", 1});
  CHECK(value.by_key[2] == std::pair<std::string, double>{"wow", 2});
}

TEST_CASE("a breakdown answer gives one value per bucket with the bucket beside it") {
  auto insights = parse_insights(R"({"data":[{"name":"page_media_view","period":"day","values":[
    {"value":789,"is_from_ads":"0","end_time":"2026-08-20T07:00:00+0000"},
    {"value":0,"is_from_ads":"1","end_time":"2026-08-20T07:00:00+0000"}],
    "title":"page_media_view","description":"","id":"1100200300"}]})");
  REQUIRE(insights);
  const auto& values = insights->series.at(0).values;
  REQUIRE(values.size() == 2);
  CHECK(values[0].value == 789.0);
  CHECK(values[0].breakdown ==
        std::vector<std::pair<std::string, std::string>>{{"is_from_ads", "0"}});
  CHECK(values[1].value == 0.0);
  CHECK(values[1].breakdown ==
        std::vector<std::pair<std::string, std::string>>{{"is_from_ads", "1"}});
  CHECK(values[1].date->iso() == "2026-08-19");
  CHECK(insights->series[0].id == "1100200300");
}

TEST_CASE("an empty data array is no data, and a null value is no value") {
  auto empty = parse_insights(R"({"data":[]})");
  REQUIRE(empty);
  CHECK(empty->series.empty());
  auto null_value = parse_insights(R"({"data":[{"name":"page_views_total","period":"day",
    "values":[{"value":null,"end_time":"2026-09-04T07:00:00+0000"}]}]})");
  REQUIRE(null_value);
  CHECK_FALSE(null_value->series.at(0).values.at(0).value.has_value());
}

TEST_CASE(
    "an empty breakdown (\"value\": []) is no value that day, and the series' other days stay") {
  // A real (2010) answer gives an empty breakdown so: it once failed the whole response.
  auto insights = parse_insights(R"({"data":[{"name":"page_fans_country","period":"day",
    "values":[{"value":[],"end_time":"2026-09-04T07:00:00+0000"},
              {"value":{"ES":3},"end_time":"2026-09-05T07:00:00+0000"}]}]})");
  REQUIRE(insights);
  const auto& values = insights->series.at(0).values;
  REQUIRE(values.size() == 2);
  CHECK_FALSE(values[0].value.has_value());
  CHECK(values[0].by_key.empty());
  CHECK(values[0].date == Date::from_ymd(2026, 9, 3));
  CHECK(values[1].by_key == std::vector<std::pair<std::string, double>>{{"ES", 3}});
  // An array that holds something is no form Meta uses: still refused, naming its path.
  auto full = parse_insights(R"({"data":[{"name":"m","period":"day",
    "values":[{"value":[1],"end_time":"2026-09-04T07:00:00+0000"}]}]})");
  REQUIRE_FALSE(full);
  CHECK(full.error().message.find("data[0].values[0].value") != std::string::npos);
}

TEST_CASE("posts carry their expanded lifetime insights, comments and paging") {
  auto posts = parse_posts(R"({"data":[
    {"id":"1100200300_501","created_time":"2026-09-05T14:33:01+0000","message":"Carrot cake today",
     "permalink_url":"https://www.facebook.com/1100200300/posts/501","status_type":"added_photos","shares":{"count":4},
     "insights":{"data":[
       {"name":"post_media_view","period":"lifetime","values":[{"value":812}],"title":"post_media_view",
        "description":"","id":"1100200300_501/insights/post_media_view/lifetime"},
       {"name":"post_reactions_by_type_total","period":"lifetime","values":[{"value":{"like":15,"love":1}}],
        "title":"Lifetime Total post Reactions by Type.","description":"","id":"1100200300_501/insights/post_reactions_by_type_total/lifetime"}]},
     "comments":{"data":[
       {"id":"501_9001","from":{"name":"Ana Puig","id":"7001"},"created_time":"2026-09-05T15:00:00+0000","message":"Yum"},
       {"id":"501_9002","created_time":"2026-09-05T16:00:00+0000","message":"Thanks!","parent":{"id":"501_9001"}}],
       "paging":{"cursors":{"before":"QVFIa","after":"QVFIb"}},
       "summary":{"order":"chronological","total_count":2,"can_comment":true}}},
    {"id":"1100200300_502","created_time":"2026-09-01T09:00:00+0000"}],
    "paging":{"cursors":{"before":"QVFIc","after":"QVFId"},
      "next":"https://graph.facebook.com/v25.0/1100200300/published_posts?access_token=EAAB123&limit=2&after=QVFId"}})");
  REQUIRE(posts);
  REQUIRE(posts->data.size() == 2);
  const Post& post = posts->data[0];
  CHECK(post.id == "1100200300_501");
  CHECK(post.created_time == "2026-09-05T14:33:01+0000");
  CHECK(post.message == "Carrot cake today");
  CHECK(post.permalink_url == "https://www.facebook.com/1100200300/posts/501");
  CHECK(post.status_type == "added_photos");
  CHECK(post.shares == 4);
  REQUIRE(post.insights.has_value());
  CHECK(post.insights->series.size() == 2);
  CHECK(post.insights->series[1].values[0].by_key.size() == 2);
  REQUIRE(post.comments.has_value());
  CHECK(post.comments->total_count == 2);
  CHECK(post.comments->paging.after == "QVFIb");
  REQUIRE(post.comments->data.size() == 2);
  CHECK(post.comments->data[0].from->name == "Ana Puig");
  CHECK(post.comments->data[0].from->id == "7001");
  CHECK(post.comments->data[0].parent_id.empty());
  CHECK(post.comments->data[1].parent_id == "501_9001");
  const Post& bare = posts->data[1];
  CHECK_FALSE(bare.shares.has_value());
  CHECK_FALSE(bare.insights.has_value());
  CHECK_FALSE(bare.comments.has_value());
  CHECK(posts->paging.before == "QVFIc");
  CHECK(posts->paging.after == "QVFId");
  CHECK(posts->paging.next ==
        "https://graph.facebook.com/v25.0/1100200300/published_posts?limit=2&after=QVFId");
}

TEST_CASE("comments without from have no author") {
  auto comments =
      parse_comments(R"({"data":[{"comment_count":1,"created_time":"2021-08-10T18:45:03+0000",
    "like_count":0,"message":"How do I use my Page as my profile?"}],
    "paging":{"cursors":{"before":"b","after":"a"},"next":"https://graph.facebook.com/v11.0/9_8/comments?access_token=tok&limit=10&after=a"},
    "summary":{"order":"chronological","total_count":18,"can_comment":true}})");
  REQUIRE(comments);
  REQUIRE(comments->data.size() == 1);
  const Comment& comment = comments->data[0];
  CHECK_FALSE(comment.from.has_value());
  CHECK(comment.id.empty());
  CHECK(comment.comment_count == 1);
  CHECK(comment.like_count == 0);
  CHECK(comment.created_time == "2021-08-10T18:45:03+0000");
  CHECK(comments->total_count == 18);
  CHECK(comments->paging.next == "https://graph.facebook.com/v11.0/9_8/comments?limit=10&after=a");
}

TEST_CASE("the error envelope is read with all its fields") {
  auto error =
      parse_graph_error(R"({"error":{"message":"Error validating access token: Session has expired",
    "type":"OAuthException","code":190,"error_subcode":463,"error_user_title":"Session expired",
    "error_user_msg":"Log in again","is_transient":false,"fbtrace_id":"AbCdEf"}})");
  REQUIRE(error.has_value());
  CHECK(error->code == 190);
  CHECK(error->subcode == 463);
  CHECK(error->type == "OAuthException");
  CHECK(error->message == "Error validating access token: Session has expired");
  CHECK(error->user_title == "Session expired");
  CHECK(error->user_message == "Log in again");
  CHECK(error->fbtrace_id == "AbCdEf");
  CHECK_FALSE(error->is_transient);
}

TEST_CASE("an error envelope without optional fields, and bodies that are not one") {
  auto error =
      parse_graph_error(R"({"error":{"message":"(#100) The value must be a valid insights metric",
    "type":"OAuthException","code":100,"fbtrace_id":"An4Olz"}})");
  REQUIRE(error.has_value());
  CHECK(error->code == 100);
  CHECK(error->subcode == 0);
  CHECK(error->user_message.empty());
  CHECK_FALSE(parse_graph_error(R"({"data":[]})").has_value());
  CHECK_FALSE(parse_graph_error("<html>Bad Gateway</html>").has_value());
  CHECK_FALSE(parse_graph_error(R"({"error":{"message":"cut)").has_value());
  CHECK_FALSE(parse_graph_error(R"({"error":"text"})").has_value());
}

TEST_CASE("a batch answer gives each item's code, lower-cased headers and body to parse again") {
  auto batch = parse_batch(R"([
    {"code":400,"headers":[{"name":"X-App-Usage","value":"{\"call_count\":2,\"total_cputime\":2,\"total_time\":2}"},
                           {"name":"Content-Type","value":"text/javascript; charset=UTF-8"}],
     "body":"{\"error\":{\"message\":\"Unsupported get request.\",\"type\":\"GraphMethodException\",\"code\":100}}"},
    null,
    {"code":200,"body":"{\"id\":\"1100200300\",\"followers_count\":9912}"}])");
  REQUIRE(batch);
  REQUIRE(batch->size() == 3);
  REQUIRE((*batch)[0].has_value());
  CHECK((*batch)[0]->code == 400);
  CHECK((*batch)[0]->headers.at("x-app-usage") ==
        R"({"call_count":2,"total_cputime":2,"total_time":2})");
  CHECK((*batch)[0]->headers.at("content-type") == "text/javascript; charset=UTF-8");
  CHECK(parse_graph_error((*batch)[0]->body)->code == 100);
  CHECK_FALSE((*batch)[1].has_value());
  REQUIRE((*batch)[2].has_value());
  CHECK((*batch)[2]->headers.empty());
  auto page = parse_page((*batch)[2]->body);
  REQUIRE(page);
  CHECK(page->followers_count == 9912);
}

TEST_CASE("a batch answer leaves the UTF-8 check of a body to the body's own parse") {
  // The body holds a lone lead byte (\xc3), as in a cut multi-byte character.
  const std::string answer =
      "[{\"code\":200,\"body\":\"{\\\"id\\\":\\\"1\\\",\\\"name\\\":\\\"caf\xc3\\\"}\"}]";
  auto batch = parse_batch(answer);
  REQUIRE(batch);
  REQUIRE(batch->size() == 1);
  REQUIRE((*batch)[0].has_value());
  CHECK((*batch)[0]->body == "{\"id\":\"1\",\"name\":\"caf\xc3\"}");
  auto page = parse_page((*batch)[0]->body);
  REQUIRE_FALSE(page);
  CHECK(page.error().message == "invalid JSON at offset 21: Invalid encoding in string.");
}

TEST_CASE("shape errors name the JSON path") {
  struct Row {
    const char* body;
    const char* message;
  };
  const Row rows[] = {
      {R"({"data":[{"name":"page_follows","period":"day","values":[{"value":1,"end_time":"2026-07-30"}]}]})",
       R"(data[0].values[0].end_time: not a Graph time: "2026-07-30")"},
      {R"({"data":[{"name":"page_follows","period":"day","values":[{"value":1},{"value":"12"}]}]})",
       "data[0].values[1].value: expected a number, got a string"},
      {R"({"data":[{"period":"day","values":[]}]})", "data[0].name: missing"},
      {R"({"data":{"name":"x"}})", "data: expected an array, got an object"},
      {R"({"data":[{"name":"x","period":"day","values":[{"value":{"like":"many"}}]}]})",
       "data[0].values[0].value.like: expected a number, got a string"},
      {R"([])", "response: expected an object"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    auto insights = parse_insights(row.body);
    REQUIRE_FALSE(insights.has_value());
    CHECK(insights.error().code == ExitCode::unavailable);
    CHECK(insights.error().message == row.message);
  }
}

TEST_CASE("a batch answer that is not an array of objects is refused") {
  auto not_array = parse_batch(R"({"data":[]})");
  REQUIRE_FALSE(not_array);
  CHECK(not_array.error().message == "response: expected an array");
  auto bad_item = parse_batch(R"([{"code":200,"body":"{}"},"text"])");
  REQUIRE_FALSE(bad_item);
  CHECK(bad_item.error().message == "[1]: expected an object or null");
}

TEST_CASE("a number too large for a double is an error, not infinity") {
  auto insights =
      parse_insights(R"({"data":[{"name":"x","period":"day","values":[{"value":1e999}]}]})");
  REQUIRE_FALSE(insights);
  CHECK(insights.error().message ==
        "invalid JSON at offset 55: Number too big to be stored in double.");
}

TEST_CASE("access tokens are stripped from paging URLs, wherever they stand") {
  struct Row {
    const char* url;
    const char* stripped;
  };
  const Row rows[] = {
      {"https://graph.facebook.com/v25.0/1/"
       "insights?access_token=EAAB&metric=page_follows&since=1&until=2",
       "https://graph.facebook.com/v25.0/1/insights?metric=page_follows&since=1&until=2"},
      {"https://graph.facebook.com/v25.0/1/posts?limit=2&access_token=EAAB&after=x",
       "https://graph.facebook.com/v25.0/1/posts?limit=2&after=x"},
      {"https://graph.facebook.com/v25.0/1/posts?limit=2&appsecret_proof=abc&access_token=EAAB",
       "https://graph.facebook.com/v25.0/1/posts?limit=2"},
      {"https://graph.facebook.com/v25.0/1?access_token=EAAB",
       "https://graph.facebook.com/v25.0/1"},
      {"https://graph.facebook.com/v25.0/1?my_access_token=1",
       "https://graph.facebook.com/v25.0/1?my_access_token=1"},
      {"https://graph.facebook.com/v25.0/1", "https://graph.facebook.com/v25.0/1"},
      {"", ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.url);
    CHECK(strip_access_token(row.url) == row.stripped);
  }
}

}  // namespace
}  // namespace pageaudit
