// What `status` reads of the store: its Pages, the days each metric covers, the last runs and
// audits, and the warnings a user should act on (unfinished runs, stale follower counts, series
// breaks, what the Graph pull left behind, rows kept aside under no Page); the lines it prints.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"

namespace pageaudit {

class Clock;
class Database;
class Store;

struct PageSummary {
  std::string page_id;
  std::string name;                 // "(no name)" when the store has none
  std::optional<double> followers;  // the newest follower count, if any
  std::string followers_day;        // its day
};

// One metric, period and source of a Page (or its posts): first..last day and days with data.
struct CoverageSummary {
  std::string page_id;
  std::string metric;  // "posts" for the Page's posts
  std::string period;  // "" for posts
  std::string source;  // "" for posts
  std::string first_day;
  std::string last_day;
  int64_t days = 0;  // for posts: how many posts
};

struct RunSummary {
  int64_t run_id = 0;
  std::string command;
  std::string started_at;
  std::string status;
  std::string source;  // "" when none
  int64_t rows = 0;
  std::string page_id;    // "" when the run names no Page (or the rows kept aside under none)
  std::string page_name;  // "" when the store has none
};

struct AuditSummary {
  int64_t audit_id = 0;
  std::string page_id;
  std::string page_name;  // "" when the store has none
  std::string as_of;
  int64_t window_days = 0;
  std::string format;
  std::string finished_at;
};

struct StoreStatus {
  std::vector<PageSummary> pages;         // by page_id
  std::vector<CoverageSummary> coverage;  // metrics by Page, metric, period, first day; posts last
  std::vector<RunSummary> runs;           // the last 10, newest first
  std::vector<AuditSummary> audits;       // the last 10, newest first
  std::vector<std::string> warnings;      // complete sentences, in the order they are shown
};

// Reads everything `status` shows; with page, only that Page's Pages line, coverage, runs, audits
// and warnings (the rows kept aside under no Page are no Page's: only the whole store's status
// warns of them). today: the local day, for the age of follower counts (older than 3 days is
// stale); now_utc: 'YYYY-MM-DDTHH:MM:SSZ', for the throttled Pages still waiting.
Result<StoreStatus> read_status(Database& db, Date today, const std::string& now_utc,
                                const std::optional<std::string>& page = std::nullopt);

// The lines `status` prints for what read_status read: Pages, coverage, last runs (each naming its
// Page, or "no Page"), latest audits and warnings, each section under its title.
std::vector<std::string> format_status(const StoreStatus& status);

// `status` whole: "Store: PATH (schema version N)" and format_status() of the store as of the
// clock's day, for one Page (which must be one of the store's: else page_not_found) or all.
Result<std::vector<std::string>> status_report(Store& store, const std::optional<std::string>& page,
                                               const Clock& clock);

// The name of a Page in pages ("" when it has none); nullopt when there is no such row.
Result<std::optional<std::string>> page_name(Database& db, const std::string& page_id);

// Usage (64): "--page ID: no such Page in STORE (it holds: 111 Café, 222 Bar); did you mean
// '111'?" — at most 10 Pages listed ("and N more"), "none" for an empty store, the did-you-mean
// only for an id at most 3 edits from one of them.
tl::unexpected<Error> page_not_found(Database& db, const std::string& page_id,
                                     std::string_view option = "--page");

struct MetricAvailability {
  std::string page_id;
  std::string metric;
  std::string status;   // "available" | "unavailable"
  std::string since;    // UTC time it was first seen so
  std::string message;  // Meta's words for "unavailable"
};
// Every page_metric_status row whose status is 'unavailable', by Page and metric.
Result<std::vector<MetricAvailability>> unavailable_metrics(Database& db);

struct PullStateRow {
  std::string page_id;
  std::optional<std::string> last_status;  // "ok" | "partial" | "failed"
  std::optional<std::string> last_pull_at;
  std::optional<std::string> resume_after;       // set: Meta throttled the Page
  std::optional<std::string> insights_empty_on;  // set: the token may lack read_insights
};
// Every pull_state row, by Page.
Result<std::vector<PullStateRow>> pull_states(Database& db);

}  // namespace pageaudit
