// Bounded RapidJSON parsing and path-naming typed reads.
#include "pageaudit/graph/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

namespace pageaudit {
namespace {

// Flags, chosen on purpose:
// - iterative: the parser keeps its own heap stack, so '[[[[...' cannot overflow the C++ stack;
// - validate encoding: text reaches SQLite and HTML reports, so invalid UTF-8 is refused here;
// - no kParseNanAndInfFlag: NaN and Infinity are not JSON and no Graph value is one;
// - no kParseStopWhenDoneFlag: trailing bytes mean a garbled body, which is an error;
// - default number parsing: a number beyond double range is kParseErrorNumberTooBig, an error.
constexpr unsigned k_parse_flags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

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

}  // namespace

Result<std::unique_ptr<rapidjson::Document>> parse_json(std::string_view text) {
  auto doc = std::make_unique<rapidjson::Document>();
  rapidjson::MemoryStream stream(text.data(), text.size());
  DepthLimiter limiter(*doc);
  rapidjson::ParseResult result;
  auto generator = [&](rapidjson::Document& handler) {
    (void)handler;  // the limiter forwards to it
    rapidjson::Reader reader;
    result = reader.Parse<k_parse_flags>(stream, limiter);
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
  std::string path = m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
  if (m_value == nullptr || !m_value->IsObject())
    return JsonNode(nullptr, std::move(path), m_errors);
  auto it = m_value->FindMember(rapidjson::Value(
      rapidjson::StringRef(key.data(), static_cast<rapidjson::SizeType>(key.size()))));
  return JsonNode(it == m_value->MemberEnd() ? nullptr : &it->value, std::move(path), m_errors);
}

bool JsonNode::check(bool ok, const char* expected) const {
  if (!ok) error(std::string("expected ") + expected + ", got " + type_name(*m_value));
  return ok;
}

void JsonNode::error(const std::string& what) const {
  m_errors->add((m_path.empty() ? std::string("response") : m_path) + ": " + what);
}

std::optional<std::string> JsonNode::string() const {
  if (!present() || !check(m_value->IsString(), "a string")) return std::nullopt;
  return std::string(m_value->GetString(), m_value->GetStringLength());
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
  for (rapidjson::SizeType i = 0; i < m_value->Size(); ++i) {
    out.emplace_back(&(*m_value)[i], m_path + "[" + std::to_string(i) + "]", m_errors);
  }
  return out;
}

std::vector<std::pair<std::string, JsonNode>> JsonNode::members() const {
  std::vector<std::pair<std::string, JsonNode>> out;
  if (!present() || !check(m_value->IsObject(), "an object")) return out;
  for (auto it = m_value->MemberBegin(); it != m_value->MemberEnd(); ++it) {
    std::string key(it->name.GetString(), it->name.GetStringLength());
    std::string path = m_path.empty() ? key : m_path + "." + key;
    out.emplace_back(std::move(key), JsonNode(&it->value, std::move(path), m_errors));
  }
  return out;
}

}  // namespace pageaudit
