"""dmtest.py: what the dllmap tests share: counting cases, starting the
test processes (synchronized on their stdout line and their stdin pipe,
never on time), and reading the kernel's page tables independently of
dllmap."""
import json
import os
import struct
import subprocess
import sys

DLLMAP = os.environ.get("DLLMAP", "build/bin/dllmap")
PAGE = 4096


class Cases:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok   " + name)
        else:
            self.failed += 1
            print("FAIL " + name + (": " + detail if detail else ""))
        return ok

    def finish(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


class Proc:
    """A test process that prints one line when ready and exits when its
    stdin is closed."""

    def __init__(self, argv, env=None, preexec=None):
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, env=env,
                                  preexec_fn=preexec)
        self.line = self.p.stdout.readline().decode().split()
        self.pid = self.p.pid

    def stop(self):
        self.p.stdin.close()
        self.p.stdout.read()
        return self.p.wait()


def dllmap(*args, user=None):
    cmd = [DLLMAP] + [str(a) for a in args]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       preexec_fn=user)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def dllmap_json(*pids):
    rc, out, err = dllmap("--json", *pids)
    if rc != 0:
        raise RuntimeError("dllmap failed (%d): %s" % (rc, err))
    d = json.loads(out)
    return d if isinstance(d, list) else [d]


def pagemap(pid, va, n):
    """n pagemap entries from va, read straight from the kernel."""
    with open("/proc/%d/pagemap" % pid, "rb") as f:
        f.seek(va // PAGE * 8)
        return struct.unpack("<%dQ" % n, f.read(8 * n))


def kpagecount(pfn):
    with open("/proc/kpagecount", "rb") as f:
        f.seek(pfn * 8)
        return struct.unpack("<Q", f.read(8))[0]


def expected_state(pme, shared_writable):
    """What a page is, from its pagemap entry alone (the definitions of
    docs/dllmap.md)."""
    if not pme >> 63 & 1:
        return "not_resident"
    if shared_writable:
        return "shared_writable"
    if pme >> 61 & 1:
        return "shared"
    return "private"


def module(proc, path):
    for m in proc["modules"]:
        if m["path"] == path:
            return m
    return None


def pages(mod):
    """(rva, state, count) of every page of every section."""
    for s in mod["sections"]:
        for k, st in enumerate(s["page_states"]):
            yield s["rva"] + k * PAGE, st, s["page_counts"][k]


def symbol_rva(exe, name):
    """The RVAs [start, next symbol) of a symbol of exe (built at the
    default base, keeping its symbols)."""
    nm = subprocess.run(["x86_64-w64-mingw32-nm", exe], check=True,
                        stdout=subprocess.PIPE).stdout.decode()
    syms = sorted((int(a, 16), n) for a, _, n in
                  (line.split() for line in nm.splitlines()
                   if len(line.split()) == 3))
    for i, (a, n) in enumerate(syms):
        if n == name:
            return a - 0x140000000, syms[i + 1][0] - 0x140000000
    raise SystemExit("no %s in %s" % (name, exe))


class StackExe:
    """samples/stack's stack.exe under dllshare, answering commands one a
    line; say() returns the lines printed up to its "stack: ok"."""

    def __init__(self, dllshare, exe):
        self.p = subprocess.Popen([dllshare, "run", exe],
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)
        self.pid = self.p.pid

    def say(self, cmd):
        self.p.stdin.write((cmd + "\n").encode())
        self.p.stdin.flush()
        lines = []
        for line in self.p.stdout:
            lines.append(line.decode().rstrip("\r\n"))
            if lines[-1] == "stack: ok":
                return lines[:-1]
        return lines

    def stop(self):
        self.p.stdin.write(b"quit\n")
        self.p.stdin.close()
        self.p.stdout.read()
        return self.p.wait()
