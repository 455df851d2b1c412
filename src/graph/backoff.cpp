// Failure classification and capped exponential backoff for Graph calls.
#include "pageaudit/graph/backoff.h"

#include <algorithm>
#include <cmath>

#include "pageaudit/core/redact.h"
#include "pageaudit/graph/json.h"

namespace pageaudit {
namespace {

bool contains(const std::string& text, std::string_view needle) {
  return text.find(needle) != std::string::npos;
}

bool is_throttling_code(int code) {
  // 341 is "Application limit reached (temporary)" in Meta's error-handling guide.
  return code == 4 || code == 17 || code == 32 || code == 341 || code == 613 || code == 80001;
}

// JSON that fails to parse: an answer cut short, worth asking again. An HTML error page from
// something that is not Graph (a wrong --graph-url) is not.
bool looks_like_cut_json(std::string_view body) {
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (body[first] != '{' && body[first] != '[')) return false;
  return !parse_json(body);
}

}  // namespace

Failure classify(const GraphError& error, int http_status) {
  if (is_throttling_code(error.code) || http_status == 429) return Failure::throttled;
  if (error.code == 1 || error.code == 2 || error.is_transient) return Failure::transient;
  // 104 is Meta's answer when no token was sent at all.
  if (error.code == 190 || error.code == 102 || error.code == 104) return Failure::token;
  if (error.code == 3 || error.code == 10 || (error.code >= 200 && error.code <= 299)) {
    return Failure::permission;
  }
  if (error.code == 100) {
    // #100 is overloaded; only the message tells a retired metric from a missing permission.
    if (contains(error.message, "valid insights metric")) return Failure::invalid_metric;
    if (contains(error.message, "missing permission")) return Failure::permission;
    return Failure::other;
  }
  if (http_status >= 500) return Failure::transient;
  return Failure::other;
}

std::optional<Failure> classify(const HttpResponse& response) {
  switch (response.transport) {
    case TransportError::none:
      break;
    case TransportError::timeout:
    case TransportError::connect:
    case TransportError::reset:
      return Failure::transient;
    case TransportError::other:
      return Failure::other;
  }
  if (response.status >= 200 && response.status < 300) return std::nullopt;
  if (auto error = parse_graph_error(response.body)) return classify(*error, response.status);
  if (response.status == 429) return Failure::throttled;
  if (response.status >= 500 || looks_like_cut_json(response.body)) return Failure::transient;
  return Failure::other;
}

ExitCode exit_code(Failure failure) {
  switch (failure) {
    case Failure::token:
    case Failure::permission:
      return ExitCode::no_perm;
    case Failure::throttled:
      return ExitCode::temp_fail;
    case Failure::invalid_metric:
      return ExitCode::data;
    case Failure::transient:
    case Failure::other:
      break;
  }
  return ExitCode::unavailable;
}

std::chrono::milliseconds backoff_delay(const BackoffPolicy& policy, int retry, double random01) {
  // Doubling in floating point cannot overflow; the cap bounds the result.
  double ceiling = static_cast<double>(policy.base.count()) * std::pow(2.0, std::max(0, retry - 1));
  ceiling = std::min(ceiling, static_cast<double>(policy.cap.count()));
  double draw = std::clamp(random01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(std::floor(ceiling * draw)));
}

bool should_retry(const BackoffPolicy& policy, Failure failure, int retries_done) {
  return failure == Failure::transient && retries_done < policy.max_retries;
}

std::string failure_message(const HttpRequest& request, const HttpResponse& response) {
  if (response.transport != TransportError::none) return redact(response.transport_message);
  // Each part is redacted on its own: a URL parameter's mask must stop where the URL does.
  std::string text = fmt::format("{} {}: HTTP {}", method_name(request.method), redact(request.url),
                                 response.status);
  if (auto error = parse_graph_error(response.body)) {
    text += ": " + redact(error->message.empty() ? error->type : error->message);
    text += error->subcode != 0 ? fmt::format(" (code {}, subcode {})", error->code, error->subcode)
                                : fmt::format(" (code {})", error->code);
  }
  return text;
}

}  // namespace pageaudit
