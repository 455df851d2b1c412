// Compact JSON output of the fake Graph server.
#include "json_writer.h"

#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace pageaudit::fake {
namespace {

bool is_special(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
}

constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
constexpr std::uint64_t k_low7 = 0x7f7f7f7f7f7f7f7fULL;

// 0x80 in every byte of x that is zero, 0 elsewhere. Exact, unlike the shorter (x - 1) & ~x
// trick, whose borrow also marks bytes above a zero one.
std::uint64_t zero_bytes(std::uint64_t x) {
  return ~(((x & k_low7) + k_low7) | x | k_low7);
}

// The offset of the first byte at or after `from` that JSON escapes, or text.size(). Eight bytes
// a step: the strings are mostly long runs without one (descriptions, paging URLs).
size_t next_special(std::string_view text, size_t from) {
  for (; text.size() - from >= 8; from += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + from, sizeof word);
    std::uint64_t special = zero_bytes(word ^ ('"' * k_ones)) | zero_bytes(word ^ ('\\' * k_ones)) |
                            zero_bytes(word & (0xe0 * k_ones));
    if (special != 0) {
      int bit = std::endian::native == std::endian::little ? std::countr_zero(special)
                                                           : std::countl_zero(special);
      return from + static_cast<size_t>(bit / 8);
    }
  }
  while (from < text.size() && !is_special(text[from])) ++from;
  return from;
}

// Appends text with its special bytes escaped, without quotes.
void append_escaped(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  for (size_t run = 0;;) {
    size_t i = next_special(text, run);
    out.append(text.data() + run, i - run);
    if (i == text.size()) return;
    run = i + 1;
    auto c = static_cast<unsigned char>(text[i]);
    out += '\\';
    switch (c) {
      case '"':
      case '\\':
        out += static_cast<char>(c);
        break;
      case '\b':
        out += 'b';
        break;
      case '\t':
        out += 't';
        break;
      case '\n':
        out += 'n';
        break;
      case '\f':
        out += 'f';
        break;
      case '\r':
        out += 'r';
        break;
      default:
        out += "u00";
        out += k_hex[c >> 4];
        out += k_hex[c & 0xf];
    }
  }
}

}  // namespace

void JsonWriter::quoted(std::string_view text) {
  using namespace std::string_view_literals;
  if (!m_embedded) {
    m_out += '"';
    append_escaped(m_out, text);
    m_out += '"';
    return;
  }
  // Escaped twice: as a string of the embedded JSON, then as part of the string it is in.
  m_out += "\\\""sv;
  if (next_special(text, 0) == text.size()) {
    m_out += text;
  } else {
    std::string once;
    append_escaped(once, text);
    append_escaped(m_out, once);
  }
  m_out += "\\\""sv;
}

void JsonWriter::number(long long value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  literal(std::string_view(digits, static_cast<size_t>(end - digits)));
}

void JsonWriter::raw(std::string_view json) {
  separate();
  if (m_embedded) {
    append_escaped(m_out, json);
  } else {
    m_out += json;
  }
  m_comma = true;
}

}  // namespace pageaudit::fake
