#!/bin/sh
# uffd_run.sh DLLSHARE NOUFFD EXE... — each sample gives the same stdout and
# exit status under DLLSHARE_COW=uffd (the kernel resolves first writes;
# the loader's own writes — import binding, TLS, relocation — go through
# ld_view_privatize) as under the default fault handler.  With uffd the
# only stderr allowed is the one-line fallback note, which NOUFFD (a
# wrapper where the userfaultfd system call fails) must bring out.
# Ends with "N passed, N failed".
dllshare=$1
nouffd=$2
shift 2
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
# No userfaultfd at all: one line naming the cause, then the same run.
"$dllshare" run "$1" </dev/null >"$tmp/a.out" 2>/dev/null
a=$?
DLLSHARE_COW=uffd "$nouffd" "$dllshare" run "$1" </dev/null >"$tmp/d.out" 2>"$tmp/d.err"
d=$?
if [ "$a" = "$d" ] && cmp -s "$tmp/a.out" "$tmp/d.out" && [ "$(wc -l <"$tmp/d.err")" = 1 ] &&
   grep -q "^dllshare: DLLSHARE_COW=uffd: userfaultfd(): Function not implemented; using the fault handler$" "$tmp/d.err"; then
	echo "ok  : no userfaultfd: $(cat "$tmp/d.err"), same stdout and status $a"
	pass=$((pass + 1))
else
	echo "FAIL: no userfaultfd: status $a vs $d, stderr: $(head -c 300 "$tmp/d.err")"
	fail=$((fail + 1))
fi
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
