// Recursive-descent reader of Graph field lists (field expansion syntax).
#include "fields.h"

#include <cctype>

namespace pageaudit::fake {
namespace {

class Reader {
 public:
  explicit Reader(std::string_view text) : m_text(text) {}

  // fields := field (',' field)*   ending at end of text or at '}' when nested.
  bool fields(std::vector<FieldSpec>& out, bool nested) {
    while (true) {
      FieldSpec spec;
      if (!field(spec)) return false;
      out.push_back(std::move(spec));
      if (at(',')) {
        ++m_pos;
        continue;
      }
      return nested ? at('}') : m_pos == m_text.size();
    }
  }

  size_t position() const { return m_pos; }

 private:
  bool at(char c) const { return m_pos < m_text.size() && m_text[m_pos] == c; }

  std::string name() {
    size_t start = m_pos;
    while (m_pos < m_text.size() &&
           (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_')) {
      ++m_pos;
    }
    return std::string(m_text.substr(start, m_pos - start));
  }

  // field := name ('.' name '(' args ')')* ('{' fields '}')?
  bool field(FieldSpec& spec) {
    spec.name = name();
    if (spec.name.empty()) return false;
    while (at('.')) {
      ++m_pos;
      std::string modifier = name();
      if (modifier.empty() || !at('(')) return false;
      size_t close = m_text.find(')', m_pos);
      if (close == std::string_view::npos) return false;
      spec.modifiers[modifier] = std::string(m_text.substr(m_pos + 1, close - m_pos - 1));
      m_pos = close + 1;
    }
    if (at('{')) {
      ++m_pos;
      if (!fields(spec.subfields, true)) return false;
      ++m_pos;  // '}'
    }
    return true;
  }

  std::string_view m_text;
  size_t m_pos = 0;
};

}  // namespace

std::optional<std::vector<FieldSpec>> parse_fields(std::string_view text, FieldsError* error) {
  std::vector<FieldSpec> out;
  if (text.empty()) return out;
  Reader reader(text);
  if (!reader.fields(out, false)) {
    if (error) error->position = reader.position();
    return std::nullopt;
  }
  return out;
}

std::string fields_text(const std::vector<FieldSpec>& fields) {
  std::string out;
  for (const auto& field : fields) {
    if (!out.empty()) out += ',';
    out += field.name;
    for (const auto& [name, args] : field.modifiers) out += "." + name + "(" + args + ")";
    if (!field.subfields.empty()) out += "{" + fields_text(field.subfields) + "}";
  }
  return out;
}

}  // namespace pageaudit::fake
