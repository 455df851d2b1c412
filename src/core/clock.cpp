// The system clock with its environment overrides, and UTC timestamps in the store's form.
#include "pageaudit/core/clock.h"

#include <charconv>
#include <cstdlib>
#include <ctime>

namespace pageaudit {
namespace {

// The local day on the wall: the only place pageaudit reads it (docs/CONVENTIONS.md, Clock).
Date today_local() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date::from_days(days_from_civil(local.tm_year + 1900,
                                         static_cast<unsigned>(local.tm_mon + 1),
                                         static_cast<unsigned>(local.tm_mday)));
}

const char* fixed_by(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : nullptr;
}

// A whole number of at least 0, and nothing else.
std::optional<long> parse_count(std::string_view text) {
  long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::string Clock::now_iso() const {
  return format_utc_time(now());
}

std::int64_t SystemClock::now() const {
  if (const char* fixed = fixed_by("PAGEAUDIT_NOW")) {
    if (auto seconds = parse_utc_time(fixed)) return *seconds;
  }
  return static_cast<std::int64_t>(std::time(nullptr));
}

std::string SystemClock::now_iso() const {
  if (const char* fixed = fixed_by("PAGEAUDIT_NOW")) return fixed;
  return format_utc_time(static_cast<std::int64_t>(std::time(nullptr)));
}

Date SystemClock::today() const {
  if (const char* fixed = fixed_by("PAGEAUDIT_TODAY")) {
    if (auto date = Date::parse_iso(fixed)) return *date;
  }
  return today_local();
}

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

std::optional<std::int64_t> parse_utc_time(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto day = Date::parse_iso(text.substr(0, 10));
  int parts[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    std::string_view digits = text.substr(11 + 3 * k, 2);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + 2, parts[k]);
    if (ec != std::errc() || end != digits.data() + 2) return std::nullopt;
  }
  if (!day || parts[0] > 23 || parts[1] > 59 || parts[2] > 60) return std::nullopt;
  return static_cast<std::int64_t>(day->days()) * 86400 + std::int64_t{parts[0]} * 3600 +
         std::int64_t{parts[1]} * 60 + parts[2];
}

std::string format_utc_time(std::int64_t seconds) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long scale = 1;
  if (!text.empty() && (text.back() == 's' || text.back() == 'm' || text.back() == 'h')) {
    scale = text.back() == 's' ? 1 : text.back() == 'm' ? 60 : 3600;
    text.remove_suffix(1);
  }
  auto count = parse_count(text);
  if (!count || *count > 7L * 24 * 3600) return std::nullopt;
  return std::chrono::milliseconds(*count * scale * 1000);
}

std::optional<Date> parse_days_ago(std::string_view text, Date today) {
  if (text.size() < 2 || text.back() != 'd') return std::nullopt;
  auto days = parse_count(text.substr(0, text.size() - 1));
  if (!days) return std::nullopt;
  return today - *days;
}

}  // namespace pageaudit
