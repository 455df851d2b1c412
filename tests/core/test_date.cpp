// Date: civil conversions, ISO parsing and formatting, arithmetic.
#include <doctest/doctest.h>

#include "pageaudit/core/date.h"

using namespace pageaudit;

TEST_CASE("dates parse and print as ISO and reject impossible days") {
  struct Case {
    const char* text;
    bool valid;
    long days;  // since 1970-01-01, worked out by hand
  } cases[] = {
      {"1970-01-01", true, 0},     {"1970-01-02", true, 1},     {"2000-03-01", true, 11017},
      {"2024-02-29", true, 19782}, {"2026-11-20", true, 20777}, {"2023-02-29", false, 0},
      {"2026-13-01", false, 0},    {"2026-11-31", false, 0},    {"26-11-20", false, 0},
      {"2026/11/20", false, 0},    {"10000-01-01", false, 0},   {"1899-12-31", false, 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto date = Date::parse_iso(c.text);
    CHECK(date.has_value() == c.valid);
    if (date) {
      CHECK(date->days() == c.days);
      CHECK(date->iso() == c.text);
    }
  }
}

TEST_CASE("date arithmetic crosses month, leap-day and year ends") {
  Date d = *Date::parse_iso("2024-02-28");
  CHECK((d + 1).iso() == "2024-02-29");
  CHECK((d + 2).iso() == "2024-03-01");
  CHECK((*Date::parse_iso("2026-12-31") + 1).iso() == "2027-01-01");
  CHECK(*Date::parse_iso("2027-01-01") - *Date::parse_iso("2026-01-01") == 365);
  CHECK(Date::parse_iso("2026-11-20")->weekday() == 4);  // a Friday
  CHECK(Date::parse_iso("2026-11-23")->weekday() == 0);  // a Monday
}
