#!/bin/sh
# Runs each libFuzzer target of BUILD_DIR for SECONDS (make fuzz).
# Corpora grow in BUILD_DIR/corpus/NAME, seeded from tests/fuzz/corpus/;
# a crashing input is written to tests/fuzz/regress/ to be kept.
set -u
dir=${1:-build-fuzz}
secs=${2:-600}
src=$(cd "$(dirname "$0")/.." && pwd)
status=0
for exe in "$dir"/tests/fuzz/fuzz_*; do
    [ -x "$exe" ] || continue
    name=$(basename "$exe" | sed 's/^fuzz_//')
    corpus="$dir/corpus/$name"
    mkdir -p "$corpus"
    seeds="$src/tests/fuzz/corpus/$name"
    echo "== fuzz_$name for ${secs}s"
    "$exe" -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$src/tests/fuzz/regress/${name}-" \
        "$corpus" ${seeds:+$([ -d "$seeds" ] && echo "$seeds")} 2>&1 | tail -25
    rc=$?
    [ "$rc" -ne 0 ] && status=1
done
exit $status
