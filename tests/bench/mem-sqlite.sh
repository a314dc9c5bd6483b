#!/bin/bash
# mem-sqlite.sh — what N processes of the real sqlite3.exe shell (the
# corpus's stock build, against the corpus's sqlite3.dll), each holding a
# database open, cost in image memory under dllshare and under Wine,
# measured in the same run.
#
#   mem-sqlite.sh CORPUSBIN RESULTS [OUTDIR]
#
# CORPUSBIN holds sqlite3.exe and sqlite3.dll (tests/corpus, build/corpus/bin).
# For N in $NS (default "1 8") it starts N copies of
#   sqlite3.exe db.K
# in a scratch directory, each fed by its own pipe: copy k creates a table in
# its own database file, fills it, opens a read transaction on it (BEGIN;
# SELECT ...: the file stays open with a shared lock) and prints "holding".
# The shell flushes its output before it reads each line (process_input), so
# "holding" reaches our pipe while the copy waits for its next line.  When every copy is holding, each is measured; then the pipes are
# closed and the copies end.  No sleeps.
#
# Image Pss is mem.sh's (tests/bench/mem-lib.sh): the Pss (/proc/PID/smaps)
# of every mapping inside [base, base + SizeOfImage) of sqlite3.exe and
# sqlite3.dll, the bases from dllmap --json, summed over the N processes;
# also dllmap's page-by-page totals.pss_kib and the whole-process Pss.
# Writes RESULTS; checks the target (dllshare / Wine image Pss at the largest
# N <= 0.15) and ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
[ $# -ge 2 ] || { echo "usage: mem-sqlite.sh CORPUSBIN RESULTS [OUTDIR]" >&2; exit 2; }
bin=$(cd "$1" && pwd) results=$2 out=${3:-build/bench}
WINE=${WINE:-wine}
DLLSHARE=$(realpath "${DLLSHARE:-build/bin/dllshare}")
DLLMAP=$(realpath "${DLLMAP:-build/bin/dllmap}")
NS=${NS:-1 8}
TARGET=0.15
exe=$bin/sqlite3.exe
images="sqlite3.exe sqlite3.dll"
mkdir -p "$out"
out=$(cd "$out" && pwd)
pass=0 fail=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
. tests/bench/mem-lib.sh # image_pss

ws=$(command -v wineserver || command -v /usr/lib/wine/wineserver64)
[ -n "$ws" ] && ${WINE% *} "$ws" -p60 2>/dev/null

tsv=$out/mem-sqlite.tsv
: >"$tsv"

# The script each copy reads, up to its hold (k: its number).
script() {
	cat <<EOF
CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000)
INSERT INTO t SELECT i, printf('row %d of copy $1', i) FROM c;
BEGIN;
SELECT count(*), sum(length(v)) FROM t;
SELECT 'holding';
EOF
}

# measure RUNNER N: starts N holding copies, measures, releases them.
measure() {
	local runner=$1 n=$2 k pids=() ins=() fds=() line json
	local d=$out/mem-sqlite-tmp
	rm -rf "$d" && mkdir -p "$d"
	for ((k = 0; k < n; k++)); do
		mkfifo "$d/in.$k" "$d/out.$k"
		exec {fd}<>"$d/out.$k"
		fds+=("$fd")
		exec {fd}<>"$d/in.$k"
		ins+=("$fd")
		# (the copy keeps no write end of any input pipe, or it would
		# never read end-of-file)
		# shellcheck disable=SC2086
		(
			for f in "${ins[@]}"; do exec {f}>&-; done
			cd "$d" || exit 1
			if [ "$runner" = wine ]; then
				exec $WINE "$exe" "db.$k" <"in.$k" >"out.$k" 2>"err.$k"
			else
				exec "$DLLSHARE" run "$exe" "db.$k" <"in.$k" >"out.$k" 2>"err.$k"
			fi
		) &
		pids+=($!)
		script "$k" >&"${ins[$k]}"
	done
	if ! wait_holds "$n"; then
		bad "$runner N=$n: not every sqlite3.exe reached its hold (see $d/err.*)"
	else
		local sum_img=0 sum_tot=0 sum_dm=0 pid kib tot dm
		for pid in "${pids[@]}"; do
			json=$("$DLLMAP" --json "$pid" 2>/dev/null)
			read -r kib tot dm <<<"$(pss_of "$pid" "$json")"
			sum_img=$((sum_img + kib)) sum_tot=$((sum_tot + tot)) sum_dm=$((sum_dm + dm))
		done
		printf '%s\t%d\t%d\t%d\t%d\n' "$runner" "$n" "$sum_img" "$sum_tot" "$sum_dm" >>"$tsv"
		echo "$runner N=$n: image Pss $sum_img KiB (dllmap: $sum_dm KiB), total Pss $sum_tot KiB"
		[ "$runner" = dllshare ] && [ "$n" = "${NS##* }" ] && "$DLLMAP" "${pids[0]}" >"$out/mem-sqlite-dllmap.txt" 2>&1
	fi
	for fd in "${ins[@]}"; do exec {fd}>&-; done # end of input: the shells exit
	wait "${pids[@]}" 2>/dev/null
	for fd in "${fds[@]}"; do exec {fd}<&-; done
	rm -rf "$d"
	return 0
}

runners=()
for r in dllshare wine; do
	[ -x "$DLLSHARE" ] || [ "$r" = wine ] || { bad "no $DLLSHARE"; continue; }
	runners+=("$r")
done
for r in "${runners[@]}"; do
	for n in $NS; do measure "$r" "$n"; done
done

col() { # RUNNER N FIELD
	awk -F'\t' -v r="$1" -v n="$2" -v f="$3" '$1 == r && $2 == n { v = $f }
		END { print (v == "" ? "-" : v) }' "$tsv"
}
nmax=${NS##* }
ds=$(col dllshare "$nmax" 3) wn=$(col wine "$nmax" 3)
ratio=-
if [ "$ds" != - ] && [ "$wn" != - ] && [ "$wn" -gt 0 ]; then
	ratio=$(awk -v a="$ds" -v b="$wn" 'BEGIN { printf "%.3f", a / b }')
	if awk -v r="$ratio" -v t="$TARGET" 'BEGIN { exit !(r <= t) }'; then
		ok "sqlite3.exe x$nmax: image Pss dllshare/Wine = $ratio (target <= $TARGET)"
	else
		bad "sqlite3.exe x$nmax: image Pss dllshare/Wine = $ratio, above the target $TARGET"
	fi
else
	bad "sqlite3.exe x$nmax: no ratio (a runner was not measured)"
fi

{
	echo "# bench-mem-sqlite: N concurrent sqlite3.exe (corpus build) each holding a database open"
	echo "# written by tests/bench/mem-sqlite.sh (make bench); do not edit by hand"
	echo "# image Pss: Pss (smaps) of every mapping inside sqlite3.exe and sqlite3.dll,"
	echo "# summed over the N processes; dllmap: the same from dllmap --json totals.pss_kib;"
	echo "# total: whole-process Pss (smaps_rollup), for scale.  KiB."
	echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC'); dllshare commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "# machine: $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr); $(wine --version 2>/dev/null)"
	echo "# sqlite3.exe $(stat -c %s "$exe") bytes, sqlite3.dll $(stat -c %s "$bin/sqlite3.dll") bytes"
	printf '%-9s %3s %12s %12s %12s\n' runner N image_pss dllmap_pss total_pss
	while IFS=$'\t' read -r r n img tot dm; do
		printf '%-9s %3d %12d %12d %12d\n' "$r" "$n" "$img" "$dm" "$tot"
	done <"$tsv"
	echo "ratio dllshare/wine image Pss at N=$nmax: $ratio (target <= $TARGET)"
	if [ -s "$out/mem-sqlite-dllmap.txt" ]; then
		echo
		echo "# dllmap of one of the $nmax dllshare processes:"
		cat "$out/mem-sqlite-dllmap.txt"
	fi
} >"$results"
echo "wrote $results"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
