// Days, ranges and windows of graph/pull_plan written as short text, so that a test compares a
// whole plan in one CHECK: "[2026-01-01,2026-01-08) [2026-01-08,now) ".
#pragma once

#include <string>
#include <vector>

#include "pageaudit/graph/pull_plan.h"
#include "values.h"

namespace pageaudit::test {

inline std::string text(const std::vector<DayRange>& ranges) {
  std::string out;
  for (const auto& r : ranges) out += r.first.iso() + ".." + r.last.iso() + " ";
  return out;
}

inline std::string text(const std::vector<DayWindow>& windows) {
  std::string out;
  for (const auto& w : windows) out += "[" + w.since.iso() + "," + w.until.iso() + ") ";
  return out;
}

inline std::string text(const std::vector<PostsWindow>& windows) {
  std::string out;
  for (const auto& w : windows)
    out += "[" + w.since.iso() + "," + (w.until ? w.until->iso() : std::string("now")) + ") ";
  return out;
}

}  // namespace pageaudit::test
