// Console output: results on stdout, diagnostics on stderr, all through redact().
#include <cstdio>

#include "pageaudit/cli/commands.h"
#include "pageaudit/core/redact.h"

namespace pageaudit {

void Console::result(const std::string& line) const {
  if (m_quiet) return;
  std::string text = redact(line);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
}

void Console::info(const std::string& line) const {
  if (!m_verbose) return;
  std::fprintf(stderr, "pageaudit: %s\n", redact(line).c_str());
}

void Console::warning(const std::string& line) const {
  if (m_quiet) return;
  std::fprintf(stderr, "pageaudit: warning: %s\n", redact(line).c_str());
}

void Console::error(const std::string& line) const {
  std::fprintf(stderr, "pageaudit: error: %s\n", redact(line).c_str());
}

}  // namespace pageaudit
