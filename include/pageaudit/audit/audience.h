// Who the followers are: the share of them in the target profile, from Meta's audience breakdowns.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/audit/goals.h"

namespace pageaudit {

// One line of an audience breakdown: the percent of followers with that key.
struct AudienceShare {
  std::string dimension;  // "country", "city", "age_gender" or "age"
  std::string key;     // "ES" or "Spain"; "Madrid, Comunidad de Madrid, Spain"; "F.25-34"; "25-34"
  double percent = 0;  // 0..100
};

// A place breakdown that names none of the targets. Meta lists only its top cities and
// countries: a target missing from the list has a share below the smallest listed, not 0.
struct UnlistedTarget {
  std::string dimension;    // "city" or "country"
  double smallest_percent;  // the smallest share the list gives, 0..100
};

struct TargetShare {
  // 0..1; nullopt when a place is targeted and its lists name none of the targets (then the share
  // is unknown: the caller falls back, and unlisted says why).
  std::optional<double> share;
  std::vector<std::string> dimensions;   // which breakdowns it rests on: "city" or "country", "age"
  std::vector<UnlistedTarget> unlisted;  // the place lists that name no target, cities first
};

// The share of followers who fit the targets, from the breakdowns that have both targets and
// data. Place and age count as independent, so their shares multiply. A city lies inside its
// country, so a city share, where there is one, replaces the country share instead of
// multiplying it; when the city list names no target city the country list is tried. Cities
// match on the part before the first comma and ages on the part after the last dot ("F.25-34"),
// ignoring case and accents. nullopt when no breakdown applies.
std::optional<TargetShare> target_share(std::span<const AudienceShare> audience,
                                        const Audience& targets);

// The ISO 3166 alpha-2 code of a country as Meta's breakdowns write it: a code ("es"), an
// English or Spanish name ("Spain", "España") or a name with the code ("Bulgaria (BG)").
// nullopt for a name outside the table.
std::optional<std::string> country_code_of(std::string_view name);

}  // namespace pageaudit
