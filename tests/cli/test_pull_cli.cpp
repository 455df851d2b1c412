// Tests for pageaudit pull's command (cli/pull): options, the token, the run lock, what it prints,
// and that the token shows up nowhere. run_pull is called in-process with stdout and stderr
// captured, against the fake Graph server.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "cli/captured.h"
#include "fake_data.h"
#include "pageaudit/store/store.h"
#include "pull_rig.h"

namespace pageaudit {
namespace {

using test::Captured;
using test::k_pull_token;
using test::PullRig;
using test::query;

TEST_CASE("without a token the pull exits 77 and says how to get one") {
  PullRig rig;
  rig.options.token_file.reset();
  ::unsetenv("PAGEAUDIT_TOKEN");
  auto status = rig.pull();
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ExitCode::no_perm);
  CHECK(status.error().message ==
        "no access token: set $PAGEAUDIT_TOKEN or give --token-file FILE; use a long-lived Page "
        "access token with pages_read_engagement, read_insights and pages_read_user_content "
        "(README: \"Getting a token\")");
  CHECK(rig.server->log().http_requests == 0);
}

TEST_CASE("the token is read from $PAGEAUDIT_TOKEN when no token file is given") {
  PullRig rig;
  rig.options.token_file.reset();
  rig.options.since = "3d";
  ::setenv("PAGEAUDIT_TOKEN", k_pull_token, 1);
  auto status = rig.pull();
  ::unsetenv("PAGEAUDIT_TOKEN");
  CHECK(status);
}

TEST_CASE("a token file others can read is used, with a warning") {
  PullRig rig;
  rig.options.since = "3d";
  ::chmod(rig.token_file.c_str(), 0644);
  Captured io(rig.dir);
  auto status = rig.pull(false);
  std::string err = io.err();
  CHECK(status);
  CHECK(err == "pageaudit: warning: " + rig.token_file + " is readable by other users; chmod 600 " +
                   rig.token_file + "\n");
}

TEST_CASE("a token file that cannot be read exits 66") {
  PullRig rig;
  rig.options.token_file = rig.dir.file("missing-token");
  auto status = rig.pull();
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ExitCode::no_input);
  CHECK(status.error().message ==
        rig.dir.file("missing-token") + ": cannot read the token file: No such file or directory");
}

TEST_CASE("bad options are usage errors with exact messages") {
  struct Case {
    const char* name;
    void (*change)(PullOptions&);
    const char* message;
  };
  const Case cases[] = {
      {"no Page", [](PullOptions& o) { o.pages.clear(); }, "pull: give at least one --page ID"},
      {"a Page name", [](PullOptions& o) { o.pages = {"cafe.luna"}; },
       "--page: expected a numeric Page id, got \"cafe.luna\""},
      {"a bad --since", [](PullOptions& o) { o.since = "last week"; },
       "--since: expected a date YYYY-MM-DD or a number of days like 30d, got \"last week\""},
      {"a relative --until", [](PullOptions& o) { o.until = "3d"; },
       "--until: expected a date YYYY-MM-DD, got \"3d\""},
      {"--since after --until",
       [](PullOptions& o) {
         o.since = "2026-09-10";
         o.until = "2026-09-01";
       },
       "--since 2026-09-10 is after --until 2026-09-01"},
      {"a bare version", [](PullOptions& o) { o.api_version = "25"; },
       "--api-version: expected a version like v25.0, got \"25\""},
      {"not HTTP", [](PullOptions& o) { o.graph_url = "ftp://graph.example"; },
       "--graph-url: expected an http:// or https:// URL, got \"ftp://graph.example\""},
      {"a bad --max-wait", [](PullOptions& o) { o.max_wait = "10x"; },
       "--max-wait: expected a duration like 600s, 10m or 1h, got \"10x\""},
      {"a negative --refetch-days", [](PullOptions& o) { o.refetch_days = -1; },
       "--refetch-days: expected 0 to 90, got -1"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    PullRig rig;
    c.change(rig.options);
    auto status = rig.pull();
    REQUIRE_FALSE(status);
    CHECK(status.error().code == ExitCode::usage);
    CHECK(status.error().message == c.message);
  }
}

TEST_CASE("a second run while another holds the store exits 75") {
  PullRig rig;
  auto holder = Store::open(rig.db, StoreOptions{});
  REQUIRE(holder);
  auto status = rig.pull();
  REQUIRE_FALSE(status);
  CHECK(status.error().code == ExitCode::temp_fail);
  CHECK(status.error().message ==
        rig.db + ": another pageaudit run holds the store; run again later (or use --wait)");
}

TEST_CASE(
    "an empty breakdown (\"value\": []) is no value that day, and comments without an id are "
    "skipped and counted") {
  fake::FakeGraphOptions quirks;
  quirks.empty_first_day = true;
  quirks.first_comment_without_id = true;
  PullRig rig(test::day("2026-09-30"), quirks);
  rig.options.since = "30d";
  Captured io(rig.dir);
  REQUIRE(rig.pull(false));
  // 30 days asked for (2026-08-31..2026-09-29); the first answered "value": [] in every series:
  // 29 values of each daily metric, none on 2026-08-31 (absent, not 0).
  CHECK(query(rig.db,
              "SELECT count(*), min(date), max(date) FROM page_metrics "
              "WHERE metric = 'page_follows' AND period = 'day'") == "29|2026-09-01|2026-09-29\n");
  CHECK(query(rig.db, "SELECT count(*) FROM page_metrics WHERE date = '2026-08-31'") == "0\n");
  // Each post's first comment came without an id: none is stored under "", and the summary line
  // says how many were left out (one per post that has comments).
  auto posts = fake::posts_between(test::k_pull_page, test::day("2026-08-31"),
                                   test::day("2026-09-29"), test::day("2026-09-30"));
  long with_comments = 0, comments = 0;
  for (const auto& post : posts) {
    const auto all = fake::comments_of(post, true);
    with_comments += all.empty() ? 0 : 1;
    comments += static_cast<long>(all.size());
  }
  REQUIRE(with_comments > 0);
  CHECK(rig.count("comments") == comments - with_comments);
  CHECK(query(rig.db, "SELECT count(*) FROM comments WHERE comment_id = ''") == "0\n");
  const std::string skipped = std::to_string(with_comments) +
                              (with_comments == 1 ? " comment" : " comments") +
                              " without an id or time skipped (";
  CHECK(io.out().find(skipped) != std::string::npos);
}

TEST_CASE("-q prints nothing on success, without it, one summary line") {
  PullRig rig;
  rig.options.since = "30d";
  {
    Captured io(rig.dir);
    REQUIRE(rig.pull(true));
    CHECK(io.out().empty());
    CHECK(io.err().empty());
  }
  rig.now += 3600;
  rig.server->reset_log();
  Captured io(rig.dir);
  REQUIRE(rig.pull(false));
  std::string out = io.out();
  CHECK(out.rfind("pulled 1 Page: ", 0) == 0);
  CHECK(out.find(" (" + std::to_string(rig.server->log().http_requests) + " requests, ") !=
        std::string::npos);
  CHECK(std::count(out.begin(), out.end(), '\n') == 1);
  CHECK(io.err().empty());
}

TEST_CASE("the token appears in no output, message, store file or WAL") {
  PullRig rig;
  rig.options.since = "30d";
  rig.options.keep_pii = true;
  {
    auto created = Store::open(rig.db, StoreOptions{});
    REQUIRE(created);
  }
  // A reader kept open keeps the WAL file in place after the pull closes the store.
  auto reader = std::make_unique<test::HeldConnection>(rig.db, "SELECT count(*) FROM pages");
  fake::FaultRule failing;
  failing.kind = fake::FaultKind::http_500;
  failing.count = 100000;
  failing.path_contains = "comments";
  rig.server->add_fault(failing);
  Captured io(rig.dir);
  std::vector<std::string> messages;
  auto first = rig.pull(false);  // the posts listings fail: messages with URLs
  if (!first) messages.push_back(first.error().message);
  rig.server->clear_faults();
  fake::FaultRule expired;
  expired.kind = fake::FaultKind::token_190;
  expired.path_contains = "insights";
  rig.server->add_fault(expired);
  rig.now += 3600;
  auto second = rig.pull(false);
  if (!second) messages.push_back(second.error().message);
  std::string out = io.out(), err = io.err();
  std::string wal = test::read_file(rig.db + "-wal");
  std::string store = test::read_file(rig.db);
  reader.reset();

  REQUIRE(messages.size() == 2);
  CHECK(messages[0].find("HTTP 500") != std::string::npos);
  CHECK(messages[1].find("Session has expired") != std::string::npos);
  CHECK_FALSE(wal.empty());
  for (const std::string* text : {&out, &err, &messages[0], &messages[1], &wal, &store}) {
    CHECK(text->find(k_pull_token) == std::string::npos);
  }
}

TEST_CASE("after a pull the audit's viewers are Meta's 28-day count, and status lists its days") {
  PullRig rig;
  rig.options.since = "2026-09-02";
  REQUIRE(rig.pull());
  const std::string goals = rig.dir.file("goals.toml");
  test::write_file(goals,
                   "[[goal]]\nid = \"seen\"\nobjective = \"brand_image\"\nmetric = \"viewers\"\n"
                   "at_least = 25000\nby = \"2026-12-31\"\n");
  // The fake's days_28 viewers dated 2026-09-29 (test_pull.cpp works it out): its 28 daily
  // values sum to 42265, the largest 2970, and it counts 2970 + (42265 - 2970) / 2 = 22617. The
  // week ending the same day: 2970 + (9101 - 2970) / 2 = 6035.
  auto json = test::run_pageaudit(
      {"--db", rig.db, "audit", "--goals", goals, "--as-of", "2026-09-29", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  CHECK(test::contains(json.out, "\"metric\":\"viewers\","));
  CHECK(test::contains(json.out, "\"current\":22617,\"status\":\"behind\""));
  auto text = test::run_pageaudit({"--db", rig.db, "audit", "--as-of", "2026-09-29"});
  REQUIRE(text.exit_code == 0);
  CHECK(test::contains(text.out, "\n  Viewers                          22,617\n"));
  text = test::run_pageaudit({"--db", rig.db, "audit", "--as-of", "2026-09-29", "--window", "7"});
  REQUIRE(text.exit_code == 0);
  CHECK(test::contains(text.out, "\n  Viewers                         6,035\n"));
  // status: the days each period covers, the 28 days of the pull for each.
  auto status = test::run_pageaudit({"--db", rig.db, "status"});
  REQUIRE(status.exit_code == 0);
  for (const char* period : {"day     ", "days_28 ", "week    "}) {
    CHECK(test::contains(status.out, std::string("  1100200300  page_total_media_view_unique   ") +
                                         period + " graph"));
  }
  CHECK(test::contains(status.out,
                       "days_28  graph                                        "
                       "2026-09-02..2026-09-29    28\n"));
}

}  // namespace
}  // namespace pageaudit
