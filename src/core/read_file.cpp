// Reading a file whole, with the errors every input file gets.
#include "pageaudit/core/read_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "pageaudit/core/identity.h"

namespace pageaudit {

namespace {

// Feeds every chunk of the file to take; the errors every input file gets.
template <typename Take>
Status read_chunks(const std::string& path, Take take) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return fail(ExitCode::no_input, at(path, 0, "is a directory"));
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file)
    return fail(ExitCode::no_input,
                at(path, 0, fmt::format("cannot open: {}", std::strerror(errno))));
  char buffer[65536];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) take(std::string_view(buffer, n));
  const bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) return fail(ExitCode::no_input, at(path, 0, "cannot read"));
  return {};
}

}  // namespace

Result<std::string> read_whole_file(const std::string& path) {
  std::string text;
  auto s = read_chunks(path, [&](std::string_view chunk) { text.append(chunk); });
  if (!s) return tl::unexpected(s.error());
  return text;
}

Result<std::string> file_sha256(const std::string& path) {
  Sha256 hash;
  auto s = read_chunks(path, [&](std::string_view chunk) { hash.update(chunk); });
  if (!s) return tl::unexpected(s.error());
  return hash.hex();
}

}  // namespace pageaudit
