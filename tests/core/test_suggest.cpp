// Tests for core/suggest: edit distances and "did you mean".
#include <doctest/doctest.h>

#include <string_view>
#include <vector>

#include "pageaudit/core/suggest.h"

namespace pageaudit {
namespace {

TEST_CASE("edit distance counts insertions, deletions and substitutions") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("pull", "pull") == 0);
  CHECK(edit_distance("imprt", "import") == 1);
  CHECK(edit_distance("audti", "audit") == 2);
  CHECK(edit_distance("", "demo") == 4);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("the closest name is suggested only when it is close, the first of a tie") {
  const std::vector<std::string_view> names{"init", "import", "audit", "pull", "status", "demo"};
  CHECK(closest_match("imprt", names) == "import");
  CHECK(closest_match("stats", names) == "status");
  CHECK(closest_match("xyzzy", names) == std::nullopt);
  CHECK(closest_match("audl", names) == "audit");  // 2 from audit and from pull
  CHECK(closest_match("aud", names, 2) == std::nullopt);
  CHECK(closest_match("x", std::vector<std::string_view>{}) == std::nullopt);
}

}  // namespace
}  // namespace pageaudit
