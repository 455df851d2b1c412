// Civil (proleptic Gregorian) dates as day numbers: parsing, formatting and arithmetic.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pageaudit {

// A calendar day. Stored as days since 1970-01-01 so that differences and ranges are plain
// integers.
class Date {
 public:
  constexpr Date() = default;
  static constexpr Date from_days(long days) {
    Date d;
    d.m_days = days;
    return d;
  }
  // Returns nullopt for an impossible day (2026-02-30) or a year outside 1900..9999.
  static std::optional<Date> from_ymd(int year, int month, int day);
  // Parses exactly 'YYYY-MM-DD'; nullopt otherwise.
  static std::optional<Date> parse_iso(std::string_view text);

  constexpr long days() const { return m_days; }
  int year() const;
  int month() const;
  int day() const;
  int weekday() const;      // 0 = Monday ... 6 = Sunday
  std::string iso() const;  // 'YYYY-MM-DD'

  constexpr Date operator+(long n) const { return from_days(m_days + n); }
  constexpr Date operator-(long n) const { return from_days(m_days - n); }
  constexpr long operator-(Date other) const { return m_days - other.m_days; }
  // clang-tidy 14 takes the defaulted <=> for a literal 0 compared with a pointer.
  constexpr auto operator<=>(const Date&) const = default;  // NOLINT(modernize-use-nullptr)

 private:
  long m_days = 0;
};

// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm); no validation.
long days_from_civil(int year, unsigned month, unsigned day);

bool is_leap_year(int year);
int days_in_month(int year, int month);

}  // namespace pageaudit
