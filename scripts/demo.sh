#!/usr/bin/env bash
# Installs what is missing, builds, and runs the main job on samples/: `pageaudit demo`.
# The demo store is written to ./pageaudit-demo.db (or the path given as the first argument).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"
pageaudit_install_deps

cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" -j "$(nproc 2>/dev/null || echo 2)" --target pageaudit
db="${1:-pageaudit-demo.db}"
exec "$root/build/src/pageaudit" --db "$db" demo
