// Rows of the business's files that belong to no Page (page_id ''): counted, assigned, warned of.
#include "pageaudit/store/unowned.h"

#include <fmt/ranges.h>

#include <array>
#include <vector>

#include "pageaudit/core/messages.h"
#include "pageaudit/store/import_run.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {
namespace {

// The three tables, each with its count in UnownedRows.
constexpr std::array<std::pair<const char*, long UnownedRows::*>, 3> k_tables{{
    {"customers", &UnownedRows::customers},
    {"time_log", &UnownedRows::time_log},
    {"outcomes", &UnownedRows::outcomes},
}};

// Moves one table's unowned rows to page_id. UPDATE OR IGNORE skips a row whose new key page_id
// already holds, so that row stays unowned and the Page's own row is kept.
Result<long> move_rows(Database& db, const char* table, const std::string& page_id) {
  auto stmt =
      db.prepare(fmt::format("UPDATE OR IGNORE {} SET page_id = ? WHERE page_id = ''", table));
  if (!stmt) return tl::unexpected(stmt.error());
  if (auto s = stmt->bind(1, page_id).run(); !s) return tl::unexpected(s.error());
  return static_cast<long>(db.changes());
}

}  // namespace

Result<UnownedRows> count_unowned(Database& db) {
  UnownedRows rows;
  for (const auto& [table, count] : k_tables) {
    auto n = db.scalar_int(fmt::format("SELECT count(*) FROM {} WHERE page_id = ''", table));
    if (!n) return tl::unexpected(n.error());
    rows.*count = static_cast<long>(n->value_or(0));
  }
  return rows;
}

std::string describe(const UnownedRows& rows) {
  std::vector<std::string> parts;
  if (rows.customers > 0) parts.push_back(plural(rows.customers, "customer", "customers"));
  if (rows.time_log > 0) parts.push_back(plural(rows.time_log, "time-log row", "time-log rows"));
  if (rows.outcomes > 0) parts.push_back(plural(rows.outcomes, "outcome row", "outcome rows"));
  if (parts.empty()) return "no rows";
  std::string last = parts.back();
  if (parts.size() == 1) return last;
  parts.pop_back();
  return fmt::format("{} and {}", fmt::join(parts, ", "), last);
}

Result<Assigned> assign_unowned(Database& db, const std::string& page_id) {
  auto page = check_store_page(db, "--assign-unowned", page_id);
  if (!page) return tl::unexpected(page.error());
  Assigned assigned;
  const auto write = [&](int64_t) -> Result<RunEnd> {
    for (const auto& [table, count] : k_tables) {
      auto moved = move_rows(db, table, page_id);
      if (!moved) return tl::unexpected(moved.error());
      assigned.moved.*count = *moved;
    }
    auto stayed = count_unowned(db);
    if (!stayed) return tl::unexpected(stayed.error());
    assigned.stayed = *stayed;
    return RunEnd{assigned.moved.total(), describe(assigned, page_id), page_id, std::nullopt};
  };
  auto written = import_run(
      db, RunStart{"init", std::nullopt, std::nullopt, std::nullopt, std::nullopt, page_id}, write);
  if (!written) return tl::unexpected(written.error());
  return assigned;
}

std::string describe(const Assigned& assigned, const std::string& page_id) {
  std::string out = fmt::format("moved {} to Page {}", describe(assigned.moved), page_id);
  if (assigned.stayed.total() > 0) {
    out += fmt::format(
        "; {} stayed unowned: Page {} already holds rows of the same customer, day or metric",
        describe(assigned.stayed), page_id);
  }
  return out;
}

std::string unowned_warning(const std::string& store, const UnownedRows& rows) {
  return fmt::format(
      "{}: the store now keeps each Page's customers, time log and outcomes apart, and {} "
      "imported before belong to no Page, so no audit reads them; assign them to their Page with "
      "'pageaudit init --assign-unowned ID', or re-import each file with --page ID and then drop "
      "them with 'pageaudit forget --unowned'",
      store, describe(rows));
}

}  // namespace pageaudit
