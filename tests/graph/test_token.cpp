// Tests for graph/token: where the access token comes from, and each way it can be missing.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "pageaudit/core/redact.h"
#include "pageaudit/graph/token.h"
#include "support.h"

namespace pageaudit {
namespace {

const char* const k_help =
    "use a long-lived Page access token with pages_read_engagement, read_insights and "
    "pages_read_user_content (README: \"Getting a token\")";

TEST_CASE("the token file wins over the environment, trimmed, and is a secret at once") {
  test::TempDir dir;
  const std::string path = dir.file("token");
  test::write_file(path, "  EAAtokenFromFile123\r\n");
  ::chmod(path.c_str(), 0600);
  std::vector<std::string> warnings;
  auto token =
      read_access_token(path, "EAAfromEnv", [&](const std::string& w) { warnings.push_back(w); });
  REQUIRE(token);
  CHECK(*token == "EAAtokenFromFile123");
  CHECK(warnings.empty());
  CHECK(redact("x EAAtokenFromFile123 y").find("EAAtokenFromFile123") == std::string::npos);
  CHECK(read_access_token(std::nullopt, " EAAfromEnv\n", [](const std::string&) {}) ==
        "EAAfromEnv");
}

TEST_CASE("a token file others can read is warned about, before an empty one is refused") {
  test::TempDir dir;
  const std::string path = dir.file("token");
  test::write_file(path, " \n");
  ::chmod(path.c_str(), 0644);
  std::vector<std::string> warnings;
  auto token =
      read_access_token(path, nullptr, [&](const std::string& w) { warnings.push_back(w); });
  CHECK(warnings ==
        std::vector<std::string>{path + " is readable by other users; chmod 600 " + path});
  REQUIRE_FALSE(token);
  CHECK(token.error().code == ExitCode::no_perm);
  CHECK(token.error().message == path + ": the token file is empty; " + k_help);
}

TEST_CASE("no token at all, and a token file that cannot be read") {
  const auto ignore = [](const std::string&) {};
  auto none = read_access_token(std::nullopt, nullptr, ignore);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == ExitCode::no_perm);
  CHECK(none.error().message ==
        std::string("no access token: set $PAGEAUDIT_TOKEN or give --token-file FILE; ") + k_help);
  test::TempDir dir;
  auto missing = read_access_token(dir.file("nope"), "EAAfromEnv", ignore);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ExitCode::no_input);
  CHECK(missing.error().message ==
        dir.file("nope") + ": cannot read the token file: No such file or directory");
}

}  // namespace
}  // namespace pageaudit
