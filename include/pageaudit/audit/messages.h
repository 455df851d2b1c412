// The audit's sentences in each report language, looked up by stable keys.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "pageaudit/core/date.h"

namespace pageaudit {

enum class Language { en, es };

// "en" -> Language::en, "es" -> Language::es; nullopt for anything else.
std::optional<Language> parse_language(std::string_view code);
std::string_view language_code(Language language);

// The text stored under key (e.g. "lint.no-deadline", "reason.no-hourly-cost") in language,
// with fmt-style named placeholders ({goal}, {metric}...). Every key has a text in every
// language; an unknown key returns the key itself so that a missing text shows, never crashes.
std::string_view message_text(Language language, std::string_view key);

// The text for key with its named placeholders filled: message(lang, "lint.no-deadline",
// fmt::arg("goal", id)). A placeholder the caller does not supply is a programming error and
// throws fmt::format_error.
template <typename... Args>
std::string message(Language language, std::string_view key, Args&&... args) {
  return fmt::format(fmt::runtime(message_text(language, key)), std::forward<Args>(args)...);
}

// A whole number with the language's digit grouping: 15,000 (en); 15.000 and 1000 (es: the RAE
// groups only numbers of five digits or more).
std::string format_count(long long value, Language language);

// A number rounded to at most decimals places, without trailing zeros, with the language's
// grouping and decimal mark: 1234.5 -> "1,234.5" (en), "1234,5" (es); 56.0 -> "56".
std::string format_decimal(double value, int decimals, Language language);

// A number rounded to exactly decimals places, zeros kept (amounts of money): 527.5 -> "527.50"
// (en), "527,50" (es).
std::string format_fixed(double value, int decimals, Language language);

// A number to three significant digits, never dropping integer digits: 0.017234 -> "0.0172",
// 3.456 -> "3.46", 1234.5 -> "1,235" (en).
std::string format_significant(double value, Language language);

// A share (0..1) as a percent rounded to decimals places: 0.0517 -> "5.2%" (en), "5,2 %" (es,
// which separates the sign as the RAE asks).
std::string format_percent(double share, int decimals, Language language);

// A day as a reader writes it: "20 November 2026" (en), "20 de noviembre de 2026" (es).
std::string format_date(Date day, Language language);

}  // namespace pageaudit
