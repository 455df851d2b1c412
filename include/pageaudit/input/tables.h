// The business's own CSV files (SPEC 3.3-3.5): customer lists, the time log and daily outcomes,
// read into records for the store. Headers match by alias in English and Spanish.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/input/csv.h"

namespace pageaudit {

// Every reader below takes the first non-blank record as the header and skips blank records.
// Headers are compared after lower-casing, folding accents and reading '_', '-' and '.' as spaces
// ("Teléfono", "TELEFONO" and "telefono" are one header). Numbers use the decimal mark of the
// file's delimiter (',' with ';', the way European spreadsheets save; '.' otherwise), and the
// other mark where that one does not read ("1.5" in a ';' file). Dates are 'YYYY-MM-DD'.
// Errors are ExitCode::data with "FILE:LINE: what", on the first problem; a file of blank lines
// is "FILE: the file has only blank lines"; CsvReader's own errors pass through. read_outcomes
// always returns at least one metric.

// One customer, identified by hashes of normalized identifiers (core/identity.h).
struct Customer {
  long line = 0;  // where the customer first appears
  // As written in the file, trimmed; nullopt for a missing column or an empty cell.
  std::optional<std::string> name;  // "name" and "surname" columns joined by a space
  std::optional<std::string> email;
  std::optional<std::string> phone;
  std::optional<std::string> city;
  std::optional<std::string> name_hash;   // hash_identifier(normalize_text(name))
  std::optional<std::string> email_hash;  // hash_identifier(normalize_text(email))
  std::optional<std::string> phone_hash;  // hash_identifier(normalize_phone(phone))

  // The natural key: the first of email_hash, phone_hash and name_hash the customer has (a
  // customer from read_customers always has one).
  const std::string& key() const;
};

struct CustomerList {
  std::vector<Customer> customers;  // distinct by key(), in order of first appearance
  long rows = 0;                    // data rows read
  long repeats() const { return rows - static_cast<long>(customers.size()); }
};

// Reads a customer list (from a till, booking system or CRM). Columns, by alias:
//   name     name, full name, customer, nombre, nombre completo, nombre y apellidos, cliente
//   surname  surname, last name, apellidos, apellido (joined to the name)
//   email    email, e-mail, mail, email address, correo, correo electrónico
//   phone    phone, phone number, mobile, telephone, tel, teléfono, móvil, celular
//   city     city, town, ciudad, localidad, población, municipio
// Other columns are ignored. A row that repeats an earlier customer's key fills in what the
// earlier row lacked and is counted in repeats(). Phones without a country code get
// country_code ("612 345 678" -> 34612345678).
// Errors: "FILE:1: no name, e-mail or phone column (the header has: a, b)";
// "FILE:1: columns "email" and "correo" both hold the e-mail address";
// "FILE:LINE: column "correo": expected an e-mail address, got "x"" (no '@' with text on both
// sides); "FILE:LINE: column "teléfono": expected a phone number, got "x"" (not 8-15 digits
// with the country code); "FILE:LINE: no name, e-mail or phone".
Result<CustomerList> read_customers(CsvReader& reader, std::string_view country_code = "34");

// One entry of the time log: hours spent on the Page.
struct TimeEntry {
  long line = 0;  // where the entry first appears
  Date date;
  double hours = 0;      // 0..24
  std::string activity;  // "" when not given
  std::string person;    // "" when not given
};

// Reads a time log: date/fecha/día, hours/horas, and optional activity/actividad/tarea and
// person/persona/quién. Rows with the same date, activity and person are summed (a log lists
// sessions), in order of first appearance.
// Errors: "FILE:1: no "date" column (a time log has date,hours[,activity][,person])" (and the
// same for "hours"); "FILE:LINE: column "date": expected a date YYYY-MM-DD, got "x"";
// "FILE:LINE: column "hours": expected a number of hours from 0 to 24, got "x"";
// "FILE:LINE: 2026-08-23 adds up to 25 hours for the same activity and person (with line N);
// at most 24".
Result<std::vector<TimeEntry>> read_time_log(CsvReader& reader);

// One value of an outcome on one day.
struct OutcomeValue {
  long line = 0;
  Date date;
  std::string metric;           // the column's outcome name
  std::optional<double> value;  // nullopt: the cell was empty
};

struct OutcomeTable {
  std::vector<std::string> metrics;  // outcome names, in column order
  std::vector<OutcomeValue> values;  // row by row, column by column
};

// Reads daily outcomes: a date/fecha/día column and one or more numeric columns, each an outcome
// whose name is the header lower-cased, accents folded and spaces made '_' ("Web visits" ->
// "web_visits"): goals measure it as "outcome:web_visits".
// Errors: "FILE:1: no "date" column"; "FILE:1: no outcome column besides the date";
// "FILE:1: column N has no name"; "FILE:1: column "a:b": an outcome name cannot contain ':'";
// "FILE:1: two columns are the outcome "sales""; "FILE:LINE: column "date": expected a date
// YYYY-MM-DD, got "x""; "FILE:LINE: 2026-01-01 is already on line N";
// "FILE:LINE: column "sales": expected a number, got "x"".
Result<OutcomeTable> read_outcomes(CsvReader& reader);

}  // namespace pageaudit
