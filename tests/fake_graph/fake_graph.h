// A fake Meta Graph API server on 127.0.0.1 for tests, demos and benchmarks, with fault injection
// and a request log.
//
// It answers any Page id with deterministic data (fake_data.h) through the same protocol as
// graph.facebook.com: /{version}/... paths, access_token required, error envelopes, paging,
// batch POSTs, usage headers on every answer. Faults are injected per request: "fail the next N
// requests whose path and query contain S" with a Graph error, a cut body, a slow answer or a
// dropped connection.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/date.h"

namespace pageaudit::fake {

enum class FaultKind {
  http_500,         // 500, code 1 "An unknown error occurred", is_transient
  http_503,         // 503, code 2 "Service temporarily unavailable", is_transient
  throttle_4,       // 400, (#4) Application request limit reached
  throttle_17,      // 400, (#17) User request limit reached
  throttle_32,      // 400, (#32) Page request limit reached
  throttle_80001,   // 400, (#80001) There have been too many calls to this Page account...
  throttle_613,     // 400, (#613) Calls to this api have exceeded the rate limit.
  http_429,         // 429 with a plain-text body
  token_190,        // 400, 190/463 "Error validating access token: Session has expired..."
  truncated_json,   // the normal answer with its body cut in half (Content-Length matches)
  slow,             // the normal answer after an extra delay
  drop_connection,  // headers sent, then the connection is closed before the body
  echo_token,       // 400, (#100) "...valid insights metric" whose message repeats the request's
                    // access token, raw and in its URL (as Meta's debug messages can): a secret
                    // that arrives inside an error the tool prints and stores
};

struct FaultRule {
  FaultKind kind = FaultKind::http_500;
  int count = 1;              // how many matching requests it applies to
  std::string path_contains;  // "" matches every request; else a substring of path and query
                              // (of the relative_url for a batch item)
  std::chrono::milliseconds delay{0};  // slow: the extra delay
  int regain_minutes = 5;  // throttling: estimated_time_to_regain_access in the usage headers
};

// Reads "KIND[:COUNT[:PATH[:DELAY_MS]]]", e.g. "http_500:3:/insights" or "slow:1::2000" (the
// form the standalone binary takes in --fault and POST /__fake/fault?spec=). On error, nullopt
// and a message in *error.
std::optional<FaultRule> parse_fault_rule(std::string_view spec, std::string* error);

struct FakeGraphOptions {
  std::string token = "fake-graph-token";  // the only access_token accepted
  std::string version = "v25.0";           // written into paging URLs
  std::optional<Date> today;               // default: today in US Pacific time
  std::chrono::milliseconds latency{0};    // slept before every answer
  int threads = 64;                        // server worker threads (concurrent requests)
  int pages = 0;                           // Pages listed by /me/accounts
  bool omit_comment_authors = false;       // comments without "from"
  bool empty_first_day = false;            // each Page series' first day: "value": []
  bool first_comment_without_id = false;   // each post's first comment without "id"
};

struct RequestLog {
  int http_requests = 0;  // HTTP requests answered (a batch POST is one); control calls excluded
  int graph_calls = 0;    // calls as Meta counts them against the quota: each batch item is one
  // HTTP requests that touched each Page (by id; posts count for their Page). A batch counts
  // once for every Page its items touch.
  std::map<std::string, int> per_page;
  // The Pages each HTTP request touched, in the order the requests were answered.
  std::vector<std::set<std::string>> touched;
  // For each injected fault in the order taken, the number (from 1) of the HTTP request whose
  // answer carried it.
  std::vector<int> faulted;
};

class FakeGraph {
 public:
  explicit FakeGraph(FakeGraphOptions options = {});
  ~FakeGraph();  // stops the server
  FakeGraph(const FakeGraph&) = delete;
  FakeGraph& operator=(const FakeGraph&) = delete;

  // Listens on 127.0.0.1:port (0: a free port) and serves from a background thread. False when
  // the port cannot be bound. Connections are accepted as soon as this returns.
  bool start(int port = 0);
  // Stops serving and joins the threads (also done by the destructor).
  void stop();

  int port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT"
  const std::string& token() const;
  Date today() const;  // data ends the day before

  void add_fault(FaultRule rule);
  void clear_faults();
  void set_latency(std::chrono::milliseconds latency);
  // What the usage headers report: percent of quota used and estimated_time_to_regain_access.
  void set_usage(int percent, int regain_minutes = 0);

  RequestLog log() const;
  void reset_log();

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pageaudit::fake
