#!/usr/bin/env python3
"""run.py DLLSHARE EXE — console modes on a real terminal (test-console).

Runs tests/console/modes.c's program under dllshare on a pseudo-terminal:
with ENABLE_ECHO_INPUT off the line typed is read but not echoed; the
modes read back are the ones set; undefined bits fail with
ERROR_INVALID_PARAMETER; WriteConsoleA converts from the output code
page (1252) to the terminal's UTF-8, and so do WriteFile (850, and
932 with a character cut between two writes) and msvcrt's printf and
_write (850);
ReadFile converts the terminal's UTF-8 to the input code page (850),
byte by byte; the terminal's echo is back when the program has ended.
"""
import os
import pty
import select
import subprocess
import sys
import termios

from tally import check, finish

dllshare, exe = sys.argv[1], sys.argv[2]


def read_until(fd, marker, out):
    while marker not in out:
        r, _, _ = select.select([fd], [], [], 30)
        if not r:
            break
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


master, slave = pty.openpty()
attrs = termios.tcgetattr(slave)
attrs[3] |= termios.ECHO | termios.ICANON | termios.ISIG
termios.tcsetattr(slave, termios.TCSANOW, attrs)
proc = subprocess.Popen([dllshare, "run", exe], stdin=slave, stdout=slave,
                        stderr=slave, close_fds=True)
out = read_until(master, b"ready", b"")
os.write(master, b"secret\n")
out = read_until(master, b"ready2", out)
os.write(master, "n\u00e9e \u20ac\u00a9\n".encode())
out = read_until(master, b"read 850:", out)
proc.wait(timeout=30)
try:
    while select.select([master], [], [], 0.2)[0]:
        chunk = os.read(master, 4096)
        if not chunk:
            break
        out += chunk
except OSError:
    pass
text = out.decode("utf-8", "replace").replace("\r\n", "\n")
print(text, end="")
check("exit 0", proc.returncode == 0)
check("default input mode", "input mode: 1 0x1f7" in text)
check("default output mode", "output mode: 1 0x3" in text)
check("input mode set", "set input 0x3: 1 error 0" in text
      and "input mode: 1 0x3\n" in text)
check("undefined input bit refused", "set input 0x10000: 0 error 87" in text)
check("output mode set", "set output 0x7: 1 error 0" in text
      and "output mode: 1 0x7" in text)
check("undefined output bit refused", "set output 0x100: 0 error 87" in text)
check("the line was read", "got [secret]" in text)
check("echo off: the line was not echoed", text.count("secret") == 1)
check("output code page", "SetConsoleOutputCP(1252): 1, now 1252" in text)
check("WriteConsoleA converts from 1252", "caf\u00e9 \u20ac\n" in text
      and "wrote 7" in text)
check("WriteFile converts from 850",
      "\u00e9t\u00e9 \u00a9\nWriteFile 850: 6" in text)
check("msvcrt's printf and _write convert from 850",
      "printf \u00e9t\u00e9\r\n_write \u00a9\r\n" in text)
check("WriteFile converts from UTF-7",
      "SetConsoleOutputCP(65000): 1 error 0\nUTF-7 \u00e9t\u00e9\n" in text)
check("WriteFile converts from 932, a character cut between writes",
      "\u65e5\u672c\nSetConsoleOutputCP(932): 1" in text)
check("input code page", "SetConsoleCP(850): 1, now 850" in text)
check("ReadFile converts to 850", "read 850: 6e 82 65 20 3f b8 0a" in text)
check("echo restored at exit",
      termios.tcgetattr(slave)[3] & termios.ECHO != 0)
finish("console")
