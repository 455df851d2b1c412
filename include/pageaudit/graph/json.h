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

// Parses text as one JSON document (UTF-8 validated, no NaN/Infinity, nothing after the value).
// Errors (ExitCode::unavailable, as a garbled answer is a failure of the service):
//   "invalid JSON at offset 17: Missing a comma or '}' after an object member."
//   "invalid JSON at offset 12: Number too big to be stored in double."
//   "invalid JSON at offset 64: nested deeper than 64 levels"
Result<std::unique_ptr<rapidjson::Document>> parse_json(std::string_view text);

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
class JsonNode {
 public:
  JsonNode(const rapidjson::Value* value, std::string path, ShapeErrors* errors)
      : m_value(value), m_path(std::move(path)), m_errors(errors) {}

  // The member `key` of an object; an absent node when this is not an object or lacks it.
  JsonNode operator[](std::string_view key) const;

  bool present() const { return m_value != nullptr && !m_value->IsNull(); }
  bool is_object() const { return m_value != nullptr && m_value->IsObject(); }
  bool is_string() const { return m_value != nullptr && m_value->IsString(); }
  const std::string& path() const { return m_path; }

  std::optional<std::string> string() const;
  std::optional<double> number() const;
  std::optional<std::int64_t> integer() const;  // a JSON number that is a whole int64
  std::optional<bool> boolean() const;

  // Like string(), but an absent value is recorded as "PATH: missing".
  std::string required_string() const;

  // Elements of an array (empty when absent); records an error when present and not an array.
  std::vector<JsonNode> elements() const;
  // Members of an object in document order (empty when absent); records an error otherwise.
  std::vector<std::pair<std::string, JsonNode>> members() const;

  // Records "PATH: what" (for checks the typed reads cannot express).
  void error(const std::string& what) const;

 private:
  bool check(bool ok, const char* expected) const;

  const rapidjson::Value* m_value;
  std::string m_path;
  ShapeErrors* m_errors;
};

}  // namespace pageaudit
