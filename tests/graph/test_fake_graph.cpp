// Tests for the fake Graph server (tests/fake_graph): that it speaks Meta's protocol as the pull
// will meet it, so that tests and benchmarks built on it mean something.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fake_graph.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/http.h"
#include "pageaudit/graph/parse.h"
#include "pageaudit/graph/request.h"
#include "pageaudit/graph/usage.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::day;

// A started fake server with today = 2026-09-30 and a client for it.
struct Fixture {
  explicit Fixture(fake::FakeGraphOptions options = {}) : server(with_today(std::move(options))) {
    REQUIRE(server.start());
    target = GraphTarget{server.base_url(), "v25.0", server.token()};
  }
  static fake::FakeGraphOptions with_today(fake::FakeGraphOptions options) {
    options.today = day("2026-09-30");
    return options;
  }
  HttpResponse get(const std::string& call) {
    auto response = client.send(get_request(target, call));
    REQUIRE(response);
    REQUIRE(response->transport == TransportError::none);
    return *response;
  }
  Insights insights(const std::string& call) {
    HttpResponse response = get(call);
    REQUIRE(response.status == 200);
    auto parsed = parse_insights(response.body);
    REQUIRE(parsed);
    return *parsed;
  }
  std::string error_message(const std::string& call) {
    HttpResponse response = get(call);
    CHECK(response.status == 400);
    auto error = parse_graph_error(response.body);
    REQUIRE(error.has_value());
    return error->message;
  }

  fake::FakeGraph server;
  CurlHttpClient client;
  GraphTarget target;
};

std::map<std::string, double> by_date(const InsightSeries& series) {
  std::map<std::string, double> out;
  for (const auto& value : series.values) out[value.date->iso()] = *value.value;
  return out;
}

TEST_CASE("the fake gives the same numbers for a day whatever window asks for it") {
  Fixture f;
  auto a = by_date(f.insights(insights_call("1100200300", {"page_media_view"},
                                            {day("2026-09-01"), day("2026-09-11")}))
                       .series.at(0));
  auto b = by_date(f.insights(insights_call("1100200300", {"page_media_view"},
                                            {day("2026-09-05"), day("2026-09-21")}))
                       .series.at(0));
  REQUIRE(a.size() == 10);
  REQUIRE(b.size() == 16);
  CHECK(a.begin()->first == "2026-09-01");
  CHECK(a.rbegin()->first == "2026-09-10");
  for (const char* shared : {"2026-09-05", "2026-09-06", "2026-09-10"})
    CHECK(a.at(shared) == b.at(shared));
  auto other = by_date(f.insights(insights_call("2200300400", {"page_media_view"},
                                                {day("2026-09-01"), day("2026-09-11")}))
                           .series.at(0));
  CHECK(other != a);
}

TEST_CASE("the follower total moves by the day's follows minus unfollows") {
  Fixture f;
  Insights insights = f.insights(insights_call(
      "1100200300", {"page_follows", "page_daily_follows_unique", "page_daily_unfollows_unique"},
      {day("2026-09-01"), day("2026-09-08")}));
  REQUIRE(insights.series.size() == 3);
  auto total = by_date(insights.series[0]);
  auto follows = by_date(insights.series[1]);
  auto unfollows = by_date(insights.series[2]);
  for (const char* d : {"2026-09-02", "2026-09-03", "2026-09-07"}) {
    CAPTURE(d);
    std::string before = (day(d) - 1).iso();
    CHECK(total.at(d) - total.at(before) == follows.at(d) - unfollows.at(d));
  }
}

TEST_CASE("the fake has no value for today, the future, or beyond two years") {
  Fixture f;
  auto recent = by_date(
      f.insights(insights_call("1", {"page_views_total"}, {day("2026-09-25"), day("2026-10-05")}))
          .series.at(0));
  CHECK(recent.size() == 5);
  CHECK(recent.rbegin()->first == "2026-09-29");
  auto old = by_date(
      f.insights(insights_call("1", {"page_views_total"}, {day("2024-09-25"), day("2024-10-05")}))
          .series.at(0));
  CHECK(old.begin()->first == "2024-09-30");  // 730 days before 2026-09-30
}

TEST_CASE("since and until may be dates, and windows longer than 93 days are refused") {
  Fixture f;
  auto dated =
      f.insights("1/insights?metric=page_views_total&period=day&since=2026-09-01&until=2026-09-04");
  CHECK(dated.series.at(0).values.size() == 3);
  CHECK(
      f.insights("1/insights?metric=page_views_total&period=day&since=2026-06-01&until=2026-09-02")
          .series.at(0)
          .values.size() == 93);
  CHECK(f.error_message(
            "1/insights?metric=page_views_total&period=day&since=2026-06-01&until=2026-09-03") ==
        "(#100) There cannot be more than 93 days (8035200 s) between since and until");
}

TEST_CASE(
    "retired and unknown metrics are refused as Meta refuses them, failing the whole request") {
  Fixture f;
  for (const char* metric :
       {"page_impressions", "page_fans", "page_impressions_unique", "page_engaged_users",
        "page_fans_city", "post_media_view", "no_such_metric"}) {
    CAPTURE(metric);
    CHECK(f.error_message(std::string("1/insights?metric=") + metric + "&period=day") ==
          "(#100) The value must be a valid insights metric");
  }
  CHECK(f.error_message("1/insights?metric=page_follows,page_impressions&period=day") ==
        "(#100) The value must be a valid insights metric");
  CHECK(f.error_message(page_call("1", {"page_fans"}, {day("2026-09-01"), day("2026-09-02")})) ==
        "(#100) The value must be a valid insights metric");
  HttpResponse none = f.get("1/insights?period=day");
  CHECK(parse_graph_error(none.body)->code == 3001);
  CHECK(parse_graph_error(none.body)->subcode == 1504028);
}

TEST_CASE("paging links carry the token as Meta's do and move the window by its length") {
  Fixture f;
  HttpResponse response =
      f.get(insights_call("1", {"page_follows"}, {day("2026-09-01"), day("2026-09-04")}));
  CHECK(response.body.find("access_token=" + f.server.token()) != std::string::npos);
  auto insights = parse_insights(response.body);
  REQUIRE(insights);
  // 2026-08-29, 2026-09-01, 2026-09-04 and 2026-09-07 at 00:00 PDT.
  CHECK(insights->paging.previous ==
        f.server.base_url() +
            "/v25.0/1/insights?metric=page_follows&period=day&since=1787986800&until=1788246000");
  CHECK(insights->paging.next ==
        f.server.base_url() +
            "/v25.0/1/insights?metric=page_follows&period=day&since=1788505200&until=1788764400");
}

TEST_CASE("without a period each metric comes once per period it has") {
  Fixture f;
  Insights insights = f.insights(
      "1/insights?metric=page_follows,page_post_engagements&since=2026-09-20&until=2026-09-22");
  std::vector<std::string> keys;
  for (const auto& series : insights.series) keys.push_back(series.name + "/" + series.period);
  CHECK(keys == std::vector<std::string>{"page_follows/day", "page_post_engagements/day",
                                         "page_post_engagements/week",
                                         "page_post_engagements/days_28"});
}

TEST_CASE("a count of people over a week or 28 days counts each once, views add up") {
  Fixture f;
  Insights insights = f.insights(
      "1100200300/insights?metric=page_total_media_view_unique,page_media_view"
      "&since=2026-09-02&until=2026-09-30");
  REQUIRE(insights.series.size() == 6);
  std::map<std::string, double> last;  // "metric/period" -> the value dated 2026-09-29
  std::map<std::string, double> sum, most;
  for (const auto& series : insights.series) {
    REQUIRE(series.values.size() == 28);
    last[series.name + "/" + series.period] = *series.values.back().value;
    for (const auto& value : series.values) {
      sum[series.name] += series.period == "day" ? *value.value : 0;
      most[series.name] = std::max(most[series.name], series.period == "day" ? *value.value : 0);
    }
  }
  // Daily viewers of 2026-09-02 .. 2026-09-29 sum to 42265, the largest 2970: 28-day viewers are
  // 2970 + (42265 - 2970) / 2 = 22617 (fake_data.h). Views over 28 days are the sum of the days.
  CHECK(sum["page_total_media_view_unique"] == 42265);
  CHECK(most["page_total_media_view_unique"] == 2970);
  CHECK(last["page_total_media_view_unique/days_28"] == 22617);
  CHECK(last["page_total_media_view_unique/week"] == 6035);
  CHECK(last["page_media_view/days_28"] == sum["page_media_view"]);
}

TEST_CASE("the Page node answers its fields with the window's insights expanded") {
  Fixture f;
  HttpResponse response =
      f.get(page_call("1100200300", {"page_follows", "page_total_media_view_unique"},
                      {day("2026-09-27"), day("2026-09-30")}));
  REQUIRE(response.status == 200);
  auto page = parse_page(response.body);
  REQUIRE(page);
  CHECK(page->id == "1100200300");
  CHECK(page->name == "Fake Page 1100200300");
  CHECK(page->username == "fakepage1100200300");
  CHECK(page->link == "https://www.facebook.com/1100200300");
  REQUIRE(page->insights.has_value());
  REQUIRE(page->insights->series.size() == 2);
  const InsightSeries& follows = page->insights->series[0];
  REQUIRE(follows.values.size() == 3);
  CHECK(follows.values.back().end_time == "2026-09-30T07:00:00+0000");
  CHECK(page->followers_count == follows.values.back().value);  // yesterday's total
  CHECK(page->fan_count == page->followers_count);
  CHECK_FALSE(page->insights->series[1].title.has_value());  // title: null
}

TEST_CASE("a field the node does not have fails the request") {
  Fixture f;
  CHECK(f.error_message("1?fields=id,bogus") ==
        "(#100) Tried accessing nonexisting field (bogus) on node type (Page)");
  HttpResponse syntax = f.get("1?fields=id,insights{name");
  CHECK(syntax.status == 400);
  CHECK(parse_graph_error(syntax.body)->code == 2500);
}

TEST_CASE("posts come newest first, page by cursor, and carry lifetime insights and comments") {
  Fixture f;
  PostsQuery query;
  query.metrics = {"post_media_view", "post_reactions_by_type_total"};
  query.since = day("2026-08-01");
  query.limit = 100;
  HttpResponse all_response = f.get(posts_call("1100200300", query));
  auto all = parse_posts(all_response.body);
  REQUIRE(all);
  REQUIRE(all->data.size() > 10);
  CHECK(all->paging.next.empty());
  for (size_t i = 1; i < all->data.size(); ++i)
    CHECK(all->data[i - 1].created_time > all->data[i].created_time);
  CHECK(all->data.back().created_time >= "2026-08-01T07:00:00+0000");

  query.limit = 4;
  std::vector<std::string> paged;
  for (int pages = 0; pages < 50; ++pages) {
    auto page = parse_posts(f.get(posts_call("1100200300", query)).body);
    REQUIRE(page);
    for (const auto& post : page->data) paged.push_back(post.id);
    if (page->paging.next.empty()) break;
    CHECK(page->paging.next.find("access_token") == std::string::npos);  // stripped by the parser
    query.after = page->paging.after;
  }
  REQUIRE(paged.size() == all->data.size());
  for (size_t i = 0; i < paged.size(); ++i) CHECK(paged[i] == all->data[i].id);

  const Post& post = all->data.front();
  REQUIRE(post.insights.has_value());
  REQUIRE(post.insights->series.size() == 2);
  const InsightValue& views = post.insights->series[0].values.at(0);
  CHECK(views.end_time.empty());
  CHECK(views.value.has_value());
  CHECK(post.insights->series[1].values.at(0).by_key.size() >= 1);
  REQUIRE(post.comments.has_value());
  CHECK(post.comments->total_count == static_cast<std::int64_t>(post.comments->data.size()));
}

TEST_CASE("a post's breakdown answer splits its lifetime value into buckets") {
  Fixture f;
  PostsQuery query;
  query.with_comments = false;
  query.limit = 1;
  auto posts = parse_posts(f.get(posts_call("1100200300", query)).body);
  REQUIRE(posts);
  std::string post_id = posts->data.at(0).id;
  Insights plain = f.insights(post_id + "/insights?metric=post_media_view&period=lifetime");
  Insights split = f.insights(post_id + "/insights?metric=post_media_view&breakdown=is_from_ads");
  const InsightSeries& series = split.series.at(0);
  REQUIRE(series.values.size() == 2);
  CHECK(series.values[0].breakdown ==
        std::vector<std::pair<std::string, std::string>>{{"is_from_ads", "0"}});
  CHECK(series.values[1].breakdown ==
        std::vector<std::pair<std::string, std::string>>{{"is_from_ads", "1"}});
  CHECK(*series.values[0].value + *series.values[1].value ==
        *plain.series.at(0).values.at(0).value);
  CHECK(series.title == "post_media_view");
  CHECK(series.id == post_id);
  CHECK(f.error_message(post_id + "/insights?metric=page_follows") ==
        "(#100) The value must be a valid insights metric");
}

// The first post of the Page 1100200300 that has at least one comment with a reply.
std::string post_with_reply(Fixture& f) {
  PostsQuery query;
  query.limit = 100;
  auto posts = parse_posts(f.get(posts_call("1100200300", query)).body);
  REQUIRE(posts);
  for (const auto& post : posts->data) {
    for (const auto& comment : post.comments->data) {
      if (!comment.parent_id.empty()) return post.id;
    }
  }
  FAIL("no post with a reply");
  return "";
}

TEST_CASE(
    "comments list replies with their parent under filter=stream, and authors unless withheld") {
  Fixture f;
  std::string post_id = post_with_reply(f);
  auto stream = parse_comments(f.get(comments_call(post_id, "")).body);
  REQUIRE(stream);
  std::set<std::string> ids;
  for (const auto& comment : stream->data) ids.insert(comment.id);
  bool saw_reply = false;
  for (const auto& comment : stream->data) {
    REQUIRE(comment.from.has_value());
    if (!comment.parent_id.empty()) {
      saw_reply = true;
      CHECK(ids.count(comment.parent_id) == 1);
      CHECK(comment.from->id == "1100200300");  // the Page answers
    }
  }
  CHECK(saw_reply);
  auto top = parse_comments(f.get(post_id + "/comments?fields=id,from,parent").body);
  REQUIRE(top);
  for (const auto& comment : top->data) CHECK(comment.parent_id.empty());
  CHECK(top->data.size() < stream->data.size());

  fake::FakeGraphOptions anonymous;
  anonymous.omit_comment_authors = true;
  Fixture g(anonymous);
  auto without = parse_comments(g.get(comments_call(post_id, "")).body);
  REQUIRE(without);
  REQUIRE(without->data.size() == stream->data.size());
  for (const auto& comment : without->data) CHECK_FALSE(comment.from.has_value());
}

TEST_CASE("a batch of more than 50 calls is refused whole") {
  Fixture f;
  // batch_requests() never builds such a batch, so the body is written here.
  std::string items;
  for (int i = 0; i < 51; ++i)
    items += std::string(i ? "," : "") + R"({"method":"GET","relative_url":"1"})";
  HttpRequest request{
      HttpMethod::post, f.server.base_url() + "/v25.0/",
      "access_token=" + f.server.token() + "&batch=" + url_encode("[" + items + "]")};
  auto response = f.client.send(request);
  REQUIRE(response);
  CHECK(response->status == 400);
  CHECK(parse_graph_error(response->body)->message ==
        "Too many requests in batch message. Maximum batch size is 50");
}

TEST_CASE("the request log counts HTTP requests per Page, and each batch item as a call") {
  Fixture f;
  f.get("1?fields=id");
  f.get("1/insights?metric=page_follows");
  f.get("2?fields=id");
  auto batch =
      batch_requests(f.target, {"1?fields=id", "3?fields=id", "3/insights?metric=page_follows"});
  REQUIRE(f.client.send(batch[0])->status == 200);
  fake::RequestLog log = f.server.log();
  CHECK(log.http_requests == 4);
  CHECK(log.graph_calls == 6);
  CHECK(log.per_page == std::map<std::string, int>{{"1", 3}, {"2", 1}, {"3", 1}});
  f.server.reset_log();
  CHECK(f.server.log().http_requests == 0);
}

TEST_CASE("batch items can be failed one by one by path") {
  Fixture f;
  f.server.add_fault(fake::FaultRule{fake::FaultKind::throttle_80001, 1, "3/insights",
                                     std::chrono::milliseconds(0), 5});
  auto batch = batch_requests(f.target, {"3?fields=id", "3/insights?metric=page_follows"});
  auto response = f.client.send(batch[0]);
  REQUIRE(response);
  REQUIRE(response->status == 200);
  auto items = parse_batch(response->body);
  REQUIRE(items);
  CHECK((*items)[0]->code == 200);
  CHECK((*items)[1]->code == 400);
  CHECK(parse_graph_error((*items)[1]->body)->code == 80001);
}

TEST_CASE("/me/accounts lists the configured Pages with cursors") {
  fake::FakeGraphOptions options;
  options.pages = 30;
  Fixture f(options);
  auto first = f.get("me/accounts");
  CHECK(first.body.find(R"("id":"100000000000001")") != std::string::npos);
  CHECK(first.body.find(R"("id":"100000000000025")") != std::string::npos);
  CHECK(first.body.find(R"("id":"100000000000026")") == std::string::npos);
  CHECK(first.body.find(R"("next":)") != std::string::npos);
  auto second = f.get("me/accounts?after=18");  // cursor of the 25th (index 24)
  CHECK(second.body.find(R"("id":"100000000000026")") != std::string::npos);
  CHECK(second.body.find(R"("id":"100000000000030")") != std::string::npos);
  CHECK(second.body.find(R"("next":)") == std::string::npos);
}

TEST_CASE("usage, latency and pending faults can be changed while the fake serves") {
  Fixture f;
  CHECK(f.server.today() == day("2026-09-30"));
  f.server.set_usage(82, 3);
  HttpResponse answer = f.get("1?fields=id");
  Usage usage = parse_usage(answer.headers);
  CHECK(usage.percent == 82);
  CHECK(usage.regain.count() == 3 * 60);
  HttpResponse refused = f.get("1/insights?metric=page_fans");
  CHECK(refused.status == 400);
  CHECK(parse_usage(refused.headers).percent == 82);  // error answers carry usage too

  f.server.set_latency(std::chrono::milliseconds(120));
  auto start = std::chrono::steady_clock::now();
  f.get("1?fields=id");
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(120));
  // A slow answer's delay comes on top of the latency.
  f.server.add_fault(
      fake::FaultRule{fake::FaultKind::slow, 1, "", std::chrono::milliseconds(150), 5});
  start = std::chrono::steady_clock::now();
  CHECK(f.get("1?fields=id").status == 200);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(270));
  f.server.set_latency(std::chrono::milliseconds(0));

  f.server.add_fault(
      fake::FaultRule{fake::FaultKind::http_500, 5, "", std::chrono::milliseconds(0), 5});
  f.server.clear_faults();
  CHECK(f.get("1?fields=id").status == 200);
}

TEST_CASE("the fake's today is by default today in Pacific time") {
  fake::FakeGraph server;
  CHECK(server.today() == pacific_day(static_cast<std::int64_t>(std::time(nullptr))));
}

TEST_CASE("fault rules are read from their text form") {
  std::string error;
  auto rule = fake::parse_fault_rule("http_500:3:/insights", &error);
  REQUIRE(rule.has_value());
  CHECK(rule->kind == fake::FaultKind::http_500);
  CHECK(rule->count == 3);
  CHECK(rule->path_contains == "/insights");
  auto slow = fake::parse_fault_rule("slow:1::2000", &error);
  REQUIRE(slow.has_value());
  CHECK(slow->delay.count() == 2000);
  CHECK(slow->path_contains.empty());
  CHECK(fake::parse_fault_rule("throttle_80001", &error)->count == 1);
  CHECK_FALSE(fake::parse_fault_rule("http_999:1", &error).has_value());
  CHECK(error == "unknown fault kind \"http_999\"");
  CHECK_FALSE(fake::parse_fault_rule("slow:x", &error).has_value());
  CHECK(error == "bad count \"x\"");
}

TEST_CASE("the standalone server prints its URL, obeys control requests and stops on SIGTERM") {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(out[1], 1);
    ::close(out[0]);
    ::close(out[1]);
    ::execl(PAGEAUDIT_FAKE_GRAPH_BIN, PAGEAUDIT_FAKE_GRAPH_BIN, "--port", "0", "--today",
            "2026-09-30", "--token", "tok", "--fault", "http_503:1:/insights",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  FILE* stream = ::fdopen(out[0], "r");
  char line[256] = {0};
  REQUIRE(std::fgets(line, sizeof line, stream) != nullptr);
  std::string base(line);
  base.erase(base.find_last_not_of('\n') + 1);
  CHECK(base.rfind("http://127.0.0.1:", 0) == 0);

  {
    // The client goes before the server stops: its idle connection would hold a server thread.
    CurlHttpClient client;
    GraphTarget target{base, "v25.0", "tok"};
    CHECK(client.send(get_request(target, "1/insights?metric=page_follows"))->status ==
          503);  // --fault
    CHECK(client.send(HttpRequest{HttpMethod::post, base + "/__fake/fault?spec=token_190:1", ""})
              ->status == 200);
    CHECK(parse_graph_error(client.send(get_request(target, "1?fields=id"))->body)->code == 190);
    CHECK(client.send(get_request(target, "1?fields=id"))->status == 200);
    CHECK(client.send(HttpRequest{HttpMethod::get, base + "/__fake/log", ""})->body ==
          R"({"http_requests":3,"graph_calls":3,"per_page":{"1":3}})");
  }

  ::kill(pid, SIGTERM);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::fclose(stream);
}

}  // namespace
}  // namespace pageaudit
