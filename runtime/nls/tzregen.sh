#!/bin/sh
# tzregen.sh — regenerates runtime/kernel32/tz_data.h, the Windows time
# zones as Wine, the reference, knows them (names, biases, rules, the
# Dynamic DST years).  See tzgen.c.
#
#   runtime/nls/tzregen.sh      (from anywhere in the tree)
#
# Needs x86_64-w64-mingw32-gcc and wine; WINEPREFIX defaults to
# build/wineprefix, the tests' prefix.  The output is committed: the build
# never runs this.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: "${WINEPREFIX:=$top/build/wineprefix}"
export WINEPREFIX WINEDEBUG=-all WINEDLLOVERRIDES=winedbg.exe=d
version=$(wine --version)
x86_64-w64-mingw32-gcc -O1 -Wall -Wextra -Werror -o "$tmp/tzgen.exe" \
	"$top/runtime/nls/tzgen.c" -ladvapi32
wine "$tmp/tzgen.exe" "$version" >"$tmp/raw" 2>"$tmp/err" ||
	{ cat "$tmp/err" >&2; exit 1; }
tr -d '\r' <"$tmp/raw" >"$top/runtime/kernel32/tz_data.h"
echo "wrote runtime/kernel32/tz_data.h"
