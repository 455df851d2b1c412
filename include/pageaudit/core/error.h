// The one recoverable-error channel: Result<T> carries a value or an Error with its exit code.
#pragma once

#include <fmt/format.h>

#include <string>
#include <tl/expected.hpp>
#include <utility>

namespace pageaudit {

// Process exit codes (sysexits, SPEC section 6). Values are fixed: scripts and cron rely on them.
enum class ExitCode : int {
  ok = 0,
  goal_failed = 1,   // audit --fail-on and a goal is in that state or worse
  usage = 64,        // EX_USAGE
  data = 65,         // EX_DATAERR: bad input file or goals; nothing written
  no_input = 66,     // EX_NOINPUT: an input file does not exist or cannot be read
  unavailable = 69,  // EX_UNAVAILABLE: Graph API unreachable after retries
  cant_create = 73,  // EX_CANTCREAT: store cannot be created or written
  temp_fail = 75,    // EX_TEMPFAIL: throttled, or the store is held by another run
  no_perm = 77,      // EX_NOPERM: token invalid, expired or lacking a permission
  software = 70,     // EX_SOFTWARE: an internal error (a bug)
};

struct Error {
  ExitCode code = ExitCode::software;
  std::string message;  // complete, user-facing: "FILE:LINE: what is wrong"
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = Result<void>;

inline tl::unexpected<Error> fail(ExitCode code, std::string message) {
  return tl::unexpected<Error>(Error{code, std::move(message)});
}

template <typename... Args>
tl::unexpected<Error> failf(ExitCode code, fmt::format_string<Args...> format, Args&&... args) {
  return fail(code, fmt::format(format, std::forward<Args>(args)...));
}

// Location-prefixed message in the form every input error uses: "FILE:LINE: what".
// line 0 means the file as a whole: "FILE: what".
std::string at(const std::string& file, long line, const std::string& what);

// A piece of input as an error message quotes it: in double quotes, whole up to 60 bytes, else
// its first 48 bytes (never cutting a UTF-8 sequence), '...' and its size, so that a 10 MB key
// does not become a 10 MB message: "xxxxxxxx..." (10000000 bytes).
std::string quoted(std::string_view text);

}  // namespace pageaudit
