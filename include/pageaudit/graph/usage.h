// Meta's rate-limit usage headers, and the pace they call for: slow down before Meta blocks the
// pull.
//
// Headers (JSON text, figures are whole percentages of the quota):
//   x-app-usage                {"call_count":28,"total_time":25,"total_cputime":25}
//   x-page-usage               the same shape (older, still sent for some Page calls)
//   x-business-use-case-usage  {"<object id>":[{"type":"pages","call_count":1,"total_cputime":1,
//                               "total_time":1,"estimated_time_to_regain_access":0}], ...}
// estimated_time_to_regain_access is in minutes. The headers only appear once enough calls were
// made, so their absence does not mean zero usage.
#pragma once

#include <chrono>

#include "pageaudit/graph/http.h"

namespace pageaudit {

struct Usage {
  bool reported = false;           // at least one usage header was present and readable
  int percent = 0;                 // the highest call_count / total_time / total_cputime seen
  std::chrono::seconds regain{0};  // the longest estimated_time_to_regain_access, in seconds
};

// Reads every usage header in the (lower-cased) headers. A header that is not the JSON described
// above is skipped: usage is advice, and a garbled header must not fail a pull.
Usage parse_usage(const Headers& headers);

enum class Pace {
  normal,  // go on
  slow,    // one call at a time, waiting `wait` between calls
  pause,   // stop calling for `wait` (further calls extend Meta's block)
};

struct PaceAdvice {
  Pace pace = Pace::normal;
  std::chrono::milliseconds wait{0};
};

struct UsagePolicy {
  int slow_above = 75;                             // percent
  int pause_above = 90;                            // percent
  std::chrono::milliseconds slow_interval{2'000};  // the wait when usage reaches pause_above
  std::chrono::seconds pause_default{300};         // the pause when Meta gives no regain time
};

// The pace for a usage reading:
// - regain > 0 or percent > pause_above: pause for regain, or pause_default when regain is 0;
// - percent > slow_above: slow, waiting slow_interval * (percent - slow_above) /
//   (pause_above - slow_above), growing from almost nothing to the full interval;
// - otherwise normal.
PaceAdvice advise(const UsagePolicy& policy, const Usage& usage);

}  // namespace pageaudit
