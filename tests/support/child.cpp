// posix_spawn, SIGKILL and waitpid around the pageaudit binary.
#include "child.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstring>
#include <stdexcept>
#include <thread>

#include "support.h"

extern char** environ;

namespace pageaudit::test {

Child::Child(const std::vector<std::string>& args, const std::string& io_dir,
             const std::vector<std::string>& env, const std::string& program)
    : m_out_path(io_dir + "/stdout"), m_err_path(io_dir + "/stderr") {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, m_out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  posix_spawn_file_actions_addopen(&actions, 2, m_err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);

  std::vector<std::string> argv_storage{program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);
  // The developer's store and token must not leak into a test.
  std::vector<char*> envp;
  for (char** entry = environ; *entry; ++entry) {
    if (std::strncmp(*entry, "PAGEAUDIT_", 10) != 0) envp.push_back(*entry);
  }
  std::vector<std::string> env_storage(env);
  for (std::string& entry : env_storage) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int rc = posix_spawn(&m_pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error(std::string("posix_spawn: ") + std::strerror(rc));
}

Child::~Child() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
  }
}

void Child::kill_now() {
  if (m_pid > 0) ::kill(m_pid, SIGKILL);
}

bool Child::running() {
  // WNOWAIT leaves the child to wait(), which reads its exit status.
  siginfo_t info{};
  return m_pid > 0 &&
         ::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == 0;
}

ChildExit Child::wait() {
  ChildExit result;
  int status = 0;
  if (m_pid <= 0 || ::waitpid(m_pid, &status, 0) != m_pid) {
    throw std::runtime_error("waitpid: the child was already reaped");
  }
  m_pid = -1;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(m_out_path);
  result.err = read_file(m_err_path);
  return result;
}

ChildExit run_killed_after(std::chrono::nanoseconds after, const std::vector<std::string>& args,
                           const std::string& io_dir, const std::vector<std::string>& env) {
  Child child(args, io_dir, env);
  std::this_thread::sleep_for(after);
  child.kill_now();
  return child.wait();
}

}  // namespace pageaudit::test
