-- 0003: what the audit reads besides Meta's figures (customer lists, time log, outcomes,
-- comments, goals) and what it writes (the audit history). SPEC sections 3.3-3.6, 4 and 5.
-- Same conventions as 0001: CHECKs are OR chains, dates ISO 'YYYY-MM-DD', missing is NULL,
-- timestamps UTC 'YYYY-MM-DDTHH:MM:SSZ', every imported row names its source and run.

-- Customer lists (import --as customers): one row per customer. Identifiers are kept as the
-- SHA-256 of their normalized form (lower case, accents folded, whitespace collapsed; phones as
-- digits with the country code), the way Meta matches customer lists. Two rows are the same
-- customer when their customer_key is: the first of email_hash, phone_hash, name_hash that the
-- row has. A repeat fills the hashes the first row lacked; it never adds a customer.
CREATE TABLE customers (
  customer_key TEXT PRIMARY KEY,      -- coalesce(email_hash, phone_hash, name_hash)
  name_hash    TEXT,                  -- SHA-256 hex of the normalized name; NULL: no name given
  email_hash   TEXT,                  -- SHA-256 hex of the normalized e-mail address
  phone_hash   TEXT,                  -- SHA-256 hex of the phone as digits with country code
  name         TEXT,                  -- clear values: only with --keep-pii, else NULL
  email        TEXT,
  phone        TEXT,
  city         TEXT,
  source       TEXT NOT NULL,         -- file name of the list that wrote the row last
  run_id       INTEGER NOT NULL REFERENCES import_runs(run_id)
) WITHOUT ROWID;

-- Hours spent on the Page (import --as time). Rows with the same day, activity and person are
-- one entry: a file that lists them twice (two sessions) is summed, a re-import replaces.
CREATE TABLE time_log (
  date     TEXT NOT NULL,             -- the day worked
  hours    REAL NOT NULL CHECK (hours >= 0 AND hours <= 24),
  activity TEXT NOT NULL DEFAULT '',  -- '' when the file has no activity column or cell
  person   TEXT NOT NULL DEFAULT '',  -- '' when the file has no person column or cell
  source   TEXT NOT NULL,
  run_id   INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (date, activity, person)
) WITHOUT ROWID;

-- Business outcomes per day (import --as outcomes): one value per day and metric, the metric
-- being the column name ('visitors', 'web_visits', 'sales', 'revenue'...).
CREATE TABLE outcomes (
  date   TEXT NOT NULL,
  metric TEXT NOT NULL,               -- goals refer to it as 'outcome:<metric>'
  value  REAL,                        -- NULL: the file's cell was empty
  source TEXT NOT NULL,
  run_id INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (date, metric)
) WITHOUT ROWID;

-- Comments on the Page's posts (written by pull): the only people-level data Meta gives.
-- Authors are hashed unless --keep-pii.
CREATE TABLE comments (
  comment_id       TEXT PRIMARY KEY,
  post_id          TEXT NOT NULL,
  page_id          TEXT NOT NULL,
  parent_id        TEXT,              -- the comment this one replies to; NULL for a top-level comment
  created_time     TEXT NOT NULL,     -- UTC 'YYYY-MM-DDTHH:MM:SSZ'
  author_hash      TEXT,              -- sha256_hex of the author's Facebook id, as Meta gives it
  author_name_hash TEXT,              -- SHA-256 hex of the normalized author name (matches customers.name_hash)
  author_id        TEXT,              -- clear values: only with --keep-pii, else NULL
  author_name      TEXT,
  from_page        INTEGER NOT NULL DEFAULT 0 CHECK (from_page = 0 OR from_page = 1), -- 1: the Page wrote it (a reply by the Page)
  source           TEXT NOT NULL,
  as_of            TEXT NOT NULL,     -- the day the comment was read
  run_id           INTEGER NOT NULL REFERENCES import_runs(run_id)
);
CREATE INDEX comments_page_time ON comments(page_id, created_time);
CREATE INDEX comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;

-- Goals as last loaded (audit --goals FILE): loading a goals file replaces that Page's goals.
CREATE TABLE goals (
  page_id    TEXT NOT NULL,
  goal_id    TEXT NOT NULL,           -- the goal's id in the file
  objective  TEXT,                    -- 'loyalty' ... 'other'; NULL: the file gives none
  metric     TEXT NOT NULL,           -- a name of the SPEC 5 vocabulary, or 'outcome:<name>'
  bound_kind TEXT NOT NULL CHECK (bound_kind = 'at_least' OR bound_kind = 'at_most'),
  bound      REAL NOT NULL,
  by         TEXT,                    -- deadline; NULL: none given
  why        TEXT,                    -- NULL: none given
  source     TEXT NOT NULL,           -- the goals file as given on the command line
  loaded_at  TEXT NOT NULL,
  PRIMARY KEY (page_id, goal_id)
) WITHOUT ROWID;

-- The whole goals file as last loaded, for audits run without --goals (the business, effort,
-- audience and survey sections live only here; the goals table is their queryable part).
CREATE TABLE goal_files (
  page_id   TEXT PRIMARY KEY,
  source    TEXT NOT NULL,            -- the goals file as given on the command line
  toml      TEXT NOT NULL,            -- its text, parsed again by each audit
  loaded_at TEXT NOT NULL
) WITHOUT ROWID;

-- One row per audit that ran to the end.
CREATE TABLE audit_runs (
  audit_id    INTEGER PRIMARY KEY,
  page_id     TEXT NOT NULL,
  as_of       TEXT NOT NULL,          -- the audit day: the window's last day
  window_days INTEGER NOT NULL CHECK (window_days > 0),
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format = 'text' OR format = 'markdown' OR format = 'json' OR format = 'html'),
  goals_file  TEXT,                   -- source of the goals the audit used; NULL: no goals loaded
  json        TEXT NOT NULL           -- the full report as --format json writes it
);
CREATE INDEX audit_runs_page ON audit_runs(page_id, audit_id);

-- Each goal's result in an audit.
CREATE TABLE audit_results (
  audit_id         INTEGER NOT NULL REFERENCES audit_runs(audit_id),
  goal_id          TEXT NOT NULL,
  metric           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status = 'met' OR status = 'on_track' OR status = 'behind' OR status = 'missed' OR status = 'no_data'),
  current          REAL,              -- the metric on the audit day; NULL: no data
  projected        REAL,              -- at the deadline, along the window's trend
  required_per_day REAL,              -- change per day from the audit day to the deadline
  projected_date   TEXT,              -- when the trend reaches the bound; NULL: not reached
  lint             TEXT,              -- comma-separated ids of the lint rules that fired on it; NULL: none
  PRIMARY KEY (audit_id, goal_id)
) WITHOUT ROWID;

-- The latest audit's result per goal, per Page.
CREATE VIEW goal_status AS
SELECT r.page_id, g.goal_id, g.metric, g.status, g.current, g.projected, g.required_per_day,
       g.projected_date, r.as_of, r.audit_id
FROM audit_runs r
JOIN audit_results g ON g.audit_id = r.audit_id
WHERE r.audit_id = (SELECT max(audit_id) FROM audit_runs latest WHERE latest.page_id = r.page_id);
