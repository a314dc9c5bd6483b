#!/bin/bash
# options.sh DLLSHARE DLLMAP MANDIR — the manual pages name everything the
# programs know, so a new option or environment variable cannot go
# undocumented:
#   - the commands are read from `dllshare --help` ("  dllshare COMMAND ...");
#     each answers `dllshare COMMAND --help` on stdout with status 0, and each
#     command and each option that help prints (--long and -x) is in
#     dllshare(1);
#   - each option `dllmap --help` prints is in dllmap(1);
#   - each environment variable the sources read (getenv("NAME") and
#     "DLLSHARE_..." names in loader/, runtime/, pe/ for dllshare; tools/
#     for dllmap) is in the page's ENVIRONMENT section;
#   - --version prints the version the pages' footers carry.
# The pages are compared as rendered text (groff -Tascii, no hyphenation).
# Ends with "N passed, N failed".
set -u
ds=$1 dm=$2 mandir=$3
pass=0 fail=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
render() { groff -man -Tascii -P-cbou -rHY=0 -rLL=200n "$1" 2>/dev/null; }
ds_text=$(render "$mandir/dllshare.1") dm_text=$(render "$mandir/dllmap.1")
# The text of one section: from its heading to the next heading.
section() { awk -v s="$2" '/^[A-Z][A-Z ]*$/ { on = ($0 == s) } on' <<<"$1"; }
# Is the word (an option, a name) in the text, as a whole word?
has() { grep -qE -- "(^|[^A-Za-z0-9_-])$2([^A-Za-z0-9_-]|\$)" <<<"$1"; }
# The options a --help text names.
options() { grep -oE -- '(^|[][ |,(])--?[A-Za-z][A-Za-z-]*' | sed -E 's/^[][ |,(]//' | sort -u; }

help=$("$ds" --help) || bad "dllshare --help: exit $?"
cmds=$(sed -nE 's/^  dllshare ([a-z]+).*/\1/p' <<<"$help" | sort -u)
[ -n "$cmds" ] || bad "dllshare --help names no command"
for o in $(options <<<"$help"); do
	if has "$ds_text" "$o"; then ok "dllshare $o in dllshare(1)"; else
		bad "dllshare $o: not in dllshare(1)"; fi
done
for c in $cmds; do
	if out=$("$ds" "$c" --help 2>/dev/null) && [ -n "$out" ]; then
		ok "dllshare $c --help (stdout, exit 0)"
	else
		bad "dllshare $c --help: nothing on stdout, or not exit 0"; continue
	fi
	if has "$(section "$ds_text" COMMANDS)" "$c"; then ok "command $c in dllshare(1) COMMANDS"; else
		bad "command $c: not in the COMMANDS of dllshare(1)"; fi
	for o in $(options <<<"$out"); do
		if has "$ds_text" "$o"; then ok "dllshare $c $o in dllshare(1)"; else
			bad "dllshare $c $o: not in dllshare(1)"; fi
	done
done

if out=$("$dm" --help) && [ -n "$out" ]; then ok "dllmap --help (stdout, exit 0)"; else
	bad "dllmap --help: nothing on stdout, or not exit 0"; fi
for o in $(options <<<"$out"); do
	if has "$dm_text" "$o"; then ok "dllmap $o in dllmap(1)"; else
		bad "dllmap $o: not in dllmap(1)"; fi
done

envs() { # the environment variables the sources under the given dirs read
	grep -rhoE --include='*.c' --include='*.h' \
		'(secure_)?getenv\("[A-Za-z_][A-Za-z0-9_]*"\)|"DLLSHARE_[A-Z0-9_]+"' "$@" |
		grep -oE '[A-Za-z_][A-Za-z0-9_]*"' | tr -d '"' | sort -u
}
ds_env=$(section "$ds_text" ENVIRONMENT) dm_env=$(section "$dm_text" ENVIRONMENT)
for v in $(envs loader runtime pe); do
	if has "$ds_env" "$v"; then ok "\$$v in dllshare(1) ENVIRONMENT"; else
		bad "\$$v (read by dllshare): not in the ENVIRONMENT of dllshare(1)"; fi
done
for v in $(envs tools); do
	if has "$dm_env" "$v"; then ok "\$$v in dllmap(1) ENVIRONMENT"; else
		bad "\$$v (read by dllmap): not in the ENVIRONMENT of dllmap(1)"; fi
done

v=$("$ds" --version | sed -n 's/^dllshare //p')
[ "$("$dm" --version)" = "dllmap $v" ] && ok "dllmap --version: $v" ||
	bad "dllmap --version: $("$dm" --version), dllshare says $v"
for p in dllshare dllmap; do
	if grep -q "^\.TH .*\"dllshare $v\"" "$mandir/$p.1"; then ok "$p.1 footer: dllshare $v"; else
		bad "$p.1: .TH does not say \"dllshare $v\""; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
