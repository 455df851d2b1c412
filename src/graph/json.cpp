// Bounded RapidJSON parsing and path-naming typed reads.
#include "pageaudit/graph/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stream.h>

namespace pageaudit {
namespace {

// Flags, chosen on purpose:
// - iterative: the parser keeps its own heap stack, so '[[[[...' cannot overflow the C++ stack;
// - in situ: see JsonDocument. A NUL byte ends the text as it did with a length-bounded stream
//   (RapidJSON's streams all answer NUL at their end), so an embedded NUL reads the same;
// - validate encoding: text reaches SQLite and HTML reports, so invalid UTF-8 is refused here
//   (left out only for Utf8Check::skip, see json.h);
// - no kParseNanAndInfFlag: NaN and Infinity are not JSON and no Graph value is one;
// - no kParseStopWhenDoneFlag: trailing bytes mean a garbled body, which is an error;
// - default number parsing: a number beyond double range is kParseErrorNumberTooBig, an error.
// RAPIDJSON_SSE2 stays undefined: its 16-byte string scan took a third off ParseString in the
// backfill profile, but in RapidJSON 1.1.0 it passes raw bytes 0x1A..0x1F inside strings (and
// its Writer leaves them unescaped). A test keeps that refused.
constexpr unsigned k_unchecked_flags = rapidjson::kParseIterativeFlag | rapidjson::kParseInsituFlag;
constexpr unsigned k_parse_flags = k_unchecked_flags | rapidjson::kParseValidateEncodingFlag;

// Forwards SAX events to the document while counting nesting; stops the parse past the limit
// so that a hostile or broken body is an error instead of an unbounded tree.
class DepthLimiter {
 public:
  explicit DepthLimiter(rapidjson::Document& doc) : m_doc(doc) {}
  bool exceeded() const { return m_exceeded; }

  bool Null() { return m_doc.Null(); }
  bool Bool(bool b) { return m_doc.Bool(b); }
  bool Int(int i) { return m_doc.Int(i); }
  bool Uint(unsigned i) { return m_doc.Uint(i); }
  bool Int64(int64_t i) { return m_doc.Int64(i); }
  bool Uint64(uint64_t i) { return m_doc.Uint64(i); }
  bool Double(double d) { return m_doc.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return m_doc.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return m_doc.String(s, n, copy); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) { return m_doc.Key(s, n, copy); }
  bool StartObject() { return enter() && m_doc.StartObject(); }
  bool EndObject(rapidjson::SizeType n) {
    --m_depth;
    return m_doc.EndObject(n);
  }
  bool StartArray() { return enter() && m_doc.StartArray(); }
  bool EndArray(rapidjson::SizeType n) {
    --m_depth;
    return m_doc.EndArray(n);
  }

 private:
  bool enter() {
    if (++m_depth > k_max_json_depth) m_exceeded = true;
    return !m_exceeded;
  }

  rapidjson::Document& m_doc;
  int m_depth = 0;
  bool m_exceeded = false;
};

// Whether text has no byte above 0x7F. The UTF-8 check can only refuse such bytes, so pure ASCII
// text (as Meta sends, escaping the rest as \uXXXX) parses the same without it, and faster.
bool is_ascii(std::string_view text) {
  unsigned char seen = 0;  // a plain OR over the bytes, which the compiler vectorizes
  for (char c : text) seen |= static_cast<unsigned char>(c);
  return seen < 0x80;
}

const char* type_name(const rapidjson::Value& v) {
  switch (v.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return "a number";
  }
  return "a value";
}

// Appends one step to a path the way every path is spelled: "key" at the start, ".key" after
// something, "[i]" for an element.
void append_key(std::string& path, std::string_view key) {
  if (!path.empty()) path += '.';
  path += key;
}

void append_index(std::string& path, size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
}

// Appends to `path` the steps from `from` down to `target` and returns true, or returns false
// (path untouched) when target is not inside from. A depth-first search over the document: it
// runs only for a message, and the parser bounds the depth of the recursion.
bool find_path(const rapidjson::Value& from, const rapidjson::Value* target, std::string& path) {
  if (&from == target) return true;
  size_t mark = path.size();
  if (from.IsObject()) {
    for (auto it = from.MemberBegin(); it != from.MemberEnd(); ++it) {
      append_key(path, std::string_view(it->name.GetString(), it->name.GetStringLength()));
      if (find_path(it->value, target, path)) return true;
      path.resize(mark);
    }
  } else if (from.IsArray()) {
    for (rapidjson::SizeType i = 0; i < from.Size(); ++i) {
      append_index(path, i);
      if (find_path(from[i], target, path)) return true;
      path.resize(mark);
    }
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<JsonDocument>> parse_json(std::string_view text, Utf8Check utf8) {
  auto doc = std::make_unique<JsonDocument>(text);
  rapidjson::InsituStringStream stream(doc->text());
  DepthLimiter limiter(*doc);
  rapidjson::ParseResult result;
  auto generator = [&](rapidjson::Document& handler) {
    (void)handler;  // the limiter forwards to it
    rapidjson::Reader reader;
    bool check = utf8 == Utf8Check::validate && !is_ascii(text);
    result = check ? reader.Parse<k_parse_flags>(stream, limiter)
                   : reader.Parse<k_unchecked_flags>(stream, limiter);
    return !result.IsError();
  };
  doc->Populate(generator);
  if (limiter.exceeded()) {
    return failf(ExitCode::unavailable, "invalid JSON at offset {}: nested deeper than {} levels",
                 result.Offset(), k_max_json_depth);
  }
  if (result.IsError()) {
    return failf(ExitCode::unavailable, "invalid JSON at offset {}: {}", result.Offset(),
                 rapidjson::GetParseError_En(result.Code()));
  }
  return doc;
}

void ShapeErrors::add(std::string message) {
  if (m_first.empty()) m_first = std::move(message);
}

JsonNode JsonNode::operator[](std::string_view key) const {
  if (is_object()) {
    auto it = m_value->FindMember(rapidjson::Value(
        rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
    if (it != m_value->MemberEnd()) return {*this, &it->value};
  }
  // Absent: remember the way past the last value that exists, for a message about it.
  JsonNode absent(*this, nullptr);
  absent.m_anchor = m_anchor;
  absent.m_missing = m_missing;
  append_key(absent.m_missing, key);
  return absent;
}

std::string JsonNode::path() const {
  std::string path = m_root_path;
  if (m_anchor != nullptr && m_root != nullptr) find_path(*m_root, m_anchor, path);
  if (!m_missing.empty()) append_key(path, m_missing);
  return path;
}

bool JsonNode::check(bool ok, const char* expected) const {
  if (!ok) error(std::string("expected ") + expected + ", got " + type_name(*m_value));
  return ok;
}

void JsonNode::error(const std::string& what) const {
  if (!m_errors->empty()) return;  // only the first is kept: spare the search for the path
  std::string path = this->path();
  m_errors->add((path.empty() ? std::string("response") : path) + ": " + what);
}

std::optional<std::string> JsonNode::string() const {
  auto text = view();
  if (!text) return std::nullopt;
  return std::string(*text);
}

std::optional<std::string_view> JsonNode::view() const {
  if (!present() || !check(m_value->IsString(), "a string")) return std::nullopt;
  return std::string_view(m_value->GetString(), m_value->GetStringLength());
}

std::optional<double> JsonNode::number() const {
  if (!present() || !check(m_value->IsNumber(), "a number")) return std::nullopt;
  return m_value->GetDouble();
}

std::optional<std::int64_t> JsonNode::integer() const {
  if (!present() || !check(m_value->IsInt64(), "a whole number")) return std::nullopt;
  return m_value->GetInt64();
}

std::optional<bool> JsonNode::boolean() const {
  if (!present() || !check(m_value->IsBool(), "a boolean")) return std::nullopt;
  return m_value->GetBool();
}

std::string JsonNode::required_string() const {
  if (!present()) {
    error("missing");
    return {};
  }
  return string().value_or(std::string());
}

std::vector<JsonNode> JsonNode::elements() const {
  std::vector<JsonNode> out;
  if (!present() || !check(m_value->IsArray(), "an array")) return out;
  out.reserve(m_value->Size());
  for (auto it = m_value->Begin(); it != m_value->End(); ++it) out.push_back(JsonNode(*this, it));
  return out;
}

std::vector<std::pair<std::string_view, JsonNode>> JsonNode::members() const {
  std::vector<std::pair<std::string_view, JsonNode>> out;
  if (!present() || !check(m_value->IsObject(), "an object")) return out;
  out.reserve(m_value->MemberCount());
  for (auto it = m_value->MemberBegin(); it != m_value->MemberEnd(); ++it) {
    out.emplace_back(std::string_view(it->name.GetString(), it->name.GetStringLength()),
                     JsonNode(*this, &it->value));
  }
  return out;
}

}  // namespace pageaudit
