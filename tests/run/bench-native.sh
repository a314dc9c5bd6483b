#!/bin/bash
# bench-native.sh DLLSHARE DIR CXXDLL RESULTS — dllshare against the
# native baselines, each beside its baseline in the same run, results
# written to RESULTS:
#  1. start-up: `dllshare run hello.exe` (DIR/hello.exe, mingw's default
#     build) vs the same C (tests/wine/ld/hello.c) built here by gcc as a
#     native dynamic ELF; whole processes, PAIRS paired runs alternating
#     the two, medians compared (target <= 1.3x).  The section cache is
#     a private directory made once, so the runs share one section.
#  2. cold section build: `dllshare map IMAGE` into an empty cache vs
#     `cp IMAGE` into the same (tmpfs) directory, for CXXDLL (Debian's
#     libstdc++-6.dll) and DIR/bench_small.dll; COLD paired alternating
#     runs, each of both sides from an emptied directory (target <= 2x).
#     Beside it the floor: `dllshare map` of the section just built
#     (start-up + open + map, no build) and the native hello.
dllshare=$(realpath "$1")
dir=$(realpath "$2")
cxx=$(realpath "$3")
results=$(realpath -m "$4")
here=$(dirname "$(realpath "$0")")
pairs=${PAIRS:-101}
cold=${COLD:-15}
tmp=$(mktemp -d /dev/shm/dllshare-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

. "$here/benchlib.sh"
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
fmt() { printf '%.2f' "$1"; }

gcc -O2 -o "$tmp/hello" "$here/../wine/ld/hello.c"
export DLLSHARE_CACHE="$tmp/cache"
mkdir -m 700 "$DLLSHARE_CACHE"
cd "$dir"
if [ "$("$dllshare" run hello.exe | tr -d '\r')" != "hello, world" ] ||
   [ "$("$tmp/hello")" != "hello, world" ]; then
	echo "FAIL: hello.exe under dllshare or the native hello does not work"
	fail=$((fail + 1))
else
	a=() b=()
	for ((i = 0; i < pairs; i++)); do
		t0=$EPOCHREALTIME
		"$dllshare" run hello.exe >/dev/null 2>&1 </dev/null
		t1=$EPOCHREALTIME
		"$tmp/hello" >/dev/null 2>&1 </dev/null
		t2=$EPOCHREALTIME
		a+=("$(ms "$t0" "$t1")") b+=("$(ms "$t1" "$t2")")
	done
	ds=$(median "${a[@]}") nt=$(median "${b[@]}")
	r=$(ratio "$ds" "$nt")
	start="start-up, hello.exe, median of $pairs paired runs: dllshare run $(fmt "$ds") ms, native ELF $(fmt "$nt") ms: ratio $r (target <= 1.3)"
	echo "$start"; pass=$((pass + 1))
fi

# cold NAME IMAGE: one line, `dllshare map` building IMAGE's section into
# an empty cache against cp of IMAGE into it.
cold() {
	local name=$1 img=$2 c="$tmp/cold" a=() b=() w=() s=0
	for ((i = 0; i < cold && s == 0; i++)); do
		rm -rf "$c"; mkdir -m 700 "$c"
		t0=$EPOCHREALTIME
		DLLSHARE_CACHE=$c "$dllshare" map "$img" >/dev/null 2>&1 </dev/null || s=1
		t1=$EPOCHREALTIME
		DLLSHARE_CACHE=$c "$dllshare" map "$img" >/dev/null 2>&1 </dev/null || s=1
		t2=$EPOCHREALTIME
		rm -rf "$c"; mkdir -m 700 "$c"
		t3=$EPOCHREALTIME
		cp "$img" "$c/" || s=1
		t4=$EPOCHREALTIME
		a+=("$(ms "$t0" "$t1")") w+=("$(ms "$t1" "$t2")") b+=("$(ms "$t3" "$t4")")
	done
	rm -rf "$c"
	if [ "$s" -ne 0 ]; then
		echo "FAIL: dllshare map $img"; return 1
	fi
	local ma mb mw
	ma=$(median "${a[@]}") mb=$(median "${b[@]}") mw=$(median "${w[@]}")
	echo "cold section build, $name ($(stat -c %s "$img") bytes), median of $cold: dllshare map $(fmt "$ma") ms, cp $(fmt "$mb") ms: ratio $(ratio "$ma" "$mb") (target <= 2); dllshare map of the built section $(fmt "$mw") ms"
}
c1=$(cold libstdc++-6.dll "$cxx") && pass=$((pass + 1)) || fail=$((fail + 1))
echo "$c1"
c2=$(cold bench_small.dll "$dir/bench_small.dll") && pass=$((pass + 1)) || fail=$((fail + 1))
echo "$c2"

{
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -m), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg), $(git -C "$here" rev-parse --short HEAD 2>/dev/null)"
	[ -n "$start" ] && echo "$start"
	echo "$c1"; echo "$c2"
} >"$results"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
