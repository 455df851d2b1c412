-- 0004: what `pull` remembers between runs (which days it already has, what Meta refused, when it
-- may call a throttled Page again), and which breakdowns the Graph API answers for a metric.
-- Same conventions as 0001: CHECKs are OR chains, dates ISO 'YYYY-MM-DD', timestamps UTC
-- 'YYYY-MM-DDTHH:MM:SSZ'.

-- One row per Page that was ever pulled.
CREATE TABLE pull_state (
  page_id           TEXT PRIMARY KEY,
  last_run_id       INTEGER REFERENCES import_runs(run_id), -- the Page's latest pull run
  last_status       TEXT CHECK (last_status = 'ok' OR last_status = 'partial' OR last_status = 'failed'),
  last_pull_at      TEXT,             -- when that run finished
  resume_after      TEXT,             -- Meta throttled the Page: no call before this time; NULL: none
  insights_empty_on TEXT              -- the day of a run in which Meta answered every insights call
                                      -- with no data (the token may lack read_insights); NULL: data came
) WITHOUT ROWID;

-- The days whose data a pull already has, as merged ranges. 'insights': daily Page metrics
-- (Meta's Pacific days); 'posts': posts created on those days, with their insights and comments.
-- A later run asks only for the days missing here, plus the trailing days it re-fetches because
-- Meta revises recent values.
CREATE TABLE pull_coverage (
  page_id   TEXT NOT NULL,
  kind      TEXT NOT NULL CHECK (kind = 'insights' OR kind = 'posts'),
  first_day TEXT NOT NULL,
  last_day  TEXT NOT NULL,
  PRIMARY KEY (page_id, kind, first_day)
) WITHOUT ROWID;

-- Whether Meta serves a catalogue metric for a Page. 'unavailable': Meta answered
-- "(#100) The value must be a valid insights metric"; pull no longer asks for it for that Page
-- (delete the row to have it asked again).
CREATE TABLE page_metric_status (
  page_id TEXT NOT NULL,
  metric  TEXT NOT NULL,
  status  TEXT NOT NULL CHECK (status = 'available' OR status = 'unavailable'),
  since   TEXT NOT NULL,                -- when it was first seen in this status
  message TEXT,                         -- Meta's words for 'unavailable'
  PRIMARY KEY (page_id, metric)
) WITHOUT ROWID;

-- Breakdowns: the breakdown= dimensions the Graph API answers for a metric (comma list), pulled as
-- page_metric_breakdowns rows (Page metrics) or post_metrics keys 'DIMENSION:true|false' (post
-- metrics). Data, like the rest of the catalogue.
ALTER TABLE metric_catalog ADD COLUMN breakdowns TEXT;
UPDATE metric_catalog SET breakdowns = 'is_from_ads,is_from_followers'
WHERE metric = 'page_media_view' OR metric = 'post_media_view';
