#!/bin/bash
# check.sh — runs every sample run listed in samples/wine-check.txt under
# Wine and under `dllshare run`, and compares stdout bytes and exit codes.
#
#   check.sh [--expected DIR]
#
# Each run is one case: PASS when dllshare's stdout and exit code equal
# Wine's.  With --expected DIR, Wine's own output is also compared with the
# file DIR/<case>.out (and exit code with DIR/<case>.rc), one more case per
# run: that checks the samples themselves, whatever dllshare does.
# Ends with "N passed, N failed"; exits non-zero when anything failed.
#
# Environment: WINE (the command that runs Wine, with its prefix),
# DLLSHARE (default build/bin/dllshare), SB (default build/samples).
set -u
cd "$(dirname "$0")/../.." || exit 1
WINE=${WINE:-wine}
DLLSHARE=${DLLSHARE:-build/bin/dllshare}
SB=${SB:-build/samples}
expected=
[ "${1:-}" = --expected ] && expected=$2
out=build/samples-check
mkdir -p "$out"
pass=0 fail=0

# Keeps one wineserver alive between runs (each Wine start is then ~0.1 s
# instead of ~1 s); it exits by itself 60 s after the last client.
# $WINE is "env VAR=... wine": the same command with wineserver in its place.
ws=$(command -v wineserver || command -v /usr/lib/wine/wineserver64)
[ -n "$ws" ] && ${WINE% *} "$ws" -p60 2>/dev/null

# Does this dllshare know `run`?  The placeholder says "not implemented".
run_ok=1
if [ ! -x "$DLLSHARE" ]; then
	run_ok=0 why="$DLLSHARE does not exist (run make)"
elif "$DLLSHARE" run 2>&1 </dev/null | grep -q 'not implemented'; then
	run_ok=0 why="dllshare run is not implemented yet"
fi

# run_one TAG SORT PROG ARGS...: runs, writes $out/TAG.out and .rc
run_one() {
	local tag=$1 sort=$2; shift 2
	timeout 60 "$@" </dev/null >"$out/$tag.out" 2>"$out/$tag.err"
	echo $? >"$out/$tag.rc"
	if [ "$sort" = 1 ]; then
		LC_ALL=C sort "$out/$tag.out" >"$out/$tag.sorted" && mv "$out/$tag.sorted" "$out/$tag.out"
	fi
}

# same NAME A B: compares two runs' outputs and exit codes, prints a diff.
same() {
	local name=$1 a=$2 b=$3
	if cmp -s "$a.out" "$b.out" && cmp -s "$a.rc" "$b.rc"; then
		echo "PASS $name"
		pass=$((pass + 1))
		return
	fi
	echo "FAIL $name"
	fail=$((fail + 1))
	cmp -s "$a.rc" "$b.rc" || echo "  exit code: $(cat "$a.rc") ($(basename "$a")) vs $(cat "$b.rc") ($(basename "$b"))"
	# cat -A shows the \r of Windows line ends, which a plain diff hides.
	diff -u --label "$(basename "$a")" --label "$(basename "$b")" \
		<(cat -A "$a.out") <(cat -A "$b.out") | head -40 | sed 's/^/  /'
	[ -s "$b.err" ] && { echo "  stderr of $(basename "$b"):"; head -5 "$b.err" | sed 's/^/    /'; }
	return 0
}

while read -r first rest; do
	case "$first" in '' | '#'*) continue ;; esac
	sort=0
	if [ "$first" = sort ]; then
		sort=1
		read -r first rest <<<"$rest"
	fi
	sample=$first
	read -r prog args <<<"$rest"
	name="$sample: $prog${args:+ $args}"
	tag=$(tr -c 'A-Za-z0-9_.-' _ <<<"$sample-$prog${args:+-$args}" | sed 's/_$//')
	# shellcheck disable=SC2086
	run_one "$tag.wine" $sort $WINE "$SB/$sample/$prog" $args
	if [ -n "$expected" ]; then
		if [ -f "$expected/$tag.out" ]; then
			same "$name (Wine = expected)" "$expected/$tag" "$out/$tag.wine"
		else
			echo "FAIL $name (Wine = expected): no $expected/$tag.out"
			fail=$((fail + 1))
		fi
	fi
	if [ "$run_ok" = 0 ]; then
		echo "FAIL $name (dllshare = Wine): not run: $why"
		fail=$((fail + 1))
		continue
	fi
	# shellcheck disable=SC2086
	run_one "$tag.dllshare" $sort "$DLLSHARE" run "$SB/$sample/$prog" $args
	same "$name (dllshare = Wine)" "$out/$tag.wine" "$out/$tag.dllshare"
done <samples/wine-check.txt

# With --expected (make test-samples), also run `make demo`'s script: three
# counter processes at once under dllshare must share one counter (each
# value 1..6 seen exactly once, private counters 1 then 2), dllmap must see
# counter.dll's .shared as shared-writable in all three, and the HTML page
# must name the three processes.
# The images say what the samples claim: counter.dll's .shared carries
# IMAGE_SCN_MEM_SHARED; cow.dll's table is 1 MiB of file-backed data.
if [ -n "$expected" ]; then
	OBJDUMP=${OBJDUMP:-x86_64-w64-mingw32-objdump}
	demo_case() { # NAME CONDITION...: one case
		local name=$1; shift
		if "$@"; then echo "PASS $name"; pass=$((pass + 1))
		else echo "FAIL $name"; fail=$((fail + 1)); fi
	}
	flags=$($OBJDUMP -h "$SB/counter/counter.dll" | grep -A1 ' \.shared ' | tail -1 | sed 's/^ *//')
	demo_case "counter.dll: .shared is SHARED ($flags)" grep -q SHARED <<<"$flags"
	raw=$($OBJDUMP -h "$SB/cow/cow.dll" | awk '$2 == ".table" { print $3 }')
	demo_case "cow.dll: .table holds 0x100000 bytes of data in the file" [ "$raw" = 00100000 ]
fi

if [ -n "$expected" ] && [ "$run_ok" = 1 ]; then
	demo_out=$out/demo.out
	rm -f build/demo.html
	NO_COLOR=1 timeout 120 samples/demo.sh >"$demo_out" 2>&1
	demo_rc=$?
	demo_case "demo: samples/demo.sh exits 0" [ "$demo_rc" = 0 ]
	seen=$(grep -oE '^   [ABC] +shared=[0-9]+ private=[0-9]+' "$demo_out" |
		awk '{ print $2, $3 }' | sort | tr '\n' ' ')
	want="shared=1 private=1 shared=2 private=1 shared=3 private=1 shared=4 private=2 shared=5 private=2 shared=6 private=2 "
	demo_case "demo: three processes saw the shared counter 1..6 once each, private 1 then 2" [ "$seen" = "$want" ]
	[ "$seen" = "$want" ] || echo "  saw: $seen"
	nw=$(grep -A1 -E '^ +\.shared +0x' "$demo_out" | grep -cE '^ +W$')
	nmap=$(grep -E '^ +\.shared +0x' "$demo_out" | awk '{ print $NF }' | head -1)
	demo_case "demo: dllmap: counter.dll .shared is one shared-writable page, mapped by 3" \
		[ "$nw" = 1 -a "$nmap" = 3 ]
	np=$(grep -c 'data-pid=' build/demo.html 2>/dev/null)
	demo_case "demo: build/demo.html names the three processes" [ "${np:-0}" -ge 3 ]
	[ "$fail" -eq 0 ] || { echo "  demo output:"; sed 's/^/    /' "$demo_out" | head -60; }
elif [ -n "$expected" ]; then
	echo "FAIL demo: not run: $why"
	fail=$((fail + 1))
fi

echo "outputs are in $out/"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
