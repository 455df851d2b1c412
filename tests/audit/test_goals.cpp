// Tests for audit/goals: the goals file of SPEC 3.6 and every message it can produce.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/audit/goals.h"
#include "support.h"

namespace pageaudit {
namespace {

// The example of SPEC 3.6, comments included.
constexpr const char* k_spec_goals =
    R"(page = "100064197037125"     # optional when the store holds one Page
language = "es"              # report language: en | es

[business]
name = "Café La Esquina"
customers = 1800             # size of the customer base, if known
hourly_cost = 9.5            # cost of one hour of work on the Page
currency = "EUR"

[effort]
hours_per_day = 2.0          # stated effort, used where no time log covers a day

[audience]
stated_target_share = 0.33   # owner's estimate: share of followers who fit the target profile
stated_customer_share = 0.10 # optional: owner's estimate of followers who are customers
target_countries = ["ES"]    # optional, for exports that carry audience breakdowns
target_cities = ["Madrid"]
target_ages = ["25-34", "35-44"]

[survey]                     # optional: customers asked "do you follow us on Facebook?"
asked = 120
follow = 34

[[goal]]
id = "followers-15k"
objective = "grow_audience"  # loyalty | acquisition | new_market | brand_image | customer_service
                             # | product_feedback | online_sales | community | grow_audience | other
metric = "followers"
at_least = 15000             # or at_most = ...
by = "2026-12-31"
why = "the owner wants a bigger community"
)";

// The error text of a document that must not parse.
std::string errors_of(std::string_view text) {
  const Result<Goals> goals = parse_goals(text, "x.toml");
  REQUIRE_FALSE(goals.has_value());
  CHECK(goals.error().code == ExitCode::data);
  return goals.error().message;
}

TEST_CASE("the goals file of the SPEC is read completely") {
  const Result<Goals> parsed = parse_goals(k_spec_goals, "goals.toml");
  REQUIRE_MESSAGE(parsed.has_value(), parsed.error().message);
  const Goals& g = *parsed;
  CHECK(g.page == "100064197037125");
  CHECK(g.language == Language::es);
  CHECK(g.business.name == "Café La Esquina");
  CHECK(g.business.customers == 1800);
  CHECK(g.business.hourly_cost == 9.5);
  CHECK(g.business.currency == "EUR");
  CHECK(g.effort.hours_per_day == 2.0);
  CHECK(g.audience.stated_target_share == 0.33);
  CHECK(g.audience.stated_customer_share == 0.10);
  CHECK(g.audience.target_countries == std::vector<std::string>{"ES"});
  CHECK(g.audience.target_cities == std::vector<std::string>{"Madrid"});
  CHECK(g.audience.target_ages == std::vector<std::string>{"25-34", "35-44"});
  REQUIRE(g.survey);
  CHECK(g.survey->asked == 120);
  CHECK(g.survey->follow == 34);
  REQUIRE(g.goals.size() == 1);
  const Goal& goal = g.goals[0];
  CHECK(goal.id == "followers-15k");
  CHECK(goal.objective == Objective::grow_audience);
  CHECK(goal.metric == "followers");
  CHECK(goal.bound.kind == Bound::Kind::at_least);
  CHECK(goal.bound.value == 15000);
  REQUIRE(goal.by);
  CHECK(goal.by->iso() == "2026-12-31");
  CHECK(goal.why == "the owner wants a bigger community");
  CHECK(goal.line == 24);
}

TEST_CASE("a minimal goals file leaves everything optional unset") {
  const Result<Goals> parsed = parse_goals("", "empty.toml");
  REQUIRE(parsed.has_value());
  CHECK_FALSE(parsed->page);
  CHECK_FALSE(parsed->language);
  CHECK_FALSE(parsed->business.customers);
  CHECK_FALSE(parsed->survey);
  CHECK(parsed->goals.empty());
}

TEST_CASE("a goal may use at_most, a TOML date, an outcome metric and no objective or deadline") {
  const Result<Goals> parsed = parse_goals(R"(page = 100064197037125
[audience]
target_countries = ["es", "pt"]
[[goal]]
id = "cost"
metric = "cost_per_useful_follower"
at_most = 0.25
by = 2027-03-01
[[goal]]
id = "visitors"
metric = "outcome:visitors"
at_least = 2500
)",
                                           "x.toml");
  REQUIRE_MESSAGE(parsed.has_value(), parsed.error().message);
  CHECK(parsed->page == "100064197037125");
  CHECK(parsed->audience.target_countries == std::vector<std::string>{"ES", "PT"});
  REQUIRE(parsed->goals.size() == 2);
  CHECK(parsed->goals[0].bound.kind == Bound::Kind::at_most);
  CHECK(parsed->goals[0].bound.value == 0.25);
  CHECK(parsed->goals[0].by->iso() == "2027-03-01");
  CHECK(parsed->goals[0].line == 4);
  CHECK_FALSE(parsed->goals[1].objective);
  CHECK_FALSE(parsed->goals[1].by);
  CHECK(parsed->goals[1].metric == "outcome:visitors");
  CHECK(parsed->goals[1].line == 9);
}

TEST_CASE("each goals-file problem has its exact message") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"[business]\nname = \"Café\"\nhourly_rate = 9.5\n",
       "x.toml:3: unknown key \"hourly_rate\" in [business]"},
      {"[[goals]]\nid = \"a\"\n", "x.toml:1: unknown key \"goals\""},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\ncolour = \"red\"\n",
       "x.toml:5: unknown key \"colour\" in [[goal]]"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nobjective = \"sales\"\nat_least = 1\n",
       "x.toml:4: unknown objective \"sales\"; expected one of loyalty, acquisition, new_market, "
       "brand_image, customer_service, product_feedback, online_sales, community, grow_audience, "
       "other"},
      {"[[goal]]\nid = \"a\"\nmetric = \"likes\"\nat_least = 1\n",
       "x.toml:3: unknown metric \"likes\"; expected one of followers, net_follows, views, "
       "viewers, engagements, engagement_rate, page_visits, posts, comments, engagers, "
       "customer_followers, customer_share, useful_followers, hours, hours_per_useful_follower, "
       "cost_per_useful_follower, reply_hours or outcome:NAME"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\nat_most = 5\n",
       "x.toml:1: goal \"a\" has both at_least and at_most; keep one"},
      {"\n[[goal]]\nid = \"a\"\nmetric = \"followers\"\n",
       "x.toml:2: goal \"a\" has neither at_least nor at_most; give one"},
      {"[[goal]]\nmetric = \"followers\"\nat_least = 1\n", "x.toml:1: [[goal]] has no id"},
      {"[[goal]]\nid = \"a\"\nat_least = 1\n", "x.toml:1: goal \"a\" has no metric"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\nby = \"2026-02-30\"\n",
       "x.toml:5: \"by\" in [[goal]]: \"2026-02-30\" is not a valid date (YYYY-MM-DD)"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\nby = \"31/12/2026\"\n",
       "x.toml:5: \"by\" in [[goal]]: \"31/12/2026\" is not a valid date (YYYY-MM-DD)"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\nby = 20261231\n",
       "x.toml:5: \"by\" in [[goal]] must be a date, not an integer"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\nby = 1850-01-01\n",
       "x.toml:5: \"by\" in [[goal]]: 1850-01-01 is not a valid date"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = \"15000\"\n",
       "x.toml:4: \"at_least\" in [[goal]] must be a number, not a string"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = nan\n",
       "x.toml:4: \"at_least\" in [[goal]] must be a finite number"},
      {"[audience]\nstated_target_share = 33\n",
       "x.toml:2: \"stated_target_share\" in [audience] must be between 0 and 1, got 33"},
      {"[audience]\nstated_customer_share = -0.1\n",
       "x.toml:2: \"stated_customer_share\" in [audience] must be between 0 and 1, got -0.1"},
      {"[audience]\ntarget_countries = [\"Spain\"]\n",
       "x.toml:2: \"Spain\" in target_countries is not a two-letter country code such as \"ES\""},
      {"[audience]\ntarget_ages = [\"25-35\"]\n",
       "x.toml:2: \"25-35\" in target_ages is not one of Meta's age ranges: 13-17, 18-24, 25-34, "
       "35-44, 45-54, 55-64, 65+"},
      {"[audience]\ntarget_cities = \"Madrid\"\n",
       "x.toml:2: \"target_cities\" in [audience] must be an array of strings, not a string"},
      {"[audience]\ntarget_cities = [\"Madrid\", 28]\n",
       "x.toml:2: \"target_cities\" in [audience] must be an array of strings, not an integer"},
      {"[survey]\nasked = 120\nfollow = 130\n",
       "x.toml:3: \"follow\" in [survey] (130) cannot exceed \"asked\" (120)"},
      {"[survey]\nasked = 120\n", "x.toml:1: [survey] needs both \"asked\" and \"follow\""},
      {"[survey]\nasked = -1\nfollow = 0\n",
       "x.toml:2: \"asked\" in [survey] cannot be negative, got -1"},
      {"[business]\ncustomers = \"many\"\n",
       "x.toml:2: \"customers\" in [business] must be an integer, not a string"},
      {"[business]\ncustomers = 1800.5\n",
       "x.toml:2: \"customers\" in [business] must be an integer, not a floating-point number"},
      {"[business]\nhourly_cost = -9.5\n",
       "x.toml:2: \"hourly_cost\" in [business] cannot be negative, got -9.5"},
      {"[effort]\nhours_per_day = 30\n",
       "x.toml:2: \"hours_per_day\" in [effort] must be between 0 and 24, got 30"},
      {"language = \"fr\"\n", "x.toml:1: \"language\" must be \"en\" or \"es\", not \"fr\""},
      {"page = true\n", "x.toml:1: \"page\" must be a string, not a boolean"},
      {"business = \"Café\"\n", "x.toml:1: \"business\" must be a table, not a string"},
      {"[goal]\nid = \"a\"\n",
       "x.toml:1: \"goal\" must be an array of tables ([[goal]]), not a table"},
      {"[[goal]]\nid = \"a\"\nmetric = \"followers\"\nat_least = 1\n"
       "[[goal]]\nid = \"a\"\nmetric = \"views\"\nat_least = 2\n",
       "x.toml:5: duplicate goal id \"a\" (first used on line 1)"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(errors_of(c.text) == c.expected);
  }
}

TEST_CASE("a TOML syntax error is reported with toml++'s message and line") {
  CHECK(errors_of("language = \"es\"\nby = \n") ==
        "x.toml:2: Error while parsing key-value pair: expected value, saw '\\n'");
  // An impossible date written as a TOML date is a syntax error.
  CHECK(errors_of("[[goal]]\nby = 2026-02-30\n") ==
        "x.toml:2: Error while parsing date: expected day between 1 and 28 (inclusive), saw 30");
}

TEST_CASE("all the problems of a goals file are reported together, in line order") {
  const char* text = R"(language = "fr"
[business]
hourly_rate = 9.5
[[goal]]
id = "a"
metric = "likes"
at_least = 1
[[goal]]
id = "a"
metric = "followers"
)";
  CHECK(errors_of(text) ==
        "x.toml:1: \"language\" must be \"en\" or \"es\", not \"fr\"\n"
        "x.toml:3: unknown key \"hourly_rate\" in [business]\n"
        "x.toml:6: unknown metric \"likes\"; expected one of followers, net_follows, views, "
        "viewers, engagements, engagement_rate, page_visits, posts, comments, engagers, "
        "customer_followers, customer_share, useful_followers, hours, hours_per_useful_follower, "
        "cost_per_useful_follower, reply_hours or outcome:NAME\n"
        "x.toml:8: goal \"a\" has neither at_least nor at_most; give one\n"
        "x.toml:8: duplicate goal id \"a\" (first used on line 4)");
}

TEST_CASE("a goals file is loaded from disk") {
  test::TempDir dir;
  const std::string path = dir.file("goals.toml");
  test::write_file(path, k_spec_goals);
  const Result<Goals> goals = load_goals(path);
  REQUIRE_MESSAGE(goals.has_value(), goals.error().message);
  CHECK(goals->goals.size() == 1);
}

TEST_CASE("errors in a loaded goals file name the path") {
  test::TempDir dir;
  const std::string path = dir.file("goals.toml");
  test::write_file(path, "[business]\nhourly_rate = 9.5\n");
  const Result<Goals> goals = load_goals(path);
  REQUIRE_FALSE(goals.has_value());
  CHECK(goals.error().message == path + ":2: unknown key \"hourly_rate\" in [business]");
}

TEST_CASE("a missing goals file is no input") {
  const Result<Goals> goals = load_goals("/nonexistent/goals.toml");
  REQUIRE_FALSE(goals.has_value());
  CHECK(goals.error().code == ExitCode::no_input);
  CHECK(goals.error().message == "/nonexistent/goals.toml: cannot open: No such file or directory");
}

TEST_CASE("a directory given as goals file is no input") {
  test::TempDir dir;
  const Result<Goals> goals = load_goals(dir.path().string());
  REQUIRE_FALSE(goals.has_value());
  CHECK(goals.error().code == ExitCode::no_input);
  CHECK(goals.error().message == dir.path().string() + ": cannot read: Is a directory");
}

TEST_CASE("objective names round-trip") {
  CHECK(objective_name(Objective::online_sales) == "online_sales");
  CHECK(parse_objective("customer_service") == Objective::customer_service);
  CHECK(parse_objective("other") == Objective::other);
  CHECK_FALSE(parse_objective("sales"));
}

TEST_CASE("a bound holds at or beyond its value") {
  const Bound at_least{Bound::Kind::at_least, 100};
  const Bound at_most{Bound::Kind::at_most, 100};
  CHECK(at_least.holds(100));
  CHECK_FALSE(at_least.holds(99.5));
  CHECK(at_most.holds(100));
  CHECK_FALSE(at_most.holds(100.5));
  CHECK(at_most.key() == "at_most");
}

}  // namespace
}  // namespace pageaudit
