// pageaudit status: what the store holds, for one Page or all (store/status.h reads and words it).
#include "pageaudit/cli/app.h"
#include "pageaudit/store/status.h"
#include "pageaudit/store/store.h"

namespace pageaudit {

Status run_status(const Invocation& in, const StatusOptions& options) {
  auto store = Store::open(in.global.db_path, {.read_only = true, .clock = &in.clock});
  if (!store) return tl::unexpected(store.error());
  auto lines = status_report(**store, options.page_id, in.clock);
  if (!lines) return tl::unexpected(lines.error());
  for (const std::string& line : *lines) in.console.result(line);
  return {};
}

}  // namespace pageaudit
