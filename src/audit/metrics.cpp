// The goal metric vocabulary as a table.
#include "pageaudit/audit/metrics.h"

#include <algorithm>

namespace pageaudit {
namespace {

constexpr std::string_view k_outcome_prefix = "outcome:";

// In SPEC order, which is also the order the vocabulary is listed in messages.
constexpr MetricInfo k_metrics[] = {
    {"followers", MetricKind::stock, true},
    {"net_follows", MetricKind::flow, true},
    {"views", MetricKind::flow, true},
    {"viewers", MetricKind::flow, true},
    {"engagements", MetricKind::flow, true},
    {"engagement_rate", MetricKind::ratio, false},
    {"page_visits", MetricKind::flow, true},
    {"posts", MetricKind::flow, true},
    {"comments", MetricKind::flow, true},
    {"engagers", MetricKind::flow, true},
    {"customer_followers", MetricKind::stock, true},
    {"customer_share", MetricKind::ratio, false},
    {"useful_followers", MetricKind::stock, true},
    {"hours", MetricKind::flow, false},
    {"hours_per_useful_follower", MetricKind::ratio, false},
    {"cost_per_useful_follower", MetricKind::ratio, false},
    {"reply_hours", MetricKind::ratio, false},
};

}  // namespace

std::string_view outcome_name(std::string_view metric) {
  if (!metric.starts_with(k_outcome_prefix)) return {};
  return metric.substr(k_outcome_prefix.size());
}

std::optional<MetricInfo> find_metric(std::string_view name) {
  if (name.starts_with(k_outcome_prefix)) {
    const std::string_view outcome = outcome_name(name);
    // The name must survive as one token in reports and in "outcome:NAME" itself.
    const bool well_formed =
        !outcome.empty() && outcome.find_first_of(" \t\r\n:") == std::string_view::npos;
    if (!well_formed) return std::nullopt;
    return MetricInfo{name, MetricKind::flow, false};
  }
  const auto* it = std::find_if(std::begin(k_metrics), std::end(k_metrics),
                                [&](const MetricInfo& m) { return m.name == name; });
  if (it == std::end(k_metrics)) return std::nullopt;
  return *it;
}

std::string metric_vocabulary() {
  std::string out;
  for (const MetricInfo& m : k_metrics) {
    out += m.name;
    out += ", ";
  }
  out.resize(out.size() - 2);
  return out + " or outcome:NAME";
}

}  // namespace pageaudit
