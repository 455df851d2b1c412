// The metric catalogue and the alias tables (the store loads them once per run: store/catalog.h):
// how a header, chart title or block title found in an export maps to a canonical metric.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pageaudit/core/error.h"

namespace pageaudit {

enum class Platform { facebook, instagram, ambiguous };

struct MetricAlias {
  std::string metric;
  std::string period;  // "day" | "week" | "days_28" | "lifetime" | "*" (from the column's prefix)
  std::string dimension;  // "" for single-value metrics; else what the ' - <key>' part names
  std::string key;        // fixed breakdown key the column stands for, "" when none
  Platform platform = Platform::facebook;
};

struct MetricInfo {
  std::string metric;
  std::string scope;  // "page" | "post"
  std::string periods;
  std::string kind;    // "flow" | "stock"
  std::string status;  // "active" | "retired"
  std::optional<std::string> retired_since;
  bool pull = false;
};

class Catalog {
 public:
  // context: "chart_title", "classic_column", "content_column", "audience_block", "history_column",
  // "api_id". Matching folds case and whitespace (fold_header).
  const MetricAlias* metric_alias(std::string_view context, std::string_view text) const;
  // context: "chart", "history", "classic", "content". Returns the field name ("post_id",
  // "date"...).
  std::optional<std::string> field(std::string_view context, std::string_view text) const;
  const MetricInfo* metric(std::string_view name) const;
  // A known metric whose kind is "stock": a level such as total likes, never negative.
  bool is_stock(std::string_view name) const;
  const std::vector<MetricInfo>& metrics() const { return m_metrics; }

  // Filling the catalogue: the store's loader, and tests without a database. A metric added again
  // under the same name is the one metric() finds.
  void add_metric(MetricInfo info);
  void add_metric_alias(std::string_view context, std::string_view alias, MetricAlias target);
  void add_field_alias(std::string_view context, std::string_view alias, std::string field);

 private:
  static std::string key_of(std::string_view context, std::string_view text);
  std::unordered_map<std::string, MetricAlias> m_metric_aliases;
  std::unordered_map<std::string, std::string> m_field_aliases;
  std::vector<MetricInfo> m_metrics;
  std::unordered_map<std::string, size_t> m_metric_index;
};

}  // namespace pageaudit
