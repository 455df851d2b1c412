// Thin RAII layer over SQLite: a connection, prepared statements that bind std::optional as NULL,
// and a transaction guard that rolls back unless committed. The only place sqlite3_* is called.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/clock.h"
#include "pageaudit/core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pageaudit {

class Statement;

// One entry of a statement table: where a prepared statement goes and its SQL.
struct StatementSql {
  Statement* into;
  std::string_view sql;
};

// "PATH: cannot write the store: CAUSE" with ExitCode::cant_create (73): the one message for a
// store that cannot be created or written, whatever found out first (the lock file, SQLite's
// open, a write, the commit). CAUSE is "disk full", "read-only", "folder DIR does not exist"...
Error cannot_write(const std::string& path, std::string_view cause);

// One connection. Errors carry ExitCode::cant_create (73) unless stated otherwise, and
// ExitCode::temp_fail (75) when the database is locked by another process. When the file itself
// fails (a full disk, a read-only file or folder, an I/O error) the message is the one a user can
// act on, "PATH: cannot write the store: disk full" (or "read-only", "I/O error (...)"), without
// the SQL that happened to hit it.
class Database {
 public:
  enum class Mode { read_write_create, read_write, read_only, memory };

  // Opens (and for read_write_create, creates) the file; sets a busy timeout of busy_ms.
  static Result<Database> open(const std::string& path, Mode mode, int busy_ms = 5000);
  Database() = default;
  Database(Database&&) noexcept = default;
  Database& operator=(Database&&) noexcept = default;

  // Runs one or more statements with no parameters and no results (DDL, PRAGMA).
  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  // Prepares every statement of a table into its place; the first failure, if any (the
  // statements before it are prepared, those after it are left as they were).
  Status prepare_all(std::initializer_list<StatementSql> table);
  // First column of the first row of a query, as text; nullopt when there is no row or NULL.
  Result<std::optional<std::string>> scalar_text(std::string_view sql);
  Result<std::optional<int64_t>> scalar_int(std::string_view sql);

  int64_t last_insert_rowid() const;
  int changes() const;
  // True when SQLite opened the file read-only although writing was asked for: the file or its
  // folder is not writable by this user.
  bool read_only() const;
  const std::string& path() const { return m_path; }
  // The clock of the store's timestamps (runs, migrations, goals, audits): the system clock unless
  // the store was opened with another (StoreOptions::clock). The clock must outlive the database.
  const Clock& clock() const { return *m_clock; }
  void use_clock(const Clock& clock) { m_clock = &clock; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Closer> m_db;
  std::string m_path;
  const Clock* m_clock = &system_clock();
};

// A prepared statement; keeps its SQL for messages. Parameters are 1-based as in SQLite.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;

  Statement& bind(int index, std::string_view text);
  // Binds text without copying it: the caller keeps 'text' alive until the statement is stepped
  // (run() or step()). For hot insert paths where SQLite's copy showed up in profiles.
  Statement& bind_ref(int index, std::string_view text);
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  class Rows;
  // The statement's rows, for a range-for: `auto rows = stmt.rows(); for (const Statement& row :
  // rows) {...}`, each row read through the statement's column getters. An error ends the loop
  // and is kept: the caller checks rows.status() after it.
  [[nodiscard]] Rows rows();

  // Steps once: true when a row is available, false when done.
  Result<bool> step();
  // Steps to completion (INSERT/UPDATE) and resets the statement for reuse. Bindings are kept:
  // callers rebind every parameter before the next run (clearing them per row cost time).
  Status run();
  // Like run(), for an INSERT: returns false (and changes nothing) when the row would break a
  // PRIMARY KEY or UNIQUE constraint, true when it was inserted.
  Result<bool> run_unless_duplicate();
  // Resets the statement and clears its bindings to NULL.
  void reset();

  bool is_null(int column) const;
  std::string text(int column) const;
  std::optional<std::string> opt_text(int column) const;
  int64_t integer(int column) const;
  std::optional<int64_t> opt_integer(int column) const;
  double real(int column) const;
  std::optional<double> opt_real(int column) const;
  int column_count() const;

  const std::string& sql() const { return m_sql; }

 private:
  friend class Database;
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  std::unique_ptr<sqlite3_stmt, Finalizer> m_stmt;
  sqlite3* m_db = nullptr;
  std::string m_path;  // the store's path as opened, for messages
  std::string m_sql;
};

// The rows of one run of a statement (Statement::rows()). Single pass: begin() steps to the first
// row, ++ to the next; the loop ends at the last row or at the first error.
class Statement::Rows {
 public:
  struct End {};
  class Iterator {
   public:
    explicit Iterator(Rows* rows) : m_rows(rows) {}
    const Statement& operator*() const { return *m_rows->m_stmt; }
    Iterator& operator++() {
      m_rows->advance();
      return *this;
    }
    bool operator==(End) const { return !m_rows->m_row; }

   private:
    Rows* m_rows;
  };

  explicit Rows(Statement& stmt) : m_stmt(&stmt) {}
  Iterator begin() {
    advance();
    return Iterator(this);
  }
  End end() const { return {}; }
  // {} when every row was read; else the error that ended the loop.
  [[nodiscard]] const Status& status() const { return m_status; }

 private:
  void advance();

  Statement* m_stmt;
  bool m_row = false;
  Status m_status;
};

inline Statement::Rows Statement::rows() {
  return Rows(*this);
}

// Calls row(stmt) on each row of stmt; the first error, if any, after which no row is read.
template <typename Row>
Status each_row(Statement& stmt, Row row) {
  auto rows = stmt.rows();
  for (const Statement& current : rows) row(current);
  return rows.status();
}

// BEGIN IMMEDIATE on construction (begin() reports failure); ROLLBACK in the destructor unless
// commit() succeeded. IMMEDIATE takes the write lock up front so a second writer waits or fails
// cleanly instead of deadlocking on upgrade.
class Transaction {
 public:
  explicit Transaction(Database& db) : m_db(&db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status begin();
  Status commit();
  void rollback();

 private:
  Database* m_db;
  bool m_open = false;
};

}  // namespace pageaudit
