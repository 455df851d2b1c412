// pageaudit forget: delete what the store holds about one Page, or the rows kept aside under no
// Page, once the user has said yes (store/forget.h asks and deletes).
#include <unistd.h>

#include <iostream>

#include "pageaudit/cli/app.h"
#include "pageaudit/store/forget.h"
#include "pageaudit/store/store.h"

namespace pageaudit {

Status run_forget(const Invocation& in, const ForgetOptions& options) {
  auto store = Store::open(in.global.db_path,
                           {.create = false, .wait_for_lock = in.global.wait, .clock = &in.clock});
  if (!store) return tl::unexpected(store.error());
  const ForgetRequest request{options.page_id, options.unowned, options.yes,
                              ::isatty(STDIN_FILENO) != 0};
  auto lines = forget_command((*store)->db(), request, std::cin, std::cerr);
  if (!lines) return tl::unexpected(lines.error());
  for (const std::string& line : *lines) in.console.result(line);
  return {};
}

}  // namespace pageaudit
