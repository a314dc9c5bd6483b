/*
 * setvbuf.c — a stream's buffer as setvbuf gives it: the program's own
 * buffer and size (output reaches the file each time size bytes are
 * waiting, and waits in the program's buffer until then), a buffer of the
 * size asked when none is given, and the modes and sizes msvcrt refuses.
 * _write straight to the descriptor shows where the stream's bytes are.
 */
#include <errno.h>
#include <io.h>
#include <stdio.h>
#include <string.h>

static char mine[16];

static void mark(const char *what)
{
	_write(1, what, (unsigned)strlen(what));
}

int main(void)
{
	int r;

	_setmode(1, 0x8000); /* _O_BINARY: bytes as they are */
	printf("setvbuf(own, 16): %d\n", setvbuf(stdout, mine, _IOFBF, 16));
	mark("<a>");
	fputs("0123456789", stdout);
	mark("<b>");
	printf("in the buffer: %d\n", memcmp(mine, "0123456789", 10) == 0);
	mark("<c>");
	fputs("abcdefghij", stdout); /* 20 bytes: the first 16 go out */
	mark("<d>");
	fflush(stdout);
	mark("<e>\n");
	printf("setvbuf(NULL, 4): %d\n", setvbuf(stdout, 0, _IOFBF, 4));
	mark("<f>");
	fputs("xyz", stdout);
	mark("<g>");
	fputs("W", stdout);
	mark("<h>\n");
	errno = 0;
	r = setvbuf(stdout, 0, 3, 100);
	printf("mode 3: %d errno %d\n", r, errno);
	fflush(stdout);
	errno = 0;
	r = setvbuf(stdout, mine, _IOFBF, 1);
	printf("size 1: %d errno %d\n", r, errno);
	fflush(stdout);
	errno = 0;
	r = setvbuf(stdout, 0, _IONBF, 0);
	mark("<i>");
	printf("unbuffered, size 0: %d errno %d\n", r, errno);
	mark("<j>\n");
	return 0;
}
