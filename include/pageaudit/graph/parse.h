// Graph API response bodies as plain structs: Page node, insights, posts, comments, errors,
// batches.
//
// Every parser takes the raw body and returns the struct or an Error (ExitCode::unavailable)
// whose message names the JSON path that had the wrong shape, e.g.
// "data[0].values[1].end_time: not a Graph time: \"2026-07-30\"". The caller prefixes the
// method and redacted URL. Paging URLs are kept without their access_token.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/http.h"

namespace pageaudit {

// {"error": {...}} as Meta sends it with a 4xx/5xx status (and inside failed batch items).
struct GraphError {
  int code = 0;
  int subcode = 0;  // error_subcode, 0 when absent
  std::string type;
  std::string message;
  std::string user_title;    // error_user_title, often absent
  std::string user_message;  // error_user_msg, often absent
  std::string fbtrace_id;
  bool is_transient = false;
};

// paging: URLs to the neighbouring windows or pages, and cursors. Empty strings when absent.
struct Paging {
  std::string previous;  // access_token removed
  std::string next;      // access_token removed; absent on the last page
  std::string before;    // cursors.before
  std::string after;     // cursors.after
};

// One element of an insights result's "values".
struct InsightValue {
  GraphTime end_time;           // as sent; empty for lifetime values, which carry none
  std::optional<Date> date;     // the Pacific day end_time describes; nullopt when no end_time
  std::optional<double> value;  // a plain number; nullopt for null or an object value
  // An object value ({"like": 3, "love": 1}) in document order; null members are left out.
  std::vector<std::pair<std::string, double>> by_key;
  // The string siblings of a breakdown= answer, e.g. {"is_from_ads", "1"}.
  std::vector<std::pair<std::string, std::string>> breakdown;
};

// One element of an insights "data" array: a metric for one period.
struct InsightSeries {
  std::string name;
  std::string period;                // day, week, days_28, lifetime, ...
  std::optional<std::string> title;  // null for some new metrics; titles can mislead, key by name
  std::string description;           // may hold HTML entities (&#039;), kept as sent
  std::string id;
  std::vector<InsightValue> values;
};

// The insights envelope, from /{id}/insights or from an expanded "insights" field.
struct Insights {
  std::vector<InsightSeries> series;
  Paging paging;
};

struct CommentAuthor {
  std::string id;
  std::string name;
};

struct Comment {
  std::string id;  // may be absent (Page Public Content Access)
  std::string created_time;
  std::string message;
  std::optional<CommentAuthor> from;  // absent without a Page token of an admin
  std::string parent_id;              // the comment replied to; empty for a top-level comment
  std::optional<std::int64_t> like_count;
  std::optional<std::int64_t> comment_count;
};

struct Comments {
  std::vector<Comment> data;
  Paging paging;
  std::optional<std::int64_t> total_count;  // summary.total_count, not exact (research 3.5)
};

struct Post {
  std::string id;  // "{page-id}_{post-id}"
  std::string created_time;
  std::string message;
  std::string permalink_url;
  std::string status_type;
  std::optional<std::int64_t> shares;  // shares.count
  std::optional<Insights> insights;    // expanded insights.metric(...)
  std::optional<Comments> comments;    // expanded comments{...}
};

struct Posts {
  std::vector<Post> data;
  Paging paging;
};

// The Page node, with its insights when they were asked for by field expansion.
struct PageNode {
  std::string id;
  std::string name;
  std::string username;
  std::string category;
  std::string link;
  std::optional<std::int64_t> followers_count;
  std::optional<std::int64_t> fan_count;
  std::optional<Insights> insights;
};

// One answer in a batch response. The body is itself JSON text, to be given to the parser that
// fits the item's request.
struct BatchItem {
  int code = 0;
  Headers headers;  // names lower-cased; empty with include_headers=false
  std::string body;
};

Result<PageNode> parse_page(std::string_view body);
Result<Insights> parse_insights(std::string_view body);
Result<Posts> parse_posts(std::string_view body);
Result<Comments> parse_comments(std::string_view body);

// The batch response array in request order; nullopt for the null items Meta sends for requests
// it did not complete (they have to be asked again). Unlike the other parsers it does not check
// that the text is UTF-8: an item's body and header values are raw text, parsed (and so checked)
// before any of it is kept, and checking every byte twice was a fifth of a backfill's CPU.
Result<std::vector<std::optional<BatchItem>>> parse_batch(std::string_view body);

// The error envelope in a body; nullopt when the body is not JSON or holds no "error" object.
std::optional<GraphError> parse_graph_error(std::string_view body);

// url without its access_token and appsecret_proof parameters (Meta's paging URLs carry the token).
std::string strip_access_token(std::string_view url);

}  // namespace pageaudit
