// Reading a store with sqlite3 directly: queries, statements, table-by-table content hashes.
#include "store_reader.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace pageaudit::test {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Connection = std::unique_ptr<sqlite3, Closer>;

Connection open(const std::string& path, int flags = SQLITE_OPEN_READWRITE) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Connection db(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error("open " + path + ": " + (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

// Calls 'row' with the text of each column of each result row; returns the virtual machine steps
// the query took.
template <typename Row>
long each_row(sqlite3* db, const std::string& sql, Row row) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("prepare: ") + sqlite3_errmsg(db) + " in " + sql);
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, &sqlite3_finalize);
  std::vector<std::string> columns;
  int rc;
  while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
    columns.resize(static_cast<size_t>(sqlite3_column_count(raw)));
    for (size_t i = 0; i < columns.size(); ++i) {
      const unsigned char* text = sqlite3_column_text(raw, static_cast<int>(i));
      columns[i] = text ? reinterpret_cast<const char*>(text) : "";
    }
    row(columns);
  }
  if (rc != SQLITE_DONE)
    throw std::runtime_error(std::string("step: ") + sqlite3_errmsg(db) + " in " + sql);
  return sqlite3_stmt_status(raw, SQLITE_STMTSTATUS_VM_STEP, 0);
}

void fnv1a(std::uint64_t& hash, const std::string& bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  hash ^= 0xFF;  // a separator no text holds, so ('ab','c') and ('a','bc') differ
  hash *= 1099511628211ULL;
}

std::string quoted_identifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

TableContent content_of(sqlite3* db, const std::string& select) {
  TableContent content;
  content.hash = 14695981039346656037ULL;
  each_row(db, select, [&](const std::vector<std::string>& columns) {
    ++content.rows;
    for (const std::string& column : columns) fnv1a(content.hash, column);
  });
  return content;
}

void exec_on(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string what = message ? message : "";
  sqlite3_free(message);
  if (rc != SQLITE_OK) throw std::runtime_error("exec: " + what + " in " + sql);
}

std::string rows_text(sqlite3* db, const std::string& sql) {
  std::string out;
  each_row(db, sql, [&](const std::vector<std::string>& columns) {
    for (size_t i = 0; i < columns.size(); ++i) out += (i ? "|" : "") + columns[i];
    out += '\n';
  });
  return out;
}

}  // namespace

HeldConnection::HeldConnection(const std::string& db_path, const std::string& sql, bool read_only) {
  Connection db = open(db_path, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  exec_on(db.get(), sql);
  m_db = db.release();
}

HeldConnection::~HeldConnection() {
  sqlite3_close(m_db);
}

StoreContent store_content(const std::string& db_path, const std::set<std::string>& ignored_columns,
                           const std::set<std::string>& skipped_tables) {
  Connection db = open(db_path);
  StoreContent content;
  content["sqlite_master"] =
      content_of(db.get(), "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY 1, 2");
  std::vector<std::string> tables;
  each_row(db.get(),
           "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER "
           "BY name",
           [&](const std::vector<std::string>& row) { tables.push_back(row[0]); });
  for (const std::string& table : tables) {
    if (skipped_tables.count(table)) continue;
    // quote() writes each value as an SQL literal, so NULL, '' and 0 stay distinct.
    std::string columns;
    size_t count = 0;
    each_row(db.get(),
             "SELECT name FROM pragma_table_info(" + quoted_identifier(table) + ") ORDER BY cid",
             [&](const std::vector<std::string>& row) {
               if (ignored_columns.count(row[0])) return;
               columns += (count++ == 0 ? "quote(" : ", quote(") + quoted_identifier(row[0]) + ")";
             });
    if (count == 0) columns = "NULL", count = 1;
    std::string select = "SELECT " + columns + " FROM " + quoted_identifier(table) + " ORDER BY ";
    for (size_t i = 1; i <= count; ++i) select += (i > 1 ? ", " : "") + std::to_string(i);
    content[table] = content_of(db.get(), select);
  }
  return content;
}

TableContent query_content(const std::string& db_path, const std::string& sql) {
  Connection db = open(db_path);
  return content_of(db.get(), sql);
}

std::string query_rw(const std::string& db_path, const std::string& sql) {
  return rows_text(open(db_path).get(), sql);
}

std::string query(const std::string& db_path, const std::string& sql) {
  return rows_text(open(db_path, SQLITE_OPEN_READONLY).get(), sql);
}

long vm_steps(const std::string& db_path, const std::string& sql) {
  return each_row(open(db_path, SQLITE_OPEN_READONLY).get(), sql,
                  [](const std::vector<std::string>&) {});
}

void exec(const std::string& db_path, const std::string& sql) {
  Connection db = open(db_path);
  exec_on(db.get(), sql);
}

void check_same_content(const StoreContent& expected, const StoreContent& actual) {
  for (const auto& [table, content] : expected) {
    CAPTURE(table);
    auto found = actual.find(table);
    REQUIRE(found != actual.end());
    CHECK(found->second.rows == content.rows);
    CHECK(found->second.hash == content.hash);
  }
  for (const auto& [table, content] : actual) {
    CAPTURE(table);
    CHECK(expected.count(table) == 1);
  }
}

}  // namespace pageaudit::test
