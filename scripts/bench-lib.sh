# shellcheck shell=bash
# Shared by the benchmarks of SPEC section 8 (bench-audit.sh, bench-query.sh): sourced, not run,
# with the benchmark's arguments ([BUILD_DIR], a Release build directory, default build-bench).
# Sets root, build and bin (the pageaudit binary), and the audit day of every store it makes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
# shellcheck disable=SC2034 # read by the scripts that source this file
bin="$build/src/pageaudit"
export PAGEAUDIT_TODAY=2026-11-21

# A new, empty bench-out/NAME; prints its path.
work_dir() {
  rm -rf "$root/bench-out/$1" && mkdir -p "$root/bench-out/$1"
  echo "$root/bench-out/$1"
}

# Best wall time of $1 runs of the rest of the command line, in seconds; whole processes, so that
# start-up counts as a user would see it.
best_of() {
  local runs=$1 best="" start end
  shift
  for ((run = 0; run < runs; run++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    best=$(python3 -c "print(min($(( end - start )) / 1e9, ${best:-1e9}))")
  done
  echo "$best"
}

# Prints "   LABEL: MEASURED (target < TARGET) PASS|MISS"; with BENCH_SUMMARY=FILE, also appends
# "LABEL<TAB>MEASURED<TAB>< TARGET<TAB>PASS|MISS" to FILE (scripts/bench.sh's table).
#   report LABEL MEASURED_SECONDS TARGET_SECONDS ms|s
report() {
  python3 - "$@" <<'PY'
import os, sys
label, seconds, target, unit = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
scale = 1000 if unit == "ms" else 1
# Whole milliseconds, or tenths under 10 ms; seconds to two places.
places = (1 if seconds < 0.010 else 0) if unit == "ms" else 2
shown = f"{seconds * scale:.{places}f} {unit}"
limit = f"< {target * scale:g} {unit}"
verdict = "PASS" if seconds < target else "MISS"
print(f"   {label}: {shown} (target {limit}) {verdict}")
if os.environ.get("BENCH_SUMMARY"):
    with open(os.environ["BENCH_SUMMARY"], "a") as f:
        f.write(f"{label}\t{shown}\t{limit}\t{verdict}\n")
PY
}

# A store of many Pages: a copy of a one-Page store (the demo café) with every row that belongs
# to the Page copied under further Page ids, '900001', '900002'... MANY_DB ends with PAGES Pages:
# PAGE and PAGES - 1 copies. Audits are not copied: each benchmark runs its own.
#   many_page_store ONE_DB MANY_DB PAGES PAGE
many_page_store() {
  local one="$1" many="$2" pages="$3" page="$4"
  rm -f "$many" "$many-wal" "$many-shm"
  sqlite3 "$one" "VACUUM INTO '$many'"
  # Rows keyed by a Page's id, and the posts and comments whose ids start with it
  # ('<pageid>_<postid>'): each copy gets its own ids, its Page's id in place of the café's.
  sqlite3 "$many" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE copies(page_id TEXT PRIMARY KEY) WITHOUT ROWID;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $pages - 1)
INSERT INTO copies SELECT '9' || printf('%05d', i) FROM n;
INSERT INTO pages(page_id, name, username, category, link, followers_count, fan_count, source, updated_at)
  SELECT c.page_id, 'Page ' || c.page_id, NULL, category, link, followers_count, fan_count, source, updated_at
  FROM pages, temp.copies c WHERE pages.page_id = '$page';
INSERT INTO page_metrics(page_id, metric, period, date, value, end_time, source, as_of, run_id)
  SELECT c.page_id, m.metric, m.period, m.date, m.value, m.end_time, m.source, m.as_of, m.run_id
  FROM temp.copies c, page_metrics m WHERE m.page_id = '$page';
INSERT INTO page_metric_breakdowns(page_id, metric, period, date, dimension, key, value, unit, source, as_of, run_id)
  SELECT c.page_id, b.metric, b.period, b.date, b.dimension, b.key, b.value, b.unit, b.source, b.as_of, b.run_id
  FROM temp.copies c, page_metric_breakdowns b WHERE b.page_id = '$page';
INSERT INTO page_metric_status(page_id, metric, status, since, message)
  SELECT c.page_id, s.metric, s.status, s.since, s.message
  FROM temp.copies c, page_metric_status s WHERE s.page_id = '$page';
INSERT INTO posts(post_id, page_id, created_time, type, title, message, permalink, source, as_of, run_id)
  SELECT c.page_id || '_' || substr(x.post_id, length('$page') + 2), c.page_id, x.created_time, x.type, x.title,
         x.message, x.permalink, x.source, x.as_of, x.run_id
  FROM temp.copies c, posts x WHERE x.page_id = '$page';
INSERT INTO post_metrics(post_id, metric, key, value, source, as_of, run_id)
  SELECT c.page_id || '_' || substr(x.post_id, length('$page') + 2), x.metric, x.key, x.value, x.source,
         x.as_of, x.run_id
  FROM temp.copies c, post_metrics x JOIN posts USING (post_id) WHERE posts.page_id = '$page';
INSERT INTO comments(comment_id, post_id, page_id, parent_id, created_time, author_hash,
                     author_name_hash, author_id, author_name, from_page, source, as_of, run_id)
  SELECT c.page_id || ':' || x.comment_id, c.page_id || '_' || substr(x.post_id, length('$page') + 2), c.page_id,
         c.page_id || ':' || x.parent_id, x.created_time, x.author_hash, x.author_name_hash, x.author_id,
         x.author_name, x.from_page, x.source, x.as_of, x.run_id
  FROM temp.copies c, comments x WHERE x.page_id = '$page';
INSERT INTO customers(page_id, customer_key, name_hash, email_hash, phone_hash, name, email, phone, city, source, run_id)
  SELECT c.page_id, x.customer_key, x.name_hash, x.email_hash, x.phone_hash, x.name, x.email, x.phone,
         x.city, x.source, x.run_id
  FROM temp.copies c, customers x WHERE x.page_id = '$page';
INSERT INTO time_log(page_id, date, hours, activity, person, source, run_id)
  SELECT c.page_id, x.date, x.hours, x.activity, x.person, x.source, x.run_id
  FROM temp.copies c, time_log x WHERE x.page_id = '$page';
INSERT INTO outcomes(page_id, date, metric, value, source, run_id)
  SELECT c.page_id, x.date, x.metric, x.value, x.source, x.run_id
  FROM temp.copies c, outcomes x WHERE x.page_id = '$page';
INSERT INTO settings
  SELECT c.page_id, x.business_name, x.customers, x.hourly_cost, x.currency, x.hours_per_day,
         x.stated_target_share, x.stated_customer_share, x.target_countries, x.target_cities,
         x.target_ages, x.survey_asked, x.survey_follow, x.language, x.source, x.loaded_at
  FROM temp.copies c, settings x WHERE x.page_id = '$page';
INSERT INTO goals(page_id, goal_id, objective, metric, bound_kind, bound, by, why, source, loaded_at)
  SELECT c.page_id, x.goal_id, x.objective, x.metric, x.bound_kind, x.bound, x.by, x.why, x.source,
         x.loaded_at
  FROM temp.copies c, goals x WHERE x.page_id = '$page';
-- The goals file names its Page: each copy's names the copy.
INSERT INTO goal_files(page_id, source, toml, loaded_at)
  SELECT c.page_id, g.source, replace(g.toml, '$page', c.page_id), g.loaded_at
  FROM temp.copies c, goal_files g WHERE g.page_id = '$page';
COMMIT;
SQL
}
