#!/bin/bash
# bench/http.sh — HTTP throughput and latency of one minka binary, measured in one
# run with wrk on loopback: the district page of Chachapoyas, the territory API and
# /healthz, at 100 connections. Prints req/s and p99 for each and the ratio
# page/healthz (the target is >= 0.5 and p99 < 50 ms on the 2-core machine), and
# the server's idle resident memory (target < 30 MB).
#   bench/http.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
CONNS=${2:-100}
PORT=${BENCH_PORT:-18080}
THREADS=${BENCH_THREADS:-4}
command -v wrk >/dev/null || scripts/deps.sh
make --no-print-directory -s BUILD=release all
TMP=$(mktemp -d)
stop() {
	kill -TERM "$PID" 2>/dev/null || return 0
	for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$PID" 2>/dev/null; then echo "server did not stop within 5 s" >&2; kill -9 "$PID"; fi
	rm -rf "$TMP"
}
trap stop EXIT
build/release/minka init --demo --db "$TMP/bench.db" >/dev/null
MINKA_LOG=warn build/release/minka serve --db "$TMP/bench.db" --port "$PORT" --threads "$THREADS" &
PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1
idle_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)

run() { # name path var [extra wrk args]
	local out rps p99
	out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "${@:4}" "http://127.0.0.1:$PORT$2")
	rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
	errs=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
	printf '%-28s %12s req/s   p99 %10s   %s\n' "$1" "$rps" "$p99" "$errs"
	eval "RPS_$3=$rps"
}
echo "minka $(build/release/minka version | cut -d' ' -f2), $(nproc) cores, $THREADS server threads, wrk -t2 -c$CONNS -d${SECS}s, SQLite"
# Anonymous visitors get pages from the response cache while no write has been
# committed; a session cookie bypasses it, which measures building the page.
NOCACHE=(-H "Cookie: minka_session=bench")
run "GET /healthz" /healthz health
run "GET /territories/010101" /territories/010101 page
run "  same, built every time" /territories/010101 page_nc "${NOCACHE[@]}"
run "GET /api/v1/territories/010101" /api/v1/territories/010101 api
run "  same, built every time" /api/v1/territories/010101 api_nc "${NOCACHE[@]}"
run "GET /api/v1/territories?q=ancash" "/api/v1/territories?q=ancash" search
run "  same, built every time" "/api/v1/territories?q=ancash" search_nc "${NOCACHE[@]}"
busy_kb=$(awk '/VmRSS/ {print $2}' /proc/$PID/status)
awk -v p="$RPS_page" -v h="$RPS_health" -v a="$RPS_api" -v pn="$RPS_page_nc" -v an="$RPS_api_nc" 'BEGIN {
	printf "ratio district page / healthz: %.2f (built every time: %.2f)   territory API / healthz: %.2f (%.2f)\n", p / h, pn / h, a / h, an / h }'
printf 'RSS idle: %.1f MB   after the run: %.1f MB\n' "$(echo "$idle_kb / 1024" | bc -l)" "$(echo "$busy_kb / 1024" | bc -l)"
