// Tests for the fake Graph server's JSON writer (tests/fake_graph/json_writer.h): its escaping
// must be rapidjson's, byte for byte, since the fake's answers are compared with Meta's shapes
// and the pull parses them with rapidjson; and a batch body escaped while written must read back
// as the body itself.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_writer.h"

namespace pageaudit {
namespace {

using fake::JsonWriter;

// What rapidjson's Writer (the fake's writer before this one) makes of a string value.
std::string rapidjson_string(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Texts around the eight-byte steps of the scan: a special byte first, last, alone, at each
// offset of a word, none at all, every control byte, and bytes above 0x7f left as they are.
std::vector<std::string> texts() {
  std::vector<std::string> out = {"",
                                  "a",
                                  "\"",
                                  "\\",
                                  "plain text long enough for several words",
                                  "caf\xc3\xa9",
                                  "tab\there",
                                  "line\nbreak\r\n",
                                  "\x7f\x80\xff"};
  for (size_t at = 0; at < 17; ++at) {
    for (char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
      std::string text(17, 'x');
      text[at] = special;
      out.push_back(text);
    }
  }
  std::string controls;
  for (int c = 0; c < 0x20; ++c) controls += static_cast<char>(c);
  out.push_back(controls);
  return out;
}

TEST_CASE("the fake's JSON writer escapes strings exactly as rapidjson's Writer did") {
  for (const std::string& text : texts()) {
    CAPTURE(text);
    std::string out;
    JsonWriter w(out);
    w.string(text);
    CHECK(out == rapidjson_string(text));
  }
  // Control bytes without a short form are \u00XX in upper case.
  std::string out;
  JsonWriter(out).string("\x01\x1f");
  CHECK(out == R"("\u0001\u001F")");
}

TEST_CASE("a body written embedded is the escaped string of the body written plainly") {
  for (const std::string& text : texts()) {
    CAPTURE(text);
    std::string plain, embedded;
    for (auto [out, is_embedded] :
         {std::pair<std::string*, bool>{&plain, false}, {&embedded, true}}) {
      JsonWriter w(*out, is_embedded);
      w.start_object();
      w.key("message");
      w.string(text);
      w.key("count");
      w.number(-42);
      w.key("ok");
      w.boolean(true);
      w.key("none");
      w.null();
      w.key("raw");
      w.raw(R"({"a":"b\"c"})");
      w.end_object();
    }
    // The embedded text, put between quotes, is the JSON string whose value is the plain body.
    CHECK("\"" + embedded + "\"" == rapidjson_string(plain));
    std::string batch;
    JsonWriter outer(batch);
    outer.start_array();
    outer.embedded_string(embedded);
    outer.end_array();
    rapidjson::Document doc;
    doc.Parse(batch.data(), batch.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(std::string_view(doc[0].GetString(), doc[0].GetStringLength()) == plain);
  }
}

TEST_CASE("the fake's JSON writer separates values and can go back to the start of a value") {
  // As answer_get does: a value half written after its key is replaced by another.
  std::string out;
  JsonWriter w(out);
  w.start_array();
  w.number(1);
  w.start_object();
  w.key("body");
  size_t mark = w.size();
  w.start_object();
  w.key("half");
  w.string("written");
  w.truncate(mark);
  w.string("error");
  w.end_object();
  w.number(2);
  w.end_array();
  CHECK(out == R"([1,{"body":"error"},2])");
}

}  // namespace
}  // namespace pageaudit
