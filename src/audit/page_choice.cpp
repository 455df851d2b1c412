// Choosing the Page to audit from --page, the goals file and the store's Pages.
#include "pageaudit/audit/page_choice.h"

#include <algorithm>

namespace pageaudit {
namespace {

// "1, 2, 3", or "none".
std::string page_list(std::span<const std::string> pages) {
  std::string out;
  for (const std::string& p : pages) out += (out.empty() ? "" : ", ") + p;
  return out.empty() ? "none" : out;
}

bool has_page(std::span<const std::string> pages, const std::string& id) {
  return std::find(pages.begin(), pages.end(), id) != pages.end();
}

}  // namespace

tl::unexpected<Error> no_page_in(const std::string& store) {
  return failf(ExitCode::no_input,
               "{}: the store holds no Page yet; import an export or run pageaudit pull", store);
}

Result<std::string> choose_page(std::span<const std::string> pages, const std::string& store,
                                const PageChoice& choice) {
  if (choice.page && choice.goals_page && *choice.page != *choice.goals_page) {
    return failf(ExitCode::usage, "--page {}: the goals file {} is for Page {}", *choice.page,
                 choice.goals_file.value_or(""), *choice.goals_page);
  }
  if (choice.page) {
    if (!has_page(pages, *choice.page)) {
      return failf(ExitCode::usage, "--page {}: no such Page in {} (it holds: {})", *choice.page,
                   store, page_list(pages));
    }
    return *choice.page;
  }
  if (choice.goals_page) {
    if (!has_page(pages, *choice.goals_page)) {
      return fail(ExitCode::data, at(choice.goals_file.value_or(""), 0,
                                     fmt::format("page \"{}\" is not in {} (it holds: {})",
                                                 *choice.goals_page, store, page_list(pages))));
    }
    return *choice.goals_page;
  }
  if (pages.empty()) return no_page_in(store);
  if (pages.size() > 1) {
    return failf(ExitCode::usage, "the store holds {} Pages ({}): choose one with --page ID",
                 pages.size(), page_list(pages));
  }
  return pages.front();
}

}  // namespace pageaudit
