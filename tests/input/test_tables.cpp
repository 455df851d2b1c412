// Tests for input/tables: customer lists, time logs and outcome files, with their exact errors.
#include <doctest/doctest.h>

#include "pageaudit/input/tables.h"

namespace pageaudit {
namespace {

// SHA-256 of normalized identifiers, computed outside the code (Python's hashlib).
const std::string k_maria = "3be8a21c34ab215070e7912382c16a62a505223edf598e65e735e8edc05edaa9";
const std::string k_maria_email =
    "f4454ad82fb9f49c6c3f9eac7363cd1b76b520d4cb3c541bf5fe316bbaaac01b";
const std::string k_maria_phone =
    "64fad2f7957dbb5bab54ec56a6395a2bb1e149405f6d55b58efb4eb330385c74";
const std::string k_ana = "67b6abf5443255154b071eb847a9fb9bb0becdb893d962340301b32c45b38ef2";
const std::string k_ana_phone = "11f976ff0fae9007051c1c0be7821b65f86e69e36f63542ae8c72dbf3b9cd9dc";
const std::string k_jose = "9296e1d84b951e31a83a4b212c607e4502e4d378efc85850477e31a0ae01a75f";

std::unique_ptr<CsvReader> reader_of(std::string text) {
  auto reader = CsvReader::from_bytes(std::move(text), "c.csv");
  REQUIRE(reader);
  return std::move(*reader);
}

Result<CustomerList> customers(std::string text) {
  return read_customers(*reader_of(std::move(text)));
}

std::string error_of(const auto& result) {
  REQUIRE_FALSE(result);
  CHECK(result.error().code == ExitCode::data);
  return result.error().message;
}

TEST_CASE("customer headers match by alias, in English and Spanish, with or without accents") {
  const struct {
    const char* header;
  } cases[] = {
      {"name,email,phone,city"},
      {"Nombre,Correo electrónico,Teléfono,Ciudad"},
      {"NOMBRE,CORREO,TELEFONO,POBLACIÓN"},
      {"Full name,E-mail,Mobile,Town"},
      {"nombre y apellidos,e_mail,Móvil,Localidad"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    auto list = customers(std::string(c.header) +
                          "\nMaría José Ramos,mj.ramos@example.com,"
                          "699 834 676,Madrid\n");
    REQUIRE(list);
    REQUIRE(list->customers.size() == 1);
    const Customer& m = list->customers[0];
    CHECK(m.name == "María José Ramos");
    CHECK(m.email == "mj.ramos@example.com");
    CHECK(m.phone == "699 834 676");
    CHECK(m.city == "Madrid");
    CHECK(m.name_hash == k_maria);
    CHECK(m.email_hash == k_maria_email);
    CHECK(m.phone_hash == k_maria_phone);
  }
}

TEST_CASE("a customer typed again with other case, accents, spacing or phone format is one") {
  auto list = customers(
      "nombre,correo,teléfono\n"
      "María José Ramos,MJ.Ramos@Example.com,+34 699 834 676\n"
      "maria  jose RAMOS, mj.ramos@example.com ,0034-699-834-676\n"
      "Ana López,,612345678\n"
      "ANA LOPEZ,,+34 612 34 56 78\n"
      "José García,,\n"
      "Jose Garcia,,\n");
  REQUIRE(list);
  CHECK(list->rows == 6);
  CHECK(list->repeats() == 3);
  REQUIRE(list->customers.size() == 3);
  CHECK(list->customers[0].key() == k_maria_email);  // e-mail first
  CHECK(list->customers[0].line == 2);
  CHECK(list->customers[0].name == "María José Ramos");  // the first spelling is kept
  CHECK(list->customers[1].key() == k_ana_phone);        // then the phone
  CHECK(list->customers[1].name_hash == k_ana);
  CHECK(list->customers[2].key() == k_jose);  // then the name
  CHECK_FALSE(list->customers[2].email_hash);
}

TEST_CASE("a repeat fills in what the customer's first row lacked") {
  auto list = customers(
      "email,name,city\nmj.ramos@example.com,,\nmj.ramos@example.com,María José "
      "Ramos,Madrid\n");
  REQUIRE(list);
  REQUIRE(list->customers.size() == 1);
  CHECK(list->customers[0].name_hash == k_maria);
  CHECK(list->customers[0].city == "Madrid");
}

TEST_CASE("a surname column is joined to the name, other columns and blank lines are ignored") {
  auto list = customers("Nombre;Apellidos;Puntos;Teléfono\n\nMaría José;Ramos;120;\n;;;\n");
  REQUIRE(list);
  CHECK(list->rows == 1);
  REQUIRE(list->customers.size() == 1);
  CHECK(list->customers[0].name == "María José Ramos");
  CHECK(list->customers[0].name_hash == k_maria);
}

TEST_CASE("a customer list with only a header has no customers") {
  auto list = customers("name,email\n");
  REQUIRE(list);
  CHECK(list->customers.empty());
  CHECK(list->rows == 0);
}

TEST_CASE("a file of blank lines has no header, for every kind") {
  CHECK(error_of(customers("\n \n")) == "c.csv: the file has only blank lines");
  CHECK(error_of(read_time_log(*reader_of("\n,\n"))) == "c.csv: the file has only blank lines");
  CHECK(error_of(read_outcomes(*reader_of("\n"))) == "c.csv: the file has only blank lines");
}

TEST_CASE("customer list errors say where and what") {
  const struct {
    const char* text;
    const char* error;
  } cases[] = {
      {"ciudad,puntos\nMadrid,3\n",
       "c.csv:1: no name, e-mail or phone column (the header has: ciudad, puntos)"},
      {"email,correo\na@b.es,a@b.es\n",
       "c.csv:1: columns \"email\" and \"correo\" both hold the e-mail address"},
      {"nombre,correo\nAna,ana.example.com\n",
       "c.csv:2: column \"correo\": expected an e-mail address, got \"ana.example.com\""},
      {"nombre,correo\nAna,@example.com\n",
       "c.csv:2: column \"correo\": expected an e-mail address, got \"@example.com\""},
      {"nombre,teléfono\nAna,n/a\n",
       "c.csv:2: column \"teléfono\": expected a phone number, got \"n/a\""},
      {"nombre,teléfono\nAna,612\n",
       "c.csv:2: column \"teléfono\": expected a phone number, got \"612\""},
      {"nombre,ciudad\nAna,Madrid\n,Getafe\n", "c.csv:3: no name, e-mail or phone"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(error_of(customers(c.text)) == c.error);
  }
}

TEST_CASE("a phone without a country code gets the default one") {
  auto list = read_customers(*reader_of("phone\n06 12 34 56 78\n"), "33");
  REQUIRE(list);
  REQUIRE(list->customers.size() == 1);
  // 33612345678
  CHECK(list->customers[0].phone_hash ==
        "8a3e7886c9335e82e02299fa3e87b46e2de3b0c63d56003e30a5029394a47661");
}

// --- Time log ---

TEST_CASE("a time log reads date and hours, with optional activity and person") {
  auto entries = read_time_log(*reader_of(
      "fecha,horas,actividad,persona\n2026-08-23,1.5,posting,Lucía\n2026-08-23,0.25,stories,"
      "Marcos\n\n2026-08-24,2,,\n"));
  REQUIRE(entries);
  REQUIRE(entries->size() == 3);
  CHECK((*entries)[0].date.iso() == "2026-08-23");
  CHECK((*entries)[0].hours == 1.5);
  CHECK((*entries)[0].activity == "posting");
  CHECK((*entries)[0].person == "Lucía");
  CHECK((*entries)[1].hours == 0.25);
  CHECK((*entries)[2].line == 5);
  CHECK((*entries)[2].activity.empty());
  CHECK((*entries)[2].person.empty());
}

TEST_CASE("time log rows with the same day, activity and person are summed") {
  auto entries = read_time_log(
      *reader_of("date,hours,person\n2026-08-23,1,Lucía\n2026-08-23,0.5,Marcos\n2026-08-23,2.25,"
                 "Lucía\n"));
  REQUIRE(entries);
  REQUIRE(entries->size() == 2);
  CHECK((*entries)[0].hours == 3.25);
  CHECK((*entries)[0].line == 2);
  CHECK((*entries)[1].hours == 0.5);
}

TEST_CASE("hours take the decimal mark of the file's delimiter, else the other one") {
  const struct {
    const char* text;
    double hours;
  } cases[] = {
      {"date;hours\n2026-08-23;1,5\n", 1.5},     {"date;hours\n2026-08-23;1.5\n", 1.5},
      {"date,hours\n2026-08-23,\"1,5\"\n", 1.5}, {"date,hours\n2026-08-23,0\n", 0},
      {"date,hours\n2026-08-23,24\n", 24},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto entries = read_time_log(*reader_of(c.text));
    REQUIRE(entries);
    REQUIRE(entries->size() == 1);
    CHECK((*entries)[0].hours == c.hours);
  }
}

TEST_CASE("time log errors say where and what") {
  const struct {
    const char* text;
    const char* error;
  } cases[] = {
      {"hours,person\n1,Ana\n",
       "c.csv:1: no \"date\" column (a time log has date,hours[,activity][,person])"},
      {"date,person\n2026-08-23,Ana\n",
       "c.csv:1: no \"hours\" column (a time log has date,hours[,activity][,person])"},
      {"date,hours\n23/08/2026,1\n",
       "c.csv:2: column \"date\": expected a date YYYY-MM-DD, got \"23/08/2026\""},
      {"date,hours\n2026-02-30,1\n",
       "c.csv:2: column \"date\": expected a date YYYY-MM-DD, got \"2026-02-30\""},
      {"Fecha,Horas\n2026-08-23,1\n2026-08-24,25\n",
       "c.csv:3: column \"Horas\": expected a number of hours from 0 to 24, got \"25\""},
      {"date,hours\n2026-08-23,-1\n",
       "c.csv:2: column \"hours\": expected a number of hours from 0 to 24, got \"-1\""},
      {"date,hours\n2026-08-23,\n",
       "c.csv:2: column \"hours\": expected a number of hours from 0 to 24, got \"\""},
      {"date,hours\n2026-08-23,50%\n",
       "c.csv:2: column \"hours\": expected a number of hours from 0 to 24, got \"50%\""},
      {"date,hours\n2026-08-23,20\n2026-08-23,5\n",
       "c.csv:3: 2026-08-23 adds up to 25 hours for the same activity and person (with line 2); "
       "at most 24"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(error_of(read_time_log(*reader_of(c.text))) == c.error);
  }
}

// --- Outcomes ---

TEST_CASE("every column but the date is an outcome named after its header") {
  auto table = read_outcomes(
      *reader_of("Fecha,Visitantes,Web visits,Ventas (€)\n2025-11-21,65,51,\"335,99\"\n"
                 "2025-11-22,74,,704.63\n"));
  REQUIRE(table);
  CHECK(table->metrics == std::vector<std::string>{"visitantes", "web_visits", "ventas_(€)"});
  REQUIRE(table->values.size() == 6);
  CHECK(table->values[0].metric == "visitantes");
  CHECK(table->values[0].value == 65);
  CHECK(table->values[2].value == 335.99);
  CHECK(table->values[3].date.iso() == "2025-11-22");
  CHECK(table->values[3].line == 3);
  CHECK_FALSE(table->values[4].value);  // an empty cell is no value, never 0
  CHECK(table->values[5].value == 704.63);
}

TEST_CASE("outcome file errors say where and what") {
  const struct {
    const char* text;
    const char* error;
  } cases[] = {
      {"visitors,sales\n1,2\n", "c.csv:1: no \"date\" column"},
      {"date\n2025-11-21\n", "c.csv:1: no outcome column besides the date"},
      {"date,,sales\n2025-11-21,1,2\n", "c.csv:1: column 2 has no name"},
      {"date,a:b\n2025-11-21,1\n", "c.csv:1: column \"a:b\": an outcome name cannot contain ':'"},
      {"date,Sales,sales\n2025-11-21,1,2\n", "c.csv:1: two columns are the outcome \"sales\""},
      {"date,sales\n2025-11-21,1\n2025-11-21,2\n", "c.csv:3: 2025-11-21 is already on line 2"},
      {"date,sales\n2025-11-21,n/a\n", "c.csv:2: column \"sales\": expected a number, got \"n/a\""},
      {"date,sales\nNov 21,1\n",
       "c.csv:2: column \"date\": expected a date YYYY-MM-DD, got \"Nov 21\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(error_of(read_outcomes(*reader_of(c.text))) == c.error);
  }
}

}  // namespace
}  // namespace pageaudit
