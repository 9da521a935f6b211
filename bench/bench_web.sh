#!/bin/sh
# Benchmark of `pmm serve`: wrk drives the public dashboard and the figures
# API at 64 and 256 connections, and, in the same run, nginx serving a
# static file of the same size as the dashboard (the ceiling on this
# machine). Prints requests per second and p99 latency of each.
#
#   bench/bench_web.sh [PMM] [SECONDS]        (defaults: build/pmm, 10)
#
# Target (issue 4): the dashboard at >= half of nginx's rate, and p99 under
# 10 ms at 64 connections. Everything runs on 127.0.0.1 in a scratch dir.
set -eu
PMM=${1:-build/pmm}
SECS=${2:-10}
THREADS=${WRK_THREADS:-2}
for tool in wrk nginx curl; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || {
        echo "bench_web: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
PMM=$(cd "$(dirname "$PMM")" && pwd)/$(basename "$PMM")
tmp=$(mktemp -d /tmp/pmm-bench-web.XXXXXX)
pmm_pid=""
cleanup() {
    [ -n "$pmm_pid" ] && kill "$pmm_pid" 2>/dev/null || true
    [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
    sleep 0.3
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- pmm on the demo edition, with its access log as in production ---
"$PMM" --db "$tmp/bench.db" demo >/dev/null
"$PMM" --db "$tmp/bench.db" serve --listen 127.0.0.1 --port 0 --threads "${PMM_THREADS:-2}" \
    --access-log "$tmp/pmm-access.log" >"$tmp/pmm.out" 2>&1 &
pmm_pid=$!
for _ in $(seq 50); do
    grep -q "http://" "$tmp/pmm.out" 2>/dev/null && break
    sleep 0.1
done
PMM_URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/pmm.out")
DASH="$PMM_URL/ediciones/2024"
FIG="$PMM_URL/api/v1/editions/2024/figures"
curl -sf "$DASH" >"$tmp/dashboard.html"
size=$(wc -c <"$tmp/dashboard.html")

# --- nginx serving a static file of the same size ---
mkdir -p "$tmp/www"
chmod 755 "$tmp" "$tmp/www"   # nginx workers run as another user
head -c "$size" /dev/urandom | base64 -w 100 | head -c "$size" >"$tmp/www/static.html"
chmod 644 "$tmp/www/static.html"
NPORT=$(free_port)
cat >"$tmp/nginx.conf" <<CONF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
daemon on;
events { worker_connections 4096; }
http {
    access_log $tmp/nginx-access.log;
    client_body_temp_path $tmp/nb; proxy_temp_path $tmp/np; fastcgi_temp_path $tmp/nf;
    uwsgi_temp_path $tmp/nu; scgi_temp_path $tmp/ns;
    sendfile on; keepalive_requests 1000000;
    server { listen 127.0.0.1:$NPORT; root $tmp/www; }
}
CONF
"$NGINX" -c "$tmp/nginx.conf" -p "$tmp"
sleep 0.3
NGX="http://127.0.0.1:$NPORT/static.html"
curl -sf "$NGX" >/dev/null

# wrk prints "Requests/sec: N" and, with --latency, "99% Xms".
run() {   # name url connections
    out=$(wrk -t"$THREADS" -c"$3" -d"${SECS}s" --latency "$2")
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
    printf "%-22s %5s %12s %10s  %s\n" "$1" "$3" "$rps" "$p99" "$errs"
    echo "$1 $3 $rps $p99" >>"$tmp/results"
}

echo "pmm serve vs nginx, $SECS s per run, wrk -t$THREADS, page of $size bytes, $(nproc) cores"
printf "%-22s %5s %12s %10s\n" "target" "conns" "req/s" "p99"
for c in 64 256; do
    run "nginx (static file)" "$NGX" "$c"
    run "pmm dashboard" "$DASH" "$c"
    run "pmm /api/v1 figures" "$FIG" "$c"
done

# The verdict against the issue's target.
awk '
function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
$1 == "nginx" && $4 == 64 { ngx64 = $5 }
$1 == "pmm" && $2 == "dashboard" && $3 == 64 { d64 = $4; p99 = $5 }
{ }
END {
    ratio = d64 / ngx64
    printf "dashboard at 64 connections: %.0f%% of nginx (target >= 50%%), p99 %s (target < 10ms): %s\n",
        100 * ratio, p99, (ratio >= 0.5 && ms(p99) < 10) ? "MET" : "NOT MET"
}' "$tmp/results"
