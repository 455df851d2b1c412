// Readers for customer lists, time logs and outcome files: header aliases, cell checks, repeats.
#include "pageaudit/input/tables.h"

#include <algorithm>
#include <map>
#include <span>
#include <tuple>

#include "pageaudit/core/identity.h"
#include "pageaudit/input/values.h"

namespace pageaudit {
namespace {

// A header as compared with the aliases: normalized like a name, with '_', '-' and '.' read as
// spaces, so "E-mail", "e_mail" and "E mail" are one header.
std::string header_key(std::string_view header) {
  std::string spaced(trim(header));
  std::replace_if(
      spaced.begin(), spaced.end(), [](char c) { return c == '_' || c == '-' || c == '.'; }, ' ');
  return normalize_text(spaced);
}

struct Alias {
  std::string_view key;  // as header_key() gives it
  int field;
};

// The field of a header, or -1.
int field_of(std::string_view header, const std::vector<Alias>& aliases) {
  const std::string key = header_key(header);
  for (const Alias& alias : aliases) {
    if (alias.key == key) return alias.field;
  }
  return -1;
}

// Reads records up to the first non-blank one: the header.
// Error: "FILE: the file has only blank lines" (ExitCode::data).
Result<CsvRecord> read_header(CsvReader& reader) {
  CsvRecord record;
  for (;;) {
    auto more = reader.next(record);
    if (!more) return tl::unexpected(more.error());
    if (!*more) return fail(ExitCode::data, at(reader.name(), 0, "the file has only blank lines"));
    if (!record.blank()) return record;
  }
}

tl::unexpected<Error> bad(const CsvReader& reader, long line, const std::string& what) {
  return fail(ExitCode::data, at(reader.name(), line, what));
}

std::optional<std::string> cell(const CsvRecord& record, int column) {
  if (column < 0) return std::nullopt;
  const std::string_view text = trim(record[static_cast<size_t>(column)]);
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

// A number in the file's decimal style, else in the other one (see tables.h).
std::optional<double> number_in(std::string_view text, const CsvReader& reader) {
  const bool decimal_comma = reader.delimiter() == ';';
  auto number = parse_number(text, decimal_comma);
  if (!number) number = parse_number(text, !decimal_comma);
  if (!number || number->percent) return std::nullopt;
  return number->value;
}

Result<Date> date_cell(const CsvRecord& record, int column, const std::string& header,
                       const CsvReader& reader) {
  const std::string_view text = trim(record[static_cast<size_t>(column)]);
  if (auto date = Date::parse_iso(text)) return *date;
  return bad(reader, record.line,
             fmt::format("column \"{}\": expected a date YYYY-MM-DD, got \"{}\"", header, text));
}

// --- Customers -------------------------------------------------------------------------------

enum CustomerField { k_name, k_surname, k_email, k_phone, k_city, k_customer_fields };

const std::vector<Alias>& customer_aliases() {
  static const std::vector<Alias> aliases = {
      {"name", k_name},
      {"full name", k_name},
      {"customer", k_name},
      {"customer name", k_name},
      {"first name", k_name},
      {"nombre", k_name},
      {"nombre completo", k_name},
      {"nombre y apellidos", k_name},
      {"cliente", k_name},
      {"surname", k_surname},
      {"last name", k_surname},
      {"apellidos", k_surname},
      {"apellido", k_surname},
      {"email", k_email},
      {"e mail", k_email},
      {"mail", k_email},
      {"email address", k_email},
      {"e mail address", k_email},
      {"correo", k_email},
      {"correo electronico", k_email},
      {"phone", k_phone},
      {"phone number", k_phone},
      {"mobile", k_phone},
      {"mobile phone", k_phone},
      {"telephone", k_phone},
      {"tel", k_phone},
      {"telefono", k_phone},
      {"telefono movil", k_phone},
      {"movil", k_phone},
      {"celular", k_phone},
      {"city", k_city},
      {"town", k_city},
      {"ciudad", k_city},
      {"localidad", k_city},
      {"poblacion", k_city},
      {"municipio", k_city},
  };
  return aliases;
}

constexpr std::string_view k_customer_field_names[] = {"name", "surname", "e-mail address", "phone",
                                                       "city"};

// Column index per field (-1: absent), with the header text for messages.
struct Columns {
  std::vector<int> index;
  std::vector<std::string> header;
};

Result<Columns> map_columns(const CsvRecord& header, const std::vector<Alias>& aliases,
                            int field_count, const CsvReader& reader,
                            std::span<const std::string_view> field_names) {
  Columns columns{std::vector<int>(field_count, -1), std::vector<std::string>(field_count)};
  for (size_t i = 0; i < header.size(); ++i) {
    const int field = field_of(header[i], aliases);
    if (field < 0) continue;
    const std::string text(trim(header[i]));
    if (columns.index[field] >= 0) {
      return bad(reader, header.line,
                 fmt::format("columns \"{}\" and \"{}\" both hold the {}", columns.header[field],
                             text, field_names[field]));
    }
    columns.index[field] = static_cast<int>(i);
    columns.header[field] = text;
  }
  return columns;
}

std::string header_list(const CsvRecord& header) {
  std::string out;
  for (const std::string& field : header.fields) {
    if (!out.empty()) out += ", ";
    out += trim(field);
  }
  return out;
}

bool plausible_email(std::string_view email) {
  const size_t at_sign = email.find('@');
  return at_sign != std::string_view::npos && at_sign > 0 && at_sign + 1 < email.size() &&
         email.find_first_of(" \t") == std::string_view::npos;
}

void fill(std::optional<std::string>& into, const std::optional<std::string>& from) {
  if (!into && from) into = from;
}

}  // namespace

const std::string& Customer::key() const {
  if (email_hash) return *email_hash;
  if (phone_hash) return *phone_hash;
  return *name_hash;
}

Result<CustomerList> read_customers(CsvReader& reader, std::string_view country_code) {
  auto header = read_header(reader);
  if (!header) return tl::unexpected(header.error());
  CustomerList list;
  auto columns =
      map_columns(*header, customer_aliases(), k_customer_fields, reader, k_customer_field_names);
  if (!columns) return tl::unexpected(columns.error());
  const std::vector<int>& col = columns->index;
  if (col[k_name] < 0 && col[k_email] < 0 && col[k_phone] < 0) {
    return bad(
        reader, header->line,
        fmt::format("no name, e-mail or phone column (the header has: {})", header_list(*header)));
  }

  std::map<std::string, size_t, std::less<>> by_key;  // key -> index in list.customers
  CsvRecord record;
  for (;;) {
    auto more = reader.next(record);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    if (record.blank()) continue;
    ++list.rows;

    Customer c;
    c.line = record.line;
    c.name = cell(record, col[k_name]);
    if (auto surname = cell(record, col[k_surname])) {
      c.name = c.name ? *c.name + " " + *surname : *surname;
    }
    c.email = cell(record, col[k_email]);
    c.phone = cell(record, col[k_phone]);
    c.city = cell(record, col[k_city]);
    if (c.name) c.name_hash = hash_identifier(normalize_text(*c.name));
    if (c.email) {
      const std::string email = normalize_text(*c.email);
      if (!plausible_email(email)) {
        return bad(reader, record.line,
                   fmt::format("column \"{}\": expected an e-mail address, got \"{}\"",
                               columns->header[k_email], *c.email));
      }
      c.email_hash = hash_identifier(email);
    }
    if (c.phone) {
      const std::optional<std::string> phone = normalize_phone(*c.phone, country_code);
      if (!phone) {
        return bad(reader, record.line,
                   fmt::format("column \"{}\": expected a phone number, got \"{}\"",
                               columns->header[k_phone], *c.phone));
      }
      c.phone_hash = hash_identifier(*phone);
    }
    if (!c.name_hash && !c.email_hash && !c.phone_hash) {
      return bad(reader, record.line, "no name, e-mail or phone");
    }

    auto [it, inserted] = by_key.try_emplace(c.key(), list.customers.size());
    if (inserted) {
      list.customers.push_back(std::move(c));
      continue;
    }
    // The same customer typed again: keep the first spelling, take what it lacked.
    Customer& first = list.customers[it->second];
    fill(first.name, c.name);
    fill(first.email, c.email);
    fill(first.phone, c.phone);
    fill(first.city, c.city);
    fill(first.name_hash, c.name_hash);
    fill(first.email_hash, c.email_hash);
    fill(first.phone_hash, c.phone_hash);
  }
  return list;
}

// --- Time log --------------------------------------------------------------------------------

namespace {

enum TimeField { k_date, k_hours, k_activity, k_person, k_time_fields };

const std::vector<Alias>& time_aliases() {
  static const std::vector<Alias> aliases = {
      {"date", k_date},          {"day", k_date},          {"fecha", k_date},
      {"dia", k_date},           {"hours", k_hours},       {"hour", k_hours},
      {"horas", k_hours},        {"activity", k_activity}, {"task", k_activity},
      {"actividad", k_activity}, {"tarea", k_activity},    {"person", k_person},
      {"who", k_person},         {"persona", k_person},    {"quien", k_person},
  };
  return aliases;
}

constexpr std::string_view k_time_field_names[] = {"date", "hours", "activity", "person"};

constexpr double k_max_hours = 24;

}  // namespace

Result<std::vector<TimeEntry>> read_time_log(CsvReader& reader) {
  auto header = read_header(reader);
  if (!header) return tl::unexpected(header.error());
  std::vector<TimeEntry> entries;
  auto columns = map_columns(*header, time_aliases(), k_time_fields, reader, k_time_field_names);
  if (!columns) return tl::unexpected(columns.error());
  const std::vector<int>& col = columns->index;
  for (int required : {k_date, k_hours}) {
    if (col[required] < 0) {
      return bad(reader, header->line,
                 fmt::format("no \"{}\" column (a time log has date,hours[,activity][,person])",
                             k_time_field_names[required]));
    }
  }

  std::map<std::tuple<Date, std::string, std::string>, size_t> by_key;
  CsvRecord record;
  for (;;) {
    auto more = reader.next(record);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    if (record.blank()) continue;
    auto date = date_cell(record, col[k_date], columns->header[k_date], reader);
    if (!date) return tl::unexpected(date.error());
    const std::string_view text = trim(record[static_cast<size_t>(col[k_hours])]);
    const std::optional<double> hours = number_in(text, reader);
    if (!hours || *hours < 0 || *hours > k_max_hours) {
      return bad(reader, record.line,
                 fmt::format("column \"{}\": expected a number of hours from 0 to 24, got \"{}\"",
                             columns->header[k_hours], text));
    }
    TimeEntry entry{record.line, *date, *hours, cell(record, col[k_activity]).value_or(""),
                    cell(record, col[k_person]).value_or("")};

    auto [it, inserted] =
        by_key.try_emplace({entry.date, entry.activity, entry.person}, entries.size());
    if (inserted) {
      entries.push_back(std::move(entry));
      continue;
    }
    TimeEntry& first = entries[it->second];
    first.hours += entry.hours;
    if (first.hours > k_max_hours) {
      return bad(reader, record.line,
                 fmt::format("{} adds up to {} hours for the same activity and person (with line "
                             "{}); at most 24",
                             entry.date.iso(), first.hours, first.line));
    }
  }
  return entries;
}

// --- Outcomes --------------------------------------------------------------------------------

namespace {

// The outcome name of a header: its header_key with spaces made '_'.
std::string outcome_key(std::string_view header) {
  std::string key = header_key(header);
  std::replace(key.begin(), key.end(), ' ', '_');
  return key;
}

bool is_date_header(std::string_view header) {
  const std::string key = header_key(header);
  return key == "date" || key == "day" || key == "fecha" || key == "dia";
}

}  // namespace

Result<OutcomeTable> read_outcomes(CsvReader& reader) {
  auto header = read_header(reader);
  if (!header) return tl::unexpected(header.error());
  OutcomeTable table;
  const CsvRecord& head = *header;

  int date_column = -1;
  std::string date_header;
  std::vector<std::pair<size_t, std::string>> metric_columns;  // column, header as written
  for (size_t i = 0; i < head.size(); ++i) {
    const std::string text(trim(head[i]));
    if (date_column < 0 && is_date_header(text)) {
      date_column = static_cast<int>(i);
      date_header = text;
      continue;
    }
    if (text.empty()) return bad(reader, head.line, fmt::format("column {} has no name", i + 1));
    const std::string name = outcome_key(text);
    if (name.find(':') != std::string::npos) {
      return bad(reader, head.line,
                 fmt::format("column \"{}\": an outcome name cannot contain ':'", text));
    }
    if (std::find(table.metrics.begin(), table.metrics.end(), name) != table.metrics.end()) {
      return bad(reader, head.line, fmt::format("two columns are the outcome \"{}\"", name));
    }
    table.metrics.push_back(name);
    metric_columns.emplace_back(i, text);
  }
  if (date_column < 0) return bad(reader, head.line, "no \"date\" column");
  if (metric_columns.empty()) return bad(reader, head.line, "no outcome column besides the date");

  std::map<Date, long> lines;  // date -> the line it is on
  CsvRecord record;
  for (;;) {
    auto more = reader.next(record);
    if (!more) return tl::unexpected(more.error());
    if (!*more) break;
    if (record.blank()) continue;
    auto date = date_cell(record, date_column, date_header, reader);
    if (!date) return tl::unexpected(date.error());
    if (auto [it, inserted] = lines.try_emplace(*date, record.line); !inserted) {
      return bad(reader, record.line,
                 fmt::format("{} is already on line {}", date->iso(), it->second));
    }
    for (size_t m = 0; m < metric_columns.size(); ++m) {
      const auto& [column, text] = metric_columns[m];
      OutcomeValue value{record.line, *date, table.metrics[m], std::nullopt};
      const std::string_view raw = trim(record[column]);
      if (!raw.empty()) {
        value.value = number_in(raw, reader);
        if (!value.value) {
          return bad(reader, record.line,
                     fmt::format("column \"{}\": expected a number, got \"{}\"", text, raw));
        }
      }
      table.values.push_back(std::move(value));
    }
  }
  return table;
}

}  // namespace pageaudit
