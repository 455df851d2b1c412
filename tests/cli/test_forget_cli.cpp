// Black-box tests of pageaudit forget and status --page: exit codes, exact messages, the question
// asked on a terminal (a pseudo-terminal here), and the other Page left as it was.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "support.h"

using pageaudit::test::query;
using pageaudit::test::query_content;
using pageaudit::test::run_pageaudit;
using pageaudit::test::TempDir;
using pageaudit::test::write_file;

namespace {

// A store with Pages 111 and 222, each with two days of visits (a Business Suite daily chart).
std::string two_pages(const TempDir& dir) {
  const std::string db = dir.file("s.db");
  for (const char* page : {"111", "222"}) {
    const std::string file = dir.file(std::string(page) + ".csv");
    write_file(
        file,
        "sep=,\n\"Visitas de Facebook\"\n\"Fecha\",\"Primary\"\n\"2026-11-01T00:00:00\",\"7\"\n"
        "\"2026-11-02T00:00:00\",\"9\"\n");
    REQUIRE(run_pageaudit({"--db", db, "import", "--page", page, file}).exit_code == 0);
  }
  return db;
}

struct TerminalRun {
  int exit_code = -1;
  std::string screen;  // what the terminal showed: the question and the answer echoed
  std::string out;     // stdout
};

// Runs pageaudit with stdin (and stderr) on a pseudo-terminal that types `answer`, stdout to a
// file, as a user at a terminal would.
TerminalRun run_on_terminal(const std::vector<std::string>& args, const std::string& answer,
                            const TempDir& dir) {
  int master = -1;
  int slave = -1;
  REQUIRE(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
  const std::string out_path = dir.file("terminal.out");
  std::vector<std::string> storage{PAGEAUDIT_BIN};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(master);
    ::setsid();
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(slave, 0);
    ::dup2(out, 1);
    ::dup2(slave, 2);
    ::unsetenv("PAGEAUDIT_DB");
    ::execv(PAGEAUDIT_BIN, argv.data());
    ::_exit(127);
  }
  ::close(slave);
  REQUIRE(::write(master, answer.data(), answer.size()) == static_cast<ssize_t>(answer.size()));
  TerminalRun run;
  char buffer[4096];
  for (ssize_t n; (n = ::read(master, buffer, sizeof buffer)) > 0;) run.screen.append(buffer, n);
  ::close(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = pageaudit::test::read_file(out_path);
  return run;
}

}  // namespace

TEST_CASE("cli: forget --page deletes the Page, records it, and leaves the other Page as it was") {
  TempDir dir;
  const std::string db = two_pages(dir);
  const auto other = [&] {
    return query_content(db,
                         "SELECT * FROM page_metrics WHERE page_id = '222' ORDER BY 1, 2, 3, 4");
  };
  const auto before = other();
  const std::string other_runs = query(db, "SELECT * FROM import_runs WHERE page_id = '222'");

  // Without a terminal to ask on, --yes is needed.
  auto r = run_pageaudit({"--db", db, "forget", "--page", "111"});
  CHECK(r.exit_code == 64);
  CHECK(r.err ==
        "pageaudit: error: forget: deleting Page 111 cannot be undone; stdin is not a terminal to "
        "ask on: pass --yes to delete without asking\n");
  CHECK(query(db, "SELECT count(*) FROM page_metrics WHERE page_id = '111'") == "2\n");

  r = run_pageaudit({"--db", db, "forget", "--page", "111", "--yes"});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "forgot Page 111: 4 rows deleted\n"
        "  page_metrics                   2\n"
        "  pages                          1\n"
        "  import_runs                    1\n");
  CHECK(query(db, "SELECT count(*) FROM page_metrics WHERE page_id = '111'") == "0\n");
  CHECK(query(db,
              "SELECT command, page_id, status, rows_written, message FROM import_runs "
              "WHERE command = 'forget'") ==
        "forget|111|ok|4|deleted page_metrics 2, pages 1, import_runs 1\n");
  CHECK(query(db, "PRAGMA foreign_key_check") == "");
  CHECK(other() == before);
  CHECK(query(db, "SELECT * FROM import_runs WHERE page_id = '222'") == other_runs);
  // status names the forgotten Page in the run that forgot it, and shows no more of it.
  r = run_pageaudit({"--db", db, "status"});
  CHECK(r.out.find("  forget  ok       (4 rows), Page 111\n") != std::string::npos);
  CHECK(r.out.find("  111  ") == std::string::npos);

  // The Page is gone: a second forget finds nothing, and names what the store holds.
  r = run_pageaudit({"--db", db, "forget", "--page", "112", "--yes"});
  CHECK(r.exit_code == 64);
  CHECK(r.err == "pageaudit: error: --page 112: no such Page in " + db +
                     " (it holds: 222 (no name)); did you mean '222'?\n");
}

TEST_CASE("cli: forget asks on a terminal and deletes only on yes") {
  TempDir dir;
  const std::string db = two_pages(dir);
  auto r = run_on_terminal({"--db", db, "forget", "--page", "111"}, "n\n", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.screen.find("Page 111 holds 4 rows: page_metrics 2, pages 1, import_runs 1\r\n"
                      "Forget Page 111? [y/N] ") != std::string::npos);
  CHECK(r.out == "nothing was deleted\n");
  CHECK(query(db, "SELECT count(*) FROM pages") == "2\n");

  r = run_on_terminal({"--db", db, "forget", "--page", "111"}, "y\n", dir);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("forgot Page 111: 4 rows deleted\n") == 0);
  CHECK(query(db, "SELECT page_id FROM pages") == "222\n");
}

TEST_CASE("cli: forget --unowned needs no Page, and forget needs one of --page and --unowned") {
  TempDir dir;
  const std::string db = two_pages(dir);
  pageaudit::test::exec(db,
                        "INSERT INTO time_log(page_id, date, hours, source, run_id) VALUES "
                        "('', '2026-01-01', 2, 't.csv', 1), ('', '2026-01-02', 1, 't.csv', 1)");
  auto r = run_pageaudit({"--db", db, "forget"});
  CHECK(r.exit_code == 64);
  CHECK(r.err ==
        "pageaudit: error: forget: name the Page with --page ID, or give --unowned for the rows "
        "kept aside under no Page (not both)\n");
  r = run_pageaudit({"--db", db, "status"});
  CHECK(r.out.find("  2 time-log rows are kept aside under no Page") != std::string::npos);

  r = run_pageaudit({"--db", db, "forget", "--unowned", "--yes"});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "forgot the rows kept aside under no Page: 2 rows deleted\n"
        "  time_log                       2\n");
  CHECK(query(db, "SELECT count(*) FROM time_log") == "0\n");
  CHECK(query(db, "SELECT count(*) FROM pages") == "2\n");
  r = run_pageaudit({"--db", db, "status"});
  CHECK(r.out.find("kept aside") == std::string::npos);
}

TEST_CASE("cli: status --page shows one Page, and an unknown Page is a usage error") {
  TempDir dir;
  const std::string db = two_pages(dir);
  auto r = run_pageaudit({"--db", db, "status", "--page", "222"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("  222  (no name)  (no follower data)\n") != std::string::npos);
  CHECK(r.out.find("111") == std::string::npos);
  CHECK(r.out.find("Last runs:\n  #2    ") != std::string::npos);
  CHECK(r.out.find("222.csv (2 rows), Page 222\n") != std::string::npos);
  CHECK(r.out.find("Latest audits (audit, Page, as of, window, format, finished):\n  (none)\n") !=
        std::string::npos);

  r = run_pageaudit({"--db", db, "status", "--page", "221"});
  CHECK(r.exit_code == 64);
  CHECK(r.err == "pageaudit: error: --page 221: no such Page in " + db +
                     " (it holds: 111 (no name), 222 (no name)); did you mean '222'?\n");
}
