"""test_record.py: dllmap on dllshare processes, from their process
records (and, given samples/cow's cow.exe, on a real program).  Two processes of
    dllshare map --touch --write .data+0 --hold probe.dll
map the same image section: the page each wrote is private, with the
reason "write", in both; the other pages are shared, by at least both
(with root); every page state still agrees with pagemap; --all finds both
through their records."""
import os
import shutil
import subprocess
import sys

from dmtest import (Cases, PAGE, dllmap, dllmap_json, expected_state,
                    module, pagemap)

out, dllshare, dll = [os.path.abspath(a) for a in sys.argv[1:4]]
t = Cases()
cache = out + "/record-cache"
shutil.rmtree(cache, ignore_errors=True)
env = dict(os.environ, DLLSHARE_CACHE=cache)
os.environ["DLLSHARE_CACHE"] = cache  # for dllmap --all


class Held:
    """`dllshare map ... --hold`: ready once it prints "map: holding"."""

    def __init__(self, argv, mark="map: holding"):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, env=env)
        self.pid = self.p.pid
        self.mark = mark
        self.out = []
        for line in self.p.stdout:
            self.out.append(line.decode())
            if mark in self.out[-1]:
                break

    def ready(self):
        return self.out and self.mark in self.out[-1]

    def stop(self):
        self.p.stdin.close()
        self.p.stdout.read()
        return self.p.wait()


cmd = [dllshare, "map", "--touch", "--write", ".data+0", "--hold", dll]
H = [Held(cmd), Held(cmd)]
try:
    t.check("two `dllshare map --hold` processes are holding",
            all(h.ready() for h in H), "".join(H[0].out[-3:]))
    procs = dllmap_json(*[h.pid for h in H])
    for d in procs:
        pid = d["pid"]
        t.check("pid %d: source is dllshare (the record)" % pid,
                d["source"] == "dllshare", d.get("note", ""))
        rec = d.get("record", {})
        t.check("pid %d: the record's counters: 1 page privatized by a "
                "write" % pid, rec.get("privatized", {}).get("write") == 1,
                str(rec))
        m = [m for m in d["modules"] if m["name"].lower() == "probe.dll"]
        if not t.check("pid %d: the record lists probe.dll" % pid, m,
                       str([m["name"] for m in d["modules"]])):
            continue
        m = m[0]
        secs = {s["name"]: s for s in m["sections"]}
        data = secs.get(".data")
        if not t.check("pid %d: .data is a copy-on-write section" % pid,
                       data and data.get("mapping") == "cow", str(data)[:200]):
            continue
        t.check("pid %d: .data+0 is private" % pid,
                data["page_states"][0] == "private",
                str(data["page_states"]))
        pp = [p for p in data["private_pages"] if p["page"] == 0]
        t.check("pid %d: ... with the reason \"write\"" % pid,
                pp and pp[0]["reason"] == "write", str(pp))
        t.check("pid %d: only that page of .data is private" % pid,
                data["private"] == 1, str(data["page_states"]))
        others = [(s["name"], k, s["page_states"][k], s["page_counts"][k])
                  for s in m["sections"] for k in range(s["pages"])
                  if not (s["name"] == ".data" and k == 0)]
        t.check("pid %d: every other page is shared (touched)" % pid,
                all(st == "shared" for _, _, st, _ in others),
                str([o for o in others if o[2] != "shared"][:5]))
        if d["counts_known"]:
            t.check("pid %d: ... by at least both processes" % pid,
                    all(c >= 2 for _, _, _, c in others),
                    str([o for o in others if o[3] < 2][:5]))
        base, bad = int(m["base"], 16), []
        for s in m["sections"]:
            pm = pagemap(pid, base + s["rva"], s["pages"])
            for k, st in enumerate(s["page_states"]):
                want = expected_state(pm[k], False)
                if st != want:
                    bad.append("%s+0x%x %s vs %s" % (s["name"], k * PAGE,
                                                     st, want))
        t.check("pid %d: page states agree with pagemap" % pid, not bad,
                "; ".join(bad[:5]))
    # The kernel alone finds the same image (named by its section file in
    # the cache) and says the same about every page.
    rc, so, se = dllmap("--json", "--kernel", H[0].pid)
    import json
    k = json.loads(so) if rc == 0 else {}
    km = [m for m in k.get("modules", []) if m["path"].startswith(cache)]
    rm = [m for m in procs[0]["modules"] if m["name"].lower() == "probe.dll"]
    t.check("--kernel: source kernel, the image found by its section file",
            k.get("source") == "kernel" and len(km) == 1 and rm and
            km[0]["base"] == rm[0]["base"], str([m["path"] for m in km]))
    if km and rm:
        ks = [(s["rva"], s["page_states"]) for s in km[0]["sections"]]
        rs = [(s["rva"], s["page_states"]) for s in rm[0]["sections"]]
        t.check("--kernel: the same sections and page states as the record "
                "view", ks == rs, "%s vs %s" % (ks[:3], rs[:3]))
    rc, so, se = dllmap("--json", "--all")
    pids = sorted(p["pid"] for p in json.loads(so)) if rc == 0 else []
    t.check("dllmap --all finds both through their records",
            all(h.pid in pids for h in H), "%s %s" % (pids, se))
    page = out + "/record.html"
    rc, so, se = dllmap("--html", page, H[0].pid, H[1].pid)
    txt = open(page).read() if rc == 0 else ""
    t.check("HTML hover text of the written page says why",
            txt.count('data-state="private" title="probe.dll .data+0x0: '
                      'private, mapped 1 time, why: write at ') == 2, se)
    rc, so, se = dllmap(H[0].pid)
    t.check("text report names the reason",
            "why private: 1 write" in so, so[:600])
finally:
    for h in H:
        h.stop()

# A real program: samples/cow writes pages 5, 6, 7 of cow.dll's .table
# from cow.dll's own code; the record names the instruction.
cow = sys.argv[4] if len(sys.argv) > 4 else None
if cow:
    C = Held([dllshare, "run", os.path.abspath(cow), "5", "6", "7"],
             "holding")
    try:
        t.check("cow.exe under dllshare run is holding", C.ready(),
                "".join(C.out[-3:]))
        d = dllmap_json(C.pid)[0]
        m = [m for m in d["modules"] if m["name"].lower() == "cow.dll"]
        tab = [s for s in m[0]["sections"] if s["name"] == ".table"] if m else []
        pp = tab[0]["private_pages"] if tab else []
        t.check("cow: .table pages 5, 6, 7 private, by a write from "
                "cow.dll+offset",
                [p["page"] for p in pp] == [5, 6, 7] and
                all(p["reason"] == "write" and
                    p.get("where", "").startswith("cow.dll+0x") for p in pp),
                str(pp))
        idata = [s for mm in d["modules"] for s in mm["sections"]
                 if s["name"] == ".idata" and s["private"]]
        t.check("cow: import tables written by binding",
                idata and all(p["reason"] == "binding"
                              for s in idata for p in s["private_pages"]),
                str([s["private_pages"] for s in idata]))
    finally:
        C.stop()
t.finish()
