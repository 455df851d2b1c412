// The fake Graph server's JSON output: compact JSON appended to a string, as Meta sends it.
#pragma once

#include <string>
#include <string_view>

namespace pageaudit::fake {

// Writes compact JSON at the end of a string the caller owns, so that nested parts (a post's
// insights, the bodies of a batch) are written in place rather than rendered apart and copied.
// The caller balances the calls and puts a key before each value in an object; nothing checks.
//
// Strings are escaped as rapidjson's Writer escaped them before this replaced it, so that no
// answer changed by a byte: '"', '\\' and control bytes only (\b \t \n \f \r, the others as
// \u00XX in upper case), every other byte as it is.
class JsonWriter {
 public:
  // embedded: the JSON written is to be the content of a JSON string (a batch item's body, see
  // embedded_string), so its quotes and backslashes are escaped once more. Escaping as it is
  // written spares a second pass over every byte of a batch.
  explicit JsonWriter(std::string& out, bool embedded = false) : m_out(out), m_embedded(embedded) {}

  void start_object() { open('{'); }
  void end_object() { close('}'); }
  void start_array() { open('['); }
  void end_array() { close(']'); }

  void key(std::string_view name) {
    separate();
    quoted(name);
    m_out += ':';
    m_comma = false;
  }
  void string(std::string_view value) {
    separate();
    quoted(value);
    m_comma = true;
  }
  void number(long long value);
  void boolean(bool value) { literal(value ? "true" : "false"); }
  void null() { literal("null"); }
  // A value that is already JSON.
  void raw(std::string_view json);

  // A string value whose content is the JSON an embedded JsonWriter wrote.
  void embedded_string(std::string_view escaped_json) {
    separate();
    m_out += '"';
    m_out += escaped_json;
    m_out += '"';
    m_comma = true;
  }

  // How much is written, and going back there: only to the start of a value, as when an answer
  // turns out to be an error halfway through.
  size_t size() const { return m_out.size(); }
  void truncate(size_t size) {
    m_out.resize(size);
    m_comma = false;
  }

 private:
  // A value or key follows another in the same object or array.
  void separate() {
    if (m_comma) m_out += ',';
  }
  void open(char bracket) {
    separate();
    m_out += bracket;
    m_comma = false;
  }
  void close(char bracket) {
    m_out += bracket;
    m_comma = true;
  }
  void literal(std::string_view json) {
    separate();
    m_out += json;
    m_comma = true;
  }
  void quoted(std::string_view text);

  std::string& m_out;
  bool m_embedded;
  bool m_comma = false;  // the next key or array element needs a ',' first
};

}  // namespace pageaudit::fake
