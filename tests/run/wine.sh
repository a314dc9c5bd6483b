#!/bin/bash
# wine.sh DLLSHARE DIR — the loader's Windows test programs, run under
# Wine and under dllshare: stdout must be byte-identical and the exit
# status the same.  The programs print their DllMain / TLS callback
# order, so this checks initialization order against Wine's too.
dllshare=$(realpath "$1")
dir=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export DLLSHARE_CACHE=$tmp/cache
export WINEPREFIX=${WINEPREFIX:-$(realpath -m build/wineprefix)} WINEDEBUG=-all
pass=0 fail=0
progs="hello order_main fwd_main ordinal_main cycle_main dyn_main tls_main thread_main llmisc_main nest_main exit_main quiet_main"

cd "$dir"
for p in $progs; do
	# Wine's answer is kept beside the programs until they are rebuilt
	# (the sanitizer step compares against the same answers).
	cache=$dir/.wine-expected
	mkdir -p "$cache"
	if [ "$cache/$p.out" -nt "$p.exe" ] && [ -s "$cache/$p.status" ]; then
		ws=$(cat "$cache/$p.status")
	else
		timeout 120 wine "$p.exe" >"$cache/$p.out" 2>/dev/null </dev/null
		ws=$?
		echo "$ws" >"$cache/$p.status"
	fi
	cp "$cache/$p.out" "$tmp/$p.wine"
	timeout 60 "$dllshare" run "$p.exe" >"$tmp/$p.ds" 2>"$tmp/$p.err" </dev/null
	ds=$?
	if [ "$ws" -eq "$ds" ] && cmp -s "$tmp/$p.wine" "$tmp/$p.ds"; then
		pass=$((pass + 1)); echo "ok: $p (exit $ds)"
	else
		fail=$((fail + 1)); echo "FAIL: $p: exit wine $ws, dllshare $ds"
		diff <(od -c "$tmp/$p.wine") <(od -c "$tmp/$p.ds") | head -10
		head -5 "$tmp/$p.err"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
