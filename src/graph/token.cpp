// Reading the access token from a file or the environment, registered as a secret at once.
#include "pageaudit/graph/token.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "pageaudit/core/redact.h"

namespace pageaudit {
namespace {

constexpr const char* k_token_help =
    "use a long-lived Page access token with pages_read_engagement, read_insights and "
    "pages_read_user_content (README: \"Getting a token\")";

}  // namespace

Result<std::string> read_access_token(const std::optional<std::string>& token_file,
                                      const char* env_token,
                                      const std::function<void(const std::string&)>& warn) {
  std::string value;
  if (token_file) {
    const std::string& path = *token_file;
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      return failf(ExitCode::no_input, "{}: cannot read the token file: {}", path,
                   std::strerror(errno));
    }
    std::stringstream text;
    text << file.rdbuf();
    value = text.str();
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRGRP | S_IROTH)) != 0)
      warn(fmt::format("{} is readable by other users; chmod 600 {}", path, path));
  } else if (env_token) {
    value = env_token;
  }
  const size_t first = value.find_first_not_of(" \t\r\n");
  const size_t last = value.find_last_not_of(" \t\r\n");
  value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  register_secret(value);
  if (value.empty()) {
    return token_file ? failf(ExitCode::no_perm, "{}: the token file is empty; {}", *token_file,
                              k_token_help)
                      : failf(ExitCode::no_perm,
                              "no access token: set $PAGEAUDIT_TOKEN or give --token-file FILE; {}",
                              k_token_help);
  }
  return value;
}

}  // namespace pageaudit
