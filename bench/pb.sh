#!/bin/sh
# pb.sh — benchmark of the participatory-budgeting rules (minka pb) on the real
# Pabulib instances in shared/data/pabulib: every rule on every instance, the time
# of the rule alone (no parsing; best of REPS runs) and the peak memory of the whole
# process, next to pabutools' recorded runtime_s from NAME.expected.json and the
# ratio pabutools / minka. Also the parse time of each file.
#   bench/pb.sh [INSTANCE-SUBSTRING]     (env: REPS=3, MINKA=build/release/minka,
#                                          MINKA_SHARED=../shared/data, SLOW=1 to
#                                          include Budapest's Add1, ~1 min each)
# Not a test: numbers depend on the machine. Needs only sh, awk and /usr/bin/time.
set -eu
cd "$(dirname "$0")/.."
MINKA=${MINKA:-build/release/minka}
export MINKA_LANG=en
REPS=${REPS:-3}
SHARED=${MINKA_SHARED:-}
if [ -z "$SHARED" ]; then
	if [ -d ../shared/data ]; then SHARED=../shared/data; else SHARED=/work/shared/data; fi
fi
DIR="$SHARED/pabulib"
FILTER=${1:-}
[ -x "$MINKA" ] || make --no-print-directory all >/dev/null
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (Debian package time)" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# pabutools' runtime_s of the result whose rule starts with $2, from $1 (expected.json)
pabutools_s() {
	awk -v want="$2" '
		/"rule":/ { r = $0; sub(/.*"rule": "/, "", r); sub(/".*/, "", r); hit = index(r, want) == 1 }
		/"runtime_s":/ && hit { v = $0; sub(/.*"runtime_s": /, "", v); sub(/,.*/, "", v); print v; exit }
	' "$1"
}

# one measurement: prints "ms kb"
measure() {
	best=""
	kb=0
	i=0
	while [ "$i" -lt "$1" ]; do
		shift_args=$2
		/usr/bin/time -f "%M" -o "$TMP/mem" $MINKA pb $shift_args >"$TMP/out" 2>"$TMP/err" || {
			echo "error $(sed 's/^minka: [^:]*: //' "$TMP/err" | head -c 70 | tr '\n' ' ')"
			return
		}
		ms=$(grep -o '"\(time_ms\|parse_ms\)":[0-9.e+-]*' "$TMP/out" | head -1 | sed 's/.*://')
		m=$(tail -1 "$TMP/mem")
		[ "$m" -gt "$kb" ] && kb=$m
		if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$ms; fi
		# one run is enough for the slow ones
		if awk -v a="$ms" 'BEGIN { exit !(a > 1000) }'; then break; fi
		i=$((i + 1))
	done
	echo "$best $kb"
}

printf '%-36s %-18s %11s %9s %13s %10s\n' instance rule "minka ms" "peak MB" "pabutools s" "ratio"
for pb in "$DIR"/*.pb; do
	name=$(basename "$pb" .pb)
	case "$name" in *"$FILTER"*) ;; *) continue ;; esac
	short=$(echo "$name" | sed 's/Stanford_Dataset_PB_//; s/_vote_approvals//' | cut -c1-36)
	exp="$DIR/$name.expected.json"
	set -- $(measure "$REPS" "check $pb --json")
	ps=$(grep '"parse_s"' "$exp" | sed 's/.*: //; s/,//')
	size=$(wc -c <"$pb")
	printf '%-36s %-18s %11.2f %9.1f %13s %10s\n' "$short" "parse ($((size / 1024)) KB)" "$1" "$(echo "$2" | awk '{ print $1 / 1024 }')" "$ps" \
		"$(awk -v p="$ps" -v m="$1" 'BEGIN { if (p + 0 > 0 && m > 0) printf "%.0fx", p * 1000 / m; else print "-" }')"
	for spec in "greedy:greedy_utilitarian_welfare" "greedy-cost:-" "mes:method_of_equal_shares" \
		"mes --completion add1:mes_add1:" "mes --completion add1u:mes_add1u" \
		"mes --completion add1-pabulib --tie cost:mes_add1_pabulib" "phragmen:sequential_phragmen" \
		"optimal:-" "official:-"; do
		args=${spec%%:*}
		key=${spec#*:}
		case "$name:$args" in
		*Budapest*:*add1*) [ "${SLOW:-0}" = 1 ] || continue ;;
		esac
		label=$(echo "$args" | sed 's/ --completion /+/; s/ --tie cost//')
		set -- $(measure "$REPS" "run $pb --rule $args --json")
		if [ "$1" = error ]; then
			shift
			printf '%-36s %-18s %s\n' "$short" "$label" "n/a: $*"
			continue
		fi
		py="-"
		[ "$key" != "-" ] && py=$(pabutools_s "$exp" "$key")
		[ -z "$py" ] && py="-"
		ratio=$(awk -v p="$py" -v m="$1" 'BEGIN { if (p != "-" && p != "null" && m > 0) printf "%.0fx", p * 1000 / m; else print "-" }')
		printf '%-36s %-18s %11.2f %9.1f %13s %10s\n' "$short" "$label" "$1" "$(echo "$2" | awk '{ print $1 / 1024 }')" "$py" "$ratio"
	done
done
