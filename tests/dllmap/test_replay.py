"""test_replay.py: the replay and frames views of dllmap --html, driven
in headless Chromium (cdp.py: the DevTools protocol over a pipe).

Three samples/cow processes under dllshare, started one after another
(each holds before the next starts), write pages of cow.dll's .table in
a known order: A 7, 3, 5; B 200; C 5, 9.  While they hold, the test reads
their process records itself (the format of loader/record.h), their
static report (dllmap --json) and their page frames (/proc/PID/pagemap),
and writes the HTML page.  Then, in the browser:

  - the replay's events are the records' events, in the records' order
    (A's, then B's, then C's, each in its record's order);
  - the page opens at "now", which is the static report, page by page;
  - the first button goes to "load": every page an event touches is
    shared, every other page as now;
  - the right-arrow key on the slider steps through the events: after
    event k exactly the pages of events 1..k differ from load, each
    private, and the line next to the slider names event k; the last
    step is the static report again;
  - the previous button steps back;
  - hovering a written page shows its history: load, its event, now, and
    its frame as pagemap gives it;
  - the frames view: .table page 5 is one frame for all three before
    A's write, then A's private copy splits off, then C's; at the end
    the shared frame is B's (pagemap) and each copy is its writer's own
    frame; page 200 likewise, with A and C on one frame;
  - #step=K in the address opens position K (with --dump-dom);
  - screenshots (the browser's own and --screenshot) are PNGs of the
    window's size, kept in build/tests/dllmap/replay-*.png."""
import json
import os
import re
import shutil
import struct
import subprocess
import sys

from cdp import CHROMIUM, Browser
from dmtest import PAGE, Cases, dllmap, dllmap_json, pagemap

out, dllshare, cow = [os.path.abspath(a) for a in sys.argv[1:4]]
t = Cases()
cache = out + "/replay-cache"
shutil.rmtree(cache, ignore_errors=True)
os.makedirs(out, exist_ok=True)
env = dict(os.environ, DLLSHARE_CACHE=cache)
os.environ["DLLSHARE_CACHE"] = cache  # for dllmap
page = out + "/replay.html"
W, H = 1200, 900
WRITES = [[7, 3, 5], [200], [5, 9]]
REASONS = {1: "write", 2: "relocation", 3: "binding", 4: "protect",
           5: "syscall"}
PFN = (1 << 55) - 1


class Held:
    """`dllshare run cow.exe PAGE...`: ready once it says "holding"."""

    def __init__(self, pages):
        self.p = subprocess.Popen([dllshare, "run", cow] +
                                  [str(p) for p in pages],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, env=env)
        self.pid = self.p.pid
        self.out = ""
        for line in self.p.stdout:
            self.out += line.decode()
            if "holding" in line.decode():
                break

    def stop(self):
        self.p.stdin.close()
        self.p.stdout.read()
        return self.p.wait()


def record_events(pid):
    """The events of pid's record, read from the file (loader/record.h):
    (pid, module name, page rva, reason name), in the record's order."""
    with open("%s/proc/%d" % (cache, pid), "rb") as f:
        b = f.read(1 << 20)
        (modules_off, _, _, _, events_off, max_events) = struct.unpack_from(
            "<6I", b, 560)
        nmods, = struct.unpack_from("<I", b, 592)
        total, = struct.unpack_from("<Q", b, 608)
        f.seek(modules_off)
        mods = [f.read(1120)[:64].split(b"\0")[0].decode()
                for _ in range(nmods)]
        f.seek(events_off)
        ring = f.read(48 * min(total, max_events))
    evs = []
    for i in range(max(0, total - max_events), total):
        (seq, ns, tid, mod, imod, sec, rva, off, why,
         _) = struct.unpack_from("<QQIHHIIQII", ring, 48 * (i % max_events))
        if seq == i + 1 and mod < nmods:  # an image page's (not a stack's)
            evs.append((pid, mods[mod].lower(), rva,
                        REASONS.get(why, "reason %d" % why), ns))
    return evs


def png_size(data):
    """(width, height) of a PNG, or None when it is not one."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


procs = []
try:
    for w in WRITES:
        procs.append(Held(w))
    if not t.check("three cow.exe processes hold (writes %s)" % WRITES,
                   all("holding" in p.out for p in procs),
                   " | ".join(p.out[-80:] for p in procs)):
        t.finish()
    pids = [p.pid for p in procs]
    rec = [record_events(pid) for pid in pids]
    static = dllmap_json(*pids)
    frames = {}  # (pid, page of .table) -> PFN, from pagemap
    for d in static:
        m = [m for m in d["modules"] if m["name"].lower() == "cow.dll"][0]
        tab = [s for s in m["sections"] if s["name"] == ".table"][0]
        pm = pagemap(d["pid"], int(m["base"], 16) + tab["rva"], tab["pages"])
        for k in range(tab["pages"]):
            frames[d["pid"], k] = pm[k] & PFN
    TABLE = tab["rva"]
    rc, so, se = dllmap("--html", page, *pids)
    t.check("dllmap --html writes the page", rc == 0, se)
finally:
    for p in procs:
        p.stop()

html = open(page).read()
t.check("the page names nothing outside itself (no src, href, http)",
        not re.search(r"\s(src|href)=|https?:", html))
data = json.loads(re.search(r'id="replay-data">(.*?)</script>', html,
                            re.S).group(1))
EV = data["events"]
N = len(EV)
# The image pages' events (a stack's have "s": test_replay_stacks.py).
IEV = [e for e in EV if "s" not in e]
img = {m["name"].lower(): i for i, m in enumerate(data["images"])}
pid_of = [p["pid"] for p in data["procs"]]
want = [e[:4] for r in rec for e in r]
got = [(pid_of[e["p"]], data["images"][e["i"]]["name"].lower(), e["rva"],
        e["why"]) for e in IEV]
t.check("the records' times put A's events before B's before C's",
        all(max(e[4] for e in rec[i]) < min(e[4] for e in rec[i + 1])
            for i in range(2)))
t.check("the replay's %d image events are the records', in their order"
        % len(IEV), got == want and IEV,
        "\n  got  %s\n  want %s" % (got[:8], want[:8]))
writes = [(e[0], (e[2] - TABLE) // PAGE) for e in want
          if e[1] == "cow.dll" and e[3] == "write" and
          TABLE <= e[2] < TABLE + 256 * PAGE]
t.check("... among them the .table writes, in the order written",
        writes == [(pids[i], k) for i, w in enumerate(WRITES) for k in w],
        str(writes))


def key(e):
    return "%d:%d:%d" % (e["p"], e["i"], e["rva"])


# The static report, cell by cell, under the page's keys.
now = {}
for pi, d in enumerate(static):
    for m in d["modules"]:
        for s in m["sections"]:
            for k, st in enumerate(s["page_states"]):
                now["%d:%d:%d" % (pi, img[m["name"].lower()],
                                  s["rva"] + k * PAGE)] = st
touched = {key(e) for e in IEV}
STATES = ("(function(){var o={};document.querySelectorAll("
          "'.grid i[data-k]').forEach(function(e){o[e.dataset.k]="
          "e.dataset.state});return o})()")
FRAMES = ("(function(){var r=document.querySelector('.frpage[data-img=\"%d\"]"
          "[data-rva=\"%d\"]');if(!r)return null;return Array.prototype.map."
          "call(r.querySelectorAll('.frame'),function(f){return [f.dataset."
          "kind,f.dataset.pfn,f.dataset.pids]})})()")
COW = img["cow.dll"]


def frame_boxes(b, k):
    """The frames view's boxes of .table page k: {kind: [(pfn, pids)]}."""
    boxes = b.eval(FRAMES % (COW, TABLE + k * PAGE)) or []
    r = {}
    for kind, pfn, pids in boxes:
        r.setdefault(kind, []).append(
            (int(pfn, 16) if pfn else None,
             sorted(int(p) for p in pids.split())))
    return r


def shot(b, name):
    png = b.screenshot()
    with open(out + "/replay-" + name + ".png", "wb") as f:
        f.write(png)
    t.check("screenshot replay-%s.png: a %dx%d PNG" % (name, W, H),
            png_size(png) == (W, H) and len(png) > 10000,
            str(png_size(png)))


A, B, C = pids
a5 = [i for i, e in enumerate(EV) if pid_of[e["p"]] == A and
      e.get("rva") == TABLE + 5 * PAGE and e.get("i") == COW][0] + 1
c5 = [i for i, e in enumerate(EV) if pid_of[e["p"]] == C and
      e.get("rva") == TABLE + 5 * PAGE and e.get("i") == COW][0] + 1
with Browser(out + "/chromium-replay") as b:
    b.open("file://" + page, W, H)
    t.check("the page's script runs without an error", not b.errors,
            str(b.errors))
    t.check("it opens at now (position %d)" % (N + 1),
            b.eval("window.dmStep") == N + 1, str(b.eval("window.dmStep")))
    s = b.eval(STATES)
    t.check("now: every page as the static report (%d pages)" % len(now),
            s == now, str([(k, s.get(k), v) for k, v in now.items()
                           if s.get(k) != v][:5]))
    shot(b, "now")

    b.click("#first")
    load = b.eval(STATES)
    t.check("the first button goes to load (position 0)",
            b.eval("window.dmStep") == 0)
    t.check("load: the %d pages events touch are shared" % len(touched),
            all(load[k] == "shared" for k in touched),
            str([k for k in touched if load[k] != "shared"]))
    t.check("load: every other page as now",
            all(load[k] == now[k] for k in now if k not in touched))
    box = frame_boxes(b, 5)
    t.check("frames at load: .table page 5 is one frame for all three",
            box == {"shared": [(frames[B, 5], sorted(pids))]}, str(box))
    shot(b, "load")

    b.eval("document.getElementById('step').focus()")
    bad, desc_bad = [], []
    for k in range(1, N + 2):
        b.key("ArrowRight", 39)
        s = b.eval(STATES)
        changed = {x for x in s if s[x] != load[x]}
        if b.eval("window.dmStep") != k:
            bad.append("step %d: at %s" % (k, b.eval("window.dmStep")))
        elif k <= N and (changed != {key(e) for e in EV[:k] if "s" not in e} or
                         any(s[x] != "private" for x in changed)):
            bad.append("step %d: changed %s" % (k, sorted(changed)[:4]))
        elif k == N + 1 and s != now:
            bad.append("the end is not the static report")
        if k <= N and "s" not in EV[k - 1]:
            e = EV[k - 1]
            pos = b.eval("document.getElementById('pos').textContent")
            desc = b.eval("document.getElementById('desc').textContent")
            if pos != "%d/%d" % (k, N) or not all(
                    w in desc for w in ("pid %d" % pid_of[e["p"]],
                                        "%s page %d" % (e["sec"], e["k"]),
                                        ": " + e["why"], " ms")):
                desc_bad.append("%s %s" % (pos, desc))
        if k == a5:
            box = frame_boxes(b, 5)
            t.check("frames after A's write of page 5 (step %d): B and C "
                    "share a frame, A's copy split off" % k,
                    box.get("shared") == [(frames[B, 5], sorted([B, C]))]
                    and box.get("copy") == [(frames[A, 5], [A])], str(box))
        if k == c5:
            box = frame_boxes(b, 5)
            t.check("frames after C's write of page 5 (step %d): B alone on "
                    "the shared frame, two copies" % k,
                    box.get("shared") == [(frames[B, 5], [B])] and
                    sorted(box.get("copy", [])) ==
                    sorted([(frames[A, 5], [A]), (frames[C, 5], [C])]),
                    str(box))
            b.centre(".frpage.cur")  # the frames view, in the picture
            shot(b, "step")
    t.check("each right-arrow step on the slider applies the next event: "
            "after event k exactly the pages of events 1..k changed, to "
            "private; the last step is the static report", not bad,
            "; ".join(bad[:4]))
    t.check("the line next to the slider names each event (k/N, pid, "
            "section, page, reason, time)", not desc_bad,
            "; ".join(desc_bad[:3]))
    b.click("#prev")
    t.check("the previous button steps back to the last event",
            b.eval("window.dmStep") == N)
    b.click("#last")
    sel = "[data-k='%d:%d:%d']" % (0, COW, TABLE + 7 * PAGE)
    b.hover(sel)
    hist = b.eval("document.getElementById('hover').textContent")
    t.check("hovering A's .table page 7 shows its history: load, the "
            "write, now, the frame pagemap gives",
            "load: shared" in hist and "write by cow.dll+0x" in hist and
            "now: private" in hist and
            "frame 0x%x" % frames[A, 7] in hist, hist)
    t.check("... the same history is the page's title",
            b.eval("document.querySelector(\"%s\").title" % sel) == hist)
    shot(b, "hover")
    box = frame_boxes(b, 5)
    t.check("frames now: page 5's shared frame is B's (pagemap), the "
            "copies A's and C's own",
            box.get("shared") == [(frames[B, 5], [B])] and
            sorted(box.get("copy", [])) ==
            sorted([(frames[A, 5], [A]), (frames[C, 5], [C])]) and
            len({frames[A, 5], frames[B, 5], frames[C, 5]}) == 3, str(box))
    box = frame_boxes(b, 200)
    t.check("frames now: page 200 is one frame for A and C (the same PFN "
            "in both), B's copy apart",
            frames[A, 200] == frames[C, 200] != frames[B, 200] and
            box.get("shared") == [(frames[A, 200], sorted([A, C]))] and
            box.get("copy") == [(frames[B, 200], [B])], str(box))
    t.check("frames now: an untouched page (.table page 0) is counted, not "
            "drawn", frame_boxes(b, 0) == {} and frames[A, 0] ==
            frames[B, 0] == frames[C, 0])
    t.check("the page's script still ran without an error", not b.errors,
            str(b.errors))

# Without the protocol: the address's #step=K, and --screenshot.
k = a5
profile = out + "/chromium-replay-cli"
shutil.rmtree(profile, ignore_errors=True)
r = subprocess.run(CHROMIUM[:-1] + ["--user-data-dir=" + profile,
                                    "--dump-dom",
                                    "file://%s#step=%d" % (page, k)],
                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                   timeout=120)
dom = r.stdout.decode()
m = re.search(r'<pre id="check">([^<]*)', dom)
check = json.loads(m.group(1)) if m else {}
t.check("#step=%d in the address opens position %d" % (k, k),
        check.get("step") == k, str(check))
states = dict(re.findall(r'data-k="([\d:]+)" data-pfn="\w*" '
                         r'data-state="(\w+)"', dom))
t.check("... where exactly the pages of events 1..%d changed" % k,
        {x for x in states if states[x] != load[x]} ==
        {key(e) for e in EV[:k] if "s" not in e})
shot_file = out + "/replay-cli.png"
shutil.rmtree(profile, ignore_errors=True)
subprocess.run(CHROMIUM[:-1] + ["--user-data-dir=" + profile,
                                "--screenshot=" + shot_file,
                                "--window-size=%d,%d" % (W, H),
                                "file://%s#step=%d" % (page, k)],
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
               timeout=120)
png = open(shot_file, "rb").read() if os.path.exists(shot_file) else b""
t.check("--screenshot of #step=%d: a %dx%d PNG" % (k, W, H),
        png_size(png) == (W, H) and len(png) > 10000, str(png_size(png)))
t.finish()
