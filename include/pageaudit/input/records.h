// What an export file yields, independent of its layout: Page, metric, breakdown and post records,
// handed to a RecordSink (the store, or a counter for --dry-run).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"

namespace pageaudit {

enum class Unit { count, percent, fraction };
const char* unit_name(Unit unit);  // "count" | "percent" | "fraction" (the store's spelling)

struct PageRecord {
  std::string page_id;
  std::optional<std::string> name;
};

struct PageMetricRecord {
  std::string_view page_id;
  std::string_view metric;  // canonical catalogue name
  std::string_view period;  // "day" | "week" | "days_28" | "lifetime"
  Date date;
  std::optional<double> value;  // nullopt: the file had an empty cell for that day
};

struct BreakdownRecord {
  std::string_view page_id;
  std::string_view metric;
  std::string_view period;
  Date date;
  std::string_view dimension;  // "age_gender", "country", "city", ...
  std::string_view key;
  std::optional<double> value;
  Unit unit = Unit::count;
};

struct PostRecord {
  std::string post_id;
  std::string page_id;
  std::optional<std::string> created_time;  // ISO 'YYYY-MM-DDTHH:MM[:SS]', no zone
  std::optional<std::string> type;
  std::optional<std::string> title;
  std::optional<std::string> message;
  std::optional<std::string> permalink;
};

struct PostMetricRecord {
  std::string_view post_id;
  std::string_view metric;
  std::string_view key;  // "" when the metric has no breakdown
  std::optional<double> value;
};

// Receives the records of one file. The store implementation writes them inside the file's
// transaction; any error aborts the file.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status page(const PageRecord& record) = 0;
  virtual Status page_metric(const PageMetricRecord& record) = 0;
  virtual Status breakdown(const BreakdownRecord& record) = 0;
  virtual Status post(const PostRecord& record) = 0;
  virtual Status post_metric(const PostMetricRecord& record) = 0;
};

// Counts of what a file produced, for the import summary and --dry-run.
struct ImportCounts {
  long page_metrics = 0;
  long breakdowns = 0;
  long posts = 0;
  long post_metrics = 0;
  long total() const { return page_metrics + breakdowns + posts + post_metrics; }
};

}  // namespace pageaudit
