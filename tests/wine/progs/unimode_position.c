/*
 * unimode_position.c — streams in msvcrt's Unicode modes moved about:
 * ftell while writing and reading (msvcrt's own reckoning, which counts
 * the buffered UTF-16 as narrow text and is not the file's place, even
 * below zero), rewind (the mark read again as U+FEFF), ungetwc, fseek
 * to the end, "a+" read back; _dup and _dup2 of a Unicode descriptor
 * (narrow text again); narrow fgetc on a Unicode stream; _setmode of a
 * stream's descriptor to _O_U8TEXT after fopen.
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
int main(void)
{
	wchar_t line[32];
	FILE *f = fopen("m.txt", "w, ccs=UTF-16LE");
	int fd, d, c;
	fputws(L"one\ntwo\nthree\n", f);
	printf("tell w %ld\n", ftell(f));
	fclose(f);
	f = fopen("m.txt", "r, ccs=UTF-16LE");
	fgetws(line, 32, f);
	printf("tell r %ld\n", ftell(f));
	rewind(f);
	c = fgetwc(f);
	printf("after rewind %x\n", c);
	printf("ungetwc %x\n", ungetwc(c, f));
	printf("again %x\n", fgetwc(f));
	fseek(f, 0, SEEK_END);
	printf("end fgetwc %x eof %d\n", fgetwc(f), feof(f) != 0);
	rewind(f);
	printf("rewound %x", fgetwc(f));
	printf(" %x", fgetwc(f));
	fseek(f, 2, SEEK_CUR);
	printf(" cur+2 %x", fgetwc(f));
	printf(" tell %ld\n", ftell(f));
	fclose(f);
	fd = _open("m.txt", _O_WRONLY | _O_APPEND | _O_U16TEXT);
	d = _dup(fd);
	printf("dup mode %d\n", _setmode(d, _O_TEXT) == _O_WTEXT);
	_dup2(fd, d);
	printf("dup2 mode %d\n", _setmode(d, _O_TEXT) == _O_WTEXT);
	_close(d);
	_close(fd);
	f = fopen("m.txt", "a+, ccs=UNICODE");
	fputws(L"x\n", f);
	fseek(f, 0, SEEK_SET);
	printf("a+ read %x\n", fgetwc(f));
	fclose(f);
	dump("m.txt");
	f = fopen("m.txt", "r, ccs=UNICODE");
	printf("fgetc %x %x\n", fgetc(f), fgetc(f));
	printf("fgets %s\n", fgets((char *)line, 8, f) ? "ok" : "none");
	fclose(f);
	f = fopen("m.txt", "w");
	_setmode(_fileno(f), _O_U8TEXT);
	fwprintf(f, L"%ls\n", L"\u00e9");
	fclose(f);
	dump("m.txt");
	f = fopen("big.txt", "w, ccs=UTF-8");
	for (int i = 0; i < 700; i++)
		fwprintf(f, L"%d \u00e9\n", i);
	printf("big tell w %ld\n", ftell(f));
	fclose(f);
	f = fopen("big.txt", "r, ccs=UTF-8");
	for (int i = 0; i < 3; i++) {
		fgetws(line, 32, f);
		printf("big tell r %ld\n", ftell(f));
	}
	for (int i = 0; i < 600; i++)
		fgetws(line, 32, f);
	printf("big tell r %ld\n", ftell(f));
	fclose(f);
	f = fopen("big.txt", "r, ccs=UNICODE");
	fgetws(line, 32, f);
	printf("big16 tell r %ld\n", ftell(f));
	fclose(f);
	return 0;
}
