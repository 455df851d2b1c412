// The goal metric vocabulary (SPEC section 5): the names a goal may measure and what each one is.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pageaudit {

enum class MetricKind {
  stock,  // a level on the audit day (followers): can be projected along a daily trend
  flow,   // a total over the audit window (views, hours, outcome:NAME)
  ratio,  // one figure divided by another (engagement_rate, cost_per_useful_follower)
};

struct MetricInfo {
  std::string_view name;
  MetricKind kind;
  bool integral;  // counts people or things: reported as a whole number
};

// The vocabulary entry for name; "outcome:NAME" (NAME non-empty, without spaces or colons) is
// a non-integral flow whose name views the argument. nullopt for a name outside the vocabulary.
std::optional<MetricInfo> find_metric(std::string_view name);

// "visitors" for "outcome:visitors"; empty for every other metric.
std::string_view outcome_name(std::string_view metric);

// The vocabulary for messages: "followers, net_follows, ..., reply_hours or outcome:NAME".
std::string metric_vocabulary();

}  // namespace pageaudit
