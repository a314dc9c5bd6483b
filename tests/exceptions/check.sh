#!/bin/bash
# check.sh — what tests/exceptions/runs.txt cannot compare with Wine:
#   - a stack overflow, checked against Windows' documented behaviour
#     (STATUS_STACK_OVERFLOW reaches the program's handlers, unhandled it
#     ends the process with 0xC00000FD: status 253); Wine 8 overflows its
#     own dispatcher there and exits with status 1;
#   - a fault of dllshare's own code: an internal error, told apart from
#     the program's exceptions (its own line, status 70), never a signal;
#   - vectored continue handlers (AddVectoredContinueHandler): Windows
#     calls them, most recent first when added first, once an exception
#     is to continue; Wine 8 accepts them and never calls them;
#   - a divide error whose divisor is not zero (INT_MIN / -1, a quotient
#     too big for its register): Windows' kernel reads the divisor and
#     reports STATUS_INTEGER_OVERFLOW (0xC0000095); Wine 8 reports every
#     divide error as 0xC0000094.  Seen by a vectored handler, which
#     repairs the divisor: unhandled, mingw's CRT answers
#     EXCEPTION_INT_OVERFLOW with "continue execution" from
#     mainCRTStartup's scope, and the division faults again for ever, on
#     Windows as here.
#   - a denormal operand (SSE with MXCSR's DM clear, x87 with the control
#     word's): Windows documents EXCEPTION_FLT_DENORMAL_OPERAND
#     (0xC000008D) as "one of the operands in a floating-point operation
#     is denormal", the CPU's denormal-operand exception, distinct from
#     underflow (a tiny result); Wine 8 takes Linux's si_code, which says
#     FPE_FLTUND for both, and reports 0xC0000093.
#
#   check.sh DLLSHARE DIR     (DIR holds fault.exe and uef.exe)
set -u
ds=$1 dir=$2
pass=0 fail=0
ok() { echo "ok  : $*"; pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME ARGS...: stdout in $tmp/NAME.out, stderr .err, status .rc
	local name=$1
	shift
	"$ds" run "$dir/fault.exe" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}

for mode in none filter veh; do
	run "stack-$mode" stack "$mode"
	rc=$(cat "$tmp/stack-$mode.rc")
	[ "$rc" = 253 ] && ok "stack overflow ($mode): status 253 (0xC00000FD & 0xff)" ||
		bad "stack overflow ($mode): status $rc, want 253"
	grep -q "unhandled exception 0xC00000FD (EXCEPTION_STACK_OVERFLOW)" "$tmp/stack-$mode.err" &&
		ok "stack overflow ($mode): reported as EXCEPTION_STACK_OVERFLOW" ||
		bad "stack overflow ($mode): report: $(head -1 "$tmp/stack-$mode.err")"
done
for mode in filter veh; do
	who=$([ $mode = filter ] && echo filter || echo vectored)
	grep -q "^$who: code c00000fd flags 0 params 2 \[0\]=1 \[1\]=stack at exe+" \
		<(tr -d '\r' <"$tmp/stack-$mode.out") &&
		ok "stack overflow ($mode): the $who handler runs, with room to print" ||
		bad "stack overflow ($mode): output: $(tr -d '\r' <"$tmp/stack-$mode.out" | tail -1)"
done

DLLSHARE_TEST_INTERNAL_FAULT=1 "$ds" run "$dir/fault.exe" nullw none \
	>"$tmp/int.out" 2>"$tmp/int.err"
rc=$?
[ "$rc" = 70 ] && ok "internal fault: status 70, not a signal, not a Windows code" ||
	bad "internal fault: status $rc, want 70"
grep -q "^dllshare: internal error: SIGSEGV at address 0x0000000000000000, instruction 0x.* in dllshare, thread [0-9]* (a bug in dllshare, not in the program)$" "$tmp/int.err" &&
	ok "internal fault: one line says it is dllshare's" ||
	bad "internal fault: stderr: $(head -1 "$tmp/int.err")"
[ ! -s "$tmp/int.out" ] && ok "internal fault: the program never ran" ||
	bad "internal fault: the program printed $(cat "$tmp/int.out")"
! grep -q "unhandled exception" "$tmp/int.err" &&
	ok "internal fault: not reported as the program's exception" ||
	bad "internal fault: reported as an exception of the program"

# kind, then the quotient once the handler made the divisor 7
for k in "ovf -306783378" "ovfmem -1317624576693539401" "ovfhi 613566756" \
	"ovf8 -18"; do
	set -- $k
	run "$1" "$1" veh
	tr -d '\r' <"$tmp/$1.out" >"$tmp/$1.txt"
	[ "$(cat "$tmp/$1.rc")" = 0 ] &&
		grep -q "^vectored: code c0000095 flags 0 params 0 at exe+[0-9a-f]* rip =address$" "$tmp/$1.txt" &&
		grep -qx "quotient $2" "$tmp/$1.txt" &&
		ok "divide overflow ($1): EXCEPTION_INT_OVERFLOW, continued with the repaired divisor" ||
		bad "divide overflow ($1): status $(cat "$tmp/$1.rc"), output: $(tr '\n' '|' <"$tmp/$1.txt")"
done

# kind, then the MXCSR the record names (empty for x87: no parameters)
for k in "fden 1e82" "x87den"; do
	set -- $k
	params=$([ -n "${2:-}" ] && echo "params 2 \[0\]=0 \[1\]=$2" || echo "params 0")
	for mode in none filter veh; do
		[ $1 = x87den ] && [ $mode = veh ] && continue # x87: no repair
		run "$1-$mode" "$1" "$mode"
		tr -d '\r' <"$tmp/$1-$mode.out" >"$tmp/$1-$mode.txt"
		rc=$(cat "$tmp/$1-$mode.rc")
		case $mode in
		none)
			[ "$rc" = 141 ] &&
				grep -q "unhandled exception 0xC000008D (EXCEPTION_FLT_DENORMAL_OPERAND)" "$tmp/$1-$mode.err" ;;
		filter)
			[ "$rc" = 141 ] &&
				grep -q "^filter: code c000008d flags 0 $params at exe+[0-9a-f]* rip =address$" "$tmp/$1-$mode.txt" ;;
		veh)
			[ "$rc" = 0 ] &&
				grep -q "^vectored: code c000008d flags 0 $params at exe+[0-9a-f]* rip =address$" "$tmp/$1-$mode.txt" &&
				grep -qx "result one" "$tmp/$1-$mode.txt" ;;
		esac && ok "denormal operand ($1 $mode): EXCEPTION_FLT_DENORMAL_OPERAND" ||
			bad "denormal operand ($1 $mode): status $rc, output: $(tr '\n' '|' <"$tmp/$1-$mode.txt")"
	done
done

"$ds" run "$dir/uef.exe" continue >"$tmp/cont.out" 2>"$tmp/cont.err"
rc=$?
printf '%s\n' "vectored handler: continue execution" \
	"continue handler 2: code e0000003" "continue handler 1: code e0000003" \
	"removed: 0 1" "vectored handler: continue execution" \
	"continue handler 1: code e0000003" "done" >"$tmp/cont.want"
[ "$rc" = 0 ] && cmp -s "$tmp/cont.want" <(tr -d '\r' <"$tmp/cont.out") &&
	ok "continue handlers: called in order after a vectored handler continues, not after removal" ||
	bad "continue handlers: status $rc, output: $(tr -d '\r' <"$tmp/cont.out" | tr '\n' '|')"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
