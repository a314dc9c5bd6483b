#!/bin/bash
# man.sh PAGE... — each manual page renders without a single warning, by
# groff (-ww: every warning) and by man-db (man --warnings -l), and has every
# section a manual page is expected to have.  Ends with "N passed, N failed".
set -u
pass=0 fail=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
sections=(NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS ENVIRONMENT FILES
	"EXIT STATUS" EXAMPLES "SEE ALSO")
err=$(mktemp) && trap 'rm -f "$err"' EXIT
for page in "$@"; do
	if groff -ww -man -Tutf8 "$page" >/dev/null 2>"$err" && [ ! -s "$err" ]; then
		ok "$page: groff -ww -man -Tutf8, no warning"
	else
		bad "$page: groff -ww -man -Tutf8:"; sed 's/^/    /' "$err"
	fi
	if MANWIDTH=80 man --warnings -l "$page" >/dev/null 2>"$err" && [ ! -s "$err" ]; then
		ok "$page: man --warnings -l, no warning"
	else
		bad "$page: man --warnings -l:"; sed 's/^/    /' "$err"
	fi
	missing=()
	for s in "${sections[@]}"; do
		grep -qx "\.SH \"\?$s\"\?" "$page" || missing+=("$s")
	done
	if [ ${#missing[@]} -eq 0 ]; then ok "$page: all ${#sections[@]} sections"; else
		bad "$page: missing sections: ${missing[*]}"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
