// Slash dates read day-first or month-first as the evidence in their column says, never by guess.
#include "pageaudit/input/date_column.h"

#include <charconv>
#include <cstdlib>

#include "pageaudit/input/export.h"

namespace pageaudit {
namespace {

// Reads 'digits' (1 to max_digits of them) from the front of 'text'.
std::optional<int> take_number(std::string_view& text, size_t max_digits) {
  size_t n = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
  if (n == 0 || n > max_digits) return std::nullopt;
  int value = 0;
  std::from_chars(text.data(), text.data() + n, value);
  text.remove_prefix(n);
  return value;
}

// A look-ahead holds whole rows; a classic Page export's rows are wide, so bytes are capped too.
constexpr size_t k_look_ahead_bytes = 32u << 20;

size_t record_bytes(const CsvRecord& record) {
  size_t bytes = sizeof(CsvRecord);
  for (const std::string& field : record.fields) bytes += sizeof(std::string) + field.size();
  return bytes;
}

}  // namespace

const char* date_order_name(DateOrder order) {
  return order == DateOrder::day_first ? "day-first" : "month-first";
}

std::optional<Date> SlashDate::read(DateOrder order) const {
  return order == DateOrder::day_first ? Date::from_ymd(year, second, first)
                                       : Date::from_ymd(year, first, second);
}

std::optional<SlashDate> parse_slash_date(std::string_view text) {
  text = trim(text);
  SlashDate date;
  auto first = take_number(text, 2);
  if (!first || !text.starts_with('/')) return std::nullopt;
  text.remove_prefix(1);
  auto second = take_number(text, 2);
  if (!second || !text.starts_with('/')) return std::nullopt;
  text.remove_prefix(1);
  if (text.size() < 4 || (text.size() > 4 && text[4] != ' ')) return std::nullopt;
  auto year = take_number(text, 4);
  if (!year) return std::nullopt;
  date.first = *first;
  date.second = *second;
  date.year = *year;
  return date;
}

DateColumn::DateColumn(std::string file, std::string header, size_t index, DateKind kind,
                       std::optional<DateOrder> convention)
    : m_file(std::move(file)), m_header(std::move(header)), m_index(index), m_kind(kind) {
  if (convention) {
    m_order = convention;
    m_why.order = *convention;
    m_why.convention = true;
  }
}

Result<std::optional<Date>> DateColumn::date(const CsvRecord& row, RecordStream& stream) {
  const std::string_view cell = trim(row[m_index]);
  if (auto s = decide(cell, row.line, stream); !s) return tl::unexpected(s.error());
  return parse_export_date(cell, m_order.value_or(DateOrder::month_first));
}

Result<std::optional<std::string>> DateColumn::time(const CsvRecord& row, RecordStream& stream) {
  const std::string_view cell = trim(row[m_index]);
  if (auto s = decide(cell, row.line, stream); !s) return tl::unexpected(s.error());
  return parse_export_time(cell, m_order.value_or(DateOrder::month_first));
}

// Observes the cell and, when it is a slash date whose column is still undecided, the rows after
// it until something decides; refuses the column when nothing does. Without a slash date (ISO, or
// not a date) the order does not matter and the caller's parse needs none.
Status DateColumn::decide(std::string_view cell, long line, RecordStream& stream) {
  if (auto s = observe(cell, line); !s) return s;
  auto slash = parse_slash_date(cell);
  // '1/1/2026' is the same day either way; '13/13/2026' is none: the caller reports it.
  if (m_order || !slash || slash->first == slash->second ||
      (!slash->read(DateOrder::day_first) && !slash->read(DateOrder::month_first))) {
    return {};
  }
  size_t bytes = 0;
  bool capped = true;
  for (size_t n = 0; n < k_look_ahead_rows && bytes < k_look_ahead_bytes; ++n) {
    auto next = stream.peek(n);
    if (!next) return tl::unexpected(next.error());
    if (!*next) {
      capped = false;
      break;
    }
    const std::string_view ahead = trim((**next)[m_index]);
    bytes += record_bytes(**next);
    if (ahead.empty()) continue;  // a row without a date (Meta's error rows, blank lines)
    // The column ends where its cells stop being dates (the next chart block's title line).
    if (!parse_slash_date(ahead) && !parse_export_date(ahead, DateOrder::month_first)) {
      capped = false;
      break;
    }
    if (auto s = observe(ahead, (*next)->line); !s) return s;
    if (m_order) return {};
  }
  return fail(ExitCode::data,
              at(m_file, line,
                 fmt::format("the {}dates in column \"{}\" can be read day-first or month-first "
                             "({}); nothing in the file tells which. Export the file again from "
                             "Meta and import it without opening it in a spreadsheet, or format "
                             "the column as YYYY-MM-DD in the spreadsheet and save it again",
                             capped ? fmt::format("first {} ", k_look_ahead_rows) : std::string(),
                             m_header, cell)));
}

// Takes what one cell shows: a field above 12, and for a column of days, its step from the row
// before. Each row is observed once, whether first seen in a look-ahead or when it is read.
Status DateColumn::observe(std::string_view cell, long line) {
  if (line <= m_last_line) return {};
  m_last_line = line;
  auto slash = parse_slash_date(cell);
  if (!slash) return {};
  auto day_first = slash->read(DateOrder::day_first);
  auto month_first = slash->read(DateOrder::month_first);
  if (!day_first && !month_first) return {};  // no date either way: the caller reports it
  if (!day_first || !month_first) {
    Evidence field;
    field.order = day_first ? DateOrder::day_first : DateOrder::month_first;
    field.line = line;
    field.text = cell;
    if (auto s = agree(std::move(field)); !s) return s;
  }
  if (m_kind == DateKind::days && m_previous) {
    for (DateOrder order : {DateOrder::day_first, DateOrder::month_first}) {
      auto before = m_previous->read(order), now = slash->read(order);
      // One day apart in one reading is never one day apart in the other (with both fields at
      // most 12, a step of one day never crosses a month in the reading that makes it).
      if (before && now && std::labs(*now - *before) == 1) {
        if (auto s =
                agree(Evidence{order, line, std::string(cell), m_previous_line, m_previous_text});
            !s) {
          return s;
        }
      }
    }
  }
  m_previous = slash;
  m_previous_line = line;
  m_previous_text = std::string(cell);
  return {};
}

Status DateColumn::agree(Evidence evidence) {
  if (!m_order) {
    m_order = evidence.order;
    m_why = std::move(evidence);
    return {};
  }
  if (*m_order == evidence.order) return {};
  return fail(ExitCode::data,
              at(m_file, evidence.line,
                 fmt::format("column \"{}\" contradicts itself: {}, but {}; the dates of one "
                             "column must all be written the same way",
                             m_header, describe(evidence), describe(m_why))));
}

std::string DateColumn::describe(const Evidence& evidence) const {
  const char* order = date_order_name(evidence.order);
  if (evidence.convention) return fmt::format("Meta writes this column {}", order);
  if (evidence.previous_line > 0) {
    return fmt::format("lines {} and {} (\"{}\", \"{}\") are one day apart only read {}",
                       evidence.previous_line, evidence.line, evidence.previous_text, evidence.text,
                       order);
  }
  return fmt::format("line {} (\"{}\") can only be read {}", evidence.line, evidence.text, order);
}

}  // namespace pageaudit
