// The Graph calls of a pull and what their answers yield: the relative URL of each kind of call,
// and the decoding of an answer into store records plus the calls it leads to (next pages of
// posts or comments, breakdowns of the posts it listed).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/error.h"
#include "pageaudit/graph/pull.h"

namespace pageaudit {

enum class CallKind {
  page,               // the Page fields, with the window's daily metrics by field expansion
  page_insights,      // daily metrics for a window
  page_periods,       // metrics kept for longer periods too: every period, for a window
  page_breakdown,     // one daily metric for a window, split by one breakdown= dimension
  posts,              // a page of posts created in a window, with lifetime insights and comments
  comments,           // a further page of one post's comments (replies included)
  post_breakdown,     // one lifetime post metric of one post, split by one breakdown= dimension
  probe_page_metric,  // one daily metric for yesterday: does Meta still serve it for this Page?
  probe_post_metric,  // one post metric on the latest post: likewise
};

struct Call {
  CallKind kind = CallKind::page;
  std::vector<std::string> metrics{};  // the metric list (one metric for breakdowns and probes)
  DayWindow days{};                    // page, the page_* calls, probe_page_metric
  PostsWindow posts_window{};          // posts
  std::string object_id{};             // comments, post_breakdown: the post
  std::string breakdown{};             // page_breakdown, post_breakdown
  std::string after{};                 // posts, comments: the cursor of the previous page
};

// Whether an answer of this kind carries daily insights (its emptiness means something).
bool carries_insights(CallKind kind);

// The call as a relative URL for Meta's batch API or a GET ("123/insights?metric=...").
std::string relative_url(const std::string& page_id, const Call& call);

struct DecodeContext {
  std::string page_id;
  Date today;  // values for today or later are dropped
  // The catalogue the pull runs with: the calls' metrics are among them, and the records name
  // them by views of these (pull.h).
  const std::vector<PullMetric>* page_metrics;
  const std::vector<PullMetric>* post_metrics;
};

struct Decoded {
  PullChunk chunk;
  std::vector<Call> follow_ups;
};

// Decodes a 2xx answer's body. Page values (daily, and the longer periods kept for a metric) are
// kept only for the call's metrics and window and before today; null values are left out (missing
// is absent, never 0). An answer that is not the expected JSON is an Error (ExitCode::unavailable):
// Meta cut or garbled it, worth asking again.
Result<Decoded> decode_answer(const DecodeContext& context, const Call& call,
                              std::string_view body);

}  // namespace pageaudit
