// Pull state and pulled data in SQLite.
#include "pageaudit/store/pull_store.h"

#include <array>
#include <charconv>
#include <unordered_map>

#include "pageaudit/core/clock.h"
#include "pageaudit/core/identity.h"
#include "pageaudit/core/redact.h"
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

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Rows per multi-row insert of the bulk tables. A statement run cost about 2,000 instructions of
// SQLite's own (starting, opening cursors, halting) beside the row's ~9,000; 32 rows share it.
constexpr size_t k_rows_per_upsert = 32;

// An upsert split around its VALUES row. It is prepared twice: as an upsert of one row, and as
// a plain INSERT OR IGNORE of k_rows_per_upsert rows (see upsert_all for why). Values shared by
// every row of a chunk (its Page, as_of, run) are parameters ?1, ?2, ... bound once per chunk;
// each bare ? is a row's own, numbered after them.
struct Upsert {
  const char* into;  // "t(...) VALUES "
  const char* row;   // "(?1, ?, 'graph', ?2)"
  const char* tail;  // " ON CONFLICT(...) DO UPDATE ..."
  int shared;        // the ?N in `row`
  int params;        // the bare ? in `row`
};

constexpr Upsert k_value_upsert{
    "page_metrics(page_id, metric, period, date, value, end_time, source, as_of, run_id) VALUES ",
    "(?1, ?, ?, ?, ?, ?, 'graph', ?2, ?3)",
    " ON CONFLICT(page_id, metric, period, date) DO UPDATE SET value = excluded.value, "
    "end_time = excluded.end_time, source = excluded.source, as_of = excluded.as_of, "
    "run_id = excluded.run_id WHERE excluded.as_of >= page_metrics.as_of",
    3, 5};

constexpr Upsert k_breakdown_upsert{
    "page_metric_breakdowns(page_id, metric, period, date, dimension, key, value, unit, source, "
    "as_of, run_id) VALUES ",
    "(?1, ?, 'day', ?, ?, ?, ?, 'count', 'graph', ?2, ?3)",
    " ON CONFLICT(page_id, metric, period, date, dimension, key) DO UPDATE "
    "SET value = excluded.value, unit = excluded.unit, source = excluded.source, "
    "as_of = excluded.as_of, run_id = excluded.run_id "
    "WHERE excluded.as_of >= page_metric_breakdowns.as_of",
    3, 5};

constexpr Upsert k_post_metric_upsert{
    "post_metrics(post_id, metric, key, value, source, as_of, run_id) VALUES ",
    "(?, ?, ?, ?, 'graph', ?1, ?2)",
    " ON CONFLICT(post_id, metric, key) DO UPDATE SET value = excluded.value, "
    "source = excluded.source, as_of = excluded.as_of, run_id = excluded.run_id "
    "WHERE excluded.as_of >= post_metrics.as_of",
    2, 4};

// Appends a VALUES row with every bare ? numbered from `next` on (SQLite would number a bare ?
// after the largest number seen so far, which the shared ones upset).
void append_row(std::string& sql, const Upsert& upsert, int& next) {
  for (const char* c = upsert.row; *c != '\0'; ++c) {
    sql += *c;
    if (*c == '?' && !(c[1] >= '0' && c[1] <= '9')) sql += std::to_string(next++);
  }
}

// The upsert of one row.
std::string upsert_sql(const Upsert& upsert) {
  std::string sql = std::string("INSERT INTO ") + upsert.into;
  int next = upsert.shared + 1;
  append_row(sql, upsert, next);
  return sql + upsert.tail;
}

// INSERT OR IGNORE of `rows` rows.
std::string insert_sql(const Upsert& upsert, size_t rows) {
  std::string sql = std::string("INSERT OR IGNORE INTO ") + upsert.into;
  int next = upsert.shared + 1;
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    append_row(sql, upsert, next);
  }
  return sql;
}

template <typename Row>
Result<std::vector<Row>> rows_of(Database& db, std::string_view sql,
                                 Row (*read)(const Statement&)) {
  auto stmt = db.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  std::vector<Row> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    out.push_back(read(*stmt));
  }
  return out;
}

}  // namespace

std::optional<std::int64_t> parse_utc_iso(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto day = Date::parse_iso(text.substr(0, 10));
  int parts[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    std::string_view digits = text.substr(11 + 3 * k, 2);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + 2, parts[k]);
    if (ec != std::errc() || end != digits.data() + 2) return std::nullopt;
  }
  if (!day || parts[0] > 23 || parts[1] > 59 || parts[2] > 60) return std::nullopt;
  return static_cast<std::int64_t>(day->days()) * 86400 + std::int64_t{parts[0]} * 3600 +
         std::int64_t{parts[1]} * 60 + parts[2];
}

Result<PullCatalogue> load_pull_catalogue(Database& db) {
  auto stmt = db.prepare(
      "SELECT metric, scope, coalesce(breakdowns, '') FROM metric_catalog "
      "WHERE pull = 1 AND status = 'active' ORDER BY rowid");
  if (!stmt) return tl::unexpected(stmt.error());
  PullCatalogue out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    PullMetric metric{stmt->text(0), split_list(stmt->text(2))};
    (stmt->text(1) == "page" ? out.page_metrics : out.post_metrics).push_back(std::move(metric));
  }
  return out;
}

Result<PageState> load_page_state(Database& db, const std::string& page_id) {
  PageState state;
  state.page_id = page_id;
  auto coverage = db.prepare(
      "SELECT kind, first_day, last_day FROM pull_coverage WHERE page_id = ? ORDER BY first_day");
  if (!coverage) return tl::unexpected(coverage.error());
  coverage->bind(1, page_id);
  for (;;) {
    auto row = coverage->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto first = Date::parse_iso(coverage->text(1));
    auto last = Date::parse_iso(coverage->text(2));
    if (!first || !last) continue;  // edited by hand: asking those days again is harmless
    (coverage->text(0) == "insights" ? state.insights_covered : state.posts_covered)
        .push_back(DayRange{*first, *last});
  }
  state.insights_covered = merge_ranges(std::move(state.insights_covered));
  state.posts_covered = merge_ranges(std::move(state.posts_covered));

  auto refused = db.prepare(
      "SELECT metric FROM page_metric_status WHERE page_id = ? AND status = 'unavailable' "
      "ORDER BY metric");
  if (!refused) return tl::unexpected(refused.error());
  refused->bind(1, page_id);
  for (;;) {
    auto row = refused->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    state.unavailable.push_back(refused->text(0));
  }

  auto pull = db.prepare(
      "SELECT resume_after, EXISTS (SELECT 1 FROM page_metrics WHERE page_id = ?1 AND "
      "source = 'graph' AND period = 'day'), backfill_start FROM (SELECT ?1 AS page_id) AS p "
      "LEFT JOIN pull_state s ON s.page_id = p.page_id");
  if (!pull) return tl::unexpected(pull.error());
  pull->bind(1, page_id);
  auto row = pull->step();
  if (!row) return tl::unexpected(row.error());
  if (auto resume = pull->opt_text(0)) state.resume_after = parse_utc_iso(*resume);
  state.has_insights = pull->integer(1) != 0;
  // NULL (pulled before it was kept) or edited by hand into something not a day: none, and the
  // first covered day stands in (pull_plan.h).
  if (auto start = pull->opt_text(2)) state.backfill_start = Date::parse_iso(*start);
  return state;
}

// One piece of queued work.
struct PullStore::Op {
  enum class Kind { begin, write, unavailable, finish } kind;
  std::string page_id;
  std::vector<PullChunk> chunks;     // write
  std::string metric;                // unavailable
  std::string message;               // unavailable
  PageOutcome outcome;               // finish
  std::optional<Date> first_wanted;  // begin
};

// The statements and the writing itself, used by the writer thread only.
class PullStore::Writer {
 public:
  Writer(Database& db, std::string as_of, bool keep_pii)
      : m_db(db), m_as_of(std::move(as_of)), m_keep_pii(keep_pii) {}

  // Everything in `ops` in one transaction.
  Status apply(std::vector<Op>& ops) {
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
  Status apply_all(std::vector<Op>& ops) {
    Transaction txn(m_db);
    if (auto s = txn.begin(); !s) return s;
    m_now = utc_now_iso();
    for (Op& op : ops) {
      if (auto s = apply(op); !s) return s;
    }
    return txn.commit();
  }

  Status apply(Op& op) {
    switch (op.kind) {
      case Op::Kind::begin:
        return begin(op.page_id, op.first_wanted);
      case Op::Kind::write: {
        auto run = run_of(op.page_id);
        if (!run) return tl::unexpected(run.error());
        for (const PullChunk& chunk : op.chunks) {
          if (auto s = write_chunk(op.page_id, *run, chunk); !s) return s;
        }
        return {};
      }
      case Op::Kind::unavailable:
        m_unavailable.bind_ref(1, op.page_id).bind_ref(2, op.metric).bind_ref(3, m_now);
        // Meta's words, which may quote the request and its token: secrets are never stored.
        return bind_text(m_unavailable, 4, redact(op.message)).run();
      case Op::Kind::finish:
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
    struct {
      Statement* stmt;
      std::string sql;
    } statements[] = {
        {&m_page_min,
         "INSERT INTO pages(page_id, source, updated_at) VALUES (?, 'graph', ?) "
         "ON CONFLICT(page_id) DO NOTHING"},
        {&m_page,
         "INSERT INTO pages(page_id, name, username, category, link, followers_count, fan_count, "
         "source, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'graph', ?8) "
         "ON CONFLICT(page_id) DO UPDATE SET name = coalesce(excluded.name, pages.name), "
         "username = coalesce(excluded.username, pages.username), "
         "category = coalesce(excluded.category, pages.category), "
         "link = coalesce(excluded.link, pages.link), "
         "followers_count = coalesce(excluded.followers_count, pages.followers_count), "
         "fan_count = coalesce(excluded.fan_count, pages.fan_count), source = 'graph', "
         "updated_at = excluded.updated_at"},
        {&m_value, upsert_sql(k_value_upsert)},
        {&m_values, insert_sql(k_value_upsert, k_rows_per_upsert)},
        {&m_breakdown, upsert_sql(k_breakdown_upsert)},
        {&m_breakdowns, insert_sql(k_breakdown_upsert, k_rows_per_upsert)},
        {&m_post,
         "INSERT INTO posts(post_id, page_id, created_time, type, message, permalink, source, "
         "as_of, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'graph', ?7, ?8) "
         "ON CONFLICT(post_id) DO UPDATE SET "
         "created_time = coalesce(excluded.created_time, posts.created_time), "
         "type = coalesce(excluded.type, posts.type), "
         "message = coalesce(excluded.message, posts.message), "
         "permalink = coalesce(excluded.permalink, posts.permalink), source = excluded.source, "
         "as_of = excluded.as_of, run_id = excluded.run_id WHERE excluded.as_of >= posts.as_of"},
        {&m_post_metric, upsert_sql(k_post_metric_upsert)},
        {&m_post_metrics, insert_sql(k_post_metric_upsert, k_rows_per_upsert)},
        {&m_comment,
         "INSERT INTO comments(comment_id, post_id, page_id, parent_id, created_time, "
         "author_hash, author_name_hash, author_id, author_name, from_page, source, as_of, "
         "run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'graph', ?11, ?12) "
         "ON CONFLICT(comment_id) DO UPDATE SET post_id = excluded.post_id, "
         "page_id = excluded.page_id, parent_id = excluded.parent_id, "
         "created_time = excluded.created_time, "
         "author_hash = coalesce(excluded.author_hash, comments.author_hash), "
         "author_name_hash = coalesce(excluded.author_name_hash, comments.author_name_hash), "
         "author_id = coalesce(excluded.author_id, comments.author_id), "
         "author_name = coalesce(excluded.author_name, comments.author_name), "
         "from_page = excluded.from_page, source = excluded.source, as_of = excluded.as_of, "
         "run_id = excluded.run_id WHERE excluded.as_of >= comments.as_of"},
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
    };
    for (auto& entry : statements) {
      auto stmt = m_db.prepare(entry.sql);
      if (!stmt) return tl::unexpected(stmt.error());
      *entry.stmt = std::move(*stmt);
    }
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
  Status upsert_all(Statement& one, Statement& many, const Upsert& upsert,
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
    for (;;) {
      auto row = m_coverage_select.step();
      if (!row) return tl::unexpected(row.error());
      if (!*row) break;
      auto first = Date::parse_iso(m_coverage_select.text(0));
      auto last = Date::parse_iso(m_coverage_select.text(1));
      if (first && last) ranges.push_back(DayRange{*first, *last});
    }
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

namespace {

// Queued rows past which callers wait for the writer: bounds memory when the network outruns
// the disk.
constexpr long k_max_queued_rows = 200'000;

}  // namespace

PullStore::PullStore(Database& db, std::string as_of, bool keep_pii)
    : m_writer(std::make_unique<Writer>(db, std::move(as_of), keep_pii)),
      m_thread([this] { run_writer(); }) {}

PullStore::~PullStore() {
  (void)close();
}

void PullStore::run_writer() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_work.wait(lock, [this] { return !m_queue.empty() || m_closing; });
    if (m_queue.empty()) return;  // closing, and everything is written
    std::vector<Op> ops = std::move(m_queue);
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

Status PullStore::enqueue(Op op) {
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
  return enqueue(Op{Op::Kind::begin, page_id, {}, {}, {}, {}, first_wanted});
}

Status PullStore::write(const std::string& page_id, std::vector<PullChunk> chunks) {
  return enqueue(Op{Op::Kind::write, page_id, std::move(chunks), {}, {}, {}, {}});
}

Status PullStore::mark_unavailable(const std::string& page_id, const std::string& metric,
                                   const std::string& message) {
  return enqueue(Op{Op::Kind::unavailable, page_id, {}, metric, message, {}, {}});
}

Status PullStore::finish_page(const PageOutcome& outcome) {
  return enqueue(Op{Op::Kind::finish, outcome.page_id, {}, {}, {}, outcome, {}});
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

Result<std::vector<MetricAvailability>> unavailable_metrics(Database& db) {
  return rows_of<MetricAvailability>(
      db,
      "SELECT page_id, metric, status, since, coalesce(message, '') FROM page_metric_status "
      "WHERE status = 'unavailable' ORDER BY page_id, metric",
      [](const Statement& s) {
        return MetricAvailability{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
      });
}

Result<std::vector<PullStateRow>> pull_states(Database& db) {
  return rows_of<PullStateRow>(
      db,
      "SELECT page_id, last_status, last_pull_at, resume_after, insights_empty_on "
      "FROM pull_state ORDER BY page_id",
      [](const Statement& s) {
        return PullStateRow{s.text(0), s.opt_text(1), s.opt_text(2), s.opt_text(3), s.opt_text(4)};
      });
}

}  // namespace pageaudit
