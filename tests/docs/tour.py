#!/usr/bin/env python3
"""tour.py ROOT FILE... — runs the README's tour (and the tour steps of
other pages: docs/exceptions.md has one) and checks its output.

Each tour step in the README is a `<!-- tour -->` line, then a ```sh block
(the commands, typed from ROOT), then a ``` block (what they print). The
commands run, line after line, in one bash, as a reader would type them;
a line that starts a command in the background (`... & a=$!`) is taken as
done when that command prints its "holding" line (read from the pipe, as
the reader waits for it on the terminal). Each step passes when every line
of its output block is found, in order, in what its commands printed now
("..." in the block stands for lines left out). Before comparing, both sides
are normalized, so what changes from run to run does not count: runs of
spaces, pids, addresses (hex of 5 digits or more), the directory before
build/, a thread id at the start of dllmap's stack rows, dllmap's "mapped by" column (how many processes map a page depends
on what else runs on the machine), and S against s in page rows (the same).
Ends with "N passed, N failed", one per step.
"""
import os
import re
import select
import signal
import subprocess
import sys
import time

TIMEOUT = 600  # seconds for one command; Wine creates its prefix on first use
MARK = '@@tour-done@@'


def steps(readme):
    lines = open(readme, encoding='utf-8').read().split('\n')
    out, i = [], 0
    while i < len(lines):
        if lines[i].strip() != '<!-- tour -->':
            i += 1
            continue
        blocks, j = [], i + 1
        while len(blocks) < 2 and j < len(lines):
            if lines[j].startswith('```'):
                k = j + 1
                while not lines[k].startswith('```'):
                    k += 1
                blocks.append(lines[j + 1:k])
                j = k
            j += 1
        out.append((i + 1, blocks[0], blocks[1]))
        i = j
    return out


def normalize(line):
    line = line.rstrip('\r').strip()
    line = re.sub(r'\s+', ' ', line)
    line = re.sub(r'0x[0-9a-fA-F]{5,}', '0xADDR', line)
    line = re.sub(r'^pid \d+', 'pid N', line)
    line = re.sub(r'^\d+ (0xADDR-0xADDR)', r'TID \1', line)  # a stack's row
    line = re.sub(r'\S*/build/', 'build/', line)
    f = line.split(' ')
    if len(f) >= 8 and all(re.fullmatch(r'\d+', x) for x in f[-7:-1]) and \
            re.fullmatch(r'\d+(-\d+)?|-', f[-1]):
        line = ' '.join(f[:-1])
    if re.fullmatch(r'[.~sSzPW-]{8,}', line):
        line = line.replace('s', 'S')
    return line


class Shell:
    def __init__(self, root, log):
        self.p = subprocess.Popen(['bash', '--norc', '--noprofile'], cwd=root,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=log, start_new_session=True)
        self.buf = b''
        self.holding = 0  # background commands started so far
        self.seen = 0     # "holding" lines read so far

    def readline(self, deadline):
        while b'\n' not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.p.stdout], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.p.stdout.fileno(), 65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        line, self.buf = self.buf.split(b'\n', 1)
        return line.decode('utf-8', 'replace')

    def run(self, cmd):
        """cmd's output lines (a background one: up to its "holding")."""
        bg = re.search(r'&(\s+\w+=\$!)?\s*$', cmd) is not None
        self.p.stdin.write(('%s\necho %s\n' % (cmd, MARK)).encode())
        self.p.stdin.flush()
        want = self.holding + 1 if bg else self.holding
        out, marked, deadline = [], False, time.monotonic() + TIMEOUT
        while not marked or self.seen < want:
            line = self.readline(deadline)
            if line == MARK:
                marked = True
                continue
            if 'holding' in line:
                self.seen += 1
            out.append(line)
        self.holding = want
        return out

    def close(self):
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.p.wait()


def check(expected, actual):
    """The first expected line not found in order, or None."""
    act = [normalize(a) for a in actual]
    k = 0
    for e in expected:
        n = normalize(e)
        if n in ('', '...'):
            continue
        while k < len(act) and act[k] != n:
            k += 1
        if k == len(act):
            return e
        k += 1
    return None


def run_file(root, readme, log):
    """Runs readme's tour steps in one bash; (passed, failed)."""
    sh = Shell(root, log)
    passed = failed = 0
    try:
        for line, cmds, expected in steps(readme):
            out = []
            try:
                for c in cmds:
                    print('$ ' + c)
                    got = sh.run(c)
                    out += got
                    for g in got:
                        print('  ' + g.rstrip('\r'))
            except (TimeoutError, EOFError) as e:
                print('FAIL %s:%d: the commands did not finish (%s)'
                      % (readme, line, type(e).__name__))
                failed += 1
                break
            missing = check(expected, out)
            if missing is None:
                print('PASS %s:%d: %d lines of output found' %
                      (readme, line, sum(1 for e in expected if e.strip() not in ('', '...'))))
                passed += 1
            else:
                print('FAIL %s:%d: not found (in order): %s' % (readme, line, missing))
                failed += 1
    finally:
        sh.close()
    if not steps(readme):
        print('FAIL %s: no <!-- tour --> step' % readme)
        failed += 1
    return passed, failed


def main():
    root = sys.argv[1]
    log = open(os.path.join(os.environ.get('TOUR_LOG_DIR', '/tmp'), 'tour.stderr'), 'w')
    passed = failed = 0
    for readme in sys.argv[2:]:
        p, f = run_file(root, readme, log)
        passed += p
        failed += f
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
