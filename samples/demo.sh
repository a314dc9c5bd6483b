#!/bin/bash
# demo.sh — `make demo`: three processes of samples/counter under dllshare
# at once, their pages seen by dllmap while they are alive.
#
# 1. dllshare inspect counter.dll: .shared is "shared-writable", .data is
#    copy-on-write.
# 2. three `counter.exe hold NAME` start together; each bumps the counters
#    once, prints, and blocks reading stdin (one pipe for all three).
# 3. dllmap --pages shows each process's pages; dllmap --html writes the
#    picture to build/demo.html.
# 4. closing the pipe releases them: each bumps once more and exits.
# Synchronization is by pipes only: the script reads the three first lines
# before it runs dllmap, and the processes wait for the end of their stdin.
set -u
cd "$(dirname "$0")/.." || exit 1
B=${B:-build}
DLLSHARE=${DLLSHARE:-$B/bin/dllshare}
DLLMAP=${DLLMAP:-$B/bin/dllmap}
dir=$B/samples/counter
html=$B/demo.html

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	bold=$'\e[1m' off=$'\e[0m'
else
	bold='' off=''
fi
step() { echo; echo "${bold}== $*${off}"; }
say() { echo "   \$ $*"; }

step "1. The DLL: one section is marked IMAGE_SCN_MEM_SHARED"
say dllshare inspect $dir/counter.dll
"$DLLSHARE" inspect "$dir/counter.dll" | grep -E '^ +(#|-|[0-9]+) +(name|\(headers\)|\.text|\.data|\.shared|\.bss|\.idata) '
echo "   .shared is shared-writable: one copy for every process."
echo "   .data is copy-on-write: shared until a process writes, then private."

if "$DLLSHARE" run 2>&1 </dev/null | grep -q 'not implemented'; then
	echo
	echo "NOT AVAILABLE YET: 'dllshare run' is not implemented, so the three"
	echo "processes and their dllmap picture cannot be shown."
	exit 0
fi

step "2. Three processes of counter.exe at once, under dllshare"
say "dllshare run $dir/counter.exe hold A & (and B, and C)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dllshare-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/hold" "$tmp/out"
exec {hold}<>"$tmp/hold" # read-write: opening it does not block
pids=()
for name in A B C; do
	"$DLLSHARE" run "$dir/counter.exe" hold "$name" >"$tmp/out" <"$tmp/hold" {hold}>&- &
	pids+=($!)
done
exec {out}<"$tmp/out"
for _ in 1 2 3; do
	IFS= read -r -t 60 -u "$out" line || { echo "demo: a process did not start" >&2; exit 1; }
	echo "   ${line%$'\r'}"
done
echo "   (each bumped once: together they brought the shared counter to 3,"
echo "    while each one's private counter is 1)"

step "3. What dllmap sees while they hold (pids ${pids[*]})"
say dllmap --pages "${pids[*]}"
# counter.dll only, without its .debug_* sections (never touched); page
# by page for the first process, one summary line for the others.
"$DLLMAP" --pages "${pids[@]}" | awk '
	/^legend/ { legend = 1; print "   " $0; next }
	legend && /^$/ { legend = 0 }
	legend { if ($1 ~ /^[.SPW]$/) print "   " $0; next }
	/^pid / { n++; print ""; print "   " $0; next }
	/^  image/ { print "   " $0; next }
	/^  [^ ]/ { mod = ($1 == "counter.dll"); sec = mod && n == 1; if (mod) print "   " $0; next }
	/^    [^ ]/ { sec = mod && n == 1 && $1 !~ /^\.debug/ }
	sec { print "   " $0 }'
echo
echo "   Every process has its own copy of .data (P: it wrote private_count),"
echo "   and all three map one .shared page (W), mapped by 3 processes."
"$DLLMAP" --html "$html" "${pids[@]}" >/dev/null
echo
echo "   The same, as a picture: $html (open it in a browser; hover a page for why)."
echo "   Its slider replays, from load to now, the order in which pages turned private."

step "4. Releasing them (closing their stdin)"
exec {hold}>&-
while IFS= read -r -t 60 -u "$out" line; do
	echo "   ${line%$'\r'}"
done
wait "${pids[@]}"
echo "   (three more bumps: the shared counter ends at 6 in whichever process"
echo "    finished last; each private counter ends at 2)"
echo
echo "Watch it live: start a sample that waits, e.g."
echo "   \$ $DLLSHARE run $B/samples/lazy/lazy.exe"
echo "and in a second terminal"
echo "   \$ $DLLMAP --watch \$(pgrep -n -x dllshare)"
echo "then type 'write data 5' into the first: page 5 of .lazyd turns from S to P"
echo "on screen (q quits the view; docs/tutorial.md step 7)."
echo
echo "Read more: docs/tutorial.md; samples/*/ABOUT.md."
