#!/bin/bash
# check.sh — what `make check` runs: installs what is missing, builds with
# warnings as errors (release and ASan/UBSan), runs every test, and ends with
# "N passed, N failed" (exit status 1 on any failure).
#   scripts/check.sh [sqlite|pg|all]   (default: all backends available)
set -uo pipefail
cd "$(dirname "$0")/.."
DB=${1:-${DB:-all}}
JOBS=${JOBS:-2}
export MINKA_LOG=${MINKA_LOG:-off}
# argon2id at its minimum cost in tests (the production cost is tested once, in test_account)
export MINKA_PWHASH_FAST=1
LOG=build/check
mkdir -p "$LOG"
passed=0; failed=0
step() { printf '== %s\n' "$*"; }
count() { # adds "name: N passed, M failed" lines from a log
	local p f
	p=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
	f=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | awk '{s+=$3} END {print s+0}')
	passed=$((passed + p)); failed=$((failed + f))
}
fatal() { echo "$*"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

step "dependencies"
scripts/deps.sh || fatal "could not install the Debian packages"

step "build (release, -Werror)"
make --no-print-directory -j"$JOBS" BUILD=release all tests >"$LOG/build-release.log" 2>&1 \
	|| { tail -40 "$LOG/build-release.log"; fatal "release build failed"; }
step "build (ASan + UBSan, -Werror)"
make --no-print-directory -j"$JOBS" BUILD=asan all tests >"$LOG/build-asan.log" 2>&1 \
	|| { tail -40 "$LOG/build-asan.log"; fatal "sanitizer build failed"; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_suite() { # label, then env assignments via MINKA_TEST_DB
	local label=$1
	step "unit tests ($label, ASan)"
	for t in build/asan/tests/test_*; do
		"$t" >"$LOG/$(basename "$t").$label.log" 2>&1
		local rc=$?
		tail -1 "$LOG/$(basename "$t").$label.log"
		if ! grep -Eq '[0-9]+ passed, [0-9]+ failed' "$LOG/$(basename "$t").$label.log" || { [ $rc != 0 ] && ! grep -Eq ' [1-9][0-9]* failed' "$LOG/$(basename "$t").$label.log"; }; then
			echo "FAIL $(basename "$t") crashed (exit $rc):"; tail -30 "$LOG/$(basename "$t").$label.log"
			failed=$((failed + 1))
		else
			[ $rc != 0 ] && grep -E '^ *FAIL' "$LOG/$(basename "$t").$label.log" | head -20
		fi
		count "$LOG/$(basename "$t").$label.log"
	done
	step "HTTP tests ($label, ASan)"
	build/asan/tests/http_runner tests/http/*.t >"$LOG/http.$label.log" 2>&1
	local rc=$?
	if [ $rc != 0 ]; then grep -v '^ ' "$LOG/http.$label.log" | head -20; grep -E '^  ' "$LOG/http.$label.log" | head -40; fi
	grep -Eq '[0-9]+ passed' "$LOG/http.$label.log" || { echo "FAIL http runner crashed"; tail -30 "$LOG/http.$label.log"; failed=$((failed + 1)); }
	tail -1 "$LOG/http.$label.log"
	count "$LOG/http.$label.log"
}

if [ "$DB" = sqlite ] || [ "$DB" = all ]; then
	MINKA_TEST_DB= run_suite sqlite
fi
if [ "$DB" = pg ] || [ "$DB" = all ]; then
	if [ -x scripts/pg-test.sh ]; then
		# shellcheck disable=SC1091
		source scripts/pg-test.sh
		pg_test_start || fatal "could not start the PostgreSQL test cluster"
		trap pg_test_stop EXIT
		MINKA_TEST_DB=$PG_TEST_URL run_suite pg
		step "command line and servers (pg)"
		tests/cli/test_pg.sh build/asan/minka >"$LOG/cli-pg.log" 2>&1
		grep -E '^FAIL' -A5 "$LOG/cli-pg.log" | head -30
		grep -Eq '[0-9]+ passed' "$LOG/cli-pg.log" || { echo "FAIL pg-cli crashed"; tail -30 "$LOG/cli-pg.log"; failed=$((failed + 1)); }
		tail -1 "$LOG/cli-pg.log"; count "$LOG/cli-pg.log"
		if [ -x tests/e2e/run.sh ]; then
			step "browser tests (pg, Playwright + Debian chromium)"
			$PG_TEST_PSQL -d postgres -c "CREATE DATABASE minka_e2e OWNER minka" >"$LOG/e2e.pg.log" 2>&1
			E2E_DB="postgresql:///minka_e2e?host=$PG_TEST_DIR&user=minka" tests/e2e/run.sh >>"$LOG/e2e.pg.log" 2>&1
			grep -E 'FAIL|✘|Error' "$LOG/e2e.pg.log" | head -20
			tail -1 "$LOG/e2e.pg.log"; count "$LOG/e2e.pg.log"
		fi
		pg_test_stop
	elif [ "$DB" = pg ]; then
		fatal "no PostgreSQL test support in this tree (scripts/pg-test.sh)"
	fi
fi

step "command line"
tests/cli/test_cli.sh build/asan/minka >"$LOG/cli.log" 2>&1
grep -E '^FAIL' -A5 "$LOG/cli.log" | head -30
tail -1 "$LOG/cli.log"; count "$LOG/cli.log"

step "message catalogs"
if scripts/msgids.pl --missing po/es.po >"$LOG/catalog.log"; then
	echo "catalog: 1 passed, 0 failed" | tee -a "$LOG/catalog.log"
else
	echo "untranslated in po/es.po:"; head -20 "$LOG/catalog.log"
	echo "catalog: 0 passed, 1 failed" | tee -a "$LOG/catalog.log"
fi
count "$LOG/catalog.log"

if [ -x tests/e2e/run.sh ]; then
	step "browser tests (sqlite, Playwright + Debian chromium)"
	tests/e2e/run.sh >"$LOG/e2e.log" 2>&1
	grep -E 'FAIL|✘|Error' "$LOG/e2e.log" | head -20
	tail -1 "$LOG/e2e.log"; count "$LOG/e2e.log"
fi

step "fuzz smoke (libFuzzer, ${FUZZ_SECONDS:-15} s per target)"
if command -v clang >/dev/null 2>&1; then
	scripts/fuzz.sh smoke "${FUZZ_SECONDS:-15}" >"$LOG/fuzz.log" 2>&1
	grep -E '^(FAIL|  fuzz)' "$LOG/fuzz.log"
	tail -1 "$LOG/fuzz.log"; count "$LOG/fuzz.log"
else
	fatal "clang is missing: cannot build the fuzz targets"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
