// The one place secrets are removed from text before it is printed, logged or stored.
#pragma once

#include <string>
#include <string_view>

namespace pageaudit {

// Registers a secret (the access token): every later redact() call replaces it with "[REDACTED]".
// Secrets shorter than 8 characters are ignored (they would mask ordinary words). Thread-safe.
void register_secret(std::string_view secret);

// Returns text with every registered secret, and the value of every access_token=,
// appsecret_proof=, client_secret= and input_token= URL parameter, replaced by "[REDACTED]".
std::string redact(std::string_view text);

}  // namespace pageaudit
