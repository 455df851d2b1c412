// The pageaudit binary as a child process that a test waits for, or kills at any moment
// (support.h's run_pageaudit is one waited for).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace pageaudit::test {

struct ChildExit {
  int exit_code = -1;  // the exit status, or 128 + the signal that ended the process
  std::string out;
  std::string err;
};
using RunResult = ChildExit;

// A running program (PAGEAUDIT_BIN unless told otherwise) with the given arguments, the
// environment without PAGEAUDIT_* (as run_pageaudit does) plus the 'env' entries ("NAME=value"),
// stdin from /dev/null and stdout/stderr to the files 'stdout' and 'stderr' in 'io_dir' (so two
// children running at once need two directories).
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::string& io_dir,
        const std::vector<std::string>& env = {}, const std::string& program = PAGEAUDIT_BIN);
  ~Child();  // kills and reaps the child if the test did not wait for it
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return m_pid; }
  void kill_now();   // SIGKILL: no handler, no destructor, no rollback runs in the child
  ChildExit wait();  // reaps the child (once)
  bool running();    // true until the child has exited (does not reap it)

 private:
  pid_t m_pid = -1;
  std::string m_out_path;
  std::string m_err_path;
};

// Runs PAGEAUDIT_BIN with args (and env, as Child) for `after`, then SIGKILLs and reaps it. The
// exit code is 128 + SIGKILL when the kill landed, the program's own when it had ended first.
ChildExit run_killed_after(std::chrono::nanoseconds after, const std::vector<std::string>& args,
                           const std::string& io_dir, const std::vector<std::string>& env = {});

}  // namespace pageaudit::test
