#!/bin/bash
# errors.sh DLLSHARE DIR — programs that must be refused before any of
# their code runs: each case checks the message, a non-zero exit status
# (not a crash), and that the program printed nothing.  Also the search
# order ($DLLSHARE_PATH, case-insensitive names) and --trace.
. "$(dirname "$0")/lib.sh"
# A failure shows what the program said on stderr.
bad() { fail=$((fail + 1)); echo "FAIL: $1"; sed 's/^/    /' "$tmp/err" | head -20; }

# run NAME ARGS...: runs dllshare, leaves stdout/stderr/status behind.
run() {
	"$dllshare" run "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# refused NAME PATTERN...: status 1 (not a signal), empty stdout, and
# every pattern (an extended regex) matches a line of stderr.
refused() {
	local name=$1; shift
	if [ "$status" -ne 1 ]; then bad "$name: exit status $status, want 1"; return; fi
	if [ -s "$tmp/out" ]; then bad "$name: the program printed: $(head -c 200 "$tmp/out")"; return; fi
	for p in "$@"; do
		if ! grep -qE -- "$p" "$tmp/err"; then bad "$name: no line matches /$p/"; return; fi
	done
	ok "$name"
}

run "$dir/nodll_main.exe"
refused "missing DLL" \
	"^dllshare: nodll_main.exe: cannot find ghost.dll \(needed by nodll_main.exe\); searched: $dir"

run "$dir/miss_main.exe"
refused "missing imports, all listed" \
	'^dllshare: miss_main.exe: missing import: miss_dll.dll!absent_one$' \
	'^dllshare: miss_main.exe: missing import: miss_dll.dll!absent_two$' \
	'^dllshare: miss_main.exe: missing import: miss_dll.dll!absent_three \(needed by miss_dep.dll\)$'
n=$(grep -c 'missing import' "$tmp/err")
if [ "$n" -eq 3 ]; then ok "exactly three missing imports"; else bad "missing imports: $n lines, want 3"; fi

run "$dir/fwdbad_main.exe"
refused "forwarder loop and over-long forwarder chain" \
	'^dllshare: fwdbad_main.exe: missing import: loop_a.dll!f: forwarder loop: loop_a.dll!f -> loop_b.dll!g -> loop_a.dll!f$' \
	'^dllshare: fwdbad_main.exe: missing import: deep.dll!f0: forwarder chain longer than 16: deep.dll!f0 -> .* -> deep.dll!f16$'

# A DllMain returning FALSE: its own output may appear (it ran), the
# program's may not.
run "$dir/failstatic_main.exe"
if [ "$status" -eq 1 ] && ! grep -q 'main must not run' "$tmp/out" &&
   grep -q '^dllshare: failstatic_main.exe: DllMain of fail_dll.dll returned FALSE (DLL_PROCESS_ATTACH)$' "$tmp/err"; then
	ok "DllMain returning FALSE stops the program"
else
	bad "DllMain returning FALSE (status $status)"
fi

run "$dir/hello32.exe"
refused "i386 EXE" '^dllshare: hello32.exe: cannot run: .*i386'

run "$dir/hello_arm64.exe"
refused "ARM64 EXE" '^dllshare: hello_arm64.exe: cannot run: .*(ARM64|arm64|0xaa64)'

run "$dir/hello_net.exe"
refused ".NET EXE" '^dllshare: hello_net.exe: cannot run: .*\.NET'

run "$dir/corrupt_trunc.exe"
refused "truncated EXE" '^dllshare: .*corrupt_trunc.exe.*'

run "$dir/corrupt_lfanew.exe"
refused "EXE with e_lfanew past the end" '^dllshare: .*corrupt_lfanew.exe.*'

run "$dir/order_a.dll"
refused "a DLL as the program" '^dllshare: order_a.dll: cannot run: it is a DLL, not a program'

run "$dir/no_such_program.exe"
refused "no such file" 'no_such_program.exe: No such file'

# Search order: a program alone in a directory finds its DLLs through
# $DLLSHARE_PATH; names match whatever their case on disk.
mkdir -p "$tmp/alone" "$tmp/dlls"
cp "$dir/order_main.exe" "$tmp/alone/"
cp "$dir/order_a.dll" "$tmp/dlls/ORDER_A.DLL"
cp "$dir/order_b.dll" "$dir/order_c.dll" "$tmp/dlls/"
(cd "$tmp" && run "$tmp/alone/order_main.exe")
refused "not found without DLLSHARE_PATH" 'cannot find order_.\.dll'
(cd "$tmp" && DLLSHARE_PATH=/nonexistent:$tmp/dlls "$dllshare" run "$tmp/alone/order_main.exe" >"$tmp/out" 2>"$tmp/err")
status=$?
if [ "$status" -eq 3 ] && tr -d '\r' <"$tmp/out" | grep -q '^main: a=13 b=2$'; then ok "DLLSHARE_PATH, upper-case file name"
else bad "DLLSHARE_PATH: status $status, out: $(cat "$tmp/out")"; fi
# ... and through the current directory.
(cd "$tmp/dlls" && "$dllshare" run "$tmp/alone/order_main.exe" >"$tmp/out" 2>"$tmp/err")
status=$?
if [ "$status" -eq 3 ]; then ok "current directory"; else bad "current directory: status $status"; fi

# A DLL of the wrong machine is skipped (the search goes on, as on
# Windows) and named; a corrupt one stops the load with the parser's line.
mkdir -p "$tmp/odd"
cp "$dir/nodll_main.exe" "$tmp/odd/"
cp "$dir/hello32.exe" "$tmp/odd/ghost.dll"
run "$tmp/odd/nodll_main.exe"
refused "i386 DLL skipped" "cannot find ghost.dll .*; skipped $tmp/odd/ghost.dll: machine i386"
head -c 500 "$dir/order_b.dll" >"$tmp/odd/ghost.dll"
run "$tmp/odd/nodll_main.exe"
refused "corrupt DLL" "^dllshare: $tmp/odd/ghost.dll: .*runs past the end of the file"

# A DLL freed, replaced on disk, and loaded again: the new file runs
# (a section kept after FreeLibrary is reused only for the same file).
mkdir -p "$tmp/swap"
cp "$dir/swap_main.exe" "$tmp/swap/"
cp "$dir/swap1.dll" "$tmp/swap/swap.dll"
mkfifo "$tmp/swap/in" "$tmp/swap/out"
"$dllshare" run "$tmp/swap/swap_main.exe" <"$tmp/swap/in" >"$tmp/swap/out" 2>"$tmp/err" &
swpid=$!
exec 8>"$tmp/swap/in" 9<"$tmp/swap/out"
read -r -t 30 first <&9
cp "$dir/swap2.dll" "$tmp/swap/swap.dll"
echo go >&8
read -r -t 30 second <&9
exec 8>&- 9<&-
wait $swpid; status=$?
if [ "$status" -eq 0 ] && [ "${first%$'\r'}" = "first 1" ] && [ "${second%$'\r'}" = "second 2" ]; then
	ok "a replaced DLL is loaded anew"
else
	bad "replaced DLL: status $status, '$first' '$second'"
fi

# --trace: steps on stderr, the program's stdout untouched.
run --trace "$dir/hello.exe"
if [ "$status" -eq 0 ] && [ "$(tr -d '\r' <"$tmp/out")" = "hello, world" ] &&
   grep -q '^dllshare: bind: hello.exe -> msvcrt.dll!.* (builtin)$' "$tmp/err" &&
   grep -q '^dllshare: view hello.exe at ' "$tmp/err" &&
   grep -q '^dllshare: run: hello.exe: entry point' "$tmp/err"; then
	ok "--trace"
else
	bad "--trace (status $status)"
fi
run --trace "$dir/fwd_main.exe"
if grep -q 'bind: fwd_main.exe -> fwd_a.dll!get_value forwarded: fwd_a.dll!get_value -> fwd_b.dll!mid_value -> fwd_c.dll!real_value' "$tmp/err"; then
	ok "--trace shows a forwarder chain"
else
	bad "--trace forwarder chain"
fi

# A view kept after FreeLibrary: --trace says so, the pages the program
# wrote come back from the file, binding to the same addresses writes
# nothing, and a call into the freed DLL faults instead of running its
# code: an access violation executing the address, status 5, as under
# Wine.
run --trace "$dir/reuse_main.exe"
if [ "$status" -eq 0 ] &&
   grep -q '^dllshare: view reuse_a.dll: kept with its section, inaccessible: 2 private pages discarded, 1 of import binding kept$' "$tmp/err" &&
   grep -q '^dllshare: view reuse_a.dll: the one kept since its last unmap, accessible again; 1 page of import binding still private$' "$tmp/err" &&
   grep -q '^dllshare: unchanged, still private: reuse_a.dll!.idata+0x[0-9a-f]* (RVA 0x[0-9a-f]*, [0-9]* bytes) for import binding' "$tmp/err" &&
   [ "$(tr -d '\r' <"$tmp/out" | grep -c 'count 1$')" -eq 6 ]; then
	ok "--trace: a kept view taken again, its IAT unchanged"
else
	bad "kept view (status $status)"
fi
run "$dir/reuse_main.exe" stale
if [ "$status" -eq 5 ] && [ "$(tr -d '\r' <"$tmp/out")" = "count 1; calling it again after FreeLibrary" ] &&
   grep -q 'unhandled exception 0xC0000005 (EXCEPTION_ACCESS_VIOLATION) executing address' "$tmp/err"; then
	ok "a call into a freed DLL faults"
else
	bad "call after FreeLibrary: status $status, stdout '$(head -c 200 "$tmp/out")'"
fi

done_
