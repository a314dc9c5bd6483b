#!/usr/bin/env python3
"""links.py ROOT PENDING FILE.md... — every relative link of each file
reaches an existing file, and every #anchor a heading of its target.

A link is [text](target) or ![alt](target) outside code (fences and
`spans`); http(s):, mailto: and the like are not ours to check. An anchor
is checked against the GitHub slugs of the target's headings (lower case,
punctuation dropped, spaces to '-', repeats numbered -1, -2). PENDING
lists files that another branch adds (one path a line, then why): a link
to one of them is reported as pending, not failed. Ends with
"N passed, N failed", one per link.
"""
import os
import re
import sys

LINK = re.compile(r'!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^()\s]+)(?:\s+"[^"]*")?\)')


def strip_code(text):
    """The text without fenced blocks and inline code, line count kept."""
    out, fence = [], False
    for line in text.split('\n'):
        if line.lstrip().startswith('```'):
            fence = not fence
            out.append('')
            continue
        out.append('' if fence else re.sub(r'`[^`]*`', '', line))
    return out


def slugs(path):
    """The GitHub anchors of path's headings."""
    seen, result = {}, set()
    for line in strip_code_keep_headings(path):
        m = re.match(r'#{1,6}\s+(.*?)\s*#*\s*$', line)
        if not m:
            continue
        s = m.group(1).strip().lower().replace('`', '')
        s = re.sub(r'[^\w\- ]', '', s).replace(' ', '-')
        n = seen.get(s, 0)
        seen[s] = n + 1
        result.add(s if n == 0 else '%s-%d' % (s, n))
    return result


def strip_code_keep_headings(path):
    out, fence = [], False
    for line in open(path, encoding='utf-8').read().split('\n'):
        if line.lstrip().startswith('```'):
            fence = not fence
            continue
        if not fence:
            out.append(line)
    return out


def main():
    root, pending_file, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    pending = {}
    for line in open(pending_file, encoding='utf-8'):
        if line.strip() and not line.startswith('#'):
            p, _, why = line.strip().partition(' ')
            pending[os.path.normpath(p)] = why.strip()
    passed = failed = 0
    for f in files:
        for n, line in enumerate(strip_code(open(f, encoding='utf-8').read()), 1):
            for target in LINK.findall(line):
                if re.match(r'[a-z][a-z0-9+.-]*:', target):
                    continue
                path, _, anchor = target.partition('#')
                dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
                rel = os.path.relpath(dest, root)
                where = '%s:%d: %s' % (f, n, target)
                if not os.path.exists(dest):
                    if rel in pending:
                        print('PENDING %s (%s)' % (where, pending[rel]))
                        passed += 1
                        continue
                    print('FAIL %s: no such file %s' % (where, rel))
                    failed += 1
                    continue
                if anchor and dest.endswith('.md') and anchor not in slugs(dest):
                    print('FAIL %s: %s has no heading for #%s' % (where, rel, anchor))
                    failed += 1
                    continue
                passed += 1
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
