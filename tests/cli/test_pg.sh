#!/bin/bash
# test_pg.sh — minka on PostgreSQL, end to end with real processes: migrate and
# init on a server, a wrong password or URL at start (exit 1, clear message, no
# password echoed), copy SQLite -> PostgreSQL -> SQLite with matching checksums,
# two `minka serve` processes on one database serving the same data, dropping
# their caches when a third process writes, and sharing sessions (signed in on
# one, known to the other; signed out on one, over on the other), and a database
# that goes away: 503
# with a plain message while it is gone, served again when it is back.
# Needs the cluster of scripts/pg-test.sh (PG_TEST_URL, PG_TEST_URL2, PG_TEST_DIR,
# PG_TEST_PSQL, PG_TEST_PASSWORD). Usage: test_pg.sh path/to/minka
set -u
MINKA=$1
: "${PG_TEST_URL:?run under scripts/pg-test.sh}"
TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	$PG_TEST_PSQL -d postgres -c "ALTER DATABASE minka_test ALLOW_CONNECTIONS true" >/dev/null 2>&1
	rm -rf "$TMP"
}
trap cleanup EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL pg-cli $1"; shift; [ $# -gt 0 ] && cat "$@" | head -20; }
check() { # name expected-status command...
	local name=$1 want=$2; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"; local got=$?
	if [ "$got" = "$want" ]; then ok; else ko "$name: exit $got, expected $want" "$TMP/err"; fi
}
contains() { # name file text
	if grep -qF -- "$3" "$2"; then ok; else ko "$1: $2 lacks \"$3\"" "$2"; fi
}
lacks() { # name file text
	if grep -qF -- "$3" "$2"; then ko "$1: $2 has \"$3\"" "$2"; else ok; fi
}
psql_super() { $PG_TEST_PSQL -d postgres -At -c "$1"; }

# GET path from a port: status line, headers and body into $TMP/resp; prints the status.
http_get() { # port path [cookie]
	local port=$1 path=$2 cookie=${3:-}
	{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || { echo 0; return; }
	printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n%s\r\n' "$path" "${cookie:+Cookie: $cookie$'\r\n'}" >&3
	cat <&3 >"$TMP/resp"
	exec 3<&-
	head -1 "$TMP/resp" | awk '{print $2}'
}
http_post() { # port path cookie body (form-encoded)
	local port=$1 path=$2 cookie=$3 body=$4
	{ exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || { echo 0; return; }
	printf 'POST %s HTTP/1.0\r\nHost: localhost\r\nCookie: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s' \
		"$path" "$cookie" "${#body}" "$body" >&3
	cat <&3 >"$TMP/resp"
	exec 3<&-
	head -1 "$TMP/resp" | awk '{print $2}'
}
# the value of a cookie set by the last response
set_cookie() { tr -d '\r' <"$TMP/resp" | sed -n "s/^Set-Cookie: $1=\([^;]*\).*/\1/p" | head -1; }
# the CSRF token of the form in the last response
form_csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$TMP/resp" | head -1; }
free_port() {
	local p
	for _ in $(seq 50); do
		p=$((20000 + RANDOM % 20000))
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
	done
	echo 18999
}
serve() { # port; the process id goes into PIDS
	MINKA_LOG=warn "$MINKA" serve --db "$PG_TEST_URL" --port "$1" --threads 2 >>"$TMP/serve-$1.log" 2>&1 &
	PIDS+=($!)
	for _ in $(seq 100); do
		[ "$(http_get "$1" /healthz)" = 200 ] && return 0
		sleep 0.1
	done
	echo "server on $1 did not start:"; cat "$TMP/serve-$1.log"; return 1
}

$PG_TEST_PSQL -d minka_test -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1

# --- migrate and init on PostgreSQL
check migrate 0 "$MINKA" migrate --db "$PG_TEST_URL"
contains migrate-version "$TMP/out" "(postgresql): versión del esquema"
check migrate-again 0 "$MINKA" migrate --db "$PG_TEST_URL"
check init-demo 0 "$MINKA" init --demo --db "$PG_TEST_URL"
contains init-demo-counts "$TMP/out" "25 regiones, 196 provincias, 1891 distritos"
MINKA_DB=$PG_TEST_URL check migrate-from-env 0 "$MINKA" migrate
contains migrate-from-env-out "$TMP/out" "postgresql"

# --- a wrong password, database or URL: exit 1 at start, a clear message, no password
BAD="postgresql://minka_pw:wrong-$PG_TEST_PASSWORD@/minka_test?host=$PG_TEST_DIR"
check bad-password 1 "$MINKA" serve --db "$BAD" --port 0
contains bad-password-msg "$TMP/err" "password authentication failed"
contains bad-password-masked "$TMP/err" "minka_pw:***@"
lacks bad-password-secret "$TMP/err" "$PG_TEST_PASSWORD"
check bad-database 1 "$MINKA" migrate --db "postgresql://minka@/no_such_db?host=$PG_TEST_DIR"
contains bad-database-msg "$TMP/err" 'database "no_such_db" does not exist'
check bad-url 1 "$MINKA" serve --db "postgresql://minka@%zz/x" --port 0
contains bad-url-msg "$TMP/err" "URL de base de datos no válida"
check bad-host 1 "$MINKA" serve --db "postgres://minka@127.0.0.1:1/minka" --port 0
contains bad-host-msg "$TMP/err" "no se puede conectar a la base de datos postgres://minka@127.0.0.1:1/minka"

# --- copy SQLite -> PostgreSQL -> SQLite
check init-sqlite 0 "$MINKA" init --demo --db "$TMP/a.db"
$PG_TEST_PSQL -d minka_test2 -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1
check copy-to-pg 0 "$MINKA" copy --from "$TMP/a.db" --to "$PG_TEST_URL2"
contains copy-to-pg-match "$TMP/out" "las sumas de verificación coinciden"
contains copy-to-pg-territory "$TMP/out" "territory"
grep -E '^(territory|government|setting) ' "$TMP/out" | awk '{print $1, $2, $3}' >"$TMP/sums1"
check copy-to-pg-again-refused 1 "$MINKA" copy --from "$TMP/a.db" --to "$PG_TEST_URL2"
contains copy-refused-msg "$TMP/err" "--replace"
check copy-to-pg-replace 0 "$MINKA" copy --from "$TMP/a.db" --to "$PG_TEST_URL2" --replace
check copy-back 0 "$MINKA" copy --from "$PG_TEST_URL2" --to "$TMP/b.db"
grep -E '^(territory|government|setting) ' "$TMP/out" | awk '{print $1, $2, $3}' >"$TMP/sums2"
if [ -s "$TMP/sums1" ] && cmp -s "$TMP/sums1" "$TMP/sums2"; then ok; else ko "round-trip checksums differ" "$TMP/sums1" "$TMP/sums2"; fi
check copy-usage 2 "$MINKA" copy --from "$TMP/a.db"
check copy-same 2 "$MINKA" copy --from "$TMP/a.db" --to "$TMP/a.db"

# --- two servers, one database
P1=$(free_port); P2=$(free_port)
[ "$P1" = "$P2" ] && P2=$((P1 + 1))
if serve "$P1" && serve "$P2"; then
	ok
	for p in "$P1" "$P2"; do
		[ "$(http_get "$p" /api/v1/territories/010101)" = 200 ] && ok || ko "GET on $p" "$TMP/resp"
		contains "population-on-$p" "$TMP/resp" '"population":41843'
		http_get "$p" /api/v1/territories/010101 >/dev/null
		contains "cached-on-$p" "$TMP/resp" "X-Minka-Cache: hit"
	done
	# a third process writes: both caches must let go at once
	cp -r data/peru-ubigeo "$TMP/ubigeo"
	sed -i 's/,41843,/,41844,/' "$TMP/ubigeo/distritos.csv"
	check import-writes 0 "$MINKA" import territories "$TMP/ubigeo" --db "$PG_TEST_URL"
	for p in "$P1" "$P2"; do
		http_get "$p" /api/v1/territories/010101 >/dev/null
		contains "fresh-on-$p" "$TMP/resp" '"population":41844'
		lacks "not-stale-on-$p" "$TMP/resp" "X-Minka-Cache: hit"
	done
	# signed-in visitors bypass the cache: they see the same
	http_get "$P2" /territories/010101 "minka_session=x" >/dev/null
	contains "page-on-$P2" "$TMP/resp" "41"

	# a session begun on one server is known to the other (sessions live in the
	# database), and ended on the second it is over on the first
	http_get "$P1" /login >/dev/null
	csrf=$(form_csrf); vcookie=$(set_cookie minka_csrf)
	st=$(http_post "$P1" /login "minka_csrf=$vcookie" "email=planificacion%40demo.minka.pe&password=minka-demo-2026&csrf=$csrf")
	[ "$st" = 303 ] && ok || ko "sign in on $P1: status $st, expected 303" "$TMP/resp"
	session=$(set_cookie minka_session)
	[ -n "$session" ] && ok || ko "no session cookie" "$TMP/resp"
	st=$(http_get "$P2" /account "minka_session=$session")
	[ "$st" = 200 ] && ok || ko "account on $P2: status $st, expected 200" "$TMP/resp"
	contains "session-on-$P2" "$TMP/resp" "Rosa Chávez"
	csrf=$(form_csrf)
	st=$(http_post "$P2" /logout "minka_session=$session" "csrf=$csrf")
	[ "$st" = 303 ] && ok || ko "sign out on $P2: status $st, expected 303" "$TMP/resp"
	st=$(http_get "$P1" /account "minka_session=$session")
	[ "$st" != 200 ] && ok || ko "the session ended on $P2 still works on $P1" "$TMP/resp"
	lacks "session-over-on-$P1" "$TMP/resp" "Rosa Chávez"

	# --- the database goes away: 503 with a plain message; it comes back: 200
	psql_super "ALTER DATABASE minka_test ALLOW_CONNECTIONS false" >/dev/null
	psql_super "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'minka_test' AND application_name = 'minka'" >/dev/null
	sleep 0.3
	st=$(http_get "$P1" /api/v1/territories/010102)
	[ "$st" = 503 ] && ok || ko "database gone: status $st, expected 503" "$TMP/resp"
	contains gone-message "$TMP/resp" "no está disponible en este momento"
	lacks gone-no-url "$TMP/resp" "minka_test"
	st=$(http_get "$P2" /territories/010101 "minka_session=x")
	[ "$st" = 503 ] && ok || ko "database gone (page): status $st, expected 503" "$TMP/resp"
	st=$(http_get "$P1" /healthz)
	[ "$st" = 503 ] && ok || ko "healthz while gone: status $st, expected 503" "$TMP/resp"
	contains gone-healthz "$TMP/resp" '"status":"unavailable"'
	psql_super "ALTER DATABASE minka_test ALLOW_CONNECTIONS true" >/dev/null
	for p in "$P1" "$P2"; do
		st=$(http_get "$p" /api/v1/territories/010102)
		[ "$st" = 200 ] && ok || ko "back on $p: status $st, expected 200" "$TMP/resp"
	done
	# the connections were closed under it while idle: replaced without an error
	psql_super "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'minka_test' AND application_name = 'minka'" >/dev/null
	sleep 0.3
	for p in "$P1" "$P2"; do
		st=$(http_get "$p" /api/v1/territories/010103)
		[ "$st" = 200 ] && ok || ko "after terminate on $p: status $st, expected 200" "$TMP/resp"
	done
	grep -q "reconnecting" "$TMP/serve-$P1.log" && ok || ko "no reconnect logged" "$TMP/serve-$P1.log"
	for p in "${PIDS[@]}"; do kill -TERM "$p"; done
	for p in "${PIDS[@]}"; do wait "$p"; st=$?; [ "$st" = 0 ] && ok || ko "server $p exit $st" "$TMP"/serve-*.log; done
	PIDS=()
else
	ko "servers did not start"
fi
echo "pg-cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
