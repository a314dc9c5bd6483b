#!/bin/bash
# cache.sh DLLSHARE DLLMAP SAMPLES — the section cache against a full file
# system, damaged or tampered entries and other users (issue 16):
#  1. a tmpfs too small for one section: the program runs, same output,
#     one note naming the cache and the image; dllmap says why its pages
#     are its own; no temporary file left
#  2. a tmpfs that fills half-way through a program's DLLs: the same
#  3. a tampered section (same size, trailer kept): detected, rebuilt,
#     the image's own output; `cache verify` finds it first.  A cached
#     section is found by the file's identity (the image not read); one
#     with damaged section names in its trailer is replaced, one with no
#     names is used, the image read for them
#  4. a truncated, a garbage and a symlinked entry: replaced (--trace
#     says so), the program runs; `cache gc` removes what it cannot
#     validate
#  5. a section truncated under a running process: STATUS_IN_PAGE_ERROR
#     (exit status 6) and a line naming the section file
#  6. /dev/shm/dllshare-<uid> made by another user (XDG_RUNTIME_DIR
#     unset): runs, one note, the same fallback directory each time
#  7. a shared-data section the cache has no room for: laid out in the
#     process's own memory (same output, one note naming cache, image and
#     section); a second process while the first runs does the same even
#     with room again (its own note); sharing comes back after both
#  8. the process record fills while the program runs (64 DLLs, 2048
#     first writes): same output, one note naming the record; dllmap says
#     "record incomplete (cache full)" and shows the DLLs it lacks from
#     the kernel's view, exit 0; with no room even for the record's
#     header: runs, a note, no record file
#  9. a directory at a section's name: ours and empty, replaced (--trace);
#     with files in it, or another user's, refused saying what to do;
#     `cache gc` removes ours, keeps another's and says so
# 1, 2, 6, 7, 8 and 9's other user need root (skipped otherwise, and why).
# Processes that must hold are synchronized with pipes, never sleeps.
dllshare=$(realpath "$1")
dllmap=$(realpath "$2")
sb=$(realpath "$3")
manydir=$(realpath "$4")
here=$(dirname "$(realpath "$0")")
repo=$(realpath "$here/../..")
tmp=$(mktemp -d -p "$repo/build")
mnt=$tmp/mnt
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	mountpoint -q "$mnt" && umount "$mnt"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap '' PIPE # a held process that died early must fail a check, not end us
export DLLSHARE_CACHE=$tmp/cache
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
cow=$sb/cow/cow.exe
imports=$sb/imports/imports.exe
root=0; [ "$(id -u)" -eq 0 ] && root=1

# The reference outputs, from a cache with room.
echo | "$dllshare" run "$cow" 5 6 7 >"$tmp/cow.ref" 2>"$tmp/cow.referr"
"$dllshare" run "$imports" >"$tmp/imp.ref" 2>&1; imp_status=$? # 3: the sample's own
check "reference runs" '[ -s "$tmp/cow.ref" ] && [ -s "$tmp/imp.ref" ]'

# $1 file: how many tmp.* files are left in the cache directory $2.
no_tmp() { ! ls "$1" 2>/dev/null | grep -q '^tmp\.'; }

# --- 1. too small for one section ---------------------------------------
if [ $root -eq 1 ]; then
	mkdir -p "$mnt"
	mount -t tmpfs -o size=1m tmpfs "$mnt"
	export DLLSHARE_CACHE=$mnt/cache
	echo | "$dllshare" run "$cow" 5 6 7 >"$tmp/o1" 2>"$tmp/e1"; s=$?
	check "1 MiB tmpfs: runs (status $s)" '[ $s -eq 0 ]'
	check "1 MiB tmpfs: the same output" 'cmp -s "$tmp/o1" "$tmp/cow.ref"'
	check "1 MiB tmpfs: one note naming cache and image" \
		'[ "$(grep -c "cache full ($mnt/cache): cow.dll runs unshared" "$tmp/e1")" = 1 ]'
	check "1 MiB tmpfs: no temporary file left" 'no_tmp "$mnt/cache"'
	# dllmap on a holding process: the module says why it is its own.
	mkfifo "$tmp/in" "$tmp/out"
	"$dllshare" run "$cow" 9 <"$tmp/in" >"$tmp/out" 2>/dev/null &
	pids+=($!); pid=$!
	exec 4>"$tmp/in" 5<"$tmp/out"
	while read -r -t 60 l <&5 && [[ $l != *holding* ]]; do :; done
	"$dllmap" "$pid" >"$tmp/map1" 2>&1; ms=$?
	echo >&4; exec 4>&- 5<&-; wait "$pid"
	check "1 MiB tmpfs: dllmap says why cow.dll is unshared (status $ms)" \
		'[ $ms -eq 0 ] && grep -q "unshared: the cache was full" "$tmp/map1"'
	umount "$mnt"

	# --- 2. fills half-way through the DLLs ------------------------
	# Room for the record, the EXE's section and the first DLL's, and
	# half of the second's: sizes and order from a run with room.
	export DLLSHARE_CACHE=$tmp/cache2
	"$dllshare" run --trace "$imports" 2>&1 >/dev/null |
		sed -n 's/.*: created \([^ ]*\) .*/\1/p' >"$tmp/order"
	mapfile -t secs <"$tmp/order"
	sz() { stat -c %s "$1"; }
	if [ ${#secs[@]} -ge 3 ]; then
		room=$(( 300 * 1024 + $(sz "${secs[0]}") + $(sz "${secs[1]}") + $(sz "${secs[2]}") / 2 ))
		mount -t tmpfs -o size=$((room + 4 * 1024 * 1024)) tmpfs "$mnt"
		fallocate -l $((4 * 1024 * 1024)) "$mnt/filler"
		export DLLSHARE_CACHE=$mnt/cache
		"$dllshare" run "$imports" >"$tmp/o2" 2>"$tmp/e2"; s=$?
		grep -v '^dllshare: cache full' "$tmp/e2" >>"$tmp/o2"
		check "tmpfs full half-way: runs (status $s, as with room: $imp_status)" '[ $s -eq $imp_status ]'
		check "tmpfs full half-way: the same output" 'cmp -s "$tmp/o2" "$tmp/imp.ref"'
		check "tmpfs full half-way: the first images shared, later ones noted" \
			'[ -n "$(ls "$mnt/cache"/*.sec 2>/dev/null)" ] && grep -q "runs unshared" "$tmp/e2"'
		check "tmpfs full half-way: no temporary file left" 'no_tmp "$mnt/cache"'
		umount "$mnt"
	else
		bad "tmpfs full half-way: expected 3 sections, got: ${secs[*]}"
	fi
else
	echo "skipped: tmpfs too small / full half-way: mounting needs root"
fi
export DLLSHARE_CACHE=$tmp/cache

# --- 3. tampered ----------------------------------------------------------
dllsec=$(ls "$DLLSHARE_CACHE"/cow.dll.*.sec | head -1)
printf '\xcc\xcc\xcc\xcc' | dd of="$dllsec" bs=1 seek=4200 conv=notrunc 2>/dev/null
"$dllshare" cache verify >"$tmp/v" 2>&1; s=$?
check "tampered: cache verify names it, exit 1" \
	'[ $s -eq 1 ] && grep -q "^damaged $(basename "$dllsec")" "$tmp/v"'
echo | "$dllshare" run --trace "$cow" 5 6 7 >"$tmp/o3" 2>"$tmp/e3"; s=$?
check "tampered: detected and replaced (--trace)" \
	'grep -q "holds other bytes than were built.*replacing it" "$tmp/e3"'
check "tampered: the image's own output (status $s)" '[ $s -eq 0 ] && cmp -s "$tmp/o3" "$tmp/cow.ref"'
"$dllshare" cache verify >"$tmp/v" 2>&1; s=$?
check "tampered: verify clean after the rebuild" '[ $s -eq 0 ]'

# --- 3b. found by the file's identity; the trailer's section names ---------
# A start whose section is cached finds it by the image file's identity
# and takes SizeOfImage, ImageBase and the section names from its
# trailer: the image file itself is not read.  Names damaged in the
# trailer are a damaged entry (verify says so, a start replaces it); a
# trailer without names (as when they do not fit) is used as it is, by
# a start that reads the image file for them.
exesec=$(ls "$DLLSHARE_CACHE"/cow.exe.*.sec | head -1)
names_at=$(($(stat -c %s "$exesec") - 8192 + 4200)) # secfile.h: names[]
echo | "$dllshare" run --trace "$cow" 5 6 7 >"$tmp/o3" 2>"$tmp/e3"; s=$?
check "cached: found by the file's identity, the image not read (--trace)" \
	'[ $s -eq 0 ] && grep -q "section $cow: reused $exesec (.*the image itself not read)" "$tmp/e3"'
printf '\x01' | dd of="$exesec" bs=1 seek=$names_at conv=notrunc 2>/dev/null
"$dllshare" cache verify >"$tmp/v" 2>&1; s=$?
check "damaged names: cache verify names it, exit 1" \
	'[ $s -eq 1 ] && grep -q "^damaged $(basename "$exesec"): its section names are damaged" "$tmp/v"'
echo | "$dllshare" run --trace "$cow" 5 6 7 >"$tmp/o3" 2>"$tmp/e3"; s=$?
check "damaged names: replaced (--trace), the same output (status $s)" \
	'[ $s -eq 0 ] && cmp -s "$tmp/o3" "$tmp/cow.ref" && grep -q "has damaged section names in its trailer; replacing it" "$tmp/e3"'
echo | "$dllshare" run --trace "$cow" 5 6 7 >/dev/null 2>"$tmp/e3"
check "damaged names: the next start finds the new one by identity" \
	'grep -q "section $cow: reused .*the image itself not read" "$tmp/e3"'
printf '\0\0\0\0' | dd of="$exesec" bs=1 seek=$((names_at - 16)) conv=notrunc 2>/dev/null
echo | "$dllshare" run --trace "$cow" 5 6 7 >"$tmp/o3" 2>"$tmp/e3"; s=$?
check "no names in the trailer: used as it is, the image read for them" \
	'[ $s -eq 0 ] && cmp -s "$tmp/o3" "$tmp/cow.ref" && grep -q "section $cow: reused $exesec (base" "$tmp/e3" && ! grep -q "section $cow: .*\(replacing it\|image itself not read\)" "$tmp/e3"'
"$dllshare" cache verify >/dev/null 2>&1; s=$?
check "no names in the trailer: cache verify finds nothing wrong" '[ $s -eq 0 ]'

# --- 4. truncated, garbage, symlinked --------------------------------------
for kind in truncated garbage symlink; do
	rm -f "$dllsec"
	case $kind in
	truncated) echo | "$dllshare" run "$cow" >/dev/null 2>&1; truncate -s 8192 "$dllsec" ;;
	garbage) head -c 300000 /dev/urandom >"$dllsec" ;;
	symlink) ln -s "$tmp/nowhere" "$dllsec" ;;
	esac
	echo | "$dllshare" run --trace "$cow" 5 6 7 >"$tmp/o4" 2>"$tmp/e4"; s=$?
	check "$kind entry: runs, the same output (status $s)" '[ $s -eq 0 ] && cmp -s "$tmp/o4" "$tmp/cow.ref"'
	check "$kind entry: --trace says it was replaced" 'grep -q "$(basename "$dllsec").*replacing it" "$tmp/e4"'
	check "$kind entry: now a valid regular file" '[ -f "$dllsec" ] && [ ! -L "$dllsec" ] && "$dllshare" cache verify >/dev/null'
	check "$kind entry: no temporary file left" 'no_tmp "$DLLSHARE_CACHE"'
done
ln -s /etc/passwd "$DLLSHARE_CACHE/planted.0123456789abcdef.sec"
echo junk >"$DLLSHARE_CACHE/junk.0123456789abcdef.sec"
"$dllshare" cache gc >"$tmp/gc" 2>&1
check "cache gc removes entries it cannot validate" \
	'[ ! -e "$DLLSHARE_CACHE/planted.0123456789abcdef.sec" ] && [ ! -L "$DLLSHARE_CACHE/planted.0123456789abcdef.sec" ] && [ ! -e "$DLLSHARE_CACHE/junk.0123456789abcdef.sec" ] && [ -e /etc/passwd ]'

# --- 5. truncated under a running process -----------------------------------
echo | "$dllshare" run "$cow" >/dev/null 2>&1
dllsec=$(ls "$DLLSHARE_CACHE"/cow.dll.*.sec | head -1)
rm -f "$tmp/in" "$tmp/out"; mkfifo "$tmp/in" "$tmp/out"
"$dllshare" run "$cow" 9 <"$tmp/in" >"$tmp/out" 2>"$tmp/e5" &
pids+=($!); pid=$!
exec 4>"$tmp/in" 5<"$tmp/out"
while read -r -t 60 l <&5 && [[ $l != *holding* ]]; do :; done
truncate -s 4096 "$dllsec" # the headers stay; the code goes
echo >&4; exec 4>&-
cat <&5 >/dev/null; exec 5<&-
wait "$pid"; s=$?
check "truncated under a running process: STATUS_IN_PAGE_ERROR (status $s)" '[ $s -eq 6 ]'
check "truncated under a running process: a line naming the section file" \
	'grep -q "0xC0000006" "$tmp/e5" && grep -q "section file: .*$(basename "$dllsec") (shorter than the image" "$tmp/e5"'

# --- 6. the default directory made by another user ------------------------
if [ $root -eq 1 ] && unshare -m true 2>/dev/null; then
	unshare -m bash -c '
		mount -t tmpfs -o mode=1777 tmpfs /dev/shm || exit 9
		install -d -o nobody -m 700 /dev/shm/dllshare-0
		unset XDG_RUNTIME_DIR DLLSHARE_CACHE
		for i in 1 2; do
			echo | "$1" run "$2" 5 6 7 >"$3/o6.$i" 2>"$3/e6.$i"
			echo $? >"$3/s6.$i"
		done
		"$1" cache path >"$3/path6"
		ls -d /dev/shm/dllshare-0.* >"$3/dirs6"
	' - "$dllshare" "$cow" "$tmp"
	check "foreign default directory: runs, the same output" \
		'[ "$(cat "$tmp/s6.1")" = 0 ] && cmp -s "$tmp/o6.1" "$tmp/cow.ref" && cmp -s "$tmp/o6.2" "$tmp/cow.ref"'
	check "foreign default directory: one note saying where and DLLSHARE_CACHE" \
		'[ "$(grep -c "dllshare-0: owned by uid .*using /dev/shm/dllshare-0\..* instead (set DLLSHARE_CACHE" "$tmp/e6.1")" = 1 ]'
	check "foreign default directory: one fallback, used by every run" \
		'[ "$(wc -l <"$tmp/dirs6")" = 1 ] && [ "$(cat "$tmp/path6")" = "$(cat "$tmp/dirs6")" ]'
else
	echo "skipped: foreign-owned default directory: needs root and a mount namespace"
fi

# hold OUT ERR PATTERN CMD...: starts CMD with stdin and stdout on
# fifos and copies its stdout to OUT up to the first line holding
# PATTERN; $hpid is the process.  release: sends the line it waits for,
# copies the rest of its output, waits; $hs is its status.
hold() {
	local out=$1 err=$2 pat=$3 l
	shift 3
	rm -f "$tmp/in" "$tmp/out"; mkfifo "$tmp/in" "$tmp/out"
	"$@" <"$tmp/in" >"$tmp/out" 2>"$err" &
	hpid=$! hout=$out; pids+=($hpid)
	exec 4>"$tmp/in" 5<"$tmp/out"
	: >"$out"
	while IFS= read -r -t 60 l <&5; do
		printf '%s\n' "$l" >>"$out"
		[[ $l == *"$pat"* ]] && break
	done
}
release() {
	echo >&4; exec 4>&-
	cat <&5 >>"$hout"; exec 5<&-
	wait "$hpid"; hs=$?
}
# only_line FILE TEXT: FILE is exactly the line TEXT.
only_line() { [ "$(cat "$1")" = "$2" ]; }

# --- 7. a shared-data section on a full cache -----------------------------
counter=$sb/counter/counter.exe
rec=266240 # a small program's record: what it reserves at creation
if [ $root -eq 1 ]; then
	mount -t tmpfs -o size=4m tmpfs "$mnt"
	export DLLSHARE_CACHE=$mnt/cache
	# With room: the reference outputs, and the sections built.
	"$dllshare" run "$counter" >"$tmp/cp.ref" 2>&1; cp_status=$?
	echo x | "$dllshare" run "$counter" hold B >"$tmp/cb.ref" 2>&1
	hold "$tmp/ca.ref" /dev/null shared= "$dllshare" run "$counter" hold A
	rec=$(( $(stat -c %b "$mnt/cache/proc/$hpid") * 512 ))
	release; ca_status=$hs
	shr=$(ls "$mnt/cache"/counter.dll.*.shr*)
	rm -f "$shr"
	# Room for the record (reserved when it is made) and nothing more.
	fallocate -l $(( $(df -B1 --output=avail "$mnt" | tail -1) - rec )) "$mnt/filler"
	hold "$tmp/c1" "$tmp/ce1" shared= "$dllshare" run "$counter" hold A
	"$dllmap" "$hpid" >"$tmp/cmap" 2>&1; ms=$?
	"$dllmap" --json "$hpid" >"$tmp/cjson" 2>&1
	rm "$mnt/filler" # room again, while A has it privately
	echo x | "$dllshare" run "$counter" hold B >"$tmp/c2" 2>"$tmp/ce2"; s2=$?
	release
	check "full cache, shared section: runs, the same output (status $hs, with room $ca_status)" \
		'[ $hs -eq $ca_status ] && cmp -s "$tmp/c1" "$tmp/ca.ref"'
	check "full cache, shared section: one note naming cache, image and section" \
		'only_line "$tmp/ce1" "dllshare: cache full ($mnt/cache): counter.dll: shared section .shared laid out in private memory; other processes will not see its writes"'
	check "full cache, shared section: dllmap says why (status $ms)" \
		'[ $ms -eq 0 ] && grep -q "shared section .shared is private: the cache was full" "$tmp/cmap" && grep -q "\"unshared\":\"cache full\"" "$tmp/cjson"'
	check "full cache, shared section: a second process meanwhile has it privately too, and says why" \
		'[ $s2 -eq 0 ] && cmp -s "$tmp/c2" "$tmp/cb.ref" && only_line "$tmp/ce2" "dllshare: counter.dll: shared section .shared laid out in private memory: another process has it so (the cache $mnt/cache was full when it started); other processes will not see its writes"'
	check "full cache, shared section: nobody filled the shared object meanwhile" \
		'[ -e "$shr" ] && [ ! -s "$shr" ]'
	"$dllshare" run "$counter" >"$tmp/c3" 2>&1; s3=$?
	check "full cache, shared section: shared again once they exited (status $s3)" \
		'[ $s3 -eq $cp_status ] && cmp -s "$tmp/c3" "$tmp/cp.ref"'
	check "full cache, shared section: no temporary file left" 'no_tmp "$mnt/cache"'
	umount "$mnt"
else
	echo "skipped: shared section on a full cache: mounting needs root"
fi

# --- 8. the process record fills while the program runs -------------------
if [ $root -eq 1 ]; then
	mkdir -p "$tmp/many"
	cp "$manydir/many.exe" "$tmp/many/"
	for i in $(seq -w 0 63); do cp "$manydir/m.dll" "$tmp/many/m$i.dll"; done
	mount -t tmpfs -o size=16m tmpfs "$mnt"
	export DLLSHARE_CACHE=$mnt/cache
	echo | "$dllshare" run "$tmp/many/many.exe" 64 >"$tmp/m.ref" 2>&1; m_status=$?
	fallocate -l $(( $(df -B1 --output=avail "$mnt" | tail -1) - rec )) "$mnt/filler"
	hold "$tmp/m1" "$tmp/me1" holding "$dllshare" run "$tmp/many/many.exe" 64
	"$dllmap" "$hpid" >"$tmp/mmap" 2>"$tmp/mmaperr"; ms=$?
	mpid=$hpid
	release
	check "record full while running: runs, the same output (status $hs, with room $m_status)" \
		'[ $hs -eq $m_status ] && cmp -s "$tmp/m1" "$tmp/m.ref"'
	check "record full while running: one note naming the record" \
		'only_line "$tmp/me1" "dllshare: cache full: process record $mnt/cache/proc/$mpid is incomplete from here on; dllmap shows the kernel'"'"'s view of what it lacks"'
	check "record full while running: dllmap says record incomplete (cache full), exit 0 (status $ms)" \
		'[ $ms -eq 0 ] && [ ! -s "$tmp/mmaperr" ] && grep -q "note: record incomplete (cache full)" "$tmp/mmap"'
	check "record full while running: dllmap shows the last DLL from the kernel's view" \
		'grep -A1 "^  m63\.dll" "$tmp/mmap" | grep -q "not in the record (the cache was full): the kernel'"'"'s view"'
	check "record full while running: no temporary file left" 'no_tmp "$mnt/cache"'
	umount "$mnt"
	# No room at all, not even for the record's header.
	mount -t tmpfs -o size=64k tmpfs "$mnt"
	mkdir -p -m 700 "$mnt/cache/proc"
	fallocate -l 65536 "$mnt/filler"
	echo | "$dllshare" run "$cow" 5 6 7 >"$tmp/o8" 2>"$tmp/e8"; s=$?
	check "no room at all: runs, the same output (status $s)" '[ $s -eq 0 ] && cmp -s "$tmp/o8" "$tmp/cow.ref"'
	check "no room at all: a note for each image and one for the record, no record file" \
		'[ "$(grep -c "runs unshared" "$tmp/e8")" = 2 ] && [ "$(grep -c "cache full ($mnt/cache/proc): no process record for this process; dllmap shows the kernel.s view of it" "$tmp/e8")" = 1 ] && [ "$(wc -l <"$tmp/e8")" = 3 ] && [ -z "$(ls "$mnt/cache/proc")" ]'
	umount "$mnt"
else
	echo "skipped: record full while running: mounting needs root"
fi
export DLLSHARE_CACHE=$tmp/cache

# --- 9. a directory at a section's name -------------------------------------
echo | "$dllshare" run "$cow" >/dev/null 2>&1
dllsec=$(ls "$DLLSHARE_CACHE"/cow.dll.*.sec | head -1)
rm -f "$dllsec"; mkdir "$dllsec"
echo | "$dllshare" run --trace "$cow" 5 6 7 >"$tmp/o9" 2>"$tmp/e9"; s=$?
check "empty directory entry: runs, the same output (status $s)" '[ $s -eq 0 ] && cmp -s "$tmp/o9" "$tmp/cow.ref"'
check "empty directory entry: --trace says it was replaced" 'grep -q "$(basename "$dllsec") is a directory; replacing it" "$tmp/e9"'
check "empty directory entry: now a valid section, nothing left aside" \
	'[ -f "$dllsec" ] && "$dllshare" cache verify >/dev/null && no_tmp "$DLLSHARE_CACHE"'
rm -f "$dllsec"; mkdir -p "$dllsec/sub"; touch "$dllsec/sub/file"; ln -s /etc/passwd "$dllsec/link"
echo | "$dllshare" run "$cow" 5 6 7 >/dev/null 2>"$tmp/e9"; s=$?
check "directory with files: refused, saying to remove it or run cache gc (status $s)" \
	'[ $s -ne 0 ] && grep -q "$(basename "$dllsec") is a directory with files in it, where the section file goes; remove it (rm -r .*) or run \`dllshare cache gc\`" "$tmp/e9"'
"$dllshare" cache gc >"$tmp/gc9" 2>&1
check "directory with files: cache gc removes it, and nothing outside" \
	'grep -q "removed $(basename "$dllsec") (a directory)" "$tmp/gc9" && [ ! -e "$dllsec" ] && [ -e /etc/passwd ]'
echo | "$dllshare" run "$cow" 5 6 7 >"$tmp/o9" 2>&1; s=$?
check "directory with files: runs again after gc" '[ $s -eq 0 ] && cmp -s "$tmp/o9" "$tmp/cow.ref"'
if [ $root -eq 1 ]; then
	rm -f "$dllsec"; mkdir "$dllsec"; chown 65534 "$dllsec"
	echo | "$dllshare" run "$cow" 5 6 7 >/dev/null 2>"$tmp/e9"; s=$?
	check "another user's directory: refused, saying whose and what to do (status $s)" \
		'[ $s -ne 0 ] && grep -q "$(basename "$dllsec") is a directory of uid 65534, where the section file goes; dllshare removes only its own: remove it as that user or root" "$tmp/e9"'
	"$dllshare" cache gc >"$tmp/gc9" 2>&1
	check "another user's directory: cache gc keeps it and says so" \
		'[ -d "$dllsec" ] && grep -q "kept    $(basename "$dllsec"): a directory of uid 65534, not ours" "$tmp/gc9"'
	rmdir "$dllsec"
else
	echo "skipped: another user's directory: making one needs root"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
