// The status reader: Pages, coverage, last runs and audits, warnings, each from one query filtered
// by an optional Page; and the lines `status` prints of them.
#include "pageaudit/store/status.h"

#include <fmt/ranges.h>

#include "pageaudit/audit/figures.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/core/messages.h"
#include "pageaudit/core/suggest.h"
#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/sqlite.h"
#include "pageaudit/store/store.h"
#include "pageaudit/store/unowned.h"

namespace pageaudit {
namespace {

// The Page a status is for, bound as ?1 of every query below: NULL for all of them.
using PageFilter = std::optional<std::string>;

// Appends every row of a query to `out`, each read into a Row; ?1 is the Page filter.
template <typename Row, typename Read>
Status add_rows(Database& db, std::string_view sql, const PageFilter& page, Read read,
                std::vector<Row>& out) {
  auto stmt = db.prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, page);
  return each_row(*stmt, [&](const Statement& row) { out.push_back(read(row)); });
}

template <typename Row, typename Read>
Result<std::vector<Row>> rows_of(Database& db, std::string_view sql, const PageFilter& page,
                                 Read read) {
  std::vector<Row> out;
  if (auto s = add_rows(db, sql, page, read, out); !s) return tl::unexpected(s.error());
  return out;
}

Result<std::vector<PageSummary>> pages(Database& db, const PageFilter& page) {
  return rows_of<PageSummary>(
      db,
      "SELECT p.page_id, coalesce(p.name, '(no name)'), f.followers, f.date "
      "FROM pages p LEFT JOIN (SELECT page_id, followers, date, "
      "  row_number() OVER (PARTITION BY page_id ORDER BY date DESC) AS r FROM daily_followers "
      "  WHERE ?1 IS NULL OR page_id = ?1) f "
      "ON f.page_id = p.page_id AND f.r = 1 WHERE ?1 IS NULL OR p.page_id = ?1 ORDER BY p.page_id",
      page, [](const Statement& s) {
        return PageSummary{s.text(0), s.text(1), s.opt_real(2), s.text(3)};
      });
}

Status coverage(Database& db, const PageFilter& page, std::vector<CoverageSummary>& out) {
  Status metrics = add_rows(
      db,
      "SELECT page_id, metric, period, source, min(date), max(date), count(DISTINCT date) FROM ("
      "  SELECT page_id, metric, period, source, date FROM page_metrics"
      "  WHERE ?1 IS NULL OR page_id = ?1"
      "  UNION ALL SELECT DISTINCT page_id, metric, period, source, date FROM "
      "page_metric_breakdowns WHERE ?1 IS NULL OR page_id = ?1) "
      "GROUP BY page_id, metric, period, source ORDER BY page_id, metric, period, min(date)",
      page,
      [](const Statement& s) {
        return CoverageSummary{s.text(0), s.text(1), s.text(2),   s.text(3),
                               s.text(4), s.text(5), s.integer(6)};
      },
      out);
  if (!metrics) return metrics;
  return add_rows(
      db,
      "SELECT page_id, count(*), min(substr(created_time, 1, 10)), "
      "max(substr(created_time, 1, 10)) FROM posts WHERE ?1 IS NULL OR page_id = ?1 "
      "GROUP BY page_id ORDER BY page_id",
      page,
      [](const Statement& s) {
        return CoverageSummary{s.text(0), "posts", "", "", s.text(2), s.text(3), s.integer(1)};
      },
      out);
}

Result<std::vector<RunSummary>> runs(Database& db, const PageFilter& page) {
  return rows_of<RunSummary>(
      db,
      "SELECT r.run_id, r.command, r.started_at, r.status, coalesce(r.source, ''), "
      "coalesce(r.rows_written, 0), coalesce(r.page_id, ''), coalesce(p.name, '') "
      "FROM import_runs r LEFT JOIN pages p ON p.page_id = r.page_id "
      "WHERE ?1 IS NULL OR r.page_id = ?1 ORDER BY r.run_id DESC LIMIT 10",
      page, [](const Statement& s) {
        return RunSummary{s.integer(0), s.text(1),    s.text(2), s.text(3),
                          s.text(4),    s.integer(5), s.text(6), s.text(7)};
      });
}

Result<std::vector<AuditSummary>> audits(Database& db, const PageFilter& page) {
  return rows_of<AuditSummary>(
      db,
      "SELECT a.audit_id, a.page_id, coalesce(p.name, ''), a.as_of, a.window_days, "
      "a.format, a.finished_at FROM audit_runs a LEFT JOIN pages p ON p.page_id = a.page_id "
      "WHERE ?1 IS NULL OR a.page_id = ?1 ORDER BY a.audit_id DESC LIMIT 10",
      page, [](const Statement& s) {
        return AuditSummary{s.integer(0), s.text(1), s.text(2), s.text(3),
                            s.integer(4), s.text(5), s.text(6)};
      });
}

// Each warning rule adds its sentences to `out`, in the order `status` shows them.

// A killed run stays 'running' in the ledger; once the same file (or the same Page's pull) has
// since finished, the warning has been acted on and is not repeated.
Status unfinished_runs(Database& db, const PageFilter& page, std::vector<std::string>& out) {
  return add_rows(
      db,
      "SELECT r.run_id, r.command, coalesce(r.source, ''), r.started_at FROM import_runs r "
      "WHERE r.status = 'running' AND (?1 IS NULL OR r.page_id = ?1) AND NOT EXISTS (SELECT 1 "
      "FROM import_runs later WHERE later.run_id > r.run_id AND later.status = 'ok' "
      "AND later.command = r.command AND later.source IS r.source "
      "AND (r.page_id IS NULL OR later.page_id IS r.page_id)) ORDER BY r.run_id",
      page,
      [](const Statement& s) {
        return fmt::format(
            "run #{} ({} {}) started {} did not finish (killed, or still running); "
            "nothing of it was written — run it again",
            s.integer(0), s.text(1), s.text(2), s.text(3));
      },
      out);
}

Status stale_followers(Database& db, Date today, const PageFilter& page,
                       std::vector<std::string>& out) {
  auto stmt = db.prepare(
      "SELECT page_id, max(date) FROM daily_followers WHERE ?1 IS NULL OR page_id = ?1 "
      "GROUP BY page_id");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, page);
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
Status series_breaks(Database& db, const PageFilter& page, std::vector<std::string>& out) {
  return add_rows(
      db,
      "SELECT a.page_id, a.metric, b.metric, max(a.date), min(b.date) FROM metric_catalog c "
      "JOIN page_metrics a ON a.metric = c.metric AND a.period = 'day' "
      "JOIN page_metrics b ON b.page_id = a.page_id AND b.metric = c.replaced_by "
      "AND b.period = 'day' WHERE c.metric IN ('page_impressions', 'page_impressions_unique') "
      "AND (?1 IS NULL OR a.page_id = ?1) "
      "GROUP BY a.page_id, a.metric, b.metric ORDER BY a.page_id, a.metric, b.metric",
      page,
      [](const Statement& s) {
        return fmt::format(
            "Page {}: series break: {} (to {}) was replaced by {} (from {}); "
            "they measure different things and are not joined",
            s.text(0), s.text(1), s.text(3), s.text(2), s.text(4));
      },
      out);
}

Result<std::vector<MetricAvailability>> unavailable_metrics_of(Database& db,
                                                               const PageFilter& page) {
  return rows_of<MetricAvailability>(
      db,
      "SELECT page_id, metric, status, since, coalesce(message, '') FROM page_metric_status "
      "WHERE status = 'unavailable' AND (?1 IS NULL OR page_id = ?1) ORDER BY page_id, metric",
      page, [](const Statement& s) {
        return MetricAvailability{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
      });
}

Result<std::vector<PullStateRow>> pull_states_of(Database& db, const PageFilter& page) {
  return rows_of<PullStateRow>(
      db,
      "SELECT page_id, last_status, last_pull_at, resume_after, insights_empty_on "
      "FROM pull_state WHERE ?1 IS NULL OR page_id = ?1 ORDER BY page_id",
      page, [](const Statement& s) {
        return PullStateRow{s.text(0), s.opt_text(1), s.opt_text(2), s.opt_text(3), s.opt_text(4)};
      });
}

// What the Graph pull left behind: metrics Meta refused, throttled Pages, empty insights.
Status pull_leftovers(Database& db, const std::string& now_utc, const PageFilter& page,
                      std::vector<std::string>& out) {
  auto unavailable = unavailable_metrics_of(db, page);
  if (!unavailable) return tl::unexpected(unavailable.error());
  for (const auto& m : *unavailable) {
    out.push_back(fmt::format(
        "Page {}: metric {} is unavailable since {} (Meta: \"{}\"); it is no longer pulled",
        m.page_id, m.metric, m.since, m.message));
  }
  auto states = pull_states_of(db, page);
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

// The rows migration 7 kept aside under page_id '' (a store with several Pages could not tell
// whose customers, time log and outcomes they were), and the two ways to settle them.
Status unowned_rows(Database& db, std::vector<std::string>& out) {
  auto rows = count_unowned(db);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->total() == 0) return {};
  out.push_back(fmt::format(
      "{} {} kept aside under no Page (page_id ''): the store held several Pages when they "
      "were imported, so whose they are is not known and no audit reads them. Assign them with "
      "'pageaudit init --assign-unowned ID', or re-import each file with --page ID and then "
      "drop them with 'pageaudit forget --unowned'",
      describe(*rows), rows->total() == 1 ? "is" : "are"));
  return {};
}

// "Page 111 (Café)", "Page 111" when the store has no name for it, "no Page".
std::string page_words(const std::string& id, const std::string& name) {
  if (id.empty()) return "no Page";
  return name.empty() ? fmt::format("Page {}", id) : fmt::format("Page {} ({})", id, name);
}

}  // namespace

Result<StoreStatus> read_status(Database& db, Date today, const std::string& now_utc,
                                const std::optional<std::string>& page) {
  StoreStatus status;
  auto page_rows = pages(db, page);
  if (!page_rows) return tl::unexpected(page_rows.error());
  status.pages = std::move(*page_rows);
  if (auto s = coverage(db, page, status.coverage); !s) return tl::unexpected(s.error());
  auto run_rows = runs(db, page);
  if (!run_rows) return tl::unexpected(run_rows.error());
  status.runs = std::move(*run_rows);
  auto audit_rows = audits(db, page);
  if (!audit_rows) return tl::unexpected(audit_rows.error());
  status.audits = std::move(*audit_rows);
  Status s = unfinished_runs(db, page, status.warnings);
  if (s) s = stale_followers(db, today, page, status.warnings);
  if (s) s = series_breaks(db, page, status.warnings);
  if (s) s = pull_leftovers(db, now_utc, page, status.warnings);
  if (s && !page) s = unowned_rows(db, status.warnings);
  if (!s) return tl::unexpected(s.error());
  return status;
}

std::vector<std::string> format_status(const StoreStatus& status) {
  std::vector<std::string> out{"Pages:"};
  for (const PageSummary& p : status.pages) {
    std::string followers =
        p.followers ? fmt::format("{:.0f} followers on {}", *p.followers, p.followers_day)
                    : std::string("no follower data");
    out.push_back(fmt::format("  {}  {}  ({})", p.page_id, p.name, followers));
  }
  if (status.pages.empty())
    out.emplace_back("  (none yet: import an export or pull from the Graph API)");

  out.emplace_back("Coverage (metric, period, source: first..last day, days with data):");
  for (const CoverageSummary& c : status.coverage) {
    out.push_back(fmt::format("  {}  {:<30} {:<8} {:<44} {}..{} {:>5}", c.page_id, c.metric,
                              c.period, c.source, c.first_day, c.last_day, c.days));
  }
  if (status.coverage.empty()) out.emplace_back("  (no data)");

  out.emplace_back("Last runs:");
  for (const RunSummary& r : status.runs) {
    const std::string rows = fmt::format("({} rows)", r.rows);
    out.push_back(fmt::format("  #{:<4} {}  {:<7} {:<8} {}, {}", r.run_id, r.started_at, r.command,
                              r.status,
                              r.source.empty() ? rows : fmt::format("{} {}", r.source, rows),
                              page_words(r.page_id, r.page_name)));
  }
  if (status.runs.empty()) out.emplace_back("  (none)");

  out.emplace_back("Latest audits (audit, Page, as of, window, format, finished):");
  for (const AuditSummary& a : status.audits) {
    out.push_back(fmt::format("  #{:<4} {}  {}  {} days  {:<8} {}", a.audit_id,
                              page_words(a.page_id, a.page_name), a.as_of, a.window_days, a.format,
                              a.finished_at));
  }
  if (status.audits.empty()) out.emplace_back("  (none)");

  if (status.warnings.empty()) return out;
  out.emplace_back("Warnings:");
  for (const auto& w : status.warnings) out.push_back("  " + w);
  return out;
}

Result<std::vector<std::string>> status_report(Store& store, const std::optional<std::string>& page,
                                               const Clock& clock) {
  Database& db = store.db();
  if (page) {
    auto name = page_name(db, *page);
    if (!name) return tl::unexpected(name.error());
    if (!*name) return page_not_found(db, *page);
  }
  auto status = read_status(db, clock.today(), clock.now_iso(), page);
  if (!status) return tl::unexpected(status.error());
  std::vector<std::string> lines{
      fmt::format("Store: {} (schema version {})", store.path(), store.schema_version())};
  for (std::string& line : format_status(*status)) lines.push_back(std::move(line));
  return lines;
}

Result<std::optional<std::string>> page_name(Database& db, const std::string& page_id) {
  auto stmt = db.prepare("SELECT coalesce(name, '') FROM pages WHERE page_id = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->bind(1, page_id).step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->text(0));
}

tl::unexpected<Error> page_not_found(Database& db, const std::string& page_id,
                                     std::string_view option) {
  auto pages = list_pages(db);
  if (!pages) return tl::unexpected(pages.error());
  std::vector<std::string_view> ids;
  std::string listed;
  for (const PageInfo& p : *pages) {
    ids.push_back(p.page_id);
    if (ids.size() > 10) continue;
    listed += fmt::format("{}{} {}", listed.empty() ? "" : ", ", p.page_id,
                          p.name.empty() ? "(no name)" : p.name);
  }
  if (ids.size() > 10) listed += fmt::format(" and {} more", ids.size() - 10);
  const auto best = closest_match(page_id, ids);
  return failf(ExitCode::usage, "{} {}: no such Page in {} (it holds: {}){}", option, page_id,
               db.path(), listed.empty() ? std::string("none") : listed,
               best ? fmt::format("; did you mean '{}'?", *best) : std::string());
}

Result<std::vector<MetricAvailability>> unavailable_metrics(Database& db) {
  return unavailable_metrics_of(db, std::nullopt);
}

Result<std::vector<PullStateRow>> pull_states(Database& db) {
  return pull_states_of(db, std::nullopt);
}

}  // namespace pageaudit
