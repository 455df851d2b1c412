// Where the time of day enters pageaudit: every "now" and "today" comes from a Clock passed in
// (leveldb's Env is the model), so that tests and reproducible runs can fix it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/date.h"

namespace pageaudit {

class Clock {
 public:
  virtual ~Clock() = default;

  // Now, in seconds since 1970-01-01T00:00:00Z.
  virtual std::int64_t now() const = 0;

  // The local day today: the day the user sees on the wall.
  virtual Date today() const = 0;

  // Now as 'YYYY-MM-DDTHH:MM:SSZ', the form the store keeps timestamps in.
  virtual std::string now_iso() const;
};

// The wall clock, and the overrides tests and reproducible demos set: $PAGEAUDIT_NOW
// ('YYYY-MM-DDTHH:MM:SSZ') is now_iso() as given and now() when it reads as a time;
// $PAGEAUDIT_TODAY ('YYYY-MM-DD') is today() when it reads as a day. Read at each call.
class SystemClock final : public Clock {
 public:
  std::int64_t now() const override;
  Date today() const override;
  std::string now_iso() const override;
};

// The process's one SystemClock.
const Clock& system_clock();

// A clock that shows what a test set, and moves only when told.
class FixedClock final : public Clock {
 public:
  FixedClock(std::int64_t now, Date today) : m_now(now), m_today(today) {}
  std::int64_t now() const override { return m_now; }
  Date today() const override { return m_today; }
  void set(std::int64_t now, Date today) {
    m_now = now;
    m_today = today;
  }

 private:
  std::int64_t m_now;
  Date m_today;
};

// 'YYYY-MM-DDTHH:MM:SSZ' as seconds since the epoch; nullopt for any other text or an impossible
// time (a leap second, :60, is accepted).
std::optional<std::int64_t> parse_utc_time(std::string_view text);

// Seconds since the epoch as 'YYYY-MM-DDTHH:MM:SSZ'.
std::string format_utc_time(std::int64_t seconds);

// A duration as options give it: seconds ("600", "600s"), minutes ("10m") or hours ("1h"), at
// most 604800 of its unit; nullopt for anything else.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// "Nd": the day N days before today; nullopt for any other text.
std::optional<Date> parse_days_ago(std::string_view text, Date today);

}  // namespace pageaudit
