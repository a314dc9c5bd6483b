#!/bin/sh
# uffd_run.sh DLLSHARE EXE... — each sample gives the same stdout and
# exit status under DLLSHARE_COW=uffd (the kernel resolves first writes;
# the loader's own writes — import binding, TLS, relocation — go through
# ld_view_privatize) as under the default fault handler.  With uffd the
# only stderr allowed is the one-line fallback note.
# Ends with "N passed, N failed".
dllshare=$1
shift
pass=0
fail=0
tmp=$(mktemp -d /tmp/dllshare-uffd.XXXXXX) || exit 2
for exe in "$@"; do
	name=$(basename "$exe")
	"$dllshare" run "$exe" </dev/null >"$tmp/a.out" 2>"$tmp/a.err"
	a=$?
	DLLSHARE_COW=uffd "$dllshare" run "$exe" </dev/null >"$tmp/b.out" 2>"$tmp/b.err"
	b=$?
	if [ "$a" = "$b" ] && cmp -s "$tmp/a.out" "$tmp/b.out" &&
	   ! grep -v "DLLSHARE_COW=uffd: .*; using the fault handler" "$tmp/b.err" |
	     grep -q .; then
		echo "ok  : $name: same stdout ($(wc -l <"$tmp/a.out") lines) and status $a under DLLSHARE_COW=uffd"
		pass=$((pass + 1))
	else
		echo "FAIL: $name: status $a vs $b under DLLSHARE_COW=uffd"
		diff "$tmp/a.out" "$tmp/b.out" | head -5
		head -3 "$tmp/b.err"
		fail=$((fail + 1))
	fi
done
DLLSHARE_COW=yes "$dllshare" run "$1" </dev/null >"$tmp/c.out" 2>"$tmp/c.err"
c=$?
if [ "$c" != 0 ] && grep -q "DLLSHARE_COW=yes: unknown value (accepted: signal, the default, or uffd)" "$tmp/c.err" &&
   ! grep -q . "$tmp/c.out"; then
	echo "ok  : DLLSHARE_COW=yes: refused before running, exit $c: $(cat "$tmp/c.err")"
	pass=$((pass + 1))
else
	echo "FAIL: DLLSHARE_COW=yes: exit $c, stderr: $(head -c 200 "$tmp/c.err")"
	fail=$((fail + 1))
fi
rm -rf "$tmp"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
