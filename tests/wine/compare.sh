#!/bin/bash
# compare.sh — the Wine comparison harness.  Runs Windows programs under
# Wine and under `dllshare run` and compares what they print on stdout
# (byte for byte: CRLF line ends included) and their exit status.
# `make test-wine`, `test-run-wine`, `test-san-run-wine`, `wine-check` and
# the Wine part of `test-samples` all run through it.
#
#   compare.sh [OPTION...] [--progs DIR] [--dir DIR] [LIST...]
#
# The runs come from these sources, in the order given:
#   --progs DIR  every DIR/*.exe built from tests/wine/progs/ (make
#                test-wine), with the companion files described below.
#   LIST         a run list (tests/run/wine-runs.txt, samples/wine-check.txt):
#                one run a line, in shell words ('#' starts a comment line):
#                  [stdin=FILE] [cwd=exe] [sort=1] [env=VAR=VALUE]...
#                  [copy=FILE]... PROGRAM [ARG...]
#                PROGRAM is relative to the last --dir DIR (default: the
#                current directory).  copy=FILE (relative to the current
#                directory, like stdin) is copied into the fresh directory
#                the program runs from, on each side, and its contents are
#                part of the cache key: a script, a data file, or a program
#                a command line names (cmd.exe looks in the current
#                directory, not in the parent's).  cwd=exe runs the program from its own
#                directory by its base name; by default it runs from a fresh
#                empty directory by its full path.  sort=1 compares the
#                sorted lines (processes that run at once interleave their
#                lines).  stdin is /dev/null unless given.
# Options:
#   --dllshare PATH  the dllshare to compare (default $DLLSHARE, else
#                    build/bin/dllshare); the ASan build for test-san-run-wine.
#   --expected DIR   Wine's own answer must also equal DIR/TAG.out and
#                    DIR/TAG.rc: one more case per run, which checks the
#                    programs themselves whatever dllshare does.
#   --out DIR        keep every run's files in DIR: TAG.wine.out, TAG.wine.rc,
#                    TAG.dllshare.out, TAG.dllshare.rc, TAG.dllshare.err
#                    (default: a temporary directory, removed at the end).
#   --fresh-cache    dllshare's section cache (DLLSHARE_CACHE) is a new empty
#                    directory, so no section laid out by an earlier run is
#                    reused.
#   --only NAME      run only the runs named NAME (may be repeated).
# A run's NAME is its program and arguments as the list writes them (for
# --progs, the program's base name); its TAG is NAME as a file name: the
# '/' of the path and the space before the arguments become '-', any other
# character outside [A-Za-z0-9_.-] becomes '_'.
#
# Wine's answers are cached in $WINE_CACHE (default build/tests/wine-cache),
# keyed by a hash of every .exe and .dll in the program's directory, the
# program's name, its arguments, stdin contents, cwd, environment and sort
# flag, the Wine command and version, and the year (Wine picks the time zone
# by the current year's rules): rebuilding a program (or a DLL
# beside it) runs Wine again, otherwise only dllshare runs.  WINE_CACHE=off
# runs Wine every time.  One persistent wineserver serves all Wine runs.
# WINE is the command that runs Wine (default: wine; make passes $(WINE),
# which names the prefix).  Timeouts: $WINE_TEST_TIMEOUT seconds for
# dllshare (default 60), twice that for Wine.
#
# Conventions of tests/wine/progs/ (tests/wine/wine.mk builds them):
#   NAME.c     one program, built to DIR/NAME.exe with mingw's default
#              stdio; a line containing "wine-test: both-stdio" also builds
#              NAME-ms.exe with -D__USE_MINGW_ANSI_STDIO=0 (printf straight
#              from msvcrt); a line with "wine-test: unicode" builds with
#              -municode (the program has wmain); "wine-test: clang"
#              compiles it with clang (native TLS).
#   NAME.cpp   a C++ program (libstdc++ linked statically), also built as
#              NAME-shared.exe against libstdc++-6.dll.
#   NAME.args  optional: the arguments, one line, in shell quoting (passed
#              through `eval`).
#   NAME.dlls  optional: names of DLLs (one a line, no .dll) the program
#              links against; each is tests/wine/dlls/DLL.c, built to
#              DIR/DLL.dll beside the programs.
#   NAME.skip  optional: the program is built but not run on its own (a
#              child of another test).
#   NAME.stdin optional: fed to the program's stdin.
# (NAME-ms.exe uses NAME's companion files.)  Each runs from a fresh empty
# directory with DLLSHARE_TEST_VAR="hello wine" in its environment; under
# dllshare with a new empty registry (DLLSHARE_REGISTRY).  Its
# output must not depend on time, pids or addresses.
#
# Prints PASS/FAIL per case, a readable diff for a failure (cat -A: a \r
# shows as ^M), and ends with "N passed, N failed"; exits non-zero when a
# case failed.
set -u
here=$(pwd)
progsrc=$(cd "$(dirname "$0")" && pwd)/progs
WINE=${WINE:-wine}
TIMEOUT=${WINE_TEST_TIMEOUT:-60}
DLLSHARE=${DLLSHARE:-build/bin/dllshare}
cache=${WINE_CACHE:-build/tests/wine-cache}
expected='' out='' fresh=0 only=()
export WINEDEBUG=-all

die() { echo "compare.sh: $*" >&2; exit 2; }
abspath() { case $1 in /*) echo "$1" ;; *) echo "$here/$1" ;; esac; }

# The runs, one index each across these arrays.
R_NAME=() R_TAG=() R_EXE=() R_ARGS=() R_STDIN=() R_CWD=() R_SORT=() R_ENV=()
R_COPY=()

tag_of() { # tag_of PROGRAM [ARG...]
	local p=${1//\//-}
	shift
	[ $# -gt 0 ] && p="$p-$*"
	tr -c 'A-Za-z0-9_.-' _ <<<"$p" | sed 's/_$//'
}

# add_run NAME TAG EXE STDIN CWD SORT ENVQ COPYQ ARG...: ENVQ is the
# environment assignments, COPYQ the files to copy (absolute), each already
# in shell quoting.
add_run() {
	local i=${#R_NAME[@]}
	R_NAME[i]=$1 R_TAG[i]=$2 R_EXE[i]=$3 R_STDIN[i]=$4 R_CWD[i]=$5
	R_SORT[i]=$6 R_ENV[i]=$7 R_COPY[i]=$8
	shift 8
	R_ARGS[i]=
	[ $# -gt 0 ] && R_ARGS[i]=$(printf '%q ' "$@")
}

# The tests/wine/progs conventions (see the top of this file).
add_progs() {
	local dir exe n base in args
	dir=$(cd "$1" && pwd) || die "no directory $1"
	for exe in "$dir"/*.exe; do
		[ -e "$exe" ] || continue
		n=$(basename "$exe" .exe)
		base=${n%-ms}
		[ -e "$progsrc/$base.skip" ] && continue
		args=()
		if [ -f "$progsrc/$base.args" ]; then
			eval "args=($(head -n1 "$progsrc/$base.args"))"
		fi
		in=/dev/null
		[ -f "$progsrc/$base.stdin" ] && in=$progsrc/$base.stdin
		add_run "$n" "$n" "$exe" "$in" new 0 \
			"$(printf '%q' 'DLLSHARE_TEST_VAR=hello wine')" '' "${args[@]}"
	done
}

# A run list (format at the top of this file), programs under $2.
add_list() {
	local list=$1 dir=$2 line w in cwd sort envq copyq f
	[ -f "$list" ] || die "no run list $list"
	while IFS= read -r line; do
		case "$line" in '' | '#'*) continue ;; esac
		eval "w=($line)"
		in=/dev/null cwd=new sort=0 envq= copyq=
		while [ ${#w[@]} -gt 0 ]; do
			case "${w[0]}" in
			stdin=*) in=$(abspath "${w[0]#stdin=}") ;;
			cwd=exe) cwd=exe ;;
			sort=1) sort=1 ;;
			env=*=*) envq="$envq $(printf '%q' "${w[0]#env=}")" ;;
			copy=*)
				f=$(abspath "${w[0]#copy=}")
				[ -f "$f" ] || die "$list: no file $f to copy"
				copyq="$copyq $(printf '%q' "$f")" ;;
			*) break ;;
			esac
			w=("${w[@]:1}")
		done
		[ ${#w[@]} -gt 0 ] || die "$list: no program in: $line"
		[ -z "$copyq" ] || [ "$cwd" = new ] || die "$list: copy= with cwd=exe: $line"
		add_run "${w[*]}" "$(tag_of "${w[@]}")" "$dir/${w[0]}" "$in" \
			"$cwd" "$sort" "$envq" "$copyq" "${w[@]:1}"
	done <"$list"
}

dir=$here
while [ $# -gt 0 ]; do
	case "$1" in
	--dllshare) DLLSHARE=$2; shift ;;
	--expected) expected=$(abspath "$2"); shift ;;
	--out) out=$2; shift ;;
	--fresh-cache) fresh=1 ;;
	--only) only+=("$2"); shift ;;
	--dir) dir=$(abspath "$2"); shift ;;
	--progs) add_progs "$2"; shift ;;
	-*) die "unknown option $1" ;;
	*) add_list "$1" "$dir" ;;
	esac
	shift
done
[ ${#R_NAME[@]} -gt 0 ] || die "no runs (give --progs DIR or a run list)"
DLLSHARE=$(abspath "$DLLSHARE")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$out" ]; then
	mkdir -p "$out" && out=$(cd "$out" && pwd)
else
	out=$work/out && mkdir -p "$out"
fi
[ "$fresh" = 1 ] && export DLLSHARE_CACHE=$work/dllshare-cache
if [ "$cache" != off ]; then
	mkdir -p "$cache" && cache=$(cd "$cache" && pwd)
fi
wine_id=$(printf '%s\n' "$WINE" "$($WINE --version 2>&1)")

# The digest of every .exe and .dll in a directory, once per directory:
# a program's answer may depend on any of them (its DLLs, a child it
# starts, a plugin it loads).
# (Called in this shell, not in $(...), so that the table keeps it.)
declare -A dir_digest
digest_of_dir() {
	local d=$1
	if [ -z "${dir_digest[$d]:-}" ]; then
		dir_digest[$d]=$(cd "$d" && sha256sum -- *.exe *.dll 2>/dev/null |
			sha256sum | cut -c1-64)
	fi
}

# Starts one wineserver that all Wine runs share (each Wine start is then
# ~0.1 s instead of ~1 s); it exits by itself 60 s after the last client.
# $WINE is "env VAR=... wine": the same command with wineserver in its place.
server_up=0
wine_server() {
	[ "$server_up" = 1 ] && return
	server_up=1
	local ws pre=
	ws=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
	case "$WINE" in *' '*) pre=${WINE% *} ;; esac
	# shellcheck disable=SC2086
	$pre "$ws" -p60 2>/dev/null
}

# run_side I SIDE OUTFILE ERRFILE CMD...: runs run I's program with CMD
# (Wine or dllshare run) in front; returns its exit status.
run_side() {
	local i=$1 side=$2 o=$3 e=$4 d t=$TIMEOUT rc
	shift 4
	local -a args envs copies
	eval "args=(${R_ARGS[i]})"
	eval "envs=(${R_ENV[i]})"
	eval "copies=(${R_COPY[i]})"
	local prog=${R_EXE[i]}
	if [ "${R_CWD[i]}" = exe ]; then
		d=$(dirname "$prog") prog=$(basename "$prog")
	else
		d=$work/run/$i/$side && mkdir -p "$d"
		[ ${#copies[@]} -eq 0 ] || cp -- "${copies[@]}" "$d/"
	fi
	[ "$side" = wine ] && t=$((TIMEOUT * 2))
	(cd "$d" && env "${envs[@]}" timeout "$t" "$@" "$prog" "${args[@]}" \
		<"${R_STDIN[i]}" >"$o" 2>"$e")
	rc=$?
	if [ "${R_SORT[i]}" = 1 ]; then
		LC_ALL=C sort "$o" >"$o.sorted" && mv "$o.sorted" "$o"
	fi
	return $rc
}

# wine_answer I: Wine's stdout and status for run I in $out/TAG.wine.out
# and .rc, from the cache when nothing it depends on has changed.
year=$(date +%Y)

wine_answer() {
	local i=$1 key f rc d
	f=$out/${R_TAG[i]}.wine
	if [ "$cache" != off ]; then
		d=$(dirname "${R_EXE[i]}")
		digest_of_dir "$d"
		key=$({
			echo "$wine_id"
			# Wine picks the time zone by the current year's rules.
			echo "year $year"
			echo "${dir_digest[$d]}"
			basename "${R_EXE[i]}"
			echo "args ${R_ARGS[i]}"
			echo "env ${R_ENV[i]}"
			echo "cwd ${R_CWD[i]} sort ${R_SORT[i]}"
			local -a copies
			eval "copies=(${R_COPY[i]})"
			for c in "${copies[@]}"; do
				echo "copy $(basename "$c") $(sha256sum <"$c")"
			done
			sha256sum <"${R_STDIN[i]}"
		} | sha256sum | cut -c1-64)
		if [ -f "$cache/$key.rc" ]; then
			cp "$cache/$key.out" "$f.out" && cp "$cache/$key.rc" "$f.rc"
			return
		fi
	fi
	wine_server
	# shellcheck disable=SC2086
	run_side "$i" wine "$f.out" "$f.err" $WINE
	rc=$?
	echo "$rc" >"$f.rc"
	# A timeout or a Wine that did not start is not an answer to keep;
	# nor is a failure with nothing printed where Wine's loader says why
	# on stderr (a Wine that could not run the program this time).
	case "$rc" in 124 | 125 | 126 | 127 | 137) return ;; esac
	if [ "$rc" != 0 ] && [ ! -s "$f.out" ] &&
		grep -q '^wine: ' "$f.err" 2>/dev/null &&
		! grep -q '^wine: Unhandled' "$f.err"; then
		return
	fi
	if [ "$cache" != off ]; then
		cp "$f.out" "$cache/$key.out.$$" && mv "$cache/$key.out.$$" "$cache/$key.out" &&
			echo "$rc" >"$cache/$key.rc"
	fi
}

pass=0 fail=0
# same NAME A B LABEL_A LABEL_B: one case; A and B are file prefixes with
# .out and .rc.  A failure shows both exit codes and a diff of stdout.
same() {
	local name=$1 a=$2 b=$3 la=$4 lb=$5 ra rb
	ra=$(cat "$a.rc" 2>/dev/null) rb=$(cat "$b.rc" 2>/dev/null)
	if [ "$ra" = "$rb" ] && cmp -s "$a.out" "$b.out"; then
		echo "PASS $name (exit $ra)"
		pass=$((pass + 1))
		return 0
	fi
	echo "FAIL $name: exit $la=$ra $lb=$rb"
	fail=$((fail + 1))
	# cat -A shows the \r of Windows line ends (^M), which a plain diff hides.
	diff -u --label "$la" --label "$lb" <(cat -A "$a.out") <(cat -A "$b.out") |
		head -n 40 | sed 's/^/  /'
	return 1
}

for i in "${!R_NAME[@]}"; do
	name=${R_NAME[i]} tag=${R_TAG[i]}
	if [ ${#only[@]} -gt 0 ]; then
		want=0
		for o in "${only[@]}"; do [ "$o" = "$name" ] && want=1; done
		[ "$want" = 1 ] || continue
	fi
	wine_answer "$i"
	if [ -n "$expected" ]; then
		if [ -f "$expected/$tag.out" ]; then
			same "$name: Wine = expected" "$expected/$tag" "$out/$tag.wine" \
				expected wine
		else
			echo "FAIL $name: Wine = expected: no $expected/$tag.out"
			fail=$((fail + 1))
		fi
	fi
	f=$out/$tag.dllshare
	# dllshare's registry: a new empty one for each run, never the
	# user's (under Wine the program uses the prefix's, and cleans up).
	run_side "$i" ds "$f.out" "$f.err" \
		env DLLSHARE_REGISTRY="$work/registry-$i" "$DLLSHARE" run
	echo $? >"$f.rc"
	if ! same "$name" "$out/$tag.wine" "$f" wine dllshare && [ -s "$f.err" ]; then
		echo "  dllshare stderr:"
		head -n 10 "$f.err" | sed 's/^/  ! /'
	fi
done
[ "$out" = "$work/out" ] || echo "outputs are in $out/"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
