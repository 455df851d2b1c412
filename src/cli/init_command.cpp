// pageaudit init: create or migrate the store and print its schema version.
#include "pageaudit/cli/commands.h"
#include "pageaudit/store/store.h"

namespace pageaudit {

Status run_init(const GlobalOptions& global, const Console& console, const Clock& clock) {
  StoreOptions options;
  options.wait_for_lock = global.wait;
  options.clock = &clock;
  auto store = Store::open(global.db_path, options);
  if (!store) return tl::unexpected(store.error());
  const int applied = (*store)->migrations_applied_now();
  console.result(fmt::format(
      "{}: schema version {}{}", global.db_path, (*store)->schema_version(),
      applied > 0 ? fmt::format(" ({} migration{} applied)", applied, applied == 1 ? "" : "s")
                  : std::string(" (up to date)")));
  return {};
}

}  // namespace pageaudit
