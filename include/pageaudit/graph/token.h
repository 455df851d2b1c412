// The Graph API access token: where a pull reads it from, and what it says when there is none.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "pageaudit/core/error.h"

namespace pageaudit {

// The token from token_file, else env_token ($PAGEAUDIT_TOKEN; null when unset), without its
// surrounding blanks, registered as a secret (core/redact.h) before anything can print it. A file
// readable by its group or others is warned about first: warn("FILE is readable by other users;
// chmod 600 FILE"). Errors: 66 "FILE: cannot read the token file: CAUSE"; 77 "FILE: the token
// file is empty; use ..." or "no access token: set $PAGEAUDIT_TOKEN or give --token-file FILE;
// use ..." (how to get one).
Result<std::string> read_access_token(const std::optional<std::string>& token_file,
                                      const char* env_token,
                                      const std::function<void(const std::string&)>& warn);

}  // namespace pageaudit
