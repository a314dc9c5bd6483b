"""tally.py — what the console test scripts share: check() prints one
"ok:" or "FAIL:" line and counts it, finish(NAME) prints the summary
line and exits with the status."""
import sys

passed = failed = 0


def check(what, ok):
    global passed, failed
    if ok:
        passed += 1
        print("ok:", what)
    else:
        failed += 1
        print("FAIL:", what)


def finish(name):
    print("%s: %d passed, %d failed" % (name, passed, failed))
    sys.exit(1 if failed else 0)
