// Small values the tests write by hand, and what they look for in text: days, approximate
// numbers, UTF-16 bytes, parts of a text.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/date.h"

namespace pageaudit::test {

// The day of a YYYY-MM-DD literal; the literal must be valid.
inline Date day(const char* iso) {
  return *Date::parse_iso(iso);
}

// |actual - expected| <= tolerance; an empty optional is never near anything.
inline bool near(double actual, double expected, double tolerance = 1e-9) {
  return std::fabs(actual - expected) <= tolerance;
}
inline bool near(const std::optional<double>& actual, double expected, double tolerance = 1e-9) {
  return actual && near(*actual, expected, tolerance);
}

// Whether part occurs in text, and how often (overlapping occurrences count).
inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}
inline size_t count_of(std::string_view text, std::string_view part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// UTF-16 code units as bytes, little- or big-endian, after a byte order mark unless bom is false.
// The units are written as they are, so a test can write unpaired surrogates.
inline std::string utf16(std::u16string_view units, bool big_endian = false, bool bom = true) {
  std::string out;
  if (bom) out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char16_t unit : units) {
    char hi = static_cast<char>(unit >> 8), lo = static_cast<char>(unit & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  }
  return out;
}

// Valid UTF-8 text as UTF-16LE, as Business Suite writes its chart files (a BOM unless bom is
// false); characters outside the BMP become surrogate pairs.
inline std::string utf16le(std::string_view utf8, bool bom = true) {
  std::u16string units;
  for (size_t i = 0; i < utf8.size();) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(utf8[i + k]); };
    const unsigned char c = byte(0);
    const size_t length = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(k) & 0x3Fu);
    i += length;
    if (cp < 0x10000) {
      units += static_cast<char16_t>(cp);
    } else {
      units += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      units += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  }
  return utf16(units, false, bom);
}

}  // namespace pageaudit::test
