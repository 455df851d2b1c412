// The pull's sink: a queue in front of the writer thread.
#include "pageaudit/store/pull_store.h"

#include "pageaudit/store/pull_writer.h"

namespace pageaudit {

namespace {

// Queued rows past which callers wait for the writer: bounds memory when the network outruns
// the disk.
constexpr long k_max_queued_rows = 200'000;

}  // namespace

PullStore::PullStore(Database& db, std::string as_of, bool keep_pii)
    : m_writer(std::make_unique<PullWriter>(db, std::move(as_of), keep_pii)),
      m_thread([this] { run_writer(); }) {}

PullStore::~PullStore() {
  (void)close();
}

void PullStore::run_writer() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_work.wait(lock, [this] { return !m_queue.empty() || m_closing; });
    if (m_queue.empty()) return;  // closing, and everything is written
    std::vector<PullOp> ops = std::move(m_queue);
    m_queue.clear();
    m_queued_rows = 0;
    m_room.notify_all();
    bool failed = m_error.has_value();
    lock.unlock();
    // After an error nothing more is written: what follows may depend on what failed.
    Status written = failed ? Status{} : m_writer->apply(ops);
    lock.lock();
    if (!written && !m_error) m_error = written.error();
  }
}

Status PullStore::enqueue(PullOp op) {
  long rows = 1;
  for (const PullChunk& chunk : op.chunks) rows += chunk.rows();
  std::unique_lock<std::mutex> lock(m_mutex);
  m_room.wait(lock, [this] { return m_queued_rows < k_max_queued_rows || m_error; });
  if (m_error) return tl::unexpected(*m_error);
  if (m_closing)
    return fail(ExitCode::software, "pull: the store was closed before the pull ended");
  m_queue.push_back(std::move(op));
  m_queued_rows += rows;
  m_work.notify_one();
  return {};
}

Status PullStore::begin_page(const std::string& page_id, std::optional<Date> first_wanted) {
  return enqueue(PullOp{PullOp::Kind::begin, page_id, {}, {}, {}, {}, first_wanted});
}

Status PullStore::write(const std::string& page_id, std::vector<PullChunk> chunks) {
  return enqueue(PullOp{PullOp::Kind::write, page_id, std::move(chunks), {}, {}, {}, {}});
}

Status PullStore::mark_unavailable(const std::string& page_id, const std::string& metric,
                                   const std::string& message) {
  return enqueue(PullOp{PullOp::Kind::unavailable, page_id, {}, metric, message, {}, {}});
}

Status PullStore::finish_page(const PageOutcome& outcome) {
  return enqueue(PullOp{PullOp::Kind::finish, outcome.page_id, {}, {}, {}, outcome, {}});
}

Status PullStore::close() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_closing = true;
  }
  m_work.notify_one();
  if (m_thread.joinable()) m_thread.join();
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_error) return tl::unexpected(*m_error);
  return {};
}

}  // namespace pageaudit
