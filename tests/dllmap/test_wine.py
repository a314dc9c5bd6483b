"""test_wine.py: dllmap on processes dllshare did not start.  Two Wine
processes of the same program (block.exe prints "ready", then waits for
its stdin to close): dllmap finds their PE images from the kernel's view
alone, names their sections, and shows the pages the two share, with
counts of at least 2."""
import os
import sys

from dmtest import (Cases, Proc, PAGE, dllmap_json, expected_state,
                    module, pagemap)

exe, prefix = [os.path.abspath(a) for a in sys.argv[1:3]]
t = Cases()
env = dict(os.environ, WINEPREFIX=prefix, WINEDEBUG="-all")


def windows_pid(pid):
    """The process that maps exe: wine execs its preloader in place, so
    this is normally pid itself."""
    with open("/proc/%d/maps" % pid) as f:
        return pid if exe in f.read() else None


def by_name(d, name):
    for m in d["modules"]:
        if m["name"].lower() == name:
            return m
    return None


W1 = Proc(["wine", exe], env=env)
W2 = Proc(["wine", exe], env=env)
try:
    t.check("both Wine processes started", W1.line == ["ready"] and
            W2.line == ["ready"], "%s %s" % (W1.line, W2.line))
    pids = [windows_pid(W1.pid), windows_pid(W2.pid)]
    t.check("the started pids are the Windows processes", all(pids))
    procs = dllmap_json(*pids)
    t.check("both reported, source kernel",
            [p["source"] for p in procs] == ["kernel", "kernel"])
    root = all(p["counts_known"] for p in procs)
    for d in procs:
        for name in ("block.exe", "ntdll.dll", "kernel32.dll"):
            m = by_name(d, name)
            t.check("pid %d: finds %s with its sections" % (d["pid"], name),
                    m is not None and any(s["name"] == ".text"
                                          for s in m["sections"]))
    # Page states of ntdll agree with pagemap in both.
    for d in procs:
        m = by_name(d, "ntdll.dll")
        if not m:
            continue
        base, bad, n = int(m["base"], 16), [], 0
        for s in m["sections"]:
            pm = pagemap(d["pid"], base + s["rva"], s["pages"])
            for k, st in enumerate(s["page_states"]):
                n += 1
                want = expected_state(pm[k], False)
                if st != want:
                    bad.append("%s+0x%x %s vs %s" % (s["name"], k * PAGE,
                                                     st, want))
        t.check("pid %d: %d ntdll page states agree with pagemap" %
                (d["pid"], n), not bad, "; ".join(bad[:5]))
    # ntdll's code: a page both processes have resident is the same
    # page-cache page, so each sees it mapped at least twice.
    t1 = [s for s in by_name(procs[0], "ntdll.dll")["sections"]
          if s["name"] == ".text"][0]
    t2 = [s for s in by_name(procs[1], "ntdll.dll")["sections"]
          if s["name"] == ".text"][0]
    both = [k for k in range(t1["pages"])
            if t1["page_states"][k] == "shared" == t2["page_states"][k]]
    t.check("ntdll .text: pages resident in both are shared (%d)" %
            len(both), len(both) >= 8)
    if root:
        low = [k for k in both
               if t1["page_counts"][k] < 2 or t2["page_counts"][k] < 2]
        t.check("ntdll .text: every page shared by both is mapped >= 2 "
                "times", not low, str(low[:8]))
    # The program itself: its sections are not page-aligned in the file
    # (mingw's FileAlignment is 0x200), so Wine copies them: private.
    for d in procs:
        s = [s for s in by_name(d, "block.exe")["sections"]
             if s["name"] == ".text"][0]
        t.check("pid %d: block.exe .text is private (Wine copied it)" %
                d["pid"], s["private"] == s["pages"] - s["not_resident"] > 0,
                str({k: s[k] for k in ("pages", "shared", "private")}))
finally:
    W1.stop()
    W2.stop()
t.finish()
