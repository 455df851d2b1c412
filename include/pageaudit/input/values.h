// Values as export files write them: numbers with '.' or ',' decimals and '%', text trimming,
// and the case- and space-folding used to compare headers and titles.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pageaudit {

// Numbers as exports write them: '1234', '-5', '3.4', '23,9%', '75.1', '"1.204"' (thousands with a
// comma decimal style), '0.75'. A trailing '%' sets 'percent'. decimal_comma: ',' is the decimal
// separator and '.' groups thousands (a Portuguese/Spanish UI or a European re-save); otherwise
// '.' is decimal and ',' groups thousands.
struct ParsedNumber {
  double value = 0;
  bool percent = false;
};
// Returns nullopt for anything that is not a number ('n/a', '', '3.апр', 'undefined', '1e999').
std::optional<ParsedNumber> parse_number(std::string_view text, bool decimal_comma);

// True when a value looks like a decimal number that a spreadsheet turned into a date in some
// locale ('3.апр', '22.авг', '8-Jan'): the importer reports it as corrupted, never guesses.
bool looks_like_date_mangled_number(std::string_view text);

// Trims ASCII whitespace and a UTF-8 BOM or NBSP at either end.
std::string_view trim(std::string_view text);
// Lower-cases ASCII and the Latin-1 supplement letters (É -> é) and collapses inner whitespace;
// used to compare headers and titles case-insensitively.
std::string fold_header(std::string_view text);

}  // namespace pageaudit
