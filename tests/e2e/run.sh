#!/bin/bash
# run.sh — browser tests: installs @playwright/test (npm, no browser download),
# starts minka (ASan build when present) on a fresh demo database, runs every
# spec in specs/ in Debian's chromium, and ends with "e2e: N passed, N failed".
# The database is a new SQLite file, or E2E_DB (an empty PostgreSQL database's
# URL: scripts/check.sh passes one from its throwaway cluster).
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -d node_modules/@playwright/test ]; then
	npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1 || { echo "e2e: npm install failed"; echo "e2e: 0 passed, 1 failed"; exit 1; }
fi
BIN=$ROOT/build/asan/minka
[ -x "$BIN" ] || BIN=$ROOT/build/release/minka
TMP=$(mktemp -d)
PORT=${E2E_PORT:-18181}
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; wait "${PID:-}" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
export MINKA_PWHASH_FAST=1 MINKA_LOG=warn
DB=${E2E_DB:-$TMP/e2e.db}
(cd "$ROOT" && "$BIN" init --demo --db "$DB" >/dev/null) || { echo "e2e: 0 passed, 1 failed"; exit 1; }
(cd "$ROOT" && exec "$BIN" serve --db "$DB" --port "$PORT" --threads 2) >"$TMP/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
export MINKA_URL="http://127.0.0.1:$PORT" MINKA_ROOT="$ROOT" MINKA_DB="$DB"
npx playwright test "$@" 2>&1 | tee "$TMP/out.txt"
passed=$(grep -Eo '[0-9]+ passed' "$TMP/out.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
failed=$(grep -Eo '[0-9]+ failed' "$TMP/out.txt" | tail -1 | grep -Eo '[0-9]+' || echo 0)
if ! kill -0 "$PID" 2>/dev/null; then echo "the server died:"; tail -30 "$TMP/server.log"; failed=$((failed + 1)); fi
echo "e2e: ${passed:-0} passed, ${failed:-0} failed"
[ "${failed:-0}" = 0 ] && [ "${passed:-0}" != 0 ]
