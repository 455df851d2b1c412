// The test rig for pulls: a fake Graph server in the test process, a store in a temporary
// directory, a token file, and either run_pull in the test process (fast retry and pacing
// policies, a fixed clock) or the command line of a 'pageaudit pull' child process.
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "fake_graph.h"
#include "pageaudit/cli/pull.h"
#include "pageaudit/graph/http.h"
#include "support.h"
#include "values.h"

namespace pageaudit::test {

// The token the fake accepts; no output, message or store file may contain it.
inline constexpr const char* k_pull_token = "EAAGpullSECRETtoken4711";
inline constexpr const char* k_pull_page = "1100200300";

// The pull of the reliability tests, run as a child process: three Pages, 2026-06-02..2026-09-29
// (120 days, all in Pacific daylight time, UTC-7, so a post's Pacific day is
// date(created_time, '-7 hours') in SQL).
inline const std::vector<std::string> k_fake_pull_pages = {"2100200300", "2100200301",
                                                           "2100200302"};
inline constexpr const char* k_fake_pull_since = "2026-06-02";
inline constexpr const char* k_fake_pull_today = "2026-09-30";
// Both runs of a comparison ask the same days and stamp the same times: 12:00 Pacific.
inline const std::vector<std::string> k_fake_pull_clock = {"PAGEAUDIT_NOW=2026-09-30T19:00:00Z",
                                                           "PAGEAUDIT_TODAY=2026-09-30"};

// Run ids differ between runs by design; the clock is pinned, but a timestamp is still no content.
// import_runs is the ledger, checked on its own.
inline const std::set<std::string> k_pull_ignored_columns = {
    "run_id", "last_run_id", "started_at", "finished_at", "updated_at", "loaded_at", "applied_at"};
inline const std::set<std::string> k_pull_ledger_tables = {"import_runs"};

// 12:00 UTC of a day: 04:00 or 05:00 of the same day in Pacific time.
inline std::int64_t noon_utc(Date day) {
  return static_cast<std::int64_t>(day.days()) * 86400 + 12 * 3600;
}

// The pull's clock: the rig's now, which a test moves.
class RigClock final : public Clock {
 public:
  explicit RigClock(const std::int64_t& now) : m_now(now) {}
  std::int64_t now() const override { return m_now; }
  Date today() const override { return pacific_day(m_now); }

 private:
  const std::int64_t& m_now;
};

class PullRig {
 public:
  explicit PullRig(Date today = day("2026-09-30"), fake::FakeGraphOptions server_options = {}) {
    db = dir.file("store.db");
    token_file = dir.file("token");
    write_file(token_file, std::string(k_pull_token) + "\n");
    ::chmod(token_file.c_str(), 0600);
    restart(today, std::move(server_options));
    options.pages = {k_pull_page};
    options.token_file = token_file;
    options.max_wait = "0";  // throttling stops at once unless a test allows waiting
    seams.random01 = [] { return 0.5; };
    seams.backoff = BackoffPolicy{std::chrono::milliseconds(1), std::chrono::milliseconds(4), 2};
    seams.usage.slow_interval = std::chrono::milliseconds(20);
    seams.usage.pause_default = std::chrono::seconds(0);
    seams.progress = false;
  }

  // A fresh fake server whose data ends the day before `today`, and a fresh client (the old one's
  // idle connections would hold the old server's threads); the clock moves to that day.
  void restart(Date today, fake::FakeGraphOptions server_options = {}) {
    use_client(std::chrono::milliseconds(5000));
    server.reset();
    server_options.token = k_pull_token;
    server_options.today = today;
    server = std::make_unique<fake::FakeGraph>(server_options);
    if (!server->start()) throw std::runtime_error("the fake Graph server did not start");
    options.graph_url = server->base_url();
    now = noon_utc(today);
  }

  // A new HTTP client that gives up on an answer after `timeout`.
  void use_client(std::chrono::milliseconds timeout) {
    client =
        std::make_unique<CurlHttpClient>(HttpOptions{std::chrono::milliseconds(2000), timeout, ""});
    seams.client = client.get();
  }

  Status pull(bool quiet = true) {
    GlobalOptions global;
    global.db_path = db;
    global.quiet = quiet;
    Console console(global);
    return run_pull(global, options, console, clock, seams);
  }

  // Everything a pull stores, without run ids and timestamps, one row per line.
  std::string dump() const {
    const char* queries[] = {
        "SELECT 'page', page_id, name, username, category, link, followers_count, fan_count, "
        "source FROM pages ORDER BY 2",
        "SELECT 'value', page_id, metric, period, date, value, end_time, source, as_of "
        "FROM page_metrics ORDER BY 2, 3, 4, 5",
        "SELECT 'breakdown', page_id, metric, period, date, dimension, key, value, as_of "
        "FROM page_metric_breakdowns ORDER BY 2, 3, 4, 5, 6, 7",
        "SELECT 'post', post_id, page_id, created_time, type, message, permalink, as_of "
        "FROM posts ORDER BY 2",
        "SELECT 'post_metric', post_id, metric, key, value, as_of FROM post_metrics "
        "ORDER BY 2, 3, 4",
        "SELECT 'comment', comment_id, post_id, page_id, parent_id, created_time, author_hash, "
        "author_name_hash, author_id, author_name, from_page, as_of FROM comments ORDER BY 2",
        "SELECT 'covered', page_id, kind, first_day, last_day FROM pull_coverage ORDER BY 2, 3, 4",
    };
    std::string out;
    for (const char* sql : queries) out += query(db, sql);
    return out;
  }

  // 'pageaudit --db DB [--wait] pull' of options.pages since options.since from this server with
  // the token file, 'parallel' requests in flight: the pull as a child process.
  std::vector<std::string> args(const std::string& db_path, bool wait = false,
                                int parallel = 8) const {
    std::vector<std::string> out{"--db", db_path};
    if (wait) out.push_back("--wait");
    out.insert(out.end(), {"pull", "--graph-url", server->base_url(), "--token-file", token_file});
    if (options.since) out.insert(out.end(), {"--since", *options.since});
    out.insert(out.end(), {"--parallel", std::to_string(parallel)});
    for (const std::string& page : options.pages) out.insert(out.end(), {"--page", page});
    return out;
  }

  long count(const std::string& table) const {
    return std::stol(query(db, "SELECT count(*) FROM " + table));
  }

  TempDir dir;
  std::string db;
  std::string token_file;
  std::unique_ptr<fake::FakeGraph> server;
  std::unique_ptr<CurlHttpClient> client;
  std::int64_t now = 0;
  RigClock clock{now};
  PullOptions options;
  PullSeams seams;
};

// The rig of the reliability tests' child-process pulls: k_fake_pull_pages since
// k_fake_pull_since, the server answering after 'latency'; run them with k_fake_pull_clock.
struct FakePullRig : PullRig {
  explicit FakePullRig(std::chrono::milliseconds latency)
      : PullRig(day(k_fake_pull_today), with_latency(latency)) {
    options.pages = k_fake_pull_pages;
    options.since = k_fake_pull_since;
  }

 private:
  static fake::FakeGraphOptions with_latency(std::chrono::milliseconds latency) {
    fake::FakeGraphOptions server_options;
    server_options.latency = latency;
    return server_options;
  }
};

}  // namespace pageaudit::test
