// Formatting of input-error locations.
#include "pageaudit/core/error.h"

namespace pageaudit {

std::string at(const std::string& file, long line, const std::string& what) {
  if (line <= 0) return fmt::format("{}: {}", file, what);
  return fmt::format("{}:{}: {}", file, line, what);
}

}  // namespace pageaudit
