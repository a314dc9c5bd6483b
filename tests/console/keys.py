#!/usr/bin/env python3
"""keys.py DLLSHARE EXE WINEPREFIX — console input typed in tmux (test-console).

Runs tests/console/keys.c's program in a tmux pane, its stdout to a file,
under Wine and under dllshare, types each step's keys (tmux send-keys -H:
the bytes a terminal sends) when the program says it is ready, and
compares the two outputs line by line: key records, ReadConsole's line
editing and raw reads, _getch's codes, _kbhit, _cgets.  Then checks what
only dllshare's side shows: the pane (echo of the lines edited, _cputs,
_cprintf, _putch) and the terminal restored.  Without tmux or Wine the
test is skipped, saying so.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from tally import check, finish

dllshare, exe, prefix = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]

# Each step: the marker the program prints, then what to type; "wait:X"
# waits for X in the output before the next keys.
STEPS = [
    ("ready1", ["61", "41", "1b 5b 41", "1b 5b 31 3b 35 41", "01", "c3 a9",
                "1b 5b 33 7e", "1b 4f 50", "1b 5b 5a", "1b 61", "71"]),
    ("ready2", ["68", "69", "78", "7f", "1b 5b 44", "5a", "0d"]),
    ("ready3", ["61", "62", "1b 5b 48", "1b 5b 33 7e", "1b 5b 46", "c3 a9",
                "e2 82 ac", "0d"]),
    ("ready4", ["61 62 63 64 65 66", "0d"]),
    ("ready14", ["1b 5b 41", "1b 5b 41", "0d", "1b 5b 41", "1b 5b 42", "6e",
                 "0d"]),
    ("ready15", ["63", "09", "78 79", "1b 5b 44", "09", "71", "0d", "6b",
                 "04", "7f", "7f", "09"]),
    ("ready5", ["78", "wait:raw:", "c3 a9", "0d"]),
    ("ready6", ["6b", "1b 5b 41", "1b 5b 31 3b 35 43"]),
    ("ready7", ["1b 5b 41", "wait:_kbhit after Up", "7a"]),
    ("ready8", ["61 62"]),
    ("ready9", ["6c 65 6e 67 74 68 79", "0d"]),
    ("ready16", ["34 32 20 78", "65"]),
    ("ready11", ["61 62", "03", "63", "0d"]),
    ("ready12", ["6b", "wait:_getch 107", "78 79", "0d",
                 "wait:ReadFile", "6c 6d", "0d"]),
    ("ready13", ["72"]),
    ("ready10", ["1b 4f 50", "03"]),
]


def wait_for(path, text, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                if text in f.read():
                    return True
        except FileNotFoundError:
            pass
        time.sleep(0.1)
    return False


def run(tag, cmd, tmp):
    # A server of our own for each run: the user's tmux sessions are not
    # touched, and the second run does not meet the first's server while
    # it is still going away.
    TMUX = ["tmux", "-L", "dllshare-keys-%d-%s" % (os.getpid(), tag)]
    out = os.path.join(tmp, tag + ".out")
    session = "keys-" + tag
    shell = ("%s > %s 2>/dev/null; e=$?; stty -a > %s.stty; "
             "echo exit $e >> %s; sleep 30" % (cmd, out, out, out))
    subprocess.run(TMUX + ["new-session", "-d", "-s", session, "-x", "100",
                    "-y", "40", shell], check=True)
    try:
        for marker, keys in STEPS:
            if not wait_for(out, marker):
                print("%s: no %s" % (tag, marker))
                break
            for k in keys:
                if k.startswith("wait:"):
                    wait_for(out, k[5:])
                    continue
                subprocess.run(TMUX + ["send-keys", "-t", session, "-H"]
                               + k.split(), check=True)
                time.sleep(0.3)
        wait_for(out, "exit ")
        pane = subprocess.run(TMUX + ["capture-pane", "-p", "-t", session],
                              capture_output=True, text=True).stdout
    finally:
        subprocess.run(TMUX + ["kill-server"], capture_output=True)
    with open(out, encoding="utf-8", errors="replace") as f:
        text = f.read().replace("\r\n", "\n")
    try:
        with open(out + ".stty") as f:
            stty = f.read().split()
    except FileNotFoundError:
        stty = []
    return text, pane, stty


if not shutil.which("tmux") or not shutil.which("wine"):
    print("keys: skipped (needs tmux and wine)")
    sys.exit(0)


with tempfile.TemporaryDirectory() as tmp:
    wine_cmd = ("env WINEPREFIX=%s WINEDEBUG=-all "
                "WINEDLLOVERRIDES=winedbg.exe=d wine %s" % (prefix, exe))
    wine, _, _ = run("wine", wine_cmd, tmp)
    ours, pane, stty = run("dllshare", "%s run %s" % (dllshare, exe), tmp)
# The mode line differs by design: Wine's console starts in code page
# 437, dllshare's in 65001 (both are set to 437 before anything is read).
# Both are compared up to "done": what follows is where Wine 8 differs
# from Windows (_getch skips F1; Ctrl-C ends the process).
def upto_done(text):
    lines = [l for l in text.splitlines() if not l.startswith("mode 1f7")]
    return lines[:lines.index("done") + 1] if "done" in lines else lines


wl, ol = upto_done(wine), upto_done(ours)
print(ours, end="")
same = wl == ol
if not same:
    import difflib
    print("".join(difflib.unified_diff([l + "\n" for l in wl],
                                       [l + "\n" for l in ol], "wine",
                                       "dllshare")))
check("the same output as Wine's, key by key", same)
check("exit 0", "exit 0" in ours)
check("ReadConsoleA edits the line",
      "ReadConsoleA line: 1 5: 68 5a 69 0d 0a" in ours)
check("_getch: F1 is 0 59 and Ctrl-C 3, as on Windows",
      "ready10\n_getch 0\n_getch 59\n_getch 3\nexit 0" in ours)
check("the line edited was echoed", "hZi" in pane and "b\u00e9\u20ac" in pane)
check("_cputs, _cprintf, _putch on the screen",
      "cputs" in pane and "cprintf 42" in pane and "!" in pane)
check("the terminal as it was after the program",
      all(f in stty for f in ("icanon", "echo", "isig", "icrnl")))
finish("keys")
