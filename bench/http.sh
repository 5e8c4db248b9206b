#!/bin/bash
# bench/http.sh — HTTP throughput and latency of one minka binary, measured with
# wrk on loopback, on SQLite and on PostgreSQL side by side: the district page of
# Chachapoyas, the territory API, a search and /healthz, at 100 connections.
# Prints req/s and p99 for each, the ratio page/healthz (the target is >= 0.5 and
# p99 < 50 ms on the 2-core machine), and the server's resident memory (target
# < 30 MB idle).
#   bench/http.sh [SECONDS] [CONNECTIONS]
#   BENCH_DB=sqlite|pg|all (default all; pg uses a throwaway cluster from
#   scripts/pg-test.sh, or the database in BENCH_PG_URL if set)
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-10}
CONNS=${2:-100}
PORT=${BENCH_PORT:-18080}
THREADS=${BENCH_THREADS:-4}
WHICH=${BENCH_DB:-all}
command -v wrk >/dev/null || scripts/deps.sh
make --no-print-directory -s BUILD=release all
TMP=$(mktemp -d)
PID=
stop_server() {
	[ -n "$PID" ] || return 0
	kill -TERM "$PID" 2>/dev/null || true
	for _ in $(seq 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$PID" 2>/dev/null; then echo "server did not stop within 5 s" >&2; kill -9 "$PID"; fi
	wait "$PID" 2>/dev/null || true
	PID=
}
cleanup() {
	stop_server
	declare -F pg_test_stop >/dev/null && pg_test_stop
	rm -rf "$TMP"
}
trap cleanup EXIT

# Anonymous visitors get pages from the response cache while no write has been
# committed; a signed-in visitor (the demo planner) bypasses it, which measures
# building the page (and looking the session up).
NOCACHE="@session"
RUNS=(
	"GET /healthz|/healthz|"
	"GET /territories/010101|/territories/010101|"
	"  same, built every time|/territories/010101|$NOCACHE"
	"GET /api/v1/territories/010101|/api/v1/territories/010101|"
	"  same, built every time|/api/v1/territories/010101|$NOCACHE"
	"GET /api/v1/territories?q=ancash|/api/v1/territories?q=ancash|"
	"  same, built every time|/api/v1/territories?q=ancash|$NOCACHE"
)
declare -A RPS P99 ERRS IDLE BUSY

bench_backend() { # label url
	local label=$1 url=$2 i name path cookie out
	MINKA_LOG=warn build/release/minka serve --db "$url" --port "$PORT" --threads "$THREADS" &
	PID=$!
	for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
	sleep 1
	IDLE[$label]=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
	local base="http://127.0.0.1:$PORT" csrf session
	rm -f "$TMP/jar"
	csrf=$(curl -s -c "$TMP/jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -b "$TMP/jar" -c "$TMP/jar" -o /dev/null --data-urlencode "email=planificacion@demo.minka.pe" \
		--data-urlencode "password=minka-demo-2026" --data-urlencode "csrf=$csrf" "$base/login"
	session=$(awk '$6 == "minka_session" {print $7}' "$TMP/jar")
	if [ -z "$session" ] || curl -s -D - -o /dev/null -H "Cookie: minka_session=$session" "$base/territories/010101" |
		grep -qi '^X-Minka-Cache'; then
		echo "bench: could not sign in as the demo planner; the \"built every time\" lines would be cached" >&2
		exit 1
	fi
	for i in "${!RUNS[@]}"; do
		IFS='|' read -r name path cookie <<<"${RUNS[$i]}"
		[ "$cookie" = "@session" ] && cookie="minka_session=$session"
		if [ -n "$cookie" ]; then
			out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path")
		else
			out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$PORT$path")
		fi
		RPS[$label,$i]=$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')
		P99[$label,$i]=$(echo "$out" | awk '$1 == "99%" {print $2}')
		ERRS[$label,$i]=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
	done
	BUSY[$label]=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
	stop_server
}

LABELS=()
if [ "$WHICH" = sqlite ] || [ "$WHICH" = all ]; then
	build/release/minka init --demo --db "$TMP/bench.db" >/dev/null 2>&1
	bench_backend SQLite "$TMP/bench.db"
	LABELS+=(SQLite)
fi
if [ "$WHICH" = pg ] || [ "$WHICH" = all ]; then
	PGURL=${BENCH_PG_URL:-}
	if [ -z "$PGURL" ]; then
		# shellcheck disable=SC1091
		source scripts/pg-test.sh
		pg_test_start >/dev/null || { echo "bench: no PostgreSQL cluster" >&2; exit 1; }
		PGURL=$PG_TEST_URL
	fi
	build/release/minka init --demo --db "$PGURL" >/dev/null 2>&1
	bench_backend PostgreSQL "$PGURL"
	LABELS+=(PostgreSQL)
fi

echo "minka $(build/release/minka version | cut -d' ' -f2), $(nproc) cores, $THREADS server threads," \
	"wrk -t2 -c$CONNS -d${SECS}s; PostgreSQL $( (pg_config --version 2>/dev/null || echo '') | awk '{print $2}')" \
	"on a local socket, same machine"
printf '%-34s' ""
for l in "${LABELS[@]}"; do printf '%26s' "$l"; done
echo
for i in "${!RUNS[@]}"; do
	IFS='|' read -r name _ _ <<<"${RUNS[$i]}"
	printf '%-34s' "$name"
	for l in "${LABELS[@]}"; do printf '%14s req/s %6s' "${RPS[$l,$i]}" "${P99[$l,$i]}"; done
	echo
	for l in "${LABELS[@]}"; do [ -n "${ERRS[$l,$i]}" ] && echo "    $l: ${ERRS[$l,$i]}"; done
done
for l in "${LABELS[@]}"; do
	awk -v l="$l" -v h="${RPS[$l,0]}" -v p="${RPS[$l,1]}" -v pn="${RPS[$l,2]}" -v a="${RPS[$l,3]}" -v an="${RPS[$l,4]}" \
		-v idle="${IDLE[$l]}" -v busy="${BUSY[$l]}" 'BEGIN {
		printf "%-11s district page / healthz: %.2f (built every time: %.2f)   API / healthz: %.2f (%.2f)   RSS idle %.1f MB, after %.1f MB\n",
			l, p / h, pn / h, a / h, an / h, idle / 1024, busy / 1024 }'
done
