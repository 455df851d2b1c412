// What `pull` reads of the store before it asks Meta: the metrics to pull and each Page's pull
// state (days already pulled, metrics Meta refuses, throttling).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "pageaudit/core/error.h"
#include "pageaudit/graph/pull_records.h"

namespace pageaudit {

class Database;

// The catalogue metrics with pull = 1 and status 'active', in catalogue order.
struct PullCatalogue {
  std::vector<PullMetric> page_metrics;  // scope 'page': daily series
  std::vector<PullMetric> post_metrics;  // scope 'post': lifetime values
};
Result<PullCatalogue> load_pull_catalogue(Database& db);

// What the store knows about a Page's pulls; a Page never pulled gets an empty state.
Result<PageState> load_page_state(Database& db, const std::string& page_id);
// load_page_state for each Page of ids, in their order; a Page named twice is loaded once.
Result<std::vector<PageState>> load_page_states(Database& db, std::span<const std::string> ids);

}  // namespace pageaudit
