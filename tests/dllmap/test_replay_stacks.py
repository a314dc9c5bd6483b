#!/usr/bin/env python3
"""test_replay_stacks.py DIR DLLSHARE STACK_EXE: the thread stacks of
dllmap --html, and their growth in its replay, in headless Chromium
(cdp.py: the DevTools protocol over a pipe).

samples/stack's stack.exe, held on its stdin pipe (each command answered
"stack: ok"), descends 40 KiB on its main thread (___chkstk_ms touches the
guard page once a page) and starts a CreateThread thread that descends 40
KiB on its own stack and waits.  While it waits the test takes dllmap's
static report (--json) and writes the HTML page.  Then, in the browser:

  - at now, every stack cell is the static report's page state, each
    grid's cells are dllmap --pages' characters for that stack, and the
    check line counts them (a colour per state);
  - the first button goes to load: each stack has its initial commit
    only (the pages --json says "initial"), the guard page just below,
    the rest reserved;
  - the right-arrow key steps through every event, images' and stacks'
    together in time order: after stack event k, exactly the initial
    pages and those of its stack's events up to k are committed, the
    guard page is just below event k's pages, the rest reserved; the
    growth events commit one page each, each the page below the last;
    the line next to the slider names the thread, page, growth and the
    instruction (the dynamic linker's, at the start; ___chkstk_ms's for
    the descent);
  - the last step is the static report again;
  - hovering a grown page shows its history: load (the guard page or
    reserved), its commit event with the instruction in stack.exe, now."""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser  # noqa: E402
from dmtest import Cases, StackExe, dllmap, dllmap_json, symbol_rva  # noqa: E402

out, dllshare, exe = [os.path.abspath(a) for a in sys.argv[1:4]]
t = Cases()
cache = out + "/replay-stacks-cache"
shutil.rmtree(cache, ignore_errors=True)
os.makedirs(out, exist_ok=True)
os.environ["DLLSHARE_CACHE"] = cache
page = out + "/replay-stacks.html"
W, H = 1200, 900


p = StackExe(dllshare, exe)
try:
    p.say("down 40")
    tw = p.say("thread 1024")
    tid = re.search(r"thread (\d+):", " ".join(p.say("twhere")))
    static = dllmap_json(p.pid)[0]
    _, text, _ = dllmap("--pages", p.pid)
    rc, _, err = dllmap("--html", page, p.pid)
    t.check("dllmap --html writes the page", rc == 0, err)
finally:
    rc = p.stop()
t.check("stack.exe ended with status 0", rc == 0, str(rc))
t.check("stack.exe said its thread's id", tid is not None, str(tw))
if not tid:
    t.finish()
tid = int(tid.group(1))

stacks = static.get("stacks", [])
t.check("dllmap --json shows two stacks, the main thread's and the "
        "thread's", sorted(s["tid"] for s in stacks) ==
        sorted([p.pid, tid]), str([s["tid"] for s in stacks]))
html = open(page).read()
data = json.loads(re.search(r'id="replay-data">(.*?)</script>', html,
                            re.S).group(1))
EV = data["events"]
N = len(EV)
SI = {s["tid"]: s["s"] for s in data["stacks"]}
t.check("the replay's stacks are the report's, in its order",
        [(s["p"], s["s"], s["tid"], s["npages"]) for s in data["stacks"]] ==
        [(0, i, s["tid"], s["pages"]) for i, s in enumerate(stacks)],
        str(data["stacks"]))
now = {}   # "0:stack:page" -> state, from --json
initial = {}  # stack -> its pages committed at the start
for i, s in enumerate(stacks):
    for k, st in enumerate(s["page_states"]):
        now["0:%d:%d" % (i, k)] = st
    initial[i] = {c["page"] for c in s["commits"] if c["reason"] == "initial"}
grown = {}  # stack -> its growth events, in the replay's order
for e in EV:
    if "s" in e:
        grown.setdefault(e["s"], []).append(e)
main, thr = SI.get(p.pid), SI.get(tid)
mg = grown.get(main, [])
t.check("the main thread grew by one page an event, each the page below "
        "the last, from just below its initial commit (%d events)"
        % len(mg),
        len(mg) >= 40 // 4 and all(e["n"] == 1 for e in mg) and
        mg[0]["k"] == min(initial[main]) - 1 and
        all(b["k"] == a["k"] - 1 for a, b in zip(mg, mg[1:])),
        str([(e["k"], e["n"], e["why"]) for e in mg][:12]))
chk_lo, chk_hi = symbol_rva(exe, "___chkstk_ms")
chk = [e for e in mg if e["where"].startswith("stack.exe+0x")]
t.check("... each by touching the guard page on the main thread; the "
        "descent's in ___chkstk_ms (stack.exe+0x%x)" % chk_lo,
        all(e["why"] == "guard" and e["tid"] == p.pid for e in mg) and
        chk and all(chk_lo <= int(e["where"][12:], 16) < chk_hi
                    for e in chk), str([e["where"] for e in mg]))
t.check("... every page the main thread's stack grew by has its event",
        len(mg) == stacks[main]["committed"] - len(initial[main]),
        "%d events, %d committed" % (len(mg), stacks[main]["committed"]))
t.check("the thread's stack grew on its own thread",
        len(grown.get(thr, [])) >= 40 // 4 and
        all(e["tid"] == tid for e in grown.get(thr, [])))
t.check("the replay's events are in time order, images' and stacks' "
        "together", [e["ms"] for e in EV] == sorted(e["ms"] for e in EV) and
        any("s" not in e for e in EV))


def expected(pos):
    """Every stack cell's state at position pos, as the record says."""
    want = {}
    for i, s in enumerate(stacks):
        done = [e for e in EV[:pos] if e.get("s") == i]
        on = set(initial[i])
        for e in done:
            on |= set(range(e["k"], e["k"] + e["n"]))
        guard = done[-1]["k"] - 1 if done else min(initial[i]) - 1
        for k in range(s["pages"]):
            want["0:%d:%d" % (i, k)] = (
                "committed" if k in on else
                "guard" if k == guard else "reserved")
    return want


STATES = ("(function(){var o={};document.querySelectorAll("
          "'.sgrid i[data-sk]').forEach(function(e){o[e.dataset.sk]="
          "e.dataset.state});return o})()")
CHECK = "JSON.parse(document.getElementById('check').textContent)"


def pages_text(text):
    """Each stack's --pages characters (64 a line, low page first), in
    the report's order."""
    out, cur = [], None
    for line in text.split("\n"):
        if re.fullmatch(r" {8}[CcG_!]+", line):
            cur = (cur or "") + line.strip()
        elif cur is not None:
            out.append(cur)
            cur = None
    return out + ([cur] if cur is not None else [])


def counts(states):
    r = {}
    for v in states.values():
        r[v] = r.get(v, 0) + 1
    return r


with Browser(out + "/chromium-replay-stacks") as b:
    b.open("file://" + page, W, H)
    t.check("the page's script runs without an error", not b.errors,
            str(b.errors))
    s = b.eval(STATES)
    t.check("now: every stack page as dllmap --json's stacks (%d pages)"
            % len(now), s == now,
            str([(k, s.get(k), v) for k, v in now.items()
                 if s.get(k) != v][:5]))
    chk = b.eval(CHECK).get("stacks", {})
    col = chk.get("colours", {})
    t.check("the check line counts the stack cells per state, as --json",
            chk.get("by_state") == counts(now) and
            chk.get("inconsistent") == 0, str(chk))
    t.check("committed, guard and reserved pages in three colours",
            len({col.get("sC"), col.get("sG"), col.get("sr")}) == 3 and
            None not in (col.get("sC"), col.get("sG"), col.get("sr")),
            str(col))
    CHARS = ("(function(){var m={sC:'C',sc:'c',sG:'G',sr:'_',sx:'!'};"
             "return Array.prototype.map.call(document.querySelectorAll("
             "'.sgrid'),function(g){return Array.prototype.map.call("
             "g.children,function(e){return m[e.classList[0]]||'?'})"
             ".join('')})})()")
    t.check("now: each stack grid, cell by cell, is dllmap --pages' "
            "characters for it",
            b.eval(CHARS) == pages_text(text) and len(pages_text(text)) == 2,
            str([x[-70:] for x in b.eval(CHARS)]))
    b.centre(".sgrid")
    png = b.screenshot()
    with open(out + "/replay-stacks-now.png", "wb") as f:
        f.write(png)

    b.click("#first")
    s = b.eval(STATES)
    t.check("load: each stack has its initial commit only, the guard page "
            "below it", b.eval("window.dmStep") == 0 and s == expected(0),
            str([(k, s.get(k), v) for k, v in expected(0).items()
                 if s.get(k) != v][:5]))
    b.eval("document.getElementById('step').focus()")
    bad, desc_bad, seen = [], [], 0
    for k in range(1, N + 2):
        b.key("ArrowRight", 39)
        if b.eval("window.dmStep") != k:
            bad.append("step %d: at %s" % (k, b.eval("window.dmStep")))
            break
        if k > N or "s" not in EV[k - 1]:
            continue
        seen += 1
        e = EV[k - 1]
        s = b.eval(STATES)
        want = expected(k)
        if s != want:
            bad.append("step %d: %s" % (k, [(x, s.get(x), v) for x, v in
                                            want.items()
                                            if s.get(x) != v][:3]))
        desc = b.eval("document.getElementById('desc').textContent")
        stid = data["stacks"][e["s"]]["tid"]
        if not ("thread %d stack page %d" % (stid, e["k"]) in desc and
                "grown: the guard page touched by " + e["where"] in desc):
            desc_bad.append(desc)
    t.check("each right-arrow step through a stack event commits its page "
            "and moves the guard page below it (%d steps)" % seen,
            not bad and seen == sum(len(v) for v in grown.values()),
            "; ".join(bad[:3]))
    t.check("the line next to the slider names the thread, the page and "
            "the growth", not desc_bad, "; ".join(desc_bad[:2]))
    s = b.eval(STATES)
    t.check("the last step (now) is the static view again",
            b.eval("window.dmStep") == N + 1 and s == now)
    g = mg[len(mg) // 2]
    sel = "[data-sk='0:%d:%d']" % (main, g["k"])
    b.hover(sel)
    hist = b.eval("document.getElementById('hover').textContent")
    pos = EV.index(g) + 1
    t.check("hovering a grown page shows its history: load, its commit "
            "event (the guard page touched, the instruction), now",
            "load: reserved" in hist and
            "%d/%d +" % (pos, N) in hist and
            "committed, grown: the guard page touched by %s" % g["where"]
            in hist and "now: committed" in hist, hist)
    t.check("... the same history is the page's title",
            b.eval("document.querySelector(\"%s\").title" % sel) == hist)
    top = max(initial[main])
    b.hover("[data-sk='0:%d:%d']" % (main, top))
    hist = b.eval("document.getElementById('hover').textContent")
    t.check("hovering the top page: the initial commit when the stack was "
            "made", "load: committed, the initial commit" in hist and
            "why: initial" in hist, hist)
    png = b.screenshot()
    with open(out + "/replay-stacks-hover.png", "wb") as f:
        f.write(png)
    t.check("the page's script still ran without an error", not b.errors,
            str(b.errors))
t.finish()
