// Reading a small input file (a goals file) whole; the fingerprint of any input file.
#pragma once

#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {

// The file's bytes. Errors (ExitCode::no_input): "PATH: is a directory", "PATH: cannot open:
// CAUSE", "PATH: cannot read".
Result<std::string> read_whole_file(const std::string& path);

// The SHA-256 of the file's bytes in lower-case hex, read in chunks (exports can be large): what
// import_runs.sha256 records. Errors as read_whole_file's.
Result<std::string> file_sha256(const std::string& path);

}  // namespace pageaudit
