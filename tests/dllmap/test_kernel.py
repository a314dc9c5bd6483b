"""test_kernel.py: everything dllmap says about a page agrees with the
kernel.  Three processes map copies of a page-aligned DLL:
  A: MAP_PRIVATE, reads every page, writes pages 2 and 3 (.data)
  B: MAP_PRIVATE, the same file, writes page 4
  C: MAP_SHARED read-write, another copy, writes page 2
dllmap --json must say, for every page, what pagemap and kpagecount say
(read here independently), and the sharing must be what the writes
imply: a written page is private (mapped once), a page both read is
shared by exactly two, a page only one of them still maps from the page
cache is shared by one."""
import os
import shutil
import sys

from dmtest import (Cases, Proc, PAGE, dllmap_json, expected_state,
                    kpagecount, module, pagemap, pages)

out, probe, dll = [os.path.abspath(a) for a in sys.argv[1:4]]
t = Cases()
a_dll, c_dll = out + "/probe-a.dll", out + "/probe-c.dll"
shutil.copyfile(dll, a_dll)  # a fresh inode: only A and B map it
shutil.copyfile(dll, c_dll)

A = Proc([probe, a_dll, "2,3"])
B = Proc([probe, a_dll, "4"])
C = Proc([probe, "--shared", c_dll, "2"])
try:
    procs = {p["pid"]: p for p in dllmap_json(A.pid, B.pid, C.pid)}
    root = all(p["counts_known"] for p in procs.values())
    for name, P, path, shw in (("A", A, a_dll, False), ("B", B, a_dll, False),
                               ("C", C, c_dll, True)):
        d = procs.get(P.pid)
        if not t.check("%s: dllmap reports pid %d" % (name, P.pid), d):
            continue
        t.check("%s: source is kernel" % name, d["source"] == "kernel")
        m = module(d, path)
        if not t.check("%s: finds the image %s" % (name, path), m):
            continue
        base = int(m["base"], 16)
        t.check("%s: base is where the probe mapped it" % name,
                base == int(P.line[1], 16), "%x vs %s" % (base, P.line[1]))
        t.check("%s: sections named from the PE header" % name,
                [s["name"] for s in m["sections"]][:4] ==
                ["(headers)", ".text", ".data", ".rdata"],
                str([s["name"] for s in m["sections"]]))
        bad = []
        n = 0
        for rva, st, cnt in pages(m):
            pme = pagemap(P.pid, base + rva, 1)[0]
            want = expected_state(pme, shw)
            pfn = pme & ((1 << 55) - 1)
            wcnt = kpagecount(pfn) if root and pfn and want != "not_resident" else None
            n += 1
            if st != want:
                bad.append("rva 0x%x: dllmap %s, pagemap %s" % (rva, st, want))
            if root and want != "not_resident" and cnt != wcnt:
                bad.append("rva 0x%x: dllmap count %s, kpagecount %s" %
                           (rva, cnt, wcnt))
        t.check("%s: %d page states%s agree with pagemap" %
                (name, n, " and counts" if root else ""), not bad,
                "; ".join(bad[:5]))
        by_rva = {rva: (st, cnt) for rva, st, cnt in pages(m)}
        P.map = by_rva
    # What the writes imply.  Page k of the file is RVA k * PAGE.
    a, b, c = getattr(A, "map", {}), getattr(B, "map", {}), getattr(C, "map", {})
    if not (a and b and c):
        t.check("all three images found", False)
        raise SystemExit(t.finish())
    t.check("A: written pages 2,3 are private, mapped once",
            all(a[k * PAGE] == ("private", 1) for k in (2, 3)),
            str([a[k * PAGE] for k in (2, 3)]))
    t.check("B: written page 4 is private, mapped once",
            b[4 * PAGE] == ("private", 1), str(b[4 * PAGE]))
    t.check("C: MAP_SHARED read-write pages are shared_writable",
            all(st == "shared_writable" for st, _ in c.values()),
            str(set(c.values())))
    if root:
        t.check("A, B: pages neither wrote are shared by exactly 2",
                all(a[k * PAGE] == ("shared", 2) == b[k * PAGE]
                    for k in (0, 1, 5, 6, 7)),
                str([(a[k * PAGE], b[k * PAGE]) for k in (0, 1, 5, 6)]))
        t.check("A: page 4 (written by B only) is shared by 1 (A alone)",
                a[4 * PAGE] == ("shared", 1), str(a[4 * PAGE]))
        t.check("B: pages 2,3 (written by A only) are shared by 1",
                all(b[k * PAGE] == ("shared", 1) for k in (2, 3)))
    tot = procs[A.pid]["totals"]
    t.check("A: totals add up (pages = resident + not_resident, "
            "resident = shared + private + shared_writable)",
            tot["pages"] == tot["resident"] + tot["not_resident"] and
            tot["resident"] == tot["shared"] + tot["private"] +
            tot["shared_writable"], str(tot))
    mA = module(procs[A.pid], a_dll)
    t.check("A: USS is the two private pages plus pages mapped only here",
            mA["totals"]["unique_pages"] == 2 + 1, str(mA["totals"]))
finally:
    for P in (A, B, C):
        P.stop()
t.finish()
