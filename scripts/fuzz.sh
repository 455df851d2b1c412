#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each for a set time on
# a seed corpus from samples/, tests/data/, tests/fuzz/seeds/ and the inputs that once crashed.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   each target (default: all four) for SECONDS (default 60)
#   scripts/fuzz.sh --ci [TARGET...]        each target for 10 s, as CI runs them
# The corpus grows in build-fuzz/corpus/<target>/ from run to run. An input that crashes, leaks,
# hangs or runs out of memory is minimized and kept in tests/fuzz/regressions/<target>/, which the
# doctest suite replays with any compiler; the script then exits 1.
# PAGEAUDIT_JOBS sets the build's parallelism (default: the number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
pageaudit_install_deps clang libclang-rt-14-dev

seconds=60
if [ "${1:-}" = "--ci" ]; then
  seconds=10
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
all_targets=(fuzz_csv fuzz_layout fuzz_graph_json fuzz_goals)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=("${all_targets[@]}"); fi
for target in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " =~ " ${target} " ]]; then
    echo "fuzz.sh: unknown target '${target}' (known: ${all_targets[*]})" >&2
    exit 64
  fi
done

build=build-fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DPAGEAUDIT_FUZZ=ON \
  -DPAGEAUDIT_WERROR=ON >/dev/null
cmake --build "$build" -j "${PAGEAUDIT_JOBS:-$(nproc 2>/dev/null || echo 2)}" --target "${targets[@]}"

# The research fixtures (real exports and Graph answers) are used as seeds when they are present;
# they are never copied into the repository.
fixtures=../shared/research/fixtures

# Seeds of a target, one path per line.
seeds_of() {
  local target=$1
  case "$target" in
    fuzz_csv | fuzz_layout)
      find samples tests/data tests/fuzz/seeds/fuzz_csv tests/fuzz/seeds/fuzz_layout -type f -name '*.csv'
      if [ -d "$fixtures/csv" ]; then find "$fixtures/csv" -type f -name '*.csv'; fi
      ;;
    fuzz_graph_json)
      find tests/fuzz/seeds/fuzz_graph_json -type f
      if [ -d "$fixtures/graph" ]; then find "$fixtures/graph" -type f -name '*.json'; fi
      ;;
    fuzz_goals)
      find samples tests/fuzz/seeds/fuzz_goals -type f -name '*.toml'
      ;;
  esac
  if [ -d "tests/fuzz/regressions/$target" ]; then find "tests/fuzz/regressions/$target" -type f; fi
}

dict_of() {
  case "$1" in
    fuzz_csv | fuzz_layout) echo tests/fuzz/dict/csv.dict ;;
    fuzz_graph_json) echo tests/fuzz/dict/json.dict ;;
    fuzz_goals) echo tests/fuzz/dict/toml.dict ;;
  esac
}

# 16 KiB: bigger inputs (the samples reach 75 KiB, and are cut) slow the CSV targets five times for
# no new coverage; the reader's 64 KiB chunk boundary is covered by tests/input/test_csv.cpp.
max_len=16384

# Sanitizer reports with their stacks, in the log of the target that found them.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"

failed=0
summary=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  rm -f "$artifacts"/*
  # Seeds are named by content so that renamed or repeated files do not pile up.
  while IFS= read -r seed; do
    cp "$seed" "$corpus/seed-$(sha1sum "$seed" | cut -c1-40)"
  done < <(seeds_of "$target")

  log="$build/$target.log"
  echo "== $target: ${seconds}s on $(find "$corpus" -type f | wc -l) inputs (log: $log)"
  set +e
  "$build/tests/fuzz/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=$max_len -dict="$(dict_of "$target")" -artifact_prefix="$artifacts/" \
    -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e

  last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -1 || true)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([^ ]*\).*/\1/p' <<<"$last")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  result=ok

  shopt -s nullglob
  found=("$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*)
  shopt -u nullglob
  if [ ${#found[@]} -gt 0 ] || [ $status -ne 0 ]; then
    failed=1
    result="FAILED (exit $status)"
    mkdir -p "tests/fuzz/regressions/$target"
    for artifact in "${found[@]}"; do
      kept="tests/fuzz/regressions/$target/$(basename "$artifact")"
      # Minimizing keeps the smallest input that still fails; the original is kept if it cannot.
      "$build/tests/fuzz/$target" "$artifact" -minimize_crash=1 -runs=20000 -timeout=10 \
        -exact_artifact_path="$kept" >>"$build/$target.minimize.log" 2>&1 || true
      [ -s "$kept" ] || cp "$artifact" "$kept"
      result="$result; kept $kept"
    done
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -5 >&2 || true
  fi
  summary+=("$(printf '%-16s runs %-10s cov %-6s ft %-7s corpus %-12s exec/s %-7s rss %sMB  %s' \
    "$target" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rate:-?}" "${rss:-?}" "$result")")
done

echo
printf '%s\n' "${summary[@]}"
exit $failed
