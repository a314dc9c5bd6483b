# lib.sh — what the shell tests of tests/run share; sourced with the
# test's arguments, DLLSHARE DIR: sets $dllshare and $dir (absolute), a
# scratch directory $tmp removed at exit, a section cache of their own
# in it, the counters, ok/bad, and done (the summary line and status).
dllshare=$(realpath "$1")
dir=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DLLSHARE_CACHE=$tmp/cache
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

done_() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
