// Deleting a Page's rows table by table, counted, checked against the schema and recorded.
#include "pageaudit/store/forget.h"

#include <istream>
#include <ostream>
#include <span>

#include "pageaudit/store/import_run.h"
#include "pageaudit/store/sqlite.h"
#include "pageaudit/store/status.h"

namespace pageaudit {
namespace {

// One table's rows of the target; ?1 is the target's page_id.
struct Part {
  const char* table;
  const char* where;
};

constexpr const char* k_of_page = "page_id = ?1";
constexpr const char* k_of_posts = "post_id IN (SELECT post_id FROM posts WHERE page_id = ?1)";

// A Page's rows, in the order they are deleted: rows that refer to others (post metrics to posts,
// audit results to audits) before them. A table missing from the store is passed over
// (post_daily_metrics arrives with a later migration). import_runs comes last (import_run_part).
constexpr Part k_page_parts[] = {
    {"post_metrics", k_of_posts},
    {"post_daily_metrics", k_of_posts},
    {"comments", k_of_page},
    {"posts", k_of_page},
    {"page_metrics", k_of_page},
    {"page_metric_breakdowns", k_of_page},
    {"customers", k_of_page},
    {"time_log", k_of_page},
    {"outcomes", k_of_page},
    {"settings", k_of_page},
    {"goals", k_of_page},
    {"goal_files", k_of_page},
    {"audit_results", "audit_id IN (SELECT audit_id FROM audit_runs WHERE page_id = ?1)"},
    {"audit_runs", k_of_page},
    {"pull_state", k_of_page},
    {"pull_coverage", k_of_page},
    {"page_metric_status", k_of_page},
    {"pages", k_of_page},
};

// Migration 7 kept the rows of a store with several Pages aside under page_id ''.
constexpr Part k_unowned_parts[] = {
    {"customers", k_of_page},
    {"time_log", k_of_page},
    {"outcomes", k_of_page},
};

// Earlier forget runs are the record of an erasure: they stay.
constexpr const char* k_own_runs = "page_id = ?1 AND command <> 'forget'";

Result<bool> table_exists(Database& db, const std::string& table) {
  auto stmt = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, table);
  return stmt->step();
}

// Every table with a column named `column` (from the schema itself, so a table a later migration
// adds is included), with `column`, by name.
Result<std::vector<std::string>> tables_with_column(Database& db, const std::string& column) {
  auto stmt = db.prepare(
      "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) c "
      "WHERE m.type = 'table' AND c.name = ?1 ORDER BY m.name");
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, column);
  std::vector<std::string> tables;
  auto s = each_row(*stmt, [&](const Statement& row) { tables.push_back(row.text(0)); });
  if (!s) return tl::unexpected(s.error());
  return tables;
}

// The Page's own runs that no remaining row refers to: every column that references import_runs
// (read from the schema's foreign keys) is read once, as the references are not indexed.
Result<std::string> unreferenced_runs_where(Database& db) {
  auto stmt = db.prepare(
      "SELECT m.name, f.\"from\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f "
      "WHERE m.type = 'table' AND f.\"table\" = 'import_runs' ORDER BY m.name, f.\"from\"");
  if (!stmt) return tl::unexpected(stmt.error());
  std::string referenced;
  auto s = each_row(*stmt, [&](const Statement& row) {
    referenced += fmt::format("{}SELECT \"{}\" FROM \"{}\"", referenced.empty() ? "" : " UNION ",
                              row.text(1), row.text(0));
  });
  if (!s) return tl::unexpected(s.error());
  if (referenced.empty()) return std::string(k_own_runs);
  return fmt::format("{} AND run_id NOT IN ({})", k_own_runs, referenced);
}

Result<int64_t> delete_rows(Database& db, const std::string& table, const std::string& where,
                            const std::string& page_id) {
  auto stmt = db.prepare(fmt::format("DELETE FROM \"{}\" WHERE {}", table, where));
  if (!stmt) return tl::unexpected(stmt.error());
  stmt->bind(1, page_id);
  if (auto s = stmt->run(); !s) return tl::unexpected(s.error());
  return static_cast<int64_t>(db.changes());
}

// After a Page's rows are gone, no table with a page_id column may hold any: one that does was
// added by a migration this file does not know, and forgetting it silently would break the promise
// made to whoever asked for the erasure.
Status check_nothing_left(Database& db, const std::string& page_id) {
  auto tables = tables_with_column(db, "page_id");
  if (!tables) return tl::unexpected(tables.error());
  for (const std::string& table : *tables) {
    auto stmt = db.prepare(fmt::format("SELECT count(*) FROM \"{}\" WHERE {}", table,
                                       table == "import_runs" ? k_own_runs : k_of_page));
    if (!stmt) return tl::unexpected(stmt.error());
    stmt->bind(1, page_id);
    if (auto row = stmt->step(); !row) return tl::unexpected(row.error());
    if (int64_t left = stmt->integer(0); left > 0) {
      return failf(ExitCode::software,
                   "forget: table {} still holds {} rows of Page {}: forget does not know the "
                   "table; nothing was deleted. This is a bug: please report it",
                   table, left, page_id);
    }
  }
  return {};
}

// Deletes the target's rows inside the caller's transaction and counts them.
Result<ForgetCounts> delete_target(Database& db, const ForgetTarget& target) {
  ForgetCounts counts;
  const auto add = [&](const std::string& table, const std::string& where) -> Status {
    auto exists = table_exists(db, table);
    if (!exists) return tl::unexpected(exists.error());
    if (!*exists) return {};
    auto n = delete_rows(db, table, where, target.page_id);
    if (!n) return tl::unexpected(n.error());
    if (*n > 0) counts.tables.emplace_back(table, *n);
    return {};
  };
  for (const Part& part : target.unowned ? std::span<const Part>(k_unowned_parts)
                                         : std::span<const Part>(k_page_parts)) {
    if (auto s = add(part.table, part.where); !s) return tl::unexpected(s.error());
  }
  if (target.unowned) return counts;
  auto runs = unreferenced_runs_where(db);
  if (!runs) return tl::unexpected(runs.error());
  if (auto s = add("import_runs", *runs); !s) return tl::unexpected(s.error());
  // A run of the Page that also wrote another Page's rows stays for those, naming no Page.
  auto kept = db.prepare(fmt::format("UPDATE import_runs SET page_id = NULL WHERE {}", k_own_runs));
  if (!kept) return tl::unexpected(kept.error());
  if (auto s = kept->bind(1, target.page_id).run(); !s) return tl::unexpected(s.error());
  if (auto s = check_nothing_left(db, target.page_id); !s) return tl::unexpected(s.error());
  return counts;
}

// Foreign keys are off while rows are deleted: import_runs is referred to by columns without an
// index, and SQLite checks each deleted run by reading every such table whole (minutes for a Page
// with two years of nightly pulls in a large store). The runs deleted are those nothing refers to
// (unreferenced_runs_where), and the tests check PRAGMA foreign_key_check afterwards. The pragma
// only takes effect outside a transaction, hence here.
template <typename Body>
auto without_foreign_keys(Database& db, Body body) -> decltype(body()) {
  if (auto s = db.exec("PRAGMA foreign_keys = OFF"); !s) return tl::unexpected(s.error());
  auto result = body();
  Status restored = db.exec("PRAGMA foreign_keys = ON");
  if (result && !restored) return tl::unexpected(restored.error());
  return result;
}

// "Page 111 (Café)", "Page 111" when the store has no name for it, or the unowned rows.
std::string target_words(const ForgetTarget& target) {
  if (target.unowned) return "the rows kept aside under no Page";
  return target.name.empty() ? fmt::format("Page {}", target.page_id)
                             : fmt::format("Page {} ({})", target.page_id, target.name);
}

}  // namespace

int64_t ForgetCounts::total() const {
  int64_t n = 0;
  for (const auto& [table, rows] : tables) n += rows;
  return n;
}

std::string ForgetCounts::list() const {
  std::string out;
  for (const auto& [table, rows] : tables)
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", table, rows);
  return out.empty() ? "nothing" : out;
}

std::vector<std::string> forget_tables() {
  std::vector<std::string> tables;
  for (const Part& part : k_page_parts) tables.emplace_back(part.table);
  tables.emplace_back("import_runs");
  return tables;
}

Result<ForgetTarget> forget_target(Database& db, const ForgetRequest& request) {
  if (request.page_id.has_value() == request.unowned) {
    return fail(ExitCode::usage,
                "forget: name the Page with --page ID, or give --unowned for the rows kept aside "
                "under no Page (not both)");
  }
  if (request.unowned) return ForgetTarget{"", "", true};
  const std::string& id = *request.page_id;
  if (id.empty()) {
    return fail(ExitCode::usage,
                "--page '': the rows kept aside under no Page are forgotten with --unowned");
  }
  auto name = page_name(db, id);
  if (!name) return tl::unexpected(name.error());
  if (*name) return ForgetTarget{id, **name, false};
  // A Page without a pages row may still own rows (a customer list imported with --page first).
  auto tables = tables_with_column(db, "page_id");
  if (!tables) return tl::unexpected(tables.error());
  for (const std::string& table : *tables) {
    if (table == "import_runs") continue;
    auto stmt = db.prepare(fmt::format("SELECT 1 FROM \"{}\" WHERE page_id = ?1 LIMIT 1", table));
    if (!stmt) return tl::unexpected(stmt.error());
    auto row = stmt->bind(1, id).step();
    if (!row) return tl::unexpected(row.error());
    if (*row) return ForgetTarget{id, "", false};
  }
  return page_not_found(db, id);
}

Result<ForgetCounts> preview_forget(Database& db, const ForgetTarget& target) {
  return without_foreign_keys(db, [&]() -> Result<ForgetCounts> {
    Transaction txn(db);
    if (auto s = txn.begin(); !s) return tl::unexpected(s.error());
    auto counts = delete_target(db, target);
    txn.rollback();
    return counts;
  });
}

Result<ForgetCounts> forget(Database& db, const ForgetTarget& target) {
  auto secure = db.scalar_int("PRAGMA secure_delete");
  if (!secure) return tl::unexpected(secure.error());
  if (auto s = db.exec("PRAGMA secure_delete = ON"); !s) return tl::unexpected(s.error());
  ForgetCounts counts;
  auto forgotten = without_foreign_keys(db, [&]() -> Status {
    const RunStart start{"forget",     std::nullopt, std::nullopt,
                         std::nullopt, std::nullopt, target.page_id};
    return import_run(db, start, [&](int64_t) -> Result<RunEnd> {
      auto deleted = delete_target(db, target);
      if (!deleted) return tl::unexpected(deleted.error());
      counts = std::move(*deleted);
      return RunEnd{static_cast<long>(counts.total()), fmt::format("deleted {}", counts.list()),
                    target.page_id, std::nullopt};
    });
  });
  Status restored = db.exec(fmt::format("PRAGMA secure_delete = {}", secure->value_or(0)));
  if (!forgotten) return tl::unexpected(forgotten.error());
  if (!restored) return tl::unexpected(restored.error());
  return counts;
}

Result<std::vector<std::string>> forget_command(Database& db, const ForgetRequest& request,
                                                std::istream& in, std::ostream& out) {
  auto target = forget_target(db, request);
  if (!target) return tl::unexpected(target.error());
  if (!request.yes) {
    if (!request.terminal) {
      return failf(ExitCode::usage,
                   "forget: deleting {} cannot be undone; stdin is not a terminal to ask on: "
                   "pass --yes to delete without asking",
                   target_words(*target));
    }
    auto preview = preview_forget(db, *target);
    if (!preview) return tl::unexpected(preview.error());
    out << fmt::format("{} holds {} rows: {}\n", target_words(*target), preview->total(),
                       preview->list());
    out << (target->unowned ? std::string("Forget them? [y/N] ")
                            : fmt::format("Forget {}? [y/N] ", target_words(*target)))
        << std::flush;
    std::string answer;
    if (!std::getline(in, answer) || (answer != "y" && answer != "Y" && answer != "yes")) {
      return std::vector<std::string>{"nothing was deleted"};
    }
  }
  auto deleted = forget(db, *target);
  if (!deleted) return tl::unexpected(deleted.error());
  std::vector<std::string> lines{
      fmt::format("forgot {}: {} rows deleted", target_words(*target), deleted->total())};
  for (const auto& [table, rows] : deleted->tables)
    lines.push_back(fmt::format("  {:<24}{:>8}", table, rows));
  return lines;
}

}  // namespace pageaudit
