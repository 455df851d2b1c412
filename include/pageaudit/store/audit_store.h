// The audit's side of the store: writing customer lists, time logs and outcomes; keeping the
// goals; reading everything the audit needs for one Page; recording each audit.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/audit/audit.h"
#include "pageaudit/core/error.h"
#include "pageaudit/input/tables.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {

// --- import --as: upserts inside the caller's transaction, tagged with source and run_id ------

// One row per customer (customers.customer_key = Customer::key()). Hashes and clear values from
// this list replace stored ones where it has them; the clear columns (name, email, phone, city)
// are written only with keep_pii and are cleared otherwise, so importing a list again without
// --keep-pii removes the clear values it once stored.
Status write_customers(Database& db, const std::string& page_id, const CustomerList& list,
                       bool keep_pii, const std::string& source, int64_t run_id);
// Distinct customers of page_id.
Result<long> count_customers(Database& db, const std::string& page_id);

// An entry replaces the stored one with the same date, activity and person.
Status write_time_log(Database& db, const std::string& page_id, std::span<const TimeEntry> entries,
                      const std::string& source, int64_t run_id);

// A value replaces the stored one with the same date and metric (an empty cell stores NULL).
Status write_outcomes(Database& db, const std::string& page_id, const OutcomeTable& table,
                      const std::string& source, int64_t run_id);

// --- goals ----------------------------------------------------------------------------------

// Replaces page_id's rows in goals, its goal_files row and its settings row, in one transaction
// of its own. toml is the file's text (kept so that audits without --goals see business, effort,
// audience and survey too); source the file as given on the command line.
Status save_goals(Database& db, const std::string& page_id, const Goals& goals,
                  std::string_view toml, const std::string& source);

// Replaces page_id's settings row with the goals file's settings (SPEC 4), inside the caller's
// transaction: NULL where the file gives nothing (an empty name or currency, no survey, an empty
// target list); target_* as JSON arrays of strings; language 'en' | 'es'.
Status write_settings(Database& db, const std::string& page_id, const Goals& goals,
                      const std::string& source, const std::string& loaded_at);

// For the migration to schema version 7, inside its transaction: a settings row for every
// goal_files row, with that row's source and loaded_at. A text that no longer parses is skipped:
// its Page has no settings until the next `audit --goals`.
Status fill_settings_from_goal_files(Database& db);

// A JSON array of the strings ('["ES","Madrid"]'), escaped as JSON requires: quote, backslash
// and control characters; UTF-8 passes as it is. "[]" for none.
std::string json_string_array(std::span<const std::string> items);

struct StoredGoals {
  Goals goals;
  std::string source;
};
// The goals last saved for page_id, read again from their text; nullopt when none were saved.
// Errors: those of parse_goals (ExitCode::data), should the stored text no longer be valid.
Result<std::optional<StoredGoals>> load_stored_goals(Database& db, const std::string& page_id);

// --- reading --------------------------------------------------------------------------------

struct PageInfo {
  std::string page_id;
  std::string name;  // "" when the store has none
};
// Every Page in the store, by id.
Result<std::vector<PageInfo>> list_pages(Database& db);

// What to audit: one Page, as of a day, over a window, against goals.
struct AuditScope {
  std::string page_id;
  // The audit day; nullopt: the last day daily_followers has a count for the Page, else (no
  // follower data) the day before today, the last whole day (the report says what is missing).
  std::optional<Date> as_of;
  int window_days = k_default_window_days;
  Date today;  // for the staleness check
  Goals goals;
  Language language = Language::en;
};

// Fills AuditInput from the store with the data as of the audit day (scope.as_of, or the default
// it names; AuditInput::as_of is the day chosen). Window sums read the days
// window_start()..as_of inclusive; followers also the day before the window, plus the newest
// count in the store (for the staleness check only). In detail:
//   followers      the daily_followers view
//   views          page_media_view (day); impressions: page_impressions (day) up to as_of,
//                  for the series-break note; reach likewise from page_impressions_unique
//   viewers        page_total_media_view_unique (day); viewers_window from its days_28 value on
//                  as_of for a 28-day window, its week value for a 7-day one (uniques never add)
//   engagements    page_post_engagements (day); page_visits: page_views_total (day)
//   net_follows    per day page_daily_follows_unique - page_daily_unfollows_unique, on the
//                  days both exist (new follows alone are never a net change)
//   posts          posts created in the window; nullopt when the store has no post of the Page;
//                  posts_covered: the ranges pull_coverage ('posts') holds, and each export's
//                  first..last post day; comments_covered: the pulls' ranges
//   comments       visitors' comments (from_page = 0) created in the window's Pacific days;
//                  nullopt when the Page has no comment and no successful pull; commenters:
//                  distinct authors (author_hash, else author_name_hash) with their name hashes;
//                  reply_waits: per visitor's top-level comment in the window, hours to the
//                  Page's first reply, else (no reply by then) to the end of the audit day
//   time_log       the Page's hours per day, summed over activities and people
//   outcomes       the Page's outcomes: per metric, the days with a value
//   customers      the Page's customers: count and every name, e-mail and phone hash
//   audience       the latest page_follows_age_gender / _country / _city breakdown on or before
//                  as_of, in percent (fractions are scaled; counts are left out)
// Errors: the store's (ExitCode::cant_create).
Result<AuditInput> load_audit_input(Database& db, const AuditScope& scope);

// load_audit_input for one Page after another: the queries are prepared once. Borrows db, which
// must outlive the reader.
class AuditInputReader {
 public:
  // Errors: the store's (ExitCode::cant_create).
  static Result<AuditInputReader> prepare(Database& db);
  AuditInputReader(AuditInputReader&&) noexcept;
  AuditInputReader& operator=(AuditInputReader&&) noexcept;
  ~AuditInputReader();

  // As load_audit_input(db, scope).
  Result<AuditInput> load(const AuditScope& scope);

  struct Queries;  // the prepared statements; defined in the source, for its helpers

 private:
  explicit AuditInputReader(std::unique_ptr<Queries> queries);
  std::unique_ptr<Queries> m_queries;  // prepared on the db given to prepare(), which they borrow
};

// --- recording ------------------------------------------------------------------------------

struct AuditRun {
  std::string format;                     // "text" | "markdown" | "json" | "html"
  std::optional<std::string> goals_file;  // the goals' source; nullopt when none were loaded
  std::string started_at;                 // UTC ISO timestamp
};

struct AuditRecord {
  AuditResult result;
  AuditRun run;
  std::string json;  // render_json(result)
};

// Records each audit in audit_runs (json: the full JSON report) with one audit_results row per
// goal, all in one transaction of its own: all are recorded or none. Returns their audit_ids, in
// the order given.
Result<std::vector<int64_t>> record_audits(Database& db, std::span<const AuditRecord> audits);
// record_audits for one audit; returns its audit_id.
Result<int64_t> record_audit(Database& db, const AuditRecord& audit);

}  // namespace pageaudit
