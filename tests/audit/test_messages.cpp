// Tests for audit/messages: the message table and number formatting per language.
#include <doctest/doctest.h>

#include "pageaudit/audit/messages.h"

namespace pageaudit {
namespace {

TEST_CASE("language codes") {
  CHECK(parse_language("en") == Language::en);
  CHECK(parse_language("es") == Language::es);
  CHECK_FALSE(parse_language("fr"));
  CHECK_FALSE(parse_language("EN"));
  CHECK(language_code(Language::es) == "es");
}

TEST_CASE("every message renders in both languages with its placeholders") {
  const char* keys[] = {
      "lint.vanity-round-target", "lint.no-objective",      "lint.no-deadline",
      "lint.objective-mismatch",  "lint.no-business-goal",  "lint.effort-unbounded",
      "dq.no-follower-data",      "dq.follower-gaps",       "dq.stale-audit-day",
      "dq.stale-store",           "dq.series-break-views",  "dq.series-break-viewers",
      "dq.small-survey",          "dq.few-commenters",      "dq.survey-without-customers",
      "reason.no-follower-data",  "reason.no-target-share", "reason.no-useful-followers",
      "reason.no-effort-data",    "reason.no-hourly-cost",  "reason.no-net-change",
      "reason.no-net-growth",
  };
  for (const char* key : keys) {
    for (Language lang : {Language::en, Language::es}) {
      CAPTURE(key);
      CHECK(message_text(lang, key) != key);
      // Every placeholder any message uses; fmt ignores the ones a text does not use.
      CHECK_NOTHROW(message(lang, key, fmt::arg("goal", "g"), fmt::arg("metric", "m"),
                            fmt::arg("bound", "1"), fmt::arg("bound_less", "0"),
                            fmt::arg("objective", "o"), fmt::arg("fitting", "f"),
                            fmt::arg("hours", "1"), fmt::arg("days", 1), fmt::arg("as_of", "d"),
                            fmt::arg("missing", 1), fmt::arg("from", "d"), fmt::arg("to", "d"),
                            fmt::arg("first", "d"), fmt::arg("last", "d"), fmt::arg("n", 1)));
    }
  }
  CHECK(message_text(Language::en, "lint.no-deadline") !=
        message_text(Language::es, "lint.no-deadline"));
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
  CHECK(format_count(1000, Language::es) == "1000");  // the RAE leaves four digits ungrouped
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

}  // namespace
}  // namespace pageaudit
