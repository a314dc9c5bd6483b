#!/bin/bash
# inspect_test.sh — `dllshare inspect` end to end, on the valid image of
# the malformed corpus (tests/pe/pe_build.h describes it).
#
#   inspect_test.sh DLLSHARE VALID_DLL WORKDIR
set -u
bin=$1 valid=$2 work=$3
mkdir -p "$work"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
expect() { # description, command status
	if [ "$2" -eq 0 ]; then ok; else bad "$1"; fi
}

# Text: each section's mapping, the relocation summary, TLS, exports.
out=$("$bin" inspect "$valid")
expect "inspect exits 0" $?
grep -qE '^  0  \.text .* r-x code +shared$' <<<"$out"; expect ".text is shared" $?
grep -qE '^  2  \.data .* rw- +copy-on-write$' <<<"$out"; expect ".data is copy-on-write" $?
grep -qE '^  -  \(headers\) .* shared$' <<<"$out"; expect "headers are shared" $?
grep -q 'Relocations: 6 entries in 2 blocks, 2 pages, DIR64 6' <<<"$out"; expect "relocation summary" $?
grep -q '2  forward    beta -> KERNEL32.ExitProcess' <<<"$out"; expect "forwarder shown" $?
grep -q '3  0x1010     (by ordinal)' <<<"$out"; expect "ordinal-only export shown" $?
grep -q 'callback 1  0x180001010' <<<"$out"; expect "TLS callbacks shown" $?
grep -q 'delayed.dll  *1 functions  from file' <<<"$out"; expect "delay import listed" $?

# --imports: each function with its provider.
out=$("$bin" inspect --imports "$valid")
grep -qE '^      ExitProcess +IAT 0x3000 +built-in$' <<<"$out"; expect "kernel32!ExitProcess is built-in" $?
grep -qE '^      #7 +IAT 0x3020 +(built-in|MISSING)$' <<<"$out"; expect "msvcrt #7 looked up by ordinal" $?

# --json: valid JSON with the same facts.
"$bin" inspect --json --imports "$valid" >"$work/valid.json"
expect "inspect --json exits 0" $?
python3 - "$work/valid.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = {s["name"]: s["mapping"] for s in d["sections"]}
assert m == {".text": "shared", ".rdata": "shared", ".data": "copy-on-write", ".reloc": "shared"}, m
assert d["relocations"] == {"count": 6, "blocks": 2, "pages": 2, "by_type": {"DIR64": 6}}, d["relocations"]
imp = {i["dll"]: i for i in d["imports"]}
assert imp["KERNEL32.dll"]["builtin"] is True
assert imp["KERNEL32.dll"]["functions"][0] == {"name": "ExitProcess", "ordinal": None, "hint": 16, "iat_rva": 0x3000, "provider": "built-in"}
assert imp["msvcrt.dll"]["functions"][0]["ordinal"] == 7
assert d["delay_imports"][0]["dll"] == "delayed.dll" and d["delay_imports"][0]["functions"][0]["provider"] == "from file"
e = d["exports"]["entries"]
assert [(x["ordinal"], x["name"], x["forwarder"]) for x in e] == [(1, "alpha", None), (2, "beta", "KERNEL32.ExitProcess"), (3, None, None)], e
assert d["tls"]["callbacks"] == ["0x180001000", "0x180001010"]
assert d["runnable"] is True and d["not_runnable"] is None
PY
expect "JSON report matches the image" $?

# JSON escaping: a section name with a quote, a backslash, a control
# byte and a byte that is not UTF-8.
python3 - "$valid" "$work/odd-name.dll" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0x148:0x150] = b'a"b\\c\x01\xff\x00'
open(sys.argv[2], "wb").write(b)
PY
"$bin" inspect --json "$work/odd-name.dll" >"$work/odd.json"
python3 -c 'import json,sys; n=json.load(open(sys.argv[1]))["sections"][0]["name"]; assert n == "a\"b\\c\x01\xff", repr(n)' "$work/odd.json"
expect "JSON escapes section names" $?

# The text report and error lines show control bytes as '?': a hostile
# name must not drive the terminal.
"$bin" inspect "$work/odd-name.dll" | grep -qF '  0  a"b\c?'
expect "text report hides control bytes" $?
python3 - "$valid" "$work/esc-fwd.dll" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
b[0x690:0x6a4] = b'KERNEL32\x1b[2JExitProc'  # forwarder at RVA 0x2290, no dot
open(sys.argv[2], "wb").write(b)
PY
err=$("$bin" inspect "$work/esc-fwd.dll" 2>&1 >/dev/null)
[[ "$err" == *'forwarder "KERNEL32?[2JExitProc"'*'has no dot' ]]
expect "error line hides control bytes" $?

# i386 and .NET images are described, with the reason they cannot run.
python3 - "$valid" "$work/i386.dll" "$work/clr.dll" <<'PY'
import sys, struct
b = bytearray(open(sys.argv[1], "rb").read())
i386 = bytearray(b); struct.pack_into("<H", i386, 0x44, 0x14c)
open(sys.argv[2], "wb").write(i386)
clr = bytearray(b); struct.pack_into("<II", clr, 0x58 + 112 + 14 * 8, 0x2000, 72)
open(sys.argv[3], "wb").write(clr)
PY
"$bin" inspect "$work/i386.dll" | grep -q 'runnable      no: machine i386 (0x14c)'
expect "i386 image: not runnable, with reason" $?
"$bin" inspect --json "$work/clr.dll" | grep -q '"managed":true,"runnable":false,"not_runnable":"managed (.NET) image'
expect ".NET image: not runnable, with reason" $?

# Usage and file errors.
"$bin" inspect >/dev/null 2>&1; [ $? -eq 2 ]; expect "no FILE: exit 2" $?
"$bin" inspect --bogus "$valid" >/dev/null 2>&1; [ $? -eq 2 ]; expect "unknown option: exit 2" $?
"$bin" inspect "$valid" "$valid" >/dev/null 2>&1; [ $? -eq 2 ]; expect "two files: exit 2" $?
err=$("$bin" inspect "$work/no-such.dll" 2>&1); rc=$?
[ $rc -eq 1 ] && [[ "$err" == "dllshare: $work/no-such.dll: No such file or directory" ]]
expect "missing file: exit 1 with the file named" $?
err=$("$bin" inspect "$work" 2>&1); rc=$?
[ $rc -eq 1 ] && [[ "$err" == "dllshare: $work: not a regular file" ]]
expect "directory: exit 1" $?

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
