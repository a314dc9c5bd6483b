#!/usr/bin/env python3
"""ctrlc.py DLLSHARE EXE WINEPREFIX — Ctrl-C as SIGINT (test-console).

Runs tests/console/ctrlc.c's program in each mode under Wine and under
dllshare, with pipes for its standard handles: once it says "ready" the
harness sends it SIGINT, waits for what the handlers print (or for the
end of the process, when nothing takes the event), then sends one line
and closes its input.  The two outputs and exit statuses must be the
same, and dllshare's what this file expects (so that a Wine that
differs is seen).  Without Wine the comparison is skipped, saying so.
"""
import os
import select
import shutil
import signal
import subprocess
import sys

from tally import check, finish

dllshare, exe = sys.argv[1], os.path.abspath(sys.argv[2])
prefix = os.path.abspath(sys.argv[3])

# mode: (what to wait for after SIGINT, or None to wait for the end;
#        the whole expected output; the exit status)
MODES = {
    "none": (None, "ready\n", 0),
    "break": (None, "ready\n", 0),
    "removed": (None, "ready\n", 0),
    "sig": ("handler got 2\n",
            "ready\nctrl 0\nhandler got 2\nline x\n"
            "the handler thread ended\neof; SIGINT handler kept\n", 0),
    "take": ("ctrl 0, taken\n",
             "ready\nctrl 0, taken\nline x\nthe handler thread ended\n"
             "eof; SIGINT handler kept\n", 0),
    "ign": ("ctrl 0\n",
            "ready\nctrl 0\nline x\nthe handler thread ended\n"
            "eof; SIGINT handler SIG_IGN\n", 0),
    "null": ("", "ready\nline x\neof; SIGINT handler SIG_DFL\n", 0),
}


def read_until(fd, marker, out, timeout=30):
    """Reads until marker is in out (None: until EOF)."""
    while marker is None or marker.encode() not in out.replace(b"\r", b""):
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        out += chunk
    return out


def run(cmd, mode):
    wait_for, _, _ = MODES[mode]
    p = subprocess.Popen(cmd + [mode], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    fd = p.stdout.fileno()
    out = read_until(fd, "ready\n", b"")
    if b"ready\r\n" in out:
        p.send_signal(signal.SIGINT)
        out = read_until(fd, wait_for, out)
        if wait_for is not None:
            try:
                p.stdin.write(b"x\n")
                p.stdin.close()
            except BrokenPipeError:
                pass
            out = read_until(fd, None, out)
    try:
        status = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        status = "timeout"
    return out.decode(errors="replace").replace("\r\n", "\n"), status


have_wine = shutil.which("wine") is not None
if not have_wine:
    print("skip: no wine, dllshare checked against this file only")
env_wine = ["env", "WINEPREFIX=" + prefix, "WINEDEBUG=-all",
            "WINEDLLOVERRIDES=winedbg.exe=d", "wine", exe]
for mode, (_, expect, code) in MODES.items():
    ours = run([dllshare, "run", exe], mode)
    check("%s: dllshare prints %r, exit %s" % (mode, expect, code),
          ours == (expect, code))
    if ours != (expect, code):
        print("   dllshare: %r" % (ours,))
    if have_wine:
        wine = run(env_wine, mode)
        check("%s: the same as Wine" % mode, wine == ours)
        if wine != ours:
            print("   wine: %r" % (wine,))
finish("ctrlc")
