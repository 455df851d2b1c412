// The samples folder, wherever this binary's installation or build keeps it.
#include "pageaudit/core/samples.h"

#include <cstdlib>
#include <filesystem>

namespace pageaudit {
namespace fs = std::filesystem;

std::optional<std::string> find_samples_dir() {
  std::error_code ec;
  if (const char* env = std::getenv("PAGEAUDIT_SAMPLES"); env && *env) return std::string(env);
  // Beside an installed binary: <prefix>/bin/pageaudit -> <prefix>/share/pageaudit/samples.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "pageaudit" / "samples";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  fs::path source = fs::path(PAGEAUDIT_SOURCE_DIR) / "samples";
  if (fs::is_directory(source, ec)) return source.string();
  return std::nullopt;
}

}  // namespace pageaudit
