// Formatting of input-error locations and quoted input.
#include "pageaudit/core/error.h"

namespace pageaudit {

std::string at(const std::string& file, long line, const std::string& what) {
  if (line <= 0) return fmt::format("{}: {}", file, what);
  return fmt::format("{}:{}: {}", file, line, what);
}

std::string quoted(std::string_view text) {
  constexpr size_t k_whole = 60;
  constexpr size_t k_start = 48;
  if (text.size() <= k_whole) return fmt::format("\"{}\"", text);
  size_t cut = k_start;
  // Back off continuation bytes (10xxxxxx) so the excerpt ends on a whole character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("\"{}...\" ({} bytes)", text.substr(0, cut), text.size());
}

}  // namespace pageaudit
