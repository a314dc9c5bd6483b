#!/usr/bin/env python3
"""test_zeropage.py DLLSHARE LAZY_EXE — samples/lazy's zero page, seen in
the kernel's page tables: 256 committed pages VirtualAlloc'd and read
before written are all present and all the one zero page (the same frame,
KPF_ZERO_PAGE in /proc/kpageflags); writing page 7 gives that page a
frame of its own and leaves the others on the zero page.  Page frame
numbers need root (skipped otherwise, with the reason).

Some kernels map no zero page for a read fault (each read gets a zeroed
frame of its own: seen on this project's VM).  The test first asks the
kernel with anonymous memory of its own; on such a kernel it checks that
the VirtualAlloc'd pages behave exactly as native anonymous memory does
there (256 frames of their own, none the zero page) and says so.

lazy.exe runs under `dllshare run` in this process's view: its commands
come a line at a time on stdin, each answered with "lazy: ok", so the
test reads the page tables at exactly those points (no sleeps)."""
import ctypes
import mmap
import os
import re
import struct
import subprocess
import sys

KPF_ZERO_PAGE = 24
PAGES = 256
passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok  :", what)
    else:
        failed += 1
        print("FAIL:", what, detail)


def frames(pid, addr, n):
    """The frame of each of n pages from addr (None: not present)."""
    out = []
    with open(f"/proc/{pid}/pagemap", "rb") as f:
        f.seek(addr // 4096 * 8)
        data = f.read(8 * n)
    for (e,) in struct.iter_unpack("<Q", data):
        out.append(e & ((1 << 55) - 1) if e >> 63 else None)
    return out


def zero_page(pfn):
    with open("/proc/kpageflags", "rb") as f:
        f.seek(pfn * 8)
        (flags,) = struct.unpack("<Q", f.read(8))
    return bool(flags >> KPF_ZERO_PAGE & 1)


def native_zero_page():
    """Whether this kernel maps its zero page for a read fault of private
    anonymous memory (asked with 16 pages of this process's own)."""
    m = mmap.mmap(-1, 16 * 4096, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    for i in range(16):
        m[i * 4096]
    addr = ctypes.addressof(ctypes.c_char.from_buffer(m))
    f = frames(os.getpid(), addr, 16)
    zero = None not in f and len(set(f)) == 1 and zero_page(f[0])
    del f
    return zero


def main():
    dllshare, lazy = sys.argv[1], sys.argv[2]
    if os.geteuid() != 0:
        print("skipped: page frame numbers in /proc/PID/pagemap and "
              "/proc/kpageflags need root")
        print("0 passed, 0 failed")
        return 0
    zero = native_zero_page()
    print("this kernel maps its zero page for reads:", "yes" if zero else "no")
    p = subprocess.Popen([dllshare, "run", lazy], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True)

    def say(cmd):
        p.stdin.write(cmd + "\n")
        p.stdin.flush()
        lines = []
        for line in p.stdout:
            line = line.rstrip("\r\n")
            if line == "lazy: ok":
                return lines
            lines.append(line)
        raise SystemExit(f"lazy.exe ended before answering '{cmd}'")

    try:
        m = re.search(r"heap at ([0-9A-Fa-fx]+)", " ".join(say("where heap")))
        check("lazy.exe says where its heap is", m is not None)
        if not m:
            return 1
        addr = int(m.group(1), 16)
        before = frames(p.pid, addr, PAGES)
        check("committed, untouched: no page present",
              all(f is None for f in before),
              f"({sum(f is not None for f in before)} present)")
        say(f"read heap 0-{PAGES - 1}")
        read = frames(p.pid, addr, PAGES)
        check(f"read: all {PAGES} pages present",
              all(f is not None for f in read))
        if None in read:
            return 1
        if zero:
            check("read: one frame for all of them", len(set(read)) == 1,
                  f"({len(set(read))} frames)")
            check("read: that frame is the kernel's zero page",
                  zero_page(read[0]))
        else:
            check("read: a frame of its own each, none the zero page, as "
                  "this kernel gives native anonymous memory",
                  len(set(read)) == PAGES
                  and not any(zero_page(f) for f in read),
                  f"({len(set(read))} frames)")
        say("write heap 7")
        wrote = frames(p.pid, addr, PAGES)
        if zero:
            check("write page 7: a frame of its own, not the zero page",
                  wrote[7] is not None and wrote[7] != read[0]
                  and not zero_page(wrote[7]))
            check("write page 7: the other 255 still on the zero page",
                  all(wrote[i] == read[0] for i in range(PAGES) if i != 7))
            print(f"zero page frame {read[0]:#x}: heap pages 0-{PAGES - 1} "
                  f"after reading; page 7 after writing: {wrote[7]:#x}")
        else:
            check("write page 7: written in place (its frame kept), the "
                  "others unchanged", wrote == read)
            print("this kernel maps no zero page for a read fault (native "
                  "anonymous memory alike): each page read got a zeroed "
                  "frame of its own")
    finally:
        p.stdin.close()
        p.wait()
    check("lazy.exe exits 0", p.returncode == 0, f"(status {p.returncode})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
