// Tests for cli/app: the command table and its dispatcher, with tables of test commands run
// in-process: options reach the command, errors become exit codes, and an exception that escapes
// a command is an internal error (exit 70) after the store's transaction has rolled back.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/captured.h"
#include "pageaudit/cli/app.h"
#include "pageaudit/store/store.h"

namespace pageaudit {
namespace {

using test::Captured;

const FixedClock k_clock(1'700'000'000, Date::from_ymd(2026, 11, 21).value());

// Runs the table on the arguments (after "pageaudit"), with the output captured.
struct Run {
  int code;
  std::string out;
  std::string err;
};
Run run(std::span<const Command> table, std::vector<std::string> args) {
  test::TempDir dir;
  args.insert(args.begin(), "pageaudit");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  Captured io(dir);
  const int code = run_commands(table, static_cast<int>(argv.size()), argv.data(), k_clock);
  std::string err = io.err();
  return Run{code, io.out(), std::move(err)};
}

struct Count {
  int n = 0;
};

// A command that reports what it was given: its option, the store and the clock's day.
Command echo_command(const char* default_db = nullptr) {
  return make_command<Count>(
      "echo", "print what was given", [](CLI::App& app, Count& c) { app.add_option("--n", c.n); },
      [](const Invocation& in, const Count& c) -> Status {
        in.console.result(
            fmt::format("n={} db={} today={}", c.n, in.global.db_path, in.clock.today().iso()));
        return {};
      },
      default_db);
}

Command throwing_command(const char* name) {
  return make_command<Count>(name, "throw", nullptr, [](const Invocation&, const Count&) -> Status {
    throw std::runtime_error("fmt: invalid format string");
  });
}

TEST_CASE("the command named runs with its options, the global ones and the clock") {
  const std::vector<Command> table{echo_command()};
  const Run r = run(table, {"--db", "x.db", "echo", "--n", "7"});
  CHECK(r.code == 0);
  CHECK(r.out == "n=7 db=x.db today=2026-11-21\n");
  CHECK(r.err == "");
}

TEST_CASE("a command's own store is used unless --db names one") {
  const std::vector<Command> table{echo_command("own.db")};
  CHECK(run(table, {"echo"}).out == "n=0 db=own.db today=2026-11-21\n");
  CHECK(run(table, {"--db", "given.db", "echo"}).out == "n=0 db=given.db today=2026-11-21\n");
}

TEST_CASE("a command's error is printed and becomes its exit code") {
  const std::vector<Command> table{
      make_command<Count>("fail", "fail", nullptr, [](const Invocation&, const Count&) -> Status {
        return fail(ExitCode::data, "a.csv:3: bad");
      })};
  const Run r = run(table, {"fail"});
  CHECK(r.code == 65);
  CHECK(r.err == "pageaudit: error: a.csv:3: bad\n");
}

TEST_CASE("a command not in the table is a usage error naming the closest one") {
  const std::vector<Command> table{echo_command(), throwing_command("boom")};
  const Run r = run(table, {"eho"});
  CHECK(r.code == 64);
  CHECK(r.err ==
        "pageaudit: error: unknown command 'eho'; did you mean 'echo'? (see 'pageaudit --help')\n");
  CHECK(run(table, {"echo", "--m", "1"}).code == 64);
}

TEST_CASE("an exception escaping a command is an internal error: exit 70 and a request to report") {
  const std::vector<Command> table{echo_command(), throwing_command("boom")};
  const Run r = run(table, {"boom"});
  CHECK(r.code == 70);
  CHECK(r.out == "");
  CHECK(r.err ==
        "pageaudit: error: internal error: fmt: invalid format string\n"
        "pageaudit: this is a bug in pageaudit; please report it with the command that was run "
        "and this message\n");
}

TEST_CASE("an exception in the middle of a write leaves nothing of it in the store") {
  test::TempDir dir;
  const std::string db = dir.file("store.db");
  const std::vector<Command> table{make_command<Count>(
      "half", "write half and throw", nullptr, [](const Invocation& in, const Count&) -> Status {
        auto store = Store::open(in.global.db_path, StoreOptions{});
        if (!store) return tl::unexpected(store.error());
        Transaction txn((*store)->db());
        if (auto s = txn.begin(); !s) return s;
        if (auto s = (*store)->db().exec(
                "INSERT INTO pages(page_id, name, source, updated_at) VALUES ('1', 'p', 's', 't')");
            !s) {
          return s;
        }
        throw std::runtime_error("filesystem error: cannot rename");
      })};
  CHECK(run(table, {"--db", db, "half"}).code == 70);
  CHECK(test::query(db, "SELECT count(*) FROM pages") == "0\n");
}

TEST_CASE("pageaudit's commands, in the order of its help") {
  std::vector<std::string> names;
  for (const Command& c : pageaudit_commands()) names.emplace_back(c.name);
  CHECK(names ==
        std::vector<std::string>{"init", "import", "audit", "pull", "status", "forget", "demo"});
}

}  // namespace
}  // namespace pageaudit
