// Reading a store behind pageaudit's back: query results as text, statements, and what a store
// holds table by table as row counts and content hashes (the reliability tests compare a store
// after a hostile input or a killed run with the store it should be). The one place the tests call
// sqlite3 themselves; each function opens the store, does its work and closes it, and throws
// std::runtime_error naming the store or the SQL on error.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

struct sqlite3;

namespace pageaudit::test {

// Result of a query on the store opened read-only, one row per line, columns separated by '|'
// (like sqlite3); NULL is empty.
std::string query(const std::string& db_path, const std::string& sql);

// The same on the store opened read-write, as the next pageaudit run would open it: a WAL left by a
// killed writer is recovered first.
std::string query_rw(const std::string& db_path, const std::string& sql);

// The virtual machine steps SQLite takes to run a query and read all its rows (read-only): the
// work it does, which, unlike time, does not depend on the machine. A query that scans a table
// takes steps in proportion to the table's rows.
long vm_steps(const std::string& db_path, const std::string& sql);

// Runs statements against a store (writable).
void exec(const std::string& db_path, const std::string& sql);

// A connection held open until destroyed, as a reader (Datasette, sqlite3) holds a store while
// pageaudit writes it: opens the store, read-only or read-write, and runs 'sql' on it once.
class HeldConnection {
 public:
  HeldConnection(const std::string& db_path, const std::string& sql, bool read_only = true);
  ~HeldConnection();
  HeldConnection(const HeldConnection&) = delete;
  HeldConnection& operator=(const HeldConnection&) = delete;

 private:
  sqlite3* m_db = nullptr;
};

struct TableContent {
  long rows = 0;
  std::uint64_t hash = 0;  // FNV-1a of the rows as SQL literals, ordered by every column
  bool operator==(const TableContent&) const = default;
};

// Table name -> content, plus "sqlite_master" for the schema itself (so a dropped or altered table
// shows). Columns named in 'ignored_columns' (run ids, timestamps) are left out of every table,
// and tables named in 'skipped_tables' entirely. The store is opened read-write, as the next
// pageaudit run would open it: a WAL left by a killed writer is recovered first.
using StoreContent = std::map<std::string, TableContent>;
StoreContent store_content(const std::string& db_path,
                           const std::set<std::string>& ignored_columns = {},
                           const std::set<std::string>& skipped_tables = {});

// The rows of one query, counted and hashed as store_content hashes a table (the query orders
// them): compares a slice of two stores, e.g. one Page's days.
TableContent query_content(const std::string& db_path, const std::string& sql);

// doctest CHECKs that both have the same tables with the same content, naming each table that
// differs.
void check_same_content(const StoreContent& expected, const StoreContent& actual);

}  // namespace pageaudit::test
