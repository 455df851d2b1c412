-- 0006: where a Page's wanted days begin, so that a later pull fills what an interrupted one left
-- out. Coverage cannot say it: a pull's windows are answered out of order, and a first pull killed
-- midway may have committed only its later days.

-- The earliest day any pull of the Page wanted (ISO 'YYYY-MM-DD'), recorded as the pull begins,
-- before any of its data; a run without --since wants the days from here (or from two years ago,
-- if later), asking for those not in pull_coverage. NULL: pulled before this was kept (the first
-- covered day stands in).
ALTER TABLE pull_state ADD COLUMN backfill_start TEXT;
