// Normalization of names, e-mails and phones, and a self-contained SHA-256.
#include "pageaudit/core/identity.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace pageaudit {
namespace {

// ASCII spellings of the Latin-1 and Latin Extended-A letters (U+00C0..U+017F), as ranges.
// × (U+00D7) and ÷ (U+00F7) are not letters and are absent, so they are kept.
struct Fold {
  char32_t first;
  char32_t last;
  std::string_view ascii;
};

constexpr Fold k_folds[] = {
    {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},  {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},   {0xEC, 0xEF, "i"},    {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},   {0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},  {0xFF, 0xFF, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},  {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

std::string_view fold(char32_t c) {
  for (const Fold& f : k_folds) {
    if (c >= f.first && c <= f.last) return f.ascii;
  }
  return {};
}

// Decodes one UTF-8 sequence at text[i]; sets length to the bytes consumed. Invalid or
// truncated sequences decode to nothing (0) with length 1, so the caller copies that byte.
char32_t decode(std::string_view text, size_t i, size_t& length) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  length = 1;
  size_t extra = 0;
  char32_t c = 0;
  if (lead < 0x80) return lead;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    c = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    c = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    c = lead & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= text.size()) return 0;  // truncated at the end of the text
  for (size_t k = 1; k <= extra; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    c = (c << 6) | (byte(i + k) & 0x3F);
  }
  length = extra + 1;
  return c;
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0xA0;  // no-break space: spreadsheets and CRMs put it in names
}

bool is_combining_mark(char32_t c) {
  return c >= 0x300 && c <= 0x36F;
}

// SHA-256 round constants and initial hash values (FIPS 180-4, 4.2.2 and 5.3.3).
constexpr std::array<uint32_t, 64> k_round = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

constexpr std::array<uint32_t, 8> k_initial = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                               0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

constexpr uint32_t rotr(uint32_t x, int n) {
  return (x >> n) | (x << (32 - n));
}

void compress(std::array<uint32_t, 8>& h, const unsigned char* block) {
  std::array<uint32_t, 64> w{};
  for (size_t t = 0; t < 16; ++t) {
    w[t] = static_cast<uint32_t>(block[4 * t]) << 24 |
           static_cast<uint32_t>(block[4 * t + 1]) << 16 |
           static_cast<uint32_t>(block[4 * t + 2]) << 8 | static_cast<uint32_t>(block[4 * t + 3]);
  }
  for (int t = 16; t < 64; ++t) {
    const uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
  for (int t = 0; t < 64; ++t) {
    const uint32_t t1 =
        hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k_round[t] + w[t];
    const uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += hh;
}

}  // namespace

std::string normalize_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (size_t i = 0; i < utf8.size();) {
    size_t length = 1;
    const char32_t c = decode(utf8, i, length);
    if (is_space(c)) {
      pending_space = !out.empty();
    } else if (!is_combining_mark(c)) {
      if (pending_space) out += ' ';
      pending_space = false;
      const std::string_view folded = fold(c);
      if (!folded.empty()) {
        out += folded;
      } else if (c < 0x80 && c != 0) {
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      } else {
        out.append(utf8.substr(i, length));
      }
    }
    i += length;
  }
  return out;
}

std::optional<std::string> normalize_phone(std::string_view text,
                                           std::string_view default_country_code) {
  std::string digits;
  bool plus = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c == '+' && digits.empty()) {
      plus = true;
    }
  }
  std::string international;
  if (plus) {
    international = digits;
  } else if (digits.starts_with("00")) {
    international = digits.substr(2);
  } else {
    std::string national = digits.starts_with('0') ? digits.substr(1) : digits;
    // Ten digits is the longest national number in the markets the tool serves (US, UK after
    // the trunk 0); anything longer already carries its country code ("34612345678").
    international = national.size() <= 10 ? std::string(default_country_code) + national : digits;
  }
  if (international.size() < 8 || international.size() > 15) return std::nullopt;
  return international;
}

Sha256::Sha256() : m_state(k_initial) {}

Sha256& Sha256::update(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  m_length += n;
  if (m_buffered > 0) {
    const size_t take = std::min(n, m_block.size() - m_buffered);
    std::copy(data, data + take, m_block.begin() + static_cast<std::ptrdiff_t>(m_buffered));
    m_buffered += take;
    data += take;
    n -= take;
    if (m_buffered < m_block.size()) return *this;
    compress(m_state, m_block.data());
    m_buffered = 0;
  }
  for (; n >= 64; n -= 64, data += 64) compress(m_state, data);
  std::copy(data, data + n, m_block.begin());
  m_buffered = n;
  return *this;
}

std::string Sha256::hex() const {
  std::array<uint32_t, 8> h = m_state;
  // Padding: 0x80, zeros, then the message length in bits as a 64-bit big-endian number.
  std::array<unsigned char, 128> tail{};
  std::copy(m_block.begin(), m_block.begin() + static_cast<std::ptrdiff_t>(m_buffered),
            tail.begin());
  tail[m_buffered] = 0x80;
  const size_t tail_size = m_buffered < 56 ? 64 : 128;
  const uint64_t bits = m_length * 8;
  for (int k = 0; k < 8; ++k) {
    tail[tail_size - 1 - k] = static_cast<unsigned char>(bits >> (8 * k));
  }
  compress(h, tail.data());
  if (tail_size == 128) compress(h, tail.data() + 64);

  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint32_t word : h) {
    for (int shift = 28; shift >= 0; shift -= 4) out += k_hex[(word >> shift) & 0xF];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  return Sha256().update(bytes).hex();
}

std::string hash_identifier(std::string_view normalized) {
  return sha256_hex(normalized);
}

const std::string& AuthorHashes::remembered(std::unordered_map<std::string, std::string>& known,
                                            const std::string& text, bool is_name) {
  constexpr size_t k_max_remembered = 50'000;
  auto it = known.find(text);
  if (it != known.end()) return it->second;
  if (known.size() >= k_max_remembered) known.clear();
  std::string hash = hash_identifier(is_name ? normalize_text(text) : text);
  return known.emplace(text, std::move(hash)).first->second;
}

}  // namespace pageaudit
