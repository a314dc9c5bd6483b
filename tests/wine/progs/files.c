/* files.c — files through msvcrt streams (text and binary mode, CRLF),
 * msvcrt low-level I/O, and kernel32 file handles, in the current
 * directory; errors and their codes. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* Copy-on-write pages of the image: the kernel writes them (read(2)) on
 * the program's behalf, so dllshare privatizes them before the call. */
static char bss_buf[3 * 4096];
static char data_buf[4096] = "data";

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
	char line[64];
	FILE *f;
	int fd, n;
	long pos;
	HANDLE h;
	DWORD done, size;

	/* Text mode writes CRLF; reading in text mode gives LF back. */
	f = fopen("text.txt", "w");
	fprintf(f, "one\ntwo\n");
	fputs("three", f);
	pos = ftell(f);
	fclose(f);
	printf("ftell after write %ld\n", pos);
	dump("text.txt");
	f = fopen("text.txt", "r");
	while (fgets(line, sizeof(line), f))
		printf("line <%s>\n", strtok(line, "\n"));
	printf("feof %d ferror %d\n", feof(f) != 0, ferror(f) != 0);
	fclose(f);

	/* Binary mode keeps bytes; seek and tell. */
	f = fopen("bin.dat", "wb+");
	fwrite("a\nb\r\nc", 1, 6, f);
	fseek(f, 2, SEEK_SET);
	n = fgetc(f);
	printf("byte at 2: %d, tell %ld\n", n, ftell(f));
	fseek(f, -1, SEEK_END);
	printf("last %c\n", fgetc(f));
	fclose(f);
	dump("bin.dat");

	/* Low-level I/O. */
	fd = _open("low.txt", _O_CREAT | _O_WRONLY | _O_TRUNC | _O_TEXT, 0600);
	n = _write(fd, "x\ny\n", 4);
	printf("_write %d\n", n);
	_close(fd);
	dump("low.txt");
	fd = _open("low.txt", _O_RDONLY | _O_BINARY);
	printf("_lseeki64 end %lld\n", (long long)_lseeki64(fd, 0, SEEK_END));
	_lseeki64(fd, 0, SEEK_SET);
	n = _read(fd, line, sizeof(line));
	printf("_read binary %d\n", n);
	_close(fd);
	fd = _open("low.txt", _O_RDONLY | _O_TEXT);
	n = _read(fd, line, sizeof(line));
	printf("_read text %d\n", n);
	_close(fd);

	/* kernel32 handles. */
	h = CreateFileA("k32.dat", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
			FILE_ATTRIBUTE_NORMAL, NULL);
	printf("CreateFile ok %d last error %lu\n", h != INVALID_HANDLE_VALUE,
	       GetLastError());
	WriteFile(h, "hello kernel32", 14, &done, NULL);
	printf("WriteFile %lu\n", done);
	CloseHandle(h);
	h = CreateFileA("k32.dat", GENERIC_READ, FILE_SHARE_READ, NULL,
			OPEN_EXISTING, 0, NULL);
	size = GetFileSize(h, NULL);
	printf("GetFileSize %lu type %lu\n", size, GetFileType(h));
	SetFilePointer(h, 6, NULL, FILE_BEGIN);
	memset(line, 0, sizeof(line));
	ReadFile(h, line, sizeof(line) - 1, &done, NULL);
	printf("ReadFile %lu <%s>\n", done, line);
	ReadFile(h, line, 10, &done, NULL);
	printf("ReadFile at end %lu\n", done);
	CloseHandle(h);
	h = CreateFileA("k32.dat", GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
	printf("CREATE_NEW on existing: %d error %lu\n",
	       h == INVALID_HANDLE_VALUE, GetLastError());
	h = CreateFileA("k32.dat", GENERIC_WRITE, 0, NULL, OPEN_ALWAYS, 0,
			NULL);
	printf("OPEN_ALWAYS on existing: error %lu\n", GetLastError());
	CloseHandle(h);
	printf("DeleteFile %d\n", DeleteFileA("k32.dat"));
	printf("DeleteFile again %d error %lu\n", DeleteFileA("k32.dat"),
	       GetLastError());

	/* Kernel reads into the image's .bss and .data. */
	h = CreateFileA("low.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0,
			NULL);
	printf("ReadFile into .bss %d",
	       ReadFile(h, bss_buf + 4090, 6, &done, NULL));
	printf(" got %lu <%.6s>\n", done, bss_buf + 4090);
	CloseHandle(h);
	fd = _open("low.txt", _O_RDONLY | _O_BINARY);
	n = _read(fd, data_buf + 1, 6);
	printf("_read into .data %d <%.6s>\n", n, data_buf + 1);
	_close(fd);

	/* Errors. */
	errno = 0;
	f = fopen("missing.txt", "r");
	printf("fopen missing: %p errno %d (%s)\n", (void *)f, errno,
	       strerror(errno));
	h = CreateFileA("missing.txt", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0,
			NULL);
	printf("CreateFile missing: error %lu\n", GetLastError());
	printf("remove %d %d\n", remove("text.txt"), remove("text.txt"));
	printf("rename %d\n", rename("bin.dat", "bin2.dat"));
	dump("bin2.dat");
	return 0;
}
