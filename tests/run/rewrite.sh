#!/bin/bash
# rewrite.sh DLLSHARE DIR — a DLL file rewritten in place (same inode,
# shorter, different) while a process has it loaded.  Linux allows it
# (Windows refuses to write a mapped image); the loader must not read the
# file again once the section is built: GetProcAddress on the loaded
# module keeps its answers and nothing dies of SIGBUS, and a LoadLibrary
# after the last FreeLibrary gets the new file.  The program and this
# script take turns through its stdout and stdin (no sleeps).
. "$(dirname "$0")/lib.sh"

# expect WANT: the program's next line of output is WANT.
expect() {
	local line=""
	if ! IFS= read -r -u "${P[0]}" line; then line="(end of output)"; fi
	line=${line%$'\r'}
	if [ "$line" = "$1" ]; then ok "$2: $1"; else bad "$2: got '$line', want '$1'"; fi
}

# how: cp (cp writes onto the existing inode) or truncate-and-write.
for how in cp truncate; do
	mkdir -p "$tmp/$how"
	dll=$tmp/$how/rewrite.dll
	cp "$dir/rewrite_big.dll" "$dll"
	ino=$(stat -c %i "$dll")
	coproc P { "$dllshare" run "$dir/rewrite_main.exe" "$dll" 2>"$tmp/$how/err"; echo "exit $?"; }
	expect "loaded 1" "$how: before"
	if [ "$how" = cp ]; then
		cp "$dir/rewrite_small.dll" "$dll"
	else
		truncate -s 0 "$dll" && cat "$dir/rewrite_small.dll" >>"$dll"
	fi
	if [ "$(stat -c %i "$dll")" = "$ino" ] &&
	   cmp -s "$dll" "$dir/rewrite_small.dll"; then
		ok "$how: the file was rewritten in place"
	else
		bad "$how: the file was not rewritten in place"
	fi
	echo go >&"${P[1]}"
	expect "still 1" "$how: loaded module"
	expect "new export absent" "$how: loaded module"
	expect "pad export found" "$how: loaded module"
	expect "again same 1" "$how: LoadLibrary while loaded"
	expect "fresh 2" "$how: LoadLibrary after the last FreeLibrary"
	expect "exit 0" "$how: no signal"
	wait "$P_PID" 2>/dev/null
	if [ -s "$tmp/$how/err" ]; then
		bad "$how: stderr: $(head -c 300 "$tmp/$how/err")"
	fi
done

done_
