// Retry policy for Graph calls: what kind of failure an answer is, and how long to wait before
// trying again.
//
// Everything here is pure: the clock and the random source stay with the caller, so the tests
// can state exact delays.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "pageaudit/core/error.h"
#include "pageaudit/graph/http.h"
#include "pageaudit/graph/parse.h"

namespace pageaudit {

enum class Failure {
  transient,  // HTTP 5xx, codes 1 and 2, is_transient, timeouts, dropped connections, garbled JSON:
              // retry
  throttled,  // codes 4, 17, 32, 341, 613, 80001, HTTP 429: stop calling, wait (graph/usage.h)
  token,  // code 190 (any subcode), 102, 104 (no token): invalid, expired or missing; never retry
  permission,  // code 3, 10, 200-299, or #100 "missing permission": the token lacks a permission
  invalid_metric,  // #100 "must be a valid insights metric": drop that metric and ask for the rest
  other,           // anything else: not retried
};

// The kind of failure in a Graph error envelope. Code 100 is overloaded, so it is told apart by
// message. Throttling codes win over is_transient (Meta marks #4 transient too); is_transient
// wins over the rest, as Meta asks (even a 190 may be transient). An unknown code with HTTP 429
// is throttling and with 5xx transient.
Failure classify(const GraphError& error, int http_status);

// The kind of failure of an answer that is not a success: a transport failure, or a status
// outside 2xx whose body is classified as an error envelope when it is one. Without an envelope:
// 429 is throttling, 5xx transient, JSON cut short transient (Meta's answers get truncated under
// load), anything else (an HTML page) other. nullopt for a 2xx answer: that is a success, whose
// body the caller parses (a 2xx body that fails to parse is transient too).
std::optional<Failure> classify(const HttpResponse& response);

// Exit code for a run that ends on this failure: token and permission 77, throttled 75,
// transient (retries spent) and other 69, invalid_metric 65.
ExitCode exit_code(Failure failure);

// Capped exponential backoff with full jitter: retry n (1 = the first retry) waits a uniformly
// random time in [0, min(cap, base * 2^(n-1))]. Full jitter spreads 200 Pages' retries instead
// of letting them hit Meta again in lockstep.
struct BackoffPolicy {
  std::chrono::milliseconds base{1'000};
  std::chrono::milliseconds cap{60'000};
  int max_retries = 5;  // tries after the first one
};

// The delay before retry number `retry` (1 = the first retry); random01 is a draw from [0, 1)
// supplied by the caller (values outside are clamped).
std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int retry, double random01);

// Whether a call that failed this way after `retries_done` retries may be tried again: only
// transient failures, at most policy.max_retries times.
bool should_retry(const BackoffPolicy& policy, Failure failure, int retries_done);

// The message for a failed answer, naming the method, the redacted URL, the status and Meta's
// words: "GET https://graph.facebook.com/v25.0/1/insights?access_token=[REDACTED]&metric=x:
// HTTP 400: (#100) The value must be a valid insights metric (code 100)". For a transport
// failure, its transport_message. Every part goes through redact().
std::string failure_message(const HttpRequest& request, const HttpResponse& response);

}  // namespace pageaudit
