// Store lifecycle: create, lock, migrate (sql/migrations compiled in as k_migrations).
#include "pageaudit/store/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <utility>

#include "pageaudit/core/clock.h"
#include "pageaudit/core/embedded.h"
#include "pageaudit/store/audit_store.h"
#include "pageaudit/store/unowned.h"

namespace pageaudit {

namespace {

// The lock file is the first thing a writer creates beside the store, so its failure is usually
// the store's: the folder is missing or not writable.
Error lock_file_error(const std::string& path, const std::string& lock_path, int error) {
  namespace fs = std::filesystem;
  switch (error) {
    case ENOENT: {
      std::string folder = fs::path(path).parent_path().string();
      return cannot_write(path,
                          fmt::format("folder {} does not exist", folder.empty() ? "." : folder));
    }
    case EACCES:
    case EPERM:
    case EROFS:
      return cannot_write(path, "read-only");
    default:
      return cannot_write(path,
                          fmt::format("cannot create {}: {}", lock_path, std::strerror(error)));
  }
}

// What a migration needs beyond its SQL, run after it in the same transaction.
Status after_migration(Database& db, int version) {
  switch (version) {
    case 7:
      return fill_settings_from_goal_files(db);  // settings parsed from the goals files' texts
    default:
      return {};
  }
}

// The version whose migration may keep rows aside (sql/migrations/0007_clients.sql).
constexpr int k_clients_version = 7;

std::mutex g_warnings_mutex;
std::vector<std::string> g_warnings;

void add_migration_warning(std::string warning) {
  std::lock_guard lock(g_warnings_mutex);
  g_warnings.push_back(std::move(warning));
}

}  // namespace

std::vector<std::string> take_migration_warnings() {
  std::lock_guard lock(g_warnings_mutex);
  return std::exchange(g_warnings, {});
}

std::string describe_schema(const Store& store) {
  const int applied = store.migrations_applied_now();
  return fmt::format(
      "{}: schema version {}{}", store.path(), store.schema_version(),
      applied > 0 ? fmt::format(" ({} migration{} applied)", applied, applied == 1 ? "" : "s")
                  : std::string(" (up to date)"));
}

int latest_schema_version() {
  return static_cast<int>(k_migrations_count);
}

Store::~Store() {
  if (m_lock_fd >= 0) ::close(m_lock_fd);  // releases the flock
}

Result<std::unique_ptr<Store>> Store::open(const std::string& path, const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  store->m_path = path;
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && (options.read_only || !options.create)) {
    return failf(ExitCode::no_input,
                 "{}: no store here (run 'pageaudit init' or import something first)", path);
  }

  if (options.writer && !options.read_only) {
    // The lock file lives beside the store and is never deleted: deleting lock files races.
    std::string lock_path = path + ".lock";
    store->m_lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (store->m_lock_fd < 0) return tl::unexpected(lock_file_error(path, lock_path, errno));
    int how = LOCK_EX | (options.wait_for_lock ? 0 : LOCK_NB);
    if (::flock(store->m_lock_fd, how) != 0) {
      if (errno == EWOULDBLOCK) {
        return failf(ExitCode::temp_fail,
                     "{}: another pageaudit run holds the store; run again later (or use --wait)",
                     path);
      }
      return failf(ExitCode::cant_create, "{}: cannot lock the store: {}", lock_path,
                   std::strerror(errno));
    }
  }

  auto mode = options.read_only ? Database::Mode::read_only : Database::Mode::read_write_create;
  auto db = Database::open(path, mode);
  if (!db) return tl::unexpected(db.error());
  store->m_db = std::move(*db);
  if (options.clock) store->m_db.use_clock(*options.clock);
  // SQLite quietly opens a file it may not write read-only; saying so now beats failing at the
  // first write, after a report was printed or a download was made.
  if (!options.read_only && store->m_db.read_only())
    return tl::unexpected(cannot_write(path, "read-only"));

  if (options.read_only) {
    auto version = store->m_db.scalar_int("PRAGMA user_version");
    if (!version) return tl::unexpected(version.error());
    store->m_schema_version = static_cast<int>(version->value_or(0));
    if (store->m_schema_version > latest_schema_version()) {
      return failf(
          ExitCode::cant_create,
          "{}: the store has schema version {} but this pageaudit ({}) knows versions up to {}; "
          "use a newer pageaudit",
          path, store->m_schema_version, PAGEAUDIT_VERSION, latest_schema_version());
    }
    return store;
  }

  if (auto s = store->configure(!exists, options.migrate_to); !s) {
    // A store this run created and could not finish (a full disk) is removed: the next run
    // starts from nothing rather than from an empty file that looks like a store.
    if (!exists) {
      store->m_db = Database();
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
    }
    return tl::unexpected(s.error());
  }
  return store;
}

Status Store::configure(bool fresh, int migrate_to) {
  // 8 KiB pages for a new store: fewer B-tree pages per row on bulk imports (6% fewer
  // instructions on the import benchmark). Only possible before the first table exists.
  if (fresh) {
    if (auto s = m_db.exec("PRAGMA page_size=8192"); !s) return s;
  }
  // WAL: readers never block the writer and the writer never blocks readers.
  auto wal = m_db.scalar_text("PRAGMA journal_mode=WAL");
  if (!wal) return tl::unexpected(wal.error());
  // Statement journals in memory: an upsert that may abort keeps one per statement, and on disk
  // (/var/tmp) that wrote a page per upserted row.
  // A 32 MiB page cache: an import of a wide export touches the same few B-tree pages again and
  // again, and the default 2 MiB cache made SQLite re-read (and zero) a page per row.
  if (auto s =
          m_db.exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768; "
                    "PRAGMA temp_store=MEMORY;");
      !s) {
    return s;
  }
  return migrate(migrate_to);
}

Result<std::unique_ptr<Store>> Store::open_memory() {
  std::unique_ptr<Store> store(new Store());
  store->m_path = ":memory:";
  auto db = Database::open(":memory:", Database::Mode::memory);
  if (!db) return tl::unexpected(db.error());
  store->m_db = std::move(*db);
  if (auto s = store->m_db.exec("PRAGMA foreign_keys=ON;"); !s) return tl::unexpected(s.error());
  if (auto s = store->migrate(); !s) return tl::unexpected(s.error());
  return store;
}

Status Store::migrate(int migrate_to) {
  auto version = m_db.scalar_int("PRAGMA user_version");
  if (!version) return tl::unexpected(version.error());
  m_schema_version = static_cast<int>(version->value_or(0));
  const int latest = latest_schema_version();
  if (m_schema_version > latest) {
    return failf(
        ExitCode::cant_create,
        "{}: the store has schema version {} but this pageaudit ({}) knows versions up to {}; "
        "use a newer pageaudit",
        m_path, m_schema_version, PAGEAUDIT_VERSION, latest);
  }
  const int target = migrate_to > 0 ? std::min(migrate_to, latest) : latest;
  if (m_schema_version >= target) return {};

  // All pending migrations in one transaction: a store is never left half migrated.
  Transaction txn(m_db);
  if (auto s = txn.begin(); !s) return s;
  if (auto s =
          m_db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !s) {
    return s;
  }
  auto record =
      m_db.prepare("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)");
  if (!record) return tl::unexpected(record.error());
  const std::string now = m_db.clock().now_iso();
  for (int v = m_schema_version + 1; v <= target; ++v) {
    const EmbeddedFile& migration = k_migrations[v - 1];
    Status applied = m_db.exec(migration.text);
    if (applied) applied = after_migration(m_db, v);
    if (!applied) {
      return failf(ExitCode::software, "migration {} failed: {}", migration.name,
                   applied.error().message);
    }
    if (auto s = record->bind(1, v).bind(2, migration.name).bind(3, now).run(); !s) return s;
    ++m_applied_now;
  }
  if (auto s = m_db.exec(fmt::format("PRAGMA user_version = {}", target)); !s) return s;
  if (auto s = txn.commit(); !s) return s;
  const int before = m_schema_version;
  m_schema_version = target;
  // A store that had rows of the business's files before migration 7 may now hold some no audit
  // reads: the user must hear of them once, from whichever command migrated the store.
  if (before > 0 && before < k_clients_version && target >= k_clients_version) {
    auto unowned = count_unowned(m_db);
    if (!unowned) return tl::unexpected(unowned.error());
    if (unowned->total() > 0) add_migration_warning(unowned_warning(m_path, *unowned));
  }
  return {};
}

}  // namespace pageaudit
