#!/bin/bash
# compare.sh — runs each Windows test program under Wine and under
# `dllshare run` and compares what they print (stdout, byte for byte:
# CRLF line ends included) and their exit codes.
#
#   tests/wine/compare.sh OUTDIR DLLSHARE [NAME...]
#
# OUTDIR holds the programs make built (build/tests/wine); DLLSHARE is
# build/bin/dllshare; NAMEs restrict the run (default: every *.exe).
# Wine is run as $WINE (default: wine), with WINEPREFIX from the
# environment; one persistent wineserver serves all runs.
#
# Conventions for adding a program (the fragment tests/wine/wine.mk
# builds them):
#   tests/wine/progs/NAME.c     one program, built to OUTDIR/NAME.exe with
#                               mingw's default stdio; a line containing
#                               "wine-test: both-stdio" also builds
#                               NAME-ms.exe with -D__USE_MINGW_ANSI_STDIO=0
#                               (printf straight from msvcrt); a line with
#                               "wine-test: unicode" builds with -municode
#                               (the program has wmain); "wine-test: clang"
#                               compiles it with clang (native TLS).
#   tests/wine/progs/NAME.cpp   a C++ program (libstdc++ linked statically).
#   tests/wine/progs/NAME.args  optional: the arguments, one line, in shell
#                               quoting (passed through `eval`).
#   tests/wine/progs/NAME.dlls  optional: names of DLLs (one a line, no
#                               .dll) the program links against; each is
#                               tests/wine/dlls/DLL.c, built to
#                               OUTDIR/DLL.dll beside the programs.
#   tests/wine/progs/NAME.skip  optional: the program is built but not
#                               run on its own (a child of another test).
#   tests/wine/progs/NAME.stdin optional: fed to the program's stdin
#                               (else /dev/null).
# Each program runs in a fresh empty directory (its cwd), with
# DLLSHARE_TEST_VAR="hello wine" in its environment.  Its
# output must not depend on time, pids or addresses.
set -u
OUT=$(cd "$1" && pwd)
DLLSHARE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
SRC=$(cd "$(dirname "$0")" && pwd)/progs
WINE=${WINE:-wine}
export WINEDEBUG=-all DLLSHARE_TEST_VAR="hello wine"
TIMEOUT=${WINE_TEST_TIMEOUT:-60}

# One wineserver for every run: it lingers 60 s after the last client.
wineserver -p60 2>/dev/null || true

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for exe in "$OUT"/*.exe; do
		[ -e "$exe" ] || continue
		n=$(basename "$exe" .exe)
		[ -e "$SRC/${n%-ms}.skip" ] && continue
		names+=("$n")
	done
fi

pass=0
fail=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${names[@]}"; do
	base=${n%-ms}
	args=()
	if [ -f "$SRC/$base.args" ]; then
		eval "args=($(head -n1 "$SRC/$base.args"))"
	fi
	in=/dev/null
	[ -f "$SRC/$base.stdin" ] && in="$SRC/$base.stdin"
	mkdir -p "$work/$n/wine" "$work/$n/ds"
	(cd "$work/$n/wine" && timeout "$TIMEOUT" $WINE "$OUT/$n.exe" \
		"${args[@]}" <"$in" >"$work/$n/wine.out" 2>"$work/$n/wine.err")
	wrc=$?
	(cd "$work/$n/ds" && timeout "$TIMEOUT" "$DLLSHARE" run "$OUT/$n.exe" \
		"${args[@]}" <"$in" >"$work/$n/ds.out" 2>"$work/$n/ds.err")
	drc=$?
	if cmp -s "$work/$n/wine.out" "$work/$n/ds.out" && [ "$wrc" = "$drc" ]; then
		echo "PASS $n (exit $wrc)"
		pass=$((pass + 1))
	else
		echo "FAIL $n: exit wine=$wrc dllshare=$drc"
		diff <(od -An -c "$work/$n/wine.out") <(od -An -c "$work/$n/ds.out") |
			head -n 20 | sed 's/^/  /'
		diff -a "$work/$n/wine.out" "$work/$n/ds.out" | head -n 20 |
			sed 's/^/  | /'
		if [ -s "$work/$n/ds.err" ]; then
			echo "  dllshare stderr:"
			head -n 10 "$work/$n/ds.err" | sed 's/^/  ! /'
		fi
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
