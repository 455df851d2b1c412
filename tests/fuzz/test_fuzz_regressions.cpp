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
// A folder that is missing or empty fails the test: a replay of nothing would pass unnoticed.
std::vector<fs::path> inputs_of(const char* kind, const char* target) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(PAGEAUDIT_TESTS_DIR) / "fuzz" / kind / target;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().filename().string()[0] != '.')
      files.push_back(entry.path());
  }
  CHECK_MESSAGE(!ec, dir.string() << ": " << ec.message());
  CHECK_MESSAGE(!files.empty(), dir.string() << " holds no input");
  std::sort(files.begin(), files.end());
  return files;
}

// tests/fuzz/regressions/<target>/ holds what scripts/fuzz.sh kept of each crash it found, and
// inputs written by hand for the bugs the fuzzers look for where the crashing input was not kept:
// text cut inside a UTF-8 character or an escape, nesting far past the parsers' limits, NUL and
// control bytes, lone surrogates, numbers and dates out of range, and each layout cut where its
// reader looks ahead.
TEST_CASE("every input a fuzzer once crashed on is read without crashing") {
  for (const Target& target : k_targets) {
    for (const fs::path& file : inputs_of("regressions", target.name)) {
      INFO(file.string());
      target.run(test::read_file(file.string()));
    }
  }
}

TEST_CASE("every hand-written seed of the fuzzers is read without crashing") {
  for (const Target& target : k_targets) {
    for (const fs::path& file : inputs_of("seeds", target.name)) {
      INFO(file.string());
      target.run(test::read_file(file.string()));
    }
  }
}

}  // namespace
}  // namespace pageaudit::fuzz
