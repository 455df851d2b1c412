// Streaming reader for the CSV files Facebook, Business Suite and spreadsheets write:
// encoding by BOM (UTF-8, UTF-16LE/BE) or by content (UTF-8, else cp1251/cp1252), a 'sep=' first
// line or a sniffed delimiter (',' ';' TAB), RFC 4180 quoting with embedded newlines, CR/LF/CRLF.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/error.h"
#include "pageaudit/input/values.h"  // parse_number, trim, fold_header: used with every record

namespace pageaudit {

enum class Encoding { utf8, utf8_bom, utf16le, utf16be, cp1252, cp1251 };

// "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "cp1252", "cp1251".
const char* encoding_name(Encoding encoding);

struct CsvRecord {
  std::vector<std::string> fields;  // UTF-8; a blank line is one record with no fields
  long line = 0;                    // 1-based physical line where the record starts (the BOM
                                    // and a 'sep=' line count as line 1, as an editor shows it)
  bool blank() const;               // no fields, or every field empty or whitespace
  // Field i, or "" when the row is short (ragged rows are padded, never an error).
  const std::string& operator[](size_t i) const;
  size_t size() const { return fields.size(); }
};

struct CsvOptions {
  char delimiter = 0;  // 0: from the 'sep=' line, else sniffed from the first lines
                       // (',' ';' or TAB, whichever splits most sampled lines into the same
                       // number of fields above 1; ',' by default). A 'sep=' line is skipped
                       // even when the delimiter is given here.
};

// Reads one file record by record with memory bounded by the longest record, not the file.
class CsvReader {
 public:
  // Opens the file and reads enough of it to detect encoding and delimiter (the first 64 KiB:
  // a BOM decides; without one, UTF-8 if those bytes are valid UTF-8, else cp1251 when the high
  // bytes form Cyrillic words, else cp1252).
  // Errors: ExitCode::no_input "FILE: cannot open: <strerror>" or "FILE: cannot read: <strerror>"
  // (a directory); ExitCode::data for an empty file, 0 bytes or only a BOM ("FILE: the file is
  // empty").
  static Result<std::unique_ptr<CsvReader>> open(const std::string& path, CsvOptions options = {});
  // The same over bytes in memory (tests, fuzzing); 'name' is used in messages.
  static Result<std::unique_ptr<CsvReader>> from_bytes(std::string bytes, std::string name,
                                                       CsvOptions options = {});
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into 'record'. Returns true when a record was read, false at the end.
  // Errors (ExitCode::data, message "FILE:LINE: ..."): a quoted field not closed at end of file
  // ("FILE:LINE: quoted field starting here is not closed (truncated file?)", LINE where the
  // field began), "invalid UTF-16 (unpaired surrogate)", "invalid UTF-16 (the file ends in the
  // middle of a character)", "invalid UTF-8 (the file is not in one encoding)" (a file judged
  // UTF-8 from its first chunk), "NUL byte (binary file?)", "record longer than 16 MiB"; LINE is
  // where the bad byte is, for the last one where the record starts. ExitCode::no_input
  // "FILE: cannot read: <strerror>". After an error the reader must not be used again.
  // Quoting is RFC 4180 ('""' inside quotes is one quote; delimiters and line ends inside quotes
  // are kept, CRLF as it is); a stray quote inside an unquoted field, or text after a closing
  // quote ('"a"b' -> 'ab'), is kept literally. Line ends: CRLF, LF or a lone CR. An empty line
  // is a record with no fields; a final line end does not make an extra record.
  Result<bool> next(CsvRecord& record);

  const std::string& name() const;
  Encoding encoding() const;
  char delimiter() const;
  bool had_sep_line() const;  // the file began with 'sep=X' (that line is not returned)

 private:
  struct Impl;
  explicit CsvReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace pageaudit
