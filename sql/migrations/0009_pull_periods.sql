-- 0009: the periods pull asks Meta for besides 'day'. A count of people (Meta's *_unique metrics)
-- does not add up over days: the same person seen on two days is one viewer of the two, and only
-- Meta's own count for a week or 28 days says how many there were. The audit's `viewers` is that
-- count (docs/audit.md). Data, like the rest of the catalogue: a metric listed here is pulled with
-- the period left out, which Meta answers with every period the metric has, and these are kept.

-- Comma list of periods ('week,days_28'); NULL: the daily values only. Only viewers for now: the
-- audit reads no other count of people over a period, and each metric listed adds two values a
-- day to every Page's store (page_daily_follows_unique and page_daily_unfollows_unique have them
-- too, should a figure need them).
ALTER TABLE metric_catalog ADD COLUMN pull_periods TEXT;
UPDATE metric_catalog SET pull_periods = 'week,days_28' WHERE metric = 'page_total_media_view_unique';
