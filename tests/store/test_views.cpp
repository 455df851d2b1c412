// The views of migration 0008 against those of 0005 they replace: the same rows, in the same
// order, for every Page and day; and for one Page, work that does not grow with the store (SPEC
// section 8: every documented view under 50 ms for one Page of a 500-Page store).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.h"

using pageaudit::test::exec;
using pageaudit::test::query;
using pageaudit::test::run_pageaudit;
using pageaudit::test::TempDir;
using pageaudit::test::vm_steps;

namespace {

const std::vector<std::string> k_env = {"PAGEAUDIT_TODAY=2026-11-21",
                                        "PAGEAUDIT_NOW=2026-11-21T08:00:00Z"};
const std::string k_cafe = "100064197037125";

// sql/migrations/0005_views.sql's daily_activity and weekly_activity as they were, the reference,
// named old_*.
const std::string k_old_views = R"SQL(
CREATE VIEW old_daily_activity AS
WITH metrics AS (
  SELECT page_id, date,
         sum(CASE metric WHEN 'page_daily_follows' THEN value END) AS follows,
         sum(CASE metric WHEN 'page_daily_unfollows_unique' THEN value END) AS unfollows,
         sum(CASE metric WHEN 'page_media_view' THEN value END) AS views,
         sum(CASE metric WHEN 'page_total_media_view_unique' THEN value END) AS viewers,
         sum(CASE metric WHEN 'page_post_engagements' THEN value END) AS engagements,
         sum(CASE metric WHEN 'page_views_total' THEN value END) AS page_visits,
         sum(CASE metric WHEN 'page_link_clicks' THEN value END) AS link_clicks,
         sum(CASE metric WHEN 'page_total_actions' THEN value END) AS action_clicks,
         sum(CASE metric WHEN 'page_video_views' THEN value END) AS video_views
  FROM page_metrics
  WHERE period = 'day'
  GROUP BY page_id, date
),
published AS (
  SELECT page_id, substr(created_time, 1, 10) AS date, count(*) AS posts
  FROM posts
  WHERE created_time IS NOT NULL
  GROUP BY page_id, substr(created_time, 1, 10)
),
days AS (
  SELECT page_id, date FROM metrics
  UNION SELECT page_id, date FROM daily_followers
  UNION SELECT page_id, date FROM published
)
SELECT d.page_id, d.date, f.followers, m.follows, m.unfollows, m.views, m.viewers, m.engagements,
       m.page_visits, m.link_clicks, m.action_clicks, m.video_views,
       CASE WHEN EXISTS (SELECT 1 FROM posts WHERE posts.page_id = d.page_id)
            THEN coalesce(p.posts, 0) END AS posts
FROM days d
LEFT JOIN metrics m ON m.page_id = d.page_id AND m.date = d.date
LEFT JOIN daily_followers f ON f.page_id = d.page_id AND f.date = d.date
LEFT JOIN published p ON p.page_id = d.page_id AND p.date = d.date;

CREATE VIEW old_weekly_activity AS
SELECT w.page_id, w.week_start, w.days_with_data,
       (SELECT f.followers FROM daily_followers f
        WHERE f.page_id = w.page_id AND f.date BETWEEN w.week_start AND date(w.week_start, '+6 days')
        ORDER BY f.date DESC LIMIT 1) AS followers,
       w.follows, w.unfollows, w.views, w.engagements, w.page_visits, w.link_clicks,
       w.action_clicks, w.video_views, w.posts
FROM (
  SELECT page_id,
         date(date, printf('-%d days', (CAST(strftime('%w', date) AS INTEGER) + 6) % 7)) AS week_start,
         count(*) AS days_with_data,
         sum(follows) AS follows, sum(unfollows) AS unfollows, sum(views) AS views,
         sum(engagements) AS engagements, sum(page_visits) AS page_visits,
         sum(link_clicks) AS link_clicks, sum(action_clicks) AS action_clicks,
         sum(video_views) AS video_views, sum(posts) AS posts
  FROM old_daily_activity
  GROUP BY page_id, week_start
) w;
)SQL";

// Rows that reach every branch of the views, for two more Pages: 'edge' has days with only a
// follower count (page_fans, lifetime), only posts, a NULL page_follows under a page_fans, both
// page_follows and followers_count, only NULL metrics, only a weekly value, posts without a time
// or with a short one, and a week whose last days have no count; 'noposts' has no post at all.
const std::string k_edge_rows = R"SQL(
INSERT INTO pages(page_id, name, source, updated_at) VALUES
  ('edge', 'Edge', 'test', '2026-01-01'), ('noposts', 'No posts', 'test', '2026-01-01');
INSERT INTO page_metrics(page_id, metric, period, date, value, source, as_of, run_id) VALUES
  ('edge', 'page_fans', 'lifetime', '2026-01-05', 100, 't', '2026-01-31', 1),
  ('edge', 'page_follows', 'day', '2026-01-07', NULL, 't', '2026-01-31', 1),
  ('edge', 'page_fans', 'lifetime', '2026-01-07', 102, 't', '2026-01-31', 1),
  ('edge', 'page_daily_follows', 'day', '2026-01-07', 3, 't', '2026-01-31', 1),
  ('edge', 'page_follows', 'day', '2026-01-08', 104, 't', '2026-01-31', 1),
  ('edge', 'followers_count', 'lifetime', '2026-01-08', 999, 't', '2026-01-31', 1),
  ('edge', 'page_media_view', 'day', '2026-01-08', 50.5, 't', '2026-01-31', 1),
  ('edge', 'page_media_view', 'day', '2026-01-09', NULL, 't', '2026-01-31', 1),
  ('edge', 'page_views_total', 'day', '2026-01-10', 7, 't', '2026-01-31', 1),
  ('edge', 'page_media_view', 'week', '2026-01-20', 70, 't', '2026-01-31', 1),
  ('noposts', 'page_follows', 'day', '2026-01-05', 10, 't', '2026-01-31', 1),
  ('noposts', 'page_media_view', 'day', '2026-01-06', 20, 't', '2026-01-31', 1);
INSERT INTO posts(post_id, page_id, created_time, source, as_of, run_id) VALUES
  ('edge_1', 'edge', '2026-01-06T10:00', 't', '2026-01-31', 1),
  ('edge_2', 'edge', '2026-01-06T23:59:59', 't', '2026-01-31', 1),
  ('edge_3', 'edge', '2026-01-08', 't', '2026-01-31', 1),
  ('edge_4', 'edge', NULL, 't', '2026-01-31', 1),
  ('edge_5', 'edge', '2026-02', 't', '2026-01-31', 1),
  ('edge_6', 'edge', '2026-01-10T08:00:00', 't', '2026-01-31', 1);
)SQL";

// The demo's store with the rows above and the old views beside the new.
const std::string& store() {
  static TempDir dir;
  static const std::string db = [] {
    const std::string path = dir.file("demo.db");
    const auto r = run_pageaudit({"--db", path, "-q", "demo"}, k_env);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    exec(path, k_edge_rows + k_old_views);
    return path;
  }();
  return db;
}

std::string pages(const std::string& db) {
  return query(db, "SELECT group_concat(page_id, ' ') FROM pages");
}

}  // namespace

TEST_CASE("daily_activity and weekly_activity give the rows of migration 0005's definitions") {
  const std::string& db = store();
  REQUIRE(pages(db) == k_cafe + " edge noposts\n");
  for (const std::string& view : std::vector<std::string>{"daily_activity", "weekly_activity"}) {
    CAPTURE(view);
    CHECK(query(db, "SELECT name FROM pragma_table_info('" + view + "')") ==
          query(db, "SELECT name FROM pragma_table_info('old_" + view + "')"));
    // Every Page and day (or week), in the order the old view gave them.
    const std::string all = query(db, "SELECT * FROM " + view);
    CHECK(all.size() > 1000);
    CHECK(all == query(db, "SELECT * FROM old_" + view));
    for (const std::string& page : {k_cafe, std::string("edge"), std::string("noposts")}) {
      CAPTURE(page);
      const std::string rows =
          query(db, "SELECT * FROM " + view + " WHERE page_id = '" + page + "'");
      CHECK(rows != "");
      CHECK(rows == query(db, "SELECT * FROM old_" + view + " WHERE page_id = '" + page + "'"));
    }
  }
  // The branches the edge rows reach, spelled out.
  CHECK(query(db, "SELECT * FROM daily_activity WHERE page_id = 'edge'") ==
        "edge|2026-01-05|100.0||||||||||0\n"
        "edge|2026-01-06|||||||||||2\n"
        "edge|2026-01-07|102.0|3.0|||||||||0\n"
        "edge|2026-01-08|104.0|||50.5|||||||1\n"
        "edge|2026-01-09|||||||||||0\n"
        "edge|2026-01-10|||||||7.0||||1\n"
        "edge|2026-02|||||||||||1\n");
  CHECK(query(db,
              "SELECT week_start, days_with_data, followers FROM weekly_activity "
              "WHERE page_id = 'edge'") ==
        "|1|\n"  // '2026-02' is no date: the old view too put it in a week of its own
        "2026-01-05|6|104.0\n");
  CHECK(query(db, "SELECT posts FROM daily_activity WHERE page_id = 'noposts'") == "\n\n");
}

TEST_CASE("one Page's rows of a view take the same work in a store of one Page as of many") {
  TempDir dir;
  const std::string db = dir.file("many.db");
  REQUIRE(run_pageaudit({"--db", db, "-q", "demo"}, k_env).exit_code == 0);
  // Steps for the café alone, then with 20 copies of its metrics and posts under other ids.
  const std::vector<std::string> views = {"daily_followers", "daily_activity", "weekly_activity",
                                          "goal_status", "audit_figures"};
  std::vector<long> alone;
  for (const std::string& view : views) {
    alone.push_back(vm_steps(db, "SELECT * FROM " + view + " WHERE page_id = '" + k_cafe + "'"));
  }
  exec(
      db,
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
      "INSERT INTO page_metrics SELECT 'copy' || i, metric, period, date, value, end_time, source, "
      "as_of, run_id FROM page_metrics, n WHERE page_id = '" +
          k_cafe +
          "';"
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
          "INSERT INTO posts SELECT 'copy' || i || post_id, 'copy' || i, created_time, type, "
          "title, message, permalink, source, as_of, run_id FROM posts, n WHERE page_id = '" +
          k_cafe +
          "';"
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
          "INSERT INTO audit_runs(page_id, as_of, window_days, started_at, finished_at, format, "
          "json) SELECT 'copy' || i, as_of, window_days, started_at, finished_at, format, json "
          "FROM audit_runs, n WHERE page_id = '" +
          k_cafe + "';");
  REQUIRE(query(db, "SELECT count(DISTINCT page_id) FROM page_metrics") == "21\n");
  for (size_t i = 0; i < views.size(); ++i) {
    CAPTURE(views[i]);
    const long many =
        vm_steps(db, "SELECT * FROM " + views[i] + " WHERE page_id = '" + k_cafe + "'");
    CHECK(alone[i] > 0);
    // A scan of every Page's rows would take about 21 times the steps.
    CHECK(many < alone[i] * 11 / 10);
  }
}
