// RAII wrappers over the SQLite C API.
#include "pageaudit/store/sqlite.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>

namespace pageaudit {
namespace {

ExitCode code_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ExitCode::temp_fail;
    default:
      return ExitCode::cant_create;
  }
}

// The cause, in the words a user can act on, when the file itself failed; nullopt when the error
// is about something else (SQL, a constraint, a lock). A full disk, a quota and RLIMIT_FSIZE fail
// write() with ENOSPC, EDQUOT and EFBIG; SQLite reports only the first as SQLITE_FULL and the
// others as SQLITE_IOERR_WRITE, but to the user all three are a disk that took no more. The
// errno SQLite keeps for the connection is often gone by the time the error reaches us (0): a
// failed write() with no other errno is then taken for a full disk, the common cause by far.
std::optional<std::string> file_cause(int rc, int system_errno) {
  const auto detail = [&] {
    return system_errno != 0 ? std::strerror(system_errno) : sqlite3_errstr(rc);
  };
  const bool denied = system_errno == EACCES || system_errno == EPERM || system_errno == EROFS;
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return "disk full";
    case SQLITE_READONLY:
      return "read-only";
    case SQLITE_IOERR:
      if (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)
        return "disk full";
      if (rc == SQLITE_IOERR_WRITE && system_errno == 0) return "disk full";
      if (denied) return "read-only";
      return fmt::format("I/O error ({})", detail());
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      if (denied) return "read-only";
      return fmt::format("cannot open the file ({})", detail());
    default:
      return std::nullopt;
  }
}

// The error for a failed call on 'db', for every caller alike: a reader's missing -shm file, else
// the file's cause when the file failed, else "PATH: " and what SQLite said, then `after` (the
// statement's SQL, for a bug report). The path is the one the store was opened with, so that
// every message names the store the way the user did.
Error error_of(sqlite3* db, int rc, const std::string& path, std::string_view after = {}) {
  // A reader of a store in WAL mode needs PATH-shm, and creates it when missing: in a folder it
  // may not write, its first read fails as a write would. (Writers opened read-only never get
  // here: Store::open refuses them at once.)
  if (sqlite3_db_readonly(db, "main") == 1 &&
      ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
    return Error{
        ExitCode::no_input,
        fmt::format("{}: cannot read the store: its folder is read-only and {}-shm, which SQLite "
                    "needs to read a store in WAL mode, does not exist",
                    path, path)};
  }
  if (auto cause = file_cause(rc, sqlite3_system_errno(db))) return cannot_write(path, *cause);
  return Error{code_for(rc), fmt::format("{}: {}{}", path, sqlite3_errmsg(db), after)};
}

}  // namespace

Error cannot_write(const std::string& path, std::string_view cause) {
  return Error{ExitCode::cant_create, fmt::format("{}: cannot write the store: {}", path, cause)};
}

void Database::Closer::operator()(sqlite3* db) const {
  sqlite3_close_v2(db);
}
void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

Result<Database> Database::open(const std::string& path, Mode mode, int busy_ms) {
  // Memory statistics take a global mutex on every allocation; pageaudit never reads them.
  // This must run before SQLite initializes, hence once, here.
  static const bool s_configured = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)s_configured;
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::read_write_create:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      break;
    case Mode::read_write:
      flags |= SQLITE_OPEN_READWRITE;
      break;
    case Mode::read_only:
      flags |= SQLITE_OPEN_READONLY;
      break;
    case Mode::memory:
      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY;
      break;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(mode == Mode::memory ? ":memory:" : path.c_str(), &raw, flags, nullptr);
  Database db;
  db.m_db.reset(raw);
  db.m_path = path;
  if (rc != SQLITE_OK) {
    if (mode != Mode::read_only && raw) {
      if (auto cause = file_cause(rc, sqlite3_system_errno(raw)))
        return tl::unexpected(cannot_write(path, *cause));
    }
    std::string what = raw ? sqlite3_errmsg(raw) : "out of memory";
    return failf(mode == Mode::read_only ? ExitCode::no_input : ExitCode::cant_create,
                 "{}: cannot open the store: {}", path, what);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_ms);
  return db;
}

Status Database::exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(error_of(m_db.get(), rc, m_path));
  return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(m_db.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  if (rc != SQLITE_OK) {
    // A statement that does not prepare is a bug in our SQL, not bad input.
    return failf(ExitCode::software, "{}: cannot prepare \"{}\": {}", m_path, sql,
                 sqlite3_errmsg(m_db.get()));
  }
  Statement stmt;
  stmt.m_stmt.reset(raw);
  stmt.m_db = m_db.get();
  stmt.m_path = m_path;
  stmt.m_sql = std::string(sql);
  return stmt;
}

Status Database::prepare_all(std::initializer_list<StatementSql> table) {
  for (const StatementSql& entry : table) {
    auto stmt = prepare(entry.sql);
    if (!stmt) return tl::unexpected(stmt.error());
    *entry.into = std::move(*stmt);
  }
  return {};
}

Result<std::optional<std::string>> Database::scalar_text(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<std::string>{};
  return stmt->opt_text(0);
}

Result<std::optional<int64_t>> Database::scalar_int(std::string_view sql) {
  auto stmt = prepare(sql);
  if (!stmt) return tl::unexpected(stmt.error());
  auto row = stmt->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<int64_t>{};
  return stmt->opt_integer(0);
}

int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(m_db.get());
}
int Database::changes() const {
  return sqlite3_changes(m_db.get());
}
bool Database::read_only() const {
  return sqlite3_db_readonly(m_db.get(), "main") == 1;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_ref(int index, std::string_view text) {
  sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind(int index, int64_t value) {
  sqlite3_bind_int64(m_stmt.get(), index, value);
  return *this;
}
Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(m_stmt.get(), index, value);
  return *this;
}
Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(m_stmt.get(), index);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(m_stmt.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Read before the reset, which may replace the connection's error.
  Error error = error_of(m_db, rc, m_path, fmt::format(" (in \"{}\")", m_sql));
  sqlite3_reset(m_stmt.get());
  return tl::unexpected(std::move(error));
}

void Statement::Rows::advance() {
  auto row = m_stmt->step();
  m_row = row && *row;
  if (!row) m_status = tl::unexpected(row.error());
}

Status Statement::run() {
  Result<bool> row = step();
  while (row && *row) row = step();
  if (!row) return tl::unexpected(row.error());
  sqlite3_reset(m_stmt.get());
  return {};
}

Result<bool> Statement::run_unless_duplicate() {
  int rc = sqlite3_step(m_stmt.get());
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
    sqlite3_reset(m_stmt.get());
    return true;
  }
  int extended = sqlite3_extended_errcode(m_db);
  if (extended == SQLITE_CONSTRAINT_PRIMARYKEY || extended == SQLITE_CONSTRAINT_UNIQUE) {
    sqlite3_reset(m_stmt.get());
    return false;
  }
  Error error = error_of(m_db, rc, m_path, fmt::format(" (in \"{}\")", m_sql));
  sqlite3_reset(m_stmt.get());
  return tl::unexpected(std::move(error));
}

void Statement::reset() {
  sqlite3_reset(m_stmt.get());
  sqlite3_clear_bindings(m_stmt.get());
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}
std::string Statement::text(int column) const {
  const unsigned char* p = sqlite3_column_text(m_stmt.get(), column);
  return p ? std::string(reinterpret_cast<const char*>(p),
                         static_cast<size_t>(sqlite3_column_bytes(m_stmt.get(), column)))
           : std::string();
}
std::optional<std::string> Statement::opt_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}
int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(m_stmt.get(), column);
}
std::optional<int64_t> Statement::opt_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}
double Statement::real(int column) const {
  return sqlite3_column_double(m_stmt.get(), column);
}
std::optional<double> Statement::opt_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}
int Statement::column_count() const {
  return sqlite3_column_count(m_stmt.get());
}

Transaction::~Transaction() {
  rollback();
}

Status Transaction::begin() {
  auto status = m_db->exec("BEGIN IMMEDIATE");
  if (status) m_open = true;
  return status;
}

Status Transaction::commit() {
  auto status = m_db->exec("COMMIT");
  if (status) m_open = false;
  return status;
}

void Transaction::rollback() {
  if (!m_open) return;
  m_open = false;
  (void)m_db->exec("ROLLBACK");
}

}  // namespace pageaudit
