// Reading a file whole, with the errors every input file gets.
#include "pageaudit/core/read_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace pageaudit {

Result<std::string> read_whole_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return fail(ExitCode::no_input, at(path, 0, "is a directory"));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
    return fail(ExitCode::no_input,
                at(path, 0, fmt::format("cannot open: {}", std::strerror(errno))));
  std::string text;
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  const bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) return fail(ExitCode::no_input, at(path, 0, "cannot read"));
  return text;
}

}  // namespace pageaudit
