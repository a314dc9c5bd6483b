#!/bin/bash
# alias.sh DLLSHARE DIR — one DLL file under several names is one module,
# as on Windows: LoadLibrary through a symlink, a hard link, ".\x.dll",
# "sub\..\x.dll" or a doubled slash returns the module already loaded
# (the loader builds full paths lexically, as GetFullPathName does, and
# tells files apart by device and inode), while a copy of the file is a
# module of its own.  A relative $DLLSHARE_PATH entry is searched from
# the current directory.  Not compared with Wine: symlinks and hard links
# are Linux's.  The test program is built here (MINGW_CC).
. "$(dirname "$0")/lib.sh"

# alias_main NAME...: LoadLibrary each NAME and print which distinct
# module it is (#0, #1, ... by first appearance) and its file name; "-"
# frees every handle loaded so far and starts the numbering again.
cat >"$tmp/alias_main.c" <<'SRC'
#include <stdio.h>
#include <string.h>
#include <windows.h>

int main(int argc, char **argv)
{
	HMODULE all[64], seen[64];
	int nall = 0, nseen = 0;

	for (int i = 1; i < argc && nall < 64; i++) {
		char path[MAX_PATH];
		HMODULE h;
		int k;

		if (!strcmp(argv[i], "-")) {
			while (nall > 0)
				FreeLibrary(all[--nall]);
			nseen = 0;
			printf("freed\n");
			fflush(stdout);
			continue;
		}
		h = LoadLibraryA(argv[i]);
		if (!h) {
			printf("%s: failed %lu\n", argv[i], GetLastError());
			fflush(stdout);
			continue;
		}
		all[nall++] = h;
		for (k = 0; k < nseen && seen[k] != h; k++)
			;
		if (k == nseen)
			seen[nseen++] = h;
		if (!GetModuleFileNameA(h, path, sizeof path))
			strcpy(path, "?");
		printf("%s: #%d %s\n", argv[i], k, path);
		fflush(stdout);
	}
	return 0;
}
SRC
if ! ${MINGW_CC:-x86_64-w64-mingw32-gcc} -O2 -o "$tmp/alias_main.exe" "$tmp/alias_main.c"; then
	echo "FAIL: cannot build alias_main.exe"
	echo "0 passed, 1 failed"
	exit 1
fi

# Z:\... as GetModuleFileName says it.
win() { printf 'Z:%s' "${1//\//\\}"; }

mkdir -p "$tmp/a" "$tmp/b" "$tmp/c"
cp "$tmp/alias_main.exe" "$tmp/a/"
cp "$dir/order_b.dll" "$tmp/a/"
ln -s order_b.dll "$tmp/a/link.dll"
ln "$tmp/a/order_b.dll" "$tmp/a/hard.dll"
cp "$dir/order_b.dll" "$tmp/a/copy.dll"
b=$(win "$tmp/a/order_b.dll")
c=$(win "$tmp/a/copy.dll")

# check NAME WANT: the program's stdout (CRs dropped) is WANT.
check() {
	local got
	got=$(tr -d '\r' <"$tmp/out")
	if [ "$status" -eq 0 ] && [ "$got" = "$2" ]; then
		ok "$1"
	else
		bad "$1 (status $status)"
		diff <(echo "$2") <(echo "$got") | sed 's/^/    /'
		sed 's/^/    stderr: /' "$tmp/err" | head -5
	fi
}

# "nosub" does not exist: "nosub\.." is removed before the file system
# is asked, as GetFullPathName does.  GetModuleFileName names the path a
# module was loaded through: after the FreeLibrary, link.dll's own.
(cd "$tmp/a" && "$dllshare" run --trace ./alias_main.exe order_b.dll \
	'.\order_b.dll' "$tmp/a//nosub/../order_b.dll" 'nosub\..\.\\order_b.dll' \
	link.dll LINK.DLL hard.dll copy.dll - link.dll \
	>"$tmp/out" 2>"$tmp/err")
status=$?
check "one file, many names: one module" "order_b: PROCESS_ATTACH (dynamic load)
order_b.dll: #0 $b
.\\order_b.dll: #0 $b
$tmp/a//nosub/../order_b.dll: #0 $b
nosub\\..\\.\\\\order_b.dll: #0 $b
link.dll: #0 $b
LINK.DLL: #0 $b
hard.dll: #0 $b
order_b: PROCESS_ATTACH (dynamic load)
copy.dll: #1 $c
order_b: PROCESS_DETACH (dynamic load)
order_b: PROCESS_DETACH (dynamic load)
freed
order_b: PROCESS_ATTACH (dynamic load)
link.dll: #0 $(win "$tmp/a/link.dll")
order_b: PROCESS_DETACH (static load)"

# After FreeLibrary the section kept for the file is reused through the
# symlink (found by the file's identity, not by its name).
if grep -q "^dllshare: section $tmp/a/link.dll: reused " "$tmp/err"; then
	ok "kept section reused through a symlink"
else
	bad "kept section not reused through a symlink"
	grep 'section' "$tmp/err" | sed 's/^/    /' | head -5
fi
# The section file is named after the real file: no section for
# link.dll or hard.dll; order_b.dll's, and copy.dll's (maybe two of
# them: one per base, its preferred base being taken by order_b.dll).
secs=$(cd "$DLLSHARE_CACHE" && ls -- *.sec 2>/dev/null | sed 's/\..*//' | sort -u | tr '\n' ' ')
if [ "$secs" = "alias_main copy order_b " ]; then
	ok "section files: $secs"
else
	bad "section files: '$secs', want 'alias_main copy order_b '"
fi

# A relative DLLSHARE_PATH entry, from another directory: the program in
# b, the DLLs in a, the current directory c.
cp "$tmp/alias_main.exe" "$tmp/b/"
(cd "$tmp/c" && DLLSHARE_PATH=../nosub/../a "$dllshare" run "$tmp/b/alias_main.exe" \
	ORDER_B.dll link.dll ../a/order_b.dll ghost.dll >"$tmp/out" 2>"$tmp/err")
status=$?
check "relative DLLSHARE_PATH" "order_b: PROCESS_ATTACH (dynamic load)
ORDER_B.dll: #0 $b
link.dll: #0 $b
../a/order_b.dll: #0 $b
ghost.dll: failed 126
order_b: PROCESS_DETACH (static load)"

done_
