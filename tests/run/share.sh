#!/bin/bash
# share.sh DLLSHARE DIR — two processes run share_main.exe (and its DLL)
# from the same image sections; while both wait on stdin, their page
# frames (/proc/PID/pagemap, root only) must be the same for every page
# they did not write.  Both also load reuse_a.dll, the first one three
# times, freeing it in between: a view kept after FreeLibrary and taken
# again shares its pages as a new one does, with fresh data.
# Synchronized with pipes: each prints "ready" and blocks reading its
# stdin until the comparison is done.
dllshare=$(realpath "$1")
dir=$(realpath "$2")
here=$(dirname "$(realpath "$0")")
tmp=$(mktemp -d)
export DLLSHARE_CACHE=$tmp/cache
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
pass=0 fail=0

if [ "$(id -u)" -ne 0 ]; then
	echo "skipped: page frame numbers need root"
	echo "0 passed, 0 failed"
	exit 0
fi

for i in 1 2; do
	mkfifo "$tmp/in$i" "$tmp/out$i"
	"$dllshare" run "$dir/share_main.exe" $((i == 1 ? 3 : 1)) <"$tmp/in$i" >"$tmp/out$i" 2>"$tmp/err$i" &
	pids+=($!)
	eval "exec $((2 + 2 * i))>\"$tmp/in$i\" $((3 + 2 * i))<\"$tmp/out$i\""
done
# fd 4/5: process 1's stdin/stdout, fd 6/7: process 2's.
read -r -t 30 l1 <&5; read -r -t 30 l2 <&7
l1=${l1%$'\r'}; l2=${l2%$'\r'} # msvcrt text mode: CRLF, as on Windows
if [ "$l1" = "ready 42 1" ] && [ "$l2" = "ready 42 1" ]; then
	ok=1; pass=$((pass + 1)); echo "ok: both processes ready"
else
	ok=0; fail=$((fail + 1)); echo "FAIL: not ready: '$l1' '$l2'"; cat "$tmp/err1"
fi
if [ "$ok" -eq 1 ]; then
	if python3 "$here/pageshare.py" "${pids[0]}" "${pids[1]}" "$DLLSHARE_CACHE" 3; then
		pass=$((pass + 1)); echo "ok: unwritten pages of the EXE and DLLs are shared"
	else
		fail=$((fail + 1)); echo "FAIL: pages not shared"
	fi
fi
echo >&4; echo >&6
read -r -t 30 b1 <&5; read -r -t 30 b2 <&7
b1=${b1%$'\r'}; b2=${b2%$'\r'}
wait "${pids[0]}"; s1=$?; wait "${pids[1]}"; s2=$?
pids=()
if [ "$b1" = bye ] && [ "$b2" = bye ] && [ "$s1" -eq 0 ] && [ "$s2" -eq 0 ]; then
	pass=$((pass + 1)); echo "ok: both finished"
else
	fail=$((fail + 1)); echo "FAIL: finish: '$b1' '$b2' status $s1 $s2"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
