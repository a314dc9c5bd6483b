#!/bin/bash
# build-ld.sh OUT — builds the loader's Windows test programs
# (tests/wine/ld/) into OUT with Debian's mingw-w64, default code flags.
# Import libraries that must not match the DLLs (missing imports, a DLL
# that does not exist, a cycle) come from .def files through dlltool.
set -e
out=$(realpath -m "$1")
src=$(dirname "$0")/../wine/ld
cc="${MINGW_CC:-x86_64-w64-mingw32-gcc} -O2 -Wall -Wno-unused-parameter"
dlltool=x86_64-w64-mingw32-dlltool
mkdir -p "$out"
cd "$src"

dll() { # dll NAME SOURCES... : NAME.dll and its import library libNAME.a
	local name=$1; shift
	$cc -shared -o "$out/$name.dll" "$@" -Wl,--out-implib,"$out/lib$name.a"
}

$cc -o "$out/hello.exe" hello.c
$cc -o "$out/exit_main.exe" exit_main.c

dll order_c -DNAME=c -DVALUE=3 order_dll.c
dll order_a -DNAME=a -DNEED_C order_dll.c "$out/liborder_c.a"
dll order_b -DNAME=b -DVALUE=2 order_dll.c
$cc -o "$out/order_main.exe" order_main.c "$out/liborder_a.a" "$out/liborder_b.a"

dll fwd_c fwd_c.c fwd_c.def
dll fwd_b fwd_b.c fwd_b.def
dll fwd_a fwd_a.c fwd_a.def
$cc -o "$out/fwd_main.exe" fwd_main.c "$out/libfwd_a.a"

dll ordlib ordlib.c ordlib.def
$cc -o "$out/ordinal_main.exe" ordinal_main.c "$out/libordlib.a"

$dlltool -d cyc_a.def -l "$out/libcyc_a.a"
$dlltool -d cyc_b.def -l "$out/libcyc_b.a"
$cc -shared -o "$out/cyc_a.dll" cyc_a.c cyc_a.def "$out/libcyc_b.a"
$cc -shared -o "$out/cyc_b.dll" cyc_b.c cyc_b.def "$out/libcyc_a.a"
$cc -o "$out/cycle_main.exe" cycle_main.c "$out/libcyc_a.a"

dll dyn_dep dyn_dep.c
dll dyn_dll dyn_dll.c dyn_dll.def "$out/libdyn_dep.a"
$cc -o "$out/dyn_main.exe" dyn_main.c

dll tls_dll tls_dll.c
$cc -o "$out/tls_main.exe" tls_main.c "$out/libtls_dll.a"
$cc -o "$out/thread_main.exe" thread_main.c

dll quiet_dll quiet_dll.c
dll bare_dll -nostdlib -Wl,-e,DllMain bare_dll.c -lmsvcrt -lkernel32
$cc -o "$out/quiet_main.exe" quiet_main.c "$out/libquiet_dll.a" "$out/libbare_dll.a"

dll share_dll share_dll.c
$cc -o "$out/share_main.exe" share_main.c "$out/libshare_dll.a"

dll miss_dll miss_dll.c
$dlltool -d miss_imp.def -l "$out/libmiss_imp.a"
dll miss_dep miss_dep.c "$out/libmiss_imp.a"
$cc -o "$out/miss_main.exe" miss_main.c "$out/libmiss_imp.a" "$out/libmiss_dep.a"

$dlltool -d ghost.def -l "$out/libghost.a"
$cc -o "$out/nodll_main.exe" nodll_main.c "$out/libghost.a"

dll bench_small -s bench_small.c  # stripped, like the ELF twin
dll bench_bare -s -nostdlib -Wl,-e,DllMain bench_bare.c -lkernel32
$cc -o "$out/bench_ll.exe" bench_ll.c

dll fail_dll fail_dll.c
$cc -o "$out/failstatic_main.exe" failstatic_main.c "$out/libfail_dll.a"
$cc -o "$out/llmisc_main.exe" llmisc_main.c

dll loop_a fwd_a.c loop_a.def
dll loop_b fwd_a.c loop_b.def
dll deep deep.c deep.def
$cc -o "$out/fwdbad_main.exe" fwdbad_main.c "$out/libloop_a.a" "$out/libdeep.a"

$cc -shared -DVALUE=1 -o "$out/swap1.dll" swap_dll.c
$cc -shared -DVALUE=2 -o "$out/swap2.dll" swap_dll.c
$cc -o "$out/swap_main.exe" swap_main.c

$cc -shared -Wl,--image-base,0x6c000000 -o "$out/reuse_a.dll" reuse_dll.c
$cc -shared -Wl,--image-base,0x6c000000 -DPAD=0x30000 -o "$out/reuse_b.dll" \
	reuse_dll.c
$cc -o "$out/reuse_main.exe" reuse_main.c
$cc -o "$out/protect_main.exe" protect_main.c
dll keep_dep -Wl,--image-base,0x6e000000 keep_dep.c
dll keep_dll keep_dll.c "$out/libkeep_dep.a"
$cc -o "$out/keep_main.exe" keep_main.c

dll nest_inner nest_inner.c
dll nest_outer nest_outer.c
$cc -o "$out/nest_main.exe" nest_main.c

# Programs that must be refused before they run.
i686-w64-mingw32-gcc -O2 -o "$out/hello32.exe" hello.c
head -c 700 "$out/hello.exe" >"$out/corrupt_trunc.exe"
cp "$out/hello.exe" "$out/corrupt_lfanew.exe"
# e_lfanew (offset 0x3c) far past the end of the file.
printf '\xf0\xff\xff\x7f' | dd of="$out/corrupt_lfanew.exe" bs=1 seek=60 \
	conv=notrunc status=none
# The same program claiming to be ARM64: Machine (e_lfanew + 4) = 0xaa64.
cp "$out/hello.exe" "$out/hello_arm64.exe"
lfanew=$(od -An -tu4 -j60 -N4 "$out/hello.exe" | tr -d ' ')
printf '\x64\xaa' | dd of="$out/hello_arm64.exe" bs=1 seek=$((lfanew + 4)) \
	conv=notrunc status=none
# ... and claiming to be managed code: a CLR header (data directory 14,
# at optional header + 224 in PE32+) pointing into .rdata.
cp "$out/hello.exe" "$out/hello_net.exe"
printf '\x00\x90\x00\x00\x48\x00\x00\x00' | dd of="$out/hello_net.exe" bs=1 \
	seek=$((lfanew + 24 + 224)) conv=notrunc status=none
rm -f "$out"/*.a

# rewrite.sh: the big DLL is overwritten in place by the small one.
$cc -shared -DBIG -o "$out/rewrite_big.dll" rewrite_dll.c
$cc -shared -o "$out/rewrite_small.dll" rewrite_dll.c
$cc -o "$out/rewrite_main.exe" rewrite_main.c
