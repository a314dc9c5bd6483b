#!/bin/bash
# mem.sh — what N processes of one sample cost in memory, under dllshare and
# under Wine, measured in the same run.
#
#   mem.sh [OUTDIR]      (default build/bench)
#
# For N = 1, 2, 4, 8, 16 it starts N copies of samples/cow (process k writes
# pages 4k..4k+3 of cow.dll's 256-page table), waits until every copy says
# it is holding (it blocks reading stdin), measures, then closes their stdin
# and waits for them.  No sleeps: each copy's stdout is a pipe read up to
# its "holding" line.
#
# What is measured, per process:
#   image Pss  the sum of Pss (/proc/PID/smaps) over every mapping inside the
#              address ranges of the sample's own images, cow.exe and
#              cow.dll: [base, base + SizeOfImage), the base being where
#              dllmap --json finds each module.  Wine's own DLLs (ntdll,
#              kernel32, msvcrt...) and dllshare's runtime are not images of
#              the sample and are not counted here.
#   image PSS  the same, page by page, from dllmap --json (totals.pss_kib
#   by dllmap of the two modules: 4 KiB / number of processes mapping the
#              page, from /proc/kpagecount).  On kernels whose smaps Pss
#              averages over large folios the two differ a little.
#   total Pss  Pss of the whole process (/proc/PID/smaps_rollup), for scale.
#   private    (dllshare) private pages of the images, by reason, from
#              dllmap --json.
#
# Writes OUTDIR/mem.tsv (one line per runner and N), OUTDIR/mem-private.tsv,
# tests/bench/RESULTS.md, tests/bench/mem.png; checks the target (each extra
# dllshare process adds only the pages it writes) and ends with
# "N passed, N failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
out=${1:-build/bench}
WINE=${WINE:-wine}
DLLSHARE=${DLLSHARE:-build/bin/dllshare}
DLLMAP=${DLLMAP:-build/bin/dllmap}
SB=${SB:-build/samples}
NS=${NS:-1 2 4 8 16}
exe=$SB/cow/cow.exe
images="cow.exe cow.dll"
WRITES=4 # pages each process writes
mkdir -p "$out"
pass=0 fail=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

ws=$(command -v wineserver || command -v /usr/lib/wine/wineserver64)
[ -n "$ws" ] && ${WINE% *} "$ws" -p60 2>/dev/null

runner_ok() { # RUNNER: can this runner start the sample at all?
	case $1 in
	wine) $WINE "$exe" 0 </dev/null 2>/dev/null | grep -q holding ;;
	dllshare) [ -x "$DLLSHARE" ] && "$DLLSHARE" run "$exe" 0 </dev/null 2>/dev/null | grep -q holding ;;
	esac
}

. tests/bench/mem-lib.sh # image_pss

# measure RUNNER N: starts N holding copies, measures, releases them.
# Appends to mem.tsv and mem-private.tsv.
measure() {
	local runner=$1 n=$2 k pids=() fds=() hold line json
	local d=$out/mem-tmp
	rm -rf "$d" && mkdir -p "$d"
	mkfifo "$d/hold"
	exec {hold}<>"$d/hold" # read-write: opening does not block
	for ((k = 0; k < n; k++)); do
		mkfifo "$d/out.$k"
		exec {fd}<>"$d/out.$k"
		fds+=("$fd")
		local pages="$((4 * k)) $((4 * k + 1)) $((4 * k + 2)) $((4 * k + 3))"
		# shellcheck disable=SC2086
		if [ "$runner" = wine ]; then
			$WINE "$exe" $pages <"$d/hold" >"$d/out.$k" 2>"$d/err.$k" {hold}>&- &
		else
			"$DLLSHARE" run "$exe" $pages <"$d/hold" >"$d/out.$k" 2>"$d/err.$k" {hold}>&- &
		fi
		pids+=($!)
	done
	if ! wait_holds "$n"; then
		bad "$runner N=$n: not every process reached its hold (see $d/err.*)"
	else
		local sum_img=0 sum_tot=0 sum_dm=0 pid kib tot dm
		for pid in "${pids[@]}"; do
			json=$("$DLLMAP" --json "$pid" 2>/dev/null)
			read -r kib tot dm <<<"$(pss_of "$pid" "$json")"
			sum_img=$((sum_img + kib)) sum_tot=$((sum_tot + tot)) sum_dm=$((sum_dm + dm))
			if [ "$runner" = dllshare ]; then
				# private pages of the sample's images, by reason
				jq -r --arg n "$n" --arg pid "$pid" '.modules[]
					| select(.name == "cow.exe" or .name == "cow.dll") as $m
					| $m.sections[] as $s | ($s.private_pages // [])[]
					| [$n, $pid, $m.name, $s.name, (.reason // "unknown")] | @tsv' \
					<<<"$json" >>"$out/mem-private.tsv"
			fi
		done
		printf '%s\t%d\t%d\t%d\t%d\n' "$runner" "$n" "$sum_img" "$sum_tot" "$sum_dm" >>"$out/mem.tsv"
		echo "$runner N=$n: image Pss $sum_img KiB (dllmap: $sum_dm KiB), total Pss $sum_tot KiB"
	fi
	exec {hold}>&- # every copy reads end-of-file and exits
	for fd in "${fds[@]}"; do exec {fd}>&-; done
	wait "${pids[@]}" 2>/dev/null
	rm -rf "$d"
	return 0
}

: >"$out/mem.tsv"
: >"$out/mem-private.tsv"
runners=()
for r in dllshare wine; do
	if runner_ok "$r"; then
		runners+=("$r")
	else
		bad "$r cannot run $exe (for dllshare: is 'dllshare run' implemented?)"
	fi
done
for r in "${runners[@]}"; do
	for n in $NS; do measure "$r" "$n"; done
done

# The target: under dllshare, each process has exactly its WRITES pages of
# cow.dll's .table private, and each extra process adds to the image Pss
# sum no more than what it writes.
if [[ " ${runners[*]} " == *" dllshare "* ]]; then
	worst=$(awk -F'\t' '$3 == "cow.dll" && $4 == ".table" { c[$1 " " $2]++ }
		END { for (k in c) if (c[k] != '"$WRITES"') print k, c[k] }' "$out/mem-private.tsv")
	npids=$(awk -F'\t' '$3 == "cow.dll" && $4 == ".table" { print $2 }' "$out/mem-private.tsv" | sort -u | wc -l)
	if [ -z "$worst" ] && [ "$npids" -gt 0 ]; then
		ok "dllshare: every process has exactly $WRITES private pages in cow.dll .table ($npids processes)"
	else
		bad "dllshare: private pages in cow.dll .table per process differ from $WRITES: ${worst:-no data}"
	fi
	# One process's private pages, plus the originals of the WRITES pages
	# it wrote, which stay mapped by the others: nothing else may grow.
	per=$(awk -F'\t' '$1 == 1 { c++ } END { print c + 0 }' "$out/mem-private.tsv")
	limit=$(((per + WRITES) * 4))
	for col in 3:smaps 5:dllmap; do
		f=${col%%:*} how=${col#*:}
		read -r n1 k1 nmax kmax <<<"$(awk -F'\t' -v f="$f" '$1 == "dllshare" {
			if (!c++) { n1 = $2; k1 = $f } n = $2; k = $f }
			END { print n1, k1, n, k }' "$out/mem.tsv")"
		[ -n "$nmax" ] && [ "$nmax" -gt "$n1" ] || continue
		growth=$(((kmax - k1) / (nmax - n1)))
		if [ "$growth" -le "$limit" ]; then
			ok "dllshare: each extra process adds $growth KiB of image Pss ($how), at most its $per private pages + the $WRITES originals it wrote ($limit KiB)"
		else
			bad "dllshare: each extra process adds $growth KiB of image Pss ($how), more than its $per private pages + $WRITES originals ($limit KiB)"
		fi
	done
fi
tests/bench/mem-report.sh "$out" && ok "wrote tests/bench/RESULTS.md and tests/bench/mem.png" ||
	bad "could not write tests/bench/RESULTS.md or mem.png"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
