/* tempnam.c — names for temporary files: _tempnam and _wtempnam in the
 * directory TMP or the argument names, with the prefix; tmpnam and
 * _wtmpnam; tmpfile.  Only what Wine 8 does as Windows documents it is
 * compared: Wine names as GetTempFileName does ("pfxf8e5.tmp", three
 * letters of the prefix; Windows: the prefix and a number), takes TMP
 * even when it is no directory and fails without TMP or dir (Windows
 * falls back to dir, then to "\"); those are the unit tests' (tests/unit,
 * tempnam_documented).  The names are shown by their parts: the
 * directory, whether the file part starts with the prefix, whether such
 * a file exists. */
#include <direct.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void name(const char *what, char *n, const char *prefix)
{
	char *slash;

	if (!n) {
		printf("%s: NULL\n", what);
		return;
	}
	slash = strrchr(n, '\\');
	printf("%s: dir \"%.*s\" prefix %s exists %s\n", what,
	       slash ? (int)(slash - n) : 0, n,
	       !strncmp(slash ? slash + 1 : n, prefix, strlen(prefix)) ? "yes"
								      : "no",
	       _access(n, 0) == 0 ? "yes" : "no");
	free(n);
}

int main(void)
{
	char *a, *b, *t1, buf[32];
	wchar_t *w, wbuf[32];
	FILE *f;

	_mkdir("tdir");
	_putenv("TMP=tdir");
	name("TMP=tdir, dir NULL", _tempnam(NULL, "pf"), "pf");
	name("TMP=tdir, dir nodir", _tempnam("nodir", "pf"), "pf");
	_putenv("TMP=");
	name("no TMP, dir tdir", _tempnam("tdir", "pf"), "pf");
	name("no TMP, dir tdir\\", _tempnam("tdir\\", "q"), "q");
	a = _tempnam("tdir", "ab");
	b = _tempnam("tdir", "ab");
	printf("two calls: %s\n", strcmp(a, b) ? "different" : "the same");
	free(a);
	free(b);
	_putenv("TMP=nodir");
	name("TMP=nodir, dir nodir2", _tempnam("nodir2", "pf"), "pf");
	_putenv("TMP=tdir");
	w = _wtempnam(L"tdir", L"wp");
	printf("_wtempnam: %s\n",
	       w && !wcsncmp(w, L"tdir\\wp", 7) ? "tdir\\wp..." : "other");
	free(w);

	t1 = tmpnam(NULL);
	strcpy(buf, t1);
	printf("tmpnam: starts \\s %s, the first ends in its dot %s, static "
	       "buffer %s\n",
	       !strncmp(buf, "\\s", 2) ? "yes" : "no",
	       buf[strlen(buf) - 1] == '.' ? "yes" : "no",
	       tmpnam(NULL) == t1 ? "yes" : "no");
	printf("tmpnam(buf): %s, differs %s\n",
	       tmpnam(buf) == buf ? "buf" : "other", strcmp(buf, t1) ? "yes"
								   : "no");
	w = _wtmpnam(wbuf);
	printf("_wtmpnam: %s, starts \\s %s\n", w == wbuf ? "buf" : "other",
	       !wcsncmp(wbuf, L"\\s", 2) ? "yes" : "no");

	f = tmpfile();
	if (!f) {
		printf("tmpfile: NULL\n");
		return 1;
	}
	printf("tmpfile: flag %x\n", f->_flag);
	fputs("hello\nworld", f);
	rewind(f);
	printf("read back: %s", fgets(buf, sizeof(buf), f));
	printf("then: %s\n", fgets(buf, sizeof(buf), f));
	printf("fclose %d\n", fclose(f));
	return 0;
}
