// Tests for core/atomic_file: a file appears whole or not at all, and no temporary file is left.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/atomic_file.h"
#include "support.h"

namespace pageaudit {
namespace {

namespace fs = std::filesystem;

// The names in dir, sorted, joined by spaces.
std::string listing(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : " ") + name;
  return out;
}

// dir/report.txt holding "old\n", and text staged to replace it.
Result<AtomicFile> stage_over_old(const test::TempDir& dir, std::string_view text) {
  test::write_file(dir.file("report.txt"), "old\n");
  return AtomicFile::stage(dir.file("report.txt"), text);
}

TEST_CASE("a staged file appears only on commit, whole, replacing the old one") {
  test::TempDir dir;
  const std::string path = dir.file("report.txt");
  auto file = stage_over_old(dir, "new report\n");
  REQUIRE(file);
  CHECK(test::read_file(path) == "old\n");
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2);
  REQUIRE(file->commit());
  CHECK(test::read_file(path) == "new report\n");
  CHECK(listing(dir.path()) == "report.txt");
}

TEST_CASE("a staged file never committed is removed and the old one kept") {
  test::TempDir dir;
  {
    auto file = stage_over_old(dir, "new\n");
    REQUIRE(file);
    AtomicFile moved = std::move(*file);  // the moved-from object removes nothing
  }
  CHECK(test::read_file(dir.file("report.txt")) == "old\n");
  CHECK(listing(dir.path()) == "report.txt");
}

TEST_CASE("a file gets the permissions of any file the user creates, not mkstemp's 0600") {
  test::TempDir dir;
  const std::string path = dir.file("report.txt");
  const mode_t mask = ::umask(022);
  auto file = AtomicFile::stage(path, "x");
  ::umask(mask);
  REQUIRE(file);
  REQUIRE(file->commit());
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0644);
}

TEST_CASE("a folder that does not exist: cannot write, and nothing is left") {
  test::TempDir dir;
  const std::string path = dir.file("missing/report.txt");
  auto file = AtomicFile::stage(path, "x");
  REQUIRE_FALSE(file);
  CHECK(file.error().code == ExitCode::cant_create);
  CHECK(file.error().message == path + ": cannot write: No such file or directory");
  CHECK(listing(dir.path()) == "");
}

TEST_CASE("a rename that fails: cannot write, and the temporary file is removed") {
  test::TempDir dir;
  const std::string path = dir.file("taken");
  fs::create_directory(path);
  test::write_file(dir.file("taken/inside"), "keep");
  {
    auto file = AtomicFile::stage(path, "x");
    REQUIRE(file);
    auto committed = file->commit();
    REQUIRE_FALSE(committed);
    CHECK(committed.error().code == ExitCode::cant_create);
    CHECK(committed.error().message.rfind(path + ": cannot write: ", 0) == 0);
  }
  CHECK(listing(dir.path()) == "taken");
  CHECK(test::read_file(dir.file("taken/inside")) == "keep");
}

}  // namespace
}  // namespace pageaudit
