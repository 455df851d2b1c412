// What a pull hands to its sink, and the sink itself: the records one Graph answer yields, what
// the store knows of a Page before a run, and how a Page's run ended. The store implements the
// sink (store/pull_store.h) from these types alone, without the engine, HTTP, backoff or usage
// headers of graph/pull.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/graph/end_time.h"
#include "pageaudit/graph/parse.h"
#include "pageaudit/graph/pull_plan.h"

namespace pageaudit {

// A catalogue metric to pull (metric_catalog: pull = 1, status 'active').
struct PullMetric {
  std::string name;
  std::vector<std::string> breakdowns;  // breakdown= dimensions Meta answers for it ("is_from_ads")
  // Periods kept besides "day" ("week", "days_28"): counts of people, which do not add up over
  // days, so Meta's own count for the period is pulled too (metric_catalog.pull_periods).
  std::vector<std::string> periods;
};

// What the store knows about a Page before the run.
struct PageState {
  std::string page_id;
  std::vector<DayRange> insights_covered;  // merged ranges of days already pulled
  std::vector<DayRange> posts_covered;
  std::optional<Date> backfill_start;        // the earliest day a pull of it wanted (pull_plan.h)
  std::vector<std::string> unavailable;      // metrics Meta refused for this Page (#100)
  std::optional<std::int64_t> resume_after;  // throttled: no call before (seconds since epoch)
  bool has_insights = false;                 // daily values from an earlier pull are stored
};

// ---- what an answer yields ------------------------------------------------------------------
//
// Metric, period and dimension names in these records are views, not copies (a backfill carries
// millions of records, and copying the names into heap strings was a tenth of reading them): they
// view string literals or the names in the PullSettings the pull runs with (pull_pages), which
// outlive every write of the pull. A sink that keeps records past the pull must copy the names.

// An insights value (period "day", or one of the metric's longer periods, end_time raw), or the
// followers_count snapshot (period "lifetime", no end_time).
struct PulledValue {
  std::string_view metric;
  std::string_view period;
  Date date;
  double value = 0;
  GraphTime end_time;
};

// A daily value for one bucket of a breakdown= dimension ("is_from_ads", key "true"/"false").
struct PulledBreakdown {
  std::string_view metric;
  Date date;
  std::string_view dimension;
  std::string key;
  double value = 0;
};

struct PulledPost {
  std::string id;
  std::string created_time;  // UTC 'YYYY-MM-DDTHH:MM:SSZ'; empty when Meta gave none
  std::string type;          // status_type
  std::string message;
  std::string permalink;
};

// A lifetime post metric; key "" for a plain number, the object's key ("like") for an object
// value, "DIMENSION:true|false" for a breakdown= bucket.
struct PulledPostMetric {
  std::string post_id;
  std::string_view metric;
  std::string key;
  double value = 0;
};

struct PulledComment {
  std::string id;
  std::string post_id;
  std::string parent_id;                // empty for a top-level comment
  std::string created_time;             // UTC 'YYYY-MM-DDTHH:MM:SSZ'
  std::optional<CommentAuthor> author;  // absent when Meta does not say who wrote it
  bool from_page = false;               // the Page itself wrote it (a reply by the Page)
};

enum class CoverageKind { insights, posts };

// Days whose data is now complete in the store (pull_coverage).
struct Coverage {
  CoverageKind kind;
  DayRange days;
};

// The data of one answer. Coverage travels with the data that completes it, so that both commit
// together.
struct PullChunk {
  std::optional<PageNode> page;  // the Page fields (its insights are in `values`)
  std::vector<PulledValue> values;
  std::vector<PulledBreakdown> breakdowns;
  std::vector<PulledPost> posts;
  std::vector<PulledPostMetric> post_metrics;
  std::vector<PulledComment> comments;
  long comments_skipped = 0;  // sent without an id or a time: not stored
  std::vector<Coverage> covered;

  long rows() const;  // the store rows it writes, coverage not counted
  bool empty() const;
};

// ---- the sink -------------------------------------------------------------------------------

enum class PageRunStatus { ok, partial, failed };

struct PageOutcome {
  std::string page_id;
  PageRunStatus status = PageRunStatus::ok;
  std::string message;  // why it is partial or failed
  long rows = 0;
  std::optional<std::int64_t> resume_after;  // throttled: seconds since the epoch
  bool insights_empty = false;               // insights were asked for and every answer was empty
  // Windows whose answers were empty, complete now that the Page is known to have insights (an
  // empty first pull is asked again: the token may have lacked read_insights).
  std::vector<Coverage> covered;
  std::vector<std::string> available;  // metrics that answered this run
};

// Where the data goes. Calls come from the thread that called pull_pages(), one at a time, in
// the order things happened. An error stops the whole pull (the store cannot be written); a sink
// that writes in the background may report it from a later call.
class PullSink {
 public:
  virtual ~PullSink() = default;
  // Records the start of a Page's run, committed before any of its data, and the first day the
  // run wants (none: it wants no day) as the Page's backfill start when it is earlier than the
  // one recorded: a run killed before its earliest windows commit is repaired by the next.
  virtual Status begin_page(const std::string& page_id, std::optional<Date> first_wanted) = 0;
  // Writes the chunks of one HTTP answer for one Page, all or nothing.
  virtual Status write(const std::string& page_id, std::vector<PullChunk> chunks) = 0;
  // Records that Meta no longer serves `metric` for the Page, with Meta's message.
  virtual Status mark_unavailable(const std::string& page_id, const std::string& metric,
                                  const std::string& message) = 0;
  // Records the end of a Page's run.
  virtual Status finish_page(const PageOutcome& outcome) = 0;
};

// Seconds since the epoch as UTC 'YYYY-MM-DDTHH:MM:SSZ'.
std::string utc_iso(std::int64_t seconds);

}  // namespace pageaudit
