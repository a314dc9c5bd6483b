/*
 * unimode_misc.c — more of msvcrt's Unicode modes: bytes that are not
 * UTF-8 read as U+FFFD, a stream opened "r+, ccs=UNICODE" written after
 * a read, _sopen with _SH_DENYRW and _wsopen in a Unicode mode,
 * _O_TEMPORARY with _O_U8TEXT read back (its mark as U+FEFF), mingw's
 * own fwscanf (through fgetwc and ungetwc) on UTF-8 and UTF-16 files, and
 * stdout reopened by freopen with an encoding (the last thing it does:
 * what it writes goes to the file, which nobody prints).
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
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
int main(void)
{
	wchar_t line[32];
	FILE *f;
	int fd, r;
	char b[32];

	put("bad.txt", "a\xff" "b\xc3(\r\nz", 8);
	f = fopen("bad.txt", "r, ccs=UTF-8");
	while (fgetws(line, 32, f)) {
		for (wchar_t *p = line; *p; p++)
			printf(" %x", *p);
		printf(";");
	}
	printf(" err %d eof %d\n", ferror(f) != 0, feof(f) != 0);
	fclose(f);

	put("rw.txt", "\xef\xbb\xbf" "abc\r\ndef\r\n", 13);
	f = fopen("rw.txt", "r+, ccs=UNICODE");
	printf("fgetwc %x\n", fgetwc(f));
	fseek(f, 0, SEEK_CUR);
	fputws(L"X\n", f);
	fclose(f);
	dump("rw.txt");

	f = fopen("so.txt", "w");
	fclose(f);
	fd = _sopen("so.txt", _O_WRONLY | _O_U16TEXT, _SH_DENYRW);
	printf("sopen %d\n", fd > 2);
	r = _write(fd, L"s\n", 4);
	printf("write %d\n", r);
	_close(fd);
	dump("so.txt");
	fd = _wsopen(L"so.txt", _O_RDONLY | _O_WTEXT, _SH_DENYNO);
	r = _read(fd, b, 32);
	printf("wsopen read %d %x\n", r, b[0]);
	_close(fd);

	fd = _open("tmp.txt", _O_RDWR | _O_CREAT | _O_TEMPORARY | _O_U8TEXT, 0600);
	_write(fd, L"t\n", 4);
	_lseek(fd, 0, SEEK_SET);
	r = _read(fd, b, 32);
	printf("temp read %d:", r);
	for (int i = 0; i < r; i++)
		printf(" %02x", (unsigned char)b[i]);
	printf("\n");
	_close(fd);
	printf("gone %d\n", _access("tmp.txt", 0) != 0);

	/* mingw's own fwscanf reads through fgetwc and ungetwc. */
	for (int i = 0; i < 2; i++) {
		double d = 0;
		int n = 0;

		f = fopen("sc.txt", i ? "w, ccs=UTF-16LE" : "w, ccs=UTF-8");
		fputws(L"12 h\u00e9llo 3.5\nnext", f);
		fclose(f);
		f = fopen("sc.txt", "r, ccs=UNICODE");
		line[0] = 0;
		r = fwscanf(f, L"%d %ls %lf", &n, line, &d);
		printf("fwscanf %d: %d %x %x %g", r, n, line[0], line[1], d);
		printf(" then %x\n", fgetwc(f));
		fclose(f);
	}

	f = freopen("fo.txt", "w, ccs=UTF-8", stdout);
	wprintf(L"to file \u00e9\n");
	fputws(L"more\n", stdout);
	fclose(stdout);
	return 0;
}
