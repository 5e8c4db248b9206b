#!/bin/bash
# pg-test.sh — a throwaway PostgreSQL cluster for the test suite and the benchmark.
#
# Sourced by scripts/check.sh and bench/http.sh:
#   pg_test_start    initdb + start a cluster in a fresh temporary directory, listening
#                    only on a Unix socket inside it (no port to collide with), create
#                    the database minka_test, and export PG_TEST_URL, PG_TEST_DIR,
#                    PG_TEST_PSQL (a psql command line as the superuser).
#   pg_test_stop     stop it and remove the directory (safe to call twice).
# Or run directly: scripts/pg-test.sh shell   (start, open psql, stop on exit).
#
# PostgreSQL refuses to run as root; under root (CI) the server runs as the
# `postgres` user that Debian's package creates. The cluster trades durability for
# speed (fsync off): it holds nothing but test data.
#
# Authentication: the socket trusts the role "minka" (PG_TEST_URL), and asks the
# role "minka_pw" for its password (scram-sha-256), so that tests can check that a
# wrong password fails clearly. Its password is in PG_TEST_PASSWORD.

pg_test_bin() {
	local d
	for d in "${PG_BIN:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -n "$d" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	return 1
}

pg_test_as() { # runs a command as the cluster's owner
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_test_start() {
	local bin dir
	bin=$(pg_test_bin) || { echo "pg-test: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
	dir=$(mktemp -d "${TMPDIR:-/tmp}/minka-pg-XXXXXX") || return 1
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	PG_TEST_DIR=$dir
	PG_TEST_PASSWORD=minka-test-$$
	printf '%s\n' "$PG_TEST_PASSWORD" >"$dir/pw"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir/pw"
	if ! pg_test_as "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
		--auth-local=trust --auth-host=reject >"$dir/initdb.log" 2>&1; then
		echo "pg-test: initdb failed:" >&2; tail -20 "$dir/initdb.log" >&2; return 1
	fi
	# minka_pw must give its password; everyone else is trusted on the socket.
	pg_test_as sh -c "printf '%s\n' 'local all minka_pw scram-sha-256' 'local all all trust' >'$dir/data/pg_hba.conf'"
	if ! pg_test_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB" >/dev/null; then
		echo "pg-test: the server did not start:" >&2; tail -20 "$dir/server.log" >&2; return 1
	fi
	PG_TEST_PSQL="$bin/psql -X -q -v ON_ERROR_STOP=1 -h $dir -U postgres"
	if ! $PG_TEST_PSQL -d postgres >"$dir/setup.log" 2>&1 <<-SQL
		CREATE ROLE minka LOGIN SUPERUSER;
		CREATE ROLE minka_pw LOGIN PASSWORD '$PG_TEST_PASSWORD';
		CREATE DATABASE minka_test OWNER minka;
		CREATE DATABASE minka_test2 OWNER minka;
	SQL
	then
		echo "pg-test: setup failed:" >&2; cat "$dir/setup.log" >&2; return 1
	fi
	PG_TEST_URL="postgresql:///minka_test?host=$dir&user=minka"
	export PG_TEST_URL PG_TEST_DIR PG_TEST_PSQL PG_TEST_PASSWORD
	export PG_TEST_URL2="postgresql:///minka_test2?host=$dir&user=minka"
}

pg_test_stop() {
	[ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR" ] || return 0
	local bin
	bin=$(pg_test_bin) && pg_test_as "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1
	rm -rf "$PG_TEST_DIR"
	unset PG_TEST_DIR PG_TEST_URL PG_TEST_URL2 PG_TEST_PSQL PG_TEST_PASSWORD
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -u
	case "${1:-}" in
	shell)
		pg_test_start || exit 1
		trap pg_test_stop EXIT
		echo "PG_TEST_URL=$PG_TEST_URL"
		$PG_TEST_PSQL -d minka_test
		;;
	*) echo "usage: scripts/pg-test.sh shell   (or source it and call pg_test_start / pg_test_stop)" >&2; exit 2 ;;
	esac
fi
