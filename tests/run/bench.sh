#!/bin/bash
# bench.sh DLLSHARE DIR RESULTS — two benchmarks of `dllshare run`, each
# beside its baseline in the same run, results written to RESULTS:
#  1. start-up: `dllshare run hello.exe` vs `wine hello.exe`, wineserver
#     kept running (wineserver -p) so Wine's one-time costs are not
#     counted; mean wall time over RUNS runs after one warm-up each.
#  2. warm LoadLibrary: bench_ll.exe loads and frees a small DLL whose
#     image section already exists, vs dlopen/dlclose of the same code
#     built as an ELF shared object with gcc (bench_dlopen); ROUNDS
#     rounds, alternating, each the mean of ITERS loads; the medians
#     are compared (one round is at the mercy of whatever else the
#     machine does for its ~100 ms).  Beside it, the same DLL built
#     without the C runtime (bench_bare.dll): the loader's own cost,
#     without mingw's start-up code (TLS callbacks, its first writes).
dllshare=$(realpath "$1")
dir=$(realpath "$2")
results=$(realpath -m "$3")
here=$(dirname "$(realpath "$0")")
runs=${RUNS:-20}
iters=${ITERS:-2000}
rounds=${ROUNDS:-15}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WINEPREFIX=${WINEPREFIX:-$(realpath -m build/wineprefix)} WINEDEBUG=-all
pass=0 fail=0

# mean_ms CMD...: mean wall milliseconds of RUNS runs (after a warm-up).
mean_ms() {
	"$@" >/dev/null 2>&1 </dev/null
	local t0=$EPOCHREALTIME
	for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1 </dev/null; done
	local t1=$EPOCHREALTIME
	echo "scale=2; ($t1 - $t0) * 1000 / $runs" | bc
}

wineserver -p 2>/dev/null
cd "$dir"
if [ "$("$dllshare" run hello.exe | tr -d '\r')" != "hello, world" ]; then
	echo "FAIL: dllshare run hello.exe does not work"; fail=$((fail + 1))
else
	ds=$(mean_ms "$dllshare" run hello.exe)
	wn=$(mean_ms wine hello.exe)
	ratio=$(echo "scale=1; $wn / $ds" | bc)
	start="start-up, hello.exe, mean of $runs: dllshare run ${ds} ms, wine ${wn} ms: dllshare is ${ratio}x as fast"
	echo "$start"; pass=$((pass + 1))
fi

gcc -O2 -s -shared -fPIC -o "$tmp/bench_small.so" -x c - <<'SRC'
static int calls;
int small_value(void) { return ++calls; }
SRC
gcc -O2 -o "$tmp/bench_dlopen" "$here/bench_dlopen.c" -ldl
. "$here/benchlib.sh"
lls=() bas=() dls=() s=0
for ((r = 0; r < rounds && s == 0; r++)); do
	ll=$("$dllshare" run bench_ll.exe "$iters" | tr -d '\r'); s=${PIPESTATUS[0]}
	ba=$("$dllshare" run bench_ll.exe "$iters" bench_bare.dll | tr -d '\r')
	dl=$("$tmp/bench_dlopen" "$tmp/bench_small.so" "$iters")
	[ -n "$ll" ] && [ -n "$ba" ] && [ -n "$dl" ] || s=1
	lls+=("$ll") bas+=("$ba") dls+=("$dl")
done
if [ "$s" -ne 0 ]; then
	echo "FAIL: LoadLibrary benchmark (status $s, '$ll', '$ba', '$dl')"; fail=$((fail + 1))
else
	ll=$(median "${lls[@]}") ba=$(median "${bas[@]}") dl=$(median "${dls[@]}")
	ratio=$(echo "scale=2; $ll / $dl" | bc)
	bratio=$(echo "scale=2; $ba / $dl" | bc)
	load="warm LoadLibrary+GetProcAddress+FreeLibrary, median of $rounds rounds of $iters: dllshare ${ll} ns, dlopen+dlsym+dlclose ${dl} ns: ratio ${ratio} (target <= 1)"
	bare="  the same DLL built without the C runtime (-nostdlib, entry DllMain: no TLS, no start-up writes): ${ba} ns, ratio ${bratio}"
	echo "$load"; echo "$bare"; pass=$((pass + 1))
fi

{
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -m), $(nproc) CPUs, $(git -C "$here" rev-parse --short HEAD 2>/dev/null)"
	[ -n "$start" ] && echo "$start"
	[ -n "$load" ] && echo "$load" && echo "$bare"
} >"$results"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
