#!/usr/bin/env bash
# Audit benchmark (SPEC section 8): one Page with two years of data (the demo café); a store of
# 500 Pages made by copying the café's rows under 499 more Page ids (many_page_store, in
# scripts/bench-lib.sh), audited by one process with --all-pages; and one Page's audit in that
# store. Prints each time against its target (50 ms for one Page; 5 s for all 500 Pages).
#   scripts/bench-audit.sh [BUILD_DIR]   a Release build directory (default: build-bench)
# AUDIT_PAGES sets the size of the big store (default 500). With BENCH_SUMMARY=FILE, each figure
# is also appended to FILE as "figure<TAB>measured<TAB>target<TAB>PASS|MISS" (scripts/bench.sh).
# shellcheck source=scripts/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
pages="${AUDIT_PAGES:-500}"
out="$(work_dir audit)"

"$bin" -q --db "$out/one.db" demo
page=100064197037125
t=$(best_of 5 "$bin" -q --db "$out/one.db" audit --page "$page" --format json)
report "audit: one Page, 2 years" "$t" 0.050 ms

# The big store: the café's rows copied under further ids.
many_page_store "$out/one.db" "$out/many.db" "$pages" "$page"
count=$(sqlite3 "$out/many.db" "SELECT count(*) FROM pages")
values=$(sqlite3 "$out/many.db" "SELECT count(*) FROM page_metrics")
echo "   store of $count Pages, $values daily values"

t=$(best_of 5 "$bin" -q --db "$out/many.db" audit --page 900001 --format json)
report "audit: one Page in a $count-Page store" "$t" 0.050 ms
t=$(best_of 3 "$bin" -q --db "$out/many.db" audit --all-pages --format json)
report "audit: $count Pages in one process (--all-pages)" "$t" 5 s
