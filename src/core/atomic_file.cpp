// Whole-or-nothing files: mkstemp beside the destination, write, fsync, rename.
#include "pageaudit/core/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace pageaudit {
namespace {

tl::unexpected<Error> cannot_write(const std::string& path, int error) {
  return fail(ExitCode::cant_create,
              at(path, 0, fmt::format("cannot write: {}", std::strerror(error))));
}

}  // namespace

Result<AtomicFile> AtomicFile::stage(std::string path, std::string_view text) {
  AtomicFile file(std::move(path));
  std::string temp = file.m_path + ".XXXXXX";
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) return cannot_write(file.m_path, errno);
  file.m_temp = std::move(temp);  // from here the destructor removes it on any error
  const mode_t mask = ::umask(0);
  ::umask(mask);
  int error = ::fchmod(fd, 0666 & ~mask) != 0 ? errno : 0;
  for (size_t written = 0; error == 0 && written < text.size();) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n > 0) {
      written += static_cast<size_t>(n);
    } else if (n == 0 || errno != EINTR) {
      error = n == 0 ? EIO : errno;
    }
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) return cannot_write(file.m_path, error);
  return file;
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_temp(std::exchange(other.m_temp, {})) {}

AtomicFile::~AtomicFile() {
  if (!m_temp.empty()) std::remove(m_temp.c_str());
}

Status AtomicFile::commit() {
  if (std::rename(m_temp.c_str(), m_path.c_str()) != 0) return cannot_write(m_path, errno);
  m_temp.clear();
  return {};
}

}  // namespace pageaudit
