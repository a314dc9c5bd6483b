/*
 * unimode_streams.c — FILE streams in msvcrt's Unicode modes: fopen,
 * _wfopen, freopen and _fdopen with ", ccs=UTF-8", "ccs=UTF-16LE" and
 * "ccs=UNICODE" (the byte-order mark, the mode the stream's descriptor
 * gets), wide output (fputwc, fputws, fwprintf) and input (fgetwc,
 * fgetws) through them, what narrow output (fputs, fprintf,
 * fputc) does on such a stream, and the encodings msvcrt refuses.
 * wine-test: both-stdio
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static void dump(const char *name)
{
	FILE *f = fopen(name, "rb");
	int c;

	printf("  %s:", name);
	while ((c = fgetc(f)) != EOF)
		printf(" %02x", c);
	printf("\n");
	fclose(f);
}

static void put(const char *name, const char *bytes, int n)
{
	FILE *f = fopen(name, "wb");

	fwrite(bytes, 1, n, f);
	fclose(f);
}

static const char *mname(int m)
{
	return m == _O_WTEXT ? "wtext" : m == _O_TEXT ? "text" : m == _O_BINARY ? "binary" : "?";
}

static void write_with(const char *mode)
{
	FILE *f;
	int r;

	printf("write \"%s\"\n", mode);
	errno = 0;
	f = fopen("w.txt", mode);
	if (!f) {
		printf("  fopen failed errno %d\n", errno);
		return;
	}
	r = fputws(L"h\u00e9\n", f);
	printf("  fputws %d", r);
	r = fputwc(L'\u20ac', f);
	printf(" fputwc %x", r);
	r = fwprintf(f, L"%d %ls %s|\n", 42, L"w\u00e9", "nar");
	printf(" fwprintf %d\n", r);
	fflush(f);
	errno = 0;
	r = fputs("odd", f);
	printf("  fputs odd %d", r);
	r = fflush(f);
	printf(" flush %d errno %d err %d", r, errno, ferror(f) != 0);
	clearerr(f);
	errno = 0;
	r = fputs("even", f);
	printf("; fputs even %d", r);
	r = fflush(f);
	printf(" flush %d errno %d err %d", r, errno, ferror(f) != 0);
	clearerr(f);
	errno = 0;
	r = fprintf(f, "%d", 7);
	printf("; fprintf %d", r);
	r = fflush(f);
	printf(" flush %d errno %d err %d", r, errno, ferror(f) != 0);
	clearerr(f);
	errno = 0;
	r = fputc('c', f);
	printf("; fputc %d", r);
	r = fflush(f);
	printf(" flush %d errno %d\n", r, errno);
	clearerr(f);
	printf("  mode %s\n", mname(_setmode(_fileno(f), _O_BINARY)));
	fclose(f);
	dump("w.txt");
}

static void read_with(const char *what, const char *bytes, int n, const char *mode)
{
	wchar_t line[32];
	FILE *f;
	wint_t c;

	printf("read %s \"%s\"\n", what, mode);
	put("r.txt", bytes, n);
	errno = 0;
	f = fopen("r.txt", mode);
	if (!f) {
		printf("  fopen failed errno %d\n", errno);
		return;
	}
	c = fgetwc(f);
	printf("  fgetwc %x;", c);
	while (fgetws(line, 32, f)) {
		printf(" line");
		for (wchar_t *p = line; *p; p++)
			printf(" %x", *p);
		printf(";");
	}
	printf(" eof %d\n", feof(f) != 0);
	printf("  mode %s\n", mname(_setmode(_fileno(f), _O_TEXT)));
	fclose(f);
}

static const char u8[] = "\xef\xbb\xbfh\xc3\xa9\r\nz\xe2\x82\xac\r\n\x1a" "after";
static const char u16[] = "\xff\xfeh\0\xe9\0\r\0\n\0z\0\xac\x20\x1a\0q\0";
static const char plain[] = "pl\r\nain\xe9";

int main(void)
{
	const char *wmodes[] = {"w, ccs=UTF-8", "w,ccs=UTF-16LE", "w, ccs=UNICODE",
				"wb, ccs=UTF-8", "w+, ccs=utf-8", "w,ccs = unicode",
				"w, ccs=UTF-32", "w, ccs=", "w, xyz=UTF-8", "w, ccs=UTF-8x"};
	const char *rmodes[] = {"r, ccs=UTF-8", "r, ccs=UTF-16LE", "r, ccs=UNICODE", "rb, ccs=UNICODE"};
	FILE *f;
	int fd, r;
	wchar_t w[16];

	for (unsigned i = 0; i < sizeof wmodes / sizeof *wmodes; i++)
		write_with(wmodes[i]);
	for (unsigned i = 0; i < sizeof rmodes / sizeof *rmodes; i++) {
		read_with("u8", u8, sizeof u8 - 1, rmodes[i]);
		read_with("u16", u16, sizeof u16 - 1, rmodes[i]);
		read_with("plain", plain, sizeof plain - 1, rmodes[i]);
	}

	printf("append\n");
	put("a.txt", u8, 9);
	f = fopen("a.txt", "a, ccs=UNICODE");
	fputws(L"\u00e9\n", f);
	fclose(f);
	dump("a.txt");
	put("a.txt", "", 0);
	f = fopen("a.txt", "a+, ccs=UTF-16LE");
	fputws(L"\u00e9\n", f);
	fclose(f);
	dump("a.txt");

	printf("_wfopen\n");
	f = _wfopen(L"wf.txt", L"w, ccs=UTF-16LE");
	fwprintf(f, L"%ls\n", L"\u00e9");
	fclose(f);
	dump("wf.txt");
	f = _wfopen(L"wf.txt", L"r, ccs=UTF-8");
	w[0] = 0;
	printf("  fgetws %d", fgetws(w, 16, f) == w);
	printf(" %x %x\n", w[0], w[1]);
	fclose(f);

	printf("freopen\n");
	f = fopen("fr.txt", "w");
	f = freopen("fr.txt", "w, ccs=UTF-8", f);
	fputws(L"\u00e9\n", f);
	fclose(f);
	dump("fr.txt");
	f = fopen("fr.txt", "r");
	errno = 0;
	f = freopen("fr.txt", "r, ccs=bogus", f);
	printf("  bogus %p errno %d\n", (void *)f, errno);

	printf("_fdopen\n");
	fd = _open("fd.txt", _O_WRONLY | _O_CREAT | _O_TRUNC, 0600);
	f = _fdopen(fd, "w, ccs=UTF-8");
	printf("  %s", f ? "ok" : "failed");
	if (f) {
		fputws(L"\u00e9\n", f);
		printf(" mode %s\n", mname(_setmode(fd, _O_TEXT)));
		fclose(f);
	}
	dump("fd.txt");
	fd = _open("fd.txt", _O_RDONLY);
	errno = 0;
	f = _fdopen(fd, "r, ccs=nope");
	printf("  nope %s errno %d\n", f ? "ok" : "failed", errno);
	_close(fd);

	printf("binary stream\n");
	f = fopen("b.txt", "wb");
	fputwc(L'\u00e9', f);
	fputws(L"a\n", f);
	fwprintf(f, L"%d", 5);
	fclose(f);
	dump("b.txt");
	f = fopen("b.txt", "rb");
	r = fgetwc(f);
	printf("  fgetwc %x\n", r);
	fclose(f);
	return 0;
}
