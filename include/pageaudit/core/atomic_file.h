// A file written whole or not at all: staged beside its place, put there by one rename.
#pragma once

#include <string>
#include <string_view>

#include "pageaudit/core/error.h"

namespace pageaudit {

// Text staged in a temporary file in the destination's folder (PATH.XXXXXX) and renamed over the
// destination on commit(), so that a reader never sees half a file and a failed run leaves the
// old one. Until commit(), the destructor removes the temporary file. Move-only.
class AtomicFile {
 public:
  // Writes text to the temporary file, with the permissions of any file the user creates (not
  // mkstemp's 0600), and syncs it. Errors: "PATH: cannot write: CAUSE" (ExitCode::cant_create),
  // PATH the destination; no temporary file is left.
  static Result<AtomicFile> stage(std::string path, std::string_view text);

  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  // Renames the temporary file over the destination. Errors as stage(); on error the temporary
  // file is removed by the destructor.
  Status commit();

  const std::string& path() const { return m_path; }

 private:
  explicit AtomicFile(std::string path) : m_path(std::move(path)) {}

  std::string m_path;
  std::string m_temp;  // the temporary file while it exists and is not in place
};

}  // namespace pageaudit
