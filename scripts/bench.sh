#!/usr/bin/env bash
# Benchmarks of SPEC section 8, each against a reference measured in the same run, ending with one
# table of every figure, its target and PASS/MISS.
#   scripts/bench.sh            every benchmark (several minutes), then the summary table
#   scripts/bench.sh import     only the import benchmark (likewise: pull, audit, query)
# Size knobs for a quick run while developing (the defaults are the SPEC's sizes):
#   BENCH_IMPORT_DAYS=730   days in the wide export (730 days x 1,370 columns = 1,000,100 values)
#   PULL_PAGES=200          Pages pulled from the fake Graph server
#   AUDIT_PAGES=500         Pages in the audited store
#   QUERY_PAGES=500         Pages in the queried store
#   BENCH_INSTRUCTIONS=0    skip counting instructions with callgrind (done on a tenth of the file)
# Work files go to bench-out/ (ignored by git).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"
# valgrind: the instruction counts; curl: bench-pull.sh reads the fake server's request log.
pageaudit_install_deps valgrind curl
cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPAGEAUDIT_TESTS=ON >/dev/null
cmake --build "$root/build-bench" -j 2 --target pageaudit pageaudit-fake-graph >/dev/null
bin="$root/build-bench/src/pageaudit"
out="$root/bench-out"
mkdir -p "$out"
what="${1:-all}"
days="${BENCH_IMPORT_DAYS:-730}"
export BENCH_SUMMARY="$out/summary.tsv"
: > "$BENCH_SUMMARY"

# Runs a command and prints "seconds peak_kib" (GNU time).
measure() {
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null
  cat "$out/time.txt"
}

# Instructions a command executes (user space, callgrind), without its output.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$@" >/dev/null 2>&1
  callgrind_annotate "$out/callgrind.out" | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }'
}

bench_import() {
  echo "== import: a wide classic export ($days days x 1,370 values) against sqlite3 .import of the same values"
  python3 "$root/scripts/gen_wide_export.py" "$days" "$out/wide.csv" "$out/long.csv"
  python3 "$root/scripts/gen_wide_export.py" "$((days * 10))" "$out/wide10.csv"
  cat > "$out/equivalent.sql" <<'SQL'
-- The store's page_metric_breakdowns key, in one table, as sqlite3 .import would fill it.
CREATE TABLE long_values (
  page_id TEXT NOT NULL, metric TEXT NOT NULL, period TEXT NOT NULL, date TEXT NOT NULL,
  dimension TEXT NOT NULL, key TEXT NOT NULL, value REAL,
  PRIMARY KEY (page_id, metric, period, date, dimension, key)) WITHOUT ROWID;
SQL
  local best_sqlite=999999 best_ours=999999 mem1=0 mem10=0 s10
  for run in 1 2 3; do
    rm -f "$out"/ref.db* "$out"/ours.db*
    read -r s_sqlite _ < <(measure sqlite3 "$out/ref.db" -cmd ".read $out/equivalent.sql" \
                             ".import --csv --skip 1 $out/long.csv long_values")
    read -r s_ours m_ours < <(measure "$bin" -q --db "$out/ours.db" import --page 1 "$out/wide.csv")
    best_sqlite=$(python3 -c "print(min($best_sqlite, $s_sqlite))")
    best_ours=$(python3 -c "print(min($best_ours, $s_ours))")
    mem1=$m_ours
    echo "   run $run: sqlite3 .import ${s_sqlite}s, pageaudit import ${s_ours}s"
  done
  rows=$(sqlite3 "$out/ours.db" "SELECT (SELECT count(*) FROM page_metrics) + (SELECT count(*) FROM page_metric_breakdowns)")
  rm -f "$out"/ours10.db*
  read -r s10 mem10 < <(measure "$bin" -q --db "$out/ours10.db" import --page 1 "$out/wide10.csv")

  # Instructions do not depend on what else the machine runs; a tenth of the file keeps
  # callgrind's fifty-fold slowdown to a minute.
  local i_ours=0 i_sqlite=0
  if [[ "${BENCH_INSTRUCTIONS:-1}" != 0 ]] && command -v valgrind >/dev/null; then
    python3 "$root/scripts/gen_wide_export.py" "$(( (days + 9) / 10 ))" "$out/tenth.csv" "$out/tenth-long.csv"
    rm -f "$out"/ref.db* "$out"/ours.db*
    i_sqlite=$(instructions sqlite3 "$out/ref.db" -cmd ".read $out/equivalent.sql" \
                 ".import --csv --skip 1 $out/tenth-long.csv long_values")
    i_ours=$(instructions "$bin" -q --db "$out/ours.db" import --page 1 "$out/tenth.csv")
  fi
  python3 - "$best_ours" "$best_sqlite" "$rows" "$mem1" "$mem10" "$s10" "$i_ours" "$i_sqlite" <<'PY'
import os, sys
ours, ref, rows, mem1, mem10, s10, i_ours, i_ref = map(float, sys.argv[1:])
print(f"   values stored: {int(rows):,}")
print(f"   import time ratio (pageaudit / sqlite3 .import, best of 3): {ours / ref:.2f}  (target <= 1.00)")
if i_ref:
    print(f"   instructions (a tenth of the file): pageaudit {i_ours:,.0f}, sqlite3 {i_ref:,.0f}; "
          f"ratio {i_ours / i_ref:.2f}")
print(f"   peak memory 1x: {mem1 / 1024:.1f} MiB; 10x file ({s10:.1f}s): {mem10 / 1024:.1f} MiB  (target < 64 MiB)")
verdict = lambda ok: "PASS" if ok else "MISS"
rows = [("import: wall / sqlite3 .import", f"{ours / ref:.2f} ({ours:.2f} s / {ref:.2f} s)", "<= 1.00",
         verdict(ours <= ref))]
if i_ref:
    rows.append(("import: instructions / sqlite3 .import", f"{i_ours / i_ref:.2f}", "<= 1.00",
                 verdict(i_ours <= i_ref)))
rows.append(("import: peak memory, 1x file", f"{mem1 / 1024:.1f} MiB", "< 64 MiB", verdict(mem1 < 64 * 1024)))
rows.append(("import: peak memory, 10x file", f"{mem10 / 1024:.1f} MiB", "< 64 MiB", verdict(mem10 < 64 * 1024)))
with open(os.environ["BENCH_SUMMARY"], "a") as f:
    for row in rows:
        f.write("\t".join(row) + "\n")
PY
}

# A part that fails still leaves a row in the summary, and the other parts run.
bench_pull() {
  echo "== pull: ${PULL_PAGES:-200} Pages against the fake Graph server with 20 ms latency"
  "$root/scripts/bench-pull.sh" "$root/build-bench" ||
    printf 'pull: the benchmark failed (see above)\t-\t-\tMISS\n' >> "$BENCH_SUMMARY"
}

bench_audit() {
  echo "== audit: one Page with 2 years of data; a store of ${AUDIT_PAGES:-500} Pages"
  "$root/scripts/bench-audit.sh" "$root/build-bench" ||
    printf 'audit: the benchmark failed (see above)\t-\t-\tMISS\n' >> "$BENCH_SUMMARY"
}

bench_query() {
  echo "== query: every view and docs/schema.md query for one Page of a ${QUERY_PAGES:-500}-Page store"
  "$root/scripts/bench-query.sh" "$root/build-bench" ||
    printf 'query: the benchmark failed (see above)\t-\t-\tMISS\n' >> "$BENCH_SUMMARY"
}

# The figures gathered in $BENCH_SUMMARY, as one aligned table.
summary() {
  python3 - "$BENCH_SUMMARY" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
rows.insert(0, ["figure (SPEC section 8)", "measured", "target", "verdict"])
widths = [max(len(r[i]) for r in rows) for i in range(4)]
print()
for n, r in enumerate(rows):
    print("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    if n == 0:
        print("  ".join("-" * w for w in widths))
PY
}

case "$what" in
  import) bench_import ;;
  pull) bench_pull ;;
  audit) bench_audit ;;
  query) bench_query ;;
  all) bench_import; bench_pull; bench_audit; bench_query ;;
  *) echo "usage: scripts/bench.sh [import|pull|audit|query|all]" >&2; exit 64 ;;
esac
summary
