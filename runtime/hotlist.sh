#!/bin/bash
# hotlist.sh — the code a start of `dllshare run` executes, placed first
# and together by the link, so that a start touches a few dense pages of
# text instead of one or two of each of 120 scattered ones: on a virtual
# machine the first touch of a page costs 5 to 10 us even when its entry
# is mapped (the host fills its own page table), and this was a tenth of
# `run hello.exe`.
#
#   hotlist.sh profile DLLSHARE PROGRAM.exe...  the list, on stdout
#                       (runtime/hot.txt: `make hot-list` runs it)
#   hotlist.sh ld LIST  the linker script that places the list's code
#                       first, on stdout (build/gen/hot.ld: runtime.mk)
#   hotlist.sh check DLLSHARE LIST   that the binary is laid out so, and
#                       that the list is not stale (make test-hot-layout)
#
# profile: each PROGRAM runs once to build its sections, then once under
# valgrind's callgrind, which names every function that ran.  The list
# holds, in the order first met:
#   fn NAME           a function of dllshare's own sources (compiled with
#                     -ffunction-sections: its code is .text.NAME)
#   obj PATH          the object of a source file (PATH.c) that holds one:
#                     its strings and constants go first in .rodata
#   lib ARCHIVE:MEMBER.o  a member of glibc's static libc.a or libm.a that
#                     holds a function that ran; valgrind's CPU takes the
#                     AVX2 variants of the string functions, so the EVEX
#                     and AVX-512 members beside an AVX2 one are listed
#                     too (the ones an AVX-512 machine takes).
# Needs valgrind; nothing in the build or the tests does.
set -euo pipefail

if [ "${1:-}" = ld ]; then
	# An output section before .text: each listed function's own
	# section (.text.NAME, or .text.startup.NAME for main and the
	# constructors), then each listed glibc member's text; then
	# ld_hot_text_end, where the start's prefault stops (loader/main.c).
	# And one before .rodata: the strings and constants of the objects
	# those functions are in, and the read-only data of the glibc
	# members.  A name the build does not have matches nothing.
	awk 'BEGIN {
		print "/* Generated from runtime/hot.txt by runtime/hotlist.sh: do not edit. */"
		print "SECTIONS\n{\n\t.text.start :\n\t{"
	}
	$1 == "fn" { printf "\t\t*(.text.%s .text.startup.%s)\n", $2, $2 }
	$1 == "lib" { printf "\t\t*%s(.text .text.*)\n", $2 }
	$1 == "obj" {
		rodata[++nr] = sprintf("*/%s.o(.rodata.str* .rodata.cst*)", $2)
	}
	$1 == "lib" { rodata[++nr] = sprintf("*%s(.rodata .rodata.*)", $2) }
	END {
		print "\t\tld_hot_text_end = .;\n\t}\n}\nINSERT BEFORE .text;"
		print "SECTIONS\n{\n\t.rodata.start :\n\t{"
		for (i = 1; i <= nr; i++)
			print "\t\t" rodata[i]
		print "\t}\n}\nINSERT BEFORE .rodata;"
	}' "$2"
	exit
fi
if [ "${1:-}" = check ]; then
	# The layout the list asks for is the one linked: every listed
	# function the binary has lies in .text.start, below
	# ld_hot_text_end, and the list is not stale (a function it names
	# that the binary no longer has costs a start its page).
	bin=$2 list=$3 pass=0 fail=0
	check() {
		if eval "$2"; then
			echo "ok: $1"; pass=$((pass + 1))
		else
			echo "FAIL: $1"; fail=$((fail + 1))
		fi
	}
	read -r lo _ < <(readelf -SW "$bin" | sed -nE 's/.*\] \.text\.start +PROGBITS +([0-9a-f]+) +([0-9a-f]+) +([0-9a-f]+).*/\1 \3/p') || true
	hi=$(nm "$bin" | awk '$3 == "ld_hot_text_end" { print $1 }')
	nm "$bin" | awk '$2 ~ /^[tTW]$/ { print $3, $1 }' | sort -u >"${TMPDIR:-/tmp}/hot.syms.$$"
	read -r listed have inside < <(awk -v lo="${lo:-0}" -v hi="${hi:-0}" '
		function num(h,  i, n) {
			n = 0
			for (i = 1; i <= length(h); i++)
				n = n * 16 + index("0123456789abcdef", substr(h, i, 1)) - 1
			return n
		}
		FNR == NR { addr[$1] = $2; next }
		$1 == "fn" {
			listed++
			if ($2 in addr) {
				have++
				a = num(addr[$2])
				if (a >= num(lo) && a < num(hi))
					inside++
			}
		}
		END { print listed + 0, have + 0, inside + 0 }
	' "${TMPDIR:-/tmp}/hot.syms.$$" "$list")
	rm -f "${TMPDIR:-/tmp}/hot.syms.$$"
	check "the binary has .text.start and ld_hot_text_end (${lo:-none}, ${hi:-none})" \
		'[ -n "$lo" ] && [ -n "$hi" ]'
	check "every listed function the binary has lies in .text.start ($inside of $have)" \
		'[ "$have" -gt 0 ] && [ "$inside" -eq "$have" ]'
	check "the list is not stale: $have of its $listed functions exist (make hot-list renews it)" \
		'[ $((have * 100)) -ge $((listed * 95)) ]'
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
[ "${1:-}" = profile ] || {
	echo "usage: hotlist.sh profile DLLSHARE PROGRAM.exe... | ld LIST |" \
		"check DLLSHARE LIST" >&2
	exit 2
}
dllshare=$(realpath "$2")
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
libdir=/usr/lib/x86_64-linux-gnu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DLLSHARE_CACHE=$tmp/cache
mkdir -m 700 "$DLLSHARE_CACHE"

for a in libc.a libm-2.36.a; do
	[ -f "$libdir/$a" ] || continue
	nm -A --defined-only "$libdir/$a" 2>/dev/null |
		sed -nE 's|^[^:]*/([^/:]+):([^:]+\.o): *[0-9a-f]+ [TtWwi] (.*)$|\3 \1:\2|p'
done | awk '!seen[$1]++' >"$tmp/members"
ar t "$libdir/libc.a" | sed 's/^/libc.a:/' >"$tmp/libc-members"

echo "# The code a start of \`dllshare run\` executes, placed first by the link"
echo "# (runtime/hotlist.sh).  Made by \`make hot-list\`: callgrind's record of"
echo "# dllshare running $(for p in "$@"; do basename "$p"; done | tr '\n' ' ' | sed 's/ $//')"
echo "# fn NAME: a function of ours; lib ARCHIVE:MEMBER: glibc's."
n=0
for prog in "$@"; do
	n=$((n + 1))
	dir=$(dirname "$(realpath "$prog")")
	(cd "$dir" && "$dllshare" run "$(basename "$prog")" </dev/null >/dev/null 2>&1) || true
	(cd "$dir" && valgrind -q --tool=callgrind --callgrind-out-file="$tmp/cg.$n" \
		"$dllshare" run "$(basename "$prog")" </dev/null >/dev/null 2>&1) || true
	# "FILE:FUNCTION" for every function with a cost, as callgrind_annotate
	# prints them (inclusive cost order: the start's path first).  A
	# program callgrind cannot follow (it asserts on some signal paths,
	# leaving an empty record) adds nothing, and is named.
	if ! callgrind_annotate --auto=no --inclusive=yes --threshold=100 \
		"$tmp/cg.$n" >"$tmp/an.$n" 2>/dev/null; then
		echo "hotlist.sh: no profile of $prog: callgrind left no record" >&2
		continue
	fi
	sed -nE 's/^ *[0-9,]+ \([^)]*\) +(.*[^ ]) *(\[.*\])?$/\1/p' "$tmp/an.$n" |
		sed -E 's/ \[[^]]*\]$//'
done | awk -v top="$top/" -v members="$tmp/members" -v all="$tmp/libc-members" '
	BEGIN {
		while ((getline l < members) > 0) {
			split(l, f, " ")
			member[f[1]] = f[2]
		}
		while ((getline l < all) > 0)
			exists[l] = 1
	}
	function add(line) {
		if (!(line in done)) {
			done[line] = 1
			print line
		}
	}
	{
		i = match($0, /:[^:]*$/)
		if (!i)
			next
		file = substr($0, 1, i - 1)
		fn = substr($0, i + 1)
		sub("\047[0-9]+$", "", fn) # the mark callgrind puts on a recursion
		# Our sources are named from the top or relative to it.
		if (index(file, top) == 1 ||
		    (file != "???" && substr(file, 1, 1) != "/")) {
			add("fn " fn)
			if (index(file, top) == 1)
				file = substr(file, length(top) + 1)
			if (file ~ /\.c$/) {
				sub(/\.c$/, "", file)
				add("obj " file)
			}
		} else if (file == "???" && (fn in member)) {
			m = member[fn]
			add("lib " m)
			if (m ~ /avx2/) {
				split("evex avx512 evex512", v, " ")
				for (k = 1; k <= 3; k++) {
					w = m
					sub(/avx2/, v[k], w)
					if (w in exists)
						add("lib " w)
				}
			}
		}
	}'
