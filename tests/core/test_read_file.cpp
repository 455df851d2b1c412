// Tests for core/read_file: a file read whole, and the errors of one that cannot be.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/core/identity.h"
#include "pageaudit/core/read_file.h"
#include "support.h"

namespace pageaudit {
namespace {

TEST_CASE("a file is read whole, bytes as they are") {
  test::TempDir dir;
  const std::string bytes = std::string("a\0b\r\n", 5) + std::string(100000, 'x');
  test::write_file(dir.file("f"), bytes);
  auto text = read_whole_file(dir.file("f"));
  REQUIRE(text);
  CHECK(*text == bytes);
}

TEST_CASE("a file's SHA-256 is that of its bytes, read across chunks") {
  test::TempDir dir;
  const std::string bytes = std::string("a\0b\r\n", 5) + std::string(100000, 'x');
  test::write_file(dir.file("f"), bytes);
  auto hash = file_sha256(dir.file("f"));
  REQUIRE(hash);
  CHECK(*hash == sha256_hex(bytes));
  auto missing = file_sha256(dir.file("nope"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ExitCode::no_input);
}

TEST_CASE("a missing file and a directory cannot be read, exit 66") {
  test::TempDir dir;
  auto missing = read_whole_file(dir.file("nope.toml"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ExitCode::no_input);
  CHECK(missing.error().message ==
        dir.file("nope.toml") + ": cannot open: No such file or directory");
  auto folder = read_whole_file(dir.path().string());
  REQUIRE_FALSE(folder);
  CHECK(folder.error().code == ExitCode::no_input);
  CHECK(folder.error().message == dir.path().string() + ": is a directory");
}

}  // namespace
}  // namespace pageaudit
