// The goals file (SPEC 3.6): what the business wants from its Page, read from TOML and validated.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pageaudit/core/date.h"
#include "pageaudit/core/error.h"
#include "pageaudit/core/messages.h"

namespace pageaudit {

enum class Objective {
  loyalty,
  acquisition,
  new_market,
  brand_image,
  customer_service,
  product_feedback,
  online_sales,
  community,
  grow_audience,
  other,
};

// The name used in goals files and reports ("online_sales").
std::string_view objective_name(Objective objective);
// The inverse of objective_name; nullopt for an unknown name.
std::optional<Objective> parse_objective(std::string_view name);

// A goal's bound: the metric must stay at least, or at most, at value.
struct Bound {
  enum class Kind { at_least, at_most };
  Kind kind = Kind::at_least;
  double value = 0;

  bool holds(double current) const {
    return kind == Kind::at_least ? current >= value : current <= value;
  }
  // "at_least" or "at_most", as the goals file and the JSON report spell it.
  std::string_view key() const { return kind == Kind::at_least ? "at_least" : "at_most"; }
};

struct Goal {
  std::string id;
  std::optional<Objective> objective;  // nullopt: the file gives none (lint: no-objective)
  std::string metric;                  // a name of the vocabulary (metrics.h)
  Bound bound;
  std::optional<Date> by;  // nullopt: no deadline (lint: no-deadline)
  std::string why;
  long line = 0;  // line of the goal's [[goal]] header
};

struct Business {
  std::string name;
  std::optional<long> customers;      // size of the customer base, if known
  std::optional<double> hourly_cost;  // cost of one hour of work on the Page
  std::string currency;               // as written ("EUR"); empty when not given
};

struct Effort {
  std::optional<double> hours_per_day;  // stated effort, for days no time log covers
};

struct Audience {
  std::optional<double> stated_target_share;    // 0..1
  std::optional<double> stated_customer_share;  // 0..1
  std::vector<std::string> target_countries;    // ISO 3166 alpha-2, upper case ("ES")
  std::vector<std::string> target_cities;       // as written ("Madrid")
  std::vector<std::string> target_ages;         // Meta's age ranges ("25-34", "65+")
};

// Customers asked "do you follow us on Facebook?": follow of asked said yes.
struct Survey {
  long asked = 0;
  long follow = 0;
};

struct Goals {
  std::optional<std::string> page;  // Page id; optional when the store holds one Page
  std::optional<Language> language;
  Business business;
  Effort effort;
  Audience audience;
  std::optional<Survey> survey;
  std::vector<Goal> goals;  // in file order
};

// Reads and validates the goals file at path.
// Errors: ExitCode::no_input "PATH: cannot open: <reason>" when the file cannot be read;
// otherwise those of parse_goals.
Result<Goals> load_goals(const std::string& path);

// Validates a goals document; name is the file name used in messages.
// Errors: ExitCode::data with one "NAME:LINE: what" line per problem, in line order, all of them
// (a TOML syntax error stops the parse, so it comes alone): unknown keys, wrong types, unknown
// objectives and metrics, a goal with both or neither of at_least/at_most, impossible dates,
// shares outside 0..1, a survey with more "follow" than "asked", duplicate goal ids.
Result<Goals> parse_goals(std::string_view text, const std::string& name);

}  // namespace pageaudit
