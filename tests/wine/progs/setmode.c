/* setmode.c — _setmode on stdout and on a file descriptor: what it
 * returns, and that stdio (printf, fwrite, fputs) and _write alike honour
 * binary mode after it ("\n" stays "\n"), and text mode again after that.
 * wine-test: both-stdio */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>

static void dump(const char *name)
{
	FILE *f = fopen(name, "rb");
	int c;

	printf("%s:", name);
	while ((c = fgetc(f)) != EOF)
		printf(" %02x", c);
	printf("\n");
	fclose(f);
}

int main(void)
{
	FILE *f;
	int old;

	printf("text line\n");
	fflush(stdout);
	old = _setmode(_fileno(stdout), _O_BINARY);
	printf("old mode %s\n", old == _O_TEXT ? "text" : "binary");
	fputs("binary line\n", stdout);
	fwrite("raw\r\n\n", 1, 6, stdout);
	_write(1, "write\n", 6);
	fflush(stdout);
	old = _setmode(_fileno(stdout), _O_TEXT);
	printf("back, old mode %s\n", old == _O_TEXT ? "text" : "binary");
	fflush(stdout);
	errno = 0;
	old = _setmode(_fileno(stdout), 0x1234);
	printf("bad mode: %d errno %d\n", old, errno);
	errno = 0;
	old = _setmode(99, _O_BINARY);
	printf("bad fd: %d errno %d\n", old, errno);

	f = fopen("mode.txt", "w");
	fputs("a\n", f);
	fflush(f);
	old = _setmode(_fileno(f), _O_BINARY);
	fputs("b\n", f);
	fprintf(f, "%d\n", 3);
	fflush(f);
	_setmode(_fileno(f), _O_TEXT);
	fputs("c\n", f);
	fclose(f);
	printf("file's old mode %s\n", old == _O_TEXT ? "text" : "binary");
	dump("mode.txt");

	f = fopen("mode.txt", "r");
	_setmode(_fileno(f), _O_BINARY);
	{
		char line[32];
		while (fgets(line, sizeof(line), f)) {
			for (char *p = line; *p; p++)
				printf(*p == '\r' ? "<CR>" : *p == '\n' ? "<LF>" : "%c", *p);
		}
		printf("\n");
	}
	fclose(f);
	remove("mode.txt");
	return 0;
}
