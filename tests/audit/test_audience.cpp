// Tests for audit/audience: target share from audience breakdowns and country names.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "pageaudit/audit/audience.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::near;

TEST_CASE("countries are recognised by code, English or Spanish name, or name with code") {
  struct Case {
    const char* name;
    const char* code;  // "" for unknown
  };
  const Case cases[] = {
      {"ES", "ES"},
      {"es", "ES"},
      {"Spain", "ES"},
      {"España", "ES"},
      {"ESPANA", "ES"},
      {" Perú ", "PE"},
      {"Peru", "PE"},
      {"Reino Unido", "GB"},
      {"Bulgaria (BG)", "BG"},
      {"Atlantis", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(country_code_of(c.name).value_or("") == c.code);
  }
}

TEST_CASE("the country share sums the target countries") {
  const std::vector<AudienceShare> audience = {
      {"country", "Spain", 80}, {"country", "France", 5}, {"country", "PT", 4}};
  Audience targets;
  targets.target_countries = {"ES", "PT"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.84));  // (80 + 4) / 100
  CHECK(share->dimensions == std::vector<std::string>{"country"});
}

TEST_CASE("cities match on the part before the comma, ignoring case and accents") {
  const std::vector<AudienceShare> audience = {
      {"city", "Madrid, Comunidad de Madrid, Spain", 30},
      {"city", "Móstoles, Madrid, Spain", 5},
      {"city", "Barcelona, Cataluña, Spain", 10},
      {"city", "Madridejos, Toledo, Spain", 2},
  };
  Audience targets;
  targets.target_cities = {"madrid", "Mostoles"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.35));  // Madrid 30 + Móstoles 5; Madridejos is another town
}

TEST_CASE("a city share replaces the country share it lies in") {
  const std::vector<AudienceShare> audience = {{"country", "ES", 80},
                                               {"city", "Madrid, Spain", 30}};
  Audience targets;
  targets.target_countries = {"ES"};
  targets.target_cities = {"Madrid"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.30));  // not 0.8 * 0.3: everyone in Madrid is in Spain
  CHECK(share->dimensions == std::vector<std::string>{"city"});
}

TEST_CASE("the country share applies when the target cities have no data") {
  const std::vector<AudienceShare> audience = {{"country", "ES", 80}};
  Audience targets;
  targets.target_countries = {"ES"};
  targets.target_cities = {"Madrid"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.80));
  CHECK(share->dimensions == std::vector<std::string>{"country"});
}

TEST_CASE("ages come from the age and gender block, every gender counted") {
  const std::vector<AudienceShare> audience = {
      {"age_gender", "F.25-34", 12}, {"age_gender", "M.25-34", 10}, {"age_gender", "F.35-44", 8},
      {"age_gender", "M.35-44", 6},  {"age_gender", "U.25-34", 1},  {"age_gender", "F.18-24", 20},
      {"age", "25-34", 99},  // a plain age block repeats the same people: not added again
  };
  Audience targets;
  targets.target_ages = {"25-34", "35-44"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.37));  // 12 + 10 + 8 + 6 + 1 = 37
  CHECK(share->dimensions == std::vector<std::string>{"age"});
}

TEST_CASE("a plain age block is used when there is no age and gender block") {
  const std::vector<AudienceShare> audience = {{"age", "25-34", 40}, {"age", "65+", 10}};
  Audience targets;
  targets.target_ages = {"65+"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.10));
}

TEST_CASE("place and age multiply as independent shares") {
  const std::vector<AudienceShare> audience = {
      {"country", "España", 80}, {"age_gender", "F.25-34", 20}, {"age_gender", "M.25-34", 17}};
  Audience targets;
  targets.target_countries = {"ES"};
  targets.target_ages = {"25-34"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.296));  // 0.80 * 0.37
  CHECK(share->dimensions == std::vector<std::string>{"country", "age"});
}

TEST_CASE("a target share needs both targets and data for some breakdown") {
  const std::vector<AudienceShare> countries = {{"country", "ES", 80}};
  Audience ages_only;
  ages_only.target_ages = {"25-34"};
  CHECK_FALSE(target_share(countries, ages_only));
  CHECK_FALSE(target_share(countries, Audience{}));
  Audience spain;
  spain.target_countries = {"ES"};
  CHECK_FALSE(target_share({}, spain));
}

TEST_CASE("a share over 100 percent from rounded exports counts as everyone") {
  const std::vector<AudienceShare> audience = {{"country", "ES", 60.1}, {"country", "Spain", 40}};
  Audience targets;
  targets.target_countries = {"ES"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(share->share == 1.0);
}

TEST_CASE("a target missing from Meta's top list has an unknown share, never 0") {
  // Meta lists only its top countries: Spain absent means below 4%, not 0%.
  const std::vector<AudienceShare> audience = {
      {"country", "FR", 90}, {"country", "BE", 4}, {"age_gender", "F.25-34", 30}};
  Audience targets;
  targets.target_countries = {"ES"};
  targets.target_ages = {"25-34"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK_FALSE(share->share);
  REQUIRE(share->unlisted.size() == 1);
  CHECK(share->unlisted[0].dimension == "country");
  CHECK(share->unlisted[0].smallest_percent == 4);
}

TEST_CASE("a target city missing from the top cities falls back to the countries") {
  // Getafe is not among the cities listed (smallest 1.2%): the share rests on Spain, 80%.
  const std::vector<AudienceShare> audience = {
      {"city", "Madrid, Spain", 30}, {"city", "Toledo, Spain", 1.2}, {"country", "ES", 80}};
  Audience targets;
  targets.target_cities = {"Getafe"};
  targets.target_countries = {"ES"};
  const auto share = target_share(audience, targets);
  REQUIRE(share);
  CHECK(near(share->share, 0.80));
  CHECK(share->dimensions == std::vector<std::string>{"country"});
  REQUIRE(share->unlisted.size() == 1);
  CHECK(share->unlisted[0].dimension == "city");
  CHECK(near(share->unlisted[0].smallest_percent, 1.2));
}

}  // namespace
}  // namespace pageaudit
