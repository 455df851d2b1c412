// HTTP for the Graph API: the client interface the pull is written against, and its libcurl
// implementation.
//
// Requests run concurrently through one queue: run() keeps up to max_parallel transfers in
// flight and hands each answer to a callback on the calling thread, which may queue follow-up
// requests (the next window or page, a retry after a backoff delay) or stop the run. That lets
// 200 Pages proceed independently without one slow Page holding back the others.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pageaudit/core/error.h"

namespace pageaudit {

// Response header names are lower-cased; a repeated header keeps its last value.
using Headers = std::map<std::string, std::string>;

enum class HttpMethod { get, post };

struct HttpRequest {
  HttpMethod method = HttpMethod::get;
  std::string url;   // absolute; may carry access_token=, which every message redacts
  std::string body;  // POST only, sent as application/x-www-form-urlencoded
};

// Why a transfer produced no HTTP answer.
enum class TransportError {
  none,
  timeout,  // no complete answer within the timeout (connect or whole transfer)
  connect,  // name resolution, TCP or TLS handshake failed
  reset,    // the connection broke: closed early, nothing received, body cut short
  other,    // anything else curl reports (e.g. a certificate that does not verify)
};

// An HTTP answer, or a transport failure (status 0, transport != none). Either way it is a
// value, not an Error: the caller classifies it (graph/backoff.h) and decides to retry.
struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
  TransportError transport = TransportError::none;
  // For a transport failure: "GET https://.../v25.0/1?access_token=[REDACTED]: timeout: ..."
  // (method, redacted URL, kind, curl's explanation).
  std::string transport_message;
};

// A request queued in HttpClient::run(), with the caller's tag to recognise its answer by and the
// earliest time it may start (a retry waits out its backoff delay this way).
struct HttpJob {
  HttpRequest request;
  std::uint64_t tag = 0;
  std::chrono::steady_clock::time_point not_before{};
};

// What an on_done callback may do with the run it is called from.
class HttpQueue {
 public:
  using Flush = std::function<void(std::vector<HttpJob>)>;
  HttpQueue() = default;
  explicit HttpQueue(Flush flush) : m_flush(std::move(flush)) {}

  // Queues another job (started once a slot is free and its not_before has passed).
  void add(HttpJob job) { m_added.push_back(std::move(job)); }
  // Hands the jobs added so far to the client now, which starts those it has a slot for before
  // the callback goes on: a callback with work left after queuing lets the network work
  // meanwhile. Without it they are handed over when the callback returns. Nothing after stop().
  void flush() {
    if (m_flush && !m_stopped && !m_added.empty()) m_flush(take_added());
  }
  // Ends the run: queued jobs are dropped and in-flight transfers abandoned, without callbacks.
  void stop() { m_stopped = true; }

  // For HttpClient implementations.
  std::vector<HttpJob> take_added() { return std::move(m_added); }
  bool stopped() const { return m_stopped; }

 private:
  Flush m_flush;
  std::vector<HttpJob> m_added;
  bool m_stopped = false;
};

class HttpClient {
 public:
  // Called once per finished job, on the thread that called run(), in completion order. The
  // Result holds the response (including transport failures) or an Error when the request could
  // not be attempted at all: a malformed or non-HTTP URL (ExitCode::usage).
  using OnDone = std::function<void(HttpJob job, Result<HttpResponse> response, HttpQueue& queue)>;

  virtual ~HttpClient() = default;

  // Runs the jobs, and those on_done adds, with at most max_parallel (>= 1) in flight, until none
  // is queued, waiting or in flight, or on_done calls stop().
  virtual void run(std::vector<HttpJob> jobs, int max_parallel, const OnDone& on_done) = 0;

  // One request, blocking.
  Result<HttpResponse> send(const HttpRequest& request);
  // Several requests concurrently; the answers in request order.
  std::vector<Result<HttpResponse>> perform(const std::vector<HttpRequest>& requests,
                                            int max_parallel);
};

struct HttpOptions {
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // whole transfer, connect included
  std::string user_agent;                     // empty: "pageaudit/<version>"
};

// HttpClient over one libcurl multi handle, whose connection cache lets transfers to the same
// host reuse connections. One thread at a time may use an instance.
class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options = {});
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  void run(std::vector<HttpJob> jobs, int max_parallel, const OnDone& on_done) override;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

// "GET" or "POST".
const char* method_name(HttpMethod method);

}  // namespace pageaudit
