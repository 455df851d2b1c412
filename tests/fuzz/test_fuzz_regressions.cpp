// Replays the inputs the fuzzers once failed on (tests/fuzz/regressions/<target>/) and the
// hand-written seeds (tests/fuzz/seeds/<target>/) through the fuzz target bodies, so that every
// build, with any compiler, checks that they stay fixed.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/harness.h"
#include "support.h"

namespace pageaudit::fuzz {
namespace {
namespace fs = std::filesystem;

// The files of tests/fuzz/<kind>/<target>/, sorted so a failure always names the same first file.
std::vector<fs::path> inputs_of(const char* kind, const char* target) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(PAGEAUDIT_TESTS_DIR) / "fuzz" / kind / target;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("every input a fuzzer once crashed on is read without crashing") {
  for (const Target& target : k_targets) {
    for (const fs::path& file : inputs_of("regressions", target.name)) {
      INFO(file.string());
      target.run(test::read_file(file.string()));
    }
  }
}

TEST_CASE("every hand-written seed of the fuzzers is read without crashing") {
  size_t seeds = 0;
  for (const Target& target : k_targets) {
    for (const fs::path& file : inputs_of("seeds", target.name)) {
      INFO(file.string());
      target.run(test::read_file(file.string()));
      ++seeds;
    }
  }
  CHECK(seeds > 0);
}

}  // namespace
}  // namespace pageaudit::fuzz
