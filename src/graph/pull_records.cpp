// The pull's records: their row counts, and the times they carry written as the store keeps them.
#include "pageaudit/graph/pull_records.h"

#include <fmt/format.h>

namespace pageaudit {

long PullChunk::rows() const {
  return static_cast<long>((page ? 1 : 0) + values.size() + breakdowns.size() + posts.size() +
                           post_metrics.size() + comments.size());
}

bool PullChunk::empty() const {
  return rows() == 0 && covered.empty();
}

std::string utc_iso(std::int64_t seconds) {
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  std::int64_t rest = seconds - days * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date::from_days(static_cast<long>(days)).iso(),
                     rest / 3600, rest / 60 % 60, rest % 60);
}

}  // namespace pageaudit
