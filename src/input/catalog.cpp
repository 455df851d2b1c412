// Loading and matching the metric catalogue's aliases.
#include "pageaudit/input/catalog.h"

#include "pageaudit/input/csv.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {

std::string Catalog::key_of(std::string_view context, std::string_view text) {
  std::string key(context);
  key += '\x1f';
  key += fold_header(text);
  return key;
}

Result<Catalog> Catalog::load(Database& db) {
  Catalog catalog;
  auto metrics = db.prepare(
      "SELECT metric, scope, periods, kind, status, retired_since, pull FROM metric_catalog ORDER "
      "BY metric");
  if (!metrics) return tl::unexpected(metrics.error());
  for (;;) {
    auto row = metrics->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    MetricInfo info{metrics->text(0),        metrics->text(1), metrics->text(2),
                    metrics->text(3),        metrics->text(4), metrics->opt_text(5),
                    metrics->integer(6) != 0};
    catalog.m_metric_index[info.metric] = catalog.m_metrics.size();
    catalog.m_metrics.push_back(std::move(info));
  }

  auto aliases = db.prepare(
      "SELECT context, alias, metric, period, coalesce(dimension, ''), key, platform FROM "
      "metric_aliases");
  if (!aliases) return tl::unexpected(aliases.error());
  for (;;) {
    auto row = aliases->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    std::string platform = aliases->text(6);
    MetricAlias alias{aliases->text(2), aliases->text(3), aliases->text(4), aliases->text(5),
                      platform == "instagram"   ? Platform::instagram
                      : platform == "ambiguous" ? Platform::ambiguous
                                                : Platform::facebook};
    catalog.m_metric_aliases[key_of(aliases->text(0), aliases->text(1))] = std::move(alias);
  }

  auto fields = db.prepare("SELECT context, alias, field FROM field_aliases");
  if (!fields) return tl::unexpected(fields.error());
  for (;;) {
    auto row = fields->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    catalog.m_field_aliases[key_of(fields->text(0), fields->text(1))] = fields->text(2);
  }
  return catalog;
}

const MetricAlias* Catalog::metric_alias(std::string_view context, std::string_view text) const {
  auto it = m_metric_aliases.find(key_of(context, text));
  return it == m_metric_aliases.end() ? nullptr : &it->second;
}

std::optional<std::string> Catalog::field(std::string_view context, std::string_view text) const {
  auto it = m_field_aliases.find(key_of(context, text));
  if (it == m_field_aliases.end()) return std::nullopt;
  return it->second;
}

const MetricInfo* Catalog::metric(std::string_view name) const {
  auto it = m_metric_index.find(std::string(name));
  return it == m_metric_index.end() ? nullptr : &m_metrics[it->second];
}

bool Catalog::is_stock(std::string_view name) const {
  const MetricInfo* info = metric(name);
  return info != nullptr && info->kind == "stock";
}

void Catalog::add_metric_alias(std::string_view context, std::string_view alias,
                               MetricAlias target) {
  m_metric_aliases[key_of(context, alias)] = std::move(target);
}

void Catalog::add_field_alias(std::string_view context, std::string_view alias, std::string field) {
  m_field_aliases[key_of(context, alias)] = std::move(field);
}

}  // namespace pageaudit
