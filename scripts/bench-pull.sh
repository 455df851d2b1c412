#!/usr/bin/env bash
# The pull benchmark (SPEC section 8): 200 Pages against the fake Graph server with 20 ms latency
# per request, a two-year backfill and then the next night's run. Prints the requests per Page per
# night (target <= 2) and the wall time against the lower bound
# requests x latency / concurrency (target <= 1.3x).
#   scripts/bench-pull.sh [BUILD_DIR]   a Release build directory (default: build-bench, configured
#                                       and built when it lacks the binaries)
# PAGEAUDIT_BIN overrides the pageaudit binary; PULL_PARALLEL the requests in flight at once
# (pull --parallel, default 8). Work files go to bench-out/pull/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-bench}"
fake="$build/tests/fake_graph/pageaudit-fake-graph"
bin="${PAGEAUDIT_BIN:-$build/src/pageaudit}"
if [[ ! -x "$fake" || ! -x "$bin" ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j 2 --target pageaudit pageaudit-fake-graph >/dev/null
fi

pages=200
latency_ms=20
parallel="${PULL_PARALLEL:-8}"  # pull --parallel: HTTP requests in flight at once
out="$root/bench-out/pull"
mkdir -p "$out"
rm -f "$out"/store.db*
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

report() {  # name wall requests max_per_page
  python3 - "$@" "$pages" "$latency_ms" "$parallel" <<'PY'
import sys
name, wall, requests, most, pages, latency, parallel = sys.argv[1:]
wall, requests, most, pages = float(wall), int(requests), int(most), int(pages)
bound = requests * int(latency) / 1000 / int(parallel)
print(f"   {name}: {requests} requests, {requests / pages:.2f} per Page (most for one Page: {most})")
print(f"   wall {wall:.2f} s; lower bound {requests} x {latency} ms / {parallel} = {bound:.2f} s; "
      f"ratio {wall / bound:.2f}")
PY
}

echo "   backfill: $pages Pages, two years each, ${latency_ms} ms per request, $parallel at once"
start_fake 2026-09-30
wall=$(pull_all 2026-09-30T12:00:00Z)
read -r total most < <(requests)
report "backfill" "$wall" "$total" "$most"
python3 -c "print('   ratio target <= 1.30')"

start_fake 2026-10-01
wall=$(pull_all 2026-10-01T12:00:00Z)
read -r total most < <(requests)
report "nightly run" "$wall" "$total" "$most"
echo "   requests per Page per night: at most $most (target <= 2)"
rows=$(sqlite3 "$out/store.db" "SELECT (SELECT count(*) FROM page_metrics) || ' daily values, ' ||
  (SELECT count(*) FROM posts) || ' posts, ' || (SELECT count(*) FROM comments) || ' comments'")
echo "   store: $rows"
