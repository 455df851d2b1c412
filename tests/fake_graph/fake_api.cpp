// Graph API semantics of the fake server, rendering the generated data as Meta's JSON.
#include "fake_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <tl/expected.hpp>
#include <unordered_map>
#include <vector>

#include "fake_data.h"
#include "fields.h"
#include "json_writer.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/request.h"

namespace pageaudit::fake {
namespace {

// Written into the caller's JsonWriter, or the error that fails the whole request (as one bad
// expanded field fails Meta's whole answer): the caller then throws away what was written.
using Written = tl::expected<void, ApiError>;

constexpr int k_max_days_apart = 93;

tl::unexpected<ApiError> invalid(std::string message) {
  return tl::unexpected(ApiError{400, 100, 0, "OAuthException", std::move(message)});
}

tl::unexpected<ApiError> nonexisting_field(const std::string& field, const char* node_type) {
  return invalid(fmt::format("(#100) Tried accessing nonexisting field ({}) on node type ({})",
                             field, node_type));
}

tl::unexpected<ApiError> unsupported_get(std::string_view id) {
  return tl::unexpected(ApiError{
      400, 100, 33, "GraphMethodException",
      fmt::format(
          "Unsupported get request. Object with ID '{}' does not exist, cannot be loaded due to "
          "missing permissions, or does not support this operation. Please read the Graph API "
          "documentation at https://developers.facebook.com/docs/graph-api",
          id)});
}

void put(JsonWriter& w, std::string_view name, std::string_view value) {
  w.key(name);
  w.string(value);
}
void put(JsonWriter& w, std::string_view name, long long value) {
  w.key(name);
  w.number(value);
}

std::string param(const Params& params, const std::string& name, std::string fallback = "") {
  auto it = params.find(name);
  return it == params.end() || it->second.empty() ? fallback : it->second;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (!text.empty()) {
    size_t end = text.find(separator);
    out.emplace_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return out;
}

// since/until as Meta takes them: epoch seconds or a date (00:00 Pacific).
std::optional<std::int64_t> time_param(const std::string& value) {
  if (all_digits(value) && value.size() <= 12) return std::stoll(value);
  if (auto day = Date::parse_iso(value)) return pacific_midnight(*day);
  return std::nullopt;
}

// Opaque enough for a cursor: a number in hex.
std::string cursor(long long n) {
  return fmt::format("{:x}", n);
}
std::optional<long long> read_cursor(const std::string& text) {
  if (text.empty() || text.size() > 15 ||
      text.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text, nullptr, 16);
}

int limit_param(const Params& params, int fallback) {
  std::string value = param(params, "limit");
  if (!all_digits(value) || value.size() > 6) return fallback;
  return std::clamp(std::stoi(value), 1, 100);  // Meta caps a page at 100
}

// An edge URL as Meta writes into paging: the token first, then the query.
std::string edge_url(const ApiContext& ctx, const std::string& path, const Params& params) {
  std::string url = fmt::format("{}/{}/{}?access_token={}", ctx.base_url, ctx.version, path,
                                url_encode(ctx.token));
  for (const auto& [name, value] : params) url += "&" + name + "=" + url_encode(value);
  return url;
}

Params modifiers_as_params(const FieldSpec& field) {
  Params params(field.modifiers.begin(), field.modifiers.end());
  if (!field.subfields.empty()) params["fields"] = fields_text(field.subfields);
  return params;
}

tl::expected<std::vector<FieldSpec>, ApiError> read_fields(const Params& params,
                                                           const char* defaults) {
  std::string text = param(params, "fields", defaults);
  FieldsError error{};
  auto fields = parse_fields(text, &error);
  if (!fields) {
    return tl::unexpected(ApiError{
        400, 2500, 0, "OAuthException",
        fmt::format(
            "Syntax error \"Expected end of string instead of \"{}\".\" at character {}: {}",
            error.position < text.size() ? text.substr(error.position, 1) : std::string("end"),
            error.position, text)});
  }
  return *fields;
}

// ---- insights --------------------------------------------------------------------------------

struct Window {
  Date since;
  Date until;  // exclusive
};

tl::expected<Window, ApiError> read_window(const ApiContext& ctx, const Params& params) {
  std::optional<std::int64_t> since, until;
  for (const char* name : {"since", "until"}) {
    std::string value = param(params, name);
    if (value.empty()) continue;
    auto t = time_param(value);
    if (!t)
      return invalid(fmt::format("(#100) Param {} must be a valid unix timestamp or date", name));
    (std::string_view(name) == "since" ? since : until) = t;
  }
  Window window;
  window.until = until ? pacific_day(*until) : ctx.today;
  window.since = since ? pacific_day(*since) : window.until - 2;
  if (window.until - window.since > k_max_days_apart) {
    return invalid("(#100) There cannot be more than 93 days (8035200 s) between since and until");
  }
  return window;
}

std::vector<std::string> periods_of(const MetricSpec& metric, const std::string& requested) {
  std::vector<std::string> all;
  if (metric.post) {
    all = {"lifetime"};
  } else if (metric.day_only) {
    all = {"day"};
  } else {
    all = {"day", "week", "days_28"};
  }
  if (requested.empty()) return all;
  return std::find(all.begin(), all.end(), requested) == all.end()
             ? std::vector<std::string>{}
             : std::vector<std::string>{requested};
}

// end_time text of a day. Formatting dominated large answers, and the same few hundred days recur.
const std::string& end_time_text(Date day) {
  thread_local std::unordered_map<long, std::string> cache;
  auto [it, inserted] = cache.try_emplace(day.days());
  if (inserted) it->second = end_time_of(day);
  return it->second;
}

void write_number_values(JsonWriter& w, long long value, const std::string& breakdown,
                         std::uint64_t seed, const std::string& end_time) {
  auto one = [&](long long v, const char* bucket) {
    w.start_object();
    put(w, "value", v);
    if (bucket) put(w, breakdown, bucket);
    if (!end_time.empty()) put(w, "end_time", end_time);
    w.end_object();
  };
  if (breakdown.empty()) {
    one(value, nullptr);
  } else {
    auto [no, yes] = split_count(seed, breakdown, value);
    one(no, "0");
    one(yes, "1");
  }
}

void write_series(JsonWriter& w, const ApiContext& ctx, const std::string& object_id,
                  const std::optional<FakePost>& post, const MetricSpec& metric,
                  const std::string& period, const std::string& breakdown, Window window) {
  std::uint64_t seed = post ? post->seed : seed_of(object_id);
  w.start_object();
  put(w, "name", metric.name);
  put(w, "period", period);
  w.key("values");
  w.start_array();
  if (post) {
    if (metric.object_value) {
      w.start_object();
      w.key("value");
      w.start_object();
      for (const auto& [bucket, count] : post_object(seed, metric)) put(w, bucket, count);
      w.end_object();
      w.end_object();
    } else {
      write_number_values(w, post_count(seed, metric), breakdown, seed, "");
    }
  } else {
    Date first = std::max(window.since, ctx.today - k_retention_days);
    Date end = std::min(window.until, ctx.today);  // never today's partial day
    for (Date day = first; day < end; day = day + 1) {
      if (ctx.empty_first_day && day == first) {
        w.start_object();
        w.key("value");
        w.start_array();
        w.end_array();
        put(w, "end_time", end_time_text(day));
        w.end_object();
        continue;
      }
      write_number_values(w, page_value(seed, metric, period, day), breakdown, seed,
                          end_time_text(day));
    }
  }
  w.end_array();
  // breakdown= answers are titled with the metric name and identified by the object alone.
  w.key("title");
  if (!breakdown.empty()) {
    w.string(metric.name);
  } else if (metric.title) {
    w.string(metric.title);
  } else {
    w.null();
  }
  put(w, "description", metric.description);
  put(w, "id",
      breakdown.empty() ? fmt::format("{}/insights/{}/{}", object_id, metric.name, period)
                        : object_id);
  w.end_object();
}

Written insights(JsonWriter& w, const ApiContext& ctx, const std::string& object_id,
                 const std::optional<FakePost>& post, const Params& params) {
  std::string metric_list = param(params, "metric");
  if (metric_list.empty())
    return tl::unexpected(ApiError{400, 3001, 1504028, "OAuthException", "Invalid query"});
  std::vector<const MetricSpec*> metrics;
  for (const auto& name : split(metric_list, ',')) {
    const MetricSpec* metric = find_metric(name);
    if (!metric || metric->post != post.has_value())
      return invalid("(#100) The value must be a valid insights metric");
    metrics.push_back(metric);
  }
  std::string period = param(params, "period");
  if (!period.empty() && period != "day" && period != "week" && period != "days_28" &&
      period != "lifetime") {
    return invalid(
        "(#100) period must be one of the following values: day, week, days_28, month, lifetime, "
        "total_over_range");
  }
  std::string breakdown = param(params, "breakdown");
  if (!breakdown.empty() && breakdown != "is_from_ads" && breakdown != "is_from_followers") {
    return invalid(
        "(#100) breakdown[0] must be one of the following values: is_from_ads, is_from_followers");
  }
  auto window = read_window(ctx, params);
  if (!window) return tl::unexpected(window.error());

  w.start_object();
  w.key("data");
  w.start_array();
  for (const MetricSpec* metric : metrics) {
    std::string bucket = metric->breakdowns ? breakdown : "";
    for (const auto& p : periods_of(*metric, period))
      write_series(w, ctx, object_id, post, *metric, p, bucket, *window);
  }
  w.end_array();
  // The neighbouring windows of the same length, as Meta's previous/next links.
  long length = std::max(1L, window->until - window->since);
  Params query{{"metric", metric_list}};
  if (!period.empty()) query["period"] = period;
  if (!breakdown.empty()) query["breakdown"] = breakdown;
  w.key("paging");
  w.start_object();
  query["since"] = std::to_string(pacific_midnight(window->since - length));
  query["until"] = std::to_string(pacific_midnight(window->since));
  put(w, "previous", edge_url(ctx, object_id + "/insights", query));
  query["since"] = std::to_string(pacific_midnight(window->until));
  query["until"] = std::to_string(pacific_midnight(window->until + length));
  put(w, "next", edge_url(ctx, object_id + "/insights", query));
  w.end_object();
  w.end_object();
  return {};
}

// ---- comments --------------------------------------------------------------------------------

Written comment_fields(JsonWriter& w, const ApiContext& ctx, const FakeComment& comment,
                       const std::vector<FieldSpec>& fields, const std::vector<FakeComment>& all) {
  w.start_object();
  for (const auto& field : fields) {
    if (field.name == "id") {
      if (ctx.first_comment_without_id && comment.id == all.front().id) continue;
      put(w, "id", comment.id);
    } else if (field.name == "created_time") {
      put(w, "created_time", format_graph_time(comment.created));
    } else if (field.name == "message") {
      put(w, "message", comment.message);
    } else if (field.name == "from") {
      if (ctx.omit_comment_authors) continue;
      w.key("from");
      w.start_object();
      put(w, "name", comment.author_name);
      put(w, "id", comment.author_id);
      w.end_object();
    } else if (field.name == "parent") {
      if (comment.parent_id.empty()) continue;
      auto parent = std::find_if(all.begin(), all.end(),
                                 [&](const FakeComment& c) { return c.id == comment.parent_id; });
      if (parent == all.end()) continue;
      std::vector<FieldSpec> sub = field.subfields;
      if (sub.empty()) sub = *parse_fields("created_time,from,message,id", nullptr);
      w.key("parent");
      auto written = comment_fields(w, ctx, *parent, sub, all);
      if (!written) return written;
    } else if (field.name == "like_count") {
      put(w, "like_count", comment.like_count);
    } else if (field.name == "comment_count") {
      put(w, "comment_count", comment.reply_count);
    } else if (field.name == "can_hide" || field.name == "is_hidden") {
      w.key(field.name);
      w.boolean(field.name == "can_hide");
    } else {
      return nonexisting_field(field.name, "Comment");
    }
  }
  w.end_object();
  return {};
}

Written comments(JsonWriter& w, const ApiContext& ctx, const FakePost& post, const Params& params) {
  auto fields = read_fields(params, "created_time,from,message,id");
  if (!fields) return tl::unexpected(fields.error());
  bool stream = param(params, "filter") == "stream";
  std::string summary = param(params, "summary");
  int limit = limit_param(params, 25);
  std::vector<FakeComment> all = comments_of(post, stream);
  size_t start = 0;
  if (std::string after = param(params, "after"); !after.empty()) {
    auto index = read_cursor(after);
    if (!index) return invalid("(#100) Invalid cursor");
    start = std::min(all.size(), static_cast<size_t>(*index + 1));
  }
  size_t end = std::min(all.size(), start + static_cast<size_t>(limit));

  w.start_object();
  w.key("data");
  w.start_array();
  for (size_t i = start; i < end; ++i) {
    auto written = comment_fields(w, ctx, all[i], *fields, all);
    if (!written) return written;
  }
  w.end_array();
  if (end > start) {
    w.key("paging");
    w.start_object();
    w.key("cursors");
    w.start_object();
    put(w, "before", cursor(static_cast<long long>(start)));
    put(w, "after", cursor(static_cast<long long>(end - 1)));
    w.end_object();
    if (end < all.size()) {
      Params query = params;
      query["after"] = cursor(static_cast<long long>(end - 1));
      put(w, "next", edge_url(ctx, post.id + "/comments", query));
    }
    w.end_object();
  }
  if (summary == "true" || summary == "1" || summary == "total_count") {
    w.key("summary");
    w.start_object();
    put(w, "order", "chronological");
    put(w, "total_count", static_cast<long long>(all.size()));
    w.key("can_comment");
    w.boolean(true);
    w.end_object();
  }
  w.end_object();
  return {};
}

// ---- posts -----------------------------------------------------------------------------------

Written post_fields(JsonWriter& w, const ApiContext& ctx, const FakePost& post,
                    const std::vector<FieldSpec>& fields) {
  w.start_object();
  for (const auto& field : fields) {
    if (field.name == "id") {
      put(w, "id", post.id);
    } else if (field.name == "created_time") {
      put(w, "created_time", format_graph_time(post.created));
    } else if (field.name == "message") {
      put(w, "message", post.message);
    } else if (field.name == "permalink_url") {
      put(w, "permalink_url",
          fmt::format("https://www.facebook.com/{}/posts/{}", post.page_id,
                      post.id.substr(post.id.find('_') + 1)));
    } else if (field.name == "status_type") {
      put(w, "status_type", post.seed % 2 ? "added_photos" : "mobile_status_update");
    } else if (field.name == "is_published") {
      w.key("is_published");
      w.boolean(true);
    } else if (field.name == "shares") {
      long long shares = static_cast<long long>(post.seed % 7);
      if (shares == 0) continue;  // Meta leaves shares out of a post nobody shared
      w.key("shares");
      w.start_object();
      put(w, "count", shares);
      w.end_object();
    } else if (field.name == "insights") {
      w.key("insights");
      auto written = insights(w, ctx, post.id, post, modifiers_as_params(field));
      if (!written) return written;
    } else if (field.name == "comments") {
      w.key("comments");
      auto written = comments(w, ctx, post, modifiers_as_params(field));
      if (!written) return written;
    } else {
      return nonexisting_field(field.name, "PagePost");
    }
  }
  w.end_object();
  return {};
}

Written posts(JsonWriter& w, const ApiContext& ctx, const std::string& page_id,
              const std::string& edge, const Params& params) {
  auto fields = read_fields(params, "created_time,message,id");
  if (!fields) return tl::unexpected(fields.error());
  int limit = limit_param(params, 25);
  std::int64_t since = pacific_midnight(ctx.today - k_retention_days);
  std::int64_t until = pacific_midnight(ctx.today);
  for (const char* name : {"since", "until"}) {
    std::string value = param(params, name);
    if (value.empty()) continue;
    auto t = time_param(value);
    if (!t)
      return invalid(fmt::format("(#100) Param {} must be a valid unix timestamp or date", name));
    (std::string_view(name) == "since" ? since : until) = *t;
  }
  std::vector<FakePost> all;
  for (auto& post : posts_between(page_id, pacific_day(since), pacific_day(until), ctx.today)) {
    if (post.created >= since && post.created < until) all.push_back(std::move(post));
  }
  // The cursor is the day number of the last post given: the next page starts before it.
  size_t start = 0;
  if (std::string after = param(params, "after"); !after.empty()) {
    auto day = read_cursor(after);
    if (!day) return invalid("(#100) Invalid cursor");
    while (start < all.size() && all[start].day.days() >= *day) ++start;
  }
  size_t end = std::min(all.size(), start + static_cast<size_t>(limit));

  w.start_object();
  w.key("data");
  w.start_array();
  for (size_t i = start; i < end; ++i) {
    auto written = post_fields(w, ctx, all[i], *fields);
    if (!written) return written;
  }
  w.end_array();
  if (end > start) {
    w.key("paging");
    w.start_object();
    w.key("cursors");
    w.start_object();
    put(w, "before", cursor(all[start].day.days()));
    put(w, "after", cursor(all[end - 1].day.days()));
    w.end_object();
    if (end < all.size()) {
      Params query = params;
      query["after"] = cursor(all[end - 1].day.days());
      put(w, "next", edge_url(ctx, page_id + "/" + edge, query));
    }
    w.end_object();
  }
  w.end_object();
  return {};
}

// ---- nodes -----------------------------------------------------------------------------------

bool is_posts_edge(const std::string& name) {
  return name == "published_posts" || name == "posts" || name == "feed";
}

Written page_node(JsonWriter& w, const ApiContext& ctx, const std::string& page_id,
                  const Params& params) {
  auto fields = read_fields(params, "name,id");
  if (!fields) return tl::unexpected(fields.error());
  FakePage page = page_of(page_id);
  long long followers =
      page_value(seed_of(page_id), *find_metric("page_follows"), "day", ctx.today - 1);
  w.start_object();
  for (const auto& field : *fields) {
    if (field.name == "id") {
      put(w, "id", page.id);
    } else if (field.name == "name") {
      put(w, "name", page.name);
    } else if (field.name == "username") {
      put(w, "username", page.username);
    } else if (field.name == "category") {
      put(w, "category", page.category);
    } else if (field.name == "link") {
      put(w, "link", page.link);
    } else if (field.name == "followers_count" || field.name == "fan_count") {
      put(w, field.name, followers);  // equal on New Pages Experience Pages
    } else if (field.name == "insights" || is_posts_edge(field.name)) {
      Params edge_params = modifiers_as_params(field);
      w.key(field.name);
      auto written = field.name == "insights" ? insights(w, ctx, page_id, std::nullopt, edge_params)
                                              : posts(w, ctx, page_id, field.name, edge_params);
      if (!written) return written;
    } else {
      return nonexisting_field(field.name, "Page");
    }
  }
  w.end_object();
  return {};
}

Written post_node(JsonWriter& w, const ApiContext& ctx, const FakePost& post,
                  const Params& params) {
  auto fields = read_fields(params, "created_time,message,id");
  if (!fields) return tl::unexpected(fields.error());
  return post_fields(w, ctx, post, *fields);
}

Written accounts(JsonWriter& w, const ApiContext& ctx, const Params& params) {
  int limit = limit_param(params, 25);
  long long start = 0;
  if (std::string after = param(params, "after"); !after.empty()) {
    auto index = read_cursor(after);
    if (!index) return invalid("(#100) Invalid cursor");
    start = *index + 1;
  }
  long long end = std::min<long long>(ctx.pages, start + limit);
  w.start_object();
  w.key("data");
  w.start_array();
  for (long long i = start; i < end; ++i) {
    FakePage page = page_of(account_page_id(static_cast<int>(i)));
    w.start_object();
    put(w, "id", page.id);
    put(w, "name", page.name);
    put(w, "category", page.category);
    w.end_object();
  }
  w.end_array();
  if (end > start) {
    w.key("paging");
    w.start_object();
    w.key("cursors");
    w.start_object();
    put(w, "before", cursor(start));
    put(w, "after", cursor(end - 1));
    w.end_object();
    if (end < ctx.pages) {
      Params query = params;
      query["after"] = cursor(end - 1);
      put(w, "next", edge_url(ctx, "me/accounts", query));
    }
    w.end_object();
  }
  w.end_object();
  return {};
}

Written route(JsonWriter& w, const ApiContext& ctx, std::string_view path, const Params& params) {
  std::vector<std::string> parts = split(path, '/');
  if (parts.size() == 2 && parts[0] == "me" && parts[1] == "accounts")
    return accounts(w, ctx, params);
  if (parts.empty() || parts.size() > 2) return unsupported_get(path);
  const std::string& id = parts[0];
  std::optional<FakePost> post;
  if (!all_digits(id)) {
    post = find_post(id, ctx.today);
    if (!post) return unsupported_get(id);
  }
  if (parts.size() == 1)
    return post ? post_node(w, ctx, *post, params) : page_node(w, ctx, id, params);
  const std::string& edge = parts[1];
  if (edge == "insights") return insights(w, ctx, id, post, params);
  if (!post && is_posts_edge(edge)) return posts(w, ctx, id, edge, params);
  if (post && edge == "comments") return comments(w, ctx, *post, params);
  return tl::unexpected(
      ApiError{400, 2500, 0, "OAuthException", "Unknown path components: /" + edge});
}

}  // namespace

void write_error(JsonWriter& w, const ApiError& error) {
  w.start_object();
  w.key("error");
  w.start_object();
  put(w, "message", error.message);
  put(w, "type", error.type);
  put(w, "code", error.code);
  if (error.subcode != 0) put(w, "error_subcode", error.subcode);
  w.key("is_transient");
  w.boolean(error.is_transient);
  put(w, "fbtrace_id", fmt::format("Afake{:08x}", seed_of(error.message) & 0xffffffffu));
  w.end_object();
  w.end_object();
}

std::string error_body(const ApiError& error) {
  std::string body;
  JsonWriter w(body);
  write_error(w, error);
  return body;
}

int answer_get(const ApiContext& context, std::string_view path, const Params& params,
               JsonWriter& w) {
  size_t start = w.size();
  Written written = route(w, context, path, params);
  if (written) return 200;
  w.truncate(start);
  write_error(w, written.error());
  return written.error().status;
}

}  // namespace pageaudit::fake
