// The pageaudit store: opening, migrating and locking the SQLite file that holds everything.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pageaudit/core/error.h"
#include "pageaudit/store/sqlite.h"

namespace pageaudit {

struct StoreOptions {
  bool create = true;            // create the file when missing (init, import, pull)
  bool writer = true;            // take the run lock: one writing pageaudit run per store at a time
  bool wait_for_lock = false;    // --wait: block until the other run finishes instead of exit 75
  bool read_only = false;        // status/audit reads: no migration, no lock
  const Clock* clock = nullptr;  // the store's timestamps (Database::clock); null: the system's
  int migrate_to = 0;            // tests: migrate up to this schema version only; 0: the latest
};

// An open, migrated store. Writers hold an advisory lock on 'PATH.lock' for their whole run, so
// a second writer exits 75 ("another pageaudit run holds the store") while readers (sqlite3,
// Datasette, the audit) keep reading: the store is in WAL mode.
class Store {
 public:
  // Opens the store, applies pending migrations in one transaction, and takes the run lock.
  // Errors: 73 when the file cannot be created/written or its schema is newer than this binary
  // knows; 75 when another run holds the lock; 66 (read_only) when it does not exist. A store
  // that cannot be created or written fails here with one message naming its path and the cause
  // ("PATH: cannot write the store: read-only", "...: folder DIR does not exist", "...: disk
  // full"); a store this call created and could not finish is removed again.
  static Result<std::unique_ptr<Store>> open(const std::string& path, const StoreOptions& options);
  // A migrated in-memory store (tests, dry runs on a store that does not exist yet).
  static Result<std::unique_ptr<Store>> open_memory();
  ~Store();

  Database& db() { return m_db; }
  const std::string& path() const { return m_path; }
  int schema_version() const { return m_schema_version; }
  int migrations_applied_now() const { return m_applied_now; }

 private:
  Store() = default;
  // Pragmas (page size for a fresh store, WAL, cache) and migrations.
  Status configure(bool fresh, int migrate_to);
  // Applies the migrations after the store's version up to migrate_to (0: the latest).
  Status migrate(int migrate_to = 0);

  Database m_db;
  std::string m_path;
  int m_lock_fd = -1;
  int m_schema_version = 0;
  int m_applied_now = 0;
};

// The warnings of the migrations this process applied that the user must act on (rows migration 7
// kept aside, unowned.h), each returned once: the command line prints them after the command,
// whichever command opened the store.
std::vector<std::string> take_migration_warnings();

// "PATH: schema version 7 (2 migrations applied)", "...(up to date)": what init reports.
std::string describe_schema(const Store& store);

// The schema version this binary creates (the number of migrations in sql/migrations).
int latest_schema_version();

}  // namespace pageaudit
