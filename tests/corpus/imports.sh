#!/bin/bash
# imports.sh — every program and DLL of the corpus has all its imports
# among dllshare's built-ins or the DLLs beside it:
# `dllshare inspect --imports` reports no MISSING import.
#
#   tests/corpus/imports.sh DLLSHARE DIR...
#
# One case per file; ends with "N passed, N failed".
set -u
ds=$1
shift
pass=0 fail=0
for dir in "$@"; do
	for f in "$dir"/*.exe "$dir"/*.dll; do
		[ -e "$f" ] || continue
		missing=$("$ds" inspect --imports "$f" 2>&1 | awk '/MISSING$/ { print $1 }' | sort -u)
		if [ -z "$missing" ]; then
			echo "PASS imports of $(basename "$f")"
			pass=$((pass + 1))
		else
			echo "FAIL imports of $(basename "$f"): missing" $missing
			fail=$((fail + 1))
		fi
	done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
