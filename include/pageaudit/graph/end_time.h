// Meta's timestamps and the US Pacific day an insights end_time describes.
//
// Meta closes its insights days at midnight in America/Los_Angeles whatever the Page's own zone:
// a daily value stamped end_time "2026-07-30T07:00:00+0000" (00:00 PDT on the 30th) is the
// value for 2026-07-29. Pacific time is computed here from the US rules in force since 2007
// (daylight time from the second Sunday of March, 02:00, to the first Sunday of November,
// 02:00), not from the system's tz database, so results do not depend on the machine.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/date.h"

namespace pageaudit {

// Parses Meta's time format "YYYY-MM-DDTHH:MM:SS+0000" (any +HHMM or -HHMM offset) into
// seconds since 1970-01-01T00:00:00Z. nullopt for any other text or an impossible date/time.
std::optional<std::int64_t> parse_graph_time(std::string_view text);

// Meta's time text as sent ("2026-07-30T07:00:00+0000"), held in place rather than in a heap
// string: a two-year backfill carries one per daily value, and their allocations were a large
// part of reading the answers. Holds only text in Meta's format (24 characters), or nothing.
class GraphTime {
 public:
  GraphTime() = default;
  // The text when parse_graph_time() accepts it; nullopt otherwise.
  static std::optional<GraphTime> of(std::string_view text);

  std::string_view view() const { return {m_text.data(), m_size}; }
  // The instant, read when the text was taken (0 when empty).
  std::int64_t seconds() const { return m_seconds; }
  bool empty() const { return m_size == 0; }
  friend bool operator==(const GraphTime& a, std::string_view b) { return a.view() == b; }

 private:
  std::int64_t m_seconds = 0;
  std::array<char, 24> m_text{};
  std::uint8_t m_size = 0;
};

// Formats seconds since the epoch the way Meta does: "2026-07-30T07:00:00+0000" (UTC).
std::string format_graph_time(std::int64_t utc_seconds);

// The offset of US Pacific time from UTC at an instant: -25200 (PDT) or -28800 (PST).
int pacific_utc_offset(std::int64_t utc_seconds);

// The Pacific calendar day that contains an instant.
Date pacific_day(std::int64_t utc_seconds);

// The instant 00:00 Pacific starts `day` (Meta's day boundary, and the since/until values).
std::int64_t pacific_midnight(Date day);

// The day a daily insights value with this end_time describes: the day before end_time's date in
// Pacific time. nullopt when end_time is not in Meta's time format.
std::optional<Date> day_described(std::string_view end_time);
Date day_described(const GraphTime& end_time);  // end_time not empty

// The end_time Meta stamps on the value for `day`: 00:00 Pacific of the next day, as UTC text.
std::string end_time_of(Date day);

}  // namespace pageaudit
