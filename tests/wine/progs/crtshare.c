/* crtshare.c — msvcrt's sharing modes: _sopen's _SH_DENY* against each
 * other, against fopen (which opens _SH_DENYNO) and against CreateFile;
 * a refused open is EACCES and, with _O_TRUNC, leaves the file whole;
 * _dup keeps the mode until both descriptors are closed. */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <sys/stat.h>
#include <windows.h>

static int so(const char *what, int flags, int sh)
{
	int fd;

	errno = 0;
	fd = _sopen("crtshare.txt", flags, sh, _S_IREAD | _S_IWRITE);
	printf("%-36s %s errno %d\n", what, fd >= 0 ? "ok" : "no",
	       fd >= 0 ? 0 : errno);
	return fd;
}

int main(void)
{
	FILE *f = fopen("crtshare.txt", "w");
	int a, b, c;
	HANDLE h;

	fputs("hello", f);
	fclose(f);
	a = so("A: read, deny write", _O_RDONLY, _SH_DENYWR);
	b = so("B: read, deny write", _O_RDONLY, _SH_DENYWR);
	so("C: write, deny none", _O_WRONLY, _SH_DENYNO);
	so("D: read+write truncate, deny none", _O_RDWR | _O_TRUNC,
	   _SH_DENYNO);
	f = fopen("crtshare.txt", "r");
	printf("fopen r: %s\n", f ? "ok" : "no");
	if (f)
		fclose(f);
	f = fopen("crtshare.txt", "a");
	printf("fopen a: %s errno %d\n", f ? "ok" : "no", f ? 0 : errno);
	h = CreateFileA("crtshare.txt", GENERIC_WRITE, FILE_SHARE_READ |
			FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
	printf("CreateFile write: %s %lu\n",
	       h != INVALID_HANDLE_VALUE ? "ok" : "no",
	       h != INVALID_HANDLE_VALUE ? 0 : GetLastError());
	c = _dup(a);
	_close(a);
	_close(b);
	so("E: write while a _dup holds", _O_WRONLY, _SH_DENYNO);
	_close(c);
	c = so("F: write after all closed", _O_WRONLY, _SH_DENYRW);
	so("G: read, deny none", _O_RDONLY, _SH_DENYNO);
	_close(c);
	f = fopen("crtshare.txt", "r");
	if (f) {
		char buf[16] = {0};

		fgets(buf, sizeof buf, f);
		printf("contents: %s\n", buf);
		fclose(f);
	}
	remove("crtshare.txt");
	return 0;
}
