#!/bin/sh
# regen.sh — regenerates the runtime's locale tables from Wine, the
# reference: runtime/msvcrt/locale_data.h (what msvcrt's locale objects
# hold for each locale of the table), runtime/msvcrt/wctype_data.h (the
# wide case maps), runtime/kernel32/sortkey_data.h (each character's
# weights in sort keys), runtime/kernel32/nls_data.h (GetLocaleInfo's
# answers) and runtime/kernel32/ctype_data.h (GetStringType's types,
# which msvcrt's wide classes read too).  See nlsgen.c.
#
#   runtime/nls/regen.sh [locales|wide|sort|info|ctype...]
#                        (from the top of the tree; all when none is
#                        named)
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
x86_64-w64-mingw32-gcc -O1 -Wall -Wextra -Werror -o "$tmp/nlsgen.exe" \
	"$top/runtime/nls/nlsgen.c"
for what in locales:runtime/msvcrt/locale_data.h \
	    wide:runtime/msvcrt/wctype_data.h \
	    sort:runtime/kernel32/sortkey_data.h \
	    info:runtime/kernel32/nls_data.h \
	    ctype:runtime/kernel32/ctype_data.h; do
	if [ $# -gt 0 ]; then
		case " $* " in *" ${what%%:*} "*) ;; *) continue ;; esac
	fi
	wine "$tmp/nlsgen.exe" "${what%%:*}" "$version" >"$tmp/raw" \
		2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; exit 1; }
	tr -d '\r' <"$tmp/raw" >"$top/${what#*:}"
	echo "wrote ${what#*:}"
done
