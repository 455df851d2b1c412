// Tests for the pull (graph/pull, graph/pull_calls, store/pull_store) through the fake Graph
// server: backfill, the nightly run and its request count, daylight-saving days, retired
// metrics, and every fault with the exit code and the store checked afterwards.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fake_data.h"
#include "pageaudit/store/store.h"
#include "pull_rig.h"

namespace pageaudit {
namespace {

using test::day;
using test::k_pull_page;
using test::PullRig;
using test::query;

struct CleanPull {
  std::string dump;
  int http_requests = 0;
};

// A clean pull of the last 60 days: the first round, then the breakdowns of the posts it listed.
const CleanPull& clean_pull() {
  static const CleanPull clean = [] {
    PullRig rig;
    rig.options.since = "60d";
    auto status = rig.pull();
    if (!status) throw std::runtime_error(status.error().message);
    return CleanPull{rig.dump(), rig.server->log().http_requests};
  }();
  return clean;
}

const std::string& clean_60_days() {
  return clean_pull().dump;
}

long count_lines(const std::string& text, const std::string& prefix) {
  long n = 0;
  for (size_t at = 0; (at = text.find("\n" + prefix, at)) != std::string::npos; ++at) ++n;
  return n + (text.rfind(prefix, 0) == 0 ? 1 : 0);
}

TEST_CASE("a first pull backfills two years of every daily metric, posts and comments") {
  PullRig rig;
  REQUIRE(rig.pull());
  // 2024-09-30 .. 2026-09-29: 730 days of each of the 10 daily metrics, one followers_count.
  CHECK(query(rig.db,
              "SELECT count(*), min(date), max(date) FROM page_metrics "
              "WHERE metric = 'page_follows'") == "730|2024-09-30|2026-09-29\n");
  CHECK(query(rig.db,
              "SELECT count(DISTINCT metric), count(*) FROM page_metrics "
              "WHERE period = 'day'") == "10|7300\n");
  CHECK(query(rig.db,
              "SELECT metric, period, date FROM page_metrics "
              "WHERE metric = 'followers_count'") == "followers_count|lifetime|2026-09-29\n");
  // Viewers (metric_catalog.pull_periods) also as Meta's counts for a week and 28 days, every
  // day of the two years: a later audit may end its window on any of them.
  CHECK(query(rig.db,
              "SELECT metric, period, count(*), min(date), max(date) FROM page_metrics WHERE "
              "period IN ('week', 'days_28') GROUP BY 1, 2 ORDER BY 1, 2") ==
        "page_total_media_view_unique|days_28|730|2024-09-30|2026-09-29\n"
        "page_total_media_view_unique|week|730|2024-09-30|2026-09-29\n");
  // page_media_view split two ways, two buckets each, every day.
  CHECK(query(rig.db,
              "SELECT dimension, key, count(*) FROM page_metric_breakdowns "
              "GROUP BY 1, 2 ORDER BY 1, 2") ==
        "is_from_ads|false|730\nis_from_ads|true|730\n"
        "is_from_followers|false|730\nis_from_followers|true|730\n");
  // Every post the fake has in those two years, each with its comments and replies.
  auto posts =
      fake::posts_between(k_pull_page, day("2024-09-30"), day("2026-09-29"), day("2026-09-30"));
  long comments = 0, replies = 0;
  for (const auto& post : posts) {
    for (const auto& comment : fake::comments_of(post, true)) {
      ++comments;
      if (!comment.parent_id.empty()) ++replies;
    }
  }
  CHECK(rig.count("posts") == static_cast<long>(posts.size()));
  CHECK(rig.count("comments") == comments);
  CHECK(query(rig.db,
              "SELECT count(*) FROM comments WHERE from_page = 1 AND parent_id IS NOT "
              "NULL") == std::to_string(replies) + "\n");
  // Authors are hashed, never kept in clear without --keep-pii.
  CHECK(query(rig.db,
              "SELECT count(*) FROM comments WHERE author_id IS NOT NULL OR author_name "
              "IS NOT NULL OR length(author_hash) <> 64 OR length(author_name_hash) <> "
              "64") == "0\n");
  // Lifetime post metrics, with object keys and breakdown buckets as keys.
  CHECK(query(rig.db,
              "SELECT count(DISTINCT post_id) FROM post_metrics "
              "WHERE metric = 'post_media_view' AND key = 'is_from_followers:true'") ==
        std::to_string(posts.size()) + "\n");
  CHECK(query(rig.db,
              "SELECT count(*) FROM post_metrics WHERE metric = "
              "'post_reactions_by_type_total' AND key NOT IN ('like', 'love', 'wow', "
              "'haha', 'sorry', 'anger')") == "0\n");
  CHECK(query(rig.db, "SELECT kind, first_day, last_day FROM pull_coverage ORDER BY kind") ==
        "insights|2024-09-30|2026-09-29\nposts|2024-09-30|2026-09-29\n");
  CHECK(query(rig.db, "SELECT command, source, page_id, status FROM import_runs") ==
        std::string("pull|graph|") + k_pull_page + "|ok\n");
}

TEST_CASE("values on daylight-saving days get one date each, end_time kept raw") {
  PullRig rig;
  rig.options.since = "2025-10-30";
  rig.options.until = "2026-03-10";
  REQUIRE(rig.pull());
  // Meta's day ends at midnight Pacific: 07:00 UTC in daylight time, 08:00 UTC in standard time.
  CHECK(query(rig.db,
              "SELECT date, end_time FROM page_metrics WHERE metric = 'page_follows' AND "
              "date IN ('2025-11-01', '2025-11-02', '2026-03-07', '2026-03-08') "
              "ORDER BY date") ==
        "2025-11-01|2025-11-02T07:00:00+0000\n"
        "2025-11-02|2025-11-03T08:00:00+0000\n"
        "2026-03-07|2026-03-08T08:00:00+0000\n"
        "2026-03-08|2026-03-09T07:00:00+0000\n");
  // Meta's week and 28-day counts end with the same end_time and take the same date.
  CHECK(query(rig.db,
              "SELECT period, date, end_time FROM page_metrics WHERE metric = "
              "'page_total_media_view_unique' AND period <> 'day' AND date IN ('2025-11-01', "
              "'2025-11-02') ORDER BY period, date") ==
        "days_28|2025-11-01|2025-11-02T07:00:00+0000\n"
        "days_28|2025-11-02|2025-11-03T08:00:00+0000\n"
        "week|2025-11-01|2025-11-02T07:00:00+0000\n"
        "week|2025-11-02|2025-11-03T08:00:00+0000\n");
  // 2025-10-30 .. 2026-03-10 is 132 days, every one present once.
  CHECK(query(rig.db,
              "SELECT count(*), count(DISTINCT date) FROM page_metrics WHERE metric = "
              "'page_follows'") == "132|132\n");
}

TEST_CASE("Meta's week and 28-day counts of viewers are stored, dated the day before end_time") {
  PullRig rig;
  rig.options.since = "2026-09-02";
  REQUIRE(rig.pull());
  auto viewers = [&](const std::string& columns, const std::string& where) {
    return query(rig.db, "SELECT " + columns +
                             " FROM page_metrics WHERE metric = 'page_total_media_view_unique' "
                             "AND " +
                             where);
  };
  // The fake's daily viewers of 2026-09-23 .. 2026-09-29 are 1690, 1310, 536, 609, 2970, 234 and
  // 1752; of the 28 days 2026-09-02 .. 2026-09-29 they sum to 42265, the largest again 2970.
  CHECK(viewers("group_concat(value, ' ')",
                "period = 'day' AND date >= '2026-09-23' ORDER BY date") ==
        "1690.0 1310.0 536.0 609.0 2970.0 234.0 1752.0\n");
  CHECK(viewers("sum(value), max(value), count(*)",
                "period = 'day' AND date BETWEEN '2026-09-02' AND '2026-09-29'") ==
        "42265.0|2970.0|28\n");
  // Like Meta's, the fake's count of people over several days counts each person once: the
  // busiest day's plus half the other days' (fake_data.h). Week ending 2026-09-29:
  // 2970 + (9101 - 2970) / 2 = 2970 + 3065 = 6035 (the seven days sum to 9101); 28 days:
  // 2970 + (42265 - 2970) / 2 = 2970 + 19647 = 22617, not the 42265 a sum of days would say.
  // Both end at midnight Pacific after 2026-09-29 (07:00 UTC, daylight time), dated the 29th.
  CHECK(viewers("period, date, value, end_time",
                "period <> 'day' AND date = '2026-09-29' ORDER BY period") ==
        "days_28|2026-09-29|22617.0|2026-09-30T07:00:00+0000\n"
        "week|2026-09-29|6035.0|2026-09-30T07:00:00+0000\n");
  // One value per day of the window for each period; views add up, so only their days are kept.
  CHECK(query(rig.db,
              "SELECT metric, period, count(*) FROM page_metrics WHERE metric IN "
              "('page_total_media_view_unique', 'page_media_view') GROUP BY 1, 2 ORDER BY 1, 2") ==
        "page_media_view|day|28\npage_total_media_view_unique|day|28\n"
        "page_total_media_view_unique|days_28|28\npage_total_media_view_unique|week|28\n");
}

TEST_CASE("a Page's later calls go before other Pages' first ones: one Page ends before the next") {
  // Calls found in an answer (the next page of posts, their comments and insights) are asked
  // before calls queued earlier, so each Page's answers keep reaching the store while the others
  // wait. With one request at a time every request of the first Page therefore comes before
  // any of the second's. Asked in the order queued, the second Page's first calls would come
  // before the first Page's later ones.
  PullRig rig;
  const std::string second = "1100200399";
  rig.options.pages = {k_pull_page, second};
  rig.options.parallel = 1;
  REQUIRE(rig.pull());
  fake::RequestLog log = rig.server->log();
  REQUIRE(log.per_page[k_pull_page] > 3);  // the first Page needs calls found in its answers
  REQUIRE(log.per_page[second] > 3);
  size_t last_first = 0, first_second = log.touched.size();
  for (size_t k = 0; k < log.touched.size(); ++k) {
    if (log.touched[k].count(k_pull_page)) last_first = k;
    if (log.touched[k].count(second)) first_second = std::min(first_second, k);
  }
  CHECK(last_first < first_second);
  CHECK(query(rig.db, "SELECT page_id, status FROM import_runs ORDER BY page_id") ==
        std::string(k_pull_page) + "|ok\n" + second + "|ok\n");
}

TEST_CASE("the next night asks for at most two requests and re-fetches the trailing days") {
  PullRig rig;
  rig.options.since = "60d";
  REQUIRE(rig.pull());
  rig.options.since.reset();
  rig.restart(day("2026-10-01"));
  REQUIRE(rig.pull());
  fake::RequestLog log = rig.server->log();
  CHECK(log.http_requests <= 2);
  CHECK(log.per_page[k_pull_page] <= 2);
  // Yesterday is new; the two days before it were asked again and carry the new as_of.
  CHECK(query(rig.db,
              "SELECT date, as_of FROM page_metrics WHERE metric = 'page_views_total' "
              "AND date >= '2026-09-26' ORDER BY date") ==
        "2026-09-26|2026-09-30\n2026-09-27|2026-09-30\n2026-09-28|2026-10-01\n"
        "2026-09-29|2026-10-01\n2026-09-30|2026-10-01\n");
  // Meta's 28-day count of viewers comes in the same requests, for the same days.
  CHECK(query(rig.db,
              "SELECT date, as_of FROM page_metrics WHERE metric = 'page_total_media_view_unique' "
              "AND period = 'days_28' AND date >= '2026-09-27' ORDER BY date") ==
        "2026-09-27|2026-09-30\n2026-09-28|2026-10-01\n2026-09-29|2026-10-01\n"
        "2026-09-30|2026-10-01\n");
  CHECK(query(rig.db, "SELECT kind, first_day, last_day FROM pull_coverage ORDER BY kind") ==
        "insights|2026-08-01|2026-09-30\nposts|2026-08-01|2026-09-30\n");
  CHECK(query(rig.db, "SELECT count(*) FROM import_runs WHERE status = 'ok'") == "2\n");
}

TEST_CASE("a metric Meta no longer serves is marked unavailable and the rest is pulled") {
  PullRig rig;
  rig.options.since = "60d";
  {
    auto store = Store::open(rig.db, StoreOptions{});
    REQUIRE(store);
  }
  test::exec(rig.db,
             "UPDATE metric_catalog SET status = 'active', pull = 1 "
             "WHERE metric IN ('page_impressions', 'post_impressions')");
  REQUIRE(rig.pull());
  CHECK(query(rig.db,
              "SELECT metric, status, message FROM page_metric_status "
              "WHERE status = 'unavailable' ORDER BY metric") ==
        "page_impressions|unavailable|(#100) The value must be a valid insights metric\n"
        "post_impressions|unavailable|(#100) The value must be a valid insights metric\n");
  // Everything else is as a pull without those metrics stores it.
  CHECK(rig.dump() == clean_60_days());
  // The next run does not ask for them again: two requests, no refusal.
  rig.server->reset_log();
  rig.now += 3600;
  REQUIRE(rig.pull());
  CHECK(rig.server->log().http_requests <= 2);
}

TEST_CASE("insights answered with no data store nothing, warn, and are asked again next time") {
  PullRig rig;
  // Before the fake's two years of data: Meta answers with empty values, as it does for a token
  // without read_insights.
  rig.options.since = "2021-01-01";
  rig.options.until = "2021-02-15";
  REQUIRE(rig.pull());
  CHECK(query(rig.db, "SELECT count(*) FROM page_metrics WHERE period = 'day'") == "0\n");
  CHECK(query(rig.db, "SELECT count(*) FROM page_metric_breakdowns") == "0\n");
  CHECK(query(rig.db, "SELECT insights_empty_on FROM pull_state") == "2026-09-30\n");
  CHECK(query(rig.db, "SELECT kind FROM pull_coverage") == "posts\n");
  rig.server->reset_log();
  REQUIRE(rig.pull());
  CHECK(rig.server->log().http_requests == 1);  // the empty window again, with the Page fields
}

TEST_CASE("transient faults are retried and the store ends as after a clean pull") {
  struct Case {
    fake::FaultKind kind;
    int count;
    const char* path;
    int delay_ms;
  };
  const Case cases[] = {
      {fake::FaultKind::http_500, 2, "", 0},
      {fake::FaultKind::http_503, 1, "period=lifetime&breakdown", 0},
      {fake::FaultKind::truncated_json, 1, "", 0},
      {fake::FaultKind::drop_connection, 1, "", 0},
      {fake::FaultKind::slow, 1, "", 700},  // past the client's timeout
      {fake::FaultKind::slow, 1, "", 100},  // slow but in time
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<int>(c.kind));
    CAPTURE(c.delay_ms);
    PullRig rig;
    rig.options.since = "60d";
    rig.use_client(std::chrono::milliseconds(400));
    fake::FaultRule rule;
    rule.kind = c.kind;
    rule.count = c.count;
    rule.path_contains = c.path;
    rule.delay = std::chrono::milliseconds(c.delay_ms);
    rig.server->add_fault(rule);
    CHECK(rig.pull());
    CHECK(rig.dump() == clean_60_days());
  }
}

TEST_CASE(
    "a Page that keeps failing stops with 69, keeps what it fetched, and a re-run completes") {
  PullRig rig;
  rig.options.since = "60d";
  fake::FaultRule rule;
  rule.kind = fake::FaultKind::http_500;
  rule.count = 100000;
  rule.path_contains = "period=lifetime&breakdown";  // the second round: posts' breakdowns
  rig.server->add_fault(rule);
  auto first = rig.pull();
  REQUIRE_FALSE(first);
  CHECK(first.error().code == ExitCode::unavailable);
  CHECK(first.error().message.find("(gave up after 2 retries)") != std::string::npos);
  // The first round's data is kept: every daily value of the window.
  CHECK(count_lines(rig.dump(), "value|") == count_lines(clean_60_days(), "value|"));
  CHECK(query(rig.db, "SELECT status FROM import_runs") == "partial\n");
  CHECK(query(rig.db, "SELECT last_status FROM pull_state") == "partial\n");
  rig.server->clear_faults();
  REQUIRE(rig.pull());
  CHECK(rig.dump() == clean_60_days());
}

TEST_CASE("each throttling answer stops the Page with 75 and a resume time, and it resumes") {
  struct Case {
    fake::FaultKind kind;
    const char* path;
    const char* status;  // of the first run
  };
  const Case cases[] = {
      {fake::FaultKind::throttle_4, "period=lifetime&breakdown", "partial"},
      {fake::FaultKind::throttle_17, "period=lifetime&breakdown", "partial"},
      {fake::FaultKind::throttle_32, "period=lifetime&breakdown", "partial"},
      {fake::FaultKind::throttle_80001, "period=lifetime&breakdown", "partial"},
      {fake::FaultKind::throttle_613, "period=lifetime&breakdown", "partial"},
      {fake::FaultKind::http_429, "", "failed"},  // an HTTP answer: the first request
  };
  for (const Case& c : cases) {
    CAPTURE(static_cast<int>(c.kind));
    PullRig rig;
    rig.options.since = "60d";
    fake::FaultRule rule;
    rule.kind = c.kind;
    rule.path_contains = c.path;
    rig.server->add_fault(rule);
    auto first = rig.pull();
    REQUIRE_FALSE(first);
    CHECK(first.error().code == ExitCode::temp_fail);
    CHECK(first.error().message.find("throttled by Meta") != std::string::npos);
    CHECK(query(rig.db, "SELECT status FROM import_runs") == std::string(c.status) + "\n");
    CHECK(query(rig.db, "SELECT resume_after > '2026-09-30T12:00:00Z' FROM pull_state") == "1\n");
    // Before the resume time the Page is not called at all.
    rig.server->reset_log();
    auto early = rig.pull();
    REQUIRE_FALSE(early);
    CHECK(early.error().code == ExitCode::temp_fail);
    CHECK(rig.server->log().http_requests == 0);
    rig.now += 3600;
    REQUIRE(rig.pull());
    CHECK(rig.dump() == clean_60_days());
    CHECK(query(rig.db, "SELECT resume_after IS NULL FROM pull_state") == "1\n");
  }
}

TEST_CASE("no request goes out after an answer that throttles one call of its batch") {
  // One request at a time, and enough posts that their breakdown calls fill several batches:
  // when the first is throttled, more found calls are waiting. They must wait for the answer to
  // be read (it stops the Page), not go out while it is.
  PullRig rig;
  rig.options.since = "365d";
  rig.options.parallel = 1;
  fake::FaultRule rule;
  rule.kind = fake::FaultKind::throttle_613;
  rule.path_contains = "period=lifetime&breakdown";
  rig.server->add_fault(rule);
  auto first = rig.pull();
  REQUIRE_FALSE(first);
  CHECK(first.error().code == ExitCode::temp_fail);
  fake::RequestLog log = rig.server->log();
  REQUIRE(log.faulted.size() == 1);
  CHECK(log.faulted.front() > 1);
  CHECK(log.http_requests == log.faulted.front());
}

TEST_CASE("usage above the pause threshold waits within --max-wait, else stops with 75") {
  PullRig rig;
  rig.options.since = "60d";
  rig.server->set_usage(95);
  rig.seams.usage.pause_default = std::chrono::seconds(1);
  auto stopped = rig.pull();
  REQUIRE_FALSE(stopped);
  CHECK(stopped.error().code == ExitCode::temp_fail);
  CHECK(rig.server->log().http_requests == 1);  // nothing more after the first answer
  CHECK(count_lines(rig.dump(), "value|") == count_lines(clean_60_days(), "value|"));

  rig.options.max_wait = "3s";
  rig.now += 3600;
  auto start = std::chrono::steady_clock::now();
  REQUIRE(rig.pull());
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::seconds(1));
  CHECK(rig.dump() == clean_60_days());
}

TEST_CASE("usage above the slow threshold still completes the pull") {
  PullRig rig;
  rig.options.since = "60d";
  rig.server->set_usage(80);
  REQUIRE(rig.pull());
  CHECK(rig.dump() == clean_60_days());
}

TEST_CASE("an expired token stops the run at once with 77 and nothing is retried") {
  PullRig rig;
  rig.options.since = "60d";
  fake::FaultRule rule;
  rule.kind = fake::FaultKind::token_190;
  rule.count = 1000;
  rule.path_contains = "period=lifetime&breakdown";
  rig.server->add_fault(rule);
  auto status = rig.pull();
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ExitCode::no_perm);
  CHECK(status.error().message.find("Session has expired") != std::string::npos);
  CHECK(status.error().message.find("Get a new long-lived Page access token") != std::string::npos);
  // Nothing is asked again: no more requests than a clean pull makes.
  CHECK(rig.server->log().http_requests <= clean_pull().http_requests);
  CHECK(count_lines(rig.dump(), "value|") == count_lines(clean_60_days(), "value|"));
  rig.server->clear_faults();
  REQUIRE(rig.pull());
  CHECK(rig.dump() == clean_60_days());
}

TEST_CASE("with --keep-pii comment authors are kept in clear beside their hashes") {
  PullRig rig;
  rig.options.since = "30d";
  rig.options.keep_pii = true;
  REQUIRE(rig.pull());
  CHECK(query(rig.db,
              "SELECT count(*) FROM comments WHERE author_id IS NULL OR author_name IS "
              "NULL") == "0\n");
  CHECK(query(rig.db, std::string("SELECT count(*) FROM comments WHERE from_page = 1 AND "
                                  "author_id <> '") +
                          k_pull_page + "'") == "0\n");
}

}  // namespace
}  // namespace pageaudit
