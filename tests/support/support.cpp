// Test helpers: temporary directories, subprocesses, files.
#include "support.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

namespace pageaudit::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  static std::atomic<int> s_counter{0};
  fs::path base = fs::temp_directory_path();
  m_path =
      base / ("pageaudit-test-" + std::to_string(::getpid()) + "-" + std::to_string(s_counter++));
  fs::remove_all(m_path);
  fs::create_directories(m_path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

RunResult run_pageaudit(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  TempDir io;
  return Child(args, io.path().string(), env).wait();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string samples_dir() {
  return std::string(PAGEAUDIT_TESTS_DIR) + "/../samples";
}
std::string test_data_dir() {
  return std::string(PAGEAUDIT_TESTS_DIR) + "/data";
}
std::string shared_fixtures_dir() {
  return PAGEAUDIT_SHARED_FIXTURES;
}

}  // namespace pageaudit::test
