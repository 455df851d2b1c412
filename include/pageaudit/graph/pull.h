// Pulling Pages from the Graph API: the engine that turns each Page's plan into calls, packs them
// into batch requests, runs all Pages concurrently, retries transient failures, slows down or
// stops when Meta's usage headers or throttling errors say so, and hands each answer's data to a
// sink that commits it before the next answer is read.
//
// The engine knows nothing of SQLite: the store implements PullSink (graph/pull_records.h, in
// store/pull_store.h), the tests use the fake Graph server (tests/fake_graph) or their own
// HttpClient.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/graph/backoff.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/http.h"
#include "pageaudit/graph/parse.h"
#include "pageaudit/graph/pull_plan.h"
#include "pageaudit/graph/pull_records.h"
#include "pageaudit/graph/request.h"
#include "pageaudit/graph/usage.h"

namespace pageaudit {

// ---- the engine -----------------------------------------------------------------------------

struct PullProgress {
  int pages_done = 0;
  int pages_total = 0;
  int http_requests = 0;
};

// HTTP requests in flight at once, all Pages together (--parallel).
inline constexpr int k_default_max_parallel = 8;
// The longest the whole run waits for Meta's throttling to pass (--max-wait).
inline constexpr std::chrono::minutes k_default_max_wait{10};

struct PullSettings {
  GraphTarget target;
  std::vector<PullMetric> page_metrics;  // daily
  std::vector<PullMetric> post_metrics;  // lifetime
  std::optional<Date> since;             // --since
  std::optional<Date> until;             // --until
  int refetch_days = k_default_refetch_days;
  int post_days = k_default_post_days;
  int max_parallel = k_default_max_parallel;
  // The longest the whole run waits for Meta's throttling to pass; a longer wait stops the
  // Pages instead (exit 75, with a resume time in the store).
  std::chrono::milliseconds max_wait{k_default_max_wait};
  BackoffPolicy backoff;
  UsagePolicy usage;
  std::function<std::int64_t()> now;  // wall clock, seconds since the epoch (UTC)
  std::function<double()> random01;   // draws from [0, 1): backoff jitter
  std::function<void(const PullProgress&)> on_progress;  // optional, after every answer
};

struct PageReport {
  std::string page_id;
  ExitCode code = ExitCode::ok;  // 0, or why the Page stopped (69, 73, 75, 77...)
  std::string message;           // for a Page that stopped: what happened, redacted
  std::vector<std::string> warnings;
  long values = 0;  // daily values, breakdown values and followers snapshots
  long posts = 0;
  long post_metrics = 0;
  long comments = 0;
  long comments_skipped = 0;  // sent without an id or a time (PullChunk::comments_skipped)
  int http_requests = 0;
};

struct PullReport {
  std::vector<PageReport> pages;  // in the order given
  int http_requests = 0;
  int graph_calls = 0;  // as Meta counts them: each batch item is one
  // The most serious code of any Page: 77, 73, 70, 64, 69, 75, then 0.
  ExitCode code() const;
};

// Pulls every Page. `now` and `random01` in settings must be set. Never throws; every failure is
// in the report.
PullReport pull_pages(HttpClient& client, const PullSettings& settings,
                      const std::vector<PageState>& pages, PullSink& sink);

}  // namespace pageaudit
