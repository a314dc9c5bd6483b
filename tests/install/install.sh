#!/bin/bash
# install.sh MAKE SAMPLE_DIR EXPECTED_DIR — `make install` into a scratch
# DESTDIR with PREFIX=/usr, the installed programs used from outside the
# source tree, then `make uninstall`, which must leave none of its files.
#
# The sample (build/samples/counter: counter.exe and counter.dll) is copied
# to a directory outside the tree and run there by the installed dllshare,
# both as `dllshare run ./counter.exe` and as `dllshare ./counter.exe` (what
# binfmt_misc starts); its stdout must be Wine's, byte for byte
# (tests/samples/expected/).  Ends with "N passed, N failed".
set -u
make_cmd=$1 sample=$(realpath "$2") expected=$(realpath "$3")
top=$(pwd)
dest=$(mktemp -d /tmp/dllshare-install.XXXXXX)
work=$(mktemp -d /tmp/dllshare-outside.XXXXXX)
trap 'rm -rf "$dest" "$work"' EXIT
pass=0 fail=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { # check DESCRIPTION COMMAND...
	local what=$1; shift
	if "$@" >"$work/.out" 2>&1; then ok "$what"; else
		bad "$what"; sed 's/^/    /' "$work/.out" | head -20; fi
}

# Files that are not ours, which uninstall must leave alone.
mkdir -p "$dest/usr/bin" "$dest/usr/share/man/man1"
echo keep >"$dest/usr/bin/other-tool"
echo keep >"$dest/usr/share/man/man1/other.1"

check "make install DESTDIR=$dest PREFIX=/usr" \
	$make_cmd -s --no-print-directory install DESTDIR="$dest" PREFIX=/usr
u=$dest/usr
for f in bin/dllshare bin/dllmap share/man/man1/dllshare.1 \
	share/man/man1/dllmap.1 share/bash-completion/completions/dllshare \
	share/bash-completion/completions/dllmap share/doc/dllshare/README.md \
	share/doc/dllshare/docs/tutorial.md share/doc/dllshare/docs/design.md \
	share/doc/dllshare/samples/counter/counter.c \
	share/doc/dllshare/samples/counter/ABOUT.md; do
	if [ -f "$u/$f" ]; then ok "installed $f"; else bad "missing $f"; fi
done
check "bin/ programs are executable" test -x "$u/bin/dllshare" -a -x "$u/bin/dllmap"

# Outside the tree: a copy of the sample, the installed programs only.
cp "$sample/counter.exe" "$sample/counter.dll" "$work/"
cd "$work" || exit 1
run_counter() { # run_counter NAME ARGS-FOR-DLLSHARE...
	local name=$1; shift
	"$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null
	local rc=$?
	if [ "$rc" = "$(cat "$expected/counter-counter.exe.rc")" ] &&
		cmp -s "$work/$name.out" "$expected/counter-counter.exe.out"; then
		ok "outside the tree: $* (exit $rc, Wine's output)"
	else
		bad "outside the tree: $* (exit $rc)"
		diff <(cat -A "$expected/counter-counter.exe.out") \
			<(cat -A "$work/$name.out") | head -20
		head -5 "$work/$name.err"
	fi
}
run_counter run env -u DLLSHARE_CACHE "$u/bin/dllshare" run ./counter.exe
run_counter direct env -u DLLSHARE_CACHE "$u/bin/dllshare" ./counter.exe
check "dllshare --version" grep -qx "dllshare [0-9.]*" < <("$u/bin/dllshare" --version)
check "dllmap --version" grep -qx "dllmap [0-9.]*" < <("$u/bin/dllmap" --version)
check "man -M finds dllshare(1)" grep -q "dllshare binfmt" \
	< <(MANWIDTH=100 man -M "$u/share/man" dllshare 2>&1)
check "man -M finds dllmap(1)" grep -q "kpagecount" \
	< <(MANWIDTH=100 man -M "$u/share/man" dllmap 2>&1)

# The installed completion, with the installed programs on PATH.
complete_words() { # complete_words FILE WORD... : COMPREPLY for the last one
	PATH="$u/bin:$PATH" bash --norc -c '
		f=$1; shift; source "$f"; COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "_${COMP_WORDS[0]}"
		echo "${COMPREPLY[*]}"' x "$@"
}
c=$u/share/bash-completion/completions
check "completion: dllshare b -> binfmt" grep -qw binfmt < <(complete_words "$c/dllshare" dllshare b)
check "completion: dllshare map --rea -> --read-into" grep -q -- --read-into \
	< <(complete_words "$c/dllshare" dllshare map --rea)
check "completion: dllshare binfmt -> enable disable status" \
	grep -q "enable disable status" < <(complete_words "$c/dllshare" dllshare binfmt "")
check "completion: dllshare run ./c -> ./counter.exe" grep -qw "./counter.exe" \
	< <(complete_words "$c/dllshare" dllshare run ./c)
check "completion: dllshare inspect ./counter.d -> ./counter.dll" grep -qw "./counter.dll" \
	< <(complete_words "$c/dllshare" dllshare inspect ./counter.d)
check "completion: dllmap --pa -> --pages" grep -qw -- --pages \
	< <(complete_words "$c/dllmap" dllmap --pa)
# A held process (it waits for the end of its stdin) whose first line says
# it is loaded, read from a fifo: no sleeping.
mkfifo "$work/hold.fifo"
sleep 1000 | "$u/bin/dllshare" run ./counter.exe hold C >"$work/hold.fifo" &
holder=$!
exec {hold}<"$work/hold.fifo"
read -r -t 60 line <&$hold; line=${line%$'\r'}
check "completion: dllmap pids include a dllshare process ($line)" grep -qw "$holder" \
	< <(complete_words "$c/dllmap" dllmap "")
kill %1 2>/dev/null; wait 2>/dev/null; exec {hold}<&-

cd "$top" || exit 1
check "make uninstall DESTDIR=$dest PREFIX=/usr" \
	$make_cmd -s --no-print-directory uninstall DESTDIR="$dest" PREFIX=/usr
left=$(find "$dest" \( -type f -o -type l \) ! -name other-tool ! -name other.1)
if [ -z "$left" ]; then ok "uninstall left none of its files"; else
	bad "uninstall left:"; echo "$left" | sed 's/^/    /'; fi
if [ ! -e "$u/share/doc/dllshare" ]; then ok "uninstall removed share/doc/dllshare"; else
	bad "share/doc/dllshare is still there"; fi
if [ -f "$u/bin/other-tool" ] && [ -f "$u/share/man/man1/other.1" ]; then
	ok "uninstall kept the files that are not ours"; else
	bad "uninstall removed a file that is not ours"; fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
