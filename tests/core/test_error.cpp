// Tests for core/error: where an input error is, and how it quotes the input.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {
namespace {

TEST_CASE("at names the file, and the line when there is one") {
  CHECK(at("a.csv", 3, "bad") == "a.csv:3: bad");
  CHECK(at("a.csv", 0, "bad") == "a.csv: bad");
}

TEST_CASE("quoted input is whole up to 60 bytes, else its start and its size") {
  CHECK(quoted("") == "\"\"");
  CHECK(quoted("hourly_rate") == "\"hourly_rate\"");
  CHECK(quoted(std::string(60, 'k')) == "\"" + std::string(60, 'k') + "\"");
  CHECK(quoted(std::string(61, 'k')) == "\"" + std::string(48, 'k') + "...\" (61 bytes)");
  // 47 ASCII bytes and then 'ñ' (C3 B1) across the cut at byte 48: the cut backs off to 47.
  const std::string spanish = std::string(47, 'a') + "\xC3\xB1" + std::string(20, 'b');
  CHECK(quoted(spanish) == "\"" + std::string(47, 'a') + "...\" (69 bytes)");
}

}  // namespace
}  // namespace pageaudit
