// Tests for audit/metrics: the goal metric vocabulary.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/audit/metrics.h"

namespace pageaudit {
namespace {

TEST_CASE("vocabulary metrics have a kind") {
  struct Case {
    const char* name;
    MetricKind kind;
    bool integral;
  };
  const Case cases[] = {
      {"followers", MetricKind::stock, true},
      {"useful_followers", MetricKind::stock, true},
      {"customer_followers", MetricKind::stock, true},
      {"views", MetricKind::flow, true},
      {"hours", MetricKind::flow, false},
      {"engagement_rate", MetricKind::ratio, false},
      {"reply_hours", MetricKind::ratio, false},
      {"outcome:visitors", MetricKind::flow, false},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const auto info = find_metric(c.name);
    REQUIRE(info);
    CHECK(info->name == c.name);
    CHECK(info->kind == c.kind);
    CHECK(info->integral == c.integral);
  }
}

TEST_CASE("names outside the vocabulary are unknown") {
  CHECK_FALSE(find_metric("likes"));
  CHECK_FALSE(find_metric("Followers"));
  CHECK_FALSE(find_metric("outcome:"));
  CHECK_FALSE(find_metric("outcome:web visits"));
  CHECK_FALSE(find_metric("outcome:a:b"));
}

TEST_CASE("the outcome name of an outcome metric") {
  CHECK(outcome_name("outcome:web_visits") == "web_visits");
  CHECK(outcome_name("followers").empty());
}

TEST_CASE("the vocabulary as listed in messages") {
  CHECK(metric_vocabulary() ==
        "followers, net_follows, views, viewers, engagements, engagement_rate, page_visits, "
        "posts, comments, engagers, customer_followers, customer_share, useful_followers, hours, "
        "hours_per_useful_follower, cost_per_useful_follower, reply_hours or outcome:NAME");
}

}  // namespace
}  // namespace pageaudit
