// SIGKILL during 'pageaudit import' (issue 6): a run of several export files is killed at points
// spread from its start (before the store exists) to its end, and each time the store must be
// sound, hold every file completely or not at all, show the killed file's run as unfinished, and
// reach, after one more run, exactly the rows of a run that was never killed.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "child.h"
#include "pageaudit/core/date.h"
#include "store_reader.h"
#include "support.h"

namespace pageaudit {
namespace {

using Clock = std::chrono::steady_clock;
using test::TempDir;

constexpr int k_files = 4;
constexpr int k_days_per_file = 120;
constexpr int k_cities = 70;
constexpr int k_kill_points = 24;
constexpr int k_required_kills = 20;

// Each day row of a file yields 10 Page values (the ten single-value columns) and one breakdown
// value per city: 120 * 10 = 1,200 and 120 * 70 = 8,400 rows per file, 38,400 in all.
constexpr long k_page_rows_per_file = 1'200;
constexpr long k_breakdown_rows_per_file = 8'400;

const char* const k_single_columns[] = {
    "Lifetime Total Likes",     "Daily New Likes",           "Daily Unlikes",
    "Daily Page Engaged Users", "Weekly Page Engaged Users", "28 Days Page Engaged Users",
    "Daily Total Reach",        "Weekly Total Reach",        "Daily Total Impressions",
    "Weekly Total Impressions"};

// A classic Page-level export (the layout of scripts/gen_wide_export.py) covering its own 120 days,
// so no two files write the same row and each row's source names the file that wrote it.
void write_export(const std::string& path, int file_index) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << "Date";
  for (const char* column : k_single_columns) out << ',' << column;
  for (int c = 0; c < k_cities; ++c)
    out << ",\"Lifetime Likes by City - City " << c << ", Region " << c % 17 << ", Spain\"";
  out << "\r\n";
  for (const char* column : k_single_columns) out << ",Lifetime: " << column;
  for (int c = 0; c < k_cities; ++c) out << ",Lifetime: likes by city";
  out << "\r\n";
  const Date first = *Date::from_ymd(2000, 1, 1) + file_index * k_days_per_file;
  for (int d = 0; d < k_days_per_file; ++d) {
    const Date day = first + d;
    out << day.month() << '/' << day.day() << '/' << day.year();
    for (int v = 0; v < 10 + k_cities; ++v)
      out << ',' << (file_index * 7919 + d * 31 + v * 17) % 5000;
    out << "\r\n";
  }
}

struct Rig {
  TempDir dir;
  std::vector<std::string> files;  // paths, in the order they are imported
  std::vector<std::string> names;  // their sources in the store

  Rig() {
    for (int f = 0; f < k_files; ++f) {
      names.push_back("wide_" + std::to_string(f) + ".csv");
      files.push_back(dir.file(names.back()));
      write_export(files.back(), f);
    }
  }

  std::vector<std::string> import_args(const std::string& db) const {
    std::vector<std::string> args{"--db",          db,          "import", "--page", "1",
                                  "--exported-on", "2026-01-01"};
    args.insert(args.end(), files.begin(), files.end());
    return args;
  }
};

// Run ids and clock times differ between runs by design; import_runs is the ledger, checked on its
// own; schema_migrations only says when the store was made.
const std::set<std::string> k_ignored_columns = {"run_id",     "started_at", "finished_at",
                                                 "updated_at", "loaded_at",  "applied_at"};
const std::set<std::string> k_ledger_tables = {"import_runs"};

bool store_has_schema(const std::string& db) {
  return test::query_rw(db, "SELECT count(*) FROM sqlite_master WHERE name = 'page_metrics'") ==
         "1\n";
}

long rows_from(const std::string& db, const std::string& source) {
  const std::string rows = test::query_rw(
      db, "SELECT (SELECT count(*) FROM page_metrics WHERE source = '" + source +
              "') + (SELECT count(*) FROM page_metric_breakdowns WHERE source = '" + source + "')");
  return std::stol(rows);
}

// The ledger rows of finished imports, without ids and times: "source|kind|status|rows".
std::string finished_imports(const std::string& db) {
  return test::query_rw(db,
                        "SELECT DISTINCT source, kind, status, rows_written FROM import_runs "
                        "WHERE status <> 'running' ORDER BY source");
}

// How far a killed run had come, for the summary of where the kills landed.
enum class Stage { no_store, no_schema, files_done_0, files_done_some, files_done_all, finished };

TEST_CASE(
    "an import killed at any point leaves each file all or nothing, and a re-run gives the rows of "
    "a clean run") {
  Rig rig;

  // The clean run: its duration spreads the first kill points, its store is the reference.
  const std::string clean_db = rig.dir.file("clean.db");
  const auto clean_start = Clock::now();
  test::Child clean_child(rig.import_args(clean_db), rig.dir.path().string());
  const test::ChildExit clean = clean_child.wait();
  const auto clean_duration = Clock::now() - clean_start;
  INFO(clean.err);
  REQUIRE(clean.exit_code == 0);
  for (const std::string& name : rig.names) {
    REQUIRE(rows_from(clean_db, name) == k_page_rows_per_file + k_breakdown_rows_per_file);
  }
  const test::StoreContent reference =
      test::store_content(clean_db, k_ignored_columns, k_ledger_tables);
  const std::string reference_ledger = finished_imports(clean_db);
  REQUIRE(reference_ledger ==
          "wide_0.csv|classic_page|ok|9600\nwide_1.csv|classic_page|ok|9600\n"
          "wide_2.csv|classic_page|ok|9600\nwide_3.csv|classic_page|ok|9600\n");

  // The kill points are spread over the shortest whole run seen so far: the clean run, then each
  // re-run (they import every file again), so one slow run on a busy machine does not push the
  // points past the end of the others.
  auto run_duration = clean_duration;
  int killed = 0;
  int running_seen = 0;  // kills after which the ledger showed a file's run unfinished
  std::map<Stage, int> stages;
  for (int point = 0; point < k_kill_points; ++point) {
    // From 0 to 80% of a run: later points would often find the run finished, as runs vary.
    const auto delay = run_duration * 8 * point / (10 * (k_kill_points - 1));
    CAPTURE(point);
    CAPTURE(std::chrono::duration_cast<std::chrono::milliseconds>(delay).count());
    TempDir io;
    const std::string db = io.file("store.db");

    const test::ChildExit killed_run =
        test::run_killed_after(delay, rig.import_args(db), io.path().string());
    const bool was_killed = killed_run.exit_code == 128 + SIGKILL;
    if (was_killed) ++killed;
    INFO(killed_run.err);
    CHECK((was_killed || killed_run.exit_code == 0));

    Stage stage = Stage::no_store;
    if (std::filesystem::exists(db)) {
      CHECK(test::query_rw(db, "PRAGMA integrity_check") == "ok\n");
      stage = Stage::no_schema;
    }
    if (stage == Stage::no_schema && store_has_schema(db)) {
      // Files are imported in order, each in its own transaction: complete ones form a prefix.
      int complete = 0;
      for (int f = 0; f < k_files; ++f) {
        CAPTURE(rig.names[f]);
        const long rows = rows_from(db, rig.names[f]);
        CHECK((rows == 0 || rows == k_page_rows_per_file + k_breakdown_rows_per_file));
        if (rows != 0) {
          CHECK(complete == f);
          ++complete;
        }
      }
      std::string expected_ledger;
      for (int f = 0; f < complete; ++f)
        expected_ledger += rig.names[f] + "|classic_page|ok|9600\n";
      CHECK(finished_imports(db) == expected_ledger);
      // A run killed inside a file stays 'running'; it can only be the file after the complete
      // ones.
      const std::string running =
          test::query_rw(db, "SELECT source FROM import_runs WHERE status = 'running'");
      if (!running.empty()) {
        REQUIRE(complete < k_files);
        CHECK(running == rig.names[complete] + "\n");
        ++running_seen;
      }
      stage = !was_killed          ? Stage::finished
              : complete == 0      ? Stage::files_done_0
              : complete < k_files ? Stage::files_done_some
                                   : Stage::files_done_all;
    }
    ++stages[stage];

    // The next run completes what the killed one left and agrees with the clean store.
    const auto rerun_start = Clock::now();
    test::Child rerun_child(rig.import_args(db), io.path().string());
    const test::ChildExit rerun = rerun_child.wait();
    run_duration = std::min(run_duration, Clock::now() - rerun_start);
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    test::check_same_content(reference,
                             test::store_content(db, k_ignored_columns, k_ledger_tables));
    CHECK(finished_imports(db) == reference_ledger);
  }

  MESSAGE("kill points: ", killed, " killed of ", k_kill_points, "; shortest run ",
          std::chrono::duration_cast<std::chrono::milliseconds>(run_duration).count(),
          " ms; before the store: ", stages[Stage::no_store] + stages[Stage::no_schema],
          ", no file complete: ", stages[Stage::files_done_0],
          ", some files complete: ", stages[Stage::files_done_some],
          ", all files complete: ", stages[Stage::files_done_all],
          "; a file's run left 'running': ", running_seen);
  CHECK(killed >= k_required_kills);
  // The points must reach inside the run, not only its start-up.
  CHECK(stages[Stage::files_done_0] + stages[Stage::files_done_some] > 0);
  CHECK(running_seen > 0);
}

}  // namespace
}  // namespace pageaudit
