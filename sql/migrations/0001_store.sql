-- 0001: the store's public tables and views (SPEC section 4).
-- CHECK constraints are written as OR chains, not 'x IN (...)': SQLite builds an ephemeral
-- table for an IN list on every row it checks, which made a bulk import four times slower.
-- Conventions: dates are ISO 'YYYY-MM-DD'; missing is NULL, never 0; every data row names its
-- source ('graph' or the export's file name) and the import run that wrote it last.
-- Timestamps of runs are UTC ISO-8601 ('2026-11-21T03:00:00Z').

-- One row per Page.
CREATE TABLE pages (
  page_id         TEXT PRIMARY KEY,   -- numeric Page id as text; 'local:<name>' when no id is known
  name            TEXT,
  username        TEXT,
  category        TEXT,
  link            TEXT,
  followers_count INTEGER,            -- last followers_count snapshot (history: page_metrics)
  fan_count       INTEGER,
  source          TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

-- Provenance: every command that writes records one row here. A row left with status
-- 'running' belongs to a run that was killed before it finished.
CREATE TABLE import_runs (
  run_id       INTEGER PRIMARY KEY,
  command      TEXT NOT NULL,          -- 'import' | 'pull' | 'init' | 'demo'
  source       TEXT,                   -- file name, or 'graph'
  path         TEXT,                   -- the file as given on the command line
  sha256       TEXT,                   -- of the file's bytes
  kind         TEXT,                   -- detected layout, e.g. 'mbs_daily_chart'
  page_id      TEXT,
  started_at   TEXT NOT NULL,
  finished_at  TEXT,
  status       TEXT NOT NULL CHECK (status = 'running' OR status = 'ok' OR status = 'failed' OR status = 'partial'),
  rows_written INTEGER,
  message      TEXT                    -- what was skipped or reported (e.g. Instagram blocks)
);

-- Daily (and weekly, 28-day, lifetime) Page-level values: one per Page, metric, period, day.
CREATE TABLE page_metrics (
  page_id  TEXT NOT NULL,
  metric   TEXT NOT NULL,             -- canonical name (metric_catalog.metric)
  period   TEXT NOT NULL CHECK (period = 'day' OR period = 'week' OR period = 'days_28' OR period = 'lifetime'),
  date     TEXT NOT NULL,             -- the local day the value describes
  value    REAL,                      -- NULL: the source said nothing for that day
  end_time TEXT,                      -- raw Graph API end_time, NULL for files
  source   TEXT NOT NULL,
  as_of    TEXT NOT NULL,             -- the day the source reported the value (export or pull day)
  run_id   INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (page_id, metric, period, date)
) WITHOUT ROWID;

-- Values with a key: audience by age/gender/country/city, reactions by type, is_from_ads...
CREATE TABLE page_metric_breakdowns (
  page_id   TEXT NOT NULL,
  metric    TEXT NOT NULL,
  period    TEXT NOT NULL CHECK (period = 'day' OR period = 'week' OR period = 'days_28' OR period = 'lifetime'),
  date      TEXT NOT NULL,            -- the day described; for audience snapshots, the export day
  dimension TEXT NOT NULL,            -- 'age_gender' | 'country' | 'city' | 'gender' | 'age' | ...
  key       TEXT NOT NULL,            -- 'F.25-34', 'ES', 'Madrid, Spain', ...
  value     REAL,
  unit      TEXT NOT NULL DEFAULT 'count' CHECK (unit = 'count' OR unit = 'percent' OR unit = 'fraction'),
  source    TEXT NOT NULL,
  as_of     TEXT NOT NULL,
  run_id    INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (page_id, metric, period, date, dimension, key)
) WITHOUT ROWID;

-- Published posts (and videos from the classic video export).
CREATE TABLE posts (
  post_id      TEXT PRIMARY KEY,      -- '<pageid>_<postid>' from the API and classic exports
  page_id      TEXT NOT NULL,
  created_time TEXT,                  -- as the source gives it, ISO 'YYYY-MM-DDTHH:MM[:SS]'
  type         TEXT,
  title        TEXT,
  message      TEXT,
  permalink    TEXT,
  source       TEXT NOT NULL,
  as_of        TEXT NOT NULL,
  run_id       INTEGER NOT NULL REFERENCES import_runs(run_id)
);
CREATE INDEX posts_page ON posts(page_id, created_time);

-- Lifetime post metrics as of the day they were read; key '' when the metric has no breakdown.
CREATE TABLE post_metrics (
  post_id TEXT NOT NULL REFERENCES posts(post_id),
  metric  TEXT NOT NULL,
  key     TEXT NOT NULL DEFAULT '',
  value   REAL,
  source  TEXT NOT NULL,
  as_of   TEXT NOT NULL,
  run_id  INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (post_id, metric, key)
) WITHOUT ROWID;

-- Known metrics (data, not code: a metric is added or retired by a migration, not a rebuild).
CREATE TABLE metric_catalog (
  metric        TEXT PRIMARY KEY,
  scope         TEXT NOT NULL CHECK (scope = 'page' OR scope = 'post'),
  periods       TEXT NOT NULL,        -- comma list of the periods it exists in, e.g. 'day,week,days_28'
  kind          TEXT NOT NULL CHECK (kind = 'flow' OR kind = 'stock'), -- stock: a level (followers); flow: a count per period
  meaning       TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status = 'active' OR status = 'retired'),
  retired_since TEXT,                 -- ISO date Meta stopped serving it
  replaced_by   TEXT,
  pull          INTEGER NOT NULL DEFAULT 0 -- 1: pulled from the Graph API while active
);

-- Names under which a metric appears in export files, in any language.
CREATE TABLE metric_aliases (
  context  TEXT NOT NULL CHECK (context = 'chart_title' OR context = 'classic_column' OR context = 'content_column' OR context = 'audience_block' OR context = 'history_column' OR context = 'api_id'),
  alias    TEXT NOT NULL,             -- compared case-insensitively after trimming
  language TEXT NOT NULL,             -- 'en' | 'es' | 'pt' | 'any'
  metric   TEXT NOT NULL REFERENCES metric_catalog(metric),
  period   TEXT NOT NULL,
  dimension TEXT,                     -- for breakdowns: what the key names ('city', 'age_gender'...)
  key      TEXT NOT NULL DEFAULT '',  -- a fixed breakdown key the column stands for ('is_from_ads:true')
  platform TEXT NOT NULL DEFAULT 'facebook' CHECK (platform = 'facebook' OR platform = 'instagram' OR platform = 'ambiguous'),
  PRIMARY KEY (context, alias)
) WITHOUT ROWID;

-- Names of the identifying columns of export files (not metrics): 'Post ID', 'Fecha', ...
CREATE TABLE field_aliases (
  context  TEXT NOT NULL,             -- 'content' | 'chart' | 'classic' | 'history' | 'audience'
  alias    TEXT NOT NULL,
  language TEXT NOT NULL,
  field    TEXT NOT NULL,             -- 'post_id', 'page_id', 'created_time', 'date', ...
  PRIMARY KEY (context, alias)
) WITHOUT ROWID;

-- The best available follower count per day: API page_follows (and follower history exports,
-- which land in the same series), then classic 'Lifetime Total Likes' (page_fans), then
-- followers_count snapshots taken by pull.
CREATE VIEW daily_followers AS
SELECT page_id, date, followers, metric AS basis
FROM (
  SELECT page_id, date, value AS followers, metric,
         row_number() OVER (PARTITION BY page_id, date
                            ORDER BY CASE metric WHEN 'page_follows' THEN 1
                                                 WHEN 'page_fans' THEN 2
                                                 ELSE 3 END) AS rank
  FROM page_metrics
  WHERE metric IN ('page_follows', 'page_fans', 'followers_count')
    AND period IN ('day', 'lifetime')
    AND value IS NOT NULL
)
WHERE rank = 1;
