// Tests for audit/figures: every figure of SPEC 5, worked out by hand.
#include <doctest/doctest.h>

#include <cmath>

#include "audit/spec_example.h"
#include "pageaudit/audit/figures.h"
#include "pageaudit/core/identity.h"

namespace pageaudit {
namespace {

using test::near;

using test::day;
using test::spec_example;

TEST_CASE("the window is the given number of days ending on the audit day, both ends included") {
  AuditInput in = spec_example();
  CHECK(in.window_start().iso() == "2026-10-24");  // 2026-11-20 minus 27 days
  // Values outside the window and the day before it must not count.
  in.followers[day("2026-10-22")] = 1;
  in.followers[day("2026-11-21")] = 99999;
  const Figures f = compute_figures(in);
  CHECK(f.followers.value == 9874.0);
  CHECK(f.followers.net_change_window == 310.0);  // 9874 - 9564 (2026-10-23)
  CHECK(near(f.followers.trend_per_day, 11));     // 9577 + 11 i over the window's 28 days
}

TEST_CASE("a window sum counts the first and the last day of the window") {
  AuditInput in = spec_example();
  in.views = {{day("2026-10-23"), 100},
              {day("2026-10-24"), 5},
              {day("2026-11-20"), 7},
              {day("2026-11-21"), 1000}};
  CHECK(window_sum(in.views, in) == 12.0);  // 5 + 7
  CHECK_FALSE(window_sum(in.engagements, in));
}

TEST_CASE("the follower trend uses only the window's days that have a count") {
  AuditInput in = spec_example();
  in.followers.clear();
  // Three days of y = 9000 + 2x, x days since the window's start, with gaps between them.
  in.followers[day("2026-10-24")] = 9000;
  in.followers[day("2026-10-26")] = 9004;
  in.followers[day("2026-10-29")] = 9010;
  const Figures f = compute_figures(in);
  CHECK(near(f.followers.trend_per_day, 2));
  CHECK_FALSE(f.followers.value);  // no count on 2026-11-20
  CHECK_FALSE(f.followers.net_change_window);
}

TEST_CASE("stated effort fills a window with no time log") {
  const Figures f = compute_figures(spec_example());
  CHECK(f.effort.hours_window.value == 56.0);  // 28 days x 2 h
  CHECK(f.effort.cost_window.value == 532.0);  // 56 h x 9.5
  CHECK(f.effort.source == EffortSource::stated);
}

TEST_CASE("logged days replace the stated effort only inside the window") {
  AuditInput in = spec_example();
  in.time_log = {{day("2026-10-23"), 100},
                 {day("2026-10-24"), 5},
                 {day("2026-11-20"), 0},
                 {day("2026-11-21"), 50}};
  const Figures f = compute_figures(in);
  CHECK(f.effort.hours_window.value == 57.0);  // 26 stated days x 2 h + 5 + 0
  CHECK(f.effort.cost_window.value == 541.5);  // 57 x 9.5
  CHECK(f.effort.source == EffortSource::mixed);
}

TEST_CASE("a fully logged window is sourced from the log") {
  AuditInput in = spec_example();
  for (int i = 0; i < 28; ++i) in.time_log[day("2026-10-24") + i] = 1.5;
  const Figures f = compute_figures(in);
  CHECK(f.effort.hours_window.value == 42.0);  // 28 x 1.5
  CHECK(f.effort.source == EffortSource::log);
}

TEST_CASE("without stated effort the days a time log leaves out count as no work") {
  AuditInput in = spec_example();
  in.goals.effort.hours_per_day.reset();
  in.time_log = {{day("2026-10-24"), 3}, {day("2026-11-01"), 4}};
  const Figures f = compute_figures(in);
  CHECK(f.effort.hours_window.value == 7.0);
  CHECK(f.effort.source == EffortSource::log);
}

TEST_CASE("no time log and no stated effort give no hours and say why") {
  AuditInput in = spec_example();
  in.goals.effort.hours_per_day.reset();
  const Figures f = compute_figures(in);
  CHECK_FALSE(f.effort.hours_window.value);
  CHECK(f.effort.hours_window.reason == "reason.no-effort-data");
  CHECK(f.effort.cost_window.reason == "reason.no-effort-data");
  CHECK_FALSE(f.effort.source);
  CHECK(f.hours_per_useful_follower.reason == "reason.no-effort-data");
  CHECK(f.hours_per_new_useful_follower.reason == "reason.no-effort-data");
}

TEST_CASE("no hourly cost gives no cost and says why") {
  AuditInput in = spec_example();
  in.goals.business.hourly_cost.reset();
  const Figures f = compute_figures(in);
  CHECK(f.effort.hours_window.value == 56.0);
  CHECK_FALSE(f.effort.cost_window.value);
  CHECK(f.effort.cost_window.reason == "reason.no-hourly-cost");
  CHECK(f.cost_per_useful_follower.reason == "reason.no-hourly-cost");
  CHECK(f.hours_per_useful_follower.value);
}

TEST_CASE("the survey estimate scales the Wilson interval by the customer base") {
  const Figures f = compute_figures(spec_example());
  REQUIRE(f.customers.size() == 1);
  const CustomerEstimate& e = f.customers[0];
  CHECK(e.method == CustomerMethod::survey);
  // p = 34/120; 0.283333 x 1800 = 510 customers who follow
  CHECK(e.customer_followers == 510.0);
  CHECK(near(e.share, 0.05165, 0.00001));  // 510 / 9874 = 0.051651
  // Wilson 34/120 = 0.210406 .. 0.369702 (see test_stats); x 1800 / 9874:
  // 378.731 / 9874 = 0.038356; 665.464 / 9874 = 0.067396
  CHECK(near(e.low, 0.03836, 0.00001));
  CHECK(near(e.high, 0.06740, 0.00001));
  CHECK(e.n == 120);
  CHECK_FALSE(e.biased);
}

TEST_CASE("the survey falls back to the imported customer count") {
  AuditInput in = spec_example();
  in.goals.business.customers.reset();
  in.customers_imported = 600;
  const Figures f = compute_figures(in);
  REQUIRE(f.customers.size() == 1);
  CHECK(f.customers[0].customer_followers == 170.0);  // 34/120 x 600
}

TEST_CASE("a survey without any customer count gives no estimate, the stated share still does") {
  AuditInput in = spec_example();
  in.goals.business.customers.reset();
  in.goals.audience.stated_customer_share = 0.10;
  const Figures f = compute_figures(in);
  REQUIRE(f.customers.size() == 1);
  const CustomerEstimate& e = f.customers[0];
  CHECK(e.method == CustomerMethod::stated);
  CHECK(e.customer_followers == 987.0);  // 0.10 x 9874 = 987.4
  CHECK(e.share == 0.10);
  CHECK_FALSE(e.low);
  CHECK_FALSE(e.high);
  CHECK_FALSE(e.n);
}

// 40 distinct commenters of whom 8 are customers, matched by name, e-mail or phone written
// differently in the customer list and on Facebook.
AuditInput with_commenters(int commenters) {
  AuditInput in = spec_example();
  const char* customers[] = {"José Muñoz", "Ana Pérez", "María López", "Iñaki Ortega"};
  CustomerHashes hashes;
  for (const char* name : customers) hashes.insert(hash_identifier(normalize_text(name)));
  hashes.insert(hash_identifier(normalize_text("Carmen.Diaz@Example.com")));
  hashes.insert(hash_identifier(*normalize_phone("612 345 678")));
  hashes.insert(hash_identifier(*normalize_phone("0034 699 111 222")));
  hashes.insert(hash_identifier(*normalize_phone("+34 655 000 111")));
  in.customer_hashes = std::make_shared<const CustomerHashes>(std::move(hashes));

  const std::vector<std::vector<std::string>> matching = {
      {hash_identifier(normalize_text("JOSE MUNOZ"))},
      {hash_identifier(normalize_text("ana  perez"))},
      {hash_identifier(normalize_text("Maria Lopez"))},
      {hash_identifier(normalize_text("Inaki Ortega"))},
      {hash_identifier(normalize_text("Someone Else")),
       hash_identifier(normalize_text("carmen.diaz@example.com"))},
      {hash_identifier(*normalize_phone("+34 612-345-678"))},
      {hash_identifier(*normalize_phone("699 111 222"))},
      {hash_identifier(*normalize_phone("34655000111"))},
  };
  for (int i = 0; i < commenters; ++i) {
    Commenter c;
    c.id = "person-" + std::to_string(i);
    if (i < static_cast<int>(matching.size())) {
      c.identity_hashes = matching[static_cast<size_t>(i)];
    } else {
      c.identity_hashes = {hash_identifier(normalize_text("Stranger " + std::to_string(i)))};
    }
    in.commenters.push_back(c);
  }
  return in;
}

TEST_CASE("commenters match customers whatever the accents, case and phone format") {
  AuditInput in = with_commenters(40);
  in.goals.survey.reset();
  const Figures f = compute_figures(in);
  REQUIRE(f.customers.size() == 1);
  const CustomerEstimate& e = f.customers[0];
  CHECK(e.method == CustomerMethod::match);
  CHECK(e.share == 0.2);                  // 8 / 40
  CHECK(e.customer_followers == 1975.0);  // 0.2 x 9874 = 1974.8
  // Wilson 8/40: z^2/n = 0.096036, denominator 1.096036,
  // centre = (0.2 + 0.048018) / 1.096036 = 0.226287,
  // half = 1.959964 x sqrt(0.004 + 0.00060023) / 1.096036 = 0.132935 / 1.096036 = 0.121287
  CHECK(near(e.low, 0.1050, 0.0001));
  CHECK(near(e.high, 0.3476, 0.0001));
  CHECK(e.n == 40);
  CHECK(e.biased);
}

TEST_CASE("fewer than 30 commenters give no match estimate") {
  AuditInput in = with_commenters(29);
  in.goals.survey.reset();
  CHECK(compute_figures(in).customers.empty());
}

TEST_CASE("customer estimates come in the order survey, match, stated") {
  AuditInput in = with_commenters(30);
  in.goals.audience.stated_customer_share = 0.10;
  const Figures f = compute_figures(in);
  REQUIRE(f.customers.size() == 3);
  CHECK(f.customers[0].method == CustomerMethod::survey);
  CHECK(f.customers[1].method == CustomerMethod::match);
  CHECK(f.customers[2].method == CustomerMethod::stated);
}

TEST_CASE("useful followers from the stated target share") {
  const Figures f = compute_figures(spec_example());
  CHECK(f.useful.value.value == 3258.0);  // 0.33 x 9874 = 3258.42
  CHECK(f.useful.share == 0.33);
  CHECK(f.useful.method == UsefulMethod::stated);
  CHECK(f.useful.dimensions.empty());
}

TEST_CASE("useful followers from an audience breakdown win over the stated share") {
  AuditInput in = spec_example();
  in.goals.audience.target_countries = {"ES"};
  in.goals.audience.target_ages = {"25-34"};
  in.audience = {
      {"country", "Spain", 80}, {"age_gender", "F.25-34", 20}, {"age_gender", "M.25-34", 17}};
  const Figures f = compute_figures(in);
  CHECK(near(f.useful.share, 0.296));     // 0.80 x 0.37
  CHECK(f.useful.value.value == 2923.0);  // 0.296 x 9874 = 2922.70
  CHECK(f.useful.method == UsefulMethod::audience);
  CHECK(f.useful.dimensions == std::vector<std::string>{"country", "age"});
}

TEST_CASE("a target city below Meta's top cities falls back to the stated share, not to 0") {
  // The case: the target city is not in the list of top cities. Measured as 0 it nulled
  // every per-useful-follower figure; its share is unknown, so the owner's 33% stands, and why.
  AuditInput in = spec_example();
  in.goals.audience.target_cities = {"Getafe"};
  in.audience = {{"city", "Madrid, Spain", 58.4}, {"city", "Alcorcón, Spain", 0.9}};
  const Figures f = compute_figures(in);
  CHECK(f.useful.method == UsefulMethod::stated);
  CHECK(f.useful.value.value == 3258.0);  // 0.33 x 9874
  REQUIRE(f.useful.unlisted.size() == 1);
  CHECK(f.useful.unlisted[0].dimension == "city");
  CHECK(near(f.useful.unlisted[0].smallest_percent, 0.9));
  CHECK(f.hours_per_useful_follower.value);

  // Without a stated share there is no value, and the reason says the place is unlisted.
  in.goals.audience.stated_target_share.reset();
  const Figures none = compute_figures(in);
  CHECK_FALSE(none.useful.value.value);
  CHECK(none.useful.value.reason == "reason.target-unlisted");
}

TEST_CASE("no target share gives no useful followers and says why") {
  AuditInput in = spec_example();
  in.goals.audience.stated_target_share.reset();
  const Figures f = compute_figures(in);
  CHECK_FALSE(f.useful.value.value);
  CHECK(f.useful.value.reason == "reason.no-target-share");
  CHECK_FALSE(f.useful.method);
  CHECK(f.hours_per_useful_follower.reason == "reason.no-target-share");
  CHECK(f.hours_per_new_useful_follower.reason == "reason.no-target-share");
}

TEST_CASE("no follower count on the audit day gives no useful followers but keeps the share") {
  AuditInput in = spec_example();
  in.followers.erase(day("2026-11-20"));
  const Figures f = compute_figures(in);
  CHECK(f.useful.value.reason == "reason.no-follower-data");
  CHECK(f.useful.share == 0.33);
  CHECK(f.customers.size() == 1);     // the survey does not need the follower count...
  CHECK_FALSE(f.customers[0].share);  // ...but its share of followers does
}

TEST_CASE("hours and cost per useful follower, and per new useful follower") {
  const Figures f = compute_figures(spec_example());
  // 56 / 3258 = 0.0171885; 532 / 3258 = 0.1632904; 56 / (0.33 x 310) = 56 / 102.3 = 0.5474096
  CHECK(near(f.hours_per_useful_follower.value, 0.0171885, 1e-7));
  CHECK(near(f.cost_per_useful_follower.value, 0.1632904, 1e-7));
  CHECK(near(f.hours_per_new_useful_follower.value, 0.5474096, 1e-7));
}

TEST_CASE("no useful follower at all makes every ratio null with a reason") {
  AuditInput in = spec_example();
  // Age lists are whole (unlike the top cities and countries): 0% of followers aged 65+ is 0.
  in.goals.audience.target_ages = {"65+"};
  in.audience = {{"age_gender", "F.25-34", 90}, {"age_gender", "F.65+", 0}};
  const Figures f = compute_figures(in);
  CHECK(f.useful.value.value == 0.0);
  CHECK(f.hours_per_useful_follower.reason == "reason.no-useful-followers");
  CHECK(f.cost_per_useful_follower.reason == "reason.no-useful-followers");
  CHECK(f.hours_per_new_useful_follower.reason == "reason.no-useful-followers");
  CHECK_FALSE(f.hours_per_useful_follower.value);
}

TEST_CASE("no net growth gives no hours per new useful follower") {
  for (double before : {9874.0, 9879.0}) {  // no change, then a loss of 5
    AuditInput in = spec_example();
    in.followers[day("2026-10-23")] = before;
    const Figures f = compute_figures(in);
    CHECK_FALSE(f.hours_per_new_useful_follower.value);
    CHECK(f.hours_per_new_useful_follower.reason == "reason.no-net-growth");
    CHECK(f.hours_per_useful_follower.value);
  }
}

TEST_CASE("an unknown net change gives no hours per new useful follower") {
  AuditInput in = spec_example();
  in.followers.erase(day("2026-10-23"));
  const Figures f = compute_figures(in);
  CHECK_FALSE(f.followers.net_change_window);
  CHECK(f.hours_per_new_useful_follower.reason == "reason.no-net-change");
}

TEST_CASE("figure names as reports spell them") {
  CHECK(effort_source_name(EffortSource::mixed) == "mixed");
  CHECK(customer_method_name(CustomerMethod::match) == "match");
  CHECK(useful_method_name(UsefulMethod::audience) == "audience");
}

}  // namespace
}  // namespace pageaudit
