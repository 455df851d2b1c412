// US Pacific day arithmetic for Meta's end_time stamps, from the DST rules rather than tzdata.
#include "pageaudit/graph/end_time.h"

#include <fmt/format.h>

namespace pageaudit {
namespace {

constexpr std::int64_t k_day = 86400;
constexpr std::int64_t k_hour = 3600;
constexpr std::int64_t k_minute = 60;
constexpr int k_pst = -8 * 3600;
constexpr int k_pdt = -7 * 3600;

// Floor division, so that instants before 1970 land on the right day.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// The n-th (1-based) Sunday of a month, as a day number.
long nth_sunday(int year, unsigned month, int n) {
  long first = days_from_civil(year, month, 1);
  int weekday = Date::from_days(first).weekday();  // 0 = Monday ... 6 = Sunday
  return first + (6 - weekday) + 7L * (n - 1);
}

bool parse_digits(std::string_view text, size_t pos, size_t count, int& out) {
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::optional<std::int64_t> parse_graph_time(std::string_view text) {
  // 2026-07-30T07:00:00+0000
  // 0123456789012345678901234
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || (text[19] != '+' && text[19] != '-')) {
    return std::nullopt;
  }
  int year, month, day, hour, minute, second, off_hours, off_minutes;
  if (!parse_digits(text, 0, 4, year) || !parse_digits(text, 5, 2, month) ||
      !parse_digits(text, 8, 2, day) || !parse_digits(text, 11, 2, hour) ||
      !parse_digits(text, 14, 2, minute) || !parse_digits(text, 17, 2, second) ||
      !parse_digits(text, 20, 2, off_hours) || !parse_digits(text, 22, 2, off_minutes)) {
    return std::nullopt;
  }
  auto date = Date::from_ymd(year, month, day);
  if (!date || hour > 23 || minute > 59 || second > 59 || off_hours > 14 || off_minutes > 59) {
    return std::nullopt;
  }
  std::int64_t offset = (off_hours * k_hour + off_minutes * k_minute) * (text[19] == '-' ? -1 : 1);
  return date->days() * k_day + hour * k_hour + minute * k_minute + second - offset;
}

std::string format_graph_time(std::int64_t utc_seconds) {
  std::int64_t days = floor_div(utc_seconds, k_day);
  std::int64_t rest = utc_seconds - days * k_day;
  return fmt::format("{}T{:02}:{:02}:{:02}+0000", Date::from_days(days).iso(), rest / k_hour,
                     rest % k_hour / 60, rest % 60);
}

int pacific_utc_offset(std::int64_t utc_seconds) {
  int year = Date::from_days(floor_div(utc_seconds, k_day)).year();
  // Daylight time starts at 02:00 PST (10:00 UTC) and ends at 02:00 PDT (09:00 UTC).
  std::int64_t starts = nth_sunday(year, 3, 2) * k_day + 10 * k_hour;
  std::int64_t ends = nth_sunday(year, 11, 1) * k_day + 9 * k_hour;
  return utc_seconds >= starts && utc_seconds < ends ? k_pdt : k_pst;
}

Date pacific_day(std::int64_t utc_seconds) {
  return Date::from_days(floor_div(utc_seconds + pacific_utc_offset(utc_seconds), k_day));
}

std::int64_t pacific_midnight(Date day) {
  // Midnight is never inside the skipped or repeated hour (02:00), so one of the two offsets is
  // the right one: try standard time first and switch when the instant falls in daylight time.
  std::int64_t standard = day.days() * k_day - k_pst;
  return pacific_utc_offset(standard) == k_pst ? standard : day.days() * k_day - k_pdt;
}

std::optional<GraphTime> GraphTime::of(std::string_view text) {
  auto seconds = parse_graph_time(text);
  if (!seconds) return std::nullopt;
  GraphTime out;
  out.m_seconds = *seconds;
  text.copy(out.m_text.data(), out.m_text.size());  // 24 characters: parse_graph_time checked
  out.m_size = static_cast<std::uint8_t>(text.size());
  return out;
}

std::optional<Date> day_described(std::string_view end_time) {
  auto instant = parse_graph_time(end_time);
  if (!instant) return std::nullopt;
  return pacific_day(*instant) - 1;
}

Date day_described(const GraphTime& end_time) {
  return pacific_day(end_time.seconds()) - 1;
}

std::string end_time_of(Date day) {
  return format_graph_time(pacific_midnight(day + 1));
}

}  // namespace pageaudit
