#!/bin/bash
# compare.sh — cross-checks pe/ against LIEF 0.9 on every PE file in the
# given directories.
#
#   compare.sh LIEF_DUMP PE_DUMP KNOWN OUTDIR DIR...
#
# Both dumpers print the canonical form (machine, image base, entry point,
# section table, imports with hints, exports, TLS callbacks, relocation
# count).  A file passes when the two outputs are identical.  A file whose
# outputs differ fails unless KNOWN lists it ("basename KIND COUNT reason",
# see that file) and the difference is exactly what the entry says; a KNOWN
# entry whose file now matches fails too, so the list stays honest.
# Diffs of every mismatch are kept in OUTDIR.
set -u
if [ "${1:-}" = --one ]; then
	# Worker: compare one file, print "same|differ FILE".
	lief=$2 ours=$3 out=$4 f=$5
	base=$(tr / _ <<<"$f")
	"$lief" "$f" >"$out/$base.lief" 2>&1
	"$ours" "$f" >"$out/$base.ours" 2>&1
	if cmp -s "$out/$base.lief" "$out/$base.ours"; then
		rm -f "$out/$base.lief" "$out/$base.ours"
		echo "same $f"
	else
		diff "$out/$base.lief" "$out/$base.ours" >"$out/$base.diff"
		echo "differ $f"
	fi
	exit 0
fi

lief=$1 ours=$2 known=$3 out=$4
shift 4
rm -rf "$out" && mkdir -p "$out"
files=$out/files
for d in "$@"; do
	[ -d "$d" ] || { echo "lief: no directory $d"; echo "0 passed, 1 failed"; exit 1; }
	find "$d" -maxdepth 1 -type f | sort | while read -r f; do
		[ "$(head -c 2 "$f")" = MZ ] && echo "$f"
	done
done >"$files"
n=$(wc -l <"$files")
for d in "$@"; do
	echo "lief: $(grep -c "^$d/" "$files") PE files in $d"
done
tr '\n' '\0' <"$files" |
	xargs -0 -P2 -n1 "$0" --one "$lief" "$ours" "$out" >"$out/results"

# explained DIFF KIND COUNT: is the diff exactly COUNT lines of KIND?
explained() {
	local total ok
	case "$2" in
	unnamed-exports)
		# only lines our parser adds, each an export with no name
		total=$(grep -c '^[<>]' "$1")
		ok=$(grep -cE '^> export [0-9]+ (0x[0-9a-f]+ -|forward - [^ ]+)$' "$1")
		[ "$total" -eq "$3" ] && [ "$ok" -eq "$3" ] ;;
	*) return 1 ;;
	esac
}

pass=0 fail=0 knownhit=0
declare -A reason kind count
while read -r name k c why; do
	case "$name" in ''|'#'*) continue ;; esac
	reason[$name]=$why kind[$name]=$k count[$name]=$c
done <"$known"
declare -A seen
while read -r verdict f; do
	base=$(basename "$f") key=$(tr / _ <<<"$f")
	seen[$base]=1
	if [ "$verdict" = same ]; then
		if [ -n "${reason[$base]:-}" ]; then
			echo "FAIL $f: listed in $(basename "$known") but now matches LIEF"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	elif [ -n "${reason[$base]:-}" ] &&
		explained "$out/$key.diff" "${kind[$base]}" "${count[$base]}"; then
		knownhit=$((knownhit + 1))
		pass=$((pass + 1))
	else
		echo "FAIL $f: differs from LIEF${reason[$base]:+ beyond its known-defects entry} ($out/$key.diff):"
		head -n 10 "$out/$key.diff" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done <"$out/results"
for name in "${!reason[@]}"; do
	if [ -z "${seen[$name]:-}" ]; then
		echo "FAIL $name: listed in $(basename "$known") but not in the corpus"
		fail=$((fail + 1))
	fi
done
echo "lief: compared $n files: $((pass - knownhit)) identical, $knownhit known LIEF defects, $fail failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
