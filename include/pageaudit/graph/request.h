// The Graph calls a pull makes, built as relative URLs and turned into single GETs or batch POSTs.
//
// A call is a relative URL as Meta's batch API takes it, without version or token:
// "123/insights?metric=page_follows&period=day&since=1782889200&until=1790665200". Days are
// Meta's Pacific days; since/until are sent as the epoch seconds of their 00:00 Pacific, so the
// values returned are those of the days since .. until-1 (end_time since+1 .. until). Metric
// lists come from the caller (the store's metric catalogue); nothing here names a metric.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/graph/http.h"

namespace pageaudit {

// Meta's limit on a since/until range per insights request, in days.
inline constexpr int k_max_window_days = 90;
// Meta's limit on the requests in one batch.
inline constexpr size_t k_max_batch_items = 50;

// Where and as whom to call.
struct GraphTarget {
  std::string base_url;  // "https://graph.facebook.com" (a trailing '/' is ignored)
  std::string version;   // "v25.0"
  std::string token;
};

// The base URL and the version as --graph-url and --api-version give them: an http:// or https://
// URL, and a version like "v25.0". Errors: ExitCode::usage, naming the option.
Status check_graph_target(std::string_view base_url, std::string_view version);

// The days [since, until): values for since .. until-1.
struct DayWindow {
  Date since;
  Date until;
};

// first .. last (both included) cut into windows of at most max_days, oldest first; empty when
// last < first.
std::vector<DayWindow> split_windows(Date first, Date last, int max_days = k_max_window_days);

// The Page node with the Page fields every run snapshots (id, name, username, category, link,
// followers_count, fan_count) and, unless metrics is empty, their daily insights for the window
// by field expansion: one request for both.
std::string page_call(const std::string& page_id, const std::vector<std::string>& metrics,
                      DayWindow window);

// Insights of a Page for a window: /{id}/insights?metric=...&period=day&since=&until=. An empty
// period is left out, and Meta then answers every period each metric has (day, week, days_28),
// each with a value per end_time of the window: one call for all of them.
std::string insights_call(const std::string& object_id, const std::vector<std::string>& metrics,
                          DayWindow window, std::string_view period = "day");

struct PostsQuery {
  std::vector<std::string> metrics;  // lifetime post metrics, expanded as insights.metric(...)
  std::optional<Date> since;         // only posts created from this Pacific day on
  std::string after;                 // the cursor of the previous page ("" for the first)
  int limit = 25;                    // Meta allows 100; big expansions fail with code 1
  // Expand comments{id,from,created_time,message,parent{id}} with a total. This field needs
  // pages_read_user_content and fails the whole request without it, so it can be left out.
  bool with_comments = true;
};

// A page of the Page's published posts, newest first, with their lifetime insights and comments.
std::string posts_call(const std::string& page_id, const PostsQuery& query);

// The comments on an object (post or comment), replies included, one page after the cursor.
std::string comments_call(const std::string& object_id, const std::string& after, int limit = 100);

// GET {base}/{version}/{call} with the token as access_token.
HttpRequest get_request(const GraphTarget& target, const std::string& call);

// The calls as batch POSTs to {base}/{version}/, at most k_max_batch_items each, in order, with
// include_headers=false (the answer's own headers carry the usage). Empty for no calls.
std::vector<HttpRequest> batch_requests(const GraphTarget& target,
                                        const std::vector<std::string>& calls);

// Percent-encodes text for a URL query or form value. Unreserved characters stay, and so do
// ',', '(' and ')', which Graph field lists are full of and which are legal in a query.
std::string url_encode(std::string_view text);

}  // namespace pageaudit
