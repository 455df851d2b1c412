// SIGKILL during 'pageaudit pull' (issue 6): a pull of three Pages from the fake Graph server is
// killed at points spread from its start (before the store exists) to its end, and each time the
// store must be sound, show the killed Pages' runs as unfinished, hold every day it records as
// pulled completely, and reach, after one more run, exactly the rows of a run never killed.
//
// The unit a pull commits (PullSink::write, PullStore) is one HTTP answer of one Page: its values,
// breakdowns, posts, post metrics and comments, in one transaction (the store's writer thread may
// put several queued answers in the same one). An answer may hold only part of a window, so the
// all-or-nothing promise is about windows: a window's days enter pull_coverage in the transaction
// of the answer that completes it, and the next run asks again every day not covered. So after a
// kill, each covered range must hold exactly the reference's rows, and the uncovered days may
// hold any part of them.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "child.h"
#include "pull_rig.h"
#include "store_reader.h"
#include "support.h"

namespace pageaudit {
namespace {

using Clock = std::chrono::steady_clock;
using test::TempDir;

constexpr int k_kill_points = 24;
constexpr int k_required_kills = 20;
constexpr int k_extra_points = 6;  // at most, when the run's later part was not reached

// The fake server's latency: every answer waits a little, as Meta's do, so the run has room
// between its commits.
constexpr std::chrono::milliseconds k_latency{20};

struct Range {
  std::string page_id, kind, first_day, last_day;
};

std::vector<Range> coverage(const std::string& db) {
  std::vector<Range> out;
  std::istringstream rows(test::query_rw(
      db, "SELECT page_id, kind, first_day, last_day FROM pull_coverage ORDER BY 1, 2, 3"));
  for (std::string line; std::getline(rows, line);) {
    Range range;
    std::istringstream fields(line);
    std::getline(fields, range.page_id, '|');
    std::getline(fields, range.kind, '|');
    std::getline(fields, range.first_day, '|');
    std::getline(fields, range.last_day, '|');
    out.push_back(range);
  }
  return out;
}

// The queries that select what a covered range must hold, every column but the run id. A day's
// insights are its daily, weekly and 28-day values (the followers_count snapshot is the Page's,
// not a day's); a posts range holds the posts published on its Pacific days, with their metrics
// and comments.
std::vector<std::string> slice_queries(const Range& range) {
  const std::string page = "'" + range.page_id + "'";
  const std::string days = " BETWEEN '" + range.first_day + "' AND '" + range.last_day + "'";
  if (range.kind == "insights") {
    return {
        "SELECT page_id, metric, period, date, value, end_time, source, as_of FROM page_metrics "
        "WHERE page_id = " +
            page + " AND period <> 'lifetime' AND date" + days + " ORDER BY 1, 2, 3, 4",
        "SELECT page_id, metric, period, date, dimension, key, value, unit, source, as_of "
        "FROM page_metric_breakdowns WHERE page_id = " +
            page + " AND date" + days + " ORDER BY 1, 2, 3, 4, 5, 6"};
  }
  const std::string posts = "SELECT post_id FROM posts WHERE page_id = " + page +
                            " AND date(created_time, '-7 hours')" + days;
  return {
      "SELECT post_id, page_id, created_time, type, message, permalink, source, as_of FROM posts "
      "WHERE post_id IN (" +
          posts + ") ORDER BY 1",
      "SELECT post_id, metric, key, value, source, as_of FROM post_metrics WHERE post_id IN (" +
          posts + ") ORDER BY 1, 2, 3",
      "SELECT comment_id, post_id, page_id, parent_id, created_time, author_hash, "
      "author_name_hash, "
      "author_id, author_name, from_page, source, as_of FROM comments WHERE post_id IN (" +
          posts + ") ORDER BY 1"};
}

long count_of(const std::string& db, const std::string& sql) {
  return std::stol(test::query_rw(db, sql));
}

test::ChildExit run_to_end(const test::FakePullRig& fake, const std::string& db,
                           const std::string& io_dir) {
  test::Child child(fake.args(db), io_dir, test::k_fake_pull_clock);
  return child.wait();
}

// How far a killed run had come. The Pages run side by side and finish together at the end, so
// covered windows mark the later part of a run.
enum class Stage { before_first_write, nothing_covered, windows_covered, pages_finished };

// How long a whole pull takes on this machine now: it spreads the kill points. Runs slow down and
// speed up with the machine's load (CI, sanitizers), and the first window is covered only after
// about half of a run, so a length measured once, before the kills, could leave every point
// before any window was covered (or past the end, too few of them killed). Every run that pulls
// everything is a new measurement: the clean runs, and each re-run after a kill that left no
// window covered (the early points, so the estimate follows the machine before the later points
// need it). The estimate is the median of the last three, so that one run slowed by a hiccup
// does not move the points.
class RunLength {
 public:
  void measured(Clock::duration whole_run) {
    m_recent.push_back(whole_run);
    if (m_recent.size() > 3) m_recent.erase(m_recent.begin());
  }

  // A run ended by itself before its kill at 'delay': whatever was measured, a pull is now
  // shorter than that.
  void ended_before(Clock::duration delay) {
    for (Clock::duration& run : m_recent) run = std::min(run, delay);
  }

  // The median, or the shorter of two (the later points would rather land early than past the
  // end). Needs one measurement.
  Clock::duration estimate() const {
    std::vector<Clock::duration> sorted = m_recent;
    std::sort(sorted.begin(), sorted.end());
    return sorted[(sorted.size() - 1) / 2];
  }

 private:
  std::vector<Clock::duration> m_recent;
};

long long milliseconds(Clock::duration duration) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(duration).count();
}

TEST_CASE(
    "a pull killed at any point leaves every covered window complete, and a re-run gives the rows "
    "of a clean run") {
  TempDir dir;
  test::FakePullRig fake(k_latency);

  // Two clean runs: the same rows twice (the data and the clock are pinned, so the comparison
  // below can only fail for a reason), and the first measurements of a run's length.
  const std::string clean_db = dir.file("clean.db");
  RunLength run_length;
  for (const std::string& db : {clean_db, dir.file("clean-again.db")}) {
    const auto start = Clock::now();
    const test::ChildExit clean = run_to_end(fake, db, dir.path().string());
    run_length.measured(Clock::now() - start);
    INFO(clean.err);
    REQUIRE(clean.exit_code == 0);
  }
  const test::StoreContent reference =
      test::store_content(clean_db, test::k_pull_ignored_columns, test::k_pull_ledger_tables);
  test::check_same_content(
      reference, test::store_content(dir.file("clean-again.db"), test::k_pull_ignored_columns,
                                     test::k_pull_ledger_tables));
  REQUIRE(test::query_rw(clean_db, "SELECT page_id, status FROM import_runs ORDER BY run_id") ==
          "2100200300|ok\n2100200301|ok\n2100200302|ok\n");
  // Every Page is fully covered: 120 days of insights and of posts.
  REQUIRE(
      test::query_rw(clean_db,
                     "SELECT DISTINCT kind, first_day, last_day FROM pull_coverage ORDER BY 1") ==
      "insights|2026-06-02|2026-09-29\nposts|2026-06-02|2026-09-29\n");
  REQUIRE(count_of(clean_db, "SELECT count(*) FROM posts") > 0);

  int killed = 0;
  int running_seen = 0;     // kills after which a Page's run was left 'running'
  int covered_checked = 0;  // covered ranges compared with the reference
  std::map<Stage, int> stages;
  const auto first_estimate = run_length.estimate();
  const auto kill_at = [&](int point, Clock::duration delay) {
    CAPTURE(point);
    CAPTURE(milliseconds(delay));
    TempDir io;
    const std::string db = io.file("store.db");

    const test::ChildExit killed_run =
        test::run_killed_after(delay, fake.args(db), io.path().string(), test::k_fake_pull_clock);
    const bool was_killed = killed_run.exit_code == 128 + SIGKILL;
    if (was_killed) ++killed;
    INFO(killed_run.err);
    CHECK((was_killed || killed_run.exit_code == 0));
    if (killed_run.exit_code == 0) run_length.ended_before(delay);

    Stage stage = Stage::before_first_write;
    std::string ledger;
    if (std::filesystem::exists(db)) {
      CHECK(test::query_rw(db, "PRAGMA integrity_check") == "ok\n");
      if (count_of(db, "SELECT count(*) FROM sqlite_master WHERE name = 'import_runs'") == 1) {
        ledger =
            test::query_rw(db, "SELECT status, count(*) FROM import_runs GROUP BY 1 ORDER BY 1");
      }
    }
    if (!ledger.empty()) {
      // Nothing failed, so a Page's run is either finished ('ok') or was killed ('running').
      const long runs = count_of(db, "SELECT count(*) FROM import_runs");
      const long finished = count_of(db, "SELECT count(*) FROM import_runs WHERE status = 'ok'");
      const long running =
          count_of(db, "SELECT count(*) FROM import_runs WHERE status = 'running'");
      CHECK(runs == finished + running);
      CHECK(runs <= 3);
      if (running > 0) ++running_seen;
      // A Page's run is recorded before any of its data.
      CHECK(count_of(db,
                     "SELECT count(*) FROM (SELECT page_id FROM page_metrics UNION SELECT page_id "
                     "FROM posts) "
                     "WHERE page_id NOT IN (SELECT page_id FROM import_runs)") == 0);
      // A finished Page is covered like the clean run's, and a covered range holds its rows.
      CHECK(count_of(
                db,
                "SELECT count(*) FROM import_runs r WHERE status = 'ok' AND 2 <> (SELECT count(*) "
                "FROM pull_coverage c WHERE c.page_id = r.page_id AND first_day = '2026-06-02' "
                "AND last_day = '2026-09-29')") == 0);
      for (const Range& range : coverage(db)) {
        CAPTURE(range.page_id);
        CAPTURE(range.kind);
        CAPTURE(range.first_day);
        CAPTURE(range.last_day);
        for (const std::string& sql : slice_queries(range)) {
          CAPTURE(sql);
          CHECK(test::query_content(db, sql) == test::query_content(clean_db, sql));
        }
        ++covered_checked;
      }
      stage = finished > 0           ? Stage::pages_finished
              : coverage(db).empty() ? Stage::nothing_covered
                                     : Stage::windows_covered;
    }
    ++stages[stage];

    // The next run completes what the killed one left and agrees with the clean store; the killed
    // run's record stays as it was left.
    const long left_running =
        ledger.empty() ? 0
                       : count_of(db, "SELECT count(*) FROM import_runs WHERE status = 'running'");
    const auto rerun_start = Clock::now();
    const test::ChildExit rerun = run_to_end(fake, db, io.path().string());
    // With no window covered, the re-run asks every day again: a whole pull.
    if (stage == Stage::before_first_write || stage == Stage::nothing_covered) {
      run_length.measured(Clock::now() - rerun_start);
    }
    INFO(rerun.err);
    REQUIRE(rerun.exit_code == 0);
    test::check_same_content(reference, test::store_content(db, test::k_pull_ignored_columns,
                                                            test::k_pull_ledger_tables));
    CHECK(count_of(db, "SELECT count(*) FROM import_runs WHERE status = 'running'") ==
          left_running);
    CHECK(test::query_rw(db, "PRAGMA integrity_check") == "ok\n");
  };
  for (int point = 0; point < k_kill_points; ++point) {
    // From 0 to 90% of a run: later points would often find the run finished.
    kill_at(point, run_length.estimate() * 9 * point / (10 * (k_kill_points - 1)));
  }
  // On a loaded machine one run can take half as long again as the next, so even with the
  // estimate following the machine, every later point may land before the first window is
  // covered: then a few more points, each at 90% of the run as now estimated, until one lands
  // after.
  int extra_points = 0;
  while (extra_points < k_extra_points &&
         stages[Stage::windows_covered] + stages[Stage::pages_finished] == 0) {
    kill_at(k_kill_points + extra_points++, run_length.estimate() * 9 / 10);
  }

  MESSAGE("kill points: ", killed, " killed of ", k_kill_points + extra_points, " (", extra_points,
          " added); run length ", milliseconds(first_estimate), " ms after the clean runs, ",
          milliseconds(run_length.estimate()),
          " ms at the end; before the first write: ", stages[Stage::before_first_write],
          ", no window covered yet: ", stages[Stage::nothing_covered],
          ", windows covered: ", stages[Stage::windows_covered],
          ", Pages finished: ", stages[Stage::pages_finished],
          "; runs left 'running': ", running_seen, "; covered ranges compared: ", covered_checked);
  CHECK(killed >= k_required_kills);
  // The points reach from before the first write through the middle to the end of the run.
  CHECK(stages[Stage::before_first_write] > 0);
  CHECK(stages[Stage::nothing_covered] > 0);
  CHECK(stages[Stage::windows_covered] + stages[Stage::pages_finished] > 0);
  CHECK(running_seen > 0);
  CHECK(covered_checked > 0);
}

}  // namespace
}  // namespace pageaudit
