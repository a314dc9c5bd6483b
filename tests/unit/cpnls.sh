#!/bin/bash
# cpnls.sh — the build's code page generator (runtime/core/gen/cpnls.c)
# on Wine's code page files as installed and on damaged copies of them.
#
#   cpnls.sh CPNLS NLSDIR
#
# The installed files make the tables (every page of cpwine.h, its hash
# checked); a changed byte, a cut file, a missing one and a file of
# another page each stop it with a message naming the file.
set -u
cpnls=$1 nls=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

# expect_fail DESCRIPTION PATTERN DIR: cpnls on DIR exits 1 with PATTERN
expect_fail() {
	"$cpnls" "$3" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ $rc -eq 1 ] && grep -q -- "$2" "$tmp/err"; then
		ok "$1"
	else
		bad "$1 (exit $rc: $(head -c 300 "$tmp/err"))"
	fi
}

"$cpnls" "$nls" >"$tmp/tables.c" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
	ok "installed files: tables made, nothing on stderr"
else
	bad "installed files (exit $rc: $(head -c 300 "$tmp/err"))"
fi
n=$(grep -c '^	{.cp = ' "$tmp/tables.c")
want=$(grep -c '^	X(' runtime/core/cpwine.h)
if [ "$n" -eq "$want" ] && [ "$n" -gt 60 ]; then
	ok "every page of cpwine.h ($n)"
else
	bad "pages: $n made, $want in cpwine.h"
fi
if grep -q '^	/\* [0-9]*: 932, 0x81 \*/ {$' "$tmp/tables.c" &&
	sed -n '/rt_cp_invalid_bits/,/^};/p' "$tmp/tables.c" |
	grep -q '^	{ /\* 874 \*/$'; then
	ok "double-byte rows (932) and refused bytes (874) present"
else
	bad "932's rows or 874's refused bytes missing"
fi

copy() { rm -rf "$tmp/nls"; mkdir "$tmp/nls" && cp "$nls"/c_*.nls "$tmp/nls"/; }

# 1252's byte 0x41 ('A') read as 'B': one character of one page.
copy
off=$(( (13 + 1 + 0x41) * 2 ))
printf 'B' | dd of="$tmp/nls/c_1252.nls" bs=1 seek=$off conv=notrunc status=none
expect_fail "a changed character" "c_1252.nls: not the tables measured" "$tmp/nls"

copy
truncate -s 100000 "$tmp/nls/c_932.nls"
expect_fail "a cut file" "c_932.nls: the UTF-16 table lies past the end" "$tmp/nls"

copy
rm "$tmp/nls/c_437.nls"
expect_fail "a missing file" "c_437.nls: No such file" "$tmp/nls"

copy
cp "$nls/c_850.nls" "$tmp/nls/c_437.nls"
expect_fail "another page's file" "c_437.nls: header is not this page's" "$tmp/nls"

copy
: >"$tmp/nls/c_1250.nls"
expect_fail "an empty file" "c_1250.nls: not a code page file" "$tmp/nls"

"$cpnls" >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q '^usage: cpnls NLSDIR' "$tmp/err"; then
	ok "usage"
else
	bad "usage"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
