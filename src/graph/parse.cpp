// Parsers for Graph API response bodies.
#include "pageaudit/graph/parse.h"

#include <algorithm>
#include <cctype>

#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/json.h"

namespace pageaudit {
namespace {

// Runs `read` over the parsed body and turns the first shape error into an Error.
template <typename T, typename Read>
Result<T> read_body(std::string_view body, Read read) {
  auto doc = parse_json(body);
  if (!doc) return tl::unexpected(doc.error());
  ShapeErrors errors;
  JsonNode root(doc->get(), "", &errors);
  if (!root.is_object()) root.error("expected an object");
  T out = errors.empty() ? read(root) : T{};
  if (!errors.empty()) return fail(ExitCode::unavailable, errors.first());
  return out;
}

Paging read_paging(const JsonNode& node) {
  Paging paging;
  paging.previous = strip_access_token(node["previous"].string().value_or(""));
  paging.next = strip_access_token(node["next"].string().value_or(""));
  JsonNode cursors = node["cursors"];
  paging.before = cursors["before"].string().value_or("");
  paging.after = cursors["after"].string().value_or("");
  return paging;
}

InsightValue read_value(const JsonNode& node) {
  InsightValue out;
  node.each_member([&](std::string_view key, const JsonNode& member) {
    if (key == "value") {
      if (member.is_object()) {
        member.each_member([&](std::string_view bucket, const JsonNode& count) {
          if (auto number = count.number()) out.by_key.emplace_back(bucket, *number);
        });
      } else if (member.is_array() && member.elements().empty()) {
        // An empty breakdown (seen in a real answer): no value that day, absent and never 0.
      } else {
        out.value = member.number();
      }
    } else if (key == "end_time") {
      if (!member.present()) {
        member.error("missing");
        return;
      }
      std::string_view text = member.view().value_or("");
      if (auto time = GraphTime::of(text)) {
        out.end_time = *time;
        out.date = day_described(*time);
      } else if (!text.empty()) {
        member.error("not a Graph time: \"" + std::string(text) + "\"");
      }
    } else if (member.is_string()) {
      // breakdown= answers put the bucket beside the value: {"value": 789, "is_from_ads": "0"}.
      out.breakdown.emplace_back(key, *member.view());
    }
  });
  return out;
}

Insights read_insights(const JsonNode& node) {
  Insights out;
  for (const JsonNode& item : node["data"].elements()) {
    InsightSeries series;
    series.name = item["name"].required_string();
    series.period = item["period"].required_string();
    series.title = item["title"].string();
    series.description = item["description"].string().value_or("");
    series.id = item["id"].string().value_or("");
    for (const JsonNode& value : item["values"].elements())
      series.values.push_back(read_value(value));
    out.series.push_back(std::move(series));
  }
  out.paging = read_paging(node["paging"]);
  return out;
}

std::optional<Insights> read_optional_insights(const JsonNode& node) {
  if (!node.present()) return std::nullopt;
  return read_insights(node);
}

Comments read_comments(const JsonNode& node) {
  Comments out;
  for (const JsonNode& item : node["data"].elements()) {
    Comment comment;
    comment.id = item["id"].string().value_or("");
    comment.created_time = item["created_time"].string().value_or("");
    comment.message = item["message"].string().value_or("");
    if (JsonNode from = item["from"]; from.present()) {
      comment.from =
          CommentAuthor{from["id"].string().value_or(""), from["name"].string().value_or("")};
    }
    comment.parent_id = item["parent"]["id"].string().value_or("");
    comment.like_count = item["like_count"].integer();
    comment.comment_count = item["comment_count"].integer();
    out.data.push_back(std::move(comment));
  }
  out.paging = read_paging(node["paging"]);
  out.total_count = node["summary"]["total_count"].integer();
  return out;
}

Posts read_posts(const JsonNode& node) {
  Posts out;
  for (const JsonNode& item : node["data"].elements()) {
    Post post;
    post.id = item["id"].required_string();
    post.created_time = item["created_time"].string().value_or("");
    post.message = item["message"].string().value_or("");
    post.permalink_url = item["permalink_url"].string().value_or("");
    post.status_type = item["status_type"].string().value_or("");
    post.shares = item["shares"]["count"].integer();
    post.insights = read_optional_insights(item["insights"]);
    if (JsonNode comments = item["comments"]; comments.present())
      post.comments = read_comments(comments);
    out.data.push_back(std::move(post));
  }
  out.paging = read_paging(node["paging"]);
  return out;
}

PageNode read_page(const JsonNode& node) {
  PageNode out;
  out.id = node["id"].required_string();
  out.name = node["name"].string().value_or("");
  out.username = node["username"].string().value_or("");
  out.category = node["category"].string().value_or("");
  out.link = node["link"].string().value_or("");
  out.followers_count = node["followers_count"].integer();
  out.fan_count = node["fan_count"].integer();
  out.insights = read_optional_insights(node["insights"]);
  return out;
}

std::vector<std::optional<BatchItem>> read_batch(const JsonNode& root) {
  std::vector<std::optional<BatchItem>> out;
  for (const JsonNode& item : root.elements()) {
    if (!item.present()) {
      out.emplace_back(std::nullopt);
      continue;
    }
    if (!item.is_object()) {
      item.error("expected an object or null");
      continue;
    }
    BatchItem answer;
    if (auto code = item["code"].integer()) {
      answer.code = static_cast<int>(*code);
    } else {
      item["code"].error("missing");
    }
    for (const JsonNode& header : item["headers"].elements()) {
      std::string name = header["name"].required_string();
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      answer.headers[name] = header["value"].string().value_or("");
    }
    answer.body = item["body"].string().value_or("");
    out.emplace_back(std::move(answer));
  }
  return out;
}

}  // namespace

Result<PageNode> parse_page(std::string_view body) {
  return read_body<PageNode>(body, read_page);
}

Result<Insights> parse_insights(std::string_view body) {
  return read_body<Insights>(body, read_insights);
}

Result<Posts> parse_posts(std::string_view body) {
  return read_body<Posts>(body, read_posts);
}

Result<Comments> parse_comments(std::string_view body) {
  return read_body<Comments>(body, read_comments);
}

Result<std::vector<std::optional<BatchItem>>> parse_batch(std::string_view body) {
  // Without the UTF-8 check: the text an item carries is its body, a JSON document of its own
  // that the caller parses (and checks) again, and headers the caller either parses as JSON too
  // (the usage headers) or drops. Checking here would walk every escaped body twice.
  auto doc = parse_json(body, Utf8Check::skip);
  if (!doc) return tl::unexpected(doc.error());
  ShapeErrors errors;
  JsonNode root(doc->get(), "", &errors);
  if (!(*doc)->IsArray()) root.error("expected an array");
  auto items = read_batch(root);
  if (!errors.empty()) return fail(ExitCode::unavailable, errors.first());
  return items;
}

std::optional<GraphError> parse_graph_error(std::string_view body) {
  auto doc = parse_json(body);
  if (!doc) return std::nullopt;
  ShapeErrors errors;  // a malformed field is left empty: the error is reported all the same
  JsonNode error = JsonNode(doc->get(), "", &errors)["error"];
  if (!error.is_object()) return std::nullopt;
  GraphError out;
  out.code = static_cast<int>(error["code"].integer().value_or(0));
  out.subcode = static_cast<int>(error["error_subcode"].integer().value_or(0));
  out.type = error["type"].string().value_or("");
  out.message = error["message"].string().value_or("");
  out.user_title = error["error_user_title"].string().value_or("");
  out.user_message = error["error_user_msg"].string().value_or("");
  out.fbtrace_id = error["fbtrace_id"].string().value_or("");
  out.is_transient = error["is_transient"].boolean().value_or(false);
  return out;
}

std::string strip_access_token(std::string_view url) {
  size_t query = url.find('?');
  if (query == std::string_view::npos) return std::string(url);
  size_t fragment = url.find('#', query);
  std::string_view params =
      url.substr(query + 1, fragment == std::string_view::npos ? std::string_view::npos
                                                               : fragment - query - 1);
  std::string kept;
  while (!params.empty()) {
    size_t amp = params.find('&');
    std::string_view param = params.substr(0, amp);
    params = amp == std::string_view::npos ? std::string_view() : params.substr(amp + 1);
    if (param.rfind("access_token=", 0) == 0 || param.rfind("appsecret_proof=", 0) == 0) continue;
    if (!kept.empty()) kept += '&';
    kept += param;
  }
  std::string out(url.substr(0, query));
  if (!kept.empty()) out += "?" + kept;
  if (fragment != std::string_view::npos) out += url.substr(fragment);
  return out;
}

}  // namespace pageaudit
