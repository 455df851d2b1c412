// Reading a small input file (a goals file) whole.
#pragma once

#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {

// The file's bytes. Errors (ExitCode::no_input): "PATH: is a directory", "PATH: cannot open:
// CAUSE", "PATH: cannot read".
Result<std::string> read_whole_file(const std::string& path);

}  // namespace pageaudit
