// The import ledger and the upserting RecordSink.
#include "pageaudit/store/writer.h"

#include "pageaudit/core/clock.h"
#include "pageaudit/core/redact.h"
#include "pageaudit/store/upserts.h"

namespace pageaudit {

Result<int64_t> start_run(Database& db, const RunStart& start) {
  auto stmt = db.prepare(
      "INSERT INTO import_runs(command, source, path, sha256, kind, page_id, started_at, status) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, 'running')");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, start.command).bind(2, start.source).bind(3, start.path).bind(4, start.sha256);
  stmt->bind(5, start.kind).bind(6, start.page_id).bind(7, db.clock().now_iso());
  if (auto s = stmt->run(); !s) return tl::unexpected(s.error());
  return db.last_insert_rowid();
}

Status finish_run(Database& db, int64_t run_id, const std::string& status, long rows,
                  const std::string& message, const std::optional<std::string>& page_id,
                  const std::optional<std::string>& kind) {
  auto stmt = db.prepare(
      "UPDATE import_runs SET status = ?, finished_at = ?, rows_written = ?, message = nullif(?, "
      "''), "
      "page_id = coalesce(?, page_id), kind = coalesce(?, kind) WHERE run_id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  // A run's message may quote an error from outside (Meta's, curl's): secrets are never stored.
  stmt->bind(1, status)
      .bind(2, db.clock().now_iso())
      .bind(3, static_cast<int64_t>(rows))
      .bind(4, redact(message));
  stmt->bind(5, page_id).bind(6, kind).bind(7, run_id);
  return stmt->run();
}

Status forget_run(Database& db, int64_t run_id) {
  auto stmt = db.prepare("DELETE FROM import_runs WHERE run_id = ?");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, run_id);
  return stmt->run();
}

Result<StoreSink> StoreSink::create(Database& db, std::string source, std::string as_of,
                                    int64_t run_id) {
  StoreSink sink;
  sink.m_db = &db;
  sink.m_source = std::move(source);
  sink.m_as_of = std::move(as_of);
  sink.m_run_id = run_id;
  sink.m_now = db.clock().now_iso();
  // Parameters in column order; page_metrics.end_time, which exports do not have, is NULL.
  constexpr std::string_view metric_row = "(?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8)";
  constexpr std::string_view breakdown_row = "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  auto prepared = db.prepare_all({
      {&sink.m_page, upsert_sql(k_page_named, "(?1, ?2, ?3, ?4)")},
      {&sink.m_page_min, upsert_sql(k_page_listed, "(?1, ?2, ?3)")},
      {&sink.m_metric_insert, insert_sql(k_page_metrics, metric_row)},
      {&sink.m_metric, upsert_sql(k_page_metrics, metric_row)},
      {&sink.m_breakdown_insert, insert_sql(k_page_metric_breakdowns, breakdown_row)},
      {&sink.m_breakdown, upsert_sql(k_page_metric_breakdowns, breakdown_row)},
      {&sink.m_post, upsert_sql(k_posts, "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")},
      {&sink.m_post_metric, upsert_sql(k_post_metrics, "(?1, ?2, ?3, ?4, ?5, ?6, ?7)")},
  });
  if (!prepared) return tl::unexpected(prepared.error());
  return sink;
}

Status StoreSink::ensure_page(std::string_view page_id) {
  if (page_id == m_last_page) return {};
  if (auto s = m_page_min.bind(1, page_id).bind(2, m_source).bind(3, m_now).run(); !s) return s;
  m_last_page = std::string(page_id);
  return {};
}

template <typename Bind>
Status StoreSink::insert_or_upsert(Statement& insert, Statement& upsert, const Bind& bind) {
  constexpr int k_conflicts_before_upsert = 64;
  if (m_conflicts < k_conflicts_before_upsert) {
    bind(insert);
    auto inserted = insert.run_unless_duplicate();
    if (!inserted) return tl::unexpected(inserted.error());
    if (*inserted) {
      m_conflicts = 0;
      return {};
    }
    ++m_conflicts;
  }
  bind(upsert);
  return upsert.run();
}

const std::string& StoreSink::iso(Date date) {
  if (date != m_iso_date) {
    m_iso_date = date;
    m_iso_text = date.iso();
  }
  return m_iso_text;
}

Status StoreSink::page(const PageRecord& record) {
  if (auto s = m_page.bind(1, record.page_id)
                   .bind(2, record.name)
                   .bind(3, m_source)
                   .bind(4, m_now)
                   .run();
      !s) {
    return s;
  }
  m_last_page = record.page_id;
  return {};
}

Status StoreSink::page_metric(const PageMetricRecord& r) {
  if (auto s = ensure_page(r.page_id); !s) return s;
  // Every bound string outlives the statement's run, so nothing is copied.
  const std::string& date = iso(r.date);
  return insert_or_upsert(m_metric_insert, m_metric, [&](Statement& stmt) {
    stmt.bind_ref(1, r.page_id).bind_ref(2, r.metric).bind_ref(3, r.period).bind_ref(4, date);
    stmt.bind(5, r.value).bind_ref(6, m_source).bind_ref(7, m_as_of).bind(8, m_run_id);
  });
}

Status StoreSink::breakdown(const BreakdownRecord& r) {
  if (auto s = ensure_page(r.page_id); !s) return s;
  const std::string& date = iso(r.date);
  return insert_or_upsert(m_breakdown_insert, m_breakdown, [&](Statement& stmt) {
    stmt.bind_ref(1, r.page_id).bind_ref(2, r.metric).bind_ref(3, r.period).bind_ref(4, date);
    stmt.bind_ref(5, r.dimension)
        .bind_ref(6, r.key)
        .bind(7, r.value)
        .bind_ref(8, unit_name(r.unit));
    stmt.bind_ref(9, m_source).bind_ref(10, m_as_of).bind(11, m_run_id);
  });
}

Status StoreSink::post(const PostRecord& r) {
  if (auto s = ensure_page(r.page_id); !s) return s;
  m_post.bind(1, r.post_id)
      .bind(2, r.page_id)
      .bind(3, r.created_time)
      .bind(4, r.type)
      .bind(5, r.title);
  m_post.bind(6, r.message)
      .bind(7, r.permalink)
      .bind(8, m_source)
      .bind(9, m_as_of)
      .bind(10, m_run_id);
  return m_post.run();
}

Status StoreSink::post_metric(const PostMetricRecord& r) {
  m_post_metric.bind_ref(1, r.post_id).bind_ref(2, r.metric).bind_ref(3, r.key).bind(4, r.value);
  m_post_metric.bind_ref(5, m_source).bind_ref(6, m_as_of).bind(7, m_run_id);
  return m_post_metric.run();
}

}  // namespace pageaudit
