// pageaudit status: what the store holds — Pages, date coverage per metric and source, last runs,
// and warnings (unfinished runs, stale follower data, series breaks).
#include "pageaudit/cli/commands.h"
#include "pageaudit/core/clock.h"
#include "pageaudit/store/status.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

void print(const StoreStatus& status, const Console& console) {
  console.result("Pages:");
  for (const PageSummary& p : status.pages) {
    std::string followers =
        p.followers ? fmt::format("{:.0f} followers on {}", *p.followers, p.followers_day)
                    : std::string("no follower data");
    console.result(fmt::format("  {}  {}  ({})", p.page_id, p.name, followers));
  }
  if (status.pages.empty())
    console.result("  (none yet: import an export or pull from the Graph API)");

  console.result("Coverage (metric, period, source: first..last day, days with data):");
  for (const CoverageSummary& c : status.coverage) {
    console.result(fmt::format("  {}  {:<30} {:<8} {:<44} {}..{} {:>5}", c.page_id, c.metric,
                               c.period, c.source, c.first_day, c.last_day, c.days));
  }
  if (status.coverage.empty()) console.result("  (no data)");

  console.result("Last runs:");
  for (const RunSummary& r : status.runs) {
    console.result(fmt::format("  #{:<4} {}  {:<7} {:<8} {} ({} rows)", r.run_id, r.started_at,
                               r.command, r.status, r.source, r.rows));
  }
  if (status.runs.empty()) console.result("  (none)");

  if (status.warnings.empty()) return;
  console.result("Warnings:");
  for (const auto& w : status.warnings) console.result("  " + w);
}

}  // namespace

Status run_status(const GlobalOptions& global, const Console& console, const Clock& clock) {
  StoreOptions options;
  options.read_only = true;
  options.clock = &clock;
  auto store = Store::open(global.db_path, options);
  if (!store) return tl::unexpected(store.error());
  console.result(
      fmt::format("Store: {} (schema version {})", global.db_path, (*store)->schema_version()));
  auto status = read_status((*store)->db(), clock.today(), clock.now_iso());
  if (!status) return tl::unexpected(status.error());
  print(*status, console);
  return {};
}

}  // namespace pageaudit
