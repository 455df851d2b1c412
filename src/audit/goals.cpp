// Goals file reader: toml++ parses the syntax, this file checks every key and collects every error.
#include "pageaudit/audit/goals.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "pageaudit/audit/metrics.h"

namespace pageaudit {
namespace {

// In the order of enum Objective.
constexpr std::string_view k_objectives[] = {
    "loyalty",          "acquisition",  "new_market", "brand_image",   "customer_service",
    "product_feedback", "online_sales", "community",  "grow_audience", "other",
};

// The age ranges Meta's audience breakdowns use; a target outside them could never match.
constexpr std::string_view k_age_ranges[] = {"13-17", "18-24", "25-34", "35-44",
                                             "45-54", "55-64", "65+"};

template <size_t N>
std::string join(const std::string_view (&items)[N]) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a floating-point number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

long line_of(const toml::source_region& region) {
  return static_cast<long>(region.begin.line);
}

// The key being read, to say where a problem is: "\"hourly_cost\" in [business]".
struct Field {
  std::string_view key;
  std::string_view section;  // "" at the top level, else "[business]", "[[goal]]"...
  long line = 0;

  std::string describe() const {
    if (section.empty()) return quoted(key);
    return fmt::format("{} in {}", quoted(key), section);
  }
};

// Reads one document into Goals. Every reader records its problem and returns nullopt, so that
// one pass over the file reports everything that is wrong with it.
class GoalsParser {
 public:
  explicit GoalsParser(const std::string& name) : m_name(name) {}

  Result<Goals> parse(const toml::table& root) {
    top_level(root);
    check_goal_ids();
    if (m_problems.empty()) return std::move(m_goals);
    // Sections are visited in key order (toml++ tables are sorted); report in reading order.
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    std::string text;
    for (const Problem& p : m_problems) {
      if (!text.empty()) text += '\n';
      text += at(m_name, p.line, p.message);
    }
    return fail(ExitCode::data, std::move(text));
  }

 private:
  struct Problem {
    long line;
    std::string message;
  };

  void error(long line, std::string message) { m_problems.push_back({line, std::move(message)}); }

  void unknown_key(const Field& field) {
    if (field.section.empty()) {
      error(field.line, fmt::format("unknown key {}", quoted(field.key)));
    } else {
      error(field.line, fmt::format("unknown key {} in {}", quoted(field.key), field.section));
    }
  }

  void wrong_type(const toml::node& node, const Field& field, std::string_view expected) {
    error(field.line,
          fmt::format("{} must be {}, not {}", field.describe(), expected, type_name(node)));
  }

  std::optional<std::string> string_of(const toml::node& node, const Field& field) {
    if (const auto* s = node.as_string()) return s->get();
    wrong_type(node, field, "a string");
    return std::nullopt;
  }

  const toml::table* table_of(const toml::node& node, const Field& field) {
    if (const auto* t = node.as_table()) return t;
    wrong_type(node, field, "a table");
    return nullptr;
  }

  std::optional<double> number_of(const toml::node& node, const Field& field) {
    if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node.as_floating_point()) {
      if (std::isfinite(f->get())) return f->get();
      error(field.line, fmt::format("{} must be a finite number", field.describe()));
      return std::nullopt;
    }
    wrong_type(node, field, "a number");
    return std::nullopt;
  }

  std::optional<double> number_between(const toml::node& node, const Field& field, double low,
                                       double high) {
    const std::optional<double> value = number_of(node, field);
    if (value && (*value < low || *value > high)) {
      error(field.line, fmt::format("{} must be between {} and {}, got {}", field.describe(), low,
                                    high, *value));
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> non_negative_number(const toml::node& node, const Field& field) {
    const std::optional<double> value = number_of(node, field);
    if (value && *value < 0) {
      error(field.line, fmt::format("{} cannot be negative, got {}", field.describe(), *value));
      return std::nullopt;
    }
    return value;
  }

  std::optional<long> count_of(const toml::node& node, const Field& field) {
    const auto* i = node.as_integer();
    if (i == nullptr) {
      wrong_type(node, field, "an integer");
      return std::nullopt;
    }
    if (i->get() < 0) {
      error(field.line, fmt::format("{} cannot be negative, got {}", field.describe(), i->get()));
      return std::nullopt;
    }
    return static_cast<long>(i->get());
  }

  // A TOML date (by = 2026-12-31) or the same as a string (by = "2026-12-31").
  std::optional<Date> date_of(const toml::node& node, const Field& field) {
    if (const auto* d = node.as_date()) {
      const toml::date& value = d->get();
      if (auto date = Date::from_ymd(value.year, value.month, value.day)) return date;
      error(field.line, fmt::format("{}: {:04}-{:02}-{:02} is not a valid date", field.describe(),
                                    value.year, value.month, value.day));
      return std::nullopt;
    }
    if (const auto* s = node.as_string()) {
      if (auto date = Date::parse_iso(s->get())) return date;
      error(field.line,
            fmt::format("{}: \"{}\" is not a valid date (YYYY-MM-DD)", field.describe(), s->get()));
      return std::nullopt;
    }
    wrong_type(node, field, "a date");
    return std::nullopt;
  }

  // An array of strings, each checked by accept (which returns the value to keep, or records
  // its own error and returns nullopt).
  template <typename Accept>
  std::vector<std::string> strings_of(const toml::node& node, const Field& field, Accept accept) {
    std::vector<std::string> out;
    const auto* array = node.as_array();
    if (array == nullptr) {
      wrong_type(node, field, "an array of strings");
      return out;
    }
    for (const toml::node& element : *array) {
      const Field at_element{field.key, field.section, line_of(element.source())};
      const auto* s = element.as_string();
      if (s == nullptr) {
        wrong_type(element, at_element, "an array of strings");
        continue;
      }
      if (auto value = accept(s->get(), at_element)) out.push_back(std::move(*value));
    }
    return out;
  }

  void top_level(const toml::table& root) {
    for (auto&& [key, node] : root) {
      const Field field{key.str(), "", line_of(key.source())};
      if (field.key == "page") {
        // A numeric Page id written without quotes is still the same id.
        if (const auto* i = node.as_integer()) {
          m_goals.page = std::to_string(i->get());
        } else if (auto page = string_of(node, field)) {
          m_goals.page = std::move(*page);
        }
      } else if (field.key == "language") {
        if (auto code = string_of(node, field)) {
          m_goals.language = parse_language(*code);
          if (!m_goals.language) {
            error(field.line,
                  fmt::format("\"language\" must be \"en\" or \"es\", not \"{}\"", *code));
          }
        }
      } else if (field.key == "business") {
        if (const auto* t = table_of(node, field)) business(*t);
      } else if (field.key == "effort") {
        if (const auto* t = table_of(node, field)) effort(*t);
      } else if (field.key == "audience") {
        if (const auto* t = table_of(node, field)) audience(*t);
      } else if (field.key == "survey") {
        if (const auto* t = table_of(node, field)) survey(*t);
      } else if (field.key == "goal") {
        goal_array(node, field);
      } else {
        unknown_key(field);
      }
    }
  }

  void business(const toml::table& table) {
    Business& b = m_goals.business;
    for (auto&& [key, node] : table) {
      const Field field{key.str(), "[business]", line_of(key.source())};
      if (field.key == "name") {
        if (auto v = string_of(node, field)) b.name = std::move(*v);
      } else if (field.key == "customers") {
        b.customers = count_of(node, field);
      } else if (field.key == "hourly_cost") {
        b.hourly_cost = non_negative_number(node, field);
      } else if (field.key == "currency") {
        if (auto v = string_of(node, field)) b.currency = std::move(*v);
      } else {
        unknown_key(field);
      }
    }
  }

  void effort(const toml::table& table) {
    for (auto&& [key, node] : table) {
      const Field field{key.str(), "[effort]", line_of(key.source())};
      if (field.key == "hours_per_day") {
        m_goals.effort.hours_per_day = number_between(node, field, 0, 24);
      } else {
        unknown_key(field);
      }
    }
  }

  void audience(const toml::table& table) {
    Audience& a = m_goals.audience;
    for (auto&& [key, node] : table) {
      const Field field{key.str(), "[audience]", line_of(key.source())};
      if (field.key == "stated_target_share") {
        a.stated_target_share = number_between(node, field, 0, 1);
      } else if (field.key == "stated_customer_share") {
        a.stated_customer_share = number_between(node, field, 0, 1);
      } else if (field.key == "target_countries") {
        a.target_countries = strings_of(node, field, [&](std::string code, const Field& at) {
          return country_code(std::move(code), at);
        });
      } else if (field.key == "target_cities") {
        a.target_cities = strings_of(node, field, [](std::string city, const Field&) {
          return std::optional<std::string>(std::move(city));
        });
      } else if (field.key == "target_ages") {
        a.target_ages = strings_of(node, field, [&](std::string range, const Field& at) {
          return age_range(std::move(range), at);
        });
      } else {
        unknown_key(field);
      }
    }
  }

  std::optional<std::string> country_code(std::string code, const Field& field) {
    const bool two_letters = code.size() == 2 &&
                             std::isalpha(static_cast<unsigned char>(code[0])) &&
                             std::isalpha(static_cast<unsigned char>(code[1]));
    if (!two_letters) {
      error(field.line, fmt::format("\"{}\" in {} is not a two-letter country code such as \"ES\"",
                                    code, field.key));
      return std::nullopt;
    }
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return code;
  }

  std::optional<std::string> age_range(std::string range, const Field& field) {
    if (std::find(std::begin(k_age_ranges), std::end(k_age_ranges), range) !=
        std::end(k_age_ranges)) {
      return range;
    }
    error(field.line, fmt::format("\"{}\" in {} is not one of Meta's age ranges: {}", range,
                                  field.key, join(k_age_ranges)));
    return std::nullopt;
  }

  void survey(const toml::table& table) {
    std::optional<long> asked;
    std::optional<long> follow;
    long follow_line = line_of(table.source());
    for (auto&& [key, node] : table) {
      const Field field{key.str(), "[survey]", line_of(key.source())};
      if (field.key == "asked") {
        asked = count_of(node, field);
      } else if (field.key == "follow") {
        follow = count_of(node, field);
        follow_line = field.line;
      } else {
        unknown_key(field);
      }
    }
    if (!table.contains("asked") || !table.contains("follow")) {
      error(line_of(table.source()), "[survey] needs both \"asked\" and \"follow\"");
      return;
    }
    if (!asked || !follow) return;  // already reported
    if (*follow > *asked) {
      error(follow_line, fmt::format("\"follow\" in [survey] ({}) cannot exceed \"asked\" ({})",
                                     *follow, *asked));
      return;
    }
    m_goals.survey = Survey{*asked, *follow};
  }

  void goal_array(const toml::node& node, const Field& field) {
    const auto* array = node.as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
      wrong_type(node, field, "an array of tables ([[goal]])");
      return;
    }
    for (const toml::node& element : *array) goal(*element.as_table());
  }

  void goal(const toml::table& table) {
    Goal g;
    g.line = line_of(table.source());
    for (auto&& [key, node] : table) {
      const Field field{key.str(), "[[goal]]", line_of(key.source())};
      if (field.key == "id") {
        if (auto v = string_of(node, field)) g.id = std::move(*v);
      } else if (field.key == "objective") {
        if (auto v = string_of(node, field)) {
          g.objective = parse_objective(*v);
          if (!g.objective) {
            error(field.line, fmt::format("unknown objective \"{}\"; expected one of {}", *v,
                                          join(k_objectives)));
          }
        }
      } else if (field.key == "metric") {
        if (auto v = string_of(node, field)) {
          if (!find_metric(*v)) {
            error(field.line, fmt::format("unknown metric \"{}\"; expected one of {}", *v,
                                          metric_vocabulary()));
          }
          g.metric = std::move(*v);
        }
      } else if (field.key == "at_least" || field.key == "at_most") {
        if (auto v = number_of(node, field)) {
          g.bound =
              Bound{field.key == "at_least" ? Bound::Kind::at_least : Bound::Kind::at_most, *v};
        }
      } else if (field.key == "by") {
        g.by = date_of(node, field);
      } else if (field.key == "why") {
        if (auto v = string_of(node, field)) g.why = std::move(*v);
      } else {
        unknown_key(field);
      }
    }
    const std::string label = g.id.empty() ? "[[goal]]" : fmt::format("goal \"{}\"", g.id);
    if (!table.contains("id")) error(g.line, "[[goal]] has no id");
    if (!table.contains("metric")) error(g.line, fmt::format("{} has no metric", label));
    const bool at_least = table.contains("at_least");
    const bool at_most = table.contains("at_most");
    if (at_least && at_most) {
      error(g.line, fmt::format("{} has both at_least and at_most; keep one", label));
    } else if (!at_least && !at_most) {
      error(g.line, fmt::format("{} has neither at_least nor at_most; give one", label));
    }
    m_goals.goals.push_back(std::move(g));
  }

  void check_goal_ids() {
    std::map<std::string, long, std::less<>> first_line;
    for (const Goal& g : m_goals.goals) {
      if (g.id.empty()) continue;
      auto [it, inserted] = first_line.emplace(g.id, g.line);
      if (!inserted) {
        error(g.line,
              fmt::format("duplicate goal id \"{}\" (first used on line {})", g.id, it->second));
      }
    }
  }

  const std::string& m_name;
  Goals m_goals;
  std::vector<Problem> m_problems;
};

}  // namespace

std::string_view objective_name(Objective objective) {
  return k_objectives[static_cast<size_t>(objective)];
}

std::optional<Objective> parse_objective(std::string_view name) {
  const auto* it = std::find(std::begin(k_objectives), std::end(k_objectives), name);
  if (it == std::end(k_objectives)) return std::nullopt;
  return static_cast<Objective>(it - std::begin(k_objectives));
}

Result<Goals> parse_goals(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, std::string_view(name));
  } catch (const toml::parse_error& e) {
    return fail(ExitCode::data, at(name, line_of(e.source()), std::string(e.description())));
  }
  return GoalsParser(name).parse(root);
}

Result<Goals> load_goals(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file)
    return fail(ExitCode::no_input,
                at(path, 0, fmt::format("cannot open: {}", std::strerror(errno))));
  std::string text;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  // A directory opens but does not read (EISDIR): report it like a missing file.
  if (std::ferror(file.get())) {
    return fail(ExitCode::no_input,
                at(path, 0, fmt::format("cannot read: {}", std::strerror(errno))));
  }
  return parse_goals(text, path);
}

}  // namespace pageaudit
