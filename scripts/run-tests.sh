#!/bin/sh
# Runs the whole suite in each build directory given (normal, then
# ASan+UBSan) and prints one closing line: "N passed, N failed".
set -u
passed=0
failed=0
for dir in "$@"; do
    echo "== meson test -C $dir"
    meson test -C "$dir" --print-errorlogs --num-processes 2
    log="$dir/meson-logs/testlog.json"
    if [ -f "$log" ]; then
        p=$(grep -c '"result": "OK"' "$log")
        f=$(grep -c -E '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log")
        passed=$((passed + p))
        failed=$((failed + f))
    else
        failed=$((failed + 1))
    fi
done
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
