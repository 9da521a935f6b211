#!/bin/sh
# make bench: import and report an edition of N actions (default
# 1 000 000) with pmm, and the same import and GROUP BY queries with the
# sqlite3 shell on the same data, in the same run; prints the figures of
# docs/performance.md. Usage: bench/run.sh [BUILD_DIR] [N]
set -eu
build=${1:-build}
n=${2:-${BENCH_N:-1000000}}
src=$(cd "$(dirname "$0")/.." && pwd)
pmm=$build/pmm
gen=$build/bench/gen
work=$build/bench-data
mkdir -p "$work"
rm -f "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm

# seconds, user, sys, peak KB of a command, into $t_*; its output to $work/out
timed() {
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
        cat "$work/err" >&2; exit 1; }
    read -r t_s t_u t_sys t_kb <"$work/time"
}
rate() { awk "BEGIN { printf \"%.0f\", $1 / $2 }"; }
ratio() { awk "BEGIN { printf \"%.2f\", $1 / $2 }"; }

echo "== pmm bench: $n actions ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(sqlite3 --version | cut -d' ' -f1))"
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timed "$gen" -n "$n" --seed 1 -o "$work"
rows_a=$n
rows_r=$(($(wc -l <"$work/retos.csv") - 1))
rows=$((rows_a + rows_r))
echo "gen:     $rows_a actions, $rows_r challenges, $(du -m "$work/acciones.csv" | cut -f1) + $(du -m "$work/retos.csv" | cut -f1) MB in ${t_s} s"

db=$work/bench.db
"$pmm" --db "$db" init >/dev/null
timed "$pmm" --db "$db" import --edition bench "$work/acciones.csv" --retos "$work/retos.csv"
imp_s=$t_s
cpu=$(awk "BEGIN { print $t_u + $t_sys }")
echo "import:  ${t_s} s (user ${t_u} s, sys ${t_sys} s), $(rate "$rows" "$t_s") rows/s" \
     "($(rate "$rows_a" "$t_s") actions/s), peak memory $((t_kb / 1024)) MB"
echo "         on CPU time alone: $(rate "$rows" "$cpu") rows/s ($(rate "$rows_a" "$cpu") actions/s)"
echo "         database $(du -m "$db" | cut -f1) MB"

best=999
for i in 1 2 3; do
    timed "$pmm" --db "$db" report --edition bench --format json -o "$work/figures.json"
    echo "report --format json, run $i: ${t_s} s (user ${t_u} s, sys ${t_sys} s), peak memory $((t_kb / 1024)) MB"
    best=$(awk "BEGIN { print ($t_s < $best) ? $t_s : $best }")
done
rep_s=$best

# hook: the HTML report, once `pmm report --format html` exists
if "$pmm" --db "$db" report --edition bench --format html -o "$work/informe.html" >/dev/null 2>&1; then
    timed "$pmm" --db "$db" report --edition bench --format html -o "$work/informe.html"
    echo "report --format html: ${t_s} s, $(du -k "$work/informe.html" | cut -f1) KB"
else
    echo "report --format html: not in this build"
fi

sdb=$work/shell.db
sed "s|:dir|$work|g" "$src/bench/import.sql" >"$work/import.sql"
timed sh -c "sqlite3 '$sdb' <'$work/import.sql'"
sh_imp=$t_s
echo "sqlite3 .import of the same files: ${t_s} s, $(rate "$rows" "$t_s") rows/s, peak memory $((t_kb / 1024)) MB"

ed=$(sqlite3 "$db" "SELECT id FROM edition WHERE name = 'bench'")
sed "s|:ed|$ed|g" "$src/bench/figures.sql" >"$work/figures.sql"
timed sh -c "sqlite3 '$db' <'$work/figures.sql'"
sh_fig=$t_s
echo "sqlite3 GROUP BY queries of the figures on pmm's database: ${t_s} s"

echo "ratio import pmm / sqlite3: $(ratio "$imp_s" "$sh_imp")"
echo "ratio report pmm (best of 3) / sqlite3 GROUP BY: $(ratio "$rep_s" "$sh_fig")"
timed "$pmm" --db "$db" check
echo "pmm check on it: ${t_s} s: $(cat "$work/out")"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
