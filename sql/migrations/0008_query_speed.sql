-- 0008: the views of 0005 answer for one Page of a big store in milliseconds (SPEC section 8:
-- every documented view and query under 50 ms for one Page of a 500-Page store). Same names,
-- columns and rows; only how SQLite gets there changes.
--
-- `SELECT ... FROM view WHERE page_id = ?` is fast when SQLite pushes the term down to the base
-- tables, whose keys start with page_id. SQLite 3.40 does not push it into a CTE used twice (it
-- is materialized, for every Page), into a UNION (only into each arm of a UNION ALL), past an
-- aggregate (GROUP BY) into the subquery it reads, into the right side of a LEFT JOIN, nor into
-- a view read by a correlated subquery; a window function lets it through on its PARTITION BY
-- columns. So 0005's views read every Page's rows (7.8 s for one Page's daily_activity, 100 s
-- for weekly_activity, in a 100-Page store on a busy machine). Here the days come from a UNION
-- ALL of disjoint arms, each metric is a LEFT JOIN on page_metrics' primary key, and the weeks
-- are windows partitioned by Page and week: about 15 ms each in a 500-Page store.
DROP VIEW weekly_activity;
DROP VIEW daily_activity;

-- One row per Page and day that has any data: the day's Page metrics side by side under readable
-- names. A column is NULL when the store has no value for that day (never 0). viewers are daily
-- uniques: adding them up over days counts the same person again, so weekly_activity leaves them out.
CREATE VIEW daily_activity AS
SELECT d.page_id, d.date, d.followers, follows.value AS follows, unfollows.value AS unfollows,
       views.value AS views, viewers.value AS viewers, engagements.value AS engagements,
       page_visits.value AS page_visits, link_clicks.value AS link_clicks,
       action_clicks.value AS action_clicks, video_views.value AS video_views,
       -- A day without posts had none only if the store holds the Page's posts at all.
       CASE WHEN EXISTS (SELECT 1 FROM posts p WHERE p.page_id = d.page_id)
            THEN (SELECT count(*) FROM posts p
                  WHERE p.page_id = d.page_id AND substr(p.created_time, 1, 10) = +d.date) END
         AS posts
FROM (
  -- The days, each once: those with a follower count, then those with posts, then those with
  -- other metrics only. Each arm reads one Page's rows through a key that starts with page_id.
  SELECT page_id, date, followers FROM daily_followers
  UNION ALL
  -- created_time is local 'YYYY-MM-DDTHH:MM[:SS]': its first ten characters are the day, the way
  -- the audit counts a window's posts (index posts_page_day).
  SELECT page_id, date, NULL FROM (
    SELECT DISTINCT page_id, substr(created_time, 1, 10) AS date FROM posts
    WHERE created_time IS NOT NULL
  ) p
  WHERE NOT EXISTS (
    SELECT 1 FROM page_metrics f
    WHERE f.page_id = p.page_id AND f.metric IN ('page_follows', 'page_fans', 'followers_count')
      AND f.period IN ('day', 'lifetime') AND f.date = p.date AND f.value IS NOT NULL)
  UNION ALL
  SELECT page_id, date, NULL FROM (
    SELECT DISTINCT page_id, date FROM page_metrics WHERE period = 'day'
  ) m
  WHERE NOT EXISTS (
    SELECT 1 FROM page_metrics f
    WHERE f.page_id = m.page_id AND f.metric IN ('page_follows', 'page_fans', 'followers_count')
      AND f.period IN ('day', 'lifetime') AND f.date = m.date AND f.value IS NOT NULL)
    AND NOT EXISTS (
      SELECT 1 FROM posts p
      WHERE p.page_id = m.page_id AND substr(p.created_time, 1, 10) = +m.date)
) d
-- Each metric's value of the day: the one row of its key, if any.
LEFT JOIN page_metrics follows
  ON follows.page_id = d.page_id AND follows.date = d.date
     AND follows.period = 'day' AND follows.metric = 'page_daily_follows'
LEFT JOIN page_metrics unfollows
  ON unfollows.page_id = d.page_id AND unfollows.date = d.date
     AND unfollows.period = 'day' AND unfollows.metric = 'page_daily_unfollows_unique'
LEFT JOIN page_metrics views
  ON views.page_id = d.page_id AND views.date = d.date
     AND views.period = 'day' AND views.metric = 'page_media_view'
LEFT JOIN page_metrics viewers
  ON viewers.page_id = d.page_id AND viewers.date = d.date
     AND viewers.period = 'day' AND viewers.metric = 'page_total_media_view_unique'
LEFT JOIN page_metrics engagements
  ON engagements.page_id = d.page_id AND engagements.date = d.date
     AND engagements.period = 'day' AND engagements.metric = 'page_post_engagements'
LEFT JOIN page_metrics page_visits
  ON page_visits.page_id = d.page_id AND page_visits.date = d.date
     AND page_visits.period = 'day' AND page_visits.metric = 'page_views_total'
LEFT JOIN page_metrics link_clicks
  ON link_clicks.page_id = d.page_id AND link_clicks.date = d.date
     AND link_clicks.period = 'day' AND link_clicks.metric = 'page_link_clicks'
LEFT JOIN page_metrics action_clicks
  ON action_clicks.page_id = d.page_id AND action_clicks.date = d.date
     AND action_clicks.period = 'day' AND action_clicks.metric = 'page_total_actions'
LEFT JOIN page_metrics video_views
  ON video_views.page_id = d.page_id AND video_views.date = d.date
     AND video_views.period = 'day' AND video_views.metric = 'page_video_views'
-- In the order the rows of 0005's view came in (it grouped by Page and day).
ORDER BY d.page_id, d.date;

-- daily_activity summed per Page and week, weeks starting on Monday (week_start is that Monday's
-- date). followers is the count on the week's last day that has one.
CREATE VIEW weekly_activity AS
SELECT DISTINCT page_id, week_start,
       count(*) OVER week AS days_with_data,
       -- The last of the week's days in this order: the latest day with a count, if any.
       last_value(followers) OVER (week ORDER BY followers IS NOT NULL, date
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         AS followers,
       sum(follows) OVER week AS follows, sum(unfollows) OVER week AS unfollows,
       sum(views) OVER week AS views, sum(engagements) OVER week AS engagements,
       sum(page_visits) OVER week AS page_visits, sum(link_clicks) OVER week AS link_clicks,
       sum(action_clicks) OVER week AS action_clicks, sum(video_views) OVER week AS video_views,
       sum(posts) OVER week AS posts
FROM (
  -- strftime('%w') numbers Sunday 0; (n + 6) % 7 is the number of days since Monday.
  SELECT daily_activity.*,
         date(date, printf('-%d days', (CAST(strftime('%w', date) AS INTEGER) + 6) % 7))
           AS week_start
  FROM daily_activity
)
WINDOW week AS (PARTITION BY page_id, week_start)
ORDER BY page_id, week_start;

-- A Page's posts of one day (created_time's first ten characters), for daily_activity. SQLite
-- uses an index on an expression only for a term comparing the same expression with a value of no
-- affinity (hence `= +d.date` above), and prefers posts_page, which covers its query, unless this
-- one does too (hence created_time).
CREATE INDEX posts_page_day ON posts(page_id, substr(created_time, 1, 10), created_time);
