// pageaudit init: create or migrate the store and print its schema version; assign unowned rows.
#include "pageaudit/cli/commands.h"
#include "pageaudit/store/store.h"
#include "pageaudit/store/unowned.h"

namespace pageaudit {

Status run_init(const GlobalOptions& global, const InitOptions& init, const Console& console,
                const Clock& clock) {
  StoreOptions options;
  options.wait_for_lock = global.wait;
  options.clock = &clock;
  auto store = Store::open(global.db_path, options);
  if (!store) return tl::unexpected(store.error());
  console.result(describe_schema(**store));
  if (!init.assign_unowned) return {};
  auto assigned = assign_unowned((*store)->db(), *init.assign_unowned);
  if (!assigned) return tl::unexpected(assigned.error());
  console.result(describe(*assigned, *init.assign_unowned));
  return {};
}

}  // namespace pageaudit
