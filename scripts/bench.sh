#!/usr/bin/env bash
# Benchmarks of SPEC section 8, each printed as a ratio against a reference measured in the same run.
#   scripts/bench.sh            every benchmark
#   scripts/bench.sh import     only the import benchmark (likewise: pull, audit)
# Work files go to bench-out/ (ignored by git).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"
pageaudit_install_deps
cmake -S "$root" -B "$root/build-bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPAGEAUDIT_TESTS=ON >/dev/null
cmake --build "$root/build-bench" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
bin="$root/build-bench/src/pageaudit"
out="$root/bench-out"
mkdir -p "$out"
what="${1:-all}"

# Runs a command and prints "seconds peak_kib" (GNU time).
measure() {
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null
  cat "$out/time.txt"
}

bench_import() {
  echo "== import: a wide classic export (1,000,100 values) against sqlite3 .import of the same values"
  python3 "$root/scripts/gen_wide_export.py" 730 "$out/wide.csv" "$out/long.csv"
  python3 "$root/scripts/gen_wide_export.py" 7300 "$out/wide10.csv"
  cat > "$out/equivalent.sql" <<'SQL'
-- The store's page_metric_breakdowns key, in one table, as sqlite3 .import would fill it.
CREATE TABLE long_values (
  page_id TEXT NOT NULL, metric TEXT NOT NULL, period TEXT NOT NULL, date TEXT NOT NULL,
  dimension TEXT NOT NULL, key TEXT NOT NULL, value REAL,
  PRIMARY KEY (page_id, metric, period, date, dimension, key)) WITHOUT ROWID;
SQL
  local best_sqlite=999999 best_ours=999999 mem1=0 mem10=0
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
  python3 - "$best_ours" "$best_sqlite" "$rows" "$mem1" "$mem10" "$s10" <<'PY'
import sys
ours, ref, rows, mem1, mem10, s10 = map(float, sys.argv[1:])
print(f"   values stored: {int(rows):,}")
print(f"   import time ratio (pageaudit / sqlite3 .import, best of 3): {ours / ref:.2f}  (target <= 1.00)")
print(f"   peak memory 1x: {mem1 / 1024:.1f} MiB; 10x file ({s10:.1f}s): {mem10 / 1024:.1f} MiB  (target < 64 MiB)")
PY
}

bench_pull() {
  if [ -x "$root/scripts/bench-pull.sh" ]; then
    echo "== pull: 200 Pages against the fake Graph server with 20 ms latency"
    "$root/scripts/bench-pull.sh" "$root/build-bench"
  else
    echo "== pull: scripts/bench-pull.sh not present"
  fi
}

bench_audit() {
  if [ -x "$root/scripts/bench-audit.sh" ]; then
    echo "== audit: one Page with 2 years of data; a store of 500 Pages"
    "$root/scripts/bench-audit.sh" "$root/build-bench"
  else
    echo "== audit: scripts/bench-audit.sh not present"
  fi
}

case "$what" in
  import) bench_import ;;
  pull) bench_pull ;;
  audit) bench_audit ;;
  all) bench_import; bench_pull; bench_audit ;;
  *) echo "usage: scripts/bench.sh [import|pull|audit|all]" >&2; exit 64 ;;
esac
