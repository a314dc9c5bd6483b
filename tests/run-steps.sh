#!/bin/bash
# Runs each named make target as one test step and sums their results.
# A step ends its output with a line "N passed, N failed"; a step that exits
# non-zero without one counts as one failure, and so does a step whose exit
# status is non-zero while its line says nothing failed.
make_cmd=$1; shift
logs=build/test-logs
mkdir -p "$logs"
tp=0; tf=0; bad=()
for step in "$@"; do
	echo "=== $step"
	$make_cmd --no-print-directory -s "$step" 2>&1 | tee "$logs/$step.log"
	rc=${PIPESTATUS[0]}
	line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$logs/$step.log" | tail -n 1)
	p=0; f=0
	if [ -n "$line" ]; then
		p=$(sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed.*/\2/' <<<"$line")
		f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ -z "$line" ] && [ "$rc" -eq 0 ]; then p=1; fi
	tp=$((tp + p)); tf=$((tf + f))
	[ "$f" -eq 0 ] || bad+=("$step")
	echo "--- $step: $p passed, $f failed (exit $rc)"
done
echo
[ ${#bad[@]} -eq 0 ] || echo "failed steps: ${bad[*]}"
echo "$tp passed, $tf failed"
[ "$tf" -eq 0 ]
