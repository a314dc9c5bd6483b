#!/bin/bash
# bench-integrity.sh DLLSHARE NOCHECK DIR RESULTS — what the section
# integrity check (docs/design.md, "Section integrity") costs: dllshare
# beside the same sources built without it (NOCHECK: loader/section.c
# with LD_SECTION_CHECK_OFF), in one run, results written to RESULTS:
#  1. start-up: `run hello.exe`, PAIRS paired runs alternating the two
#     (which goes first alternates too: the first of a pair pays for
#     what the second finds warm), the median of the pairwise ratios
#     (target <= 1.05);
#  2. warm LoadLibrary: `run bench_ll.exe ITERS`, ROUNDS rounds
#     alternating, the ratio of the medians (target <= 1.05).
# Each binary has a section cache of its own, so each opens sections its
# own build made (the check's common case: the builder's stamp).
dllshare=$(realpath "$1")
nocheck=$(realpath "$2")
dir=$(realpath "$3")
results=$(realpath -m "$4")
here=$(dirname "$(realpath "$0")")
pairs=${PAIRS:-81}
rounds=${ROUNDS:-11}
iters=${ITERS:-2000}
tmp=$(mktemp -d /dev/shm/dllshare-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

. "$here/benchlib.sh"
fmt() { printf '%.3f' "$1"; }

mkdir -m 700 "$tmp/c-check" "$tmp/c-off"
# run WHICH ARGS...: one `run` of the binary WHICH (check or off).
run() {
	local which=$1; shift
	if [ "$which" = check ]; then
		DLLSHARE_CACHE=$tmp/c-check "$dllshare" run "$@"
	else
		DLLSHARE_CACHE=$tmp/c-off "$nocheck" run "$@"
	fi
}
cd "$dir"
for w in check off; do
	if [ "$(run $w hello.exe | tr -d '\r')" != "hello, world" ]; then
		echo "FAIL: $w: run hello.exe does not work"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

ratios=() tc=() to=()
for ((i = 0; i < pairs; i++)); do
	if ((i % 2)); then
		t0=$EPOCHREALTIME; run off hello.exe >/dev/null; t1=$EPOCHREALTIME
		run check hello.exe >/dev/null; t2=$EPOCHREALTIME
		b=$(ms "$t0" "$t1") a=$(ms "$t1" "$t2")
	else
		t0=$EPOCHREALTIME; run check hello.exe >/dev/null; t1=$EPOCHREALTIME
		run off hello.exe >/dev/null; t2=$EPOCHREALTIME
		a=$(ms "$t0" "$t1") b=$(ms "$t1" "$t2")
	fi
	tc+=("$a") to+=("$b") ratios+=("$(echo "$a / $b" | bc -l)")
done
r=$(fmt "$(median "${ratios[@]}")")
start="start-up, run hello.exe, $pairs pairs: with the check $(fmt "$(median "${tc[@]}")") ms, without $(fmt "$(median "${to[@]}")") ms (medians); median ratio $r (target <= 1.05: $(echo "$r <= 1.05" | bc | sed 's/1/met/; s/0/not met/'))"
echo "$start"; pass=$((pass + 1))

lc=() lo=() s=0
for ((i = 0; i < rounds && s == 0; i++)); do
	a=$(run check bench_ll.exe "$iters" | tr -d '\r'); s=${PIPESTATUS[0]}
	b=$(run off bench_ll.exe "$iters" | tr -d '\r')
	[ -n "$a" ] && [ -n "$b" ] || s=1
	lc+=("$a") lo+=("$b")
done
if [ "$s" -ne 0 ]; then
	echo "FAIL: bench_ll.exe (status $s, '$a', '$b')"; fail=$((fail + 1))
else
	a=$(median "${lc[@]}") b=$(median "${lo[@]}")
	r=$(fmt "$(echo "$a / $b" | bc -l)")
	load="warm LoadLibrary+GetProcAddress+FreeLibrary, median of $rounds rounds of $iters: with the check $a ns, without $b ns: ratio $r (target <= 1.05: $(echo "$r <= 1.05" | bc | sed 's/1/met/; s/0/not met/'))"
	echo "$load"; pass=$((pass + 1))
fi
{
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -m), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg), $(git -C "$here" rev-parse --short HEAD 2>/dev/null)"
	echo "$start"
	[ -n "$load" ] && echo "$load"
} >"$results"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
