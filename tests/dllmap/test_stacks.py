#!/usr/bin/env python3
"""test_stacks.py DIR DLLSHARE STACK_EXE: dllmap's Windows thread stacks.

samples/stack's stack.exe descends a known depth on its main thread and
starts a CreateThread thread with a 2 MiB reservation that descends and
waits; each says where its stack is from its own TEB (`where`, `twhere`:
StackBase, StackLimit, DeallocationStack) while the test holds it on its
stdin pipe.  dllmap must show each stack at those addresses, with the
committed part ending at StackLimit, the guard page just below, the rest
reserved; say why each page was committed (the initial commit of the
EXE's SizeOfStackCommit, the guard page touched by ___chkstk_ms); and
agree with /proc/PID/maps and pagemap read here independently.  A stack
whose thread ended is gone from the report."""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dmtest import (Cases, PAGE, StackExe, dllmap, dllmap_json,  # noqa: E402
                    pagemap, symbol_rva)

out_dir, dllshare, exe = sys.argv[1:4]
t = Cases()
os.makedirs(out_dir, exist_ok=True)
cache = tempfile.mkdtemp(prefix="stacks-", dir=out_dir)
os.environ["DLLSHARE_CACHE"] = cache


def stack_commit():
    d = subprocess.run(["objdump", "-p", exe], check=True,
                       stdout=subprocess.PIPE).stdout.decode()
    return int(re.search(r"SizeOfStackCommit\s+([0-9a-fA-F]+)", d).group(1),
               16)


def addresses(lines):
    m = re.search(r"top ([0-9A-Fa-f]+), limit ([0-9A-Fa-f]+), bottom "
                  r"([0-9A-Fa-f]+)", " ".join(lines))
    return tuple(int(x, 16) for x in m.groups()) if m else None


def maps_perms(pid, va):
    with open("/proc/%d/maps" % pid) as f:
        for line in f:
            lo, hi = (int(x, 16) for x in line.split()[0].split("-"))
            if lo <= va < hi:
                return line.split()[1]
    return None


def check_stack(name, pid, s, top, limit, bottom, reserve):
    npages = (top - bottom) // PAGE
    committed = (top - limit) // PAGE
    guard_page = (limit - PAGE - bottom) // PAGE
    t.check("%s: dllmap shows it at the TEB's DeallocationStack..StackBase"
            % name, (int(s["lo"], 16), int(s["hi"], 16)) == (bottom, top),
            "%s-%s, TEB %x-%x" % (s["lo"], s["hi"], bottom, top))
    t.check("%s: reserved %d KiB" % (name, reserve // 1024),
            top - bottom == reserve and s["pages"] == npages,
            "%d pages" % s["pages"])
    t.check("%s: committed down to the TEB's StackLimit (%d pages)"
            % (name, committed),
            int(s["limit"], 16) == limit and s["committed"] == committed,
            "limit %s, %d committed" % (s["limit"], s["committed"]))
    t.check("%s: the guard page is just below StackLimit" % name,
            s["guard"] is not None and int(s["guard"], 16) == limit - PAGE,
            str(s["guard"]))
    want = (["reserved"] * guard_page + ["guard"] +
            ["committed"] * committed)
    t.check("%s: page states: reserved, one guard page, committed" % name,
            s["page_states"] == want,
            "".join(x[0] for x in s["page_states"]))
    # The kernel, read here: committed pages read-write, the guard page
    # and the reservation ---p and never resident.
    pm = pagemap(pid, bottom, npages)
    kernel_ok = all(
        (maps_perms(pid, bottom + k * PAGE) or "").startswith(
            "rw" if k > guard_page else "---") and
        (k > guard_page or not pm[k] >> 63)
        for k in range(npages))
    t.check("%s: /proc/PID/maps and pagemap agree (read by the test)" % name,
            kernel_ok and s["disagree"] == 0, "disagree %d" % s["disagree"])
    t.check("%s: dllmap's resident pages are pagemap's" % name,
            s["resident_pages"] == [int(bool(e >> 63)) for e in pm])
    return {c["page"]: c for c in s["commits"]}


chk_lo, chk_hi = symbol_rva(exe, "___chkstk_ms")
initial = max(stack_commit() // PAGE, 1)
p = StackExe(dllshare, exe)
try:
    p.say("down 40")
    main = addresses(p.say("where"))
    first = p.say("thread 2048")
    tw = p.say("twhere")
    thr = addresses(tw)
    tid = int(re.search(r"thread (\d+):", " ".join(tw)).group(1))
    t.check("stack.exe said where its stacks are", main and thr,
            str(first + tw))
    d = dllmap_json(p.pid)[0]
    st = {s["tid"]: s for s in d.get("stacks", [])}
    t.check("dllmap shows two thread stacks, the main thread's and the "
            "new thread's", sorted(st) == sorted([p.pid, tid]), str(sorted(st)))

    top, limit, bottom = main
    commits = check_stack("main thread", p.pid, st.get(p.pid, {}), top,
                          limit, bottom, 2 << 20)
    top_pages = [(top - bottom) // PAGE - 1 - k for k in range(initial)]
    t.check("main thread: the top %d page(s) committed at the start "
            "(SizeOfStackCommit)" % initial,
            all(commits[k]["reason"] == "initial" for k in top_pages))
    deep = (limit - bottom) // PAGE
    chk = [c for c in commits.values() if c["reason"] == "guard" and
           re.fullmatch(r"stack\.exe\+0x[0-9a-f]+", c.get("where", "")) and
           chk_lo <= int(c["where"].split("+")[1], 16) < chk_hi]
    t.check("main thread: pages committed by touching the guard page, the "
            "instruction in ___chkstk_ms (stack.exe+0x%x)" % chk_lo,
            len(chk) >= 40 // 4 and commits[deep]["reason"] == "guard",
            str(sorted((k, c["reason"], c.get("where")) for k, c in
                       commits.items())[:6]))
    t.check("main thread: every committed page has its reason",
            len(commits) == (top - limit) // PAGE and
            all(c["reason"] in ("initial", "guard", "frame", "dispatch")
                for c in commits.values()))

    top, limit, bottom = thr
    commits = check_stack("CreateThread thread", p.pid, st.get(tid, {}), top,
                          limit, bottom, 2 << 20)
    t.check("CreateThread thread: its pages were committed on its own "
            "thread", all(c.get("tid") == tid for c in commits.values()),
            str(set(c.get("tid") for c in commits.values())))

    rc, text, _ = dllmap("--pages", p.pid)
    row = re.search(r"^  %d +0x%x-0x%x +2048 KiB +(\d+) KiB 0x%x" %
                    (tid, bottom, top, limit - PAGE), text, re.M)
    t.check("text: the thread's row (tid, range, size, committed, guard)",
            rc == 0 and row and int(row.group(1)) == (top - limit) // 1024,
            text[text.find("thread stacks"):][:400])
    t.check("text: why committed names the initial commit and the guard "
            "page, with the instruction",
            re.search(r"why committed: %d initial, \d+ guard \(last at "
                      r"stack\.exe\+0x" % initial, text) is not None)
    glyphs = text[text.find("  %d " % tid):].split("\n")
    line = "".join(g.strip() for g in glyphs[3:3 + 512 // 64])
    t.check("text --pages: one G, then C/c for each committed page",
            re.fullmatch(r"_+G[Cc]{%d}" % ((top - limit) // PAGE), line)
            is not None, line[-80:])

    p.say("join")
    d = dllmap_json(p.pid)[0]
    t.check("after join the ended thread's stack is gone",
            [s["tid"] for s in d.get("stacks", [])] == [p.pid],
            str([s["tid"] for s in d.get("stacks", [])]))
    p.say("thread 1024")
    tw = p.say("twhere")
    tid2 = int(re.search(r"thread (\d+):", " ".join(tw)).group(1))
    d = dllmap_json(p.pid)[0]
    s2 = [s for s in d.get("stacks", []) if s["tid"] == tid2]
    t.check("a new thread's stack (1 MiB) shows, with "
            "none of the old thread's commits",
            len(s2) == 1 and s2[0]["pages"] == 256 and
            all(c.get("tid") == tid2 for c in s2[0]["commits"]),
            str(s2[0]["commits"][:3] if s2 else d.get("stacks")))
finally:
    rc = p.stop()
t.check("stack.exe ended with status 0", rc == 0, str(rc))
t.finish()
