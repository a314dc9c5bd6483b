#!/bin/bash
# av.sh DLLSHARE AV_EXE [WINE...] — an access violation in a real program:
# dllshare's report and exit status, against Wine's exit status.
dllshare=$1 exe=$2; shift 2
pass=0 fail=0
ok() { echo "ok  : $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# Text-mode stdout ends lines with CRLF, as on Windows: compare without CR.
"$dllshare" run "$exe" >"$exe.out" 2>"$exe.err"; st=$?
out=$(tr -d '\r' <"$exe.out")
err=$(cat "$exe.err")
[ "$st" -eq 5 ] && ok "dllshare run: exit status 5 (0xC0000005 & 0xff)" \
	|| bad "dllshare run: exit status $st, want 5"
[ "$out" = "before" ] && ok "dllshare run: output stops at the faulting write" \
	|| bad "dllshare run: output '$out'"
grep -q "0xC0000005 (EXCEPTION_ACCESS_VIOLATION) writing" <<<"$err" &&
	grep -q "address: *av.exe!.rdata+0x" <<<"$err" &&
	grep -q "instruction: .* av.exe!.text+0x" <<<"$err" &&
	ok "dllshare run: report names the write, av.exe!.rdata and av.exe!.text" ||
	bad "dllshare run: report was: $err"
if [ $# -gt 0 ] && command -v wine >/dev/null; then
	# Wine's debugger dumps registers after the program's own line.
	"$@" "$exe" >"$exe.wine" 2>/dev/null; wst=$?
	wout=$(head -n 1 "$exe.wine" | tr -d '\r')
	[ "$wst" -eq "$st" ] && [ "$wout" = "$out" ] &&
		ok "Wine agrees: exit status $wst, output '$wout'" ||
		bad "Wine: exit status $wst output '$wout'; dllshare $st '$out'"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
