// Tests for graph/usage: Meta's usage headers and the pace they call for.
#include <doctest/doctest.h>

#include "pageaudit/graph/usage.h"

namespace pageaudit {
namespace {

TEST_CASE("the app usage header gives its highest percentage") {
  Usage usage =
      parse_usage({{"x-app-usage", R"({"call_count":28,"total_time":25,"total_cputime":25})"}});
  CHECK(usage.reported);
  CHECK(usage.percent == 28);
  CHECK(usage.regain.count() == 0);
}

TEST_CASE("the business use case header is read per object id and entry") {
  Usage one = parse_usage(
      {{"x-business-use-case-usage",
        R"({"434058216680321":[{"type":"pages","call_count":1,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":0}]})"}});
  CHECK(one.reported);
  CHECK(one.percent == 1);
  Usage several = parse_usage(
      {{"x-business-use-case-usage",
        R"({"111":[{"type":"pages","call_count":12,"total_cputime":3,"total_time":80,"estimated_time_to_regain_access":0}],
            "222":[{"type":"pages","call_count":95,"total_cputime":10,"total_time":20,"estimated_time_to_regain_access":7},
                   {"type":"instagram","call_count":5,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":2}]})"}});
  CHECK(several.percent == 95);
  CHECK(several.regain.count() == 7 * 60);
}

TEST_CASE("all usage headers count, and the highest wins") {
  Usage usage =
      parse_usage({{"x-app-usage", R"({"call_count":28,"total_time":25,"total_cputime":25})"},
                   {"x-page-usage", R"({"call_count":40,"total_time":10,"total_cputime":61})"},
                   {"x-business-use-case-usage", R"({"1":[{"type":"pages","call_count":3}]})"}});
  CHECK(usage.percent == 61);
}

TEST_CASE("no usage header is no reading, not zero usage") {
  Usage usage = parse_usage({{"content-type", "application/json"}});
  CHECK_FALSE(usage.reported);
  CHECK(usage.percent == 0);
}

TEST_CASE("a garbled usage header is skipped and the others still read") {
  Usage usage =
      parse_usage({{"x-app-usage", "call_count=99"},
                   {"x-page-usage", R"({"call_count":"high"})"},
                   {"x-business-use-case-usage", R"({"1":[{"type":"pages","call_count":30}]})"}});
  CHECK(usage.reported);
  CHECK(usage.percent == 30);
  Usage only_garbled = parse_usage({{"x-app-usage", "[1,2]"}});
  CHECK_FALSE(only_garbled.reported);
}

TEST_CASE("fractions of a percent and of a minute round up") {
  Usage usage =
      parse_usage({{"x-business-use-case-usage",
                    R"({"1":[{"call_count":75.2,"estimated_time_to_regain_access":0.5}]})"}});
  CHECK(usage.percent == 76);
  CHECK(usage.regain.count() == 30);
}

TEST_CASE("the pace slows down above 75 percent and pauses above 90 percent") {
  UsagePolicy policy;  // slow above 75, pause above 90, 2 s at 90, 300 s pause
  struct Row {
    int percent;
    int regain_seconds;
    Pace pace;
    long long wait_ms;
  };
  const Row rows[] = {
      {0, 0, Pace::normal, 0},         {75, 0, Pace::normal, 0},
      {76, 0, Pace::slow, 133},   // 2000 * 1 / 15
      {80, 0, Pace::slow, 666},   // 2000 * 5 / 15
      {90, 0, Pace::slow, 2000},  // 2000 * 15 / 15
      {91, 0, Pace::pause, 300000},    {100, 0, Pace::pause, 300000},
      {100, 420, Pace::pause, 420000},  // Meta's estimate wins over the default
      {10, 120, Pace::pause, 120000},   // a block is a block, whatever the percentage
  };
  for (const auto& row : rows) {
    CAPTURE(row.percent);
    CAPTURE(row.regain_seconds);
    Usage usage{true, row.percent, std::chrono::seconds(row.regain_seconds)};
    PaceAdvice advice = advise(policy, usage);
    CHECK(advice.pace == row.pace);
    CHECK(advice.wait.count() == row.wait_ms);
  }
}

TEST_CASE("the pace thresholds come from the policy") {
  UsagePolicy policy{50, 60, std::chrono::milliseconds(1000), std::chrono::seconds(60)};
  CHECK(advise(policy, Usage{true, 55, {}}).wait.count() == 500);  // 1000 * 5 / 10
  CHECK(advise(policy, Usage{true, 61, {}}).pace == Pace::pause);
  CHECK(advise(policy, Usage{true, 61, {}}).wait.count() == 60000);
}

}  // namespace
}  // namespace pageaudit
