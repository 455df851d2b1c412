// Safe JSON reading for Graph responses: bounded parsing and typed reads that name where a shape is
// wrong.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pageaudit/core/error.h"

namespace pageaudit {

// Nesting deeper than this is refused: no Graph response nests more than about 8 levels.
inline constexpr int k_max_json_depth = 64;

// Whether parse_json checks that every string is well-formed UTF-8.
enum class Utf8Check {
  validate,
  // Only for text whose strings are all parsed again (validated) before any of their text is
  // kept, such as a batch answer whose bodies are JSON documents themselves: the check costs a
  // branch per character, and the long escaped bodies would pay it twice.
  skip,
};

// A parsed document. Its strings point into its own copy of the text, parsed in place: that
// spares copying each string once more, and lets the parser keep its position in a register
// instead of re-reading a stream object per character. Neither copied nor moved, as its values
// point into it.
class JsonDocument : public rapidjson::Document {
 public:
  // The copy ends in k_padding NULs besides std::string's own: RapidJSON's UTF-8 check reads
  // the up to three continuation bytes a lead byte announces before it looks at them, so a text
  // cut inside a character (a lead byte, then the end) would have it read past a single NUL.
  explicit JsonDocument(std::string_view text) {
    m_text.reserve(text.size() + k_padding);
    m_text.append(text).append(k_padding, '\0');
  }
  JsonDocument(const JsonDocument&) = delete;
  JsonDocument& operator=(const JsonDocument&) = delete;

  // The text, ended by NULs (as in-place parsing needs); the parse rewrites it.
  char* text() { return m_text.data(); }

 private:
  static constexpr size_t k_padding = 4;
  std::string m_text;
};

// Parses text as one JSON document (UTF-8 validated unless utf8 says otherwise, no NaN/Infinity,
// nothing after the value, at most k_max_json_depth levels).
// Errors (ExitCode::unavailable, as a garbled answer is a failure of the service):
//   "invalid JSON at offset 17: Missing a comma or '}' after an object member."
//   "invalid JSON at offset 12: Number too big to be stored in double."
//   "invalid JSON at offset 64: nested deeper than 64 levels"
Result<std::unique_ptr<JsonDocument>> parse_json(std::string_view text,
                                                 Utf8Check utf8 = Utf8Check::validate);

// The first shape error met while reading a document, shared by every JsonNode of one read.
class ShapeErrors {
 public:
  // Keeps only the first message: later errors are usually consequences of it.
  void add(std::string message);
  bool empty() const { return m_first.empty(); }
  const std::string& first() const { return m_first; }

 private:
  std::string m_first;
};

// A value in a parsed document together with its path ("data[0].values[2].end_time"). Typed reads
// return nullopt when the value is absent or null; when it is present with the wrong type they
// also record "PATH: expected a string, got a number" in the ShapeErrors. A node never owns the
// document: it must not outlive it.
//
// The path is worked out only when it is asked for or an error is recorded (reads outnumber
// errors by far): a node keeps the value the read started from and finds its own place from
// there. Nodes are cheap to copy.
class JsonNode {
 public:
  // The root of a read: `value` is named `path` in messages ("" for a whole document, whose
  // members are then named bare: "data[0].name").
  JsonNode(const rapidjson::Value* value, std::string path, ShapeErrors* errors)
      : m_value(value),
        m_root(value),
        m_anchor(value),
        m_root_path(std::move(path)),
        m_errors(errors) {}

  // The member `key` (not empty) of an object; an absent node when this is not an object or
  // lacks it. The absent node still names its path: "paging.cursors.after".
  JsonNode operator[](std::string_view key) const;

  bool present() const { return m_value != nullptr && !m_value->IsNull(); }
  bool is_object() const { return m_value != nullptr && m_value->IsObject(); }
  bool is_string() const { return m_value != nullptr && m_value->IsString(); }
  bool is_array() const { return m_value != nullptr && m_value->IsArray(); }
  // The path, e.g. "data[0].values[2].end_time"; built on each call, so meant for messages.
  std::string path() const;

  std::optional<std::string> string() const;
  // Like string(), viewing the document's text instead of copying it.
  std::optional<std::string_view> view() const;
  std::optional<double> number() const;
  std::optional<std::int64_t> integer() const;  // a JSON number that is a whole int64
  std::optional<bool> boolean() const;

  // Like string(), but an absent value is recorded as "PATH: missing".
  std::string required_string() const;

  // Elements of an array (empty when absent); records an error when present and not an array.
  std::vector<JsonNode> elements() const;
  // Members of an object in document order (empty when absent); records an error otherwise.
  // The keys view the document's text.
  std::vector<std::pair<std::string_view, JsonNode>> members() const;
  // Calls visit(key, node) for each member, as members() lists them, without building the list
  // (an insights answer has an object per value).
  template <typename Visit>
  void each_member(Visit&& visit) const {
    if (!present() || !check(m_value->IsObject(), "an object")) return;
    for (auto it = m_value->MemberBegin(); it != m_value->MemberEnd(); ++it) {
      visit(std::string_view(it->name.GetString(), it->name.GetStringLength()),
            JsonNode(*this, &it->value));
    }
  }

  // Records "PATH: what" (for checks the typed reads cannot express).
  void error(const std::string& what) const;

 private:
  JsonNode(const JsonNode& parent, const rapidjson::Value* value)
      : m_value(value),
        m_root(parent.m_root),
        m_anchor(value),
        m_root_path(parent.m_root_path),
        m_errors(parent.m_errors) {}

  bool check(bool ok, const char* expected) const;

  const rapidjson::Value* m_value;   // null when absent
  const rapidjson::Value* m_root;    // where the read started, named m_root_path
  const rapidjson::Value* m_anchor;  // m_value, or for an absent node its deepest present ancestor
  std::string m_root_path;
  std::string m_missing;  // for an absent node, the keys past m_anchor: "cursors.after"
  ShapeErrors* m_errors;
};

}  // namespace pageaudit
