/*
 * unimode_files.c — msvcrt's Unicode modes on descriptors (_open,
 * _wopen, _sopen with _O_WTEXT, _O_U16TEXT, _O_U8TEXT): the byte-order
 * mark written on creation and on an empty file, read and skipped (and
 * the mode it decides) on an existing one, appending; _write taking
 * UTF-16 ("\n" as "\r\n", UTF-8 for _O_U8TEXT, an odd count refused);
 * _read giving UTF-16 (CR LF as LF, Ctrl-Z ending, UTF-8 converted);
 * UTF-8 written in msvcrt's batches.
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
	FILE *f;

	if (n < 0) {
		remove(name);
		return;
	}
	f = fopen(name, "wb");
	fwrite(bytes, 1, n, f);
	fclose(f);
}

static void show(const char *what, const void *buf, int n)
{
	const unsigned char *b = buf;

	printf("  %s %d:", what, n);
	for (int i = 0; i < n; i++)
		printf(" %02x", b[i]);
	printf("\n");
}

static const char *mname(int m)
{
	return m == _O_WTEXT ? "wtext" : m == _O_U16TEXT ? "u16" : m == _O_U8TEXT ? "u8"
		: m == _O_TEXT ? "text" : m == _O_BINARY ? "binary" : "?";
}

/* Creates with each mode and writes UTF-16. */
static void create(int mode)
{
	int fd, r, e;

	printf("create %s\n", mname(mode));
	fd = _open("c.txt", _O_WRONLY | _O_CREAT | _O_TRUNC | mode, _S_IREAD | _S_IWRITE);
	r = _write(fd, L"a\n\u00e9\u20ac\U0001F600\r\n", 16);
	errno = 0;
	e = _write(fd, "odd", 3);
	printf("  write %d, odd %d errno %d, mode %s\n", r, e, errno,
	       mname(_setmode(fd, _O_BINARY)));
	_close(fd);
	dump("c.txt");
}

/* Opens an existing file (contents given) with flags and a mode. */
static void reopen(const char *what, const char *bytes, int n, int flags, int mode)
{
	char buf[64];
	int fd, r;

	printf("%s %s\n", what, mname(mode));
	put("e.txt", bytes, n);
	fd = _open("e.txt", flags | mode, _S_IREAD | _S_IWRITE);
	if (fd < 0) {
		printf("  open failed errno %d\n", errno);
		return;
	}
	printf("  tell %ld\n", _tell(fd));
	if ((flags & 3) != _O_WRONLY) {
		r = _read(fd, buf, sizeof buf);
		show("read", buf, r);
	}
	if ((flags & 3) != _O_RDONLY) {
		r = _write(fd, L"x\n", 4);
		printf("  write %d\n", r);
	}
	printf("  mode %s\n", mname(_setmode(fd, _O_BINARY)));
	_close(fd);
	dump("e.txt");
}

/* msvcrt converts UTF-16 to UTF-8 in batches of about 255 units: a
 * surrogate pair cut by a batch's end is two U+FFFD.  Which bytes are
 * not ASCII, and where. */
static void batches(void)
{
	wchar_t w[600];
	int fd, n = 0, c;
	FILE *f;

	for (int k = 0; k < 254; k++)
		w[n++] = L'a';
	w[n++] = 0xd83d;
	w[n++] = 0xde00;
	for (int k = 0; k < 300; k++)
		w[n++] = k % 50 == 0 ? L'\n' : k == 120 ? 0xd83d : k == 121 ? 0xde00 : L'b';
	fd = _open("ch.txt", _O_WRONLY | _O_CREAT | _O_TRUNC | _O_U8TEXT, 0600);
	printf("batches: write %d\n ", _write(fd, w, n * 2));
	_close(fd);
	f = fopen("ch.txt", "rb");
	n = 0;
	while ((c = fgetc(f)) != EOF) {
		if (c >= 0x80)
			printf(" %d:%02x", n, c);
		n++;
	}
	printf("\n  size %d\n", n);
	fclose(f);
}

static const char u8[] = "\xef\xbb\xbfh\xc3\xa9\r\nz\xe2\x82\xac\r\n";
static const char u16[] = "\xff\xfeh\0\xe9\0\r\0\n\0z\0\xac\x20";
static const char plain[] = "pl\r\nain";

int main(void)
{
	int modes[] = {_O_WTEXT, _O_U16TEXT, _O_U8TEXT};

	for (int i = 0; i < 3; i++)
		create(modes[i]);
	batches();
	for (int i = 0; i < 3; i++) {
		int m = modes[i];

		reopen("read u8 bom", u8, sizeof u8 - 1, _O_RDONLY, m);
		reopen("read u16 bom", u16, sizeof u16 - 1, _O_RDONLY, m);
		reopen("read plain", plain, sizeof plain - 1, _O_RDONLY, m);
		reopen("read empty", "", 0, _O_RDONLY, m);
		reopen("append u8 bom", u8, sizeof u8 - 1, _O_WRONLY | _O_APPEND, m);
		reopen("append u16 bom", u16, sizeof u16 - 1, _O_WRONLY | _O_APPEND, m);
		reopen("append plain", plain, sizeof plain - 1, _O_WRONLY | _O_APPEND, m);
		reopen("append empty", "", 0, _O_WRONLY | _O_APPEND, m);
		reopen("wronly u16 bom", u16, sizeof u16 - 1, _O_WRONLY, m);
		reopen("rdwr u8 bom", u8, sizeof u8 - 1, _O_RDWR, m);
		reopen("rdwr plain", plain, sizeof plain - 1, _O_RDWR, m);
		reopen("rdwr empty", "", 0, _O_RDWR, m);
		reopen("rdwr creat u16", u16, sizeof u16 - 1, _O_RDWR | _O_CREAT, m);
		reopen("wronly trunc", u16, sizeof u16 - 1, _O_WRONLY | _O_TRUNC, m);
		reopen("wronly creat new", 0, -1, _O_WRONLY | _O_CREAT, m);
	}
	return 0;
}
