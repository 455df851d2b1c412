// Values as export files write them: trimming, header folding, numbers with either decimal mark.
#include "pageaudit/input/values.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>

namespace pageaudit {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

}  // namespace

std::string_view trim(std::string_view text) {
  for (;;) {
    if (!text.empty() && is_space(text.front())) {
      text.remove_prefix(1);
    } else if (text.starts_with("\xEF\xBB\xBF")) {
      text.remove_prefix(3);
    } else if (text.starts_with("\xC2\xA0")) {
      text.remove_prefix(2);
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && is_space(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with("\xEF\xBB\xBF")) {
      text.remove_suffix(3);
    } else if (text.ends_with("\xC2\xA0")) {
      text.remove_suffix(2);
    } else {
      break;
    }
  }
  return text;
}

std::string fold_header(std::string_view text) {
  text = trim(text);
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (is_space(text[i]) || nbsp) {
      space = true;
      i += nbsp;
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // U+00C0-U+00DE (À-Þ) is C3 80-C3 9E; lower case is 0x20 above, except × (C3 97).
      auto next = static_cast<unsigned char>(text[++i]);
      out += static_cast<char>(c);
      out += static_cast<char>(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::optional<ParsedNumber> parse_number(std::string_view text, bool decimal_comma) {
  ParsedNumber number;
  text = trim(text);
  if (text.ends_with('%')) {
    number.percent = true;
    text = trim(text.substr(0, text.size() - 1));
  }
  const char group = decimal_comma ? '.' : ',';
  const char decimal = decimal_comma ? ',' : '.';
  auto digit = [&](size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };

  // Rebuilt in the form from_chars reads: [-]digits[.digits][e[-]digits].
  std::string plain;
  size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    if (text[i] == '-') plain += '-';
    ++i;
  }
  // Integer part; group separators must split it into 1-3 digits then groups of exactly 3.
  size_t int_digits = 0, group_digits = 0;
  bool grouped = false;
  for (; i < text.size(); ++i) {
    if (digit(i)) {
      plain += text[i];
      ++int_digits, ++group_digits;
    } else if (text[i] == group) {
      if (group_digits == 0 || group_digits > 3 || (grouped && group_digits != 3))
        return std::nullopt;
      grouped = true;
      group_digits = 0;
    } else {
      break;
    }
  }
  if (grouped && group_digits != 3) return std::nullopt;
  if (int_digits == 0) plain += '0';
  if (i < text.size() && text[i] == decimal) {
    plain += '.';
    size_t first = ++i;
    for (; digit(i); ++i) plain += text[i];
    if (i == first) return std::nullopt;
  } else if (int_digits == 0) {
    return std::nullopt;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    plain += 'e';
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) plain += text[i++];
    size_t first = i;
    for (; digit(i); ++i) plain += text[i];
    if (i == first) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;

  const char* end = plain.data() + plain.size();
  auto [ptr, ec] = std::from_chars(plain.data(), end, number.value);
  if (ec != std::errc() || ptr != end || !std::isfinite(number.value)) return std::nullopt;
  return number;
}

bool looks_like_date_mangled_number(std::string_view text) {
  text = trim(text);
  // Each take_ removes what it matched from the front of 'rest'. Letters are ASCII letters or
  // 2-byte UTF-8 characters from U+00C0 (Latin-1 letters, Greek, Cyrillic).
  auto take_digits = [](std::string_view& rest) {
    size_t n = 0;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    rest.remove_prefix(n);
    return n;
  };
  auto take_letters = [](std::string_view& rest) {
    size_t letters = 0, i = 0;
    while (i < rest.size()) {
      auto c = static_cast<unsigned char>(rest[i]);
      if (std::isalpha(c)) {
        ++i;
      } else if (c >= 0xC3 && c <= 0xDF && i + 1 < rest.size()) {
        i += 2;  // a 2-byte UTF-8 letter: Latin-1 letters (from C3 80), Greek, Cyrillic
      } else {
        break;
      }
      ++letters;
    }
    rest.remove_prefix(i);
    return letters;
  };
  // A space separates only day-first forms ('3 апр'): 'Top 10' is not a mangled number.
  auto take_separator = [](std::string_view& rest, bool space) {
    if (rest.empty() ||
        std::string_view(space ? ".-/ " : ".-/").find(rest.front()) == std::string_view::npos) {
      return false;
    }
    rest.remove_prefix(1);
    return true;
  };
  auto month = [](size_t letters) { return letters >= 3 && letters <= 4; };

  // Day first: '3.апр', '22.авг', '8-Jan', '3 апр.'.
  std::string_view rest = text;
  size_t digits = take_digits(rest);
  if (digits >= 1 && digits <= 2 && take_separator(rest, true) && month(take_letters(rest))) {
    if (rest.empty() || rest == ".") return true;
  }
  // Month first: 'Jan-08', 'янв.22'.
  rest = text;
  if (!month(take_letters(rest)) || !take_separator(rest, false)) return false;
  digits = take_digits(rest);
  return digits >= 1 && digits <= 2 && rest.empty();
}

}  // namespace pageaudit
