// The store as the pull's sink: the pulled data is queued and written by a thread of its own.
// (What the pull reads first is in pull_state.h.)
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pageaudit/core/error.h"
#include "pageaudit/graph/pull_records.h"
#include "pageaudit/store/pull_state.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {

struct PullOp;
class PullWriter;

// The store as the pull's sink. Rows are tagged source 'graph', the Page's run id and as_of (the
// day of the pull); like imports, a row is replaced only by one read the same day or later.
// Comment authors are kept as SHA-256 hashes of their id and normalized name; with keep_pii the
// clear id and name as well (a later run without it keeps clear values already stored).
//
// Writing happens on a thread of its own, so that SQLite's work overlaps the network's: each call
// queues its work and returns at once (waiting only when too much is queued). The writer takes
// everything queued since its last commit and writes it in one transaction, in the order it was
// queued, so data always commits together with the coverage and run records that describe it. A
// call returns the writer's first error, if any; after one, nothing more is written. The
// Database must not be used by anyone else until close().
class PullStore final : public PullSink {
 public:
  PullStore(Database& db, std::string as_of, bool keep_pii);
  ~PullStore() override;  // close()
  PullStore(const PullStore&) = delete;
  PullStore& operator=(const PullStore&) = delete;

  // import_runs row (command 'pull', source 'graph', kind 'graph') with status 'running', and
  // pull_state.backfill_start lowered to first_wanted (a Page's first run creates its row).
  Status begin_page(const std::string& page_id, std::optional<Date> first_wanted) override;
  // pages, page_metrics (end_time kept raw), page_metric_breakdowns, posts, post_metrics,
  // comments and pull_coverage.
  Status write(const std::string& page_id, std::vector<PullChunk> chunks) override;
  // page_metric_status 'unavailable' with Meta's message.
  Status mark_unavailable(const std::string& page_id, const std::string& metric,
                          const std::string& message) override;
  // The run's status, pull_state, deferred coverage and 'available' metrics.
  Status finish_page(const PageOutcome& outcome) override;

  // Waits until everything queued is written and stops the writer; its first error, if any.
  Status close();

 private:
  Status enqueue(PullOp op);
  void run_writer();

  std::unique_ptr<PullWriter> m_writer;  // the statements, used by the writer thread only
  std::mutex m_mutex;                    // guards everything below
  std::condition_variable m_work;        // the writer waits for work
  std::condition_variable m_room;        // callers wait for room in the queue
  std::vector<PullOp> m_queue;
  long m_queued_rows = 0;
  bool m_closing = false;
  std::optional<Error> m_error;
  std::thread m_thread;
};

}  // namespace pageaudit
