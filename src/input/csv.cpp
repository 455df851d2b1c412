// Streaming CSV reader: byte chunks -> UTF-8 text (by detected encoding) -> RFC 4180 records.
#include "pageaudit/input/csv.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

namespace pageaudit {

namespace {

// Raw bytes are read and decoded this many at a time; the first chunk also decides the encoding
// and the delimiter. Memory is one chunk (plus its decoded text) and the current record.
constexpr size_t k_chunk = size_t{64} * 1024;
constexpr size_t k_max_record = size_t{16} * 1024 * 1024;
// Records looked at when sniffing the delimiter.
constexpr size_t k_sniff_records = 20;

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// Appends code point 'cp' (at most U+FFFF except for surrogate pairs) as UTF-8 at 'out'.
char* put_utf8(char* out, char32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Length of the longest prefix of [p, p+n) that is well-formed UTF-8 (Unicode table 3-7: no
// overlongs, no surrogates, nothing above U+10FFFF). '*cut' is set when what stops it is a
// sequence that is valid so far but runs past the end of the buffer (the next chunk has the rest).
size_t utf8_valid_prefix(const unsigned char* p, size_t n, bool* cut) {
  *cut = false;
  size_t i = 0;
  while (i < n) {
    // Most of an export is ASCII: skip it eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i == n) break;
    unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    for (size_t k = 1; k < len; ++k) {
      if (i + k == n) {
        *cut = true;
        return i;
      }
      unsigned char c = p[i + k];
      if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return i;
    }
    i += len;
  }
  return i;
}

// cp1252 0x80-0x9F (0xA0-0xFF is Latin-1). The five unassigned bytes map to the C1 control with
// the same number, as Windows does, so that decoding never fails.
constexpr std::array<char16_t, 32> k_cp1252_80 = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
// cp1251 0x80-0xBF (0xC0-0xFF is U+0410-U+044F, А-я).
constexpr std::array<char16_t, 64> k_cp1251_80 = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409,
    0x2039, 0x040A, 0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0,
    0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB,
    0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6,
    0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

char16_t cp1252_to_unicode(unsigned char b) {
  return b >= 0x80 && b < 0xA0 ? k_cp1252_80[b - 0x80] : b;
}
char16_t cp1251_to_unicode(unsigned char b) {
  if (b < 0x80) return b;
  if (b < 0xC0) return k_cp1251_80[b - 0x80];
  return static_cast<char16_t>(0x0410 + (b - 0xC0));
}

// A cp1251 letter: А-я, or a Ukrainian/Belarusian letter below 0xC0 (Ў ў Ґ Ё Є Ї І і ґ ё є ї).
bool is_cp1251_letter(unsigned char b) {
  return b >= 0xC0 || std::string_view("\xA1\xA2\xA5\xA8\xAA\xAF\xB2\xB3\xB4\xB8\xBA\xBF")
                              .find(static_cast<char>(b)) != std::string_view::npos;
}

// Text that is not UTF-8 is Cyrillic cp1251 when its high bytes form words: Cyrillic words are
// runs of high bytes ('апр' = E0 EF F0), while cp1252 accents stand alone among ASCII ('Bío').
bool looks_cyrillic(const unsigned char* p, size_t n) {
  size_t in_words = 0, alone = 0, run = 0;
  for (size_t i = 0; i <= n; ++i) {
    if (i < n && is_cp1251_letter(p[i])) {
      ++run;
      continue;
    }
    (run >= 3 ? in_words : alone) += run;
    run = 0;
  }
  return in_words > alone;
}

// What a file that is not text is, from its first bytes, as the reason it is refused; nullopt for
// text. Owners send what a spreadsheet saved: a workbook's "NUL byte" would not tell them what to
// do. A zip holding "xl/" or "[Content_Types].xml" is an Office Open XML workbook.
std::optional<std::string> not_text(const unsigned char* p, size_t n) {
  const std::string_view bytes(reinterpret_cast<const char*>(p), n);
  constexpr std::string_view k_save = "open it and save it as CSV (UTF-8)";
  if (bytes.starts_with("PK\x03\x04")) {
    if (bytes.find("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") !=
        std::string_view::npos) {
      return fmt::format("this is an OpenDocument spreadsheet (.ods), not a CSV: {}", k_save);
    }
    if (bytes.find("xl/") != std::string_view::npos ||
        bytes.find("[Content_Types].xml") != std::string_view::npos) {
      return fmt::format("this is an Excel workbook (.xlsx), not a CSV: {}", k_save);
    }
    return std::string(
        "this is a zip archive, not a CSV: unpack it and import the CSV files in it");
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    return fmt::format("this is an Excel 97-2003 workbook (.xls), not a CSV: {}", k_save);
  }
  if (bytes.starts_with("%PDF-")) {
    return std::string("this is a PDF document, not a CSV: export the data from Meta as CSV");
  }
  // Binary data (an image, a program, compressed bytes) is about one control byte in nine; text
  // has none but tabs and line ends, and a stray NUL or two in a text file are left to the reader,
  // which names their line. UTF-16 text has NULs in every ASCII letter, but starts with its
  // byte-order mark.
  const bool utf16 = n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF));
  const auto is_control = [](unsigned char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f';
  };
  const auto controls = static_cast<size_t>(std::count_if(p, p + n, is_control));
  if (!utf16 && controls >= 4 && controls * 20 > n) {
    return std::string(
        "this is not a text file (binary data in its first bytes): give the CSV file that Meta "
        "exports");
  }
  return std::nullopt;
}

// Field counts of the first records of 'text' split at 'delimiter' (quotes respected, empty lines
// skipped). A record cut by the end of the sample counts only when it is the only one.
std::vector<size_t> sample_field_counts(std::string_view text, char delimiter) {
  std::vector<size_t> counts;
  size_t fields = 1;
  bool in_quotes = false, field_start = true, empty_line = true;
  for (size_t i = 0; i < text.size() && counts.size() < k_sniff_records; ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      }
    } else if (c == '\r' || c == '\n') {
      if (!empty_line) counts.push_back(fields);
      fields = 1;
      empty_line = field_start = true;
      continue;
    } else if (c == delimiter) {
      ++fields;
      field_start = true;
      empty_line = false;
      continue;
    } else if (c == '"' && field_start) {
      in_quotes = true;
    }
    field_start = empty_line = false;
  }
  if (counts.empty() && !empty_line) counts.push_back(fields);
  return counts;
}

// The delimiter whose most common field count (above 1) is shared by the most sampled records;
// ',' wins ties and a file of one column.
char sniff_delimiter(std::string_view text) {
  char best = ',';
  size_t best_score = 0;
  for (char candidate : {',', ';', '\t'}) {
    std::vector<size_t> counts = sample_field_counts(text, candidate);
    size_t mode = 0, mode_freq = 0;
    for (size_t c : counts) {
      auto freq = static_cast<size_t>(std::count(counts.begin(), counts.end(), c));
      if (freq > mode_freq || (freq == mode_freq && c > mode)) mode = c, mode_freq = freq;
    }
    size_t score = mode > 1 ? mode_freq : 0;
    if (score > best_score) best = candidate, best_score = score;
  }
  return best;
}

// A 'sep=X' first line as Excel writes it (X is ',', ';' or TAB). Re-saves pad it with
// delimiters ('sep=\t\t\t'), so the rest of the line may hold ',' ';' TAB or spaces.
// Returns the delimiter and the length of the line without its line end.
std::optional<std::pair<char, size_t>> sep_line(std::string_view text) {
  size_t end = text.find_first_of("\r\n");
  std::string_view line = text.substr(0, end);
  if (line.size() < 5) return std::nullopt;
  for (size_t i = 0; i < 4; ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != "sep="[i]) return std::nullopt;
  }
  char delimiter = line[4];
  if (delimiter != ',' && delimiter != ';' && delimiter != '\t') return std::nullopt;
  if (line.find_first_not_of(",;\t ", 5) != std::string_view::npos) return std::nullopt;
  return std::pair{delimiter, line.size()};
}

}  // namespace

const char* encoding_name(Encoding encoding) {
  // In the order of the enum.
  static constexpr const char* k_names[] = {"UTF-8",    "UTF-8 with BOM", "UTF-16LE",
                                            "UTF-16BE", "cp1252",         "cp1251"};
  return k_names[static_cast<size_t>(encoding)];
}

bool CsvRecord::blank() const {
  for (const std::string& field : fields) {
    if (!trim(field).empty()) return false;
  }
  return true;
}

const std::string& CsvRecord::operator[](size_t i) const {
  static const std::string k_empty;
  return i < fields.size() ? fields[i] : k_empty;
}

struct CsvReader::Impl {
  std::string m_name;
  Encoding m_encoding = Encoding::utf8;
  char m_delimiter = ',';
  bool m_had_sep_line = false;

  // Input: a file, or bytes in memory.
  std::unique_ptr<std::FILE, FileCloser> m_file;
  std::string m_bytes;
  size_t m_bytes_pos = 0;

  // Raw chunk; its first m_carry bytes are an incomplete character left by the previous chunk.
  std::vector<unsigned char> m_raw = std::vector<unsigned char>(k_chunk + 4);
  size_t m_carry = 0;
  bool m_raw_eof = false;

  // Decoded text of the current chunk, consumed by the parser from m_pos. A decoding error is
  // held back until the parser has consumed the good text before it, so it gets the right line.
  std::string m_text;
  size_t m_pos = 0;
  std::optional<std::string> m_decode_error;

  long m_line = 1;          // physical line of m_text[m_pos]
  bool m_after_cr = false;  // the last character consumed was a CR (a LF next ends no line)
  std::array<bool, 256> m_stop_unquoted{};
  std::array<bool, 256> m_stop_quoted{};

  Error error(long at_line, const std::string& what) const {
    return Error{ExitCode::data, at(m_name, at_line, what)};
  }

  // Reads the next raw chunk after the carried bytes; returns its length including the carry.
  Result<size_t> fill_raw() {
    size_t got;
    if (m_file) {
      got = std::fread(m_raw.data() + m_carry, 1, k_chunk, m_file.get());
      if (got < k_chunk && std::ferror(m_file.get())) {
        return fail(ExitCode::no_input,
                    at(m_name, 0, std::string("cannot read: ") + std::strerror(errno)));
      }
    } else {
      got = std::min(k_chunk, m_bytes.size() - m_bytes_pos);
      std::memcpy(m_raw.data() + m_carry, m_bytes.data() + m_bytes_pos, got);
      m_bytes_pos += got;
    }
    m_raw_eof = got < k_chunk;
    size_t length = m_carry + got;
    m_carry = 0;
    return length;
  }

  // Decodes m_raw[begin, end) onto m_text; bytes of a character cut by the chunk end are
  // carried to the front of m_raw for the next chunk.
  void decode(size_t begin, size_t end) {
    const unsigned char* p = m_raw.data() + begin;
    size_t n = end - begin;
    size_t used = 0;
    switch (m_encoding) {
      case Encoding::utf8:
      case Encoding::utf8_bom:
        used = decode_utf8(p, n);
        break;
      case Encoding::utf16le:
        used = decode_utf16(p, n, false);
        break;
      case Encoding::utf16be:
        used = decode_utf16(p, n, true);
        break;
      case Encoding::cp1252:
        used = decode_8bit(p, n, cp1252_to_unicode);
        break;
      case Encoding::cp1251:
        used = decode_8bit(p, n, cp1251_to_unicode);
        break;
    }
    if (m_decode_error) return;
    m_carry = n - used;
    std::memmove(m_raw.data(), p + used, m_carry);
  }

  size_t decode_utf8(const unsigned char* p, size_t n) {
    bool cut = false;
    size_t valid = utf8_valid_prefix(p, n, &cut);
    m_text.append(reinterpret_cast<const char*>(p), valid);
    if (valid < n && (!cut || m_raw_eof))
      m_decode_error = "invalid UTF-8 (the file is not in one encoding)";
    return valid;
  }

  size_t decode_utf16(const unsigned char* p, size_t n, bool big_endian) {
    auto unit = [&](size_t i) -> char32_t {
      return big_endian ? (p[i] << 8 | p[i + 1]) : (p[i + 1] << 8 | p[i]);
    };
    size_t old = m_text.size();
    m_text.resize(old + n / 2 * 3);  // a unit is at most 3 UTF-8 bytes, a pair 4
    char* out = m_text.data() + old;
    size_t i = 0;
    while (i + 2 <= n) {
      char32_t cp = unit(i);
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        if (cp >= 0xDC00) {
          m_decode_error = "invalid UTF-16 (unpaired surrogate)";
          break;
        }
        if (i + 4 > n) {
          if (m_raw_eof) m_decode_error = "invalid UTF-16 (unpaired surrogate)";
          break;
        }
        char32_t low = unit(i + 2);
        if (low < 0xDC00 || low > 0xDFFF) {
          m_decode_error = "invalid UTF-16 (unpaired surrogate)";
          break;
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
      out = put_utf8(out, cp);
      i += 2;
    }
    m_text.resize(static_cast<size_t>(out - m_text.data()));
    if (!m_decode_error && m_raw_eof && i < n) {
      m_decode_error = "invalid UTF-16 (the file ends in the middle of a character)";
    }
    return i;
  }

  size_t decode_8bit(const unsigned char* p, size_t n, char16_t (*to_unicode)(unsigned char)) {
    size_t old = m_text.size();
    m_text.resize(old + n * 3);
    char* out = m_text.data() + old;
    for (size_t i = 0; i < n; ++i) out = put_utf8(out, to_unicode(p[i]));
    m_text.resize(static_cast<size_t>(out - m_text.data()));
    return n;
  }

  // Replaces the consumed text with the next decoded chunk. False at the end of the input.
  Result<bool> refill() {
    m_text.clear();
    m_pos = 0;
    while (m_text.empty()) {
      if (m_decode_error) return tl::unexpected(error(m_line, *m_decode_error));
      if (m_raw_eof) return false;
      Result<size_t> length = fill_raw();
      if (!length) return tl::unexpected(length.error());
      decode(0, *length);
    }
    return true;
  }

  // Reads the first chunk: encoding (BOM, else UTF-8 if valid, else a code page), then the
  // 'sep=' line or a sniffed delimiter.
  Status start(char forced_delimiter) {
    Result<size_t> length = fill_raw();
    if (!length) return tl::unexpected(length.error());
    const unsigned char* p = m_raw.data();
    size_t n = *length, bom = 0;
    if (auto what = not_text(p, n)) return fail(ExitCode::data, at(m_name, 0, *what));
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
      m_encoding = Encoding::utf8_bom, bom = 3;
    } else if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
      m_encoding = Encoding::utf16le, bom = 2;
    } else if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
      m_encoding = Encoding::utf16be, bom = 2;
    } else {
      bool cut = false;
      bool utf8 = utf8_valid_prefix(p, n, &cut) == n || (cut && !m_raw_eof);
      m_encoding = utf8                   ? Encoding::utf8
                   : looks_cyrillic(p, n) ? Encoding::cp1251
                                          : Encoding::cp1252;
    }
    if (n == bom && m_raw_eof) return fail(ExitCode::data, at(m_name, 0, "the file is empty"));
    decode(bom, n);

    if (std::optional<std::pair<char, size_t>> sep = sep_line(m_text)) {
      m_had_sep_line = true;
      m_delimiter = sep->first;
      m_pos = sep->second;
      if (m_pos < m_text.size()) {
        m_after_cr = m_text[m_pos] == '\r';
        ++m_pos;
        ++m_line;
      }
    } else {
      m_delimiter = sniff_delimiter(m_text);
    }
    if (forced_delimiter) m_delimiter = forced_delimiter;

    for (unsigned char c : {'\r', '\n', '\0'}) m_stop_unquoted[c] = m_stop_quoted[c] = true;
    m_stop_unquoted[static_cast<unsigned char>(m_delimiter)] = true;
    m_stop_quoted['"'] = true;
    return {};
  }

  // Next field of 'record', reusing the string (and its capacity) from the previous record.
  static std::string& next_field(CsvRecord& record, size_t& count) {
    if (count < record.fields.size()) {
      std::string& field = record.fields[count++];
      field.clear();
      return field;
    }
    ++count;
    return record.fields.emplace_back();
  }

  Result<bool> next(CsvRecord& record) {
    if (m_pos == m_text.size()) {
      Result<bool> more = refill();
      if (!more || !*more) return more;
    }
    // The LF of a CRLF whose CR ended the previous record.
    if (m_after_cr && m_text[m_pos] == '\n') {
      ++m_pos;
      m_after_cr = false;
      return next(record);
    }
    m_after_cr = false;

    record.line = m_line;
    size_t count = 0;
    size_t record_bytes = 0;
    std::string* field = &next_field(record, count);
    enum class State { field_start, unquoted, quoted, closing_quote } state = State::field_start;
    long quote_line = 0;
    bool quoted = false;  // a field of this record was quoted

    auto append = [&](const char* from, size_t n) -> bool {
      field->append(from, n);
      record_bytes += n;
      return record_bytes <= k_max_record;
    };
    auto too_long = [&] { return tl::unexpected(error(record.line, "record longer than 16 MiB")); };
    auto new_field = [&]() -> bool {
      field = &next_field(record, count);
      state = State::field_start;
      return ++record_bytes <= k_max_record;
    };

    for (;;) {
      if (m_pos == m_text.size()) {
        Result<bool> more = refill();
        if (!more) return tl::unexpected(more.error());
        if (!*more) {
          if (state == State::quoted) {
            return tl::unexpected(
                error(quote_line, "quoted field starting here is not closed (truncated file?)"));
          }
          break;
        }
      }
      const char* p = m_text.data() + m_pos;
      const char* end = m_text.data() + m_text.size();
      if (state == State::field_start) {
        if (*p == '"') {
          state = State::quoted;
          quoted = true;
          quote_line = m_line;
          ++m_pos;
          continue;
        }
        state = State::unquoted;
      }
      if (state == State::unquoted) {
        // A quote inside an unquoted field is kept as it is (lenient, like spreadsheets).
        const char* from = p;
        while (p < end && !m_stop_unquoted[static_cast<unsigned char>(*p)]) ++p;
        if (!append(from, static_cast<size_t>(p - from))) return too_long();
        m_pos = static_cast<size_t>(p - m_text.data());
        if (p == end) continue;
        char c = *p;
        ++m_pos;
        if (c == '\0') return tl::unexpected(error(m_line, "NUL byte (binary file?)"));
        if (c == m_delimiter) {
          if (!new_field()) return too_long();
          continue;
        }
        ++m_line;  // CR or LF: the end of the record
        m_after_cr = c == '\r';
        break;
      }
      if (state == State::quoted) {
        const char* from = p;
        while (p < end && !m_stop_quoted[static_cast<unsigned char>(*p)]) ++p;
        if (p != from) m_after_cr = false;
        if (!append(from, static_cast<size_t>(p - from))) return too_long();
        m_pos = static_cast<size_t>(p - m_text.data());
        if (p == end) continue;
        char c = *p;
        ++m_pos;
        if (c == '\0') return tl::unexpected(error(m_line, "NUL byte (binary file?)"));
        if (c == '"') {
          m_after_cr = false;
          state = State::closing_quote;
          continue;
        }
        // A line end inside the field is kept; CRLF counts as one line.
        if (c == '\r' || !m_after_cr) ++m_line;
        m_after_cr = c == '\r';
        if (!append(&c, 1)) return too_long();
        continue;
      }
      // closing_quote: the quote just read closes the field unless it is doubled.
      char c = *p;
      if (c == '"') {
        ++m_pos;
        if (!append(&c, 1)) return too_long();
        state = State::quoted;
      } else if (c == m_delimiter) {
        ++m_pos;
        if (!new_field()) return too_long();
      } else if (c == '\r' || c == '\n') {
        ++m_pos;
        ++m_line;
        m_after_cr = c == '\r';
        break;
      } else {
        state = State::unquoted;  // '"a"b': the text after the closing quote is kept too
      }
    }
    // An empty line is a record with no fields ('""' is one empty field).
    if (count == 1 && !quoted && record.fields[0].empty()) count = 0;
    record.fields.resize(count);
    return true;
  }
};

CsvReader::CsvReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::string& path, CsvOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->m_name = path;
  impl->m_file.reset(std::fopen(path.c_str(), "rb"));
  if (!impl->m_file) {
    return fail(ExitCode::no_input,
                at(path, 0, std::string("cannot open: ") + std::strerror(errno)));
  }
  if (Status started = impl->start(options.delimiter); !started) {
    return tl::unexpected(started.error());
  }
  return std::unique_ptr<CsvReader>(new CsvReader(std::move(impl)));
}

Result<std::unique_ptr<CsvReader>> CsvReader::from_bytes(std::string bytes, std::string name,
                                                         CsvOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->m_name = std::move(name);
  impl->m_bytes = std::move(bytes);
  if (Status started = impl->start(options.delimiter); !started) {
    return tl::unexpected(started.error());
  }
  return std::unique_ptr<CsvReader>(new CsvReader(std::move(impl)));
}

Result<bool> CsvReader::next(CsvRecord& record) {
  return m_impl->next(record);
}
const std::string& CsvReader::name() const {
  return m_impl->m_name;
}
Encoding CsvReader::encoding() const {
  return m_impl->m_encoding;
}
char CsvReader::delimiter() const {
  return m_impl->m_delimiter;
}
bool CsvReader::had_sep_line() const {
  return m_impl->m_had_sep_line;
}

}  // namespace pageaudit
