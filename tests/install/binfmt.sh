#!/bin/bash
# binfmt.sh DLLSHARE SAMPLE_DIR EXPECTED_DIR [I386_EXE] — `dllshare binfmt`
# end to end: ./counter.exe run by the kernel through binfmt_misc.
#
# Needs root and a binfmt_misc it can mount (mounted here if it is not, and
# unmounted after); otherwise the step is skipped, saying why.  Whatever
# entries exist when it starts are there, in the same state, when it ends:
# a handler of PE files that is enabled (Wine's) is first checked to make
# `enable` refuse without changing anything, then turned off for the run and
# back on after; a stand-in for Wine (an entry 'dllshare-test-wine', magic
# MZ, interpreter /bin/false) checks the refusal on machines without Wine.
# A 'dllshare' entry that was there before is registered again after.
# Ends with "N passed, N failed".
set -u
ds=$(realpath "$1") sample=$(realpath "$2") expected=$(realpath "$3")
i386=${4:+$(realpath "$4")}
dir=/proc/sys/fs/binfmt_misc
fake=dllshare-test-wine
pass=0 fail=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
skip() { echo "binfmt: skipped: $*"; echo "0 passed, 0 failed"; exit 0; }

if [ "$(id -u)" -ne 0 ]; then
	# What a user is told: the command root would run, nothing changed.
	if out=$("$ds" binfmt enable 2>&1); then
		bad "binfmt enable as non-root succeeded"
	elif grep -qE "needs root|not mounted|already runs" <<<"$out"; then
		ok "binfmt enable as non-root: refused, saying what to run"
	else
		bad "binfmt enable as non-root: $out"
	fi
	echo "binfmt: the rest skipped: not root (binfmt_misc entries are root's)"
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]; exit
fi
mounted_here=0
if [ ! -e "$dir/register" ]; then
	mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null ||
		skip "binfmt_misc is not mounted at $dir and cannot be mounted here"
	mounted_here=1
fi
[ -w "$dir/register" ] || skip "$dir/register is not writable"

# The state to come back to: every entry, enabled or not.
state() { for e in "$dir"/*; do
	case ${e##*/} in register | status) continue ;; esac
	echo "${e##*/} $(head -n 1 "$e") $(sed -n 's/^interpreter //p' "$e")"
done; }
before=$(state)
old_ds=""
if [ -e "$dir/dllshare" ]; then
	old_ds=$(sed -n 's/^interpreter //p' "$dir/dllshare")
	old_ds_on=$(head -n 1 "$dir/dllshare")
	echo -1 >"$dir/dllshare"
fi
# Enabled entries that take PE files: magic 4d5a at offset 0, or ".exe".
pe_on=()
for e in "$dir"/*; do
	n=${e##*/}
	case $n in register | status | dllshare) continue ;; esac
	[ "$(head -n 1 "$e")" = enabled ] || continue
	if { grep -qx 'offset 0' "$e" && grep -q '^magic 4d5a' "$e"; } ||
		grep -qix 'extension \.exe' "$e"; then pe_on+=("$n"); fi
done
restore() {
	[ -e "$dir/dllshare" ] && echo -1 >"$dir/dllshare"
	[ -e "$dir/$fake" ] && echo -1 >"$dir/$fake"
	for n in "${pe_on[@]}"; do [ -e "$dir/$n" ] && echo 1 >"$dir/$n"; done
	if [ -n "$old_ds" ]; then
		echo ":dllshare:M::MZ::$old_ds:" >"$dir/register"
		[ "$old_ds_on" = enabled ] || echo 0 >"$dir/dllshare"
	fi
}
cleanup() {
	restore
	[ "$mounted_here" = 1 ] && umount "$dir"
	rm -rf "$work"
}
work=$(mktemp -d /tmp/dllshare-binfmt.XXXXXX)
trap cleanup EXIT
cp "$sample/counter.exe" "$sample/counter.dll" "$work/"
[ -n "$i386" ] && cp "$i386" "$work/"

echo "binfmt: entries before: ${before:-none}"
echo "binfmt: enabled handlers of PE files: ${pe_on[*]:-none}"

# 1. Another handler enabled: refused, named, nothing changed.
if [ ${#pe_on[@]} -eq 0 ]; then
	echo ":$fake:M::MZ::/bin/false:" >"$dir/register"
	others=("$fake")
else
	others=("${pe_on[@]}")
fi
snap=$(state)
out=$("$ds" binfmt enable 2>&1); rc=$?
if [ $rc -eq 1 ] && [ "$(state)" = "$snap" ] && [ ! -e "$dir/dllshare" ]; then
	ok "enable refused while ${others[*]} is enabled, nothing changed"
else
	bad "enable with ${others[*]} enabled: exit $rc"; echo "$out"
fi
for n in "${others[@]}"; do
	if grep -q "the entry '$n' already runs PE files" <<<"$out" &&
		grep -q "echo 0 > $dir/$n" <<<"$out"; then
		ok "enable names '$n' and says how to choose"
	else
		bad "enable does not name '$n' or how to choose:"; echo "$out"
	fi
done
if "$ds" binfmt status | grep -q "^active: $others\b\|^active: ambiguous"; then
	ok "status: active is ${others[*]}"; else
	bad "status:"; "$ds" binfmt status; fi

# 2. Those turned off: enable registers this dllshare.
for n in "${others[@]}"; do echo 0 >"$dir/$n"; done
out=$("$ds" binfmt enable 2>&1); rc=$?
if [ $rc -eq 0 ] && grep -qx enabled "$dir/dllshare" &&
	grep -qx "interpreter $ds" "$dir/dllshare" && grep -qx "magic 4d5a" "$dir/dllshare"; then
	ok "enable: entry 'dllshare', magic MZ, interpreter $ds"
else
	bad "enable: exit $rc"; echo "$out"; cat "$dir/dllshare" 2>/dev/null
fi
if "$ds" binfmt status | grep -q "^active: dllshare: ./PROGRAM.exe runs as $ds"; then
	ok "status: active is dllshare"; else bad "status:"; "$ds" binfmt status; fi
if out=$("$ds" binfmt enable 2>&1) && grep -q "already enabled" <<<"$out"; then
	ok "enable again: already enabled"; else bad "enable again: $out"; fi

# 3. ./counter.exe, run by the kernel: Wine's output, byte for byte.
cd "$work" || exit 1
./counter.exe >counter.out 2>counter.err </dev/null; rc=$?
if [ "$rc" = "$(cat "$expected/counter-counter.exe.rc")" ] &&
	cmp -s counter.out "$expected/counter-counter.exe.out"; then
	ok "./counter.exe (exit $rc, Wine's output)"
else
	bad "./counter.exe: exit $rc"; cat -A counter.out | head; head counter.err
fi
./counter.exe child 7 >child.out 2>child.err </dev/null; rc=$?
if [ "$rc" = "$(cat "$expected/counter-counter.exe-child_7.rc")" ] &&
	cmp -s child.out "$expected/counter-counter.exe-child_7.out"; then
	ok "./counter.exe child 7 (arguments; exit $rc)"
else
	bad "./counter.exe child 7: exit $rc"; cat -A child.out | head; head child.err
fi
if [ -n "$i386" ]; then
	b=${i386##*/}
	out=$("./$b" 2>&1); rc=$?
	if [ $rc -eq 1 ] && grep -q "only x86-64 images run" <<<"$out"; then
		ok "./$b (i386, also MZ): refused by dllshare, saying why"
	else
		bad "./$b: exit $rc: $out"
	fi
fi
cd - >/dev/null || exit 1

# 4. As another user: nothing changed, the command to run printed.
if command -v setpriv >/dev/null; then
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$ds" binfmt disable 2>&1); rc=$?
	if [ $rc -eq 1 ] && grep -q "needs root" <<<"$out" &&
		grep -q "echo -1 > $dir/dllshare" <<<"$out" && [ -e "$dir/dllshare" ]; then
		ok "disable as nobody: refused, prints what root would run"
	else
		bad "disable as nobody: exit $rc: $out"
	fi
fi

# 5. disable: only our entry goes; it points at the others, turned off.
out=$("$ds" binfmt disable 2>&1); rc=$?
if [ $rc -eq 0 ] && [ ! -e "$dir/dllshare" ]; then ok "disable removed 'dllshare'"; else
	bad "disable: exit $rc: $out"; fi
for n in "${others[@]}"; do
	if [ -e "$dir/$n" ] && grep -q "echo 1 > $dir/$n" <<<"$out"; then
		ok "disable kept '$n' and says how to turn it back on"
	else
		bad "disable and '$n': $out"
	fi
done
if out=$("$ds" binfmt disable 2>&1) && grep -q "not enabled" <<<"$out"; then
	ok "disable again: not enabled"; else bad "disable again: $out"; fi

restore
after=$(state)
if [ "$after" = "$before" ]; then ok "entries as before"; else
	bad "entries changed:"; diff <(echo "$before") <(echo "$after"); fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
