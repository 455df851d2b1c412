// Tests for core/messages: the catalogues in messages/ (as files and as compiled in), their
// completeness across languages, and number and date formatting per language.
#include <doctest/doctest.h>
#include <fmt/args.h>

#include <map>
#include <set>
#include <string>

#include "pageaudit/core/messages.h"
#include "support.h"

namespace pageaudit {
namespace {

using Catalogues = std::map<std::string, MessageCatalogue>;  // by file name, "en.toml"

std::string file_name(Language language) {
  return fmt::format("{}.toml", language_code(language));
}

std::string joined(const std::set<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "{" : ", {") + name + "}";
  return out.empty() ? "none" : out;
}

// What keeps a set of catalogues from being complete, one line each: a key that one language
// lacks, a text whose placeholders differ from the first language's, an empty text. The
// catalogues are parsed, so every text's placeholders are well formed.
std::string completeness_problems(const Catalogues& catalogues) {
  std::map<std::string, std::string> first_file;  // key -> the first file that has it
  for (const auto& [file, texts] : catalogues) {
    for (const auto& entry : texts) first_file.emplace(entry.first, file);
  }
  std::string problems;
  for (const auto& [key, reference_file] : first_file) {
    const std::string& reference = catalogues.at(reference_file).at(key);
    const std::set<std::string> expected = *message_placeholders(reference);
    for (const auto& [file, texts] : catalogues) {
      const auto it = texts.find(key);
      if (it == texts.end()) {
        problems += fmt::format("{}: \"{}\" is missing ({} has it)\n", file, key, reference_file);
        continue;
      }
      if (it->second.empty()) problems += fmt::format("{}: \"{}\" is empty\n", file, key);
      const std::set<std::string> found = *message_placeholders(it->second);
      if (found != expected) {
        problems += fmt::format("{}: \"{}\" has placeholders {}, {} has {}\n", file, key,
                                joined(found), reference_file, joined(expected));
      }
    }
  }
  return problems;
}

// Every catalogue from text, parsed; a parse error fails the test case with its message.
Catalogues parse_all(const std::map<std::string, std::string>& texts) {
  Catalogues catalogues;
  for (const auto& [file, text] : texts) {
    auto parsed = parse_message_catalogue(text, file);
    if (!parsed) FAIL(parsed.error().message);
    catalogues.emplace(file, std::move(*parsed));
  }
  return catalogues;
}

std::map<std::string, std::string> source_files() {
  std::map<std::string, std::string> texts;
  for (Language language : k_languages) {
    texts[file_name(language)] =
        test::read_file(fmt::format("{}/messages/{}", PAGEAUDIT_SOURCE_DIR, file_name(language)));
  }
  return texts;
}

std::map<std::string, std::string> embedded_files() {
  std::map<std::string, std::string> texts;
  for (Language language : k_languages) {
    texts[file_name(language)] = std::string(embedded_message_catalogue(language));
  }
  return texts;
}

TEST_CASE("language codes") {
  CHECK(parse_language("en") == Language::en);
  CHECK(parse_language("es") == Language::es);
  CHECK_FALSE(parse_language("fr"));
  CHECK_FALSE(parse_language("EN"));
  CHECK(language_code(Language::es) == "es");
}

TEST_CASE("the binary carries the catalogue files of messages/ as they are") {
  for (Language language : k_languages) {
    CAPTURE(file_name(language));
    CHECK_FALSE(embedded_message_catalogue(language).empty());
  }
  CHECK(embedded_files() == source_files());
}

TEST_CASE("every language has every key, with the same placeholders and a text") {
  SUBCASE("the files in messages/") {
    CHECK(completeness_problems(parse_all(source_files())) == "");
  }
  SUBCASE("the catalogues compiled into the binary") {
    CHECK(completeness_problems(parse_all(embedded_files())) == "");
  }
}

TEST_CASE("the completeness check names a missing key, differing placeholders and empty texts") {
  const Catalogues catalogues = parse_all({
      {"en.toml",
       "\"lint.no-deadline\" = \"goal {goal}: by when?\"\n"
       "\"report.per-day\" = \"{value} a day\"\n"
       "\"status.met\" = \"met\"\n"},
      {"es.toml",
       "\"report.per-day\" = \"{valor} al día\"\n"
       "\"status.met\" = \"\"\n"
       "\"status.missed\" = \"incumplida\"\n"},
  });
  CHECK(completeness_problems(catalogues) ==
        "es.toml: \"lint.no-deadline\" is missing (en.toml has it)\n"
        "es.toml: \"report.per-day\" has placeholders {valor}, en.toml has {value}\n"
        "es.toml: \"status.met\" is empty\n"
        "en.toml: \"status.missed\" is missing (es.toml has it)\n");
}

TEST_CASE("every text renders when given exactly its own placeholders") {
  for (Language language : k_languages) {
    const MessageCatalogue catalogue =
        *parse_message_catalogue(embedded_message_catalogue(language), file_name(language));
    for (const auto& [key, text] : catalogue) {
      CAPTURE(file_name(language));
      CAPTURE(key);
      CHECK(message_text(language, key) == text);
      fmt::dynamic_format_arg_store<fmt::format_context> args;
      const std::set<std::string> names = *message_placeholders(text);
      for (const std::string& name : names) {
        args.push_back(fmt::arg(name.c_str(), std::string("x")));
      }
      CHECK_NOTHROW(fmt::vformat(text, args));
    }
  }
}

TEST_CASE("a text's placeholders are its named fields, doubled braces are literal") {
  struct Case {
    std::string_view text;
    std::set<std::string> names;
  };
  const Case cases[] = {
      {"met", {}},
      {"{value} a day", {"value"}},
      {"{b} of {a}, {a:>3}", {"a", "b"}},
      {"{{literal}} and {low_n}", {"low_n"}},
      {"}}{{", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto names = message_placeholders(c.text);
    REQUIRE(names);
    CHECK(*names == c.names);
  }
}

TEST_CASE("a malformed placeholder is an error that says what is wrong") {
  struct Case {
    std::string_view text;
    std::string_view error;
  };
  const Case cases[] = {
      {"{goal", "unclosed \"{\""},
      {"goal}", "unmatched \"}\""},
      {"{} a day", "placeholder \"{}\" is not a name"},
      {"{0} a day", "placeholder \"{0}\" is not a name"},
      {"{low-n}", "placeholder \"{low-n}\" is not a name"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto names = message_placeholders(c.text);
    REQUIRE_FALSE(names);
    CHECK(names.error().message == c.error);
    CHECK(names.error().code == ExitCode::data);
  }
}

TEST_CASE("a catalogue that is not flat quoted keys and texts is refused, every problem named") {
  const auto parsed = parse_message_catalogue(
      "\"status.met\" = \"met\"\n"
      "\"report.per-day\" = \"{} a day\"\n"
      "\"report.days\" = 3\n"
      "lint.no-deadline = \"goal {goal}: by when?\"\n",
      "messages/en.toml");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == ExitCode::data);
  CHECK(parsed.error().message ==
        "messages/en.toml:2: \"report.per-day\": placeholder \"{}\" is not a name\n"
        "messages/en.toml:3: \"report.days\" is not a text\n"
        "messages/en.toml:4: \"lint\" is a table, not a text: quote dotted keys");
}

TEST_CASE("a catalogue that is not TOML is refused with the line of the error") {
  const auto parsed =
      parse_message_catalogue("\"status.met\" = \"met\"\n\"status.missed\" = \n", "es.toml");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().message ==
        "es.toml:2: Error while parsing key-value pair: expected value, saw '\\n'");
}

TEST_CASE("a text is looked up by key in the report's language") {
  CHECK(message_text(Language::en, "lint.no-deadline") ==
        "goal \"{goal}\" has no deadline: by when?");
  CHECK(message(Language::es, "lint.no-deadline", fmt::arg("goal", "seguidores")) ==
        "la meta \"seguidores\" no tiene fecha límite: ¿para cuándo?");
  CHECK(message_text(Language::es, "month.short.9") == "sept");
}

TEST_CASE("an unknown message key shows itself") {
  CHECK(message_text(Language::en, "lint.nope") == "lint.nope");
}

TEST_CASE("counts are grouped the way each language writes them") {
  CHECK(format_count(15000, Language::en) == "15,000");
  CHECK(format_count(1234567, Language::en) == "1,234,567");
  CHECK(format_count(999, Language::en) == "999");
  CHECK(format_count(1000, Language::en) == "1,000");
  CHECK(format_count(-14999, Language::en) == "-14,999");
  CHECK(format_count(15000, Language::es) == "15.000");
  CHECK(format_count(1000, Language::es) == "1.000");
  CHECK(format_count(9874, Language::es) == "9.874");
  CHECK(format_count(0, Language::es) == "0");
}

TEST_CASE("decimals are rounded and trailing zeros dropped") {
  CHECK(format_decimal(56.0, 1, Language::en) == "56");
  CHECK(format_decimal(55.46, 1, Language::en) == "55.5");
  CHECK(format_decimal(55.46, 1, Language::es) == "55,5");
  CHECK(format_decimal(1234.5, 2, Language::en) == "1,234.5");
  CHECK(format_decimal(-0.04, 1, Language::en) == "0");
  CHECK(format_decimal(-2.25, 1, Language::en) == "-2.3");
  CHECK(format_decimal(7.6, 0, Language::en) == "8");
}

TEST_CASE("amounts keep their decimals, other figures keep three significant digits") {
  CHECK(format_fixed(527.5, 2, Language::en) == "527.50");
  CHECK(format_fixed(532, 2, Language::es) == "532,00");
  CHECK(format_fixed(12562.049, 2, Language::es) == "12.562,05");
  CHECK(format_significant(0.017234, Language::en) == "0.0172");
  CHECK(format_significant(3.456, Language::es) == "3,46");
  CHECK(format_significant(1234.5, Language::en) == "1,235");
  CHECK(format_significant(2.0013, Language::en) == "2");
  CHECK(format_significant(0, Language::en) == "0");
  CHECK(format_significant(-0.5471, Language::en) == "-0.547");
}

TEST_CASE("percents and dates are written the way each language writes them") {
  CHECK(format_percent(0.0517, 1, Language::en) == "5.2%");
  CHECK(format_percent(0.0517, 1, Language::es) == "5,2 %");
  CHECK(format_percent(0.33, 1, Language::en) == "33%");
  CHECK(format_date(*Date::parse_iso("2026-11-20"), Language::en) == "20 November 2026");
  CHECK(format_date(*Date::parse_iso("2026-11-20"), Language::es) == "20 de noviembre de 2026");
  CHECK(format_date(*Date::parse_iso("2028-02-29"), Language::es) == "29 de febrero de 2028");
  CHECK(format_date(*Date::parse_iso("2027-01-01"), Language::en) == "1 January 2027");
}

}  // namespace
}  // namespace pageaudit
