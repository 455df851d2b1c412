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

std::vector<std::pair<std::string, std::string>> sample_tables(const std::string& samples_dir) {
  std::vector<std::pair<std::string, std::string>> tables;
  std::error_code ec;
  for (const auto& [name, kind] :
       {std::pair{"customers.csv", "customers"}, std::pair{"time_log.csv", "time"},
        std::pair{"outcomes.csv", "outcomes"}}) {
    const fs::path file = fs::path(samples_dir) / name;
    if (fs::is_regular_file(file, ec)) tables.emplace_back(file.string(), kind);
  }
  return tables;
}

}  // namespace pageaudit
