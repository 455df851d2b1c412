// pageaudit status: what the store holds — Pages, date coverage per metric and source, last runs,
// and warnings (unfinished runs, stale follower data, series breaks).
#include "pageaudit/cli/commands.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/store/pull_store.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

Status print_pages(Database& db, const Console& console) {
  auto stmt = db.prepare(
      "SELECT p.page_id, coalesce(p.name, '(no name)'), f.followers, f.date "
      "FROM pages p LEFT JOIN (SELECT page_id, followers, date, "
      "  row_number() OVER (PARTITION BY page_id ORDER BY date DESC) AS r FROM daily_followers) f "
      "ON f.page_id = p.page_id AND f.r = 1 ORDER BY p.page_id");
  if (!stmt) return tl::unexpected(stmt.error());
  console.result("Pages:");
  bool any = false;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    any = true;
    std::string followers = stmt->is_null(2)
                                ? std::string("no follower data")
                                : fmt::format("{:.0f} followers on {}", stmt->real(2), stmt->text(3));
    console.result(fmt::format("  {}  {}  ({})", stmt->text(0), stmt->text(1), followers));
  }
  if (!any) console.result("  (none yet: import an export or pull from the Graph API)");
  return {};
}

Status print_coverage(Database& db, const Console& console) {
  auto stmt = db.prepare(
      "SELECT page_id, metric, period, source, min(date), max(date), count(DISTINCT date) FROM ("
      "  SELECT page_id, metric, period, source, date FROM page_metrics"
      "  UNION ALL SELECT DISTINCT page_id, metric, period, source, date FROM page_metric_breakdowns) "
      "GROUP BY page_id, metric, period, source ORDER BY page_id, metric, period, min(date)");
  if (!stmt) return tl::unexpected(stmt.error());
  console.result("Coverage (metric, period, source: first..last day, days with data):");
  bool any = false;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    any = true;
    console.result(fmt::format("  {}  {:<30} {:<8} {:<44} {}..{} {:>5}", stmt->text(0), stmt->text(1),
                               stmt->text(2), stmt->text(3), stmt->text(4), stmt->text(5), stmt->integer(6)));
  }
  auto posts = db.prepare(
      "SELECT page_id, count(*), min(substr(created_time, 1, 10)), max(substr(created_time, 1, 10)) "
      "FROM posts GROUP BY page_id ORDER BY page_id");
  if (!posts) return tl::unexpected(posts.error());
  for (;;) {
    auto row = posts->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    any = true;
    console.result(fmt::format("  {}  {:<30} {:<8} {:<44} {}..{} {:>5}", posts->text(0), "posts", "", "",
                               posts->text(2), posts->text(3), posts->integer(1)));
  }
  if (!any) console.result("  (no data)");
  return {};
}

Status print_runs(Database& db, const Console& console) {
  auto stmt = db.prepare(
      "SELECT run_id, command, started_at, status, coalesce(source, ''), coalesce(rows_written, 0) "
      "FROM import_runs ORDER BY run_id DESC LIMIT 10");
  if (!stmt) return tl::unexpected(stmt.error());
  console.result("Last runs:");
  bool any = false;
  for (;;) {
    auto row = stmt->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    any = true;
    console.result(fmt::format("  #{:<4} {}  {:<7} {:<8} {} ({} rows)", stmt->integer(0), stmt->text(2),
                               stmt->text(1), stmt->text(3), stmt->text(4), stmt->integer(5)));
  }
  if (!any) console.result("  (none)");
  return {};
}

Status print_warnings(Database& db, const Console& console) {
  std::vector<std::string> warnings;
  // A killed run stays 'running' in the ledger; once the same file (or the same Page's pull) has
  // since finished, the warning has been acted on and is not repeated.
  auto unfinished = db.prepare(
      "SELECT r.run_id, r.command, coalesce(r.source, ''), r.started_at FROM import_runs r "
      "WHERE r.status = 'running' AND NOT EXISTS (SELECT 1 FROM import_runs later "
      "WHERE later.run_id > r.run_id AND later.status = 'ok' AND later.command = r.command "
      "AND later.source IS r.source AND (r.page_id IS NULL OR later.page_id IS r.page_id)) "
      "ORDER BY r.run_id");
  if (!unfinished) return tl::unexpected(unfinished.error());
  for (;;) {
    auto row = unfinished->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    warnings.push_back(fmt::format("run #{} ({} {}) started {} did not finish (killed, or still running); "
                                   "nothing of it was written — run it again",
                                   unfinished->integer(0), unfinished->text(1), unfinished->text(2),
                                   unfinished->text(3)));
  }
  auto stale = db.prepare("SELECT page_id, max(date) FROM daily_followers GROUP BY page_id");
  if (!stale) return tl::unexpected(stale.error());
  const Date now = today();
  for (;;) {
    auto row = stale->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    auto last = Date::parse_iso(stale->text(1));
    if (last && now - *last > 3) {
      warnings.push_back(fmt::format("Page {}: the newest follower count is from {} ({} days ago)",
                                     stale->text(0), last->iso(), now - *last));
    }
  }
  // Series breaks: Meta replaced impressions with views (Nov 2025) and reach with viewers (2026).
  auto breaks = db.prepare(
      "SELECT a.page_id, a.metric, b.metric, max(a.date), min(b.date) FROM page_metrics a JOIN page_metrics b "
      "ON a.page_id = b.page_id AND a.period = 'day' AND b.period = 'day' "
      "AND ((a.metric = 'page_impressions' AND b.metric = 'page_media_view') OR "
      "     (a.metric = 'page_impressions_unique' AND b.metric = 'page_total_media_view_unique')) "
      "GROUP BY a.page_id, a.metric, b.metric");
  if (!breaks) return tl::unexpected(breaks.error());
  for (;;) {
    auto row = breaks->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    warnings.push_back(fmt::format("Page {}: series break: {} (to {}) was replaced by {} (from {}); "
                                   "they measure different things and are not joined",
                                   breaks->text(0), breaks->text(1), breaks->text(3), breaks->text(2),
                                   breaks->text(4)));
  }
  // What the Graph pull left behind: metrics Meta refused, throttled Pages, empty insights.
  auto unavailable = unavailable_metrics(db);
  if (!unavailable) return tl::unexpected(unavailable.error());
  for (const auto& m : *unavailable) {
    warnings.push_back(fmt::format("Page {}: metric {} is unavailable since {} (Meta: \"{}\"); it is no "
                                   "longer pulled",
                                   m.page_id, m.metric, m.since, m.message));
  }
  auto states = pull_states(db);
  if (!states) return tl::unexpected(states.error());
  const std::string now_utc = utc_now_iso();
  for (const auto& p : *states) {
    if (p.resume_after && *p.resume_after > now_utc) {
      warnings.push_back(fmt::format("Page {}: throttled by Meta; the next pull resumes after {}", p.page_id,
                                     *p.resume_after));
    }
    if (p.insights_empty_on) {
      warnings.push_back(fmt::format("Page {}: Meta answered insights with no data on {}; the token may lack "
                                     "the read_insights permission",
                                     p.page_id, *p.insights_empty_on));
    }
  }
  if (warnings.empty()) return {};
  console.result("Warnings:");
  for (const auto& w : warnings) console.result("  " + w);
  return {};
}

}  // namespace

Status run_status(const GlobalOptions& global, const Console& console) {
  StoreOptions options;
  options.read_only = true;
  auto store = Store::open(global.db_path, options);
  if (!store) return tl::unexpected(store.error());
  Database& db = (*store)->db();
  console.result(fmt::format("Store: {} (schema version {})", global.db_path, (*store)->schema_version()));
  for (auto section : {print_pages, print_coverage, print_runs, print_warnings}) {
    if (auto s = section(db, console); !s) return s;
  }
  return {};
}

}  // namespace pageaudit
