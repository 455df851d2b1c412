// Target share from audience breakdowns, and the table of country names the exports use.
#include "pageaudit/audit/audience.h"

#include <algorithm>
#include <cctype>

#include "pageaudit/core/identity.h"

namespace pageaudit {
namespace {

struct Country {
  std::string_view code;
  std::string_view english;
  std::string_view spanish;
};

// The countries of the Spanish-speaking markets the tool is used in and their neighbours.
// Names are compared after normalize_text, so "Peru" also matches "Perú".
constexpr Country k_countries[] = {
    {"ES", "Spain", "España"},      {"PT", "Portugal", "Portugal"},
    {"FR", "France", "Francia"},    {"IT", "Italy", "Italia"},
    {"DE", "Germany", "Alemania"},  {"GB", "United Kingdom", "Reino Unido"},
    {"IE", "Ireland", "Irlanda"},   {"NL", "Netherlands", "Países Bajos"},
    {"BE", "Belgium", "Bélgica"},   {"CH", "Switzerland", "Suiza"},
    {"AD", "Andorra", "Andorra"},   {"RO", "Romania", "Rumanía"},
    {"MA", "Morocco", "Marruecos"}, {"US", "United States", "Estados Unidos"},
    {"MX", "Mexico", "México"},     {"AR", "Argentina", "Argentina"},
    {"CO", "Colombia", "Colombia"}, {"CL", "Chile", "Chile"},
    {"PE", "Peru", "Perú"},         {"VE", "Venezuela", "Venezuela"},
    {"EC", "Ecuador", "Ecuador"},   {"UY", "Uruguay", "Uruguay"},
    {"PY", "Paraguay", "Paraguay"}, {"BO", "Bolivia", "Bolivia"},
    {"CU", "Cuba", "Cuba"},         {"DO", "Dominican Republic", "República Dominicana"},
    {"BR", "Brazil", "Brasil"},
};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool is_code(std::string_view text) {
  return text.size() == 2 && std::isalpha(static_cast<unsigned char>(text[0])) &&
         std::isalpha(static_cast<unsigned char>(text[1]));
}

std::string_view trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// What one dimension's lines say of the targets.
struct Lines {
  bool any = false;      // the breakdown has lines of this dimension
  bool matched = false;  // one of them is a target
  double percent = 0;    // the targets' lines summed
  double smallest = 0;   // the smallest line
};

template <typename Matches>
Lines lines_of(std::span<const AudienceShare> audience, std::string_view dimension,
               Matches matches) {
  Lines out;
  for (const AudienceShare& line : audience) {
    if (line.dimension != dimension) continue;
    out.smallest = out.any ? std::min(out.smallest, line.percent) : line.percent;
    out.any = true;
    if (matches(line.key)) {
      out.matched = true;
      out.percent += line.percent;
    }
  }
  return out;
}

// The share of the lines of one dimension whose key matches; nullopt when it has no lines.
template <typename Matches>
std::optional<double> share_of(std::span<const AudienceShare> audience, std::string_view dimension,
                               Matches matches) {
  const Lines lines = lines_of(audience, dimension, matches);
  if (!lines.any) return std::nullopt;
  // Exported percentages are rounded and can add up to slightly more than 100.
  return std::min(1.0, lines.percent / 100);
}

// The share of a top list (cities, countries) whose key matches: nullopt when the list is absent,
// and also when it names no target, which is then recorded in `unlisted`.
template <typename Matches>
std::optional<double> top_share(std::span<const AudienceShare> audience, std::string_view dimension,
                                Matches matches, std::vector<UnlistedTarget>& unlisted) {
  const Lines lines = lines_of(audience, dimension, matches);
  if (!lines.any) return std::nullopt;
  if (!lines.matched) {
    unlisted.push_back({std::string(dimension), lines.smallest});
    return std::nullopt;
  }
  return std::min(1.0, lines.percent / 100);
}

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

}  // namespace

std::optional<std::string> country_code_of(std::string_view name) {
  name = trim(name);
  if (is_code(name)) return upper(name);
  // "Bulgaria (BG)": the video exports name the country and give its code.
  if (name.size() > 4 && name.ends_with(')') && name[name.size() - 4] == '(' &&
      is_code(name.substr(name.size() - 3, 2))) {
    return upper(name.substr(name.size() - 3, 2));
  }
  const std::string wanted = normalize_text(name);
  for (const Country& c : k_countries) {
    if (normalize_text(c.english) == wanted || normalize_text(c.spanish) == wanted) {
      return std::string(c.code);
    }
  }
  return std::nullopt;
}

std::optional<TargetShare> target_share(std::span<const AudienceShare> audience,
                                        const Audience& targets) {
  TargetShare result{1.0, {}, {}};

  std::optional<double> place;
  if (!targets.target_cities.empty()) {
    std::vector<std::string> cities;
    for (const std::string& c : targets.target_cities) cities.push_back(normalize_text(c));
    place = top_share(
        audience, "city",
        [&](std::string_view key) {
          return contains(cities, normalize_text(key.substr(0, key.find(','))));
        },
        result.unlisted);
    if (place) result.dimensions.emplace_back("city");
  }
  if (!place && !targets.target_countries.empty()) {
    place = top_share(
        audience, "country",
        [&](std::string_view key) {
          const std::optional<std::string> code = country_code_of(key);
          return code && contains(targets.target_countries, *code);
        },
        result.unlisted);
    if (place) result.dimensions.emplace_back("country");
  }
  if (place) {
    *result.share *= *place;
  } else if (!result.unlisted.empty()) {
    // The targeted place is below every listed one: its share is unknown, and so is the profile's.
    result.share = std::nullopt;
  }

  if (!targets.target_ages.empty()) {
    const auto in_target_ages = [&](std::string_view key) {
      const size_t dot = key.rfind('.');
      return contains(targets.target_ages,
                      trim(dot == std::string_view::npos ? key : key.substr(dot + 1)));
    };
    // The age & gender block splits each age by gender; a plain age block is the same people.
    std::optional<double> age = share_of(audience, "age_gender", in_target_ages);
    if (!age) age = share_of(audience, "age", in_target_ages);
    if (age) {
      if (result.share) *result.share *= *age;
      result.dimensions.emplace_back("age");
    }
  }
  if (result.dimensions.empty() && result.unlisted.empty()) return std::nullopt;
  return result;
}

}  // namespace pageaudit
