// A store that cannot be written (issue 6): a full disk during init, import, pull and audit, a
// store or folder the user may not write, a folder that does not exist. Each run must exit 73 with
// one message naming the store and the cause, and leave the store sound and exactly as it was.
//
// The disk fills for real: the binary runs with RLIMIT_FSIZE (and SIGXFSZ ignored), so SQLite's
// write() fails with EFBIG past the limit. Read-only is real too: tests run as root, whom chmod
// does not stop, so the child drops to the unprivileged user nobody before exec.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fake_graph.h"
#include "pageaudit/core/date.h"
#include "store_reader.h"
#include "support.h"

extern char** environ;

namespace pageaudit {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr uid_t k_nobody = 65534;
// RLIMIT_FSIZE stops files from growing, not writes inside them. SQLite's shared-memory index of
// the WAL is 32 KiB, grown by write(): a limit below it fails every open of a store nobody holds
// open. At 32 KiB a new store's WAL takes three pages, far less than its schema.
constexpr rlim_t k_tight_limit = 32 * 1024;
// With the store held open by a reader and its WAL emptied, the index is already there and the
// WAL must grow from nothing: under 8 KiB not one page (8 KiB and a 24-byte header) fits.
constexpr rlim_t k_no_room_for_wal = 8 * 1024;

struct Confinement {
  std::optional<rlim_t> max_file_size;  // RLIMIT_FSIZE: no file grows past it
  bool as_nobody = false;               // run as uid/gid 65534 with no supplementary groups
};

// Runs the pageaudit binary confined, with the environment of run_pageaudit (no PAGEAUDIT_*)
// plus 'env'. Between fork and exec the child only makes async-signal-safe calls: the test
// process has threads (the fake Graph server).
test::RunResult run_confined(const std::vector<std::string>& args, const Confinement& confinement,
                             const std::vector<std::string>& env = {}) {
  TempDir io;
  const std::string out_path = io.file("stdout"), err_path = io.file("stderr");
  std::vector<std::string> argv_storage{PAGEAUDIT_BIN};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage;
  for (char** entry = environ; *entry; ++entry) {
    if (std::strncmp(*entry, "PAGEAUDIT_", 10) != 0) env_storage.emplace_back(*entry);
  }
  env_storage.insert(env_storage.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);

  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  REQUIRE((in >= 0 && out >= 0 && err >= 0));
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    // Ignored, a write past the limit fails with EFBIG instead of killing the process.
    ::signal(SIGXFSZ, SIG_IGN);
    if (confinement.max_file_size) {
      const struct rlimit limit { *confinement.max_file_size, *confinement.max_file_size };
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
    }
    if (confinement.as_nobody && ::geteuid() == 0) {
      if (::setgroups(0, nullptr) != 0 || ::setresgid(k_nobody, k_nobody, k_nobody) != 0 ||
          ::setresuid(k_nobody, k_nobody, k_nobody) != 0) {
        ::_exit(126);
      }
    }
    ::execve(PAGEAUDIT_BIN, argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(in);
  ::close(out);
  ::close(err);
  int status = 0;
  ::waitpid(pid, &status, 0);
  test::RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = test::read_file(out_path);
  result.err = test::read_file(err_path);
  return result;
}

// Read-only tests run the child as nobody, which only root can do (CI runs the tests as root).
bool can_run_as_nobody() {
  if (::geteuid() == 0) return true;
  MESSAGE("skipped: only root can run the child as nobody");
  return false;
}

std::string cannot_write(const std::string& db, const std::string& cause) {
  return "pageaudit: error: " + db + ": cannot write the store: " + cause + "\n";
}

// A classic Page-level export of 600 days with 80 cities: 48,000 breakdown values and 600 daily
// values, more WAL than the demo store is large.
void write_wide_export(const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  constexpr int k_cities = 80;
  out << "Date,Lifetime Total Likes";
  for (int c = 0; c < k_cities; ++c) out << ",\"Lifetime Likes by City - City " << c << ", Spain\"";
  out << "\r\n,Lifetime: Lifetime Total Likes";
  for (int c = 0; c < k_cities; ++c) out << ",Lifetime: likes by city";
  out << "\r\n";
  const Date first = *Date::from_ymd(2001, 1, 1);
  for (int d = 0; d < 600; ++d) {
    const Date day = first + d;
    out << day.month() << '/' << day.day() << '/' << day.year() << ',' << 1000 + d;
    for (int c = 0; c < k_cities; ++c) out << ',' << (d * 31 + c * 17) % 5000;
    out << "\r\n";
  }
}

// A store made by the demo (the sample café, its goals and one audit), closed cleanly, with its
// content and sanity to compare against after a failed run.
struct StoreRig {
  TempDir dir;
  std::string db = dir.file("store.db");
  test::StoreContent before;

  StoreRig() {
    const test::RunResult demo =
        test::run_pageaudit({"--db", db, "-q", "demo", "--samples", test::samples_dir()});
    INFO(demo.err);
    REQUIRE(demo.exit_code == 0);
    before = test::store_content(db);
  }

  // A reader (Datasette, sqlite3) holds the store open with its WAL truncated to nothing: the
  // writer's first page must grow the WAL. The returned handle closes the connection.
  std::unique_ptr<test::HeldConnection> hold_open_with_empty_wal() const {
    auto reader = std::make_unique<test::HeldConnection>(
        db, "SELECT count(*) FROM pages; PRAGMA wal_checkpoint(TRUNCATE)", false);
    REQUIRE(fs::file_size(db + "-wal") == 0);
    return reader;
  }

  // The store passes integrity_check and holds exactly what it held (every column, the ledger).
  void check_unchanged() const {
    CHECK(test::query_rw(db, "PRAGMA integrity_check") == "ok\n");
    test::check_same_content(before, test::store_content(db));
  }
};

TEST_CASE(
    "an import that fills the disk exits 73 with one message and leaves the store as it was") {
  StoreRig rig;
  const std::string wide = rig.dir.file("wide.csv");
  write_wide_export(wide);
  // The store's own size: the import's ledger row fits in the WAL, its data (megabytes) does not.
  const rlim_t limit = static_cast<rlim_t>(fs::file_size(rig.db));
  const test::RunResult run =
      run_confined({"--db", rig.db, "import", "--page", "1", "--exported-on", "2026-01-01", wide},
                   {limit, false});
  CHECK(run.exit_code == 73);
  CHECK(run.err == cannot_write(rig.db, "disk full"));
  CHECK(run.out.empty());
  rig.check_unchanged();
}

TEST_CASE("init of a new store on a full disk exits 73 and leaves no store behind") {
  TempDir dir;
  const std::string db = dir.file("new.db");
  const test::RunResult run = run_confined({"--db", db, "init"}, {k_tight_limit, false});
  CHECK(run.exit_code == 73);
  CHECK(run.err == cannot_write(db, "disk full"));
  CHECK(run.out.empty());
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    CAPTURE(suffix);
    CHECK_FALSE(fs::exists(db + suffix));
  }
  // Nothing half made stands in the way of the next run.
  const test::RunResult again = test::run_pageaudit({"--db", db, "init"});
  CHECK(again.exit_code == 0);
}

TEST_CASE(
    "an audit that cannot record itself on a full disk exits 73, writes no report and the store "
    "keeps what it held") {
  StoreRig rig;
  // The JSON report (under 3 KiB) fits below the limit: only the store runs out of room.
  const std::string report = rig.dir.file("report.json");
  for (const std::vector<std::string>& output :
       {std::vector<std::string>{}, std::vector<std::string>{"--output", report}}) {
    CAPTURE(output.size());
    std::vector<std::string> args{"--db", rig.db, "audit", "--format", "json"};
    args.insert(args.end(), output.begin(), output.end());
    auto reader = rig.hold_open_with_empty_wal();
    const test::RunResult run = run_confined(args, {k_no_room_for_wal, false});
    CHECK(run.exit_code == 73);
    CHECK(run.err == cannot_write(rig.db, "disk full"));
    CHECK(run.out.empty());
  }
  // Neither the report nor its temporary file (report.json.XXXXXX) is left in the folder.
  for (const fs::directory_entry& entry : fs::directory_iterator(rig.dir.path())) {
    CHECK_FALSE(entry.path().filename().string().starts_with("report.json"));
  }
  rig.check_unchanged();
}

TEST_CASE("a pull that fills the disk exits 73 with one message and writes nothing") {
  StoreRig rig;
  fake::FakeGraphOptions options;
  options.token = "EAAGstoreIOtoken0123456789";
  fake::FakeGraph server(options);
  REQUIRE(server.start());
  {
    auto reader = rig.hold_open_with_empty_wal();
    const test::RunResult run =
        run_confined({"--db", rig.db, "pull", "--page", "1100200300", "--since", "60d",
                      "--graph-url", server.base_url()},
                     {k_no_room_for_wal, false}, {"PAGEAUDIT_TOKEN=" + options.token});
    CHECK(run.exit_code == 73);
    CHECK(run.err == cannot_write(rig.db, "disk full"));
    CHECK(run.out.empty());
  }
  rig.check_unchanged();
}

// The store's folder and file belong to root: nobody may read them but not write them.
TEST_CASE(
    "import, pull and audit on a store the user may not write exit 73 'read-only' and change "
    "nothing") {
  if (!can_run_as_nobody()) return;
  StoreRig rig;
  const std::string export_file = rig.dir.file("wide.csv");
  write_wide_export(export_file);
  fs::permissions(rig.dir.path(), fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  const std::vector<std::vector<std::string>> commands = {
      {"--db", rig.db, "import", "--page", "1", export_file},
      {"--db", rig.db, "pull", "--page", "1100200300", "--graph-url", "http://127.0.0.1:9"},
      {"--db", rig.db, "audit"},
      {"--db", rig.db, "init"},
  };
  for (const auto& command : commands) {
    CAPTURE(command[2]);
    const test::RunResult run =
        run_confined(command, {std::nullopt, true}, {"PAGEAUDIT_TOKEN=EAAGreadonly0123456789"});
    CHECK(run.exit_code == 73);
    CHECK(run.err == cannot_write(rig.db, "read-only"));
    CHECK(run.out.empty());
  }
  // Reading needs the WAL index beside the store, which a clean close removed.
  const test::RunResult status = run_confined({"--db", rig.db, "status"}, {std::nullopt, true});
  CHECK(status.exit_code == 66);
  CHECK(status.err == "pageaudit: error: " + rig.db +
                          ": cannot read the store: its folder is read-only and " + rig.db +
                          "-shm, which SQLite needs to read a store in WAL mode, does not exist\n");
  rig.check_unchanged();
}

// A folder nobody may write, holding a store file it may not: SQLite would open the file
// read-only without a word, and the first write would fail after the work was done.
TEST_CASE("a read-only store file in a writable folder is refused at once with 73 'read-only'") {
  if (!can_run_as_nobody()) return;
  StoreRig rig;
  fs::remove(rig.db + ".lock");
  REQUIRE(::chown(rig.dir.path().c_str(), k_nobody, k_nobody) == 0);
  fs::permissions(rig.db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"--db", rig.db, "init"},
        std::vector<std::string>{"--db", rig.db, "audit"}}) {
    CAPTURE(command[2]);
    const test::RunResult run = run_confined(command, {std::nullopt, true});
    CHECK(run.exit_code == 73);
    CHECK(run.err == cannot_write(rig.db, "read-only"));
    CHECK(run.out.empty());
  }
  REQUIRE(::chown(rig.dir.path().c_str(), 0, 0) == 0);
  fs::permissions(rig.db, fs::perms::owner_write, fs::perm_options::add);
  rig.check_unchanged();
}

TEST_CASE(
    "a store in a folder that does not exist or cannot be created exits 73 naming the cause") {
  TempDir dir;
  const std::string missing = dir.file("no/such/folder/store.db");
  const test::RunResult run =
      test::run_pageaudit({"--db", missing, "import", "--as", "time", "--page", "1",
                           test::samples_dir() + "/time_log.csv"});
  CHECK(run.exit_code == 73);
  CHECK(run.err ==
        cannot_write(missing, "folder " + dir.file("no/such/folder") + " does not exist"));
  CHECK_FALSE(fs::exists(dir.file("no")));

  // The temporary folder is root's: nobody can create a store in it.
  if (!can_run_as_nobody()) return;
  const std::string denied = dir.file("store.db");
  const test::RunResult as_nobody = run_confined({"--db", denied, "init"}, {std::nullopt, true});
  CHECK(as_nobody.exit_code == 73);
  CHECK(as_nobody.err == cannot_write(denied, "read-only"));
  CHECK_FALSE(fs::exists(denied));
}

}  // namespace
}  // namespace pageaudit
