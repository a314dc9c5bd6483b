/*
 * unimode_stdio.c — msvcrt's Unicode modes set by _setmode on any
 * descriptor: stdin (a file) read in _O_U8TEXT through fgetws, a pipe's
 * read end in _O_U16TEXT and _O_U8TEXT read by _read in small and large
 * pieces ("\r\n" cut between two reads, a character cut between two
 * reads, Ctrl-Z, an odd count), a file opened for reading only, and
 * stdout in _O_U16TEXT and _O_U8TEXT through wprintf, putwchar, _putws,
 * fputws and fputc (the bytes that reach the pipe).
 * wine-test: both-stdio
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static const char *mname(int m)
{
	return m == _O_WTEXT ? "wtext" : m == _O_TEXT ? "text" : m == _O_BINARY ? "binary" : "?";
}

static void show(const char *what, const void *buf, int n)
{
	const unsigned char *b = buf;

	printf("  %s %d:", what, n);
	for (int i = 0; i < n; i++)
		printf(" %02x", b[i]);
	printf("\n");
}

/* Reads all of a pipe fed bytes in mode, count bytes a _read. */
static void pipe_read(const char *what, const char *bytes, int n, int mode, unsigned count)
{
	int fds[2], r, e;
	char buf[64];

	printf("pipe %s count %u\n", what, count);
	_pipe(fds, 256, _O_BINARY);
	_write(fds[1], bytes, n);
	_close(fds[1]);
	printf("  old %s\n", mname(_setmode(fds[0], mode)));
	do {
		errno = 0;
		r = _read(fds[0], buf, count);
		e = errno;
		show("read", buf, r < 0 ? 0 : r);
		if (r < 0)
			printf("  errno %d\n", e);
	} while (r > 0);
	_close(fds[0]);
}

static void file_read(const char *what, const char *bytes, int n, int mode, unsigned count)
{
	FILE *f = fopen("in.txt", "wb");
	char buf[64];
	int fd, r;

	printf("file %s count %u\n", what, count);
	fwrite(bytes, 1, n, f);
	fclose(f);
	fd = _open("in.txt", _O_RDONLY);
	printf("  old %s\n", mname(_setmode(fd, mode)));
	do {
		r = _read(fd, buf, count);
		show("read", buf, r < 0 ? 0 : r);
		if (r < 0)
			printf("  errno %d\n", errno);
	} while (r > 0);
	printf("  eof %d tell %ld\n", _eof(fd), _tell(fd));
	_close(fd);
}

static const char u16[] = "a\0\r\0\n\0b\0\r\0\r\0\n\0\xe9\0\r\0c\0\x1a\0z\0";
static const char u8[] = "a\r\nb\xc3\xa9\xe2\x82\xac\r\r\n\xf0\x9f\x98\x80x\r\n\x1az";

int main(void)
{
	wchar_t line[64];
	int old, r;

	/* stdin, a file, in UTF-8. */
	old = _setmode(0, _O_U8TEXT);
	printf("stdin old %s\n", mname(old));
	while (fgetws(line, 64, stdin)) {
		printf("  line");
		for (wchar_t *p = line; *p; p++)
			printf(" %x", *p);
		printf("\n");
	}
	printf("  eof %d\n", feof(stdin) != 0);

	pipe_read("u16", u16, sizeof u16 - 1, _O_U16TEXT, 64);
	pipe_read("u16", u16, sizeof u16 - 1, _O_U16TEXT, 4);
	pipe_read("u16", u16, sizeof u16 - 1, _O_U16TEXT, 5);
	pipe_read("u16 odd", u16, sizeof u16 - 2, _O_U16TEXT, 64);
	pipe_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 64);
	pipe_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 8);
	pipe_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 10);
	pipe_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 2);
	pipe_read("u8 wtext", u8, sizeof u8 - 1, _O_WTEXT, 64);
	file_read("u16", u16, sizeof u16 - 1, _O_U16TEXT, 64);
	file_read("u16", u16, sizeof u16 - 1, _O_U16TEXT, 4);
	file_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 64);
	file_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 8);
	file_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 10);
	file_read("u8", u8, sizeof u8 - 1, _O_U8TEXT, 2);
	remove("in.txt");
	fflush(stdout);

	/* stdout, a pipe, in each mode. */
	old = _setmode(1, _O_U16TEXT);
	r = wprintf(L"u16 %d \u00e9\n", 1);
	putwchar(L'\u20ac');
	putwchar(L'\n');
	_putws(L"putws");
	fputws(L"fputws\n", stdout);
	fflush(stdout);
	old = _setmode(1, _O_U8TEXT);
	wprintf(L"u8 %d %ls old %d r %d\n", 2, L"\u00e9\U0001F600", old == _O_WTEXT, r);
	putwchar(L'\u20ac');
	putwchar(L'\n');
	_putws(L"putws");
	fputws(L"lone \xd800.\n", stdout);
	fflush(stdout);
	errno = 0;
	r = fputc('x', stdout);
	r = fflush(stdout);
	old = _setmode(1, _O_TEXT);
	printf("fputc flush %d errno %d old %s\n", r, errno, mname(old));
	return 0;
}
