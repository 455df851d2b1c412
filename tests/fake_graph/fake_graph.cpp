// The fake Graph server: HTTP on cpp-httplib, tokens, batches, usage headers, faults and the
// request log.
#include "fake_graph.h"

#include <fmt/format.h>
#include <httplib.h>
#include <rapidjson/document.h>
#include <sys/socket.h>

#include <ctime>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "fake_api.h"
#include "fake_data.h"
#include "json_writer.h"
#include "pageaudit/graph/end_time.h"

namespace pageaudit::fake {
namespace {

constexpr size_t k_max_batch = 50;

struct KindName {
  FaultKind kind;
  const char* name;
};
constexpr KindName k_kind_names[] = {
    {FaultKind::http_500, "http_500"},
    {FaultKind::http_503, "http_503"},
    {FaultKind::throttle_4, "throttle_4"},
    {FaultKind::throttle_17, "throttle_17"},
    {FaultKind::throttle_32, "throttle_32"},
    {FaultKind::throttle_80001, "throttle_80001"},
    {FaultKind::throttle_613, "throttle_613"},
    {FaultKind::http_429, "http_429"},
    {FaultKind::token_190, "token_190"},
    {FaultKind::truncated_json, "truncated_json"},
    {FaultKind::slow, "slow"},
    {FaultKind::drop_connection, "drop_connection"},
    {FaultKind::echo_token, "echo_token"},
};

// The Graph error a fault answers with; nullopt for faults that are not a Graph error.
std::optional<ApiError> fault_error(FaultKind kind) {
  switch (kind) {
    case FaultKind::http_500:
      return ApiError{500, 1, 0, "OAuthException", "An unknown error occurred", true};
    case FaultKind::http_503:
      return ApiError{503, 2, 0, "OAuthException", "Service temporarily unavailable", true};
    case FaultKind::throttle_4:
      return ApiError{400, 4, 0, "OAuthException", "(#4) Application request limit reached", true};
    case FaultKind::throttle_17:
      return ApiError{400, 17, 0, "OAuthException", "(#17) User request limit reached", true};
    case FaultKind::throttle_32:
      return ApiError{400, 32, 0, "OAuthException", "(#32) Page request limit reached", true};
    case FaultKind::throttle_80001:
      return ApiError{
          400,
          80001,
          0,
          "OAuthException",
          "(#80001) There have been too many calls to this Page account. Wait a bit and try "
          "again. For more info, please refer to "
          "https://developers.facebook.com/docs/graph-api/overview/rate-limiting.",
          true};
    case FaultKind::throttle_613:
      return ApiError{
          400, 613, 0, "OAuthException", "(#613) Calls to this api have exceeded the rate limit.",
          true};
    case FaultKind::token_190:
      return ApiError{
          400,
          190,
          463,
          "OAuthException",
          "Error validating access token: Session has expired on Friday, 02-Oct-26 10:00:00 "
          "PDT. The current time is Saturday, 03-Oct-26 01:00:00 PDT.",
          false};
    case FaultKind::echo_token:
      // The request is appended where it is answered (handle): only it knows the token.
      return ApiError{
          400, 100, 0, "OAuthException", "(#100) The value must be a valid insights metric", false};
    case FaultKind::http_429:
    case FaultKind::truncated_json:
    case FaultKind::slow:
    case FaultKind::drop_connection:
      break;
  }
  return std::nullopt;
}

bool is_throttle(FaultKind kind) {
  return kind == FaultKind::throttle_4 || kind == FaultKind::throttle_17 ||
         kind == FaultKind::throttle_32 || kind == FaultKind::throttle_80001 ||
         kind == FaultKind::throttle_613 || kind == FaultKind::http_429;
}

// "/v25.0/123/insights" -> "123/insights"; "/v25.0/" -> "". Unversioned paths are taken as they
// are, as Meta answers them with its default version.
std::string strip_version(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (path.size() > 1 && path[0] == 'v') {
    size_t slash = path.find('/');
    std::string_view version =
        path.substr(1, slash == std::string_view::npos ? path.size() : slash - 1);
    size_t dot = version.find('.');
    if (dot != std::string_view::npos && all_digits(version.substr(0, dot)) &&
        all_digits(version.substr(dot + 1))) {
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
  }
  return std::string(path);
}

// The Page a path is about: "123/insights" and "123_456/comments" are Page 123's.
std::string page_of_path(std::string_view path) {
  std::string_view id = path.substr(0, path.find('/'));
  id = id.substr(0, id.find('_'));
  return all_digits(id) ? std::string(id) : std::string();
}

Params first_values(const httplib::Params& params) {
  Params out;
  for (const auto& [name, value] : params) out.emplace(name, value);
  return out;
}

// One item of a batch, its relative_url taken apart once for the request log and the answer.
struct BatchCall {
  std::string method;
  std::string relative_url;
  std::string path;   // without the version: "123/insights"
  std::string query;  // after the '?', still encoded
  std::string page;   // the Page it touches, "" for none
};

std::optional<std::vector<BatchCall>> read_batch(std::string_view json) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(json.data(), json.size());
  if (doc.HasParseError() || !doc.IsArray()) return std::nullopt;
  std::vector<BatchCall> calls;
  for (const auto& item : doc.GetArray()) {
    if (!item.IsObject() || !item.HasMember("relative_url") || !item["relative_url"].IsString())
      return std::nullopt;
    BatchCall& call = calls.emplace_back();
    call.method =
        item.HasMember("method") && item["method"].IsString() ? item["method"].GetString() : "GET";
    call.relative_url = item["relative_url"].GetString();
    std::string_view url = call.relative_url;
    size_t question = url.find('?');
    call.path = strip_version(url.substr(0, question));
    if (question != std::string_view::npos) call.query = url.substr(question + 1);
    call.page = page_of_path(call.path);
  }
  return calls;
}

// Usage headers whose highest figure is `percent`, as Meta's JSON.
std::string app_usage(int percent) {
  return fmt::format(R"({{"call_count":{},"total_cputime":{},"total_time":{}}})", percent,
                     percent / 2, percent * 3 / 4);
}
std::string business_usage(const std::string& page, int percent, int regain_minutes) {
  return fmt::format(
      R"({{"{}":[{{"type":"pages","call_count":{},"total_cputime":{},"total_time":{},"estimated_time_to_regain_access":{}}}]}})",
      page, percent, percent / 2, percent * 3 / 4, regain_minutes);
}

// httplib (Debian's build) listens with a backlog of 5: a burst of new connections, as the
// benchmark's 64 parallel transfers open, would have SYNs dropped and retried a second later.
// Listening again on the bound socket widens the queue; svr_sock_ is protected, hence the subclass.
class Server : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

}  // namespace

std::optional<FaultRule> parse_fault_rule(std::string_view spec, std::string* error) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t colon = spec.find(':', start);
    parts.emplace_back(spec.substr(
        start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  FaultRule rule;
  bool known = false;
  for (const auto& entry : k_kind_names) {
    if (parts[0] == entry.name) {
      rule.kind = entry.kind;
      known = true;
    }
  }
  auto bad = [&](const std::string& message) {
    if (error) *error = message;
    return std::nullopt;
  };
  if (!known) return bad(fmt::format("unknown fault kind \"{}\"", parts[0]));
  if (parts.size() > 4) return bad(fmt::format("too many parts in fault \"{}\"", spec));
  if (parts.size() > 1 && !parts[1].empty()) {
    if (!all_digits(parts[1]) || parts[1].size() > 6)
      return bad(fmt::format("bad count \"{}\"", parts[1]));
    rule.count = std::stoi(parts[1]);
  }
  if (parts.size() > 2) rule.path_contains = parts[2];
  if (parts.size() > 3) {
    if (!all_digits(parts[3]) || parts[3].size() > 7)
      return bad(fmt::format("bad delay \"{}\"", parts[3]));
    rule.delay = std::chrono::milliseconds(std::stol(parts[3]));
  }
  return rule;
}

struct FakeGraph::Impl {
  FakeGraphOptions options;
  Date today;
  Server server;
  std::thread thread;
  int port = 0;

  mutable std::mutex mutex;  // guards everything below
  std::vector<FaultRule> faults;
  std::chrono::milliseconds latency{0};
  int usage_percent = 1;
  int usage_regain = 0;
  RequestLog log;

  explicit Impl(FakeGraphOptions opts) : options(std::move(opts)) {
    today =
        options.today ? *options.today : pacific_day(static_cast<std::int64_t>(std::time(nullptr)));
    latency = options.latency;
    int threads = options.threads;
    server.new_task_queue = [threads] {
      return new httplib::ThreadPool(static_cast<size_t>(threads));
    };
    // Without TCP_NODELAY a response written in two parts waits for the client's delayed ACK:
    // 40 ms added to every request.
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(100000);
    server.set_keep_alive_timeout(2);
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res);
    };
    server.Get(R"(/.*)", handler);
    server.Post(R"(/.*)", handler);
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          res.status = 500;
          res.set_content(
              error_body(ApiError{500, 1, 0, "OAuthException", "An unknown error occurred", true}),
              "application/json");
        });
  }

  ApiContext context(const std::string& token) const {
    return ApiContext{fmt::format("http://127.0.0.1:{}", port),
                      options.version,
                      token,
                      today,
                      options.pages,
                      options.omit_comment_authors,
                      options.empty_first_day,
                      options.first_comment_without_id};
  }

  // The first rule matching target, consumed once. Batch items only take Graph-error faults.
  std::optional<FaultRule> take_fault(const std::string& target, bool batch_item) {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto it = faults.begin(); it != faults.end(); ++it) {
      if (target.find(it->path_contains) == std::string::npos) continue;
      if (batch_item && !fault_error(it->kind)) continue;
      FaultRule rule = *it;
      if (--it->count <= 0) faults.erase(it);
      log.faulted.push_back(log.http_requests);  // recorded before its faults are taken
      return rule;
    }
    return std::nullopt;
  }

  void record(const std::set<std::string>& pages, int calls) {
    std::lock_guard<std::mutex> lock(mutex);
    ++log.http_requests;
    log.graph_calls += calls;
    for (const auto& page : pages) ++log.per_page[page];
    log.touched.push_back(pages);
  }

  void set_usage_headers(httplib::Response& res, const std::string& page, int percent,
                         int regain) const {
    res.set_header("x-app-usage", app_usage(percent));
    if (!page.empty())
      res.set_header("x-business-use-case-usage", business_usage(page, percent, regain));
  }

  Answer answer_batch(const std::string& token, const Params& params,
                      const std::vector<BatchCall>& calls) {
    if (calls.size() > k_max_batch) {
      return Answer{400, error_body(ApiError{
                             400, 100, 0, "GraphBatchException",
                             "Too many requests in batch message. Maximum batch size is 50"})};
    }
    bool include_headers =
        params.count("include_headers") == 0 || params.at("include_headers") != "false";
    int percent;
    {
      std::lock_guard<std::mutex> lock(mutex);
      percent = usage_percent;
    }
    // The same for every item: rendered once.
    std::string headers;
    JsonWriter h(headers);
    h.start_array();
    for (auto [name, value] : {std::pair<std::string_view, std::string>{
                                   "Content-Type", "text/javascript; charset=UTF-8"},
                               {"X-App-Usage", app_usage(percent)}}) {
      h.start_object();
      h.key("name");
      h.string(name);
      h.key("value");
      h.string(value);
      h.end_object();
    }
    h.end_array();
    const ApiContext ctx = context(token);

    std::string out;
    JsonWriter w(out);
    w.start_array();
    // Each item's body, written escaped as the string it goes in; its capacity is reused.
    std::string body;
    for (const auto& call : calls) {
      std::optional<ApiError> error;
      if (auto fault = take_fault(call.relative_url, true)) {
        error = fault_error(fault->kind);
        if (fault->kind == FaultKind::echo_token) {
          error->message += fmt::format(" (token {}, request {}&access_token={})", token,
                                        call.relative_url, token);
        }
      } else if (call.method != "GET") {
        error = ApiError{400, 100, 0, "GraphMethodException",
                         "Unsupported " + call.method + " request in this fake"};
      }
      body.clear();
      JsonWriter item(body, true);
      int status;
      if (error) {
        status = error->status;
        write_error(item, *error);
      } else {
        httplib::Params raw;
        if (!call.query.empty()) httplib::detail::parse_query_text(call.query, raw);
        Params item_params = first_values(raw);
        item_params.erase("access_token");
        status = answer_get(ctx, call.path, item_params, item);
      }
      w.start_object();
      w.key("code");
      w.number(status);
      if (include_headers) {
        w.key("headers");
        w.raw(headers);
      }
      w.key("body");
      w.embedded_string(body);
      w.end_object();
    }
    w.end_array();
    return Answer{200, std::move(out)};
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/__fake/", 0) == 0) {
      control(req, res);
      return;
    }
    std::chrono::milliseconds delay;
    int percent, regain;
    {
      std::lock_guard<std::mutex> lock(mutex);
      delay = latency;
      percent = usage_percent;
      regain = usage_regain;
    }
    // The answer leaves `delay` after the request came, or when it is ready if making it took
    // longer: the work is done within the latency, as on a server whose round trip is that long,
    // and not added to it. (httplib sends the response once handle() returns.)
    struct AnswerAt {
      std::chrono::steady_clock::time_point due;
      ~AnswerAt() { std::this_thread::sleep_until(due); }
    } answer_at{std::chrono::steady_clock::now() + delay};

    Params params = first_values(req.params);
    std::string token = params.count("access_token") ? params["access_token"] : "";
    params.erase("access_token");
    std::string path = strip_version(req.path);
    bool is_batch = req.method == "POST" && path.empty();
    std::optional<std::vector<BatchCall>> calls;
    std::set<std::string> pages;
    if (is_batch) {
      auto batch = params.find("batch");
      calls = read_batch(batch == params.end() ? std::string_view() : batch->second);
      for (const auto& call : calls.value_or(std::vector<BatchCall>{})) {
        if (!call.page.empty()) pages.insert(call.page);
      }
    } else if (std::string page = page_of_path(path); !page.empty()) {
      pages.insert(page);
    }
    record(pages, is_batch && calls ? static_cast<int>(calls->size()) : 1);
    std::string page = pages.size() == 1 ? *pages.begin() : "";

    std::optional<FaultRule> fault = take_fault(req.target, false);
    if (fault && fault->kind == FaultKind::slow) answer_at.due += fault->delay;
    if (fault && is_throttle(fault->kind)) {
      percent = 100;
      regain = fault->regain_minutes;
    }
    set_usage_headers(res, page, percent, regain);
    res.set_header("facebook-api-version", options.version);
    if (fault && fault->kind == FaultKind::http_429) {
      res.status = 429;
      res.set_content("Too Many Requests", "text/plain");
      return;
    }
    if (fault && fault->kind == FaultKind::drop_connection) {
      // Headers promise a body that never comes: the client sees the connection close early.
      res.set_content_provider(64, "application/json",
                               [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    }
    Answer answer;
    if (auto error = fault ? fault_error(fault->kind) : std::nullopt) {
      if (fault->kind == FaultKind::echo_token) {
        error->message += fmt::format(" (token {}, request {})", token, req.target);
      }
      answer = Answer{error->status, error_body(*error)};
    } else if (token.empty()) {
      answer = Answer{
          400, error_body(ApiError{400, 104, 0, "OAuthException",
                                   "An access token is required to request this resource."})};
    } else if (token != options.token) {
      answer = Answer{
          400, error_body(ApiError{400, 190, 0, "OAuthException",
                                   "Invalid OAuth access token - Cannot parse access token"})};
    } else if (is_batch) {
      answer =
          calls ? answer_batch(token, params, *calls)
                : Answer{400,
                         error_body(ApiError{400, 100, 0, "OAuthException",
                                             "(#100) The parameter batch must be a JSON array"})};
    } else if (req.method == "POST") {
      answer = Answer{400, error_body(ApiError{
                               400, 100, 33, "GraphMethodException",
                               "Unsupported post request. Please read the Graph API documentation "
                               "at https://developers.facebook.com/docs/graph-api"})};
    } else {
      JsonWriter w(answer.body);
      answer.status = answer_get(context(token), path, params, w);
    }
    if (fault && fault->kind == FaultKind::truncated_json)
      answer.body.resize(answer.body.size() / 2);
    res.status = answer.status;
    // What set_content does, without copying a body of up to megabytes.
    res.body = std::move(answer.body);
    res.set_header("Content-Type", "application/json; charset=UTF-8");
  }

  void control(const httplib::Request& req, httplib::Response& res) {
    std::string what = req.path.substr(std::string("/__fake/").size());
    std::lock_guard<std::mutex> lock(mutex);
    if (what == "log") {
      std::string pages;
      for (const auto& [page, count] : log.per_page) {
        pages += fmt::format("{}\"{}\":{}", pages.empty() ? "" : ",", page, count);
      }
      res.set_content(fmt::format(R"({{"http_requests":{},"graph_calls":{},"per_page":{{{}}}}})",
                                  log.http_requests, log.graph_calls, pages),
                      "application/json");
      return;
    }
    if (what == "reset") {
      faults.clear();
      log = RequestLog{};
    } else if (what == "fault") {
      std::string error;
      auto rule = parse_fault_rule(req.get_param_value("spec"), &error);
      if (!rule) {
        res.status = 400;
        res.set_content(error + "\n", "text/plain");
        return;
      }
      faults.push_back(*rule);
    } else if (what == "latency" && all_digits(req.get_param_value("ms"))) {
      latency = std::chrono::milliseconds(std::stol(req.get_param_value("ms")));
    } else if (what == "usage" && all_digits(req.get_param_value("percent"))) {
      usage_percent = std::stoi(req.get_param_value("percent"));
      std::string minutes = req.get_param_value("regain");
      usage_regain = all_digits(minutes) ? std::stoi(minutes) : 0;
    } else {
      res.status = 404;
      res.set_content("unknown control request\n", "text/plain");
      return;
    }
    res.set_content("ok\n", "text/plain");
  }
};

FakeGraph::FakeGraph(FakeGraphOptions options)
    : m_impl(std::make_unique<Impl>(std::move(options))) {}

FakeGraph::~FakeGraph() {
  stop();
}

bool FakeGraph::start(int port) {
  Impl& impl = *m_impl;
  impl.port = port == 0 ? impl.server.bind_to_any_port("127.0.0.1")
                        : (impl.server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (impl.port <= 0) return false;
  impl.server.widen_backlog();
  impl.thread = std::thread([&impl] { impl.server.listen_after_bind(); });
  // stop() is a no-op until the server runs: wait for it, so that start(); stop(); cannot hang.
  while (!impl.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return true;
}

void FakeGraph::stop() {
  if (m_impl->server.is_running()) m_impl->server.stop();
  if (m_impl->thread.joinable()) m_impl->thread.join();
}

int FakeGraph::port() const {
  return m_impl->port;
}
std::string FakeGraph::base_url() const {
  return fmt::format("http://127.0.0.1:{}", m_impl->port);
}
const std::string& FakeGraph::token() const {
  return m_impl->options.token;
}
Date FakeGraph::today() const {
  return m_impl->today;
}

void FakeGraph::add_fault(FaultRule rule) {
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  m_impl->faults.push_back(std::move(rule));
}

void FakeGraph::clear_faults() {
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  m_impl->faults.clear();
}

void FakeGraph::set_latency(std::chrono::milliseconds latency) {
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  m_impl->latency = latency;
}

void FakeGraph::set_usage(int percent, int regain_minutes) {
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  m_impl->usage_percent = percent;
  m_impl->usage_regain = regain_minutes;
}

RequestLog FakeGraph::log() const {
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  return m_impl->log;
}

void FakeGraph::reset_log() {
  std::lock_guard<std::mutex> lock(m_impl->mutex);
  m_impl->log = RequestLog{};
}

}  // namespace pageaudit::fake
