// The catalogue loader: three tables into a Catalog.
#include "pageaudit/store/catalog.h"

#include "pageaudit/store/sqlite.h"

namespace pageaudit {
namespace {

Platform platform_of(const std::string& name) {
  return name == "instagram"   ? Platform::instagram
         : name == "ambiguous" ? Platform::ambiguous
                               : Platform::facebook;
}

}  // namespace

Result<Catalog> load_catalog(Database& db) {
  Statement metrics, aliases, fields;
  auto prepared = db.prepare_all({
      {&metrics,
       "SELECT metric, scope, periods, kind, status, retired_since, pull FROM metric_catalog "
       "ORDER BY metric"},
      {&aliases,
       "SELECT context, alias, metric, period, coalesce(dimension, ''), key, platform FROM "
       "metric_aliases"},
      {&fields, "SELECT context, alias, field FROM field_aliases"},
  });
  if (!prepared) return tl::unexpected(prepared.error());

  Catalog catalog;
  Status s = each_row(metrics, [&](const Statement& row) {
    catalog.add_metric(MetricInfo{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                                  row.opt_text(5), row.integer(6) != 0});
  });
  if (s) {
    s = each_row(aliases, [&](const Statement& row) {
      catalog.add_metric_alias(row.text(0), row.text(1),
                               MetricAlias{row.text(2), row.text(3), row.text(4), row.text(5),
                                           platform_of(row.text(6))});
    });
  }
  if (s) {
    s = each_row(fields, [&](const Statement& row) {
      catalog.add_field_alias(row.text(0), row.text(1), row.text(2));
    });
  }
  if (!s) return tl::unexpected(s.error());
  return catalog;
}

Result<SeriesBreaks> load_series_breaks(Database& db) {
  auto stmt = db.prepare(
      "SELECT metric, retired_since FROM metric_catalog WHERE metric IN ('page_impressions', "
      "'page_impressions_unique')");
  if (!stmt) return tl::unexpected(stmt.error());
  std::optional<Date> views, viewers;
  auto s = each_row(*stmt, [&](const Statement& row) {
    (row.text(0) == "page_impressions" ? views : viewers) = Date::parse_iso(row.text(1));
  });
  if (!s) return tl::unexpected(s.error());
  if (!views || !viewers) {
    return fail(ExitCode::software,
                "metric_catalog: page_impressions and page_impressions_unique need a day in "
                "retired_since");
  }
  return SeriesBreaks{*views, *viewers};
}

}  // namespace pageaudit
