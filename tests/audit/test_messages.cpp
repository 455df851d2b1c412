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

TEST_CASE("every report text renders in both languages with its placeholders") {
  const char* keys[] = {
      "reason.no-data-window", "reason.no-viewers-window", "reason.no-posts",
      "reason.no-comments", "reason.no-replies", "reason.no-customer-estimate",
      "reason.no-outcome", "report.title", "report.subtitle", "report.section.where",
      "report.section.effort", "report.section.who", "report.section.goals",
      "report.section.questions", "report.section.data", "report.followers", "report.net-change",
      "report.trend", "report.views", "report.viewers", "report.engagements", "report.page-visits",
      "report.posts", "report.comments", "report.engagers", "report.reply-hours", "report.outcome",
      "report.hours", "report.cost", "report.hours-per-useful", "report.hours-per-new-useful",
      "report.cost-per-useful", "report.customer-followers", "report.useful-followers",
      "report.no-value", "report.in-window", "report.per-day", "report.of-views",
      "report.of-followers", "report.hours-value", "report.effort.log", "report.effort.stated",
      "report.effort.mixed", "report.cost.rate", "report.customers.survey",
      "report.customers.base-stated", "report.customers.base-imported", "report.customers.match",
      "report.customers.biased", "report.customers.stated", "report.customers.interval",
      "report.customers.other", "report.method.survey", "report.method.match",
      "report.method.stated", "report.useful.audience", "report.useful.independent",
      "report.useful.stated", "report.useful.owner-guess", "report.dimension.city",
      "report.dimension.country", "report.dimension.age", "report.and", "report.goal.at_least",
      "report.goal.at_most", "report.goal.by", "report.goal.no-deadline", "report.goal.status",
      "report.goal.current", "report.goal.projected", "report.goal.required",
      "report.goal.projected-date", "report.goal.objective", "report.goal.why",
      "report.goal.questions", "report.goal.on-day", "report.goal.deadline-passed",
      "report.goal.when-reached", "report.goal.not-reached", "report.goal.no-projection",
      "report.goal.see-questions", "report.goals.none", "report.questions.none", "report.data.none",
      "status.met", "status.on_track", "status.behind", "status.missed", "status.no_data",
      "objective.none", "objective.loyalty", "objective.acquisition", "objective.new_market",
      "objective.brand_image", "objective.customer_service", "objective.product_feedback",
      "objective.online_sales", "objective.community", "objective.grow_audience",
      "objective.other",
  };
  for (const char* key : keys) {
    for (Language lang : {Language::en, Language::es}) {
      CAPTURE(key);
      CHECK(message_text(lang, key) != key);
      CHECK_NOTHROW(message(
          lang, key, fmt::arg("name", "n"), fmt::arg("page", "p"), fmt::arg("as_of", "d"),
          fmt::arg("days", 1), fmt::arg("from", "d"), fmt::arg("to", "d"), fmt::arg("label", "l"),
          fmt::arg("value", "v"), fmt::arg("rate", "r"), fmt::arg("share", "s"),
          fmt::arg("reason", "r"), fmt::arg("hours", "h"), fmt::arg("logged", 1),
          fmt::arg("stated", 1), fmt::arg("follow", 1), fmt::arg("asked", 1), fmt::arg("p", "p"),
          fmt::arg("base", "b"), fmt::arg("n", 1), fmt::arg("matched", 1), fmt::arg("low", "l"),
          fmt::arg("high", "h"), fmt::arg("low_n", 1), fmt::arg("high_n", 1),
          fmt::arg("method", "m"), fmt::arg("dimensions", "d"), fmt::arg("targets", "t"),
          fmt::arg("metric", "m"), fmt::arg("bound", "b"), fmt::arg("date", "d"),
          fmt::arg("rules", "r")));
    }
  }
}

TEST_CASE("amounts keep their decimals; other figures keep three significant digits") {
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
