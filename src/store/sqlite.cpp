// RAII wrappers over the SQLite C API.
#include "pageaudit/store/sqlite.h"

#include <sqlite3.h>

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

}  // namespace

void Database::Closer::operator()(sqlite3* db) const { sqlite3_close_v2(db); }
void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

Result<Database> Database::open(const std::string& path, Mode mode, int busy_ms) {
  // Memory statistics take a global mutex on every allocation; pageaudit never reads them.
  // This must run before SQLite initializes, hence once, here.
  static const bool s_configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)s_configured;
  int flags = SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case Mode::read_write_create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::read_only: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::memory: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY; break;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(mode == Mode::memory ? ":memory:" : path.c_str(), &raw, flags, nullptr);
  Database db;
  db.m_db.reset(raw);
  db.m_path = path;
  if (rc != SQLITE_OK) {
    std::string what = raw ? sqlite3_errmsg(raw) : "out of memory";
    return failf(mode == Mode::read_only ? ExitCode::no_input : ExitCode::cant_create,
                 "{}: cannot open the store: {}", path, what);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, busy_ms);
  return db;
}

Error Database::error(std::string_view context) const {
  int rc = sqlite3_extended_errcode(m_db.get());
  return Error{code_for(rc), fmt::format("{}: {}: {}", m_path, context, sqlite3_errmsg(m_db.get()))};
}

Status Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return fail(code_for(rc), fmt::format("{}: {}", m_path, what));
  }
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
  stmt.m_sql = std::string(sql);
  return stmt;
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

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db.get()); }
int Database::changes() const { return sqlite3_changes(m_db.get()); }

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(m_stmt.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
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
  std::string what = sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt.get());
  const char* file = sqlite3_db_filename(m_db, "main");
  return fail(code_for(rc), fmt::format("{}: {} (in \"{}\")", file && *file ? file : ":memory:",
                                        what, m_sql));
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
  }
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
  std::string what = sqlite3_errmsg(m_db);
  sqlite3_reset(m_stmt.get());
  if (extended == SQLITE_CONSTRAINT_PRIMARYKEY || extended == SQLITE_CONSTRAINT_UNIQUE) return false;
  const char* file = sqlite3_db_filename(m_db, "main");
  return fail(code_for(rc), fmt::format("{}: {} (in \"{}\")", file && *file ? file : ":memory:", what, m_sql));
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
int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt.get(), column); }
std::optional<int64_t> Statement::opt_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}
double Statement::real(int column) const { return sqlite3_column_double(m_stmt.get(), column); }
std::optional<double> Statement::opt_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}
int Statement::column_count() const { return sqlite3_column_count(m_stmt.get()); }

Transaction::~Transaction() { rollback(); }

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
