#!/bin/bash
# run.sh — runs the pe/ fuzzer for SECONDS and reports one test result.
#
#   run.sh FUZZ_BIN SECONDS CORPUS SEEDS CRASHDIR
#
# Passes when libFuzzer finds nothing (exit 0); a crash, sanitizer report,
# leak or 10-second hang on one input fails, and the input is kept in
# CRASHDIR for reproduction: FUZZ_BIN CRASHDIR/crash-...
set -u
bin=$1 secs=$2 corpus=$3 seeds=$4 crashes=$5
log=$(dirname "$corpus")/fuzz.log
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" \
	"$corpus" "$seeds" >"$log" 2>&1
rc=$?
grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$log" | tail -n 2
if [ $rc -eq 0 ]; then
	echo "fuzz: $(grep -oE 'number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+') inputs in ${secs}s, no crash (log: $log)"
	echo "1 passed, 0 failed"
else
	grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -n 10
	echo "fuzz: libFuzzer exit $rc (log: $log, inputs in $crashes)"
	echo "0 passed, 1 failed"
fi
[ $rc -eq 0 ]
