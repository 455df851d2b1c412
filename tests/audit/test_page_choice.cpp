// Tests for audit/page_choice: which Page an audit is for, and each refusal's message.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pageaudit/audit/page_choice.h"

namespace pageaudit {
namespace {

const std::vector<std::string> k_none;
const std::vector<std::string> k_one{"111"};
const std::vector<std::string> k_two{"111", "222"};

TEST_CASE("--page wins, else the goals file's page, else the store's only Page") {
  CHECK(choose_page(k_two, "s.db", {"222", std::nullopt, std::nullopt}) == "222");
  CHECK(choose_page(k_two, "s.db", {"222", "g.toml", "222"}) == "222");
  CHECK(choose_page(k_two, "s.db", {std::nullopt, "g.toml", "111"}) == "111");
  CHECK(choose_page(k_one, "s.db", {}) == "111");
}

TEST_CASE("each way the Page cannot be chosen has its exit code and message") {
  struct Case {
    const std::vector<std::string>* pages;
    PageChoice choice;
    ExitCode code;
    const char* message;
  };
  const Case cases[] = {
      {&k_two,
       {"111", "g.toml", "222"},
       ExitCode::usage,
       "--page 111: the goals file g.toml is for Page 222"},
      {&k_two,
       {"333", std::nullopt, std::nullopt},
       ExitCode::usage,
       "--page 333: no such Page in s.db (it holds: 111, 222)"},
      {&k_none,
       {"333", std::nullopt, std::nullopt},
       ExitCode::usage,
       "--page 333: no such Page in s.db (it holds: none)"},
      {&k_one,
       {std::nullopt, "g.toml", "333"},
       ExitCode::data,
       "g.toml: page \"333\" is not in s.db (it holds: 111)"},
      {&k_two,
       {},
       ExitCode::usage,
       "the store holds 2 Pages (111, 222): choose one with --page ID"},
      {&k_none,
       {},
       ExitCode::no_input,
       "s.db: the store holds no Page yet; import an export or run pageaudit pull"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.message);
    auto page = choose_page(*c.pages, "s.db", c.choice);
    REQUIRE_FALSE(page);
    CHECK(page.error().code == c.code);
    CHECK(page.error().message == c.message);
  }
}

}  // namespace
}  // namespace pageaudit
