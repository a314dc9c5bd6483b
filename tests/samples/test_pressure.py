#!/usr/bin/env python3
"""test_pressure.py DLLSHARE DLLMAP PRESSURE_EXE PAGEOUT EXPECTED_OUT WINEPREFIX:
samples/pressure against the kernel.

pressure.exe runs under dllshare with its section cache on disk, reads its
DLL's 256-page read-only table, writes 16 scratch pages and waits on its
stdin pipe.  The test applies pressure from outside (the sample's
`pageout`, process_madvise(MADV_PAGEOUT)) and reads the page tables
itself: every table page mapped by this process alone left its page table
and the page cache (mincore of the section file), none went to swap; the
written scratch pages stayed, on the same frames (or went to swap, where
there is swap); dllmap draws the dropped pages as not resident.  Then a
line lets the program read everything again: the table is back, read from
the section file (major faults, bytes read from the disk), and a second
process reading the table gets the very same frames.  Last, with the cache
on tmpfs, pressure frees nothing: the pages may leave the page table, but
shmem pages can only go to swap, so they stay in RAM and come back on the
same frames.  And under Wine, which copies the image's sections into
anonymous memory, pressure takes none of the table either: without swap an
anonymous page has nowhere to go.

Everything waits on the program's output lines, never on time.  Needs
root (process_madvise on another process needs CAP_SYS_NICE, frame numbers
need CAP_SYS_ADMIN), Linux 5.10 and a cache directory on a disk file
system; otherwise it says which is missing and skips."""
import ctypes
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "dllmap"))
import json  # noqa: E402
from dmtest import Cases, PAGE, kpagecount, pagemap  # noqa: E402

DLLSHARE, DLLMAP, EXE, PAGEOUT, EXPECTED, PREFIX = (os.path.abspath(a)
                                                    for a in sys.argv[1:7])
WRITTEN = 16            # scratch pages pressure.exe writes by default
T = Cases()


def skip(why):
    print("pressure: skipped: " + why)
    print("0 passed, 0 failed")
    sys.exit(0)


def dll_sections(pid, cache):
    """pressure.dll's base and sections, as dllmap reads them from the
    process's record (in `cache`)."""
    r = subprocess.run([DLLMAP, "--json", str(pid)], stdout=subprocess.PIPE,
                       env=dict(os.environ, DLLSHARE_CACHE=cache))
    if r.returncode:
        raise RuntimeError("dllmap --json %d: exit %d" % (pid, r.returncode))
    m = [m for m in json.loads(r.stdout)["modules"]
         if m["name"] == "pressure.dll"][0]
    return int(m["base"], 16), {s["name"]: s for s in m["sections"]}


def swap_total_kib():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("SwapTotal:"):
                return int(line.split()[1])
    return 0


def fs_type(path):
    return subprocess.run(["stat", "-f", "-c", "%T", path],
                          stdout=subprocess.PIPE).stdout.decode().strip()


class Pressure:
    """pressure.exe under dllshare with the cache in `cache`; waits until
    it has read the table and written its scratch pages."""

    def __init__(self, cache, wine=False):
        env = dict(os.environ, DLLSHARE_CACHE=cache)
        argv = [DLLSHARE, "run", EXE]
        if wine:    # wine execs its preloader in place: the pid stays
            env.update(WINEPREFIX=PREFIX, WINEDEBUG="-all",
                       WINEDLLOVERRIDES="winedbg.exe=d")
            argv = ["wine", EXE]
        self.p = subprocess.Popen(argv, env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE)
        self.pid = self.p.pid
        self.out = b""
        self.until(b"apply pressure now")
        base, secs = dll_sections(self.pid, cache)
        self.table = (base + secs[".table"]["rva"], secs[".table"]["pages"],
                      secs[".table"]["rva"])
        self.scratch = base + secs[".scratch"]["rva"]
        self.section_file = self.mapped_file(base)

    def until(self, marker):
        while marker not in self.out:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError("pressure.exe ended before %r: %r"
                                   % (marker, self.out))
            self.out += line

    def next(self):
        """One line on stdin: the program reads everything again."""
        self.p.stdin.write(b"\n")
        self.p.stdin.flush()
        self.until(b"look at the pages again now")

    def stop(self):
        self.p.stdin.close()
        self.out += self.p.stdout.read()
        return self.p.wait()

    def mapped_file(self, addr):
        with open("/proc/%d/maps" % self.pid) as f:
            for line in f:
                if int(line.split("-")[0], 16) == addr:
                    return line.split()[5]
        return None

    def loader_view(self, path):
        """Where dllshare's own read-only view of the whole section file
        (r--s) starts, or None."""
        with open("/proc/%d/maps" % self.pid) as f:
            for line in f:
                w = line.split()
                if len(w) > 5 and w[1] == "r--s" and w[5] == path:
                    return int(w[0].split("-")[0], 16)
        return None

    def table_pme(self):
        va, n, _ = self.table
        return pagemap(self.pid, va, n)

    def scratch_pme(self):
        return pagemap(self.pid, self.scratch, WRITTEN)

    def stat_majflt(self):
        with open("/proc/%d/stat" % self.pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[9])

    def read_bytes(self):
        with open("/proc/%d/io" % self.pid) as f:
            for line in f:
                if line.startswith("read_bytes:"):
                    return int(line.split()[1])
        return 0


def pfn(pme):
    return pme & ((1 << 55) - 1)


def present(pme):
    return bool(pme >> 63 & 1)


def swapped(pme):
    return bool(pme >> 62 & 1)


def file_page(pme):
    return bool(pme >> 61 & 1)


LIBC = ctypes.CDLL(None, use_errno=True)
LIBC.mmap.restype = ctypes.c_void_p
LIBC.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                      ctypes.c_int, ctypes.c_int, ctypes.c_long]
LIBC.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
LIBC.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]


def in_page_cache(path, offset, n):
    """Which of n pages of `path` from `offset` are in the page cache (in
    RAM at all, mapped by anyone or not): mincore of a mapping of ours
    that touches none of them."""
    fd = os.open(path, os.O_RDONLY)
    try:
        addr = LIBC.mmap(None, n * PAGE, 1, 1, fd, offset)  # PROT_READ, MAP_SHARED
        if addr in (None, ctypes.c_void_p(-1).value):
            raise OSError(ctypes.get_errno(), "mmap " + path)
        vec = (ctypes.c_ubyte * n)()
        rc = LIBC.mincore(addr, n * PAGE, vec)
        LIBC.munmap(addr, n * PAGE)
        if rc:
            raise OSError(ctypes.get_errno(), "mincore " + path)
        return [bool(v & 1) for v in vec]
    finally:
        os.close(fd)


def pageout(pid):
    r = subprocess.run([PAGEOUT, str(pid)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return r.returncode, r.stdout.decode(), r.stderr.decode()


def fsync_dir(d):
    """Writes every section in d to the disk: a section just built is
    dirty page cache, which reclaim cannot simply drop."""
    for name in os.listdir(d):
        if name.endswith(".sec"):
            fd = os.open(os.path.join(d, name), os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)


# --- Preconditions -------------------------------------------------------
if os.geteuid() != 0:
    skip("needs root (process_madvise on another process needs "
         "CAP_SYS_NICE; frame numbers need CAP_SYS_ADMIN)")
release = tuple(int(x) for x in os.uname().release.split("-")[0].split(".")[:2])
if release < (5, 10):
    skip("process_madvise needs Linux 5.10, this is %s" % os.uname().release)
build = os.path.dirname(os.path.dirname(os.path.dirname(EXE)))
disk_cache = os.path.join(build, "tests", "pressure-cache")
os.makedirs(os.path.dirname(disk_cache), exist_ok=True)
if fs_type(os.path.dirname(disk_cache)) == "tmpfs":
    skip("%s is on tmpfs: a disk cache is needed for pages that can be "
         "dropped" % os.path.dirname(disk_cache))
have_swap = swap_total_kib() > 0
print("pressure: swap %s; disk cache %s (%s)"
      % ("present" if have_swap else "none", disk_cache,
         fs_type(os.path.dirname(disk_cache))))

rc, _, err = pageout(999999999)
T.check("pageout of no such process: exit 1, says which pid",
        rc == 1 and "pid 999999999" in err, "%d %r" % (rc, err))

# --- A section on disk, clean -------------------------------------------
shutil.rmtree(disk_cache, ignore_errors=True)
os.mkdir(disk_cache, 0o700)
first = subprocess.run([DLLSHARE, "run", EXE], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL,
                       env=dict(os.environ, DLLSHARE_CACHE=disk_cache))
T.check("a first run builds the sections on disk (exit 0)",
        first.returncode == 0, str(first.returncode))
fsync_dir(disk_cache)

a = Pressure(disk_cache)
va, n, rva = a.table
sec = a.section_file
T.check("pressure.dll's view maps its section in %s" % disk_cache,
        sec is not None and sec.startswith(disk_cache + "/"), str(sec))
before = a.table_pme()
view = a.loader_view(sec)
in_view = [i for i, e in enumerate(pagemap(a.pid, view + rva, n))
           if present(e)] if view else []
alone = [i for i in range(n)
         if present(before[i]) and kpagecount(pfn(before[i])) == 1]
T.check("before: all %d table pages resident, the section file's pages"
        % n, all(present(e) and file_page(e) for e in before))
T.check("before: each mapped by this process alone (%d), or also by "
        "dllshare's own read-only view of the section file (%d, mapped "
        "twice)" % (len(alone), len(in_view)),
        view and sorted(alone + in_view) == list(range(n)) and
        all(kpagecount(pfn(before[i])) == 2 for i in in_view))
T.check("before: most are mapped here alone (%d of %d)" % (len(alone), n),
        len(alone) >= n // 2)
sbefore = a.scratch_pme()
T.check("before: the %d written scratch pages are private copies "
        "(anonymous, mapped once)" % WRITTEN,
        all(present(e) and not file_page(e) and e >> 56 & 1
            for e in sbefore))

# --- Pressure ------------------------------------------------------------
rc, out, err = pageout(a.pid)
T.check("pageout %d: exit 0, MADV_PAGEOUT applied" % a.pid,
        rc == 0 and "MADV_PAGEOUT on" in out, "%d %r" % (rc, err))
print("  " + out.replace("\n", "\n  ").rstrip())
after = a.table_pme()
dropped = [i for i in alone if not present(after[i])]
T.check("after: every table page mapped only here left the page table "
        "(%d of %d)" % (len(dropped), len(alone)),
        len(dropped) == len(alone),
        "still present: %s" % [i for i in alone if i not in dropped][:20])
T.check("after: none of them went to swap (a clean page is still in "
        "its file)", not any(swapped(after[i]) for i in alone))
cached = in_page_cache(sec, rva, n)
T.check("after: and none is in the page cache at all (freed, not just "
        "unmapped)", not any(cached[i] for i in alone),
        "cached: %s" % [i for i in alone if cached[i]][:20])
T.check("after: the %d pages the loader's view maps too stay (pageout "
        "leaves alone a page mapped elsewhere)" % len(in_view),
        all(present(after[i]) for i in in_view))

safter = a.scratch_pme()
if have_swap:
    kept = all((present(e) and pfn(e) == pfn(b)) or swapped(e)
               for b, e in zip(sbefore, safter))
    T.check("after: each written scratch page kept on its frame or "
            "swapped out", kept)
else:
    T.check("after: the written scratch pages stayed, on the same frames "
            "(no swap: they exist nowhere else)",
            all(present(e) and pfn(e) == pfn(b)
                for b, e in zip(sbefore, safter)))

_, secs = dll_sections(a.pid, disk_cache)
states = secs[".table"]["page_states"]
T.check("dllmap: the dropped table pages are not resident, the others "
        "shared", all(states[i] == ("not_resident" if i in dropped
                                    else "shared") for i in range(n)),
        "%s" % states[:8])
T.check("dllmap: the written scratch pages are still private",
        secs[".scratch"]["page_states"][:WRITTEN] == ["private"] * WRITTEN
        or have_swap)

# --- Touched again: read back from the section file ---------------------
majflt, rbytes = a.stat_majflt(), a.read_bytes()
a.next()
majflt2, rbytes2 = a.stat_majflt(), a.read_bytes()
again = a.table_pme()
T.check("read again: the program saw the same table and kept its writes",
        b"sum 33685504, the same" in a.out and b"16 of 16" in a.out)
T.check("read again: all %d table pages resident again, file pages" % n,
        all(present(e) and file_page(e) for e in again))
T.check("read again: major faults (%d -> %d)" % (majflt, majflt2),
        majflt2 > majflt)
T.check("read again: at least the %d dropped pages read from the disk "
        "(%d KiB)" % (len(dropped), (rbytes2 - rbytes) >> 10),
        rbytes2 - rbytes >= len(dropped) * PAGE)
T.check("read again: back in the page cache",
        all(in_page_cache(sec, rva, n)))

# A second process shares what the first read back.
b = Pressure(disk_cache)
bt = b.table_pme()
T.check("a second process maps the same %d table frames as the first" % n,
        [pfn(e) for e in bt] == [pfn(e) for e in a.table_pme()])
T.check("... each now mapped by both (kpagecount >= 2)",
        all(kpagecount(pfn(e)) >= 2 for e in bt))
T.check("... while their written scratch pages are each its own",
        not set(pfn(e) for e in b.scratch_pme()) &
        set(pfn(e) for e in a.scratch_pme()))
T.check("second process: exit 0", b.stop() == 0)
rca = a.stop()
with open(EXPECTED, "rb") as f:
    want = f.read()
T.check("first process: exit 0, and it printed exactly what it prints "
        "under Wine (%s)" % os.path.basename(EXPECTED),
        rca == 0 and a.out == want, repr(a.out[-200:]))

# --- The cache on tmpfs: nothing freed ------------------------------------
shm = tempfile.mkdtemp(prefix="dllshare-pressure.", dir="/dev/shm")
try:
    c = Pressure(shm)
    cb = c.table_pme()
    rc, out, _ = pageout(c.pid)
    T.check("tmpfs cache: pageout %d exit 0" % c.pid, rc == 0)
    print("  " + out.replace("\n", "\n  ").rstrip())
    cached = in_page_cache(c.section_file, c.table[2], n)
    c.next()
    cc = c.table_pme()
    if have_swap:
        print("pressure: tmpfs cache: not checked: with swap, shmem pages "
              "may go to swap")
    else:
        T.check("tmpfs cache: after pageout all %d table pages are still in "
                "RAM (%d; shmem without swap has nowhere to go)"
                % (n, sum(cached)), all(cached))
        T.check("tmpfs cache: read again, the table is on the very frames "
                "it was on before",
                all(present(x) and pfn(x) == pfn(y) for x, y in zip(cc, cb)))
    T.check("tmpfs cache: exit 0", c.stop() == 0)
finally:
    shutil.rmtree(shm, ignore_errors=True)

# --- Under Wine: the table is anonymous memory ---------------------------
if not shutil.which("wine"):
    print("pressure: Wine part skipped: no wine in PATH")
    T.finish()
w = Pressure(disk_cache, wine=True)
wb, wsb = w.table_pme(), w.scratch_pme()
T.check("Wine: the table is resident and private from the start (Wine "
        "copies the sections: anonymous memory)",
        all(present(e) and not file_page(e) for e in wb))
rc, out, _ = pageout(w.pid)
T.check("Wine: pageout %d exit 0" % w.pid, rc == 0)
print("  " + out.replace("\n", "\n  ").rstrip())
wa, wsa = w.table_pme(), w.scratch_pme()
if have_swap:
    T.check("Wine: each table page kept on its frame or swapped out",
            all((present(x) and pfn(x) == pfn(y)) or swapped(x)
                for x, y in zip(wa, wb)))
else:
    T.check("Wine: pressure took none of the %d table pages (no swap: "
            "anonymous pages have nowhere to go)" % n,
            all(present(x) and pfn(x) == pfn(y) for x, y in zip(wa, wb)))
    T.check("Wine: nor any written scratch page",
            all(present(x) and pfn(x) == pfn(y) for x, y in zip(wsa, wsb)))
w.next()
rcw = w.stop()
T.check("Wine: exit 0 and the same output", rcw == 0 and w.out == want,
        repr(w.out[-200:]))
shutil.rmtree(disk_cache, ignore_errors=True)
T.finish()
