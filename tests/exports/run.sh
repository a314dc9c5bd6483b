#!/bin/bash
# run.sh — `dllshare exports`: the coverage report and --image.
#
#   run.sh DLLSHARE DIR     (DIR: the fixtures tests/exports/exports.mk builds)
#
# The checks hold however many functions the runtime gains: counts are
# compared with each other and with the JSON, never with fixed numbers,
# and the names checked missing are ones no runtime will implement.
set -u
dllshare=$(realpath "$1")
dir=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
	local what=$1; shift
	if "$@"; then ok "$what"; else bad "$what"; fi
}

# --- the report on the real import libraries -------------------------
"$dllshare" exports >"$tmp/text" 2>"$tmp/err"
check "report exits 0" test $? -eq 0
cat "$tmp/text"
"$dllshare" exports --json >"$tmp/json" 2>>"$tmp/err"
check "--json exits 0" test $? -eq 0
"$dllshare" exports -v >"$tmp/verbose" 2>>"$tmp/err"
check "-v exits 0" test $? -eq 0
check "nothing on stderr" test ! -s "$tmp/err"

# JSON parses; per DLL implemented + missing == declared, the lists match
# the counts, nothing is both, and the text table says the same.
cat >"$tmp/check.py" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
verbose = open(sys.argv[3]).read()
rows = {m.group(1): tuple(map(int, m.group(2, 3, 5, 6, 7)))
        for m in re.finditer(r'^  (\S+\.dll)\s+(\d+)\s+(\d+)\s+([\d.]+)%\s+(\d+)\s+(\d+)\s+(\d+)$',
                             text, re.M)}
errs = []
names = [x["dll"] for x in d["dlls"]]
if sorted(names) != sorted(["kernel32.dll", "msvcrt.dll", "ntdll.dll", "advapi32.dll"]):
    errs.append("DLLs %s" % names)
for x in d["dlls"]:
    n = x["dll"]
    impl, miss = set(x["implemented_names"]), set(x["missing"])
    if x["implemented"] + x["missing_count"] != x["declared"]:
        errs.append("%s: implemented + missing != declared" % n)
    if len(impl) != x["implemented"] or len(miss) != x["missing_count"] \
       or len(x["not_declared"]) != x["not_declared_count"]:
        errs.append("%s: lists do not match counts" % n)
    if impl & miss or impl & set(x["not_declared"]):
        errs.append("%s: a name is in two lists" % n)
    if abs(x["coverage_percent"] - 100.0 * x["implemented"] / x["declared"]) > 0.06:
        errs.append("%s: coverage_percent" % n)
    if rows.get(n) != (x["implemented"], x["declared"], x["missing_count"],
                       x["not_declared_count"], len(x["partial"])):
        errs.append("%s: text %s, json %s" % (n, rows.get(n), x))
    for m in x["missing"]:
        if not re.search(r'^  %s$' % re.escape(m), verbose, re.M):
            errs.append("%s: -v does not list missing %s" % (n, m))
            break
dll = {x["dll"]: x for x in d["dlls"]}
# Sizes of mingw-w64's lists (1620, 1166, 2336, 868 today): a parser that
# lost members would fall far below these.
for n, least in (("kernel32.dll", 1000), ("msvcrt.dll", 1000),
                 ("ntdll.dll", 1500), ("advapi32.dll", 500)):
    if dll[n]["declared"] < least:
        errs.append("%s: only %d declared" % (n, dll[n]["declared"]))
for n, f in (("kernel32.dll", "CreateFileA"), ("kernel32.dll", "ExitProcess"),
             ("msvcrt.dll", "printf"), ("msvcrt.dll", "_acmdln")):
    if f not in dll[n]["implemented_names"]:
        errs.append("%s: %s not reported implemented" % (n, f))
for e in errs:
    print("  " + e)
sys.exit(1 if errs else 0)
EOF
check "JSON parses and agrees with itself, the text and -v" \
	python3 "$tmp/check.py" "$tmp/json" "$tmp/text" "$tmp/verbose"

"$dllshare" exports KERNEL32 msvcrt.dll >"$tmp/two"
check "DLLs named on the command line, any case, .dll optional" \
	test $? -eq 0 -a "$(grep -c '\.dll ' "$tmp/two")" -eq 2
check "the named DLLs' rows equal the full report's" \
	test "$(grep -E '^  (kernel32|msvcrt)\.dll ' "$tmp/two")" = \
	"$(grep -E '^  (kernel32|msvcrt)\.dll ' "$tmp/text")"

# --- both import-library formats, end to end --------------------------
# k32.def built by GNU dlltool and by llvm-dlltool: 4 declared, of which
# only CreateFileA is built in.
for fmt in gnu llvm; do
	"$dllshare" exports --json --libdir "$dir/$fmt" kernel32 >"$tmp/$fmt.json"
	check "$fmt import library: exit 0" test $? -eq 0
	check "$fmt import library: 1 of 4, the other three missing" python3 -c '
import json, sys
x = json.load(open(sys.argv[1]))["dlls"][0]
sys.exit(not (x["declared"] == 4 and x["implemented_names"] == ["CreateFileA"]
              and sorted(x["missing"]) == ["#7", "DllshareData", "DllshareNoSuchExport"]))
' "$tmp/$fmt.json"
done

# --- --image -----------------------------------------------------------
"$dllshare" exports --image "$dir/nosuch.exe" >"$tmp/img" 2>&1
rc=$?
cat "$tmp/img"
check "--image with a missing import exits 1" test $rc -eq 1
check "--image lists exactly DllshareNoSuchExport missing" \
	test "$(grep -E '^      ' "$tmp/img" | tr -d ' ')" = DllshareNoSuchExport
check "--image summary counts 1" grep -q '^1 missing from the built-in DLLs$' "$tmp/img"
"$dllshare" exports --json --image "$dir/nosuch.exe" >"$tmp/img.json"
check "--image --json exits 1 and names the one missing import" \
	test $? -eq 1 -a "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["missing_count"], [m for i in d["imports"] for m in i["missing"]])
' "$tmp/img.json")" = "1 ['DllshareNoSuchExport']"
"$dllshare" exports --image "$dir/allthere.exe" >"$tmp/all"
check "--image with every import built in exits 0" test $? -eq 0
check "--image says 0 missing" grep -q '^0 missing' "$tmp/all"

# --- errors: one line naming the file, exit 2 ---------------------------
expect_err() { # expect_err WHAT PATTERN ARGS...
	local what=$1 pat=$2; shift 2
	"$dllshare" exports "$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ $rc -eq 2 ] && grep -q -- "$pat" "$tmp/err" && [ ! -s "$tmp/out" ]; then
		ok "$what: $(cat "$tmp/err")"
	else
		bad "$what: exit $rc, stderr: $(cat "$tmp/err")"
	fi
}
expect_err "missing import library" "^dllshare: /nonexistent/libkernel32.a: No such file" \
	--libdir /nonexistent
printf '!<arch>\nthis is no member header at all, not even sixty bytes long........\n' \
	>"$tmp/libkernel32.a"
expect_err "malformed import library" "^dllshare: $tmp/libkernel32.a: archive member" \
	--libdir "$tmp" kernel32
echo "not an archive" >"$tmp/libkernel32.a"
expect_err "not an archive" "^dllshare: $tmp/libkernel32.a: not an ar archive" \
	--libdir "$tmp" kernel32
cp "$dir/llvm/libkernel32.a" "$tmp/libmsvcrt.a"
expect_err "an import library of another DLL" "declares no export of msvcrt.dll" \
	--libdir "$tmp" msvcrt
expect_err "not a built-in DLL" "user32 is not a built-in DLL" user32
expect_err "missing image" "^dllshare: $tmp/none.exe: No such file" --image "$tmp/none.exe"
expect_err "image that is no PE" "^dllshare: $dir/gnu/libkernel32.a: DOS header" \
	--image "$dir/gnu/libkernel32.a"
expect_err "unknown option" "unknown option" --bogus
"$dllshare" exports --help >"$tmp/help"
check "--help exits 0 and documents the exit status" \
	test $? -eq 0 -a "$(grep -c 'Exit status' "$tmp/help")" -eq 1
check "dllshare --help lists exports" \
	bash -c "'$dllshare' --help | grep -q 'dllshare exports'"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
