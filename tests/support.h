// Test helpers: temporary directories, running the pageaudit binary, reading files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

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

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the pageaudit binary with the arguments (no shell), extra environment entries
// ("NAME=value") added to the current environment, stdin from /dev/null.
RunResult run_pageaudit(const std::vector<std::string>& args,
                        const std::vector<std::string>& env = {});

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

// Path helpers.
std::string samples_dir();         // <repo>/samples
std::string test_data_dir();       // <repo>/tests/data
std::string shared_fixtures_dir(); // <repo>/../shared/research/fixtures (may not exist)

// Result of a query against a store, one row per line, columns separated by '|' (like sqlite3).
std::string query(const std::string& db_path, const std::string& sql);
// Runs statements against a store (writable), throwing on error.
void exec(const std::string& db_path, const std::string& sql);

}  // namespace pageaudit::test
