#!/usr/bin/env bash
# The pull benchmark (SPEC section 8): 200 Pages against the fake Graph server with 20 ms latency
# per request, a two-year backfill and then the next night's run. Prints the requests per Page per
# night (target <= 2) and the wall time against the lower bound
# requests x latency / concurrency (target <= 1.3x); and, for information, the time sqlite3 alone
# takes to write the backfill's rows, against the same bound.
#   scripts/bench-pull.sh [BUILD_DIR]   a Release build directory (default: build-bench, configured
#                                       and built when it lacks the binaries)
# PAGEAUDIT_BIN overrides the pageaudit binary; PULL_PARALLEL the requests in flight at once
# (pull --parallel, default 8); PULL_PAGES the Pages (default 200); PULL_RUNS the backfills run,
# the best wall time reported (default 3). With BENCH_SUMMARY=FILE, each
# figure is also appended to FILE as "figure<TAB>measured<TAB>target<TAB>verdict" (scripts/bench.sh).
# The fake server answers with 64 threads (its default), well above --parallel, each answer
# 20 ms after its request (made within that time, not after it): the latency is the only wait.
# Work files go to bench-out/pull/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
fake="$build/tests/fake_graph/pageaudit-fake-graph"
bin="${PAGEAUDIT_BIN:-$build/src/pageaudit}"
if [[ ! -x "$fake" || ! -x "$bin" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j 2 --target pageaudit pageaudit-fake-graph >/dev/null
fi

pages="${PULL_PAGES:-200}"
latency_ms=20
parallel="${PULL_PARALLEL:-8}"  # pull --parallel: HTTP requests in flight at once
runs="${PULL_RUNS:-3}"          # backfills run; the best wall time is reported
if ((runs < 1)); then
  echo "bench-pull: PULL_RUNS must be at least 1" >&2
  exit 64
fi
out="$root/bench-out/pull"
mkdir -p "$out"
token="bench-token-$$"
page_args=()
for ((i = 0; i < pages; i++)); do page_args+=(--page "$((100000000000001 + i))"); done

fake_pid=""
stop_fake() {
  if [[ -n "$fake_pid" ]]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
    fake_pid=""
  fi
}
trap stop_fake EXIT

# Starts the fake server whose data ends the day before $1; sets $url.
start_fake() {
  stop_fake
  # The new server's redirection truncates the file only once it runs: without this, the loop
  # below could read the previous server's address.
  rm -f "$out/fake.txt"
  "$fake" --port 0 --latency-ms "$latency_ms" --pages "$pages" --token "$token" --today "$1" \
    >"$out/fake.txt" &
  fake_pid=$!
  for _ in $(seq 100); do
    url="$(head -n 1 "$out/fake.txt" 2>/dev/null || true)"
    [[ "$url" == http* ]] && return 0
    sleep 0.05
  done
  echo "bench-pull: the fake Graph server did not start" >&2
  exit 69
}

# Pulls every Page as of $1 (UTC time); prints the wall time in seconds.
pull_all() {
  local start end
  start=$(date +%s.%N)
  PAGEAUDIT_NOW="$1" PAGEAUDIT_TOKEN="$token" "$bin" --db "$out/store.db" -q pull \
    --graph-url "$url" --parallel "$parallel" "${page_args[@]}"
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

# "HTTP_REQUESTS MAX_PER_PAGE" from the fake's request log.
requests() {
  curl -s "$url/__fake/log" | python3 -c '
import json, sys
log = json.load(sys.stdin)
print(log["http_requests"], max(log["per_page"].values()))'
}

report() {  # name wall requests max_per_page; name "floor": sqlite3's time for the backfill's rows
  python3 - "$@" "$pages" "$latency_ms" "$parallel" <<'PY'
import os, sys
name, wall, requests, most, pages, latency, parallel = sys.argv[1:]
wall, requests, most, pages = float(wall), int(requests), int(most), int(pages)
bound = requests * int(latency) / 1000 / int(parallel)
ratio = wall / bound
rows = []
if name == "floor":
    print(f"   sqlite3 alone writing the backfill's rows: {wall:.2f} s, {ratio:.2f}x the lower bound")
    rows.append(("pull: backfill, sqlite3 alone writing its rows / lower bound",
                 f"{ratio:.2f} ({wall:.1f} s / {bound:.2f} s)", "-", "info"))
else:
    print(f"   {name}: {requests} requests, {requests / pages:.2f} per Page "
          f"(most for one Page: {most})")
    print(f"   wall {wall:.2f} s; lower bound {requests} x {latency} ms / {parallel} = "
          f"{bound:.2f} s; ratio {ratio:.2f}")
if name == "backfill":
    rows.append((f"pull: backfill of {pages} Pages, wall / lower bound",
                 f"{ratio:.2f} ({wall:.1f} s / {bound:.2f} s)", "<= 1.30",
                 "PASS" if ratio <= 1.30 else "MISS"))
elif name == "nightly run":
    rows.append(("pull: nightly run, requests per Page", f"{requests / pages:.2f} (most {most})",
                 "<= 2", "PASS" if most <= 2 else "MISS"))
    # SPEC section 8 sets no time for the nightly run: its ratio is shown for information.
    rows.append(("pull: nightly run, wall / lower bound",
                 f"{ratio:.2f} ({wall:.2f} s / {bound:.2f} s)", "-", "info"))
for figure, measured, target, verdict in rows:
    if target != "-":
        print(f"   {figure}: {measured} (target {target}) {verdict}")
if os.environ.get("BENCH_SUMMARY"):
    with open(os.environ["BENCH_SUMMARY"], "a") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
PY
}

echo "   backfill: $pages Pages, two years each, ${latency_ms} ms per request, $parallel at once"
# Best of $runs, each into a new store from a new server, as the import's wall time is: on a
# shared or virtual machine a run can lose seconds to its neighbours.
walls=()
for ((run = 0; run < runs; run++)); do
  rm -f "$out"/store.db*
  start_fake 2026-09-30
  walls+=("$(pull_all 2026-09-30T12:00:00Z)")
done
wall=$(printf '%s\n' "${walls[@]}" | sort -g | head -n 1)
echo "   backfill wall times (s): ${walls[*]}; the best is reported"
read -r total most < <(requests)
report "backfill" "$wall" "$total" "$most"

# The floor of the writing alone: sqlite3 copies the last backfill's rows into a new store with
# the same schema and settings, in one transaction, in key order (easier than the pull's order).
# WHERE 1 keeps SQLite from copying records whole (its transfer optimization): each row is
# inserted, as the pull's are. Measured in the same run, it says how much of the budget SQLite
# itself needs on this machine now.
rm -f "$out"/floor.db*
sqlite3 "$out/floor.db" <"$root/sql/schema.sql"
floor_start=$(date +%s.%N)
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
  echo "ATTACH '$out/store.db' AS pulled; BEGIN;"
  for table in import_runs pages page_metrics page_metric_breakdowns posts post_metrics comments; do
    echo "INSERT INTO $table SELECT * FROM pulled.$table WHERE 1;"
  done
  echo "COMMIT;"
} | sqlite3 "$out/floor.db" >/dev/null
floor_end=$(date +%s.%N)
report "floor" "$(python3 -c "print(f'{$floor_end - $floor_start:.3f}')")" "$total" "$most"
rm -f "$out"/floor.db*

start_fake 2026-10-01
wall=$(pull_all 2026-10-01T12:00:00Z)
read -r total most < <(requests)
report "nightly run" "$wall" "$total" "$most"
rows=$(sqlite3 "$out/store.db" "SELECT (SELECT count(*) FROM page_metrics) || ' daily values, ' ||
  (SELECT count(*) FROM posts) || ' posts, ' || (SELECT count(*) FROM comments) || ' comments'")
echo "   store: $rows"
