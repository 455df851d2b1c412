// Wall clock with environment overrides for tests and reproducible runs.
#include "pageaudit/core/clock.h"

#include <cstdlib>
#include <ctime>

namespace pageaudit {

std::string utc_now_iso() {
  if (const char* fixed = std::getenv("PAGEAUDIT_NOW"); fixed && *fixed) return fixed;
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

Date today() {
  if (const char* fixed = std::getenv("PAGEAUDIT_TODAY"); fixed && *fixed) {
    if (auto date = Date::parse_iso(fixed)) return *date;
  }
  return Date::today_local();
}

}  // namespace pageaudit
