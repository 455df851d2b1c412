#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the normal build, then (with --sanitize,
# as CI does) an ASan + UBSan build of the same tests. Both build with -Werror: a warning fails.
#   scripts/test.sh              normal build and tests
#   scripts/test.sh --sanitize   also the sanitizer build
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
# chromium is for the tests alone (tests/output/test_browser.cpp renders the HTML report in it), so
# it is installed here and not with the build dependencies; the browser test fails, rather than
# skips, when it is missing. The label-overlap check measures text as rendered: fonts-dejavu-core
# (the font system-ui resolves to on Debian) is named so that every machine renders the same.
pageaudit_install_deps chromium fonts-dejavu-core
export PAGEAUDIT_REQUIRE_BROWSER=1

jobs=$(nproc 2>/dev/null || echo 2)
run_suite() {
  local dir=$1 exclude=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" ${exclude:+-E "$exclude"})
}

run_suite build "" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAGEAUDIT_WERROR=ON
if [ "${1:-}" = "--sanitize" ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # The SIGKILL tests ("... killed at any point ...") prove the store's integrity, which the normal
  # build covers; their kill points are timed from a clean run, and under the sanitizers runs are
  # 3-5x slower and uneven enough on a shared machine that the points can all land early.
  run_suite build-sanitize "killed at any point" -DCMAKE_BUILD_TYPE=Debug -DPAGEAUDIT_SANITIZE=ON \
    -DPAGEAUDIT_WERROR=ON
fi
