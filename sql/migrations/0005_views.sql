-- 0005: views for people who query the store directly (sqlite3, Datasette, DB Browser): the long
-- page_metrics table pivoted into one readable row per day and per week, and the figures each
-- audit computed, out of its JSON. Documented in docs/schema.md; their names and columns are
-- public, like the tables'. Column names are plain identifiers, so every tool shows them as is.

-- One row per Page and day that has any data: the day's Page metrics side by side under readable
-- names. A column is NULL when the store has no value for that day (never 0). viewers are daily
-- uniques: adding them up over days counts the same person again, so weekly_activity leaves them out.
CREATE VIEW daily_activity AS
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
-- created_time is local 'YYYY-MM-DDTHH:MM[:SS]': its first ten characters are the day, the way
-- the audit counts a window's posts.
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
       -- A day without posts had none only if the store holds the Page's posts at all.
       CASE WHEN EXISTS (SELECT 1 FROM posts WHERE posts.page_id = d.page_id)
            THEN coalesce(p.posts, 0) END AS posts
FROM days d
LEFT JOIN metrics m ON m.page_id = d.page_id AND m.date = d.date
LEFT JOIN daily_followers f ON f.page_id = d.page_id AND f.date = d.date
LEFT JOIN published p ON p.page_id = d.page_id AND p.date = d.date;

-- daily_activity summed per Page and week, weeks starting on Monday (week_start is that Monday's
-- date). followers is the count on the week's last day that has one.
CREATE VIEW weekly_activity AS
SELECT w.page_id, w.week_start, w.days_with_data,
       (SELECT f.followers FROM daily_followers f
        WHERE f.page_id = w.page_id AND f.date BETWEEN w.week_start AND date(w.week_start, '+6 days')
        ORDER BY f.date DESC LIMIT 1) AS followers,
       w.follows, w.unfollows, w.views, w.engagements, w.page_visits, w.link_clicks,
       w.action_clicks, w.video_views, w.posts
FROM (
  -- strftime('%w') numbers Sunday 0; (n + 6) % 7 is the number of days since Monday.
  SELECT page_id,
         date(date, printf('-%d days', (CAST(strftime('%w', date) AS INTEGER) + 6) % 7)) AS week_start,
         count(*) AS days_with_data,
         sum(follows) AS follows, sum(unfollows) AS unfollows, sum(views) AS views,
         sum(engagements) AS engagements, sum(page_visits) AS page_visits,
         sum(link_clicks) AS link_clicks, sum(action_clicks) AS action_clicks,
         sum(video_views) AS video_views, sum(posts) AS posts
  FROM daily_activity
  GROUP BY page_id, week_start
) w;

-- One row per audit: the figures of docs/audit.md as the audit stored them in audit_runs.json
-- (rounded as the JSON report rounds them: three significant digits, whole people). NULL where the
-- audit could not compute a figure. window_start is the window's first day.
CREATE VIEW audit_figures AS
SELECT audit_id, page_id, as_of, window_days,
       date(as_of, printf('-%d days', window_days - 1)) AS window_start,
       json_extract(json, '$.followers.value') AS followers,
       json_extract(json, '$.followers.net_change_window') AS net_change_window,
       json_extract(json, '$.followers.trend_per_day') AS trend_per_day,
       json_extract(json, '$.effort.hours_window') AS hours_window,
       json_extract(json, '$.effort.cost_window') AS cost_window,
       json_extract(json, '$.effort.source') AS effort_source,
       json_extract(json, '$.customers.headline.method') AS customer_method,
       json_extract(json, '$.customers.headline.customer_followers') AS customer_followers,
       json_extract(json, '$.customers.headline.share') AS customer_share,
       json_extract(json, '$.useful_followers.value') AS useful_followers,
       json_extract(json, '$.useful_followers.share') AS useful_share,
       json_extract(json, '$.useful_followers.method') AS useful_method,
       json_extract(json, '$.hours_per_useful_follower') AS hours_per_useful_follower,
       json_extract(json, '$.hours_per_new_useful_follower') AS hours_per_new_useful_follower,
       json_extract(json, '$.cost_per_useful_follower') AS cost_per_useful_follower
FROM audit_runs;
