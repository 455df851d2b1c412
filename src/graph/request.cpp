// Graph call builders: field expansion, day windows, batches.
#include "pageaudit/graph/request.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>

#include "pageaudit/graph/end_time.h"

namespace pageaudit {
namespace {

constexpr std::string_view k_page_fields =
    "id,name,username,category,link,followers_count,fan_count";
constexpr std::string_view k_comment_fields = "id,from,created_time,message,parent{id}";

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

std::string base_and_version(const GraphTarget& target) {
  std::string_view base = target.base_url;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return fmt::format("{}/{}/", base, target.version);
}

// The bytes url_encode() keeps as they are: unreserved characters, and the ',' '(' ')' of
// field expansion, which Meta reads either way and which keep URLs readable in messages.
constexpr std::array<bool, 256> k_url_kept = [] {
  std::array<bool, 256> kept{};
  for (int c = 0; c < 256; ++c) {
    kept[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || c == '~' || c == ',' || c == '(' || c == ')';
  }
  return kept;
}();

}  // namespace

std::string url_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  // Written through a pointer into a buffer of the largest size, then cut: every batch body is
  // encoded whole, and appending a character at a time was most of building a request.
  std::string out(text.size() * 3, '\0');
  char* next = out.data();
  for (unsigned char c : text) {
    if (k_url_kept[c]) {
      *next++ = static_cast<char>(c);
    } else {
      next[0] = '%';
      next[1] = k_hex[c >> 4];
      next[2] = k_hex[c & 15];
      next += 3;
    }
  }
  out.resize(static_cast<size_t>(next - out.data()));
  return out;
}

std::vector<DayWindow> split_windows(Date first, Date last, int max_days) {
  std::vector<DayWindow> out;
  for (Date since = first; since <= last; since = since + max_days) {
    out.push_back(DayWindow{since, std::min(since + max_days, last + 1)});
  }
  return out;
}

std::string page_call(const std::string& page_id, const std::vector<std::string>& metrics,
                      DayWindow window) {
  std::string fields(k_page_fields);
  if (!metrics.empty()) {
    fields += fmt::format(",insights.metric({}).period(day).since({}).until({})", join(metrics),
                          pacific_midnight(window.since), pacific_midnight(window.until));
  }
  return fmt::format("{}?fields={}", url_encode(page_id), url_encode(fields));
}

std::string insights_call(const std::string& object_id, const std::vector<std::string>& metrics,
                          DayWindow window, std::string_view period) {
  std::string period_param = period.empty() ? "" : fmt::format("&period={}", period);
  return fmt::format("{}/insights?metric={}{}&since={}&until={}", url_encode(object_id),
                     url_encode(join(metrics)), period_param, pacific_midnight(window.since),
                     pacific_midnight(window.until));
}

std::string posts_call(const std::string& page_id, const PostsQuery& query) {
  std::string fields = "id,created_time,message,permalink_url,status_type,shares";
  if (!query.metrics.empty())
    fields += fmt::format(",insights.metric({}).period(lifetime)", join(query.metrics));
  // filter(stream) lists replies too, each with its parent; the default lists top-level only.
  if (query.with_comments)
    fields +=
        fmt::format(",comments.summary(true).filter(stream).limit(100){{{}}}", k_comment_fields);
  std::string call = fmt::format("{}/published_posts?fields={}&limit={}", url_encode(page_id),
                                 url_encode(fields), query.limit);
  if (query.since) call += fmt::format("&since={}", pacific_midnight(*query.since));
  if (!query.after.empty()) call += "&after=" + url_encode(query.after);
  return call;
}

std::string comments_call(const std::string& object_id, const std::string& after, int limit) {
  std::string call = fmt::format("{}/comments?fields={}&filter=stream&limit={}",
                                 url_encode(object_id), url_encode(k_comment_fields), limit);
  if (!after.empty()) call += "&after=" + url_encode(after);
  return call;
}

HttpRequest get_request(const GraphTarget& target, const std::string& call) {
  char separator = call.find('?') == std::string::npos ? '?' : '&';
  return HttpRequest{
      HttpMethod::get,
      base_and_version(target) + call + separator + "access_token=" + url_encode(target.token), ""};
}

std::vector<HttpRequest> batch_requests(const GraphTarget& target,
                                        const std::vector<std::string>& calls) {
  std::vector<HttpRequest> out;
  for (size_t start = 0; start < calls.size(); start += k_max_batch_items) {
    rapidjson::StringBuffer json;
    rapidjson::Writer<rapidjson::StringBuffer> writer(json);
    writer.StartArray();
    for (size_t i = start; i < std::min(calls.size(), start + k_max_batch_items); ++i) {
      writer.StartObject();
      writer.Key("method");
      writer.String("GET");
      writer.Key("relative_url");
      writer.String(calls[i].data(), static_cast<rapidjson::SizeType>(calls[i].size()));
      writer.EndObject();
    }
    writer.EndArray();
    out.push_back(HttpRequest{HttpMethod::post, base_and_version(target),
                              "access_token=" + url_encode(target.token) +
                                  "&include_headers=false&batch=" + url_encode(json.GetString())});
  }
  return out;
}

Status check_graph_target(std::string_view base_url, std::string_view version) {
  if (base_url.rfind("https://", 0) != 0 && base_url.rfind("http://", 0) != 0) {
    return failf(ExitCode::usage, "--graph-url: expected an http:// or https:// URL, got \"{}\"",
                 base_url);
  }
  const auto digits = [](std::string_view text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  };
  const size_t dot = version.find('.');
  if (version.size() < 4 || version[0] != 'v' || dot == std::string_view::npos ||
      !digits(version.substr(1, dot - 1)) || !digits(version.substr(dot + 1))) {
    return failf(ExitCode::usage, "--api-version: expected a version like v25.0, got \"{}\"",
                 version);
  }
  return {};
}

}  // namespace pageaudit
