// What the store knows before a pull: the metrics to pull and each Page's pull state.
#include "pageaudit/store/pull_state.h"

#include <algorithm>

#include "pageaudit/core/clock.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {
namespace {

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

}  // namespace

Result<PullCatalogue> load_pull_catalogue(Database& db) {
  auto stmt = db.prepare(
      "SELECT metric, scope, coalesce(breakdowns, ''), coalesce(pull_periods, '') FROM "
      "metric_catalog "
      "WHERE pull = 1 AND status = 'active' ORDER BY rowid");
  if (!stmt) return tl::unexpected(stmt.error());
  PullCatalogue out;
  auto s = each_row(*stmt, [&](const Statement& row) {
    PullMetric metric{row.text(0), split_list(row.text(2)), split_list(row.text(3))};
    (row.text(1) == "page" ? out.page_metrics : out.post_metrics).push_back(std::move(metric));
  });
  if (!s) return tl::unexpected(s.error());
  return out;
}

Result<PageState> load_page_state(Database& db, const std::string& page_id) {
  PageState state;
  state.page_id = page_id;
  auto coverage = db.prepare(
      "SELECT kind, first_day, last_day FROM pull_coverage WHERE page_id = ? ORDER BY first_day");
  if (!coverage) return tl::unexpected(coverage.error());
  coverage->bind(1, page_id);
  auto s = each_row(*coverage, [&](const Statement& row) {
    auto first = Date::parse_iso(row.text(1));
    auto last = Date::parse_iso(row.text(2));
    if (!first || !last) return;  // edited by hand: asking those days again is harmless
    (row.text(0) == "insights" ? state.insights_covered : state.posts_covered)
        .push_back(DayRange{*first, *last});
  });
  if (!s) return tl::unexpected(s.error());
  state.insights_covered = merge_ranges(std::move(state.insights_covered));
  state.posts_covered = merge_ranges(std::move(state.posts_covered));

  auto refused = db.prepare(
      "SELECT metric FROM page_metric_status WHERE page_id = ? AND status = 'unavailable' "
      "ORDER BY metric");
  if (!refused) return tl::unexpected(refused.error());
  refused->bind(1, page_id);
  s = each_row(*refused, [&](const Statement& row) { state.unavailable.push_back(row.text(0)); });
  if (!s) return tl::unexpected(s.error());

  auto pull = db.prepare(
      "SELECT resume_after, EXISTS (SELECT 1 FROM page_metrics WHERE page_id = ?1 AND "
      "source = 'graph' AND period = 'day'), backfill_start FROM (SELECT ?1 AS page_id) AS p "
      "LEFT JOIN pull_state s ON s.page_id = p.page_id");
  if (!pull) return tl::unexpected(pull.error());
  pull->bind(1, page_id);
  auto row = pull->step();
  if (!row) return tl::unexpected(row.error());
  if (auto resume = pull->opt_text(0)) state.resume_after = parse_utc_time(*resume);
  state.has_insights = pull->integer(1) != 0;
  // NULL (pulled before it was kept) or edited by hand into something not a day: none, and the
  // first covered day stands in (pull_plan.h).
  if (auto start = pull->opt_text(2)) state.backfill_start = Date::parse_iso(*start);
  return state;
}

Result<std::vector<PageState>> load_page_states(Database& db, std::span<const std::string> ids) {
  std::vector<PageState> pages;
  for (const std::string& page_id : ids) {
    if (std::any_of(pages.begin(), pages.end(),
                    [&](const PageState& p) { return p.page_id == page_id; })) {
      continue;
    }
    auto state = load_page_state(db, page_id);
    if (!state) return tl::unexpected(state.error());
    pages.push_back(std::move(*state));
  }
  return pages;
}

}  // namespace pageaudit
