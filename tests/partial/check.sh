#!/bin/bash
# check.sh — the built-ins marked partial refuse what they say they refuse.
#
#   check.sh DLLSHARE PARTIAL_EXE
#
# Every function `dllshare exports --json` lists as partial must have a
# CASE in partial.c; partial.exe's output must equal partial.expected
# (the failures and their error codes), and --trace must name each
# refusal on stderr.
set -u
dllshare=$1 exe=$2
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

"$dllshare" exports --json >"$tmp/json" || { bad "exports --json"; exit 1; }
python3 -c '
import json, sys
for x in json.load(open(sys.argv[1]))["dlls"]:
    for p in x["partial"]:
        print(p["name"])' "$tmp/json" >"$tmp/names"
untested=0
while read -r n; do
	if ! grep -q "CASE(\"$n\"" "$here/partial.c"; then
		bad "$n is marked partial but partial.c has no CASE for it"
		untested=1
	fi
done <"$tmp/names"
[ $untested = 0 ] && ok "every partial function ($(wc -l <"$tmp/names")) has a case"

DLLSHARE_TRACE=1 "$dllshare" run "$exe" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ]; then ok "partial.exe exits 0"; else bad "partial.exe exit $rc"; fi
if diff -u "$here/partial.expected" "$tmp/out"; then
	ok "refusals as expected"
else
	bad "output differs from partial.expected"
fi
missing=0
while read -r n; do
	if ! grep -q "dllshare: $n: refused: " "$tmp/err"; then
		bad "--trace says nothing about $n's refusal"
		missing=1
	fi
done <"$tmp/names"
[ $missing = 0 ] && ok "--trace names every refusal"
echo "partial: $pass passed, $fail failed"
[ $fail = 0 ]
