#!/bin/sh
# fuzz.sh — the libFuzzer targets in fuzz/ (one per fuzz/fuzz_NAME.c, seeds in
# fuzz/corpus/NAME/). Needs clang with libFuzzer (Debian: clang, libclang-rt-dev).
#   scripts/fuzz.sh build           build every target into build/fuzz/ (ASan+UBSan)
#   scripts/fuzz.sh run [SECONDS]   build, then fuzz each target SECONDS (default 60)
#                                   with a scratch corpus in fuzz/corpus-work/NAME
# A crash leaves crash-* in the current directory; rerun a target on it to reproduce:
#   build/fuzz/fuzz_pabulib crash-...
set -eu
cd "$(dirname "$0")/.."
CC=${FUZZ_CC:-clang}
OUT=build/fuzz
PKGS="libmicrohttpd sqlite3 libpq jansson libsodium gmp libutf8proc libcmark xlsxwriter"
CFLAGS="-std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -Ibuild/gen"

build() {
	make --no-print-directory build/gen/assets.c >/dev/null
	mkdir -p "$OUT"
	# shellcheck disable=SC2046
	for t in fuzz/fuzz_*.c; do
		name=$(basename "$t" .c)
		echo "  FUZZ $name"
		$CC $CFLAGS $(pkg-config --cflags $PKGS) -DMINKA_DATA_DIR=\"data\" -o "$OUT/$name" "$t" \
			src/core/*.c src/rules/*.c build/gen/assets.c $(pkg-config --libs $PKGS) -lm
	done
}

run() {
	secs=${1:-60}
	for t in fuzz/fuzz_*.c; do
		name=$(basename "$t" .c)
		short=${name#fuzz_}
		mkdir -p "fuzz/corpus-work/$short"
		seeds="fuzz/corpus/$short"
		[ -d "$seeds" ] || seeds=""
		echo "fuzz: $name for ${secs}s"
		"$OUT/$name" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
			"fuzz/corpus-work/$short" $seeds
	done
}

case "${1:-build}" in
build) build ;;
run) build; run "${2:-60}" ;;
*) echo "usage: scripts/fuzz.sh build | run [SECONDS]" >&2; exit 2 ;;
esac
