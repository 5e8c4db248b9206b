#!/bin/sh
# fuzz.sh — libFuzzer targets (clang, ASan+UBSan) for every parser in fuzz/.
#   scripts/fuzz.sh build            build build/fuzz/fuzz_* targets
#   scripts/fuzz.sh smoke [SECONDS]  build, then run each target from its seed
#                                    corpus for SECONDS (default 20); prints
#                                    "fuzz: N passed, N failed"
#   scripts/fuzz.sh run NAME [ARGS]  run one target for as long as you like
set -eu
cd "$(dirname "$0")/.."
OUT=build/fuzz
CC=${FUZZ_CC:-clang}
PKGS="libmicrohttpd sqlite3 libpq jansson libsodium gmp libutf8proc libcmark xlsxwriter"
FLAGS="-std=c17 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all -Isrc -Ibuild/gen $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lhpdf -lpthread -lm"

build() {
	make --no-print-directory build/gen/assets.c >/dev/null
	mkdir -p $OUT/obj
	srcs=$(ls src/core/*.c src/store/*.c src/rules/*.c src/domain/*.c src/web/*.c 2>/dev/null || true)
	objs=""
	# the newest header: an object older than it is rebuilt too (a changed struct
	# must not meet objects compiled against its old layout)
	newest_h=$(ls -t src/*/*.h | head -1)
	for s in $srcs build/gen/assets.c; do
		o=$OUT/obj/$(echo "$s" | tr / _).o
		if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
			$CC $FLAGS -fsanitize=fuzzer-no-link -c "$s" -o "$o"
		fi
		objs="$objs $o"
	done
	rm -f $OUT/libminka-fuzz.a
	ar rcs $OUT/libminka-fuzz.a $objs
	for f in fuzz/fuzz_*.c; do
		n=$(basename "$f" .c)
		$CC $FLAGS -fsanitize=fuzzer "$f" $OUT/libminka-fuzz.a $LIBS -o $OUT/$n
	done
}

smoke() {
	secs=${1:-20}
	pass=0; fail=0
	for t in $OUT/fuzz_*; do
		case "$t" in *.log) continue ;; esac
		n=$(basename "$t"); short=${n#fuzz_}
		mkdir -p fuzz/corpus/"$short" fuzz/corpus-work/"$short"
		if "$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
			fuzz/corpus-work/"$short" fuzz/corpus/"$short" >"$OUT/$n.log" 2>&1; then
			pass=$((pass + 1)); echo "  fuzz $n: ok ($(grep -c . "$OUT/$n.log") log lines)"
		else
			fail=$((fail + 1)); echo "FAIL fuzz $n (see $OUT/$n.log)"; tail -30 "$OUT/$n.log"
		fi
	done
	echo "fuzz: $pass passed, $fail failed"
	[ "$fail" = 0 ]
}

case "${1:-build}" in
build) build ;;
smoke) build; smoke "${2:-20}" ;;
run) n=$2; shift 2; mkdir -p fuzz/corpus-work/"${n#fuzz_}"; exec $OUT/"$n" "$@" fuzz/corpus-work/"${n#fuzz_}" fuzz/corpus/"${n#fuzz_}" ;;
*) echo "usage: $0 build|smoke [SECONDS]|run NAME [ARGS]" >&2; exit 2 ;;
esac
