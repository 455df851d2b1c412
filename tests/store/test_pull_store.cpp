// Tests for store/pull_store: the bulk rows of a pulled chunk, written many rows per statement.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/store/pull_store.h"
#include "pageaudit/store/store.h"
#include "support.h"
#include "values.h"

namespace pageaudit {
namespace {

using test::day;
using test::query;

// Writes `chunk` for Page P, pulled on `as_of`, into the store at `path` (made if missing);
// returns what closing the writer said.
Status pull_chunk(const std::string& path, PullChunk chunk, const char* as_of = "2026-09-30") {
  auto store = Store::open(path, StoreOptions{});
  REQUIRE(store);
  PullStore pull((*store)->db(), as_of, false);
  REQUIRE(pull.begin_page("P", std::nullopt));
  std::vector<PullChunk> chunks;
  chunks.push_back(std::move(chunk));
  (void)pull.write("P", std::move(chunks));
  PageOutcome outcome;
  outcome.page_id = "P";
  (void)pull.finish_page(outcome);
  return pull.close();
}

void write_chunk(const std::string& path, PullChunk chunk, const char* as_of = "2026-09-30") {
  auto written = pull_chunk(path, std::move(chunk), as_of);
  REQUIRE_MESSAGE(written, (written ? "" : written.error().message));
}

// 40 daily values of page_follows from 2026-01-01, the k-th worth base + k.
PullChunk follows(int base, int count = 40) {
  PullChunk chunk;
  const GraphTime end_time = *GraphTime::of("2026-01-02T08:00:00+0000");
  for (int k = 0; k < count; ++k) {
    chunk.values.push_back(
        PulledValue{"page_follows", "day", day("2026-01-01") + k, double(base + k), end_time});
  }
  return chunk;
}

TEST_CASE("a chunk's rows are all written, a repeated day replacing the earlier row") {
  // 70 values, more than two statements of 32 rows take: rows 0-31 and 32-63 go together, the
  // last 6 one by one. Row 10 repeats row 2's day (same statement), row 40 repeats row 20's
  // (an earlier statement): the later row wins, as if each row were written alone.
  test::TempDir dir;
  PullChunk chunk;
  const Date first = day("2026-01-01");
  const GraphTime end_time = *GraphTime::of("2026-01-02T08:00:00+0000");
  for (int k = 0; k < 70; ++k) {
    int offset = k == 10 ? 2 : k == 40 ? 20 : k;
    chunk.values.push_back(PulledValue{"page_follows", "day", first + offset, double(k), end_time});
  }
  // 33 breakdown rows: one statement of 32 and one alone.
  for (int k = 0; k < 33; ++k)
    chunk.breakdowns.push_back(
        PulledBreakdown{"page_views_total", first + k, "is_from_ads", "0", double(k)});
  chunk.posts.push_back(PulledPost{"P_1", "2026-01-01T10:00:00Z", "added_photos", "", ""});
  for (int k = 0; k < 40; ++k) {
    chunk.post_metrics.push_back(
        PulledPostMetric{"P_1", "post_reactions_by_type_total", "k" + std::to_string(k), 1.0});
  }
  const std::string path = dir.file("s.db");
  write_chunk(path, chunk);

  // 68 days; the sum 0 + 1 + ... + 69 = 2415 loses the replaced 2 and 20: 2393.
  CHECK(query(path, "SELECT count(*), sum(value), min(date), max(date) FROM page_metrics") ==
        "68|2393.0|2026-01-01|2026-03-11\n");
  CHECK(query(path,
              "SELECT date, value FROM page_metrics WHERE date IN ('2026-01-03', '2026-01-11', "
              "'2026-01-21', '2026-02-10') ORDER BY date") == "2026-01-03|10.0\n2026-01-21|40.0\n");
  CHECK(
      query(path,
            "SELECT DISTINCT metric, period, end_time, source, as_of, run_id FROM page_metrics") ==
      "page_follows|day|2026-01-02T08:00:00+0000|graph|2026-09-30|1\n");
  // 0 + 1 + ... + 32 = 528.
  CHECK(query(path,
              "SELECT count(*), sum(value), max(date), min(dimension || key || unit || period) "
              "FROM page_metric_breakdowns") == "33|528.0|2026-02-02|is_from_ads0countday\n");
  CHECK(query(path, "SELECT count(DISTINCT key), sum(value) FROM post_metrics") == "40|40.0\n");
}

TEST_CASE("a later pull replaces the days it pulled again, in a statement that also adds days") {
  // The first pull writes days 0-19. The second, a day later, sends days 0-39 (worth 100 more):
  // its first statement of 32 rows finds 20 of them, its last 8 rows go one by one.
  test::TempDir dir;
  const std::string path = dir.file("s.db");
  write_chunk(path, follows(0, 20), "2026-09-30");
  write_chunk(path, follows(100), "2026-10-01");
  // 100 + 101 + ... + 139 = 4780, every row from the second run.
  CHECK(query(path,
              "SELECT count(*), sum(value), min(as_of), min(run_id), max(run_id) "
              "FROM page_metrics") == "40|4780.0|2026-10-01|2|2\n");

  // A pull dated earlier than what the store holds does not overwrite it, and still adds the
  // days the store lacks: days 40-49 are new.
  PullChunk older = follows(1000, 50);
  write_chunk(path, std::move(older), "2026-09-29");
  CHECK(query(path, "SELECT count(*), sum(value) FROM page_metrics WHERE run_id = 2") ==
        "40|4780.0\n");
  // 1040 + ... + 1049 = 10445.
  CHECK(query(path, "SELECT count(*), sum(value), min(date) FROM page_metrics WHERE run_id = 3") ==
        "10|10445.0|2026-02-10\n");
}

TEST_CASE("a row that breaks a constraint in a statement of 32 fails the write, and none is kept") {
  // Row 5 of the first statement has a period the table refuses. The multi-row statement skips
  // it; the rows of that statement are then upserted one by one, and that row's error stops the
  // transaction.
  test::TempDir dir;
  const std::string path = dir.file("s.db");
  PullChunk chunk = follows(0);
  chunk.values[5].period = "hour";
  auto written = pull_chunk(path, std::move(chunk));
  REQUIRE_FALSE(written);
  CHECK(written.error().message.find("CHECK constraint failed") != std::string::npos);
  CHECK(query(path, "SELECT count(*) FROM page_metrics") == "0\n");
}

}  // namespace
}  // namespace pageaudit
