// Writing imported records into the store: the run ledger (import_runs) and a RecordSink that
// upserts on natural keys, where a value from a later export replaces one from an earlier export.
#pragma once

#include <optional>
#include <string>

#include "pageaudit/core/error.h"
#include "pageaudit/input/records.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {

struct RunStart {
  std::string command;                // "import", "pull", ...
  std::optional<std::string> source;  // file name or "graph"
  std::optional<std::string> path;
  std::optional<std::string> sha256;
  std::optional<std::string> kind;
  std::optional<std::string> page_id;
};

// Records a run as 'running' in its own committed transaction, so a run that is killed stays
// visible as unfinished. Returns the run id.
Result<int64_t> start_run(Database& db, const RunStart& start);
// Marks the run finished (inside the caller's data transaction, so data and ledger commit
// together).
Status finish_run(Database& db, int64_t run_id, const std::string& status, long rows,
                  const std::string& message, const std::optional<std::string>& page_id,
                  const std::optional<std::string>& kind);
// Removes the ledger row of a run whose data was rolled back, leaving the store as it was.
Status forget_run(Database& db, int64_t run_id);

// Upserts records for one source (file name or "graph") as of one day, tagged with run_id.
// page_metrics/breakdowns/post_metrics: a row is replaced only by a value whose as_of is the same
// day or later (an older export imported after a newer one does not roll values back).
class StoreSink : public RecordSink {
 public:
  static Result<StoreSink> create(Database& db, std::string source, std::string as_of,
                                  int64_t run_id);

  Status page(const PageRecord& record) override;
  Status page_metric(const PageMetricRecord& record) override;
  Status breakdown(const BreakdownRecord& record) override;
  Status post(const PostRecord& record) override;
  Status post_metric(const PostMetricRecord& record) override;

 private:
  StoreSink() = default;
  Status ensure_page(std::string_view page_id);

  Database* m_db = nullptr;
  std::string m_source;
  std::string m_as_of;
  int64_t m_run_id = 0;
  std::string m_now;
  std::string m_last_page;            // pages already ensured (one per file in practice)
  const std::string& iso(Date date);  // ISO text of a date, cached: rows share their day
  Date m_iso_date = Date::from_days(-1000000);
  std::string m_iso_text;
  // Rows are first inserted plainly and upserted only when the key exists: an upsert seeks the
  // B-tree twice per row even for a new row, which made bulk imports slower than sqlite3 .import.
  // A file imported again conflicts on every row; after k_conflicts_before_upsert conflicts in a
  // row the sink goes straight to the upsert.
  Statement m_page, m_page_min, m_metric_insert, m_metric, m_breakdown_insert, m_breakdown, m_post,
      m_post_metric;
  int m_conflicts = 0;
  template <typename Bind>
  Status insert_or_upsert(Statement& insert, Statement& upsert, const Bind& bind);
};

}  // namespace pageaudit
