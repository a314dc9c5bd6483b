/*
 * crtargs.c — arguments of msvcrt's low-level I/O that are easy to drop:
 * _umask's _S_IWRITE making every file an open creates read-only (_open,
 * _sopen, _wopen, _creat, fopen), fopen's 'c' and 'n' and _commode
 * (_IOCOMMIT in the FILE's flags; fflush then commits, which a file open
 * for reading refuses), _lseek's whence and positions before the start,
 * _commit and _chsize on a descriptor open for reading only, and
 * _open_osfhandle taking the handle over (the same handle back, closed by
 * _close) in the mode its flags give (binary when they name none).
 * Every result is printed after the calls, never inside printf's
 * arguments (their order of evaluation is not the program's).
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <share.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <windows.h>

#define IOCOMMIT 0x4000 /* msvcrt's FILE flag: fflush commits */

int *__cdecl __p__commode(void);

static void attr(const char *name)
{
	printf("  %s attributes %lx\n", name, GetFileAttributesA(name));
}

static void umask_cases(void)
{
	int old, fd;
	FILE *f;

	old = _umask(_S_IWRITE);
	printf("umask: old %d\n", old);
	fd = _open("u1.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE);
	printf("  _open %d, write %d\n", fd >= 0, _write(fd, "x", 1));
	_close(fd);
	attr("u1.txt");
	_close(_sopen("u2.txt", _O_CREAT | _O_RDWR, _SH_DENYNO,
		      _S_IREAD | _S_IWRITE));
	attr("u2.txt");
	_close(_wopen(L"u3.txt", _O_CREAT | _O_RDWR, _S_IREAD | _S_IWRITE));
	attr("u3.txt");
	_close(_creat("u4.txt", _S_IREAD | _S_IWRITE));
	attr("u4.txt");
	f = fopen("u5.txt", "w");
	printf("  fopen %d\n", f != 0);
	if (f)
		fclose(f);
	attr("u5.txt");
	old = _umask(_S_IREAD);
	printf("umask: old %d\n", old);
	_close(_open("u6.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
	attr("u6.txt");
	old = _umask(0xffff);
	printf("umask: old %d\n", old);
	_close(_open("u7.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
	attr("u7.txt");
	old = _umask(0);
	printf("umask: old %d\n", old);
	_close(_open("u8.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
	attr("u8.txt");
}

/* The stream's _IOCOMMIT flag, and what fflush says. */
static void stream(const char *label, FILE *f, int write)
{
	int r, e;

	if (!f) {
		printf("%s: not opened, errno %d\n", label, errno);
		return;
	}
	if (write)
		fputs("data", f);
	errno = 0;
	r = fflush(f);
	e = errno;
	printf("%s: commit %d, fflush %d errno %d\n", label,
	       (f->_flag & IOCOMMIT) != 0, r, e);
	fclose(f);
}

static void commit_cases(void)
{
	int fd, r, e;
	FILE *f;

	_close(_open("c.txt", _O_CREAT | _O_WRONLY, _S_IREAD | _S_IWRITE));
	printf("commode %x\n", *__p__commode());
	stream("fopen w", fopen("c.txt", "w"), 1);
	stream("fopen wc", fopen("c.txt", "wc"), 1);
	stream("fopen r", fopen("c.txt", "r"), 0);
	stream("fopen rc", fopen("c.txt", "rc"), 0);
	stream("fopen r+c", fopen("c.txt", "r+c"), 1);
	stream("fopen rcn", fopen("c.txt", "rcn"), 0);
	f = fopen("c.txt", "w");
	stream("freopen rc", freopen("c.txt", "rc", f), 0);
	*__p__commode() = IOCOMMIT;
	stream("commode, fopen w", fopen("c.txt", "w"), 1);
	stream("commode, fopen r", fopen("c.txt", "r"), 0);
	stream("commode, fopen rn", fopen("c.txt", "rn"), 0);
	stream("commode, fopen rnc", fopen("c.txt", "rnc"), 0);
	fd = _open("c.txt", _O_RDONLY);
	stream("commode, _fdopen r", _fdopen(fd, "r"), 0);
	f = fopen("c.txt", "r");
	errno = 0;
	r = fflush(NULL);
	e = errno;
	printf("commode, fflush(NULL) %d errno %d\n", r, e);
	errno = 0;
	r = _flushall();
	e = errno;
	printf("commode, _flushall %d errno %d\n", r, e);
	fclose(f);
	*__p__commode() = 0;
	stream("fopen r again", fopen("c.txt", "r"), 0);
}

static void lseek_cases(void)
{
	int fd = _open("s.txt", _O_CREAT | _O_RDWR | _O_BINARY,
		       _S_IREAD | _S_IWRITE);
	long long q;
	long r;
	int e;

	_write(fd, "hello", 5);
	for (int w = -1; w <= 4; w++) {
		_lseek(fd, 2, SEEK_SET);
		errno = 0;
		r = _lseek(fd, 1, w);
		e = errno;
		printf("_lseek(1, whence %d): %ld errno %d, at %ld\n", w, r, e,
		       _tell(fd));
	}
	errno = 0;
	q = _lseeki64(fd, 1, 3);
	e = errno;
	printf("_lseeki64(1, whence 3): %lld errno %d, at %ld\n", q, e,
	       _tell(fd));
	errno = 0;
	r = _lseek(fd, -5, SEEK_CUR);
	e = errno;
	printf("_lseek(-5, SEEK_CUR): %ld errno %d, at %ld\n", r, e, _tell(fd));
	errno = 0;
	r = _lseek(fd, -1, SEEK_SET);
	e = errno;
	printf("_lseek(-1, SEEK_SET): %ld errno %d, at %ld\n", r, e, _tell(fd));
	errno = 0;
	q = _lseeki64(fd, -10, SEEK_END);
	e = errno;
	printf("_lseeki64(-10, SEEK_END): %lld errno %d, at %ld\n", q, e,
	       _tell(fd));
	_close(fd);
}

static void readonly_cases(void)
{
	int fd = _open("s.txt", _O_RDONLY), r, e;
	unsigned long d;

	errno = 0;
	r = _commit(fd);
	e = errno;
	printf("_commit, read only: %d errno %d\n", r, e);
	for (int size = 10; size >= 2; size -= 3) {
		errno = 0;
		_doserrno = 0;
		r = _chsize(fd, size);
		e = errno;
		d = _doserrno;
		printf("_chsize(%d), read only: %d errno %d doserrno %lu\n",
		       size, r, e, d);
	}
	printf("  at %ld, length %ld\n", _tell(fd), _filelength(fd));
	_close(fd);
	fd = _open("s.txt", _O_WRONLY);
	errno = 0;
	r = _commit(fd);
	e = errno;
	printf("_commit, write only: %d errno %d\n", r, e);
	r = _chsize(fd, 3);
	printf("_chsize(3), write only: %d, length %ld\n", r, _filelength(fd));
	_close(fd);
}

static HANDLE create(const char *name, DWORD access, DWORD how)
{
	return CreateFileA(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE, 0,
			   how, 0, 0);
}

/* Writes "a\nb" through a descriptor on a new handle opened with flags:
 * the bytes the file gets show the mode; _close closes the handle. */
static void osf_mode(const char *label, int flags)
{
	HANDLE h = create("o.txt", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
	int fd = _open_osfhandle((intptr_t)h, flags), n, same;
	DWORD size, err;
	BOOL ok;

	same = _get_osfhandle(fd) == (intptr_t)h;
	n = _write(fd, "a\nb", 3);
	size = GetFileSize(h, 0);
	printf("_open_osfhandle(%s): same handle %d, write %d, size %lu\n",
	       label, same, n, size);
	_close(fd);
	SetLastError(0);
	ok = CloseHandle(h);
	err = GetLastError();
	printf("  CloseHandle after _close: %d error %lu\n", ok, err);
}

static void osfhandle_cases(void)
{
	HANDLE h, rd, wr;
	int fd, fd2, r, e, same;
	DWORD size, err, got;
	BOOL ok;
	char buf[16];
	FILE *f;

	osf_mode("0", 0);
	osf_mode("_O_TEXT", _O_TEXT);
	osf_mode("_O_BINARY", _O_BINARY);
	osf_mode("_O_WTEXT", _O_WTEXT);
	osf_mode("_O_TEXT|_O_BINARY", _O_TEXT | _O_BINARY);
	_fmode = _O_BINARY;
	osf_mode("_O_TEXT, _fmode binary", _O_TEXT);
	osf_mode("0, _fmode binary", 0);
	_fmode = _O_TEXT;

	h = create("o.txt", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
	fd = _open_osfhandle((intptr_t)h, _O_APPEND);
	_lseek(fd, 0, SEEK_SET);
	r = _write(fd, "zz", 2);
	size = GetFileSize(h, 0);
	printf("_O_APPEND: write %d, size %lu, at %ld\n", r, size, _tell(fd));
	f = _fdopen(fd, "a");
	fseek(f, 0, SEEK_SET);
	fputs("yy", f);
	fflush(f);
	size = GetFileSize(h, 0);
	printf("  stream: size %lu, ftell %ld\n", size, ftell(f));
	fclose(f);
	SetLastError(0);
	ok = CloseHandle(h);
	err = GetLastError();
	printf("  CloseHandle after fclose: %d error %lu\n", ok, err);

	/* The access bits are not checked: _O_WRONLY reads a read handle. */
	h = create("o.txt", GENERIC_READ, OPEN_EXISTING);
	fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
	r = _read(fd, buf, sizeof buf);
	printf("_O_WRONLY on a read handle: read %d\n", r);
	/* One file position: the descriptor's is the handle's. */
	r = _lseek(fd, 2, SEEK_SET);
	printf("  _lseek %d, handle at %lu\n", r,
	       SetFilePointer(h, 0, 0, FILE_CURRENT));
	SetFilePointer(h, 4, 0, FILE_BEGIN);
	printf("  handle moved: _tell %ld\n", _tell(fd));
	fd2 = _open_osfhandle((intptr_t)h, _O_BINARY);
	same = _get_osfhandle(fd2) == (intptr_t)h;
	printf("  again: %d, same handle %d\n", fd2 >= 0, same);
	_close(fd);
	SetLastError(0);
	ok = CloseHandle(h);
	err = GetLastError();
	printf("  CloseHandle after _close: %d error %lu\n", ok, err);

	CreatePipe(&rd, &wr, 0, 0);
	fd = _open_osfhandle((intptr_t)wr, 0);
	r = _write(fd, "x\ny", 3);
	ReadFile(rd, buf, sizeof buf, &got, 0);
	printf("pipe: write %d, read %lu\n", r, got);
	_close(fd);
	SetLastError(0);
	ok = CloseHandle(wr);
	err = GetLastError();
	printf("  CloseHandle after _close: %d error %lu\n", ok, err);
	CloseHandle(rd);

	errno = 0;
	r = _open_osfhandle((intptr_t)INVALID_HANDLE_VALUE, 0);
	e = errno;
	printf("_open_osfhandle(INVALID_HANDLE_VALUE): %d errno %d\n", r, e);
}

int main(void)
{
	umask_cases();
	commit_cases();
	lseek_cases();
	readonly_cases();
	osfhandle_cases();
	return 0;
}
