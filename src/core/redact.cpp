// Secret redaction: registered secrets and token-bearing URL parameters.
#include "pageaudit/core/redact.h"

#include <mutex>
#include <vector>

namespace pageaudit {
namespace {

std::mutex g_mutex;
std::vector<std::string>& secrets() {
  static std::vector<std::string> s_secrets;
  return s_secrets;
}

constexpr std::string_view k_mask = "[REDACTED]";
constexpr size_t k_min_secret_length = 8;
constexpr std::string_view k_params[] = {
    "access_token=", "appsecret_proof=", "client_secret=", "input_token="};

void replace_all(std::string& text, std::string_view needle) {
  if (needle.empty()) return;
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + k_mask.size())) {
    text.replace(pos, needle.size(), k_mask);
  }
}

}  // namespace

void register_secret(std::string_view secret) {
  // A token read from a file or the environment often ends with a newline; what reaches a
  // message is the token without it.
  const size_t first = secret.find_first_not_of(" \t\r\n");
  secret = first == std::string_view::npos
               ? std::string_view()
               : secret.substr(first, secret.find_last_not_of(" \t\r\n") - first + 1);
  // A secret of a few characters would blank every matching letter of every message; real
  // tokens are long. Short ones are still caught as URL parameters.
  if (secret.size() < k_min_secret_length) return;
  std::lock_guard<std::mutex> lock(g_mutex);
  secrets().emplace_back(secret);
}

std::string redact(std::string_view input) {
  std::string text(input);
  {
    std::lock_guard<std::mutex> lock(g_mutex);
    for (const auto& secret : secrets()) replace_all(text, secret);
  }
  // URL parameters: mask the value, which is made of URL-safe characters; anything else
  // (':', '&', quotes, spaces) ends it, so "URL: message" keeps its colon.
  auto is_value_char = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '%' || c == '~' || c == '|';
  };
  for (auto param : k_params) {
    for (size_t pos = text.find(param); pos != std::string::npos; pos = text.find(param, pos + 1)) {
      size_t start = pos + param.size();
      if (text.compare(start, k_mask.size(), k_mask) == 0) continue;
      size_t end = start;
      while (end < text.size() && is_value_char(text[end])) ++end;
      text.replace(start, end - start, k_mask);
    }
  }
  return text;
}

}  // namespace pageaudit
