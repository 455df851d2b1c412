// The set-up the pull reliability tests share: the fake Graph server in the test process, a token
// file, and the command line and pinned clock of a 'pageaudit pull' run as a child process.
#pragma once

#include <sys/stat.h>

#include <chrono>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "fake_graph.h"
#include "support.h"

namespace pageaudit::test {

inline constexpr const char* k_fake_pull_token = "EAAGreliabilityPULLtoken0815";
inline const std::vector<std::string> k_fake_pull_pages = {"2100200300", "2100200301", "2100200302"};
// The pull asks 2026-06-02..2026-09-29: 120 days, all in Pacific daylight time (UTC-7), so a
// post's Pacific day is date(created_time, '-7 hours') in SQL.
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

struct FakePull {
  std::unique_ptr<fake::FakeGraph> server;
  std::string token_file;

  // Starts the server; the token file goes into 'dir'.
  FakePull(const TempDir& dir, std::chrono::milliseconds latency) : token_file(dir.file("token")) {
    fake::FakeGraphOptions options;
    options.token = k_fake_pull_token;
    options.today = Date::parse_iso(k_fake_pull_today);
    options.latency = latency;
    server = std::make_unique<fake::FakeGraph>(options);
    if (!server->start()) throw std::runtime_error("the fake Graph server did not start");
    write_file(token_file, std::string(k_fake_pull_token) + "\n");
    ::chmod(token_file.c_str(), 0600);
  }

  // 'pageaudit --db DB [--wait] pull' of every Page since k_fake_pull_since, 'parallel' requests
  // in flight.
  std::vector<std::string> args(const std::string& db, bool wait = false, int parallel = 8) const {
    std::vector<std::string> out{"--db", db};
    if (wait) out.push_back("--wait");
    out.insert(out.end(), {"pull", "--graph-url", server->base_url(), "--token-file", token_file,
                           "--since", k_fake_pull_since, "--parallel", std::to_string(parallel)});
    for (const std::string& page : k_fake_pull_pages) out.insert(out.end(), {"--page", page});
    return out;
  }
};

}  // namespace pageaudit::test
