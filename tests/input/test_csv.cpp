// Tests for the CSV text layer: encodings, delimiters, quoting, line numbers, errors, values.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "pageaudit/input/csv.h"
#include "support.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::utf16;

using namespace std::string_literals;

// Every record as 'LINE:[field][field]' on its own line (a blank line is just 'LINE:'), then
// 'error: MESSAGE' if reading stopped on an error.
std::string dump(CsvReader& reader) {
  std::string out;
  CsvRecord record;
  for (;;) {
    Result<bool> more = reader.next(record);
    if (!more) return out + "error: " + more.error().message;
    if (!*more) return out;
    out += fmt::format("{}:", record.line);
    for (const std::string& field : record.fields) out += "[" + field + "]";
    out += "\n";
  }
}

std::string records_of(std::string bytes, char delimiter = 0) {
  Result<std::unique_ptr<CsvReader>> reader =
      CsvReader::from_bytes(std::move(bytes), "t.csv", {delimiter});
  if (!reader) return "error: " + reader.error().message;
  return dump(**reader);
}

struct Case {
  const char* what;
  std::string bytes;
  std::string records;
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    CAPTURE(c.what);
    CHECK(records_of(c.bytes) == c.records);
  }
}

}  // namespace

TEST_CASE("quoted fields, doubled quotes and line ends follow RFC 4180") {
  check_cases({
      {"LF", "a,b\nc,d\n", "1:[a][b]\n2:[c][d]\n"},
      {"CRLF", "a,b\r\nc,d\r\n", "1:[a][b]\n2:[c][d]\n"},
      {"lone CR and no final line end", "a,b\rc,d", "1:[a][b]\n2:[c][d]\n"},
      {"final record without line end", "a,b\nc,d", "1:[a][b]\n2:[c][d]\n"},
      {"delimiter and doubled quote inside quotes", "\"a,b\",\"say \"\"hi\"\"\"\n",
       "1:[a,b][say \"hi\"]\n"},
      {"quoted empty field is a field", "\"\"\n", "1:[]\n"},
      {"empty fields", ",\na,\n,b\n", "1:[][]\n2:[a][]\n3:[][b]\n"},
      {"stray quote inside an unquoted field is kept", "5\" screen,x\n", "1:[5\" screen][x]\n"},
      {"text after a closing quote is kept", "\"a\"b,c\n", "1:[ab][c]\n"},
      {"spaces around fields are kept", " a , b \n", "1:[ a ][ b ]\n"},
  });
}

TEST_CASE(
    "a quoted field may contain line ends and the next record keeps its physical line number") {
  check_cases({
      {"LF inside quotes", "\"Fresh bread\ntoday\",1\nnext,2\n",
       "1:[Fresh bread\ntoday][1]\n3:[next][2]\n"},
      {"CRLF inside quotes counts as one line", "h\r\n\"a\r\nb\r\nc\",1\r\nnext,2\r\n",
       "1:[h]\n2:[a\r\nb\r\nc][1]\n5:[next][2]\n"},
      {"lone CR inside quotes", "\"a\rb\",1\rnext,2", "1:[a\rb][1]\n3:[next][2]\n"},
      {"empty lines inside quotes", "\"a\n\n\nb\"\nc\n", "1:[a\n\n\nb]\n5:[c]\n"},
  });
}

TEST_CASE("blank lines are records without fields and ragged rows are returned as they are") {
  check_cases({
      {"blank lines between blocks", "\"Title\"\na,b\n\n\"Next\"\n",
       "1:[Title]\n2:[a][b]\n3:\n4:[Next]\n"},
      {"blank CRLF lines", "a\r\n\r\n\r\nb\r\n", "1:[a]\n2:\n3:\n4:[b]\n"},
      {"an extra empty line at the end is one blank record", "a\n\n", "1:[a]\n2:\n"},
      {"only a line end", "\n", "1:\n"},
      {"short and long rows", "h1,h2,h3\n1\n1,2,3,4\n", "1:[h1][h2][h3]\n2:[1]\n3:[1][2][3][4]\n"},
  });
}

TEST_CASE("a short row reads as empty fields past its end and blank() sees whitespace-only rows") {
  auto reader = CsvReader::from_bytes("a,b,c\n1\n , \xC2\xA0\n\n", "t.csv");
  REQUIRE(reader);
  CsvRecord record;
  REQUIRE((*reader)->next(record).value());
  CHECK(record.size() == 3);
  CHECK_FALSE(record.blank());
  REQUIRE((*reader)->next(record).value());
  CHECK(record.size() == 1);
  CHECK(record[0] == "1");
  CHECK(record[1].empty());
  CHECK(record[7].empty());
  REQUIRE((*reader)->next(record).value());
  CHECK(record.size() == 2);
  CHECK(record.blank());
  REQUIRE((*reader)->next(record).value());
  CHECK(record.size() == 0);
  CHECK(record.blank());
  CHECK((*reader)->next(record).value() == false);
}

TEST_CASE("a sep= first line sets the delimiter, counts as line 1 and is not returned") {
  struct SepCase {
    const char* what;
    std::string bytes;
    char delimiter;
    std::string records;
  };
  const std::vector<SepCase> cases = {
      {"comma", "sep=,\n\"Facebook follows\"\n\"Date\",\"Primary\"\n", ',',
       "2:[Facebook follows]\n3:[Date][Primary]\n"},
      {"semicolon with CRLF", "sep=;\r\na;b\r\n", ';', "2:[a][b]\n"},
      {"tab re-save padded with tabs", "sep=\t\t\t\r\nFacebook followers\t\t\t\r\n30222\t\t\t",
       '\t', "2:[Facebook followers][][][]\n3:[30222][][][]\n"},
      {"upper case", "SEP=;\na;b\n", ';', "2:[a][b]\n"},
      {"the only line", "sep=,", ',', ""},
  };
  for (const SepCase& c : cases) {
    CAPTURE(c.what);
    auto reader = CsvReader::from_bytes(c.bytes, "t.csv");
    REQUIRE(reader);
    CHECK((*reader)->had_sep_line());
    CHECK((*reader)->delimiter() == c.delimiter);
    CHECK(dump(**reader) == c.records);
  }
}

TEST_CASE("a line that only looks like sep= is data") {
  for (const char* bytes : {"sep=\na,b\n", "sep=,x\na,b\n", "sep=|\na,b\n", "a,b\nsep=;\n"}) {
    CAPTURE(bytes);
    auto reader = CsvReader::from_bytes(bytes, "t.csv");
    REQUIRE(reader);
    CHECK_FALSE((*reader)->had_sep_line());
  }
  CHECK(records_of("sep=\na,b\n") == "1:[sep=]\n2:[a][b]\n");
}

TEST_CASE("a delimiter given in the options wins over sep= and sniffing") {
  CHECK(records_of("sep=,\na;b,c\n", ';') == "2:[a][b,c]\n");
  CHECK(records_of("a,b;c\n", ';') == "1:[a,b][c]\n");
}

TEST_CASE("without sep= the delimiter is sniffed from the first lines") {
  struct SniffCase {
    const char* what;
    std::string bytes;
    char delimiter;
  };
  const std::vector<SniffCase> cases = {
      {"comma", "a,b\n1,2\n", ','},
      {"one column defaults to comma", "x\ny\n", ','},
      {"semicolon re-save with a title line ending in ;",
       "Facebook follows;\nDate;Primary\n2025-10-31T00:00:00;4\n", ';'},
      {"semicolon with commas inside a few cells",
       "Pleven, Bulgaria;Sofia, Bulgaria;Plovdiv\n74.3;4;1\n;;\n", ';'},
      {"tab", "a\tb\tc\n1\t2\t3\n", '\t'},
      {"quoted semicolons do not count", "\"a;b\",c\n\"d;e\",f\n", ','},
      {"one line only", "Anúncios,\"CPM (custo por 1.000 impressões)\",Impressões", ','},
  };
  for (const SniffCase& c : cases) {
    CAPTURE(c.what);
    auto reader = CsvReader::from_bytes(c.bytes, "t.csv");
    REQUIRE(reader);
    CHECK((*reader)->delimiter() == c.delimiter);
    CHECK_FALSE((*reader)->had_sep_line());
  }
  CHECK(records_of("Facebook follows;\nDate;Primary\n") ==
        "1:[Facebook follows][]\n2:[Date][Primary]\n");
}

TEST_CASE("the encoding is detected from a BOM or from the bytes and decoded to UTF-8") {
  struct EncodingCase {
    const char* what;
    std::string bytes;
    Encoding encoding;
    std::string records;
  };
  const std::vector<EncodingCase> cases = {
      {"UTF-8 BOM is dropped", "\xEF\xBB\xBFPost ID,x\n", Encoding::utf8_bom, "1:[Post ID][x]\n"},
      {"UTF-8 without BOM", "Caf\xC3\xA9,x\n", Encoding::utf8, "1:[Caf\xC3\xA9][x]\n"},
      {"ASCII is UTF-8", "a,b\n", Encoding::utf8, "1:[a][b]\n"},
      {"UTF-16LE", utf16(u"sep=,\n\"Data\",\"Primary\"\n\"S\u00E3o Paulo\",\"7\"\n", false),
       Encoding::utf16le, "2:[Data][Primary]\n3:[S\xC3\xA3o Paulo][7]\n"},
      {"UTF-16BE with a surrogate pair", utf16(u"\"\U0001F600 ok\",\u0416\r\n", true),
       Encoding::utf16be, "1:[\xF0\x9F\x98\x80 ok][\xD0\x96]\n"},
      {"cp1252 accents and the euro sign", "Caf\xE9,\x80 5,Bi\xF3 B\xEDo\r\n", Encoding::cp1252,
       "1:[Caf\xC3\xA9][\xE2\x82\xAC 5][Bi\xC3\xB3 B\xC3\xADo]\n"},
      {"cp1251 when high bytes form Cyrillic words", "18-24;3.\xE0\xEF\xF0;1.\xFE\xED\xE8\r\n",
       Encoding::cp1251, "1:[18-24][3.\xD0\xB0\xD0\xBF\xD1\x80][1.\xD1\x8E\xD0\xBD\xD0\xB8]\n"},
      {"cp1251 Ukrainian letters below 0xC0", "\xB2\xE2\xE0\xED,\xBF\xE6\xE0\n", Encoding::cp1251,
       "1:[\xD0\x86\xD0\xB2\xD0\xB0\xD0\xBD][\xD1\x97\xD0\xB6\xD0\xB0]\n"},
  };
  for (const EncodingCase& c : cases) {
    CAPTURE(c.what);
    auto reader = CsvReader::from_bytes(c.bytes, "t.csv");
    REQUIRE(reader);
    CHECK((*reader)->encoding() == c.encoding);
    CHECK(dump(**reader) == c.records);
  }
}

TEST_CASE("encoding_name names every encoding") {
  const std::vector<std::pair<Encoding, std::string>> names = {
      {Encoding::utf8, "UTF-8"},       {Encoding::utf8_bom, "UTF-8 with BOM"},
      {Encoding::utf16le, "UTF-16LE"}, {Encoding::utf16be, "UTF-16BE"},
      {Encoding::cp1252, "cp1252"},    {Encoding::cp1251, "cp1251"},
  };
  for (const auto& [encoding, name] : names) CHECK(encoding_name(encoding) == name);
}

TEST_CASE("characters and line ends cut by the 64 KiB read buffer are joined") {
  const size_t chunk = 64 * 1024;
  SUBCASE("a UTF-8 character") {
    std::string bytes(chunk - 1, 'a');
    auto reader = CsvReader::from_bytes(bytes + "\xC3\xA9\nb\n", "t.csv");
    REQUIRE(reader);
    CHECK((*reader)->encoding() == Encoding::utf8);
    CHECK(dump(**reader) == "1:[" + bytes + "\xC3\xA9]\n2:[b]\n");
  }
  SUBCASE("a UTF-16 surrogate pair") {
    // BOM + 32766 units fill the chunk up to its last unit, which is the high surrogate.
    std::u16string text(chunk / 2 - 2, u'a');
    auto reader = CsvReader::from_bytes(utf16(text + u"\U0001F600\n", false), "t.csv");
    REQUIRE(reader);
    CHECK(dump(**reader) == "1:[" + std::string(chunk / 2 - 2, 'a') + "\xF0\x9F\x98\x80]\n");
  }
  SUBCASE("a CRLF") {
    std::string bytes(chunk - 1, 'a');
    CHECK(records_of(bytes + "\r\nb\r\n") == "1:[" + bytes + "]\n2:[b]\n");
  }
}

TEST_CASE("input errors name the file and the line") {
  check_cases({
      {"quote not closed: the line where the field began", "a,b\n\"never\nclosed,x\n",
       "1:[a][b]\nerror: t.csv:2: quoted field starting here is not closed (truncated file?)"},
      {"NUL byte", "a,b\nc\0d\n"s, "1:[a][b]\nerror: t.csv:2: NUL byte (binary file?)"},
      {"NUL byte inside quotes", "\"a\n\0\"\n"s, "error: t.csv:2: NUL byte (binary file?)"},
      {"unpaired low surrogate", utf16(u"a\nb\xDC00\n", false),
       "1:[a]\nerror: t.csv:2: invalid UTF-16 (unpaired surrogate)"},
      {"high surrogate without low", utf16(u"a\n\xD800x\n", true),
       "1:[a]\nerror: t.csv:2: invalid UTF-16 (unpaired surrogate)"},
      {"high surrogate at the end", utf16(u"a\n\xD800", false),
       "1:[a]\nerror: t.csv:2: invalid UTF-16 (unpaired surrogate)"},
      {"odd number of UTF-16 bytes", utf16(u"a\nb", false) + "c",
       "1:[a]\nerror: t.csv:2: invalid UTF-16 (the file ends in the middle of a character)"},
      {"empty file", "", "error: t.csv: the file is empty"},
      {"only a UTF-8 BOM", "\xEF\xBB\xBF", "error: t.csv: the file is empty"},
      {"only a UTF-16 BOM", "\xFF\xFE", "error: t.csv: the file is empty"},
  });
}

TEST_CASE("a workbook, a zip, a PDF and binary data are refused by what they are") {
  const std::string save = "not a CSV: open it and save it as CSV (UTF-8)";
  // A zip's first entry header: the signature, then fixed fields, then the entry's name.
  const std::string zip = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"s;
  std::string binary = "\x89PNG\r\n\x1a\n"s;
  for (int i = 0; i < 256; ++i) binary += static_cast<char>(i);
  check_cases({
      {"an Excel workbook", zip + "[Content_Types].xml" + std::string(40, '\0'),
       "error: t.csv: this is an Excel workbook (.xlsx), " + save},
      {"an Excel workbook whose first entry is in xl/", zip + "xl/workbook.xml\0\0",
       "error: t.csv: this is an Excel workbook (.xlsx), " + save},
      {"an OpenDocument spreadsheet",
       zip + "mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
       "error: t.csv: this is an OpenDocument spreadsheet (.ods), " + save},
      {"another zip", zip + "exports/Visits.csv",
       "error: t.csv: this is a zip archive, not a CSV: unpack it and import the CSV files in it"},
      {"an Excel 97-2003 workbook", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"s,
       "error: t.csv: this is an Excel 97-2003 workbook (.xls), " + save},
      {"a PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n",
       "error: t.csv: this is a PDF document, not a CSV: export the data from Meta as CSV"},
      // 256 bytes of every value: 29 control bytes of 264, more than one in twenty.
      {"binary data", binary,
       "error: t.csv: this is not a text file (binary data in its first bytes): give the CSV file "
       "that Meta exports"},
  });
}

TEST_CASE("invalid UTF-8 after the first chunk of a UTF-8 file is an error at its line") {
  std::string bytes;
  for (int i = 0; i < 17500; ++i) bytes += "1,2\n";  // 70,000 bytes, more than the first 64 KiB
  bytes += "caf\xE9,x\n";
  auto reader = CsvReader::from_bytes(bytes, "t.csv");
  REQUIRE(reader);
  CHECK((*reader)->encoding() == Encoding::utf8);
  CsvRecord record;
  long records = 0;
  Result<bool> more;
  while ((more = (*reader)->next(record)) && *more) ++records;
  CHECK(records == 17500);
  REQUIRE_FALSE(more);
  CHECK(more.error().code == ExitCode::data);
  CHECK(more.error().message == "t.csv:17501: invalid UTF-8 (the file is not in one encoding)");
}

TEST_CASE("a record longer than 16 MiB is refused") {
  std::string bytes = "a\n\"" + std::string(17 * 1024 * 1024, 'x') + "\"\n";
  CHECK(records_of(bytes) == "1:[a]\nerror: t.csv:2: record longer than 16 MiB");
}

TEST_CASE("open reads files from disk and reports the ones it cannot read") {
  test::TempDir dir;
  auto missing = CsvReader::open(dir.file("missing.csv"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ExitCode::no_input);
  CHECK(missing.error().message ==
        dir.file("missing.csv") + ": cannot open: No such file or directory");

  auto directory = CsvReader::open(dir.path().string());
  REQUIRE_FALSE(directory);
  CHECK(directory.error().code == ExitCode::no_input);
  CHECK(directory.error().message == dir.path().string() + ": cannot read: Is a directory");

  test::write_file(dir.file("empty.csv"), "");
  auto empty = CsvReader::open(dir.file("empty.csv"));
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == ExitCode::data);
  CHECK(empty.error().message == dir.file("empty.csv") + ": the file is empty");
}

TEST_CASE("open reads a UTF-8 content export with a caption over two lines") {
  auto reader = CsvReader::open(test::test_data_dir() + "/csv/content_utf8_bom_multiline.csv");
  REQUIRE(reader);
  CHECK((*reader)->encoding() == Encoding::utf8_bom);
  CHECK((*reader)->delimiter() == ',');
  CHECK(dump(**reader) ==
        "1:[Post ID][Page name][Title][Publish time][Reach]\n"
        "2:[1001_2001][Corner Bakery][Fresh bread today!\nCome early.][09/01/2025 08:30][120]\n"
        "4:[1001_2002][Corner Bakery][He said \"wow\"][09/02/2025 17:05][98]\n");
}

TEST_CASE("open reads a UTF-16LE daily chart export with sep= and a final empty line") {
  auto reader = CsvReader::open(test::test_data_dir() + "/csv/daily_reach_utf16le_sep.csv");
  REQUIRE(reader);
  CHECK((*reader)->encoding() == Encoding::utf16le);
  CHECK((*reader)->had_sep_line());
  CHECK(dump(**reader) ==
        "2:[Facebook reach]\n3:[Date][Primary]\n4:[2025-09-01T00:00:00][120]\n"
        "5:[2025-09-02T00:00:00][98]\n6:\n");
}

TEST_CASE(
    "every real export in the shared fixtures is read with the expected encoding and delimiter") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(test::shared_fixtures_dir()) / "csv";
  if (!fs::is_directory(dir)) {
    MESSAGE("no shared fixtures at " << dir.string());
    return;
  }
  struct Expected {
    Encoding encoding;
    char delimiter;
    bool sep_line;
    long records;             // counted with Python's csv module
    std::string first_field;  // of the first record returned
  };
  const Encoding u8 = Encoding::utf8, bom = Encoding::utf8_bom, u16 = Encoding::utf16le;
  const std::map<std::string, Expected> expected = {
      {"classic_page_level_excel_resaved_cp1252_vicvisual_2014-01-01_2014-02-27.csv",
       {Encoding::cp1252, ',', false, 60, "Date"}},
      {"classic_post_level_vicvisual_2014-02-28_2014-08-23.csv", {bom, ',', false, 22, "Post ID"}},
      {"classic_video_posts_vicvisual_2014-08-24_2015-02-19.csv", {bom, ',', false, 24, "Post ID"}},
      {"instagram_content_esES_aroa_Feb24_Mar23-2026.csv",
       {bom, ',', false, 31, "identificador de la publicación"}},
      {"mbs_audience_early2024_tab_resave_utf16_crlf_bubniak.csv",
       {u16, '\t', true, 67, "Facebook followers"}},
      {"mbs_audience_excel_resave_semicolon_cp1251_bg.csv",
       {Encoding::cp1251, ';', false, 85, "Age & gender"}},
      {"mbs_audience_instagram_block_order_varies_utf16_ftsvideo.csv",
       {u16, ',', true, 17, "Top cities"}},
      {"mbs_audience_mid2023_quoted_utf16_timeseries.csv",
       {u16, ',', true, 42, "Facebook followers"}},
      {"mbs_audience_multiblock_utf16_oigetit.csv", {u16, ',', true, 17, "Age & gender"}},
      {"mbs_audience_ptBR_2024_decimal_comma_percent_utf16_popscience.csv",
       {u16, ',', true, 36, "Seguidores do Instagram"}},
      {"mbs_content_instagram_posts_oigetit_Mar-18-2025_Apr-14-2025.csv",
       {bom, ',', false, 79, "Post ID"}},
      {"mbs_content_instagram_posts_ptBR_ufscar_Apr-01-2025_Jun-30-2025.csv",
       {bom, ',', false, 172, "Identificação da publicação"}},
      {"mbs_content_posts_dup_views_col_oigetit_Mar-18-2025_Apr-14-2025.csv",
       {bom, ',', false, 49, "Post ID"}},
      {"mbs_content_posts_early2024_impressions_col_bubniak_Dec-12-2023_Mar-06-2024.csv",
       {bom, ',', false, 45, "Post ID"}},
      {"mbs_content_posts_pcmerch_Sep-01-2025_Sep-30-2025.csv", {bom, ',', false, 82, "Post ID"}},
      {"mbs_daily_content_interactions_utf16_pcmerch.csv",
       {u16, ',', true, 31, "Content interactions"}},
      {"mbs_daily_esES_alcance_platform_unnamed_instagram_account_utf16_aroa.csv",
       {u16, ',', true, 31, "Alcance"}},
      {"mbs_daily_facebook_follows_semicolon_resave_bg.csv",
       {u8, ';', false, 64, "Facebook follows"}},
      {"mbs_daily_facebook_follows_utf16_pcmerch.csv", {u16, ',', true, 31, "Facebook follows"}},
      {"mbs_daily_facebook_reach_mid2023_header_metricname_utf16_timeseries.csv",
       {u16, ',', true, 186, "Facebook reach"}},
      {"mbs_daily_facebook_reach_utf16_oigetit.csv", {u16, ',', true, 108, "Facebook reach"}},
      {"mbs_daily_facebook_visits_utf16_pcmerch.csv", {u16, ',', true, 31, "Facebook visits"}},
      {"mbs_daily_follows_oldname_utf16_oigetit.csv", {u16, ',', true, 108, "Follows"}},
      {"mbs_daily_instagram_follows_ptBR_sparse_days_utf16_popscience.csv",
       {u16, ',', true, 164, "Seguidores no Instagram"}},
      {"mbs_daily_instagram_profile_visits_utf16_oigetit.csv",
       {u16, ',', true, 108, "Instagram profile visits"}},
      {"mbs_daily_reach_ptBR_Data_Primary_utf16_ufscar.csv", {u16, ',', true, 31, "Alcance"}},
      {"mbs_daily_views_utf16_pcmerch.csv", {u16, ',', true, 31, "Views"}},
      {"mbs_follower_gender_pcmerch.csv", {bom, ',', false, 4, "Gender"}},
      {"mbs_follower_history_monthday_pcmerch.csv", {bom, ',', false, 61, "Date"}},
      {"mbs_follower_top_territories_pcmerch.csv", {bom, ',', false, 12, "Top territories"}},
      {"mbs_top_content_formats_semicolon_bg.csv", {u8, ';', false, 11, "Views"}},
      {"mbs_viewers_new_returning_monthday_pcmerch.csv", {bom, ',', false, 61, "Date"}},
      {"meta_ads_manager_export_pcmerch_Sep-2025.csv", {u8, ',', false, 66, "Reporting starts"}},
      {"meta_ads_manager_report_ptBR_header_only_ufscar.csv", {bom, ',', false, 1, "Anúncios"}},
      {"tiktok_FollowerHistory_haileytupy.csv", {bom, ',', false, 366, "Date"}},
      {"tiktok_Viewers_haileytupy.csv", {bom, ',', false, 366, "Date"}},
  };
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    CAPTURE(file);
    auto found = expected.find(file);
    REQUIRE_MESSAGE(found != expected.end(), "add the new fixture to this table");
    const Expected& want = found->second;
    auto reader = CsvReader::open(entry.path().string());
    REQUIRE(reader);
    CHECK(encoding_name((*reader)->encoding()) == std::string(encoding_name(want.encoding)));
    CHECK((*reader)->delimiter() == want.delimiter);
    CHECK((*reader)->had_sep_line() == want.sep_line);
    CsvRecord record;
    long records = 0;
    Result<bool> more;
    while ((more = (*reader)->next(record)) && *more) {
      if (records++ == 0) CHECK(record[0] == want.first_field);
    }
    if (!more) FAIL(more.error().message);
    CHECK(records == want.records);
  }
}

TEST_CASE("parse_number reads the numbers exports write and nothing else") {
  struct NumberCase {
    std::string text;
    bool decimal_comma;
    double value;
    bool percent;
  };
  const std::vector<NumberCase> numbers = {
      {"1234", false, 1234, false},
      {"-5", false, -5, false},
      {"+7", false, 7, false},
      {" 3.4 ", false, 3.4, false},
      {"0.75", false, 0.75, false},
      {"75.1", false, 75.1, false},
      {".5", false, 0.5, false},
      {"007", false, 7, false},
      {"1,234", false, 1234, false},
      {"1,234.5", false, 1234.5, false},
      {"1,234,567", false, 1234567, false},
      {"12.5%", false, 12.5, true},
      {"-5 %", false, -5, true},
      {"1e3", false, 1000, false},
      {"\xC2\xA0"
       "42\xC2\xA0",
       false, 42, false},
      {"23,9%", true, 23.9, true},
      {"23,9", true, 23.9, false},
      {"1.204", true, 1204, false},
      {"1.204,5", true, 1204.5, false},
      {"11,52", true, 11.52, false},
      {"70,2%", true, 70.2, true},
      {"563", true, 563, false},
  };
  for (const NumberCase& c : numbers) {
    CAPTURE(c.text);
    CAPTURE(c.decimal_comma);
    std::optional<ParsedNumber> parsed = parse_number(c.text, c.decimal_comma);
    REQUIRE(parsed);
    CHECK(parsed->value == c.value);
    CHECK(parsed->percent == c.percent);
  }
  const std::vector<std::pair<std::string, bool>> not_numbers = {
      {"", false},          {"  ", false},        {"12a", false},
      {"1,2,3.4.5", false}, {"--1", false},       {"+-1", false},
      {".", false},         {"-", false},         {"%", false},
      {"5.", false},        {"inf", false},       {"nan", false},
      {"0x1A", false},      {"1e999", false},     {"1e", false},
      {"n/a", false},       {"undefined", false}, {"3.\xD0\xB0\xD0\xBF\xD1\x80", false},
      {"1 234", false},     {"1,23", false},      {"1234,567", false},
      {",234", false},      {"23,9", false},      {"1.5", true},
      {"1.2.3", true},      {"1,2,3", true},      {"12%%", false},
      {"Lifetime", false},
  };
  for (const auto& [text, decimal_comma] : not_numbers) {
    CAPTURE(text);
    CAPTURE(decimal_comma);
    CHECK_FALSE(parse_number(text, decimal_comma));
  }
}

TEST_CASE("decimals that a spreadsheet turned into dates are recognised") {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"3.\xD0\xB0\xD0\xBF\xD1\x80", true},    // 3.апр (3.4 in a Bulgarian Excel)
      {"22.\xD0\xB0\xD0\xB2\xD0\xB3", true},   // 22.авг
      {" 8.\xD1\x8F\xD0\xBD\xD1\x83 ", true},  // 8.яну
      {"8-Jan", true},
      {"3 \xD0\xB0\xD0\xBF\xD1\x80.", true},  // 3 апр.
      {"Jan-08", true},
      {"\xD1\x8F\xD0\xBD\xD0\xB2.22", true},  // янв.22
      {"3.4", false},
      {"18-24", false},
      {"65+", false},
      {"2025-10-31", false},
      {"Reels", false},
      {"n/a", false},
      {"", false},
      {"Top 10", false},
      {"123-Jan", false},
      {"8-January", false},
      {"IG reel", false},
      {"8-Jan-2025", false},
  };
  for (const auto& [text, mangled] : cases) {
    CAPTURE(text);
    CHECK(looks_like_date_mangled_number(text) == mangled);
  }
}

TEST_CASE("trim removes ASCII whitespace, NBSP and a BOM at either end") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {" a ", "a"},
      {"\t\r\n", ""},
      {"a b", "a b"},
      {"\xEF\xBB\xBF"
       "Date",
       "Date"},
      {"\xC2\xA0"
       " 42 \xC2\xA0",
       "42"},
      {"", ""},
  };
  for (const auto& [text, trimmed] : cases) CHECK(trim(text) == trimmed);
}

TEST_CASE("fold_header lower-cases ASCII and Latin-1 letters and collapses whitespace") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Post ID", "post id"},
      {"  Reactions,  comments and\tShares ", "reactions, comments and shares"},
      {"\xC3\x89T\xC3\x89 \xC3\x89t\xC3\xA9",
       "\xC3\xA9t\xC3\xA9 \xC3\xA9t\xC3\xA9"},  // ÉTÉ Été -> été été
      {"Identifica\xC3\xA7\xC3\xA3o", "identifica\xC3\xA7\xC3\xA3o"},
      {"Unique\xC2\xA0Users", "unique users"},
      {"\xEF\xBB\xBF"
       "Date",
       "date"},
      {"A\xC3\x97"
       "B",
       "a\xC3\x97"
       "b"},  // × is not a letter
      {"\xD0\x94\xD0\xB0\xD1\x82\xD0\xB0",
       "\xD0\x94\xD0\xB0\xD1\x82\xD0\xB0"},  // Дата: not Latin-1
  };
  for (const auto& [text, folded] : cases) {
    CAPTURE(text);
    CHECK(fold_header(text) == folded);
  }
}

}  // namespace pageaudit
