// The fake Graph server's reader of Graph field lists:
// "id,insights.metric(a,b).period(day),comments.limit(5){from}".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pageaudit::fake {

// One requested field with its modifiers (".metric(a,b)" -> {"metric", "a,b"}) and, for an
// expanded edge, its own field list ("{from,message}").
struct FieldSpec {
  std::string name;
  std::map<std::string, std::string> modifiers;
  std::vector<FieldSpec> subfields;
};

struct FieldsError {
  size_t position;  // 0-based offset in the text where reading stopped
};

// Reads a field list; an empty text gives an empty list. On a syntax error, where it is.
std::optional<std::vector<FieldSpec>> parse_fields(std::string_view text, FieldsError* error);

// The field list as text again (for the paging URLs of an expanded edge).
std::string fields_text(const std::vector<FieldSpec>& fields);

}  // namespace pageaudit::fake
