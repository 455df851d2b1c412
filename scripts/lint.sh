#!/usr/bin/env bash
# The style checks CI runs after the tests: clang-format over the C++ of src/, include/ and tests/
# (.clang-format), then clang-tidy over src/ (.clang-tidy) with the compile commands of a build.
#   scripts/lint.sh                 both, clang-tidy with build/compile_commands.json
#   scripts/lint.sh --format FILE...  clang-format alone, on the files given (default: all)
# Exits 1 when a file is not formatted or clang-tidy finds anything; fixes nothing.
# PAGEAUDIT_BUILD names the build whose compile_commands.json clang-tidy reads (default: build,
# configured here when it is missing); PAGEAUDIT_JOBS the parallelism (default: the cores).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
pageaudit_install_deps "${PAGEAUDIT_LINT_PACKAGES[@]}"

jobs=${PAGEAUDIT_JOBS:-$(nproc 2>/dev/null || echo 2)}
build=${PAGEAUDIT_BUILD:-build}

cpp_files() {
  git ls-files -- 'src/*.cpp' 'src/*.h' 'include/*.h' 'tests/*.cpp' 'tests/*.h'
}

check_format() {
  echo "== clang-format: $# files" >&2
  # --dry-run --Werror prints each misplaced line and fails; xargs then exits 123.
  printf '%s\0' "$@" | xargs -0 -n 50 clang-format --dry-run --Werror --style=file
}

if [ "${1:-}" = "--format" ]; then
  shift
  if [ $# -eq 0 ]; then mapfile -t files < <(cpp_files); set -- "${files[@]}"; fi
  check_format "$@" || exit 1
  exit 0
fi

status=0
mapfile -t files < <(cpp_files)
check_format "${files[@]}" || status=1

# The generated sources (embedded_*.cpp) are in the compile commands too; only src/ is checked.
if [ ! -f "$build/compile_commands.json" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
echo "== clang-tidy: src/ with $build/compile_commands.json, $jobs jobs" >&2
start=$SECONDS
run-clang-tidy -quiet -j "$jobs" -p "$build" "^$(pwd)/src/" >"$build/clang-tidy.log" 2>&1 || status=1
# run-clang-tidy prints every file's command line, and fails only on errors: the findings, each
# once (a header's are found from every source that includes it), are what fails the check.
findings=$(grep -E '(warning|error): ' "$build/clang-tidy.log" | sort -u || true)
if [ -n "$findings" ]; then
  echo "$findings"
  status=1
fi
echo "== clang-tidy took $((SECONDS - start)) s (log: $build/clang-tidy.log)" >&2
exit $status
