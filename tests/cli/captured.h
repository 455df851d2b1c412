// Test helper: stdout and stderr of the test process captured in files, for commands run
// in-process.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "support.h"

namespace pageaudit::test {

// Sends stdout and stderr to files for its lifetime.
class Captured {
 public:
  explicit Captured(const test::TempDir& dir)
      : m_out_path(dir.file("stdout.txt")), m_err_path(dir.file("stderr.txt")) {
    std::fflush(stdout);
    std::fflush(stderr);
    m_saved_out = ::dup(STDOUT_FILENO);
    m_saved_err = ::dup(STDERR_FILENO);
    int out = ::open(m_out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(m_err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    ::close(out);
    ::close(err);
  }
  ~Captured() { restore(); }

  void restore() {
    if (m_saved_out < 0) return;
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(m_saved_out, STDOUT_FILENO);
    ::dup2(m_saved_err, STDERR_FILENO);
    ::close(m_saved_out);
    ::close(m_saved_err);
    m_saved_out = m_saved_err = -1;
  }
  std::string out() {
    restore();
    return test::read_file(m_out_path);
  }
  std::string err() {
    restore();
    return test::read_file(m_err_path);
  }

 private:
  std::string m_out_path, m_err_path;
  int m_saved_out = -1, m_saved_err = -1;
};

}  // namespace pageaudit::test
