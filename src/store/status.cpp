// The status reader: Pages, coverage, last runs and warnings, each from one query.
#include "pageaudit/store/status.h"

#include "pageaudit/audit/figures.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {
namespace {

// Appends every row of a query without parameters to `out`, each read into a Row.
template <typename Row, typename Read>
Status add_rows(Database& db, std::string_view sql, Read read, std::vector<Row>& out) {
  auto stmt = db.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  return each_row(*stmt, [&](const Statement& row) { out.push_back(read(row)); });
}

template <typename Row, typename Read>
Result<std::vector<Row>> rows_of(Database& db, std::string_view sql, Read read) {
  std::vector<Row> out;
  if (auto s = add_rows(db, sql, read, out); !s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<PageSummary>> pages(Database& db) {
  return rows_of<PageSummary>(
      db,
      "SELECT p.page_id, coalesce(p.name, '(no name)'), f.followers, f.date "
      "FROM pages p LEFT JOIN (SELECT page_id, followers, date, "
      "  row_number() OVER (PARTITION BY page_id ORDER BY date DESC) AS r FROM daily_followers) f "
      "ON f.page_id = p.page_id AND f.r = 1 ORDER BY p.page_id",
      [](const Statement& s) {
        return PageSummary{s.text(0), s.text(1), s.opt_real(2), s.text(3)};
      });
}

Status coverage(Database& db, std::vector<CoverageSummary>& out) {
  Status metrics = add_rows(
      db,
      "SELECT page_id, metric, period, source, min(date), max(date), count(DISTINCT date) FROM ("
      "  SELECT page_id, metric, period, source, date FROM page_metrics"
      "  UNION ALL SELECT DISTINCT page_id, metric, period, source, date FROM "
      "page_metric_breakdowns) "
      "GROUP BY page_id, metric, period, source ORDER BY page_id, metric, period, min(date)",
      [](const Statement& s) {
        return CoverageSummary{s.text(0), s.text(1), s.text(2),   s.text(3),
                               s.text(4), s.text(5), s.integer(6)};
      },
      out);
  if (!metrics) return metrics;
  return add_rows(
      db,
      "SELECT page_id, count(*), min(substr(created_time, 1, 10)), "
      "max(substr(created_time, 1, 10)) FROM posts GROUP BY page_id ORDER BY page_id",
      [](const Statement& s) {
        return CoverageSummary{s.text(0), "posts", "", "", s.text(2), s.text(3), s.integer(1)};
      },
      out);
}

Result<std::vector<RunSummary>> runs(Database& db) {
  return rows_of<RunSummary>(
      db,
      "SELECT run_id, command, started_at, status, coalesce(source, ''), "
      "coalesce(rows_written, 0) FROM import_runs ORDER BY run_id DESC LIMIT 10",
      [](const Statement& s) {
        return RunSummary{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.integer(5)};
      });
}

// Each warning rule adds its sentences to `out`, in the order `status` shows them.

// A killed run stays 'running' in the ledger; once the same file (or the same Page's pull) has
// since finished, the warning has been acted on and is not repeated.
Status unfinished_runs(Database& db, std::vector<std::string>& out) {
  return add_rows(
      db,
      "SELECT r.run_id, r.command, coalesce(r.source, ''), r.started_at FROM import_runs r "
      "WHERE r.status = 'running' AND NOT EXISTS (SELECT 1 FROM import_runs later "
      "WHERE later.run_id > r.run_id AND later.status = 'ok' AND later.command = r.command "
      "AND later.source IS r.source AND (r.page_id IS NULL OR later.page_id IS r.page_id)) "
      "ORDER BY r.run_id",
      [](const Statement& s) {
        return fmt::format(
            "run #{} ({} {}) started {} did not finish (killed, or still running); "
            "nothing of it was written — run it again",
            s.integer(0), s.text(1), s.text(2), s.text(3));
      },
      out);
}

Status stale_followers(Database& db, Date today, std::vector<std::string>& out) {
  auto stmt = db.prepare("SELECT page_id, max(date) FROM daily_followers GROUP BY page_id");
  if (!stmt) return tl::unexpected(stmt.error());
  return each_row(*stmt, [&](const Statement& row) {
    auto last = Date::parse_iso(row.text(1));
    if (last && today - *last > k_stale_days) {
      out.push_back(fmt::format("Page {}: the newest follower count is from {} ({} days ago)",
                                row.text(0), last->iso(), today - *last));
    }
  });
}

// Series breaks: a Page with both a retired metric and the one the catalogue says replaced it
// (impressions by views, reach by viewers), which count differently.
Status series_breaks(Database& db, std::vector<std::string>& out) {
  return add_rows(
      db,
      "SELECT a.page_id, a.metric, b.metric, max(a.date), min(b.date) FROM metric_catalog c "
      "JOIN page_metrics a ON a.metric = c.metric AND a.period = 'day' "
      "JOIN page_metrics b ON b.page_id = a.page_id AND b.metric = c.replaced_by "
      "AND b.period = 'day' WHERE c.metric IN ('page_impressions', 'page_impressions_unique') "
      "GROUP BY a.page_id, a.metric, b.metric ORDER BY a.page_id, a.metric, b.metric",
      [](const Statement& s) {
        return fmt::format(
            "Page {}: series break: {} (to {}) was replaced by {} (from {}); "
            "they measure different things and are not joined",
            s.text(0), s.text(1), s.text(3), s.text(2), s.text(4));
      },
      out);
}

// What the Graph pull left behind: metrics Meta refused, throttled Pages, empty insights.
Status pull_leftovers(Database& db, const std::string& now_utc, std::vector<std::string>& out) {
  auto unavailable = unavailable_metrics(db);
  if (!unavailable) return tl::unexpected(unavailable.error());
  for (const auto& m : *unavailable) {
    out.push_back(fmt::format(
        "Page {}: metric {} is unavailable since {} (Meta: \"{}\"); it is no longer pulled",
        m.page_id, m.metric, m.since, m.message));
  }
  auto states = pull_states(db);
  if (!states) return tl::unexpected(states.error());
  for (const auto& p : *states) {
    if (p.resume_after && *p.resume_after > now_utc) {
      out.push_back(fmt::format("Page {}: throttled by Meta; the next pull resumes after {}",
                                p.page_id, *p.resume_after));
    }
    if (p.insights_empty_on) {
      out.push_back(
          fmt::format("Page {}: Meta answered insights with no data on {}; the token may lack "
                      "the read_insights permission",
                      p.page_id, *p.insights_empty_on));
    }
  }
  return {};
}

}  // namespace

Result<StoreStatus> read_status(Database& db, Date today, const std::string& now_utc) {
  StoreStatus status;
  auto page_rows = pages(db);
  if (!page_rows) return tl::unexpected(page_rows.error());
  status.pages = std::move(*page_rows);
  if (auto s = coverage(db, status.coverage); !s) return tl::unexpected(s.error());
  auto run_rows = runs(db);
  if (!run_rows) return tl::unexpected(run_rows.error());
  status.runs = std::move(*run_rows);
  Status s = unfinished_runs(db, status.warnings);
  if (s) s = stale_followers(db, today, status.warnings);
  if (s) s = series_breaks(db, status.warnings);
  if (s) s = pull_leftovers(db, now_utc, status.warnings);
  if (!s) return tl::unexpected(s.error());
  return status;
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
