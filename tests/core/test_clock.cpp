// Tests for core/clock: the system clock's overrides, the fixed clock, UTC timestamps.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "pageaudit/core/clock.h"

namespace pageaudit {
namespace {

// The local day as the test computes it, to compare with the system clock's.
Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return *Date::from_ymd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

// Sets an environment variable for the scope of a test, and restores what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

TEST_CASE("UTC times parse and print as YYYY-MM-DDTHH:MM:SSZ") {
  CHECK(parse_utc_time("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_utc_time("2026-11-20T10:30:05Z") == 20777 * 86400L + 10 * 3600 + 30 * 60 + 5);
  CHECK(format_utc_time(20777 * 86400L + 10 * 3600 + 30 * 60 + 5) == "2026-11-20T10:30:05Z");
  for (const char* bad :
       {"", "2026-11-20", "2026-11-20 10:30:05Z", "2026-11-20T24:00:00Z", "2026-11-20T10:60:00Z",
        "2026-02-30T10:00:00Z", "2026-11-20T1a:00:00Z", "2026-11-20T10:30:05"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_utc_time(bad));
  }
}

TEST_CASE("the system clock shows $PAGEAUDIT_NOW and $PAGEAUDIT_TODAY when they are set") {
  const ScopedEnv now("PAGEAUDIT_NOW", "2026-11-20T10:30:05Z");
  const ScopedEnv today("PAGEAUDIT_TODAY", "2026-11-21");
  CHECK(system_clock().now_iso() == "2026-11-20T10:30:05Z");
  CHECK(system_clock().now() == *parse_utc_time("2026-11-20T10:30:05Z"));
  CHECK(system_clock().today() == *Date::parse_iso("2026-11-21"));
}

TEST_CASE("the system clock keeps a $PAGEAUDIT_NOW it cannot read as its text, and the time") {
  const ScopedEnv now("PAGEAUDIT_NOW", "not a time");
  const ScopedEnv today("PAGEAUDIT_TODAY", "not a day");
  CHECK(system_clock().now_iso() == "not a time");
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  const std::int64_t seen = system_clock().now();
  CHECK(seen >= before);
  CHECK(seen <= static_cast<std::int64_t>(std::time(nullptr)));
  CHECK(system_clock().today() == local_today());
}

TEST_CASE("without the overrides the system clock is the wall clock") {
  const ScopedEnv now("PAGEAUDIT_NOW", "");
  const ScopedEnv today("PAGEAUDIT_TODAY", "");
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  const auto seen = parse_utc_time(system_clock().now_iso());
  REQUIRE(seen);
  CHECK(*seen >= before);
  CHECK(*seen <= static_cast<std::int64_t>(std::time(nullptr)));
  CHECK(system_clock().today() == local_today());
}

TEST_CASE("a fixed clock shows what it was set to") {
  FixedClock clock(*parse_utc_time("2026-11-20T23:59:59Z"), *Date::parse_iso("2026-11-21"));
  CHECK(clock.now_iso() == "2026-11-20T23:59:59Z");
  CHECK(clock.today() == *Date::parse_iso("2026-11-21"));
  clock.set(0, *Date::parse_iso("1970-01-01"));
  CHECK(clock.now_iso() == "1970-01-01T00:00:00Z");
  CHECK(clock.now() == 0);
}

}  // namespace
}  // namespace pageaudit

namespace pageaudit {
namespace {

TEST_CASE("durations are seconds, minutes or hours, at most 604800 of the unit") {
  using std::chrono::milliseconds;
  CHECK(parse_duration("600") == milliseconds(600'000));
  CHECK(parse_duration("600s") == milliseconds(600'000));
  CHECK(parse_duration("10m") == milliseconds(600'000));
  CHECK(parse_duration("1h") == milliseconds(3'600'000));
  CHECK(parse_duration("0") == milliseconds(0));
  CHECK(parse_duration("604800s") == milliseconds(604'800'000));
  for (const char* bad : {"", "m", "-1s", "1.5h", "10 m", "1d", "604801"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad));
  }
}

TEST_CASE("Nd is the day N days before today") {
  const Date today = *Date::parse_iso("2026-11-21");
  CHECK(parse_days_ago("30d", today) == *Date::parse_iso("2026-10-22"));
  CHECK(parse_days_ago("0d", today) == today);
  for (const char* bad : {"d", "30", "-1d", "3 d", "2026-11-01"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_days_ago(bad, today));
  }
}

}  // namespace
}  // namespace pageaudit
