// Reading a column of slash dates ('01/10/2026', '03/07/2026 13:45') without guessing whether the
// day or the month comes first: the column's order is decided from the evidence in the file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/input/csv.h"

namespace pageaudit {

class RecordStream;

enum class DateOrder { day_first, month_first };
const char* date_order_name(DateOrder order);  // "day-first" | "month-first"

// 'A/B/YYYY', optionally followed by a space and a time: the two leading fields as written.
struct SlashDate {
  int first = 0;
  int second = 0;
  int year = 0;
  // The day it names read in 'order'; nullopt when that reading is no day (a month of 13).
  std::optional<Date> read(DateOrder order) const;
};
std::optional<SlashDate> parse_slash_date(std::string_view text);

// What a column's rows are: days, one row per day, so that the column's order is evidence
// (a daily chart, a classic Page export); or moments in any order (a post's publish time).
enum class DateKind { days, times };

// One column of an export, read row by row. Its order is decided by, in this order of strength
// (every piece of evidence must agree, or the file is refused, FILE:LINE naming both):
// - a field above 12 ('13/10/2026' can only be day-first, '10/13/2026' only month-first);
// - the layout's known convention (content exports' 'Publish time' is month-first in every UI
//   language), given to the constructor;
// - for DateKind::days, consecutive rows one day apart in one reading (never in both: '01/10',
//   '02/10' are 1 and 2 October day-first, 10 January and 10 February month-first).
// ISO dates need none of it. A column whose slash dates stay ambiguous is refused (exit 65).
// To decide before the first row is returned, the rows after it are looked at through the
// stream's look-ahead, at most k_look_ahead_rows of them (bounded memory).
class DateColumn {
 public:
  static constexpr size_t k_look_ahead_rows = 1000;

  DateColumn(std::string file, std::string header, size_t index, DateKind kind,
             std::optional<DateOrder> convention = std::nullopt);

  // The day in row[index]: nullopt when the cell is not a date in a form exports use (the caller
  // says what it expected). ExitCode::data when the column contradicts itself or stays ambiguous.
  Result<std::optional<Date>> date(const CsvRecord& row, RecordStream& stream);
  // The same for a date and time: 'YYYY-MM-DDTHH:MM[:SS]'.
  Result<std::optional<std::string>> time(const CsvRecord& row, RecordStream& stream);

  std::optional<DateOrder> order() const { return m_order; }

 private:
  struct Evidence {
    DateOrder order = DateOrder::day_first;
    long line = 0;           // the row that shows it (the second of two rows for a step)
    std::string text;        // its cell
    long previous_line = 0;  // a step: the row before
    std::string previous_text;
    bool convention = false;
  };
  Status decide(std::string_view cell, long line, RecordStream& stream);
  Status observe(std::string_view cell, long line);
  Status agree(Evidence evidence);
  std::string describe(const Evidence& evidence) const;

  std::string m_file;
  std::string m_header;
  size_t m_index;
  DateKind m_kind;
  std::optional<DateOrder> m_order;
  Evidence m_why;        // what decided m_order
  long m_last_line = 0;  // rows up to here have been observed
  std::optional<SlashDate> m_previous;
  long m_previous_line = 0;
  std::string m_previous_text;
};

}  // namespace pageaudit
