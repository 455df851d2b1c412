// Test helpers: temporary directories, running the pageaudit binary, reading files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "child.h"         // every test runs pageaudit through the same spawner
#include "store_reader.h"  // every test reads a store through the same reader

namespace pageaudit::test {

// A fresh directory under $TMPDIR, removed by the destructor when the test case passed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

 private:
  std::filesystem::path m_path;
};

// Runs the pageaudit binary with the arguments (no shell), extra environment entries
// ("NAME=value") added to the current environment, stdin from /dev/null.
RunResult run_pageaudit(const std::vector<std::string>& args,
                        const std::vector<std::string>& env = {});

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

// Path helpers.
std::string samples_dir();          // <repo>/samples
std::string test_data_dir();        // <repo>/tests/data
std::string shared_fixtures_dir();  // <repo>/../shared/research/fixtures (may not exist)

}  // namespace pageaudit::test
