#!/usr/bin/env python3
"""test_watch.py DLLMAP DLLSHARE LAZY_EXE: `dllmap --watch` in a tmux pane.

samples/lazy runs under dllshare and waits for commands on a pipe.  The
live view runs in a detached tmux session; everything the pane receives is
copied by `tmux pipe-pane` into a FIFO this test reads, so the test waits
for a frame number to appear (a frame drawn after the write it made), never
for a time.  Then capture-pane shows the screen: page 1 of lazy.dll's
.lazyd is shared before `write data 1` and private after, drawn reversed
(changed in the last second).  q ends it with exit status 0 and the normal
screen back; so does Ctrl-C; NO_COLOR draws no colour; and with stdout a
pipe the view is plain text that ends when the process exits."""
import os
import re
import select
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dmtest import Cases  # noqa: E402

DLLMAP, DLLSHARE, LAZY = (os.path.abspath(a) for a in sys.argv[1:4])
T = Cases()
tmp = tempfile.mkdtemp(prefix="dm-watch.")
SOCK = os.path.join(tmp, "tmux.sock")


def tmux(*args):
    r = subprocess.run(["tmux", "-S", SOCK] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.stdout.decode(errors="replace")


class Lazy:
    """lazy.exe under dllshare, fed commands on a pipe; each answers
    "lazy: ok"."""

    def __init__(self):
        self.p = subprocess.Popen([DLLSHARE, "run", LAZY, "read", "data",
                                   "0-63"], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)
        self.pid = self.p.pid
        self.p.stdout.readline()  # the sizes
        self.p.stdout.readline()  # the read

    def do(self, cmd):
        self.p.stdin.write((cmd + "\n").encode())
        self.p.stdin.flush()
        out = []
        while True:
            line = self.p.stdout.readline().decode()
            if not line or line.startswith("lazy: ok"):
                return out
            out.append(line)

    def stop(self):
        self.p.stdin.close()
        self.p.stdout.read()
        return self.p.wait()


class Pane:
    """dllmap --watch ARGS in a tmux pane; its output copied into a FIFO."""

    def __init__(self, name, args, env=""):
        self.name = name
        self.go = os.path.join(tmp, name + ".go")
        self.screen = os.path.join(tmp, name + ".screen")
        self.rc = os.path.join(tmp, name + ".rc")
        for f in (self.go, self.screen, self.rc):
            os.mkfifo(f)
        cmd = ("read x < %s; %s %s --watch %s; echo $? > %s" %
               (self.go, env, DLLMAP, args, self.rc))
        tmux("new-session", "-d", "-s", name, "-x", "160", "-y", "60", cmd)
        tmux("set-option", "-t", name, "remain-on-exit", "on")
        tmux("pipe-pane", "-t", name, "-o", "cat > " + self.screen)
        self.fd = os.open(self.screen, os.O_RDONLY)
        self.seen = b""
        with open(self.go, "w") as g:
            g.write("go\n")

    def frame_after(self, n):
        """Reads the pane's output until a frame numbered above n is
        drawn; returns its number (or -1 if the pane ended first)."""
        while True:
            found = [int(x) for x in re.findall(rb"frame (\d+) ",
                                                self.seen)]
            if found and max(found) > n:
                return max(found)
            r, _, _ = select.select([self.fd], [], [], 30)
            chunk = os.read(self.fd, 65536) if r else b""
            if not chunk:
                return -1
            self.seen = self.seen[-4096:] + chunk

    def text(self, escapes=False):
        return tmux("capture-pane", "-p", "-t", self.name,
                    *(["-e"] if escapes else []))

    def keys(self, *k):
        tmux("send-keys", "-t", self.name, *k)

    def exit_status(self):
        with open(self.rc) as f:  # blocks until the pane's command ends
            return f.read().strip()


def cell(text, section, page):
    """The character of page `page` in the row of `section` (lazy.dll)."""
    for line in text.splitlines():
        m = re.match(r"  lazy\.dll +%s +(\S+)" % re.escape(section), line)
        if m:
            cells = m.group(1)
            return cells[page] if page < len(cells) else None
    return None


def sgr_before(text, section, page):
    """The SGR parameters in force at that cell, from capture-pane -e."""
    for line in text.splitlines():
        plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if not re.match(r"  lazy\.dll +%s " % re.escape(section), plain):
            continue
        col = plain.index(section) + 9 + page  # label is "%-8.8s "
        pos, vis, sgr = 0, 0, ""
        while pos < len(line):
            m = re.match(r"\x1b\[([0-9;]*)m", line[pos:])
            if m:
                sgr = sgr + ";" + m.group(1)
                pos += m.end()
                continue
            if vis == col:
                ps = sgr.split(";")
                resets = [i for i, x in enumerate(ps) if x in ("0", "")]
                return ";".join(ps[resets[-1] + 1:] if resets else ps)
            vis += 1
            pos += 1
    return None


lz = Lazy()

# 1. A page turns private on screen, reversed; q quits with 0.
p = Pane("flip", str(lz.pid))
f0 = p.frame_after(0)
before = p.text()
T.check("the pane shows pid %d and lazy.dll's .lazyd" % lz.pid,
        ("pid %d " % lz.pid) in before and cell(before, ".lazyd", 1)
        is not None, before[:800])
T.check(".lazyd page 1 is shared before the write (S or s)",
        cell(before, ".lazyd", 1) in ("S", "s"), repr(cell(before, ".lazyd", 1)))
lz.do("write data 1")
f1 = p.frame_after(f0 + 1)
after = p.text()
esc = p.text(escapes=True)
T.check(".lazyd page 1 is private after the write (P), frame %d -> %d"
        % (f0, f1), cell(after, ".lazyd", 1) == "P",
        repr(cell(after, ".lazyd", 1)))
T.check("page 2 stayed shared", cell(after, ".lazyd", 2) in ("S", "s"))
sgr = sgr_before(esc, ".lazyd", 1) or ""
T.check("the changed cell is reversed (SGR 7) and red",
        "7" in sgr.split(";") and "31" in sgr.split(";"), repr(sgr))
sgr2 = sgr_before(esc, ".lazyd", 2) or ""
T.check("an unchanged cell is not reversed", "7" not in sgr2.split(";"),
        repr(sgr2))
p.keys("q")
T.check("q: exit status 0", p.exit_status() == "0")
T.check("q: the normal screen is back (alternate screen off)",
        tmux("display-message", "-p", "-t", "flip",
             "#{alternate_on}").strip() == "0")

# 2. Ctrl-C quits as cleanly.
p = Pane("intr", str(lz.pid))
p.frame_after(0)
p.keys("C-c")
T.check("Ctrl-C: exit status 0", p.exit_status() == "0")
T.check("Ctrl-C: the normal screen is back",
        tmux("display-message", "-p", "-t", "intr",
             "#{alternate_on}").strip() == "0")

# 3. NO_COLOR: the cells without colours (the highlight is not a colour).
p = Pane("nocolor", str(lz.pid), env="NO_COLOR=1")
f0 = p.frame_after(0)
lz.do("write data 2")
p.frame_after(f0 + 1)
esc = p.text(escapes=True)
params = set(";".join(re.findall(r"\x1b\[([0-9;]*)m", esc)).split(";"))
T.check("NO_COLOR: no colour in the pane (SGR %s)" % sorted(params),
        not (params & {"31", "32", "33", "35", "36"}))
T.check("NO_COLOR: page 2 private and reversed",
        cell(p.text(), ".lazyd", 2) == "P" and
        "7" in (sgr_before(esc, ".lazyd", 2) or "").split(";"))
p.keys("q")
T.check("NO_COLOR: q, exit status 0", p.exit_status() == "0")

# 4. Not a terminal: plain frames, '^' under the change, the end when the
# process exits.
w = subprocess.Popen([DLLMAP, "--watch", str(lz.pid)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
first = b""
while b"\n\n" not in first[first.find(b"pid "):] or b"pid " not in first:
    first += w.stdout.read1(65536)
lz.do("write data 3")
out = first
while b"^" not in out[len(first):]:  # the frame that shows the write
    chunk = w.stdout.read1(65536)
    if not chunk:
        break
    out += chunk
rc = lz.stop()
out += w.stdout.read()
wrc = w.wait()
text = out.decode(errors="replace")
T.check("pipe: no escape sequences", "\x1b" not in text)
T.check("pipe: a frame shows .lazyd page 3 private with '^' under it",
        re.search(r"lazy\.dll +\.lazyd +\S{3}P\S*\n {25}\^ *\n", text)
        is not None, text[-1500:])
T.check("pipe: 'pid %d  lazy.exe  exited', exit status 0" % lz.pid,
        ("pid %d  lazy.exe  exited" % lz.pid) in text and wrc == 0,
        "rc %d" % wrc)
T.check("lazy.exe exited 0", rc == 0)

tmux("kill-server")
T.finish()
