// The libcurl HTTP client: the only file that calls curl_*.
#include "pageaudit/graph/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <unordered_map>
#include <utility>

#include "pageaudit/core/redact.h"

namespace pageaudit {
namespace {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

using Clock = std::chrono::steady_clock;

void ensure_curl_global_init() {
  // curl_global_init is not thread-safe in older libcurl; a function-local static runs it once.
  static const CURLcode s_init = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)s_init;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<Headers*>(user);
  std::string_view line(data, size * count);
  // A status line starts a new response (a proxy's CONNECT answer or a "100 Continue" came
  // first): keep only the final headers.
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();
  } else if (size_t colon = line.find(':'); colon != std::string_view::npos) {
    std::string name = trim(line.substr(0, colon));
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    (*headers)[name] = trim(line.substr(colon + 1));
  }
  return size * count;
}

// One transfer on the multi handle: owns its easy handle and the buffers curl writes into, and
// detaches itself from the multi handle before the easy handle is freed.
class Transfer {
 public:
  Transfer(CURLM* multi, HttpJob job) : m_multi(multi), m_job(std::move(job)) {}
  ~Transfer() {
    if (m_attached) curl_multi_remove_handle(m_multi, m_easy.get());
  }
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Sets the transfer up and adds it to the multi handle; false when curl cannot even start it.
  bool start(const HttpOptions& options, const std::string& user_agent, curl_slist* headers) {
    m_easy.reset(curl_easy_init());
    if (!m_easy) return false;
    CURL* h = m_easy.get();
    const HttpRequest& request = m_job.request;
    m_error[0] = '\0';
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: safe with threads
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
    curl_easy_setopt(h, CURLOPT_USERAGENT, user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode (gzip...)
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &m_response.body);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &m_response.headers);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m_error);
    curl_easy_setopt(h, CURLOPT_PRIVATE, this);
    if (request.method == HttpMethod::post) {
      // The body lives in m_job for the whole transfer, so curl need not copy it.
      curl_easy_setopt(h, CURLOPT_POST, 1L);
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
    m_attached = curl_multi_add_handle(m_multi, h) == CURLM_OK;
    return m_attached;
  }

  // The outcome once curl reports the transfer done with `code`.
  Result<HttpResponse> finish(CURLcode code) {
    // The URL and curl's words are redacted apart: a URL parameter's mask must stop where the URL
    // does.
    std::string what =
        std::string(method_name(m_job.request.method)) + " " + redact(m_job.request.url);
    std::string detail = redact(m_error[0] != '\0' ? m_error : curl_easy_strerror(code));
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
      return fail(ExitCode::usage, what + ": invalid URL: " + detail);
    }
    if (code != CURLE_OK) {
      const char* kind = "error";
      switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
          m_response.transport = TransportError::timeout;
          kind = "timeout";
          break;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SSL_CONNECT_ERROR:
          m_response.transport = TransportError::connect;
          kind = "cannot connect";
          break;
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
          m_response.transport = TransportError::reset;
          kind = "connection dropped";
          break;
        default:
          m_response.transport = TransportError::other;
          break;
      }
      m_response.status = 0;
      m_response.headers.clear();
      m_response.body.clear();
      m_response.transport_message = what + ": " + kind + ": " + detail;
      return std::move(m_response);
    }
    long status = 0;
    curl_easy_getinfo(m_easy.get(), CURLINFO_RESPONSE_CODE, &status);
    m_response.status = static_cast<int>(status);
    return std::move(m_response);
  }

  HttpJob take_job() { return std::move(m_job); }

 private:
  CURLM* m_multi;
  HttpJob m_job;
  EasyHandle m_easy;
  bool m_attached = false;
  HttpResponse m_response;
  char m_error[CURL_ERROR_SIZE];
};

struct LaterFirst {
  bool operator()(const HttpJob& a, const HttpJob& b) const { return a.not_before > b.not_before; }
};

}  // namespace

const char* method_name(HttpMethod method) {
  return method == HttpMethod::post ? "POST" : "GET";
}

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
  auto results = perform({request}, 1);
  return std::move(results.front());
}

std::vector<Result<HttpResponse>> HttpClient::perform(const std::vector<HttpRequest>& requests,
                                                      int max_parallel) {
  std::vector<Result<HttpResponse>> results(requests.size());
  std::vector<HttpJob> jobs;
  jobs.reserve(requests.size());
  for (size_t i = 0; i < requests.size(); ++i) jobs.push_back(HttpJob{requests[i], i, {}});
  run(std::move(jobs), max_parallel,
      [&](const HttpJob& job, Result<HttpResponse> response, HttpQueue&) {
        results[job.tag] = std::move(response);
      });
  return results;
}

struct CurlHttpClient::Impl {
  HttpOptions options;
  std::string user_agent;
  MultiHandle multi;
  Slist headers;
};

CurlHttpClient::CurlHttpClient(HttpOptions options) : m_impl(std::make_unique<Impl>()) {
  ensure_curl_global_init();
  m_impl->user_agent = options.user_agent.empty() ? std::string("pageaudit/") + PAGEAUDIT_VERSION
                                                  : options.user_agent;
  m_impl->options = std::move(options);
  m_impl->multi.reset(curl_multi_init());
  // An empty "Expect:" stops curl from waiting for "100 Continue" before sending a large batch
  // POST body: a round trip (or a one-second stall) saved per batch.
  m_impl->headers.reset(curl_slist_append(nullptr, "Expect:"));
}

CurlHttpClient::~CurlHttpClient() = default;

void CurlHttpClient::run(std::vector<HttpJob> jobs, int max_parallel, const OnDone& on_done) {
  const size_t slots = static_cast<size_t>(std::max(1, max_parallel));
  CURLM* multi = m_impl->multi.get();
  std::deque<HttpJob> ready;
  std::vector<HttpJob> waiting;  // a heap, soonest not_before on top
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> active;  // keyed by CURLOPT_PRIVATE
  bool stopped = false;

  auto enqueue = [&](HttpJob job) {
    if (job.not_before <= Clock::now()) {
      ready.push_back(std::move(job));
    } else {
      waiting.push_back(std::move(job));
      std::push_heap(waiting.begin(), waiting.end(), LaterFirst{});
    }
  };
  // Jobs curl refused to start, answered by the loop (never from inside a callback).
  std::vector<HttpJob> unstartable;
  // Starts the ready jobs there are slots for; true when it started any.
  auto start_ready = [&] {
    bool started = false;
    auto now = Clock::now();
    while (!waiting.empty() && waiting.front().not_before <= now) {
      std::pop_heap(waiting.begin(), waiting.end(), LaterFirst{});
      ready.push_back(std::move(waiting.back()));
      waiting.pop_back();
    }
    while (!stopped && active.size() < slots && !ready.empty()) {
      auto transfer = std::make_unique<Transfer>(multi, std::move(ready.front()));
      ready.pop_front();
      if (!transfer->start(m_impl->options, m_impl->user_agent, m_impl->headers.get())) {
        unstartable.push_back(transfer->take_job());
        continue;
      }
      Transfer* key = transfer.get();
      active.emplace(key, std::move(transfer));
      started = true;
    }
    return started;
  };
  // Queues jobs and starts them where there are slots, their requests sent at once: not only
  // once every answer at hand is read (each callback's work would keep the slots it frees idle).
  auto flush = [&](std::vector<HttpJob> added) {
    for (auto& job : added) enqueue(std::move(job));
    if (start_ready()) {
      int running = 0;
      curl_multi_perform(multi, &running);
    }
  };
  auto complete = [&](HttpJob job, Result<HttpResponse> response) {
    HttpQueue queue(flush);
    on_done(std::move(job), std::move(response), queue);
    stopped = stopped || queue.stopped();
    flush(queue.take_added());
  };
  for (auto& job : jobs) enqueue(std::move(job));

  while (!stopped) {
    start_ready();
    if (!unstartable.empty()) {
      for (HttpJob& job : std::exchange(unstartable, {})) {
        if (stopped) break;
        std::string what =
            std::string(method_name(job.request.method)) + " " + redact(job.request.url);
        complete(std::move(job), fail(ExitCode::software, what + ": cannot start a curl transfer"));
      }
      continue;
    }
    if (stopped || (active.empty() && ready.empty() && waiting.empty())) break;

    int running = 0;
    curl_multi_perform(multi, &running);
    bool any_done = false;
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      char* raw = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &raw);
      auto it = active.find(reinterpret_cast<Transfer*>(raw));
      std::unique_ptr<Transfer> transfer = std::move(it->second);
      active.erase(it);
      Result<HttpResponse> response = transfer->finish(message->data.result);
      HttpJob job = transfer->take_job();
      transfer.reset();  // detach before the callback may queue more
      complete(std::move(job), std::move(response));
      any_done = true;
      if (stopped) break;
    }
    if (any_done) continue;

    // Sleep until curl has something to do or the next waiting job is due.
    auto wait = std::chrono::milliseconds(1000);
    if (!waiting.empty()) {
      // Rounded up: a wait rounded down to 0 ms would spin until the job is due.
      auto due =
          std::chrono::ceil<std::chrono::milliseconds>(waiting.front().not_before - Clock::now());
      wait = std::clamp(due, std::chrono::milliseconds(0), wait);
    }
    curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
  }
}

}  // namespace pageaudit
