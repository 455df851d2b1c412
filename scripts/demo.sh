#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on samples/: `pageaudit demo` (import the
# sample café's exports, customers, time log, outcomes and goals; print its audit). Then it shows a
# Graph API pull without a token, against the fake Graph server the tests use.
# The demo store is ./pageaudit-demo.db (or the path given as the first argument).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"
pageaudit_install_deps

build="$root/build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" --target pageaudit pageaudit-fake-graph
db="${1:-pageaudit-demo.db}"
"$build/src/pageaudit" --db "$db" demo

echo
echo "== A nightly pull, against a local fake Graph API server (no token needed):"
pull_dir="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$pull_dir"' EXIT
"$build/tests/fake_graph/pageaudit-fake-graph" --port 0 > "$pull_dir/server.txt" &
server=$!
# The server prints its base URL, then "token <token>".
for _ in $(seq 100); do [ "$(wc -l < "$pull_dir/server.txt")" -ge 2 ] && break; sleep 0.1; done
url="$(sed -n 1p "$pull_dir/server.txt")"
token="$(sed -n 2p "$pull_dir/server.txt" | cut -d' ' -f2)"
PAGEAUDIT_TOKEN="$token" "$build/src/pageaudit" --db "$pull_dir/pull.db" pull --graph-url "$url" \
  --page 100064197037125 --since 60d
"$build/src/pageaudit" --db "$pull_dir/pull.db" status | head -n 12
