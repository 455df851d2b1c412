// The pull's writer: the statements that write pulled data, coverage and run records.
#include "pageaudit/store/pull_writer.h"

#include <array>
#include <unordered_map>

#include "pageaudit/core/clock.h"
#include "pageaudit/core/identity.h"
#include "pageaudit/core/redact.h"
#include "pageaudit/store/sqlite.h"
#include "pageaudit/store/upserts.h"
#include "pageaudit/store/writer.h"

namespace pageaudit {
namespace {

const char* kind_name(CoverageKind kind) {
  return kind == CoverageKind::insights ? "insights" : "posts";
}

const char* status_name(PageRunStatus status) {
  switch (status) {
    case PageRunStatus::ok:
      return "ok";
    case PageRunStatus::partial:
      return "partial";
    case PageRunStatus::failed:
      return "failed";
  }
  return "failed";
}

// Rows per multi-row insert of the bulk tables. A statement run cost about 2,000 instructions of
// SQLite's own (starting, opening cursors, halting) beside the row's ~9,000; 32 rows share it.
constexpr size_t k_rows_per_upsert = 32;

// A page-data upsert (upserts.h) with the pull's VALUES row. It is prepared twice: as an upsert
// of one row, and as a plain INSERT OR IGNORE of k_rows_per_upsert rows (see upsert_all for why).
// Values shared by every row of a chunk (its Page, as_of, run) are parameters ?1, ?2, ... bound
// once per chunk; each bare ? is a row's own, numbered after them.
struct BulkUpsert {
  const Upsert* upsert;
  const char* row;  // "(?1, ?, 'graph', ?2)"
  int shared;       // the ?N in `row`
  int params;       // the bare ? in `row`
};

constexpr BulkUpsert k_value_upsert{&k_page_metrics, "(?1, ?, ?, ?, ?, ?, 'graph', ?2, ?3)", 3, 5};
constexpr BulkUpsert k_breakdown_upsert{
    &k_page_metric_breakdowns, "(?1, ?, 'day', ?, ?, ?, ?, 'count', 'graph', ?2, ?3)", 3, 5};
constexpr BulkUpsert k_post_metric_upsert{&k_post_metrics, "(?, ?, ?, ?, 'graph', ?1, ?2)", 2, 4};

// `rows` VALUES rows with every bare ? numbered after the shared ones (SQLite would number a
// bare ? after the largest number seen so far, which the shared ones upset).
std::string values_rows(const BulkUpsert& bulk, size_t rows) {
  std::string sql;
  int next = bulk.shared + 1;
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    for (const char* c = bulk.row; *c != '\0'; ++c) {
      sql += *c;
      if (*c == '?' && !(c[1] >= '0' && c[1] <= '9')) sql += std::to_string(next++);
    }
  }
  return sql;
}

// The upsert of one row.
std::string upsert_sql(const BulkUpsert& bulk) {
  return upsert_sql(*bulk.upsert, values_rows(bulk, 1));
}

// INSERT OR IGNORE of `rows` rows.
std::string insert_sql(const BulkUpsert& bulk, size_t rows) {
  return insert_or_ignore_sql(*bulk.upsert, values_rows(bulk, rows));
}

}  // namespace

// The statements and the writing itself.
class PullWriter::Impl {
 public:
  Impl(Database& db, std::string as_of, bool keep_pii)
      : m_db(db), m_as_of(std::move(as_of)), m_keep_pii(keep_pii) {}

  Status apply(std::vector<PullOp>& ops) {
    if (auto s = prepare(); !s) return s;
    // Foreign keys are not checked while pulled rows are written: every reference they hold is
    // the writer's own (the run it began, the posts it writes before their metrics), and checking
    // them makes SQLite keep a statement journal for each upsert, which doubled the cost of a
    // row in the backfill's profile. The connection is the writer's alone while the pull runs;
    // the checks are back on before anything else uses it.
    if (auto s = m_db.exec("PRAGMA foreign_keys = OFF"); !s) return s;
    Status written = apply_all(ops);
    Status restored = m_db.exec("PRAGMA foreign_keys = ON");
    return written ? restored : written;
  }

 private:
  Status apply_all(std::vector<PullOp>& ops) {
    Transaction txn(m_db);
    if (auto s = txn.begin(); !s) return s;
    m_now = m_db.clock().now_iso();
    for (PullOp& op : ops) {
      if (auto s = apply(op); !s) return s;
    }
    return txn.commit();
  }

  Status apply(PullOp& op) {
    switch (op.kind) {
      case PullOp::Kind::begin:
        return begin(op.page_id, op.first_wanted);
      case PullOp::Kind::write: {
        auto run = run_of(op.page_id);
        if (!run) return tl::unexpected(run.error());
        for (const PullChunk& chunk : op.chunks) {
          if (auto s = write_chunk(op.page_id, *run, chunk); !s) return s;
        }
        return {};
      }
      case PullOp::Kind::unavailable:
        m_unavailable.bind_ref(1, op.page_id).bind_ref(2, op.metric).bind_ref(3, m_now);
        // Meta's words, which may quote the request and its token: secrets are never stored.
        return bind_text(m_unavailable, 4, redact(op.message)).run();
      case PullOp::Kind::finish:
        return finish(op.outcome);
    }
    return {};
  }

  Status prepare() {
    if (m_prepared) return {};
    // A statement that may stop half way keeps a statement journal of the pages it changes (see
    // upsert_all for how the bulk rows avoid it; the coverage and state statements still may).
    // Once a journal outgrows 64 KiB SQLite moves it to a temporary file, and from then on every
    // row cost an 8 KiB write() to /var/tmp (1.6 GB for 150,000 rows). In memory it is a copy.
    if (auto s = m_db.exec("PRAGMA temp_store = MEMORY"); !s) return s;
    const std::string value_upsert = upsert_sql(k_value_upsert);
    const std::string value_inserts = insert_sql(k_value_upsert, k_rows_per_upsert);
    const std::string breakdown_upsert = upsert_sql(k_breakdown_upsert);
    const std::string breakdown_inserts = insert_sql(k_breakdown_upsert, k_rows_per_upsert);
    const std::string post_metric_upsert = upsert_sql(k_post_metric_upsert);
    const std::string post_metric_inserts = insert_sql(k_post_metric_upsert, k_rows_per_upsert);
    auto prepared = m_db.prepare_all({
        {&m_page_min, upsert_sql(k_page_listed, "(?1, 'graph', ?2)")},
        {&m_page, upsert_sql(k_page_described, "(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'graph', ?8)")},
        {&m_value, value_upsert},
        {&m_values, value_inserts},
        {&m_breakdown, breakdown_upsert},
        {&m_breakdowns, breakdown_inserts},
        // Posts from the Graph have no title: NULL keeps a title an export gave.
        {&m_post, upsert_sql(k_posts, "(?1, ?2, ?3, ?4, NULL, ?5, ?6, 'graph', ?7, ?8)")},
        {&m_post_metric, post_metric_upsert},
        {&m_post_metrics, post_metric_inserts},
        {&m_comment,
         upsert_sql(k_comments, "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'graph', ?11, ?12)")},
        {&m_coverage_select,
         "SELECT first_day, last_day FROM pull_coverage WHERE page_id = ? AND kind = ?"},
        {&m_coverage_delete, "DELETE FROM pull_coverage WHERE page_id = ? AND kind = ?"},
        {&m_coverage_insert,
         "INSERT INTO pull_coverage(page_id, kind, first_day, last_day) VALUES (?, ?, ?, ?)"},
        {&m_unavailable,
         "INSERT INTO page_metric_status(page_id, metric, status, since, message) "
         "VALUES (?, ?, 'unavailable', ?, ?) ON CONFLICT(page_id, metric) DO UPDATE SET "
         "status = 'unavailable', since = excluded.since, message = excluded.message"},
        {&m_available,
         "INSERT INTO page_metric_status(page_id, metric, status, since) VALUES (?, ?, "
         "'available', ?) ON CONFLICT(page_id, metric) DO UPDATE SET status = 'available', "
         "since = excluded.since, message = NULL WHERE page_metric_status.status <> 'available'"},
        {&m_state,
         "INSERT INTO pull_state(page_id, last_run_id, last_status, last_pull_at, resume_after, "
         "insights_empty_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(page_id) DO UPDATE SET "
         "last_run_id = excluded.last_run_id, last_status = excluded.last_status, "
         "last_pull_at = excluded.last_pull_at, resume_after = excluded.resume_after, "
         "insights_empty_on = excluded.insights_empty_on"},
        // ISO days compare as text; min() of a NULL is NULL, hence the coalesce.
        {&m_backfill_start,
         "INSERT INTO pull_state(page_id, backfill_start) VALUES (?1, ?2) "
         "ON CONFLICT(page_id) DO UPDATE SET backfill_start = "
         "min(coalesce(pull_state.backfill_start, excluded.backfill_start), "
         "excluded.backfill_start)"},
    });
    if (!prepared) return prepared;
    m_prepared = true;
    return {};
  }

  // Binds text without copying it (it outlives the statement's run), or NULL when empty: Meta
  // leaves fields out or empty, and the store says NULL for both.
  static Statement& bind_text(Statement& stmt, int index, std::string_view text) {
    return text.empty() ? stmt.bind_null(index) : stmt.bind_ref(index, text);
  }

  // ISO text of a date for the row in `slot` of a statement (bound by reference, so each row of
  // a multi-row statement needs its own), cached: a slot's rows often share their day.
  const std::string& iso(size_t slot, Date date) {
    DayText& day = m_days[slot];
    if (date != day.date) {
      day.date = date;
      day.text = date.iso();
    }
    return day.text;
  }

  // Upserts `rows`: k_rows_per_upsert at a time with `many`, an INSERT OR IGNORE, and the rest,
  // and every group of which `many` left a row out, one by one with `one`, the upsert. A group
  // is left out in part when one of its rows exists already (a day pulled again) or breaks a
  // constraint, which the upsert then reports. The split saves SQLite's statement journal: a
  // multi-row upsert keeps one (its DO UPDATE may abort half way), which copied every page it
  // changed: 7% of the writer's instructions in a 3-Page backfill; a multi-row INSERT OR IGNORE
  // cannot abort half way, and a one-row statement has no half way.
  // shared(stmt) binds the shared parameters (they outlast runs: a run resets, it does not
  // clear); bind(stmt, base, slot, row) binds a row's own, base + 1, base + 2, ...
  template <typename Row, typename Shared, typename Bind>
  Status upsert_all(Statement& one, Statement& many, const BulkUpsert& upsert,
                    const std::vector<Row>& rows, Shared shared, Bind bind) {
    if (rows.empty()) return {};
    shared(one);
    shared(many);
    for (size_t k = 0; k < rows.size();) {
      size_t n = rows.size() - k >= k_rows_per_upsert ? k_rows_per_upsert : 1;
      bool inserted = false;
      if (n > 1) {
        for (size_t r = 0; r < n; ++r)
          bind(many, upsert.shared + static_cast<int>(r) * upsert.params, r, rows[k + r]);
        if (auto s = many.run(); !s) return s;
        inserted = m_db.changes() == static_cast<int>(n);
      }
      for (size_t r = 0; r < n && !inserted; ++r) {
        bind(one, upsert.shared, 0, rows[k + r]);
        if (auto s = one.run(); !s) return s;
      }
      k += n;
    }
    return {};
  }

  Result<std::int64_t> run_of(const std::string& page_id) const {
    auto it = m_runs.find(page_id);
    if (it == m_runs.end())
      return failf(ExitCode::software, "pull: Page {} written before its run began", page_id);
    return it->second;
  }

  Status begin(const std::string& page_id, std::optional<Date> first_wanted) {
    // The Page is listed from the start: its data may arrive before its fields do.
    if (auto s = m_page_min.bind_ref(1, page_id).bind_ref(2, m_now).run(); !s) return s;
    auto run = start_run(
        m_db, RunStart{"pull", "graph", std::nullopt, std::nullopt, std::string("graph"), page_id});
    if (!run) return tl::unexpected(run.error());
    m_runs[page_id] = *run;
    // Recorded before any window's data, in the same transaction: whatever of the run commits,
    // the next run knows where its wanted days began (pull_plan.h).
    if (!first_wanted) return {};
    return m_backfill_start.bind_ref(1, page_id).bind(2, first_wanted->iso()).run();
  }

  Status add_coverage(const std::string& page_id, const Coverage& coverage) {
    // Ranges are merged as they are added, so a Page keeps a handful of rows however many nights
    // it is pulled.
    const char* kind = kind_name(coverage.kind);
    m_coverage_select.bind_ref(1, page_id).bind(2, kind);
    std::vector<DayRange> ranges{coverage.days};
    auto read = each_row(m_coverage_select, [&](const Statement& row) {
      auto first = Date::parse_iso(row.text(0));
      auto last = Date::parse_iso(row.text(1));
      if (first && last) ranges.push_back(DayRange{*first, *last});
    });
    if (!read) return read;
    m_coverage_select.reset();
    if (auto s = m_coverage_delete.bind_ref(1, page_id).bind(2, kind).run(); !s) return s;
    for (const DayRange& range : merge_ranges(std::move(ranges))) {
      m_coverage_insert.bind_ref(1, page_id).bind(2, kind);
      m_coverage_insert.bind(3, range.first.iso()).bind(4, range.last.iso());
      if (auto s = m_coverage_insert.run(); !s) return s;
    }
    return {};
  }

  Status write_chunk(const std::string& page_id, std::int64_t run_id, const PullChunk& chunk) {
    if (chunk.page) {
      const PageNode& page = *chunk.page;
      m_page.bind_ref(1, page_id);
      bind_text(m_page, 2, page.name);
      bind_text(m_page, 3, page.username);
      bind_text(m_page, 4, page.category);
      bind_text(m_page, 5, page.link);
      m_page.bind(6, page.followers_count).bind(7, page.fan_count).bind_ref(8, m_now);
      if (auto s = m_page.run(); !s) return s;
    }
    auto page_as_of_run = [&](Statement& stmt) {
      stmt.bind_ref(1, page_id).bind_ref(2, m_as_of).bind(3, run_id);
    };
    auto value = [&](Statement& stmt, int base, size_t slot, const PulledValue& v) {
      stmt.bind_ref(base + 1, v.metric).bind_ref(base + 2, v.period);
      stmt.bind_ref(base + 3, iso(slot, v.date)).bind(base + 4, v.value);
      bind_text(stmt, base + 5, v.end_time.view());
    };
    if (auto s = upsert_all(m_value, m_values, k_value_upsert, chunk.values, page_as_of_run, value);
        !s)
      return s;
    auto breakdown = [&](Statement& stmt, int base, size_t slot, const PulledBreakdown& b) {
      stmt.bind_ref(base + 1, b.metric).bind_ref(base + 2, iso(slot, b.date));
      stmt.bind_ref(base + 3, b.dimension).bind_ref(base + 4, b.key).bind(base + 5, b.value);
    };
    if (auto s = upsert_all(m_breakdown, m_breakdowns, k_breakdown_upsert, chunk.breakdowns,
                            page_as_of_run, breakdown);
        !s)
      return s;
    for (const PulledPost& p : chunk.posts) {
      m_post.bind_ref(1, p.id).bind_ref(2, page_id);
      bind_text(m_post, 3, p.created_time);
      bind_text(m_post, 4, p.type);
      bind_text(m_post, 5, p.message);
      bind_text(m_post, 6, p.permalink).bind_ref(7, m_as_of).bind(8, run_id);
      if (auto s = m_post.run(); !s) return s;
    }
    auto as_of_run = [&](Statement& stmt) { stmt.bind_ref(1, m_as_of).bind(2, run_id); };
    auto post_metric = [&](Statement& stmt, int base, size_t, const PulledPostMetric& m) {
      stmt.bind_ref(base + 1, m.post_id).bind_ref(base + 2, m.metric).bind_ref(base + 3, m.key);
      stmt.bind(base + 4, m.value);
    };
    if (auto s = upsert_all(m_post_metric, m_post_metrics, k_post_metric_upsert, chunk.post_metrics,
                            as_of_run, post_metric);
        !s)
      return s;
    for (const PulledComment& c : chunk.comments) {
      std::string_view id_hash, name_hash, id, name;  // empty: NULL
      if (c.author && !c.author->id.empty()) {
        id_hash = m_author_hashes.of_id(c.author->id);
        if (m_keep_pii) id = c.author->id;
      }
      if (c.author && !c.author->name.empty()) {
        name_hash = m_author_hashes.of_name(c.author->name);
        if (m_keep_pii) name = c.author->name;
      }
      m_comment.bind_ref(1, c.id).bind_ref(2, c.post_id).bind_ref(3, page_id);
      bind_text(m_comment, 4, c.parent_id).bind_ref(5, c.created_time);
      bind_text(m_comment, 6, id_hash);
      bind_text(m_comment, 7, name_hash);
      bind_text(m_comment, 8, id);
      bind_text(m_comment, 9, name).bind(10, c.from_page ? 1 : 0);
      m_comment.bind_ref(11, m_as_of).bind(12, run_id);
      if (auto s = m_comment.run(); !s) return s;
    }
    for (const Coverage& coverage : chunk.covered) {
      if (auto s = add_coverage(page_id, coverage); !s) return s;
    }
    return {};
  }

  Status finish(const PageOutcome& outcome) {
    auto run = run_of(outcome.page_id);
    if (!run) return tl::unexpected(run.error());
    for (const Coverage& coverage : outcome.covered) {
      if (auto s = add_coverage(outcome.page_id, coverage); !s) return s;
    }
    for (const std::string& metric : outcome.available) {
      m_available.bind_ref(1, outcome.page_id).bind_ref(2, metric).bind_ref(3, m_now);
      if (auto s = m_available.run(); !s) return s;
    }
    std::optional<std::string> resume, empty_on;
    if (outcome.resume_after) resume = utc_iso(*outcome.resume_after);
    if (outcome.insights_empty) empty_on = m_as_of;
    m_state.bind_ref(1, outcome.page_id).bind(2, *run).bind(3, status_name(outcome.status));
    m_state.bind_ref(4, m_now).bind(5, resume).bind(6, empty_on);
    if (auto s = m_state.run(); !s) return s;
    return finish_run(m_db, *run, status_name(outcome.status), outcome.rows, outcome.message,
                      outcome.page_id, std::string("graph"));
  }

  Database& m_db;
  std::string m_as_of;
  bool m_keep_pii;
  std::string m_now;  // UTC time of the transaction being written
  std::unordered_map<std::string, std::int64_t> m_runs;  // Page -> its run in this pull
  bool m_prepared = false;
  Statement m_page_min, m_page, m_value, m_breakdown, m_post, m_post_metric, m_comment;
  Statement m_values, m_breakdowns, m_post_metrics;  // k_rows_per_upsert rows at a time
  Statement m_coverage_select, m_coverage_delete, m_coverage_insert;
  Statement m_unavailable, m_available, m_state, m_backfill_start;
  struct DayText {
    Date date = Date::from_days(-1000000);
    std::string text;
  };
  std::array<DayText, k_rows_per_upsert> m_days;

  AuthorHashes m_author_hashes;
};

PullWriter::PullWriter(Database& db, std::string as_of, bool keep_pii)
    : m_impl(std::make_unique<Impl>(db, std::move(as_of), keep_pii)) {}
PullWriter::~PullWriter() = default;

Status PullWriter::apply(std::vector<PullOp>& ops) {
  return m_impl->apply(ops);
}

}  // namespace pageaudit
