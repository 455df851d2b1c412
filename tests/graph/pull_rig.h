// Test rig for pulls: a fake Graph server, a store in a temporary directory, a token file, and
// run_pull with fast retry and pacing policies and a fixed clock.
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "fake_graph.h"
#include "pageaudit/cli/pull.h"
#include "pageaudit/graph/http.h"
#include "support.h"

namespace pageaudit::test {

// The token the fake accepts; no output, message or store file may contain it.
inline constexpr const char* k_pull_token = "EAAGpullSECRETtoken4711";
inline constexpr const char* k_pull_page = "1100200300";

inline Date day_of(const char* iso) {
  return *Date::parse_iso(iso);
}

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
  explicit PullRig(Date today = day_of("2026-09-30")) {
    db = dir.file("store.db");
    token_file = dir.file("token");
    write_file(token_file, std::string(k_pull_token) + "\n");
    ::chmod(token_file.c_str(), 0600);
    restart(today);
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

}  // namespace pageaudit::test
