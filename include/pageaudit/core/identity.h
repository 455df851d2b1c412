// Customer and commenter identities (SPEC 3.3): normalized like Meta's customer-list matching,
// then hashed with SHA-256 so that lists can be matched without keeping names in clear.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pageaudit {

// Names, e-mail addresses and places: lower case; Latin accents and ligatures folded to ASCII
// ("Muñoz" -> "munoz", "Straße" -> "strasse", also decomposed accents); runs of whitespace
// (including no-break spaces) collapsed to one space; trimmed. Other characters are kept as they
// are, and bytes that are not valid UTF-8 pass through unchanged.
std::string normalize_text(std::string_view utf8);

// A phone number as digits with its country code: "+34 612-345-678", "0034612345678" and
// "612 345 678" (with default_country_code "34") all give "34612345678". A number without
// "+" or "00" is national (one leading trunk 0 dropped, the default code put in front) when it
// has at most 10 digits, and already international when longer. nullopt when the result would
// not be a plausible E.164 number (8 to 15 digits).
std::optional<std::string> normalize_phone(std::string_view text,
                                           std::string_view default_country_code = "34");

// SHA-256 (FIPS 180-4) of bytes, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view bytes);

// SHA-256 fed in pieces, for a file read in chunks: Sha256().update(a).update(b).hex() ==
// sha256_hex(a + b).
class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view bytes);
  std::string hex() const;  // of everything fed so far

 private:
  std::array<uint32_t, 8> m_state;
  std::array<unsigned char, 64> m_block{};  // the bytes of an unfinished block
  size_t m_buffered = 0;
  uint64_t m_length = 0;
};

// The stored form of a normalized identifier: its SHA-256 in lower-case hex.
std::string hash_identifier(std::string_view normalized);

// The stored forms of commenters' ids and names, remembered: a Page's regulars write most of its
// comments, and two SHA-256 per comment were a tenth of what the pull's writer spent on one. Holds
// at most 50,000 of each (then starts again), whatever the crowd of one-time commenters.
class AuthorHashes {
 public:
  // hash_identifier(id): ids are not normalized.
  const std::string& of_id(const std::string& id) { return remembered(m_ids, id, false); }
  // hash_identifier(normalize_text(name)), as customers' names are.
  const std::string& of_name(const std::string& name) { return remembered(m_names, name, true); }

 private:
  static const std::string& remembered(std::unordered_map<std::string, std::string>& known,
                                       const std::string& text, bool is_name);

  std::unordered_map<std::string, std::string> m_ids, m_names;
};

}  // namespace pageaudit
