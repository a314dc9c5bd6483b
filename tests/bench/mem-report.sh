#!/bin/bash
# mem-report.sh OUTDIR — turns OUTDIR/mem.tsv and OUTDIR/mem-private.tsv
# (written by mem.sh) into tests/bench/RESULTS.md and tests/bench/mem.png.
set -eu
cd "$(dirname "$0")/../.."
out=$1
tsv=$out/mem.tsv
priv=$out/mem-private.tsv
md=tests/bench/RESULTS.md
png=tests/bench/mem.png

col() { # RUNNER N FIELD: one number from mem.tsv, or "—"
	awk -F'\t' -v r="$1" -v n="$2" -v f="$3" '$1 == r && $2 == n { v = $f }
		END { print (v == "" ? "—" : v) }' "$tsv"
}

# The plot: image Pss summed over N processes, both runners.
for r in dllshare wine; do
	awk -F'\t' -v r="$r" '$1 == r { print $2, $3 }' "$tsv" >"$out/mem-$r.dat"
done
gnuplot <<EOF
set terminal pngcairo size 800,500 noenhanced font ",11"
set output "$png"
set title "cow sample: Pss of cow.exe + cow.dll summed over N processes"
set xlabel "N processes alive at once"
set ylabel "KiB"
set key top left
set grid
set xrange [0:17]
set yrange [0:*]
set xtics (1, 2, 4, 8, 16)
plot "$out/mem-dllshare.dat" using 1:2 with linespoints lw 2 title "dllshare", \
     "$out/mem-wine.dat" using 1:2 with linespoints lw 2 title "Wine ($(wine --version 2>/dev/null))"
EOF

{
	cat <<'EOF'
# Benchmark results

Written by `make bench` (step `bench-mem`, script `tests/bench/mem.sh`); do
not edit by hand.

## Memory: N processes of one program (`bench-mem`)

N copies of `samples/cow` are alive at once (each blocks reading its stdin
after its work); copy k reads all 256 pages of `cow.dll`'s 1 MiB table and
writes one int in pages 4k..4k+3.  Both runners are measured in the same run,
one after the other.

**What is counted.**  *Image Pss*: for each process, the proportional set
size (`Pss:` in `/proc/PID/smaps`) of every mapping that lies inside the
address range of one of the sample's own images — `cow.exe` and `cow.dll`,
from their base to base + `SizeOfImage`, the base being where
`dllmap --json` finds the module in that process — summed over the N
processes.  For Wine that covers the file-backed and the anonymous mappings
Wine makes for those two PE files (Wine copies sections whose file offset is
not page-aligned — every section of a mingw-w64 image, `FileAlignment`
0x200 — into anonymous memory).  Wine's own DLLs (ntdll, kernel32, msvcrt,
...) and dllshare's runtime are not images of the sample and are not in this
number; the whole-process Pss is shown beside it for scale.

EOF
	echo "| N | dllshare image Pss (KiB) | Wine image Pss (KiB) | dllshare, by dllmap | Wine, by dllmap | dllshare total Pss (KiB) | Wine total Pss (KiB) |"
	echo "|---:|---:|---:|---:|---:|---:|---:|"
	for n in $(cut -f2 "$tsv" | sort -nu); do
		echo "| $n | $(col dllshare "$n" 3) | $(col wine "$n" 3) | $(col dllshare "$n" 5) | $(col wine "$n" 5) | $(col dllshare "$n" 4) | $(col wine "$n" 4) |"
	done
	echo
	echo "*by dllmap*: the same image Pss computed page by page by \`dllmap --json\`"
	echo "(\`totals.pss_kib\` of the two modules: 4 KiB divided by the number of"
	echo "processes mapping each page, from \`/proc/kpagecount\`).  The two columns can"
	echo "differ by a few percent: our best explanation is that this kernel accounts"
	echo "smaps \`Pss\` of large folios by their average mapcount"
	echo "(\`CONFIG_NO_PAGE_MAPCOUNT\`); they agree on the shape."
	echo
	echo '![image Pss against N](mem.png)'
	echo
	for r in dllshare wine; do
		awk -F'\t' -v r="$r" '$1 == r { n[++c] = $2; k[c] = $3; d[c] = $5 }
			END { if (c > 1) printf "- %s: each extra process adds %.0f KiB of image Pss on average (N = %d to %d; %.0f KiB by dllmap).\n",
				r, (k[c] - k[1]) / (n[c] - n[1]), n[1], n[c], (d[c] - d[1]) / (n[c] - n[1]) }' "$tsv"
	done
	echo
	echo "What to expect: a dllshare process owns privately only the pages it (or the"
	echo "loader, for it) wrote — listed below — and maps everything else from the"
	echo "one copy; the originals of the pages one process wrote stay in use by the"
	echo "others.  So each extra process may add its private pages plus those"
	echo "originals, and nothing more (\`bench-mem\` checks this).  A Wine process"
	echo "pays for the whole image again."
	echo
	if [ -s "$priv" ]; then
		echo "**Why dllshare's pages are private** (one process at N = 1, from"
		echo "\`dllmap --json\`: module, section, reason, pages):"
		echo
		echo '```'
		awk -F'\t' '$1 == 1 { c[$3 " " $4 " " $5]++ } END { for (k in c) print k, c[k] }' "$priv" | sort
		echo '```'
		echo
		echo "\`.table\` \"write\": the 4 pages cow.exe wrote.  \`.data\` \"write\": the C runtime's"
		echo "start-up code in cow.dll writes one of its globals.  \`.idata\` \"binding\": the"
		echo "import address table the loader fills.  \`.bss\` \"binding\": the loader writes"
		echo "each image's TLS index there (\`_tls_index\`, which mingw-w64 puts in \`.bss\`)."
		echo
		echo "Private pages of the two images per process, for each N:"
		echo
		echo '```'
		awk -F'\t' '{ c[$1 " " $2]++ } END { for (k in c) { split(k, f, " "); print f[1], c[k] } }' "$priv" |
			sort -n | uniq -c | awk '{ printf "N = %-2d  %2d processes with %d private pages each\n", $2, $1, $3 }'
		echo '```'
	else
		echo "dllshare was not measured in this run (\`dllshare run\` missing or failing); see the"
		echo "\`bench-mem\` log."
	fi
	echo
	echo "**Machine.**"
	echo
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), dllshare commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
	echo "- CPUs: $(nproc); memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); kernel: $(uname -sr)"
	echo "- $(wine --version 2>/dev/null); $(gcc --version | head -1); $(x86_64-w64-mingw32-gcc --version | head -1)"
	echo "- mingw-w64 runtime: $(dpkg-query -W -f='${Version}' mingw-w64-x86-64-dev 2>/dev/null || echo '?')"
	others=$(cd tests/bench && ls results-*.txt 2>/dev/null | sed 's/.*/[`&`](&)/' | paste -sd, - | sed 's/,/, /g')
	if [ -n "$others" ]; then
		echo
		echo "## Other benchmarks"
		echo
		echo "The other \`make bench\` steps write their own results: $others."
	fi
} >"$md"
