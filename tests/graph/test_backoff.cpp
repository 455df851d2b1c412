// Tests for graph/backoff: the failure classifier table, exit codes, backoff delays, messages.
#include <doctest/doctest.h>

#include "pageaudit/graph/backoff.h"

namespace pageaudit {
namespace {

TEST_CASE("Graph errors are classified by code, subcode, message and status") {
  struct Row {
    int code;
    int subcode;
    const char* message;
    bool is_transient;
    int status;
    Failure expected;
  };
  const Row rows[] = {
      {1, 0, "An unknown error occurred", false, 500, Failure::transient},
      {1, 0, "Please reduce the amount of data you're asking for, then retry your request", false,
       400, Failure::transient},
      {2, 0, "Service temporarily unavailable", true, 503, Failure::transient},
      {4, 0, "(#4) Application request limit reached", true, 400, Failure::throttled},
      {17, 0, "(#17) User request limit reached", false, 400, Failure::throttled},
      {32, 0, "(#32) Page request limit reached", false, 400, Failure::throttled},
      {341, 0, "Application limit reached", false, 400, Failure::throttled},
      {613, 1996, "(#613) Calls to this api have exceeded the rate limit.", false, 400,
       Failure::throttled},
      {80001, 0, "(#80001) There have been too many calls to this Page account.", true, 400,
       Failure::throttled},
      {0, 0, "", false, 429, Failure::throttled},
      {190, 0, "Invalid OAuth access token - Cannot parse access token", false, 400,
       Failure::token},
      {190, 458, "Error validating access token: The user has not authorized application", false,
       400, Failure::token},
      {190, 459, "Error validating access token: The user is checkpointed", false, 400,
       Failure::token},
      {190, 460, "Error validating access token: The session has been invalidated", false, 400,
       Failure::token},
      {190, 463, "Error validating access token: Session has expired", false, 400, Failure::token},
      {190, 464, "Error validating access token: Sessions for the user are not allowed", false, 400,
       Failure::token},
      {190, 467, "Error validating access token: The user has logged out", false, 400,
       Failure::token},
      {190, 0, "An unexpected error has occurred. Please retry your request later.", true, 400,
       Failure::transient},
      {102, 0, "Session key invalid or no longer valid", false, 400, Failure::token},
      {104, 0, "An access token is required to request this resource.", false, 400, Failure::token},
      {10, 0, "(#10) This endpoint requires the 'pages_read_engagement' permission", false, 403,
       Failure::permission},
      {200, 0, "(#200) Requires business_management permission to manage the object", false, 403,
       Failure::permission},
      {299, 0, "(#299) Permissions error", false, 400, Failure::permission},
      {3, 0, "(#3) Application does not have the capability to make this API call.", false, 400,
       Failure::permission},
      {100, 0, "(#100) The value must be a valid insights metric", false, 400,
       Failure::invalid_metric},
      {100, 0,
       "(#100) Object does not exist, cannot be loaded due to missing permission or reviewable "
       "feature, or does "
       "not support this operation.",
       false, 400, Failure::permission},
      {100, 33, "Unsupported get request. Object with ID '2' does not exist", false, 400,
       Failure::other},
      {100, 0, "(#100) There cannot be more than 93 days (8035200 s) between since and until",
       false, 400, Failure::other},
      {3001, 1504028, "Invalid query", false, 400, Failure::other},
      {368, 0, "The action attempted has been deemed abusive or is otherwise disallowed", false,
       400, Failure::other},
      {9999, 0, "Something new", false, 502, Failure::transient},
  };
  for (const auto& row : rows) {
    CAPTURE(row.code);
    CAPTURE(row.message);
    GraphError error;
    error.code = row.code;
    error.subcode = row.subcode;
    error.message = row.message;
    error.is_transient = row.is_transient;
    CHECK(classify(error, row.status) == row.expected);
  }
}

HttpResponse answer(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse transport(TransportError error) {
  HttpResponse response;
  response.transport = error;
  response.transport_message = "GET http://127.0.0.1:1/v25.0/1: failed";
  return response;
}

TEST_CASE("answers are classified from transport, status and body") {
  struct Row {
    HttpResponse response;
    std::optional<Failure> expected;
  };
  const Row rows[] = {
      {transport(TransportError::timeout), Failure::transient},
      {transport(TransportError::connect), Failure::transient},
      {transport(TransportError::reset), Failure::transient},
      {transport(TransportError::other), Failure::other},
      {answer(200, R"({"id":"1"})"), std::nullopt},
      {answer(200, R"({"id":)"), std::nullopt},  // a success; its parser reports the cut body
      {answer(500, "<html>Internal Server Error</html>"), Failure::transient},
      {answer(503, ""), Failure::transient},
      {answer(429, "Too Many Requests"), Failure::throttled},
      {answer(400, R"({"error":{"message":"(#100) The value)"), Failure::transient},
      {answer(404, "<html>Not Found</html>"), Failure::other},
      {answer(403, "{}"), Failure::other},
      {answer(
           400,
           R"({"error":{"message":"(#100) The value must be a valid insights metric","type":"OAuthException","code":100}})"),
       Failure::invalid_metric},
      {answer(400,
              R"({"error":{"message":"(#80001) There have been too many calls","code":80001}})"),
       Failure::throttled},
      {answer(
           400,
           R"({"error":{"message":"Error validating access token","code":190,"error_subcode":463}})"),
       Failure::token},
      {answer(500,
              R"({"error":{"message":"An unknown error occurred","code":1,"is_transient":true}})"),
       Failure::transient},
  };
  for (const auto& row : rows) {
    CAPTURE(row.response.status);
    CAPTURE(row.response.body);
    CHECK(classify(row.response) == row.expected);
  }
}

TEST_CASE("each failure ends a run with its exit code") {
  CHECK(exit_code(Failure::token) == ExitCode::no_perm);
  CHECK(exit_code(Failure::permission) == ExitCode::no_perm);
  CHECK(exit_code(Failure::throttled) == ExitCode::temp_fail);
  CHECK(exit_code(Failure::transient) == ExitCode::unavailable);
  CHECK(exit_code(Failure::other) == ExitCode::unavailable);
  CHECK(exit_code(Failure::invalid_metric) == ExitCode::data);
}

TEST_CASE("backoff doubles from the base up to the cap, scaled by the jitter draw") {
  BackoffPolicy policy;  // base 1 s, cap 60 s
  struct Row {
    int retry;
    double draw;
    long long delay_ms;
  };
  const Row rows[] = {
      {1, 0.5, 500},                                      // ceiling 1000
      {1, 0.0, 0},      {1, 0.999, 999}, {2, 0.5, 1000},  // ceiling 2000
      {3, 0.25, 1000},                                    // ceiling 4000
      {6, 1.0, 32000},                                    // ceiling 32000
      {7, 0.5, 30000},                                    // 64000 capped to 60000
      {40, 1.0, 60000},                                   // far beyond: still the cap, no overflow
      {0, 0.5, 500},                                      // retry 0 is treated as the first
      {2, -1.0, 0},                                       // draws outside [0, 1] are clamped
      {2, 2.0, 2000},
  };
  for (const auto& row : rows) {
    CAPTURE(row.retry);
    CAPTURE(row.draw);
    CHECK(backoff_delay(policy, row.retry, row.draw).count() == row.delay_ms);
  }
  BackoffPolicy small{std::chrono::milliseconds(100), std::chrono::milliseconds(250), 3};
  CHECK(backoff_delay(small, 2, 0.5).count() == 100);  // ceiling 200
  CHECK(backoff_delay(small, 3, 0.5).count() == 125);  // 400 capped to 250
}

TEST_CASE("only transient failures are retried, up to the limit") {
  BackoffPolicy policy;  // 5 retries
  CHECK(should_retry(policy, Failure::transient, 0));
  CHECK(should_retry(policy, Failure::transient, 4));
  CHECK_FALSE(should_retry(policy, Failure::transient, 5));
  for (Failure failure : {Failure::throttled, Failure::token, Failure::permission,
                          Failure::invalid_metric, Failure::other}) {
    CHECK_FALSE(should_retry(policy, failure, 0));
  }
}

TEST_CASE("a failure message names method, redacted URL, status and Meta's message") {
  HttpRequest request{
      HttpMethod::get,
      "https://graph.facebook.com/v25.0/1/insights?metric=page_impressions&access_token=EAABsecret",
      ""};
  CHECK(
      failure_message(
          request,
          answer(
              400,
              R"({"error":{"message":"(#100) The value must be a valid insights metric","type":"OAuthException","code":100}})")) ==
      "GET "
      "https://graph.facebook.com/v25.0/1/"
      "insights?metric=page_impressions&access_token=[REDACTED]: HTTP 400: "
      "(#100) The value must be a valid insights metric (code 100)");
  CHECK(
      failure_message(
          request,
          answer(
              400,
              R"({"error":{"message":"Error validating access token: Session has expired","code":190,"error_subcode":463}})")) ==
      "GET "
      "https://graph.facebook.com/v25.0/1/"
      "insights?metric=page_impressions&access_token=[REDACTED]: HTTP 400: "
      "Error validating access token: Session has expired (code 190, subcode 463)");
  CHECK(failure_message(request, answer(502, "<html>Bad Gateway</html>")) ==
        "GET "
        "https://graph.facebook.com/v25.0/1/"
        "insights?metric=page_impressions&access_token=[REDACTED]: HTTP 502");
  HttpRequest batch{HttpMethod::post, "https://graph.facebook.com/v25.0/",
                    "access_token=EAABsecret&batch=[]"};
  CHECK(failure_message(batch, answer(500, "")) ==
        "POST https://graph.facebook.com/v25.0/: HTTP 500");
  HttpResponse dropped = transport(TransportError::reset);
  dropped.transport_message =
      "GET http://127.0.0.1:1/v25.0/1?access_token=[REDACTED]: connection dropped: closed";
  CHECK(failure_message(request, dropped) == dropped.transport_message);
}

}  // namespace
}  // namespace pageaudit
