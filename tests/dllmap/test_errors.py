"""test_errors.py: what dllmap does with processes it cannot read: one
line on stderr naming the pid, the rest of the report still printed, a
non-zero exit.  Also the view without root: what cannot be known is said,
not guessed."""
import json
import os
import pty
import shutil
import subprocess
import sys

from dmtest import DLLMAP, Cases, Proc, dllmap, module

out, probe, dll = [os.path.abspath(a) for a in sys.argv[1:4]]
t = Cases()
path = out + "/probe-e.dll"
shutil.copyfile(dll, path)
os.chmod(path, 0o644)
NOBODY = 65534


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


with open("/proc/sys/kernel/pid_max") as f:
    gone = int(f.read()) + 1  # above pid_max: never a process

P = Proc([probe, path, "2"])
try:
    rc, so, se = dllmap(gone, P.pid)
    t.check("missing pid: one line naming it",
            "dllmap: pid %d: no such process\n" % gone == se, repr(se))
    t.check("missing pid: the other process is still reported",
            ("pid %d " % P.pid) in so and "probe-e.dll" in so, so[:200])
    t.check("missing pid: exit status non-zero", rc != 0, str(rc))

    rc, so, se = dllmap("--json", P.pid, gone)
    try:
        d = json.loads(so)
    except ValueError:
        d = None
    t.check("missing pid, --json: an array of the readable processes",
            isinstance(d, list) and [p["pid"] for p in d] == [P.pid],
            so[:200])
    t.check("missing pid, --json: exit status non-zero", rc != 0)

    if os.getuid() == 0:
        rc, so, se = dllmap(P.pid, user=as_nobody)
        t.check("another user's process: one line naming pid and cause",
                se.startswith("dllmap: pid %d: " % P.pid) and
                "permission denied" in se and se.count("\n") == 1, repr(se))
        t.check("another user's process: exit status non-zero", rc != 0)
        t.check("another user's process: it says so, naming the uid",
                "another user's process, uid 0" in se, repr(se))

        # As root, pid 1 (whatever it is here: not a dllshare process)
        # is never "another user's": readable, or refused by the kernel
        # (a container without CAP_SYS_PTRACE), and then said so.
        rc, so, se = dllmap(1)
        t.check("root, dllmap 1: never 'another user's process' "
                "(status %d)" % rc,
                "another user" not in se and
                (rc == 0 or "the kernel does not let" in se), repr(se))
        rc, so, se = dllmap(1, user=as_nobody)
        t.check("uid 65534, dllmap 1 (root's): 'another user's process'",
                rc != 0 and "another user's process, uid 0" in se,
                repr(se))
    else:
        print("skipped: another user's process: needs root to be "
              "another user")

        Q = Proc([probe, path, "3"], preexec=as_nobody)
        try:
            rc, so, se = dllmap("--json", Q.pid, user=as_nobody)
            d = json.loads(so) if rc == 0 else {}
            m = module(d, path) if d else None
            t.check("without root: report still made", rc == 0 and m,
                    se)
            if m:
                data = [s for s in m["sections"] if s["name"] == ".data"][0]
                st = dict(zip(data["page_states"], data["page_counts"]))
                k = 3 - data["rva"] // 4096
                t.check("without root: counts_known is false",
                        d["counts_known"] is False)
                t.check("without root: the private page is known to be "
                        "mapped once (pagemap bit 56)",
                        data["page_states"][k] == "private" and
                        data["page_counts"][k] == 1,
                        str(list(zip(data["page_states"], data["page_counts"]))))
                t.check("without root: PSS is unknown, not guessed",
                        d["totals"]["pss_kib"] is None, str(d["totals"]))
            rc, so, se = dllmap(Q.pid, user=as_nobody)
            t.check("without root: text says the count needs root",
                    "sharing count unknown: needs root" in so, so[:300])
        finally:
            Q.stop()

    # A process that has exited but is not reaped (a zombie) has no
    # mappings left: the case of a process exiting while being read.
    z = subprocess.Popen(["true"])
    os.waitid(os.P_PID, z.pid, os.WEXITED | os.WNOWAIT)
    rc, so, se = dllmap(z.pid, P.pid)
    t.check("exited process: one line naming it",
            se.startswith("dllmap: pid %d: " % z.pid) and "exited" in se,
            repr(se))
    t.check("exited process: the other is still reported, exit non-zero",
            ("pid %d " % P.pid) in so and rc != 0)
    z.wait()

    # Colours only on a terminal, and never with NO_COLOR.
    def on_pty(env):
        pid, fd = pty.fork()
        if pid == 0:
            os.execve(DLLMAP, [DLLMAP, "--pages", str(P.pid)], env)
        data = b""
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        os.waitpid(pid, 0)
        return data.decode(errors="replace")
    plain = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    t.check("--pages on a terminal: coloured", "\033[" in on_pty(plain))
    t.check("--pages on a terminal with NO_COLOR: no colour",
            "\033[" not in on_pty(dict(plain, NO_COLOR="1")))
    rc, so, se = dllmap("--pages", P.pid)
    t.check("--pages into a pipe: no colour, legend and page rows",
            "\033[" not in so and "legend:" in so and "PP" not in so and
            "P" in so.split(".data")[1].split("\n")[1], so[:300])

    # A mapping with MZ and PE\0\0 whose headers do not parse: still
    # reported as an image (one range of pages), with the parser's reason.
    bad = out + "/probe-bad.dll"
    raw = bytearray(open(dll, "rb").read())
    lfa = int.from_bytes(raw[60:64], "little")
    raw[lfa + 24 + 56:lfa + 24 + 60] = (0).to_bytes(4, "little")  # SizeOfImage
    open(bad, "wb").write(raw)
    R = Proc([probe, bad])
    try:
        rc, so, se = dllmap("--json", R.pid)
        d = json.loads(so) if rc == 0 else {}
        m = module(d, bad) if d else None
        t.check("unparsable PE header: still an image, one range, and why",
                m and [s["name"] for s in m["sections"]] == ["(unparsed image)"]
                and "SizeOfImage" in d.get("note", ""),
                "%s %s" % (m and [s["name"] for s in m["sections"]],
                           d.get("note")))
    finally:
        R.stop()

    for arg in ("12x", " %d" % P.pid, "%d " % P.pid, "+%d" % P.pid, ""):
        rc, so, se = dllmap(arg)
        t.check("not a pid %r: usage, exit 2" % arg,
                rc == 2 and ("'%s' is not a pid" % arg) in se, repr(se))

    # A record dllmap cannot read (issue 16): one line naming the file
    # and the problem, exit 1, the kernel's view still printed; --kernel
    # does not read it and exits 0.
    cache = out + "/reccache"
    os.makedirs(cache + "/proc", mode=0o700, exist_ok=True)
    os.chmod(cache, 0o700)
    os.chmod(cache + "/proc", 0o700)
    rec = "%s/proc/%d" % (cache, P.pid)
    env_old = os.environ.get("DLLSHARE_CACHE")
    os.environ["DLLSHARE_CACHE"] = cache
    try:
        for what, make in (
                ("garbage", lambda: open(rec, "wb").write(b"x" * 5000)),
                ("truncated", lambda: open(rec, "wb").write(b"DLDREC1")),
                ("symlink", lambda: os.symlink("/etc/passwd", rec))):
            if os.path.lexists(rec):
                os.unlink(rec)
            make()
            rc, so, se = dllmap(P.pid)
            t.check("%s record: one line naming the file, exit 1" % what,
                    rc == 1 and se.count("\n") == 1 and rec in se and
                    se.startswith("dllmap: pid %d: record " % P.pid),
                    repr(se))
            t.check("%s record: the kernel's view still printed" % what,
                    "probe-e.dll" in so, so[:200])
            rc, so, se = dllmap("--kernel", P.pid)
            t.check("%s record, --kernel: not read, exit 0" % what,
                    rc == 0 and se == "", repr(se))
    finally:
        if os.path.lexists(rec):
            os.unlink(rec)
        if env_old is None:
            del os.environ["DLLSHARE_CACHE"]
        else:
            os.environ["DLLSHARE_CACHE"] = env_old
finally:
    P.stop()
t.finish()
