#!/usr/bin/env python3
"""pageshare.py PID1 PID2 CACHEDIR [MIN_FILES] — compares the page frames two
processes use for the image sections under CACHEDIR.

Every page of a section file that both processes have mapped and
resident is looked up in /proc/PID/pagemap (frame numbers need root).
Pages of mappings that are not writable and still backed by the section
file must be the same frame in both: that is the sharing.  A page of a read-only mapping can also be
private (anonymous): the loader writes the IAT by force without making
the mapping writable (loader/view.c); those are counted, not compared.
Prints one line per section file and exits 1 if a read-only file page
differs or if fewer than MIN_FILES (default 2) section files have a
shared page."""
import os
import struct
import sys

PAGE = os.sysconf("SC_PAGE_SIZE")
MIN_FILES = 2  # the EXE and its DLL


def maps(pid, cache):
    out = []
    with open(f"/proc/{pid}/maps") as f:
        for line in f:
            parts = line.split(None, 5)
            if len(parts) < 6 or not parts[5].strip().startswith(cache):
                continue
            lo, hi = (int(x, 16) for x in parts[0].split("-"))
            out.append((parts[5].strip(), int(parts[2], 16), lo, hi, parts[1]))
    return out


def frames(pid, lo, hi):
    """{page index: (pfn, file-backed)} for the resident pages of [lo, hi)."""
    n = (hi - lo) // PAGE
    with open(f"/proc/{pid}/pagemap", "rb") as f:
        f.seek(lo // PAGE * 8)
        data = f.read(n * 8)
    res = {}
    for i in range(len(data) // 8):
        (v,) = struct.unpack_from("<Q", data, i * 8)
        if v >> 63 & 1:
            res[i] = (v & ((1 << 55) - 1), bool(v >> 61 & 1))
    return res


def pages(pid, cache):
    """{(section file, file offset): (pfn, file-backed, writable)} for the
    resident pages of pid's mappings of section files.  By file offset, not
    by mapping: two processes may split one view into different mappings."""
    res = {}
    for path, off, lo, hi, perm in maps(pid, cache):
        for i, (pfn, filebacked) in frames(pid, lo, hi).items():
            res[(path, off + i * PAGE)] = (pfn, filebacked, "w" in perm)
    return res


def main():
    pid1, pid2, cache = sys.argv[1], sys.argv[2], os.path.realpath(sys.argv[3])
    min_files = int(sys.argv[4]) if len(sys.argv) > 4 else MIN_FILES
    p1, p2 = pages(pid1, cache), pages(pid2, cache)
    files = {}
    bad = 0
    for key in sorted(set(p1) & set(p2)):
        (f1, b1, w1), (f2, b2, w2) = p1[key], p2[key]
        same = f1 == f2 and f1 != 0
        # same ro, differ ro, same rw, private ro
        st = files.setdefault(key[0], [0, 0, 0, 0])
        if w1 or w2:
            st[2] += same
        elif not (b1 and b2):
            st[3] += 1
        elif same:
            st[0] += 1
        else:
            st[1] += 1
            bad += 1
    shared_files = 0
    for path, (same, differ, rw, priv) in sorted(files.items()):
        print(f"{os.path.basename(path)}: read-only pages shared {same}, "
              f"differing {differ}, private (loader writes) {priv}; "
              f"writable pages still shared {rw}")
        shared_files += same > 0
    if bad or shared_files < min_files:
        print(f"pageshare: {bad} read-only pages differ, "
              f"{shared_files} section files shared (want >= {min_files})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
