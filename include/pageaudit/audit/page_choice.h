// Which Page an audit is for, when the store may hold several (SPEC 5, audit --page).
#pragma once

#include <optional>
#include <span>
#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {

struct PageChoice {
  std::optional<std::string> page;        // --page ID
  std::optional<std::string> goals_file;  // --goals FILE, for messages
  std::optional<std::string> goals_page;  // the goals file's page, when it names one
};

// The Page to audit among the store's Pages (store names the store in messages): --page, else the
// goals file's page, else the store's only Page. Errors: 64 "--page ID: the goals file FILE is
// for Page P" when both name one and differ, "--page ID: no such Page in STORE (it holds: 1, 2)",
// "the store holds 2 Pages (1, 2): choose one with --page ID"; 65 "FILE: page "P" is not in STORE
// (it holds: none)"; 66 no_page_in(store) for an empty store.
Result<std::string> choose_page(std::span<const std::string> pages, const std::string& store,
                                const PageChoice& choice);

// 66 "STORE: the store holds no Page yet; import an export or run pageaudit pull".
tl::unexpected<Error> no_page_in(const std::string& store);

}  // namespace pageaudit
