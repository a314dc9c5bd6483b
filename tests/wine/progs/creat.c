/*
 * creat.c — _creat and _wcreat (create or truncate, read and write,
 * the permission argument's read-only bit), _wfreopen.
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <sys/stat.h>
#include <windows.h>

static void show(const char *name)
{
	char buf[64] = {0};
	FILE *f = fopen(name, "rb");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;

	if (f)
		fclose(f);
	printf("%s: %zu [%s] attributes %lx\n", name, n, buf,
	       GetFileAttributesA(name));
}

int main(void)
{
	int fd = _creat("a.txt", _S_IREAD | _S_IWRITE);
	char c;
	FILE *f;

	printf("creat %d, write %d", fd >= 0, _write(fd, "hello", 5));
	_lseek(fd, 0, SEEK_SET);
	printf(", read back %d\n", _read(fd, &c, 1));
	_close(fd);
	show("a.txt");
	fd = _creat("a.txt", _S_IWRITE);
	printf("creat again %d\n", fd >= 0);
	_close(fd);
	show("a.txt");
	fd = _wcreat(L"r.txt", _S_IREAD);
	printf("wcreat read-only %d write %d\n", fd >= 0, _write(fd, "x", 1));
	_close(fd);
	show("r.txt");
	errno = 0;
	fd = _creat("r.txt", _S_IWRITE);
	printf("creat over read-only %d errno %d\n", fd >= 0, errno);
	errno = 0;
	fd = _creat("nodir\\x.txt", _S_IWRITE);
	printf("creat in no dir %d errno %d\n", fd, errno);
	f = fopen("b.txt", "w");
	f = _wfreopen(L"c.txt", L"w", f);
	fputs("reopened", f);
	fclose(f);
	show("b.txt");
	show("c.txt");
	errno = 0;
	f = fopen("b.txt", "r");
	printf("wfreopen missing %d errno %d\n",
	       _wfreopen(L"none.txt", L"r", f) != 0, errno);
	SetFileAttributesA("r.txt", FILE_ATTRIBUTE_NORMAL);
	return 0;
}
