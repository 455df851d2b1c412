// The pageaudit binary as a child process that a reliability test can kill at any moment and whose
// peak memory it can measure (support.h's run_pageaudit only waits for the end).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace pageaudit::test {

struct ChildExit {
  int exit_code = -1;  // the exit status, or 128 + the signal that ended the process
  long max_rss_kib = 0;  // peak resident memory of the child
  std::string out;
  std::string err;
};

// A running PAGEAUDIT_BIN with the given arguments, the environment without PAGEAUDIT_* (as
// run_pageaudit does), stdin from /dev/null and stdout/stderr to files in 'io_dir'.
class Child {
 public:
  Child(const std::vector<std::string>& args, const std::string& io_dir);
  ~Child();  // kills and reaps the child if the test did not wait for it
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return m_pid; }
  void kill_now();  // SIGKILL: no handler, no destructor, no rollback runs in the child
  ChildExit wait();  // reaps the child (once)

 private:
  pid_t m_pid = -1;
  std::string m_out_path;
  std::string m_err_path;
};

}  // namespace pageaudit::test
