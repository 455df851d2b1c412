// The reports' sentences in each language, looked up by stable keys in the message
// catalogues (messages/<language>.toml, compiled into the binary).
#pragma once

#include <fmt/format.h>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"

namespace pageaudit {

enum class Language { en, es };

// Every language, each with its catalogue messages/<language_code>.toml.
inline constexpr Language k_languages[] = {Language::en, Language::es};

// "en" -> Language::en, "es" -> Language::es; nullopt for anything else.
std::optional<Language> parse_language(std::string_view code);
std::string_view language_code(Language language);

// The text stored under key (e.g. "lint.no-deadline", "reason.no-hourly-cost") in language,
// with fmt-style named placeholders ({goal}, {metric}...). Every key has a text in every
// language; an unknown key returns the key itself so that a missing text shows, never crashes.
// The embedded catalogues are parsed once, at the first call; later calls are a map lookup.
std::string_view message_text(Language language, std::string_view key);

// The text for key with its named placeholders filled: message(lang, "lint.no-deadline",
// fmt::arg("goal", id)). A placeholder the caller does not supply is a programming error and
// throws fmt::format_error.
template <typename... Args>
std::string message(Language language, std::string_view key, Args&&... args) {
  return fmt::format(fmt::runtime(message_text(language, key)), std::forward<Args>(args)...);
}

// One language's catalogue: key -> text.
using MessageCatalogue = std::map<std::string, std::string, std::less<>>;

// Reads a catalogue file (document): a flat TOML table of quoted keys and string texts,
// "lint.no-deadline" = "goal \"{goal}\" has no deadline: by when?". name prefixes errors.
// Errors (ExitCode::data), one line each in file order, "NAME:LINE: what": the TOML does not
// parse; a value is not a string ("\"KEY\" is not a text"); a bare dotted key, lint.x = "...",
// made a table ("\"lint\" is a table, not a text: quote dotted keys"); a text's placeholders
// are malformed ("\"KEY\": " and message_placeholders' error).
Result<MessageCatalogue> parse_message_catalogue(std::string_view document,
                                                 const std::string& name);

// The text of messages/<language_code>.toml as compiled into the binary; empty if the build
// embedded no catalogue for language.
std::string_view embedded_message_catalogue(Language language);

// The named placeholders of a text, sorted, each once: "{b} of {a}, {a:>3}" -> {"a", "b"}.
// "{{" and "}}" are literal braces. Errors (ExitCode::data): unclosed "{", unmatched "}",
// placeholder "{0}" is not a name (also for "{}": fmt's positional arguments).
Result<std::set<std::string>> message_placeholders(std::string_view text);

// A whole number with the language's digit grouping ("number.group-mark"), from four digits in
// every language: 15,000 and 1,000 (en); 15.000 and 1.000 (es).
std::string format_count(long long value, Language language);

// A number rounded to at most decimals places, without trailing zeros, with the language's
// grouping and decimal mark ("number.decimal-mark"): 1234.5 -> "1,234.5" (en), "1.234,5" (es);
// 56.0 -> "56".
std::string format_decimal(double value, int decimals, Language language);

// "1 post", "3 posts": a count and its noun, for the command line's English summary lines (the
// reports' words are in the catalogues).
std::string plural(long n, std::string_view one, std::string_view many);

// A number rounded to exactly decimals places, zeros kept (amounts of money): 527.5 -> "527.50"
// (en), "527,50" (es).
std::string format_fixed(double value, int decimals, Language language);

// A number to three significant digits, never dropping integer digits: 0.017234 -> "0.0172",
// 3.456 -> "3.46", 1234.5 -> "1,235" (en).
std::string format_significant(double value, Language language);

// A share (0..1) as a percent rounded to decimals places, written as "number.percent" says:
// 0.0517 -> "5.2%" (en), "5,2 %" (es, which separates the sign as the RAE asks).
std::string format_percent(double share, int decimals, Language language);

// A day as a reader writes it ("date.long" with "month.long.N"): "20 November 2026" (en),
// "20 de noviembre de 2026" (es).
std::string format_date(Date day, Language language);

}  // namespace pageaudit
