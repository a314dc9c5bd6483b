"""test_html.py: dllmap --html draws what --json says.  Three test
processes (as in test_kernel.py); the page is loaded in headless Chromium
(--dump-dom, after its script ran): the script's count of cells per
data-state must equal the JSON totals, every cell of one class must have
been drawn in one colour and the states in different colours, and a
private cell's hover text must say why.  A screenshot is kept for a human
to look at."""
import html.parser
import json
import os
import shutil
import subprocess
import sys

from dmtest import Cases, Proc, dllmap, dllmap_json

out, probe, dll = [os.path.abspath(a) for a in sys.argv[1:4]]
t = Cases()
a_dll, c_dll = out + "/probe-h.dll", out + "/probe-hc.dll"
shutil.copyfile(dll, a_dll)
shutil.copyfile(dll, c_dll)
page = out + "/dllmap.html"
shot = out + "/dllmap.png"
profile = out + "/chromium-profile"
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync"]


def chromium(*args):
    shutil.rmtree(profile, ignore_errors=True)
    r = subprocess.run(CHROMIUM + ["--user-data-dir=" + profile] +
                       list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return r.returncode, r.stdout.decode()


class Cells(html.parser.HTMLParser):
    """The grid cells of the dumped DOM and the check line."""

    def __init__(self):
        super().__init__()
        self.cells, self.check, self.in_check = [], "", False
        self.external = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "i" and "data-k" in a:  # an image page (not a stack's)
            self.cells.append(a)
        if tag == "pre" and a.get("id") == "check":
            self.in_check = True
        for k in ("src", "href"):
            if a.get(k):
                self.external.append(a[k])

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_check = False

    def handle_data(self, data):
        if self.in_check:
            self.check += data


A = Proc([probe, a_dll, "2,3"])
B = Proc([probe, a_dll, "4"])
C = Proc([probe, "--shared", c_dll, "5"])
try:
    procs = dllmap_json(A.pid, B.pid, C.pid)
    want = {}
    for p in procs:
        for k in ("shared", "private", "shared_writable", "not_resident"):
            want[k] = want.get(k, 0) + p["totals"][k]
    want = {k: v for k, v in want.items() if v}
    rc, so, se = dllmap("--html", page, A.pid, B.pid, C.pid)
    t.check("dllmap --html writes the page", rc == 0 and
            os.path.getsize(page) > 0, se)
finally:
    for P in (A, B, C):
        P.stop()

rc, dom = chromium("--dump-dom", "file://" + page)
t.check("chromium loads the page", rc == 0 and "<body" in dom)
cells = Cells()
cells.feed(dom)
t.check("the page fetches nothing (no src/href)", not cells.external,
        str(cells.external[:3]))
try:
    check = json.loads(cells.check)
except ValueError:
    check = {}
t.check("the page's script ran and counted the cells",
        check.get("cells", 0) == len(cells.cells) > 0,
        "%s vs %d" % (check.get("cells"), len(cells.cells)))
t.check("cells per state (drawn by the browser) equal the JSON totals",
        check.get("by_state") == want,
        "%s vs %s" % (check.get("by_state"), want))
col = check.get("colours", {})
t.check("every cell of a class has one colour",
        check.get("inconsistent") == 0, str(check.get("inconsistent")))
t.check("shared, private, shared-writable drawn in different colours",
        len({col.get("s2"), col.get("p"), col.get("w")}) == 3 and
        None not in (col.get("s2"), col.get("p"), col.get("w")), str(col))
priv = [c for c in cells.cells if c["data-state"] == "private"]
t.check("a private cell's hover text says what it is",
        priv and "private" in priv[0].get("title", "") and
        "probe-h.dll .data+0x" in priv[0].get("title", ""),
        priv[0].get("title") if priv else "no private cell")
cols = dom.count('class="col"')
t.check("one column per process per image (%d)" % cols, cols == 2 * 3)

rc, _ = chromium("--screenshot=" + shot, "--window-size=1100,800",
                 "file://" + page)
t.check("screenshot saved (%s)" % os.path.relpath(shot),
        os.path.exists(shot) and os.path.getsize(shot) > 1000)
t.finish()
