// Matching the metric catalogue's aliases.
#include "pageaudit/input/catalog.h"

#include "pageaudit/input/csv.h"

namespace pageaudit {

std::string Catalog::key_of(std::string_view context, std::string_view text) {
  std::string key(context);
  key += '\x1f';
  key += fold_header(text);
  return key;
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

void Catalog::add_metric(MetricInfo info) {
  m_metric_index[info.metric] = m_metrics.size();
  m_metrics.push_back(std::move(info));
}

void Catalog::add_metric_alias(std::string_view context, std::string_view alias,
                               MetricAlias target) {
  m_metric_aliases[key_of(context, alias)] = std::move(target);
}

void Catalog::add_field_alias(std::string_view context, std::string_view alias, std::string field) {
  m_field_aliases[key_of(context, alias)] = std::move(field);
}

}  // namespace pageaudit
