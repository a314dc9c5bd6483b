#!/bin/bash
# run.sh — runs `dllshare inspect` on every image of the malformed corpus.
#
#   run.sh DLLSHARE CORPUSDIR
#
# Each case must exit non-zero without a signal (status < 128) and print
# "dllshare: FILE: " followed by a message containing the expected text
# (CORPUSDIR/cases, written by gen_malformed).  valid.dll must exit 0.
set -u
bin=$1 dir=$2
pass=0 fail=0
check() { # name ok? message
	if [ "$2" = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1: $3"; fi
}
"$bin" inspect "$dir/valid.dll" >/dev/null 2>"$dir/valid.err"
rc=$?
check valid.dll $([ $rc -eq 0 ] && echo 1) "exit $rc: $(cat "$dir/valid.err")"
while IFS=$'\t' read -r file want; do
	err=$("$bin" inspect "$file" 2>&1 >/dev/null)
	rc=$?
	name=$(basename "$file")
	if [ $rc -ge 128 ]; then
		check "$name" 0 "killed by signal $((rc - 128))"
	elif [ $rc -eq 0 ]; then
		check "$name" 0 "accepted (exit 0)"
	elif [[ "$err" != "dllshare: $file: "*"$want"* ]]; then
		check "$name" 0 "exit $rc, message \"$err\", expected \"$want\""
	else
		check "$name" 1
	fi
done <"$dir/cases"
echo "malformed: $((pass + fail)) images ($(wc -l <"$dir/cases") malformed + valid.dll)"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
