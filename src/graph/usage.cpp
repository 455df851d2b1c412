// Usage header parsing and the pace policy.
#include "pageaudit/graph/usage.h"

#include <algorithm>
#include <cmath>

#include "pageaudit/graph/json.h"

namespace pageaudit {
namespace {

// Folds one usage object ({"call_count":..,"total_time":..,...}) into usage.
void fold(const JsonNode& node, Usage& usage) {
  for (const char* key : {"call_count", "total_time", "total_cputime"}) {
    if (auto value = node[key].number()) {
      usage.percent = std::max(usage.percent, static_cast<int>(std::ceil(*value)));
    }
  }
  if (auto minutes = node["estimated_time_to_regain_access"].number()) {
    auto seconds = std::chrono::seconds(static_cast<long long>(std::ceil(*minutes * 60)));
    usage.regain = std::max(usage.regain, seconds);
  }
}

// Reads one header into usage; false (usage untouched) when it is not the documented shape.
bool read_header(const std::string& text, bool per_business, Usage& usage) {
  auto doc = parse_json(text);
  if (!doc) return false;
  ShapeErrors errors;
  JsonNode root(doc->get(), "", &errors);
  Usage read = usage;
  if (per_business) {
    for (auto& [business, entries] : root.members()) {
      for (const JsonNode& entry : entries.elements()) fold(entry, read);
    }
  } else {
    if (!root.is_object()) return false;
    fold(root, read);
  }
  if (!errors.empty()) return false;
  usage = read;
  return true;
}

}  // namespace

Usage parse_usage(const Headers& headers) {
  Usage usage;
  struct Known {
    const char* name;
    bool per_business;
  };
  for (Known header : {Known{"x-app-usage", false}, Known{"x-page-usage", false},
                       Known{"x-business-use-case-usage", true}}) {
    auto it = headers.find(header.name);
    if (it != headers.end() && read_header(it->second, header.per_business, usage))
      usage.reported = true;
  }
  return usage;
}

PaceAdvice advise(const UsagePolicy& policy, const Usage& usage) {
  if (usage.regain.count() > 0 || usage.percent > policy.pause_above) {
    auto wait = usage.regain.count() > 0 ? usage.regain : policy.pause_default;
    return PaceAdvice{Pace::pause, std::chrono::duration_cast<std::chrono::milliseconds>(wait)};
  }
  if (usage.percent > policy.slow_above) {
    long long span = std::max(1, policy.pause_above - policy.slow_above);
    auto wait = policy.slow_interval * (usage.percent - policy.slow_above) / span;
    return PaceAdvice{Pace::slow, wait};
  }
  return PaceAdvice{};
}

}  // namespace pageaudit
