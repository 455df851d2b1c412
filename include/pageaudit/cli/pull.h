// pageaudit pull: its options and the command, with the seams tests replace (HTTP client,
// random source, retry and pacing policies; the clock is passed in).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/error.h"
#include "pageaudit/graph/backoff.h"
#include "pageaudit/graph/http.h"
#include "pageaudit/graph/pull.h"
#include "pageaudit/graph/usage.h"

namespace pageaudit {

struct PullOptions {
  std::vector<std::string> pages;         // --page ID..., numeric Page ids
  std::optional<std::string> token_file;  // --token-file; else $PAGEAUDIT_TOKEN
  std::string graph_url = "https://graph.facebook.com";
  std::string api_version = "v25.0";
  std::optional<std::string> since;  // --since YYYY-MM-DD or Nd (N days before today)
  std::optional<std::string> until;  // --until YYYY-MM-DD
  std::string max_wait = fmt::format("{}m", k_default_max_wait.count());  // --max-wait: N[s|m|h]
  int refetch_days = k_default_refetch_days;                              // --refetch-days
  int parallel = k_default_max_parallel;  // --parallel: HTTP requests in flight at once
  bool keep_pii = false;                  // --keep-pii: comment authors in clear as well
};

// Where the pull meets the world. Empty members take the real thing.
struct PullSeams {
  HttpClient* client = nullptr;      // null: a CurlHttpClient
  std::function<double()> random01;  // null: a generator seeded from the system
  BackoffPolicy backoff;
  UsagePolicy usage;
  bool progress = true;  // a progress line when stderr is a terminal
};

// Pulls the Pages into the store (SPEC 3.1). Results: one summary line on stdout (none with -q);
// warnings and each Page's failure on stderr. The error returned carries the most serious exit
// code of any Page (SPEC 6): 64 bad options, 66 unreadable token file, 73 store, 75 throttled or
// store held by another run, 77 token missing/invalid/lacking a permission, 69 Meta unreachable.
// The Pacific day of clock.now() is the pull's today.
Status run_pull(const GlobalOptions& global, const PullOptions& options, const Console& console,
                const Clock& clock, const PullSeams& seams = {});

}  // namespace pageaudit
