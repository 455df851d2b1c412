-- 0007: one store for a consultant's clients (SPEC 3.3-3.5 and 4). Customer lists, time logs and
-- outcomes belong to one Page (one business), so nothing of one client enters another's audit;
-- the goals file's settings become a table SQL can use.
--
-- Rows written before this version name no Page. In a store that holds exactly one Page they
-- move to it. Otherwise they are kept aside under page_id '' (no Page has that id, so no audit
-- reads them), nothing deleted: `pageaudit status` counts them and says how to assign them
-- (`pageaudit init --assign-unowned ID`, or re-import each file with --page and drop them with
-- `pageaudit forget --unowned`).

-- The Page that unowned rows move to: the only one, else ''.
CREATE TEMP TABLE migration_0007_owner AS
SELECT CASE WHEN count(*) = 1 THEN max(page_id) ELSE '' END AS page_id FROM main.pages;

-- Customer lists (import --as customers --page ID): one row per Page and customer. Identifiers
-- are kept as the SHA-256 of their normalized form (lower case, accents folded, whitespace
-- collapsed; phones as digits with the country code), the way Meta matches customer lists. Two
-- rows of a Page are the same customer when their customer_key is: the first of email_hash,
-- phone_hash, name_hash that the row has. A repeat fills the hashes the first row lacked; it
-- never adds a customer.
CREATE TABLE customers_0007 (
  page_id      TEXT NOT NULL,         -- the business's Page; '' kept aside by migration 0007
  customer_key TEXT NOT NULL,         -- coalesce(email_hash, phone_hash, name_hash)
  name_hash    TEXT,                  -- SHA-256 hex of the normalized name; NULL: no name given
  email_hash   TEXT,                  -- SHA-256 hex of the normalized e-mail address
  phone_hash   TEXT,                  -- SHA-256 hex of the phone as digits with country code
  name         TEXT,                  -- clear values: only with --keep-pii, else NULL
  email        TEXT,
  phone        TEXT,
  city         TEXT,
  source       TEXT NOT NULL,         -- file name of the list that wrote the row last
  run_id       INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (page_id, customer_key)
) WITHOUT ROWID;
INSERT INTO customers_0007(page_id, customer_key, name_hash, email_hash, phone_hash, name, email,
                           phone, city, source, run_id)
SELECT o.page_id, c.customer_key, c.name_hash, c.email_hash, c.phone_hash, c.name, c.email,
       c.phone, c.city, c.source, c.run_id
FROM customers c, temp.migration_0007_owner o;
DROP TABLE customers;
ALTER TABLE customers_0007 RENAME TO customers;

-- Hours spent on one Page (import --as time). Rows with the same Page, day, activity and person
-- are one entry: a file that lists them twice (two sessions) is summed, a re-import replaces.
CREATE TABLE time_log_0007 (
  page_id  TEXT NOT NULL,             -- the Page worked on; '' kept aside by migration 0007
  date     TEXT NOT NULL,             -- the day worked
  hours    REAL NOT NULL CHECK (hours >= 0 AND hours <= 24),
  activity TEXT NOT NULL DEFAULT '',  -- '' when the file has no activity column or cell
  person   TEXT NOT NULL DEFAULT '',  -- '' when the file has no person column or cell
  source   TEXT NOT NULL,
  run_id   INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (page_id, date, activity, person)
) WITHOUT ROWID;
INSERT INTO time_log_0007(page_id, date, hours, activity, person, source, run_id)
SELECT o.page_id, t.date, t.hours, t.activity, t.person, t.source, t.run_id
FROM time_log t, temp.migration_0007_owner o;
DROP TABLE time_log;
ALTER TABLE time_log_0007 RENAME TO time_log;

-- One business's outcomes per day (import --as outcomes): one value per Page, day and metric,
-- the metric being the column name ('visitors', 'web_visits', 'sales', 'revenue'...).
CREATE TABLE outcomes_0007 (
  page_id TEXT NOT NULL,              -- the business's Page; '' kept aside by migration 0007
  date    TEXT NOT NULL,
  metric  TEXT NOT NULL,              -- goals refer to it as 'outcome:<metric>'
  value   REAL,                       -- NULL: the file's cell was empty
  source  TEXT NOT NULL,
  run_id  INTEGER NOT NULL REFERENCES import_runs(run_id),
  PRIMARY KEY (page_id, date, metric)
) WITHOUT ROWID;
INSERT INTO outcomes_0007(page_id, date, metric, value, source, run_id)
SELECT o.page_id, v.date, v.metric, v.value, v.source, v.run_id
FROM outcomes v, temp.migration_0007_owner o;
DROP TABLE outcomes;
ALTER TABLE outcomes_0007 RENAME TO outcomes;

DROP TABLE temp.migration_0007_owner;

-- The goals file's settings as last loaded (audit --goals FILE), one row per Page, as columns SQL
-- can use. NULL where the file does not give a setting. The audit still reads the file's text
-- (goal_files); this table is written with it, in the same transaction.
CREATE TABLE settings (
  page_id               TEXT PRIMARY KEY,
  business_name         TEXT,         -- business.name
  customers             INTEGER,      -- business.customers: size of the customer base
  hourly_cost           REAL,         -- business.hourly_cost, in currency
  currency              TEXT,         -- business.currency as written ('EUR')
  hours_per_day         REAL,         -- effort.hours_per_day: stated effort on days without a log
  stated_target_share   REAL,         -- audience.stated_target_share, 0..1
  stated_customer_share REAL,         -- audience.stated_customer_share, 0..1
  target_countries      TEXT,         -- audience.target_countries as a JSON array ('["ES"]')
  target_cities         TEXT,         -- audience.target_cities, JSON array
  target_ages           TEXT,         -- audience.target_ages, JSON array ('["25-34","35-44"]')
  survey_asked          INTEGER,      -- survey.asked: customers asked whether they follow
  survey_follow         INTEGER,      -- survey.follow: how many said yes
  language              TEXT,         -- 'en' | 'es'
  source                TEXT NOT NULL,-- the goals file as given on the command line
  loaded_at             TEXT NOT NULL
) WITHOUT ROWID;
