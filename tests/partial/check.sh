#!/bin/bash
# check.sh — the built-ins marked partial refuse what they say they refuse.
#
#   check.sh DLLSHARE EXE...
#
# Every function `dllshare exports --json` lists as partial must have a
# CASE in one of the programs (tests/partial/*.c); each program's output
# must equal its NAME.expected (the failures and their error codes), and
# --trace must name each refusal on stderr.
set -u
dllshare=$1; shift
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
	if ! grep -q "CASE(\"$n\"" "$here"/*.c; then
		bad "$n is marked partial but tests/partial/ has no CASE for it"
		untested=1
	fi
done <"$tmp/names"
[ $untested = 0 ] && ok "every partial function ($(wc -l <"$tmp/names")) has a case"

for exe in "$@"; do
	name=$(basename "$exe" .exe)
	DLLSHARE_TRACE=1 "$dllshare" run "$exe" >"$tmp/out" 2>>"$tmp/err"
	rc=$?
	if [ $rc = 0 ]; then ok "$name.exe exits 0"; else bad "$name.exe exit $rc"; fi
	if diff -u "$here/$name.expected" "$tmp/out"; then
		ok "$name: refusals as expected"
	else
		bad "$name: output differs from $name.expected"
	fi
done
missing=0
while read -r n; do
	if ! grep -q "dllshare: $n: not supported: " "$tmp/err"; then
		bad "--trace says nothing about $n's refusal"
		missing=1
	fi
done <"$tmp/names"
[ $missing = 0 ] && ok "--trace names every refusal"
# cmd.exe's place (cmd.c): each command beyond its subset named on stderr.
for c in "dir" "mkdir x" "for %i in (1 2) do echo %i"; do
	if grep -qxF "dllshare: cmd: not supported: $c" <(tr -d '\r' <"$tmp/err"); then
		ok "cmd names the command it refuses: $c"
	else
		bad "cmd says nothing of refusing '$c'"
	fi
done
echo "partial: $pass passed, $fail failed"
[ $fail = 0 ]
