// The message catalogues: every sentence, label, month name and number mark the reports write,
// read from messages/<language>.toml as compiled into the binary (src/CMakeLists.txt).
#include "pageaudit/core/messages.h"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <vector>

#include "pageaudit/core/embedded.h"

namespace pageaudit {
namespace {

bool is_placeholder_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

// Parses every embedded catalogue once, on the first lookup, so that a lookup is a map search.
// A catalogue that does not parse stays empty and every text shows its key (message_text's
// contract) rather than every command failing; the tests parse the embedded copies, so such a
// build does not pass them.
const MessageCatalogue& catalogue(Language language) {
  static const auto k_catalogues = [] {
    std::array<MessageCatalogue, std::size(k_languages)> out;
    for (Language l : k_languages) {
      auto parsed = parse_message_catalogue(embedded_message_catalogue(l),
                                            fmt::format("messages/{}.toml", language_code(l)));
      if (parsed) out[static_cast<size_t>(l)] = std::move(*parsed);
    }
    return out;
  }();
  return k_catalogues[static_cast<size_t>(language)];
}

}  // namespace

std::optional<Language> parse_language(std::string_view code) {
  if (code == "en") return Language::en;
  if (code == "es") return Language::es;
  return std::nullopt;
}

std::string_view language_code(Language language) {
  return language == Language::es ? "es" : "en";
}

std::string_view message_text(Language language, std::string_view key) {
  const MessageCatalogue& texts = catalogue(language);
  const auto it = texts.find(key);
  return it == texts.end() ? key : std::string_view(it->second);
}

Result<std::set<std::string>> message_placeholders(std::string_view text) {
  std::set<std::string> names;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool doubled = i + 1 < text.size() && text[i + 1] == text[i];
    if (text[i] == '}') {
      if (!doubled) return fail(ExitCode::data, "unmatched \"}\"");
      ++i;
    } else if (text[i] == '{') {
      if (doubled) {
        ++i;
        continue;
      }
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) return fail(ExitCode::data, "unclosed \"{\"");
      const std::string_view field = text.substr(i + 1, close - i - 1);
      const std::string_view name = field.substr(0, field.find(':'));
      // Only names: a positional {} or {0} would depend on the order of the arguments, which
      // the code fixes once for every language while the word order is each language's own.
      if (!is_placeholder_name(name)) {
        return fail(ExitCode::data, fmt::format("placeholder \"{{{}}}\" is not a name", field));
      }
      names.emplace(name);
      i = close;
    }
  }
  return names;
}

Result<MessageCatalogue> parse_message_catalogue(std::string_view document,
                                                 const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(document, std::string_view(name));
  } catch (const toml::parse_error& e) {
    return fail(ExitCode::data,
                at(name, static_cast<long>(e.source().begin.line), std::string(e.description())));
  }
  struct Problem {
    long line;
    std::string what;
  };
  std::vector<Problem> problems;
  MessageCatalogue texts;
  for (const auto& [key, node] : root) {
    const long line = static_cast<long>(node.source().begin.line);
    if (node.is_table()) {
      problems.push_back(
          {line, fmt::format("\"{}\" is a table, not a text: quote dotted keys", key.str())});
    } else if (const auto* text = node.as_string()) {
      if (auto placeholders = message_placeholders(text->get()); !placeholders) {
        problems.push_back(
            {line, fmt::format("\"{}\": {}", key.str(), placeholders.error().message)});
      }
      texts.emplace(key.str(), text->get());
    } else {
      problems.push_back({line, fmt::format("\"{}\" is not a text", key.str())});
    }
  }
  if (problems.empty()) return texts;
  // toml++ tables iterate in key order; a reader fixes a file top to bottom.
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.line < b.line; });
  std::string message;
  for (const Problem& p : problems) {
    if (!message.empty()) message += '\n';
    message += at(name, p.line, p.what);
  }
  return fail(ExitCode::data, std::move(message));
}

std::string_view embedded_message_catalogue(Language language) {
  const std::string name = fmt::format("{}.toml", language_code(language));
  for (size_t i = 0; i < k_message_catalogues_count; ++i) {
    if (k_message_catalogues[i].name == name) return k_message_catalogues[i].text;
  }
  return {};
}

std::string format_count(long long value, Language language) {
  std::string digits = std::to_string(value < 0 ? -static_cast<unsigned long long>(value)
                                                : static_cast<unsigned long long>(value));
  const std::string_view separator = message_text(language, "number.group-mark");
  // Grouped from four digits in every language: the RAE leaves 9874 ungrouped, but owners read
  // figures as their bank and their till print them, 9.874 (and the reports ask for it).
  const size_t min_grouped = 4;
  std::string out;
  if (digits.size() >= min_grouped) {
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
      out += digits[i];
    }
  } else {
    out = digits;
  }
  return value < 0 ? "-" + out : out;
}

namespace {

std::string format_rounded(double value, int decimals, bool keep_zeros, Language language) {
  const double scale = std::pow(10.0, decimals);
  const long long scaled = std::llround(std::fabs(value) * scale);
  const long long whole = scaled / static_cast<long long>(scale);
  std::string fraction =
      decimals > 0 ? fmt::format("{:0{}}", scaled % static_cast<long long>(scale), decimals) : "";
  while (!keep_zeros && !fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = format_count(whole, language);
  if (!fraction.empty()) {
    out += message_text(language, "number.decimal-mark");
    out += fraction;
  }
  return scaled != 0 && value < 0 ? "-" + out : out;
}

}  // namespace

std::string format_decimal(double value, int decimals, Language language) {
  return format_rounded(value, decimals, false, language);
}

std::string format_fixed(double value, int decimals, Language language) {
  return format_rounded(value, decimals, true, language);
}

std::string format_significant(double value, Language language) {
  if (value == 0) return "0";
  const int integer_digits = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
  return format_decimal(value, std::max(0, 3 - integer_digits), language);
}

std::string format_percent(double share, int decimals, Language language) {
  return message(language, "number.percent",
                 fmt::arg("value", format_decimal(share * 100, decimals, language)));
}

std::string format_date(Date day, Language language) {
  return message(
      language, "date.long", fmt::arg("day", day.day()),
      fmt::arg("month", message_text(language, fmt::format("month.long.{}", day.month()))),
      fmt::arg("year", day.year()));
}

std::string plural(long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace pageaudit
