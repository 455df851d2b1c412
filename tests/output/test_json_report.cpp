// Tests for output/json_report: the SPEC's keys, nulls, rounding, parsed back key by key.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <limits>
#include <string>
#include <vector>

#include "audit/spec_example.h"
#include "pageaudit/output/json_report.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::near;

rapidjson::Document parse(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  return doc;
}

std::vector<std::string> keys(const rapidjson::Value& object) {
  std::vector<std::string> out;
  for (const auto& m : object.GetObject()) out.emplace_back(m.name.GetString());
  return out;
}

TEST_CASE("the JSON report of the SPEC's example, key by key") {
  const std::string json = render_json(run_audit(test::spec_example()));
  const rapidjson::Document doc = parse(json);

  CHECK(keys(doc) ==
        std::vector<std::string>{"as_of", "window_days", "page", "followers", "activity", "effort",
                                 "customers", "useful_followers", "hours_per_useful_follower",
                                 "hours_per_new_useful_follower", "cost_per_useful_follower",
                                 "replies", "goals", "lint", "data_quality"});
  CHECK(doc["replies"].IsNull());  // no comment data
  CHECK(std::string(doc["as_of"].GetString()) == "2026-11-20");
  CHECK(doc["window_days"].GetInt() == 28);
  CHECK(std::string(doc["page"]["id"].GetString()) == "100064197037125");
  CHECK(std::string(doc["page"]["name"].GetString()) == "Café La Esquina");

  const auto& followers = doc["followers"];
  CHECK(keys(followers) == std::vector<std::string>{"value", "net_change_window", "trend_per_day"});
  CHECK(followers["value"].IsInt64());
  CHECK(followers["value"].GetInt64() == 9874);
  CHECK(followers["net_change_window"].GetInt64() == 310);
  CHECK(followers["trend_per_day"].GetDouble() == 11.0);

  const auto& effort = doc["effort"];
  CHECK(keys(effort) == std::vector<std::string>{"hours_window", "cost_window", "source"});
  CHECK(effort["hours_window"].GetDouble() == 56.0);
  CHECK(effort["cost_window"].GetDouble() == 532.0);
  CHECK(std::string(effort["source"].GetString()) == "stated");

  const auto& headline = doc["customers"]["headline"];
  CHECK(keys(headline) == std::vector<std::string>{"method", "customer_followers", "share", "low",
                                                   "high", "n", "biased"});
  CHECK(std::string(headline["method"].GetString()) == "survey");
  CHECK(headline["customer_followers"].GetInt64() == 510);
  // Full precision (15 significant digits): 510 / 9874 = 0.0516508..., the interval
  // 0.038356..0.067396 (Wilson, 34 of 120, scaled by 1800 / 9874).
  CHECK(near(headline["share"].GetDouble(), 510.0 / 9874, 1e-12));
  CHECK(near(headline["low"].GetDouble(), 0.038356, 1e-6));
  CHECK(near(headline["high"].GetDouble(), 0.067396, 1e-6));
  CHECK(headline["n"].GetInt64() == 120);
  CHECK(headline["biased"].GetBool() == false);
  const auto& estimates = doc["customers"]["estimates"];
  REQUIRE(estimates.Size() == 1);
  CHECK(keys(estimates[0]) == std::vector<std::string>{"method", "customer_followers", "share",
                                                       "low", "high", "n", "biased"});
  CHECK(estimates[0]["n"].GetInt64() == 120);
  CHECK(estimates[0]["biased"].GetBool() == false);

  const auto& useful = doc["useful_followers"];
  CHECK(keys(useful) ==
        std::vector<std::string>{"value", "share", "method", "dimensions", "unlisted", "reason"});
  CHECK(useful["unlisted"].Size() == 0);
  CHECK(useful["reason"].IsNull());
  CHECK(useful["value"].GetInt64() == 3258);
  CHECK(useful["share"].GetDouble() == 0.33);
  CHECK(std::string(useful["method"].GetString()) == "stated");
  CHECK(useful["dimensions"].Size() == 0);

  // Unrounded: 56 / 3258 = 0.0171885; 56 / (0.33 x 310) = 56 / 102.3 = 0.547410; 532 / 3258.
  CHECK(near(doc["hours_per_useful_follower"].GetDouble(), 56.0 / 3258, 1e-12));
  CHECK(near(doc["hours_per_new_useful_follower"].GetDouble(), 56.0 / 102.3, 1e-12));
  CHECK(near(doc["cost_per_useful_follower"].GetDouble(), 532.0 / 3258, 1e-12));

  REQUIRE(doc["goals"].Size() == 1);
  const auto& goal = doc["goals"][0];
  CHECK(keys(goal) == std::vector<std::string>{"id", "metric", "objective", "at_least", "by",
                                               "current", "status", "projected", "projected_low",
                                               "projected_high", "uncertain", "required_per_day",
                                               "current_per_day", "projected_date", "lint"});
  CHECK(std::string(goal["id"].GetString()) == "followers-15k");
  CHECK(std::string(goal["metric"].GetString()) == "followers");
  CHECK(std::string(goal["objective"].GetString()) == "grow_audience");
  CHECK(goal["at_least"].GetInt64() == 15000);
  CHECK(std::string(goal["by"].GetString()) == "2026-12-31");
  CHECK(goal["current"].GetInt64() == 9874);
  CHECK(std::string(goal["status"].GetString()) == "behind");
  CHECK(goal["projected"].GetInt64() == 10325);
  // The trend is a straight line, 11 a day: its interval has no width.
  CHECK(goal["projected_low"].GetInt64() == 10325);
  CHECK(goal["projected_high"].GetInt64() == 10325);
  CHECK(goal["uncertain"].GetBool() == false);
  CHECK(near(goal["required_per_day"].GetDouble(), 5126.0 / 41, 1e-12));  // 125.024..., not 125
  CHECK(goal["current_per_day"].IsNull());  // a stock has no daily average
  CHECK(std::string(goal["projected_date"].GetString()) == "2028-02-29");
  REQUIRE(goal["lint"].Size() == 1);
  CHECK(std::string(goal["lint"][0].GetString()) == "vanity-round-target");

  const auto& lint = doc["lint"];
  REQUIRE(lint.Size() == 3);
  CHECK(keys(lint[0]) == std::vector<std::string>{"rule", "goal", "message"});
  CHECK(std::string(lint[0]["goal"].GetString()) == "followers-15k");
  CHECK(std::string(lint[1]["rule"].GetString()) == "no-business-goal");
  CHECK(lint[1]["goal"].IsNull());
  CHECK(std::string(lint[2]["message"].GetString()) ==
        "56 hours went into the Page in the last 28 days, but no goal bounds the hours or the "
        "cost per useful follower");
  CHECK(doc["data_quality"].Size() == 0);
}

TEST_CASE("each activity figure carries the days of the window it covers") {
  // Views on 16 of the 28 days (100 each): 1600 over 16 days. Engagements on the last 10 of those
  // (5 each): 50, and the rate uses only those 10 days: 50 / 1000 = 0.05. Posts: 3, from an
  // export whose posts run from 2026-11-01 to the as-of day: 20 days. No comments.
  AuditInput in = test::spec_example();
  for (int i = 12; i < 28; ++i) in.views[test::day("2026-10-24") + i] = 100;
  for (int i = 18; i < 28; ++i) in.engagements[test::day("2026-10-24") + i] = 5;
  in.posts = 3;
  in.posts_covered = {{test::day("2026-11-01"), test::day("2026-11-20")}};
  in.outcomes["sales"][test::day("2026-11-20")] = 2.5;
  const rapidjson::Document doc = parse(render_json(run_audit(in)));
  const auto& a = doc["activity"];
  CHECK(keys(a) == std::vector<std::string>{"views", "viewers", "engagements", "engagement_rate",
                                            "page_visits", "posts", "comments", "engagers",
                                            "outcome:sales"});
  CHECK(a["views"]["value"].GetInt64() == 1600);
  CHECK(a["views"]["days"].GetInt() == 16);
  CHECK(a["engagements"]["value"].GetInt64() == 50);
  CHECK(a["engagements"]["days"].GetInt() == 10);
  CHECK(a["engagement_rate"]["value"].GetDouble() == 0.05);
  CHECK(a["engagement_rate"]["days"].GetInt() == 10);
  CHECK(a["posts"]["value"].GetInt64() == 3);
  CHECK(a["posts"]["days"].GetInt() == 20);
  CHECK(a["viewers"]["value"].IsNull());
  CHECK(a["viewers"]["days"].GetInt() == 0);
  CHECK(a["comments"]["value"].IsNull());
  CHECK(a["outcome:sales"]["value"].GetDouble() == 2.5);
  CHECK(a["outcome:sales"]["days"].GetInt() == 1);

  // The data-quality note names each figure that covers part of the window.
  REQUIRE(doc["data_quality"].Size() == 1);
  CHECK(std::string(doc["data_quality"][0]["note"].GetString()) == "partial-window");
  CHECK(std::string(doc["data_quality"][0]["message"].GetString()) ==
        "some figures cover only part of the 28-day window and count only those days: Views, 16 "
        "of 28 days; Engagements, 10 of 28 days; Engagement rate, 10 of 28 days; Posts, 20 of 28 "
        "days; Outcome: sales, 1 of 28 days");
}

TEST_CASE("the JSON report gives the reply figures and an uncertain projection") {
  AuditInput in = test::spec_example();
  // Three top-level comments: answered after 1.5 and 4 hours, one waiting 20 hours to the end
  // of the audit day. Median 4, 2 of 3 answered.
  in.comments = 3;
  in.reply_waits = {{1.5, true}, {20, false}, {4, true}};
  // The café's followers are a line, 9577 + 11 x day; 300 more on the window's first day bends
  // the slope to 11 - 300 x 13.5 / 1827 = 8.7833 and leaves residuals: squared 77807.9, over 26
  // degrees 2992.6, / 1827 = 1.638, standard error 1.2798, x t(26) 2.0555 = margin 2.6307. Over
  // the 41 days to 2026-12-31: projected 9874 + 8.7833 x 41 = 10234.1; low end
  // 9874 + 6.1525 x 41 = 10126.3; high end 10342.0. A bound of 10,200: on track, uncertain.
  in.followers[test::day("2026-10-24")] += 300;
  in.goals.goals[0].bound.value = 10200;
  const rapidjson::Document doc = parse(render_json(run_audit(in)));
  const auto& replies = doc["replies"];
  CHECK(keys(replies) ==
        std::vector<std::string>{"median_hours", "answered", "comments", "share_answered"});
  CHECK(replies["median_hours"].GetDouble() == 4.0);
  CHECK(replies["answered"].GetInt64() == 2);
  CHECK(replies["comments"].GetInt64() == 3);
  CHECK(near(replies["share_answered"].GetDouble(), 2.0 / 3, 1e-12));
  const auto& goal = doc["goals"][0];
  CHECK(std::string(goal["status"].GetString()) == "on_track");
  CHECK(goal["projected"].GetInt64() == 10234);
  CHECK(goal["projected_low"].GetInt64() == 10126);
  CHECK(goal["projected_high"].GetInt64() == 10342);
  CHECK(goal["uncertain"].GetBool());
}

TEST_CASE("missing figures are null in the JSON report") {
  AuditInput in;
  in.as_of = test::day("2026-11-20");
  Goal g;
  g.id = "sales";
  g.metric = "outcome:sales";
  g.bound = Bound{Bound::Kind::at_most, 2.5};
  in.goals.goals.push_back(g);
  const rapidjson::Document doc = parse(render_json(run_audit(in)));
  CHECK(doc["followers"]["value"].IsNull());
  CHECK(doc["followers"]["net_change_window"].IsNull());
  CHECK(doc["followers"]["trend_per_day"].IsNull());
  CHECK(doc["effort"]["hours_window"].IsNull());
  CHECK(doc["effort"]["source"].IsNull());
  CHECK(doc["customers"]["headline"].IsNull());
  CHECK(doc["customers"]["estimates"].Size() == 0);
  CHECK(doc["useful_followers"]["value"].IsNull());
  CHECK(doc["useful_followers"]["method"].IsNull());
  CHECK(std::string(doc["useful_followers"]["reason"].GetString()) == "no-target-share");
  CHECK(doc["hours_per_useful_follower"].IsNull());
  const auto& goal = doc["goals"][0];
  CHECK(goal["objective"].IsNull());
  CHECK(goal["at_most"].GetDouble() == 2.5);
  CHECK_FALSE(goal.HasMember("at_least"));
  CHECK(goal["by"].IsNull());
  CHECK(goal["current"].IsNull());
  CHECK(std::string(goal["status"].GetString()) == "no_data");
  CHECK(goal["projected_date"].IsNull());
  CHECK(std::string(doc["data_quality"][0]["note"].GetString()) == "no-follower-data");
}

TEST_CASE("useful followers say which top lists named no target, and how far below") {
  AuditInput in = test::spec_example();
  in.goals.audience.target_cities = {"Getafe"};
  in.audience = {{"city", "Madrid, Spain", 58.4}, {"city", "Alcorcón, Spain", 0.9}};
  const rapidjson::Document doc = parse(render_json(run_audit(in)));
  const auto& useful = doc["useful_followers"];
  CHECK(std::string(useful["method"].GetString()) == "stated");  // the owner's 33% stands
  REQUIRE(useful["unlisted"].Size() == 1);
  CHECK(std::string(useful["unlisted"][0]["dimension"].GetString()) == "city");
  CHECK(near(useful["unlisted"][0]["below_share"].GetDouble(), 0.009, 1e-12));
  CHECK(useful["reason"].IsNull());
}

TEST_CASE("infinite or NaN figures are written as null") {
  AuditResult r;
  r.as_of = test::day("2026-11-20");
  r.figures.followers.trend_per_day = std::numeric_limits<double>::infinity();
  r.figures.hours_per_useful_follower.value = std::numeric_limits<double>::quiet_NaN();
  const rapidjson::Document doc = parse(render_json(r));
  CHECK(doc["followers"]["trend_per_day"].IsNull());
  CHECK(doc["hours_per_useful_follower"].IsNull());
}

TEST_CASE("figures keep every digit, money is given to the cent") {
  // The case: 23.25 hours at 11 an hour cost 255.75; three significant digits wrote
  // 23.3 and 256, and 23.3 x 11 is not 256.
  AuditResult r;
  r.as_of = test::day("2026-11-20");
  r.figures.effort.hours_window.value = 23.25;
  r.figures.effort.cost_window.value = 23.25 * 11;
  r.figures.followers.trend_per_day = 14.329;
  for (double value : {0.0171885, 0.54741, 11.12, 125.0244, 1234.56, -3.14159, 0.0, 0.00012345}) {
    CAPTURE(value);
    r.figures.cost_per_useful_follower.value = value;
    const rapidjson::Document doc = parse(render_json(r));
    CHECK(doc["cost_per_useful_follower"].GetDouble() == value);
    CHECK(doc["effort"]["hours_window"].GetDouble() == 23.25);
    CHECK(doc["effort"]["cost_window"].GetDouble() == 255.75);
    CHECK(doc["followers"]["trend_per_day"].GetDouble() == 14.329);
  }
  // A sum's last binary digits are not the data's: 0.1 + 0.2 is 0.30000000000000004 in a double,
  // and the inputs had two decimals. Fifteen significant digits keep every digit they had.
  r.figures.cost_per_useful_follower.value = 0.1 + 0.2;
  CHECK(render_json(r).find("\"cost_per_useful_follower\":0.3,") != std::string::npos);
  r.figures.cost_per_useful_follower.value = 56.0;
  CHECK(render_json(r).find("\"cost_per_useful_follower\":56.0,") != std::string::npos);

  // An amount that is not a whole number of cents is given to the cent.
  r.figures.effort.cost_window.value = 1.0 / 3;
  const rapidjson::Document doc = parse(render_json(r));
  CHECK(doc["effort"]["cost_window"].GetDouble() == 0.33);
}

TEST_CASE("whole-number metrics are integers and others keep decimals in goals") {
  AuditInput in = test::spec_example();
  Goal hours;
  hours.id = "hours";
  hours.metric = "hours";
  hours.bound = Bound{Bound::Kind::at_most, 40};
  in.goals.goals.push_back(hours);
  Goal share;
  share.id = "share";
  share.metric = "customer_share";
  share.bound = Bound{Bound::Kind::at_least, 0.1};
  in.goals.goals.push_back(share);
  const rapidjson::Document doc = parse(render_json(run_audit(in)));
  const auto& goals = doc["goals"];
  CHECK(goals[1]["current"].IsDouble());
  CHECK(goals[1]["current"].GetDouble() == 56.0);
  CHECK(goals[1]["at_most"].GetInt64() == 40);
  CHECK(near(goals[2]["current"].GetDouble(), 510.0 / 9874, 1e-12));
  CHECK(goals[2]["at_least"].GetDouble() == 0.1);
}

}  // namespace
}  // namespace pageaudit
