// Tests for graph/http: CurlHttpClient against the fake Graph server — GET, batch POST,
// concurrency, the run queue, every injected fault classified, and no token in any message.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "fake_graph.h"
#include "pageaudit/graph/backoff.h"
#include "pageaudit/graph/http.h"
#include "pageaudit/graph/parse.h"
#include "pageaudit/graph/request.h"
#include "pageaudit/graph/usage.h"

namespace pageaudit {
namespace {

using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

// A token that must never show up in a message.
constexpr const char* k_token = "EAAGsecretTOKEN123";

fake::FakeGraphOptions fake_options(milliseconds latency = milliseconds(0)) {
  fake::FakeGraphOptions options;
  options.token = k_token;
  options.today = Date::parse_iso("2026-09-30");
  options.latency = latency;
  return options;
}

GraphTarget target_of(const fake::FakeGraph& server) {
  return GraphTarget{server.base_url(), "v25.0", k_token};
}

long long elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
}

TEST_CASE("a GET returns the status, lower-cased headers and the body") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  CurlHttpClient client;
  auto response =
      client.send(get_request(target_of(server), "1100200300?fields=id,followers_count"));
  REQUIRE(response);
  CHECK(response->transport == TransportError::none);
  CHECK(response->status == 200);
  CHECK(response->headers.at("content-type") == "application/json; charset=UTF-8");
  CHECK(response->headers.count("x-business-use-case-usage") == 1);
  auto page = parse_page(response->body);
  REQUIRE(page);
  CHECK(page->id == "1100200300");
  CHECK(page->followers_count.has_value());
}

TEST_CASE("a batch POST answers every call in order, errors per item") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  CurlHttpClient client;
  auto batches =
      batch_requests(target_of(server), {"1100200300?fields=id,fan_count",
                                         "1100200300/insights?metric=page_follows&period=day",
                                         "1100200300/insights?metric=page_impressions&period=day"});
  REQUIRE(batches.size() == 1);
  auto response = client.send(batches[0]);
  REQUIRE(response);
  REQUIRE(response->status == 200);
  auto items = parse_batch(response->body);
  REQUIRE(items);
  REQUIRE(items->size() == 3);
  CHECK((*items)[0]->code == 200);
  CHECK(parse_page((*items)[0]->body)->fan_count.has_value());
  CHECK((*items)[1]->code == 200);
  CHECK(parse_insights((*items)[1]->body)->series.at(0).name == "page_follows");
  CHECK((*items)[2]->code == 400);
  HttpResponse item{(*items)[2]->code, (*items)[2]->headers, (*items)[2]->body,
                    TransportError::none, ""};
  CHECK(classify(item) == Failure::invalid_metric);
  fake::RequestLog log = server.log();
  CHECK(log.http_requests == 1);
  CHECK(log.graph_calls == 3);
  CHECK(log.per_page.at("1100200300") == 1);
}

TEST_CASE("requests run concurrently: 40 calls of 100 ms with 8 in flight take far less than 4 s") {
  // 100 ms of latency so that the margin holds under a sanitizer on a busy machine: per-request
  // overhead does not grow with the latency, the gap between serial and concurrent does.
  fake::FakeGraph server(fake_options(milliseconds(100)));
  REQUIRE(server.start());
  CurlHttpClient client;
  std::vector<HttpRequest> requests;
  for (int i = 0; i < 40; ++i) {
    requests.push_back(get_request(target_of(server), std::to_string(1000 + i) + "?fields=id"));
  }
  auto start = Clock::now();
  auto responses = client.perform(requests, 8);
  long long ms = elapsed_ms(start);
  // Lower bound 40 * 100 / 8 = 500 ms; sequential would be 4000 ms.
  CHECK(ms >= 500);
  CHECK(ms < 2000);
  REQUIRE(responses.size() == 40);
  for (int i = 0; i < 40; ++i) {
    REQUIRE(responses[i]);
    CHECK(responses[i]->status == 200);
    CHECK(parse_page(responses[i]->body)->id == std::to_string(1000 + i));  // in request order
  }
  CHECK(server.log().per_page.size() == 40);
}

TEST_CASE("the run queue takes follow-up jobs, honours not_before and can be stopped") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  CurlHttpClient client;
  GraphTarget target = target_of(server);

  std::vector<std::uint64_t> order;
  auto start = Clock::now();
  client.run({HttpJob{get_request(target, "1?fields=id"), 1, {}}}, 4,
             [&](HttpJob job, Result<HttpResponse> response, HttpQueue& queue) {
               REQUIRE(response);
               order.push_back(job.tag);
               if (job.tag == 1)
                 queue.add(HttpJob{get_request(target, "2?fields=id"), 2,
                                   Clock::now() + milliseconds(150)});
             });
  CHECK(order == std::vector<std::uint64_t>{1, 2});
  CHECK(elapsed_ms(start) >= 150);

  std::vector<HttpJob> jobs;
  for (std::uint64_t i = 0; i < 10; ++i)
    jobs.push_back(HttpJob{get_request(target, "3?fields=id"), i, {}});
  int done = 0;
  int before = server.log().http_requests;
  client.run(std::move(jobs), 1, [&](HttpJob, Result<HttpResponse>, HttpQueue& queue) {
    ++done;
    queue.stop();
    // A job flushed after stop() is dropped with the rest.
    queue.add(HttpJob{get_request(target, "4?fields=id"), 99, {}});
    queue.flush();
  });
  CHECK(done == 1);
  // Time for a request sent by mistake to reach the server's log.
  std::this_thread::sleep_for(milliseconds(200));
  CHECK(server.log().http_requests == before + 1);
}

TEST_CASE("a job flushed from a callback goes out while the callback still works") {
  fake::FakeGraph server(fake_options(milliseconds(300)));
  REQUIRE(server.start());
  CurlHttpClient client;
  GraphTarget target = target_of(server);
  for (bool flushed : {true, false}) {
    CAPTURE(flushed);
    Clock::time_point first_returned{};
    long long gap_ms = -1;
    client.run({HttpJob{get_request(target, "1?fields=id"), 1, {}}}, 1,
               [&](HttpJob job, Result<HttpResponse> response, HttpQueue& queue) {
                 REQUIRE(response);
                 CHECK(response->status == 200);
                 if (job.tag == 2) {
                   gap_ms = elapsed_ms(first_returned);
                   return;
                 }
                 queue.add(HttpJob{get_request(target, "2?fields=id"), 2, {}});
                 if (flushed) queue.flush();
                 // The rest of the callback's work, longer than the next answer takes.
                 std::this_thread::sleep_for(milliseconds(500));
                 first_returned = Clock::now();
               });
    REQUIRE(gap_ms >= 0);
    // Flushed, the second answer came while the first callback slept; else it takes the
    // latency after the callback returns.
    if (flushed) {
      CHECK(gap_ms < 200);
    } else {
      CHECK(gap_ms >= 300);
    }
  }
}

struct FaultCase {
  fake::FaultKind kind;
  int status;  // 0: a transport failure
  Failure failure;
};

TEST_CASE("every injected fault is seen as the right kind of failure") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  CurlHttpClient client;
  HttpRequest request =
      get_request(target_of(server), "1100200300/insights?metric=page_follows&period=day");
  const FaultCase cases[] = {
      {fake::FaultKind::http_500, 500, Failure::transient},
      {fake::FaultKind::http_503, 503, Failure::transient},
      {fake::FaultKind::throttle_4, 400, Failure::throttled},
      {fake::FaultKind::throttle_17, 400, Failure::throttled},
      {fake::FaultKind::throttle_32, 400, Failure::throttled},
      {fake::FaultKind::throttle_80001, 400, Failure::throttled},
      {fake::FaultKind::throttle_613, 400, Failure::throttled},
      {fake::FaultKind::http_429, 429, Failure::throttled},
      {fake::FaultKind::token_190, 400, Failure::token},
      {fake::FaultKind::drop_connection, 0, Failure::transient},
  };
  for (const auto& c : cases) {
    CAPTURE(static_cast<int>(c.kind));
    server.add_fault(fake::FaultRule{c.kind, 1, "", milliseconds(0), 5});
    auto response = client.send(request);
    REQUIRE(response);
    CHECK(response->status == c.status);
    CHECK(classify(*response) == c.failure);
    if (c.failure == Failure::throttled) {
      Usage usage = parse_usage(response->headers);
      CHECK(usage.percent == 100);
      if (c.kind != fake::FaultKind::http_429) CHECK(usage.regain.count() == 5 * 60);
      CHECK(advise(UsagePolicy{}, usage).pace == Pace::pause);
    }
  }
  auto normal = client.send(request);  // the faults are spent: a normal answer again
  REQUIRE(normal);
  CHECK(normal->status == 200);
}

TEST_CASE("a body cut short arrives whole as far as HTTP goes and fails to parse") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  server.add_fault(fake::FaultRule{fake::FaultKind::truncated_json, 1, "", milliseconds(0), 5});
  CurlHttpClient client;
  auto response =
      client.send(get_request(target_of(server), "1100200300?fields=id,name,followers_count"));
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK_FALSE(classify(*response).has_value());
  auto page = parse_page(response->body);
  REQUIRE_FALSE(page);
  CHECK(page.error().message.rfind("invalid JSON at offset ", 0) == 0);
}

TEST_CASE("a slow answer times out, and a closed port cannot connect") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  server.add_fault(fake::FaultRule{fake::FaultKind::slow, 1, "", milliseconds(400), 5});
  HttpOptions options;
  options.timeout = milliseconds(150);
  CurlHttpClient client(options);
  auto slow = client.send(get_request(target_of(server), "1?fields=id"));
  REQUIRE(slow);
  CHECK(slow->transport == TransportError::timeout);
  CHECK(classify(*slow) == Failure::transient);

  int closed_port = 0;
  {
    fake::FakeGraph gone(fake_options());
    REQUIRE(gone.start());
    closed_port = gone.port();
  }
  auto refused = client.send(get_request(
      GraphTarget{"http://127.0.0.1:" + std::to_string(closed_port), "v25.0", k_token}, "1"));
  REQUIRE(refused);
  CHECK(refused->transport == TransportError::connect);
  CHECK(classify(*refused) == Failure::transient);
}

TEST_CASE("a fault can target the next N requests whose path matches") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  server.add_fault(fake::FaultRule{fake::FaultKind::http_503, 2, "/insights", milliseconds(0), 5});
  CurlHttpClient client;
  GraphTarget target = target_of(server);
  auto responses = client.perform(
      {get_request(target, "1?fields=id"), get_request(target, "1/insights?metric=page_follows")},
      1);
  CHECK(responses[0]->status == 200);
  CHECK(responses[1]->status == 503);
  CHECK(client.send(get_request(target, "1/insights?metric=page_follows"))->status == 503);
  CHECK(client.send(get_request(target, "1/insights?metric=page_follows"))->status == 200);
}

TEST_CASE("missing, wrong and expired tokens are token failures") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  CurlHttpClient client;
  auto missing =
      client.send(HttpRequest{HttpMethod::get, server.base_url() + "/v25.0/1?fields=id", ""});
  REQUIRE(missing);
  CHECK(parse_graph_error(missing->body)->code == 104);
  CHECK(classify(*missing) == Failure::token);
  auto wrong = client.send(
      get_request(GraphTarget{server.base_url(), "v25.0", "not-the-token"}, "1?fields=id"));
  REQUIRE(wrong);
  CHECK(parse_graph_error(wrong->body)->code == 190);
  CHECK(classify(*wrong) == Failure::token);
}

TEST_CASE("no message of any failure contains the token") {
  fake::FakeGraph server(fake_options());
  REQUIRE(server.start());
  HttpOptions options;
  options.timeout = milliseconds(200);
  CurlHttpClient client(options);
  GraphTarget target = target_of(server);
  HttpRequest request = get_request(target, "1100200300/insights?metric=page_follows&period=day");
  REQUIRE(request.url.find(k_token) != std::string::npos);

  std::vector<std::string> messages;
  for (auto kind :
       {fake::FaultKind::http_500, fake::FaultKind::throttle_80001, fake::FaultKind::token_190,
        fake::FaultKind::drop_connection, fake::FaultKind::http_429}) {
    server.add_fault(fake::FaultRule{kind, 1, "", milliseconds(0), 5});
    auto response = client.send(request);
    REQUIRE(response);
    messages.push_back(failure_message(request, *response));
  }
  server.add_fault(fake::FaultRule{fake::FaultKind::slow, 1, "", milliseconds(400), 5});
  auto slow = client.send(request);
  REQUIRE(slow);
  CHECK(slow->transport == TransportError::timeout);
  messages.push_back(slow->transport_message);
  messages.push_back(failure_message(request, *slow));
  auto retired = client.send(get_request(target, "1100200300/insights?metric=page_impressions"));
  messages.push_back(failure_message(
      get_request(target, "1100200300/insights?metric=page_impressions"), *retired));
  auto batch = batch_requests(target, {"1/insights?metric=page_fans"});
  server.add_fault(fake::FaultRule{fake::FaultKind::http_503, 1, "", milliseconds(0), 5});
  messages.push_back(failure_message(batch[0], *client.send(batch[0])));
  auto bad_url = client.send(HttpRequest{
      HttpMethod::get, std::string("ftp://127.0.0.1/v25.0/1?access_token=") + k_token, ""});
  REQUIRE_FALSE(bad_url);
  CHECK(bad_url.error().code == ExitCode::usage);
  messages.push_back(bad_url.error().message);

  for (const auto& message : messages) {
    CAPTURE(message);
    CHECK(message.find(k_token) == std::string::npos);
  }
  CHECK(messages[3].rfind(
            fmt::format("GET {}/v25.0/1100200300/insights?metric=page_follows&period=day&"
                        "access_token=[REDACTED]: connection dropped: ",
                        server.base_url()),
            0) == 0);
  CHECK(messages[5].rfind(
            fmt::format("GET {}/v25.0/1100200300/insights?metric=page_follows&period=day&"
                        "access_token=[REDACTED]: timeout: ",
                        server.base_url()),
            0) == 0);
  CHECK(messages.back().rfind("GET ftp://127.0.0.1/v25.0/1?access_token=[REDACTED]: invalid URL: ",
                              0) == 0);
}

}  // namespace
}  // namespace pageaudit
