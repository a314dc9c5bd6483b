/*
 * lowio.c — msvcrt's low-level I/O on its own file descriptors: _open,
 * _wopen, _sopen, _read, _write, _close, _lseek, _setmode, _dup, ...,
 * and the bridge to kernel32 handles (_get_osfhandle, _open_osfhandle).
 *
 * msvcrt numbers its own file descriptors; each holds a Linux fd and a
 * mode.  In text mode (the default, _O_TEXT) _write turns "\n" into
 * "\r\n" and _read turns "\r\n" back into "\n" — so a Windows program's
 * output to a pipe has CRLF line ends, under Windows, Wine and dllshare
 * alike.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define MAX_FDS 2048

static struct rt_crt_fd fds[MAX_FDS] = {
	[0] = {.used = 1, .fd = 0, .text = 1, .pending = -1},
	[1] = {.used = 1, .fd = 1, .text = 1, .pending = -1},
	[2] = {.used = 1, .fd = 2, .text = 1, .pending = -1},
};
static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;

int w32__fmode; /* 0: text, unless _O_BINARY is stored here */

struct rt_crt_fd *rt_crt_fd(int fd)
{
	if (fd < 0 || fd >= MAX_FDS || !fds[fd].used) {
		*rt_errno_ptr() = W_EBADF;
		return 0;
	}
	return &fds[fd];
}

/* The lowest free msvcrt fd, as msvcrt hands them out. */
int rt_crt_fd_new(int lfd, int flags)
{
	pthread_mutex_lock(&fd_lock);
	for (int i = 0; i < MAX_FDS; i++) {
		if (!fds[i].used) {
			fds[i].used = 1;
			fds[i].fd = lfd;
			fds[i].text = !(flags & _O_BINARY) &&
				((flags & _O_TEXT) ||
				 !(w32__fmode & _O_BINARY));
			fds[i].append = (flags & _O_APPEND) != 0;
			fds[i].pending = -1;
			pthread_mutex_unlock(&fd_lock);
			return i;
		}
	}
	pthread_mutex_unlock(&fd_lock);
	close(lfd);
	*rt_errno_ptr() = W_EMFILE;
	return -1;
}

int WINAPI w32__open(const char *name, int flags, ...)
{
	int oflags = O_CLOEXEC, mode = 0666, lfd;
	char *path;
	w32_va_list ap;

	if (flags & _O_CREAT) {
		__builtin_ms_va_start(ap, flags);
		mode = __builtin_va_arg(ap, int);
		__builtin_ms_va_end(ap);
		/* _S_IWRITE (0x80) absent: read-only file. */
		mode = (mode & 0x80) ? 0666 : 0444;
	}
	switch (flags & 3) {
	case _O_WRONLY: oflags |= O_WRONLY; break;
	case _O_RDWR: oflags |= O_RDWR; break;
	default: oflags |= O_RDONLY; break;
	}
	if (flags & _O_CREAT)
		oflags |= O_CREAT;
	if (flags & _O_TRUNC)
		oflags |= O_TRUNC;
	if (flags & _O_EXCL)
		oflags |= O_EXCL;
	if (flags & _O_APPEND)
		oflags |= O_APPEND;
	path = rt_unix_path(name);
	if (!path) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	lfd = open(path, oflags, mode);
	if (lfd >= 0 && (flags & _O_TEMPORARY))
		unlink(path);
	free(path);
	if (lfd < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return rt_crt_fd_new(lfd, flags);
}

int WINAPI w32__wopen(const WCHAR *name, int flags, ...)
{
	char *s = rt_utf8_dup(name);
	int mode = 0, r;
	w32_va_list ap;

	if (flags & _O_CREAT) {
		__builtin_ms_va_start(ap, flags);
		mode = __builtin_va_arg(ap, int);
		__builtin_ms_va_end(ap);
	}
	if (!s) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	r = w32__open(s, flags, mode);
	free(s);
	return r;
}

/* Sharing modes have no Linux counterpart; _sopen is _open. */
int WINAPI w32__sopen(const char *name, int flags, int share, int mode)
{
	return w32__open(name, flags, mode);
}

int WINAPI w32__close(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	int r;

	if (!f)
		return -1;
	r = f->fd > 2 || fd > 2 ? close(f->fd) : 0;
	pthread_mutex_lock(&fd_lock);
	memset(f, 0, sizeof(*f));
	pthread_mutex_unlock(&fd_lock);
	if (r < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return 0;
}

/* Writes all of b to a Linux fd; the count or -1. */
ssize_t rt_write_all(int lfd, const void *b, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t r = write(lfd, (const char *)b + done, n - done);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)r;
	}
	return (ssize_t)done;
}

/* Text mode: "\n" becomes "\r\n".  Returns the count of source bytes. */
int WINAPI w32__write(int fd, const void *buf, unsigned n)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	const char *s = buf;
	char tmp[1024];
	size_t k = 0;

	if (!f)
		return -1;
	if (!f->text) {
		if (rt_write_all(f->fd, buf, n) < 0) {
			rt_set_errno_from(errno);
			return -1;
		}
		return (int)n;
	}
	for (unsigned i = 0; i < n; i++) {
		if (s[i] == '\n')
			tmp[k++] = '\r';
		tmp[k++] = s[i];
		if (k >= sizeof(tmp) - 2) {
			if (rt_write_all(f->fd, tmp, k) < 0)
				goto fail;
			k = 0;
		}
	}
	if (k && rt_write_all(f->fd, tmp, k) < 0)
		goto fail;
	return (int)n;
fail:
	rt_set_errno_from(errno);
	return -1;
}

/* Text mode: "\r\n" becomes "\n"; a '\r' at the end of what was read is
 * decided by the next byte. */
int WINAPI w32__read(int fd, void *buf, unsigned n)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	char *d = buf;
	ssize_t r;
	unsigned k = 0;

	if (!f)
		return -1;
	if (n == 0)
		return 0;
	if (rt_prepare_write(buf, n) < 0) {
		*rt_errno_ptr() = W_EFAULT;
		return -1;
	}
	if (f->pending >= 0) {
		d[k++] = (char)f->pending;
		f->pending = -1;
		if (k == n || !f->text)
			return (int)k;
	}
	do
		r = read(f->fd, d + k, n - k);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	r += k;
	if (!f->text)
		return (int)r;
	k = 0;
	for (ssize_t i = 0; i < r; i++) {
		if (d[i] == '\r') {
			if (i + 1 < r) {
				if (d[i + 1] == '\n')
					continue;
			} else {
				char c;
				ssize_t m = read(f->fd, &c, 1);

				if (m == 1 && c == '\n') {
					d[k++] = '\n';
					break;
				}
				if (m == 1)
					f->pending = (unsigned char)c;
			}
		}
		d[k++] = d[i];
	}
	return (int)k;
}

int64_t WINAPI w32__lseeki64(int fd, int64_t off, int whence)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	off_t r;

	if (!f)
		return -1;
	/* A byte _read kept back (after a '\r') was read from the file but
	 * not yet by the program: the program's position is one before. */
	if (whence == SEEK_CUR && f->pending >= 0)
		off -= 1;
	f->pending = -1;
	r = lseek(f->fd, off, whence);
	if (r < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return r;
}

LONG WINAPI w32__lseek(int fd, LONG off, int whence)
{
	return (LONG)w32__lseeki64(fd, off, whence);
}

/* The program's position: the file's, less a byte _read kept back;
 * asking does not drop that byte. */
int64_t WINAPI w32__telli64(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	off_t r;

	if (!f)
		return -1;
	r = lseek(f->fd, 0, SEEK_CUR);
	if (r < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return r - (f->pending >= 0);
}

LONG WINAPI w32__tell(int fd)
{
	return (LONG)w32__telli64(fd);
}

int WINAPI w32__setmode(int fd, int mode)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	int old;

	if (!f)
		return -1;
	old = f->text ? _O_TEXT : _O_BINARY;
	if (mode & _O_BINARY)
		f->text = 0;
	else if (mode & (_O_TEXT | _O_WTEXT | _O_U16TEXT | _O_U8TEXT))
		f->text = 1;
	else {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	return old;
}

int WINAPI w32__isatty(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);

	return f && isatty(f->fd) ? 0x40 : 0; /* msvcrt returns FDEV */
}

int WINAPI w32__dup(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	int lfd;

	if (!f)
		return -1;
	lfd = fcntl(f->fd, F_DUPFD_CLOEXEC, 3);
	if (lfd < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return rt_crt_fd_new(lfd, f->text ? _O_TEXT : _O_BINARY);
}

int WINAPI w32__dup2(int from, int to)
{
	struct rt_crt_fd *f = rt_crt_fd(from);
	int lfd;

	if (!f || to < 0 || to >= MAX_FDS) {
		*rt_errno_ptr() = W_EBADF;
		return -1;
	}
	/* The standard descriptors keep their Linux numbers, so a child
	 * process inherits the redirection. */
	if (to <= 2)
		lfd = dup2(f->fd, to);
	else
		lfd = fcntl(f->fd, F_DUPFD_CLOEXEC, 3);
	if (lfd < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	pthread_mutex_lock(&fd_lock);
	if (fds[to].used && fds[to].fd != lfd && fds[to].fd > 2)
		close(fds[to].fd);
	fds[to].used = 1;
	fds[to].fd = lfd;
	fds[to].text = f->text;
	fds[to].append = f->append;
	fds[to].pending = -1;
	pthread_mutex_unlock(&fd_lock);
	return 0;
}

int WINAPI w32__commit(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);

	if (!f)
		return -1;
	fsync(f->fd);
	return 0;
}

int WINAPI w32__chsize(int fd, LONG size)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);

	if (!f)
		return -1;
	if (ftruncate(f->fd, size) != 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return 0;
}

LONG WINAPI w32__filelength(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	struct stat st;

	if (!f)
		return -1;
	if (fstat(f->fd, &st) != 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return (LONG)st.st_size;
}

int64_t WINAPI w32__filelengthi64(int fd)
{
	struct w32_stat64 a;

	return w32__fstat64(fd, &a) < 0 ? -1 : a.st_size;
}

int WINAPI w32__eof(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	struct stat st;
	off_t pos;

	if (!f)
		return -1;
	pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0 || fstat(f->fd, &st) != 0)
		return -1;
	return pos >= st.st_size;
}

/* The kernel32 HANDLE of an msvcrt fd (made on first use). */
intptr_t WINAPI w32__get_osfhandle(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	struct rt_object *o;

	if (!f)
		return -1;
	if (f->fd <= 2 && fd <= 2)
		return (intptr_t)rt_std_handle(f->fd);
	if (!f->handle) {
		o = rt_object_new(RT_H_FILE);
		if (!o)
			return -1;
		o->fd = f->fd;
		o->std_handle = 1; /* the msvcrt fd owns the Linux fd */
		f->handle = rt_handle_new(o);
		if (!f->handle)
			return -1;
	}
	return (intptr_t)f->handle;
}

int WINAPI w32__open_osfhandle(intptr_t h, int flags)
{
	struct rt_object *o = rt_handle_get((HANDLE)h, RT_H_FILE);
	int lfd;

	if (!o) {
		*rt_errno_ptr() = W_EBADF;
		return -1;
	}
	lfd = fcntl(o->fd, F_DUPFD_CLOEXEC, 3);
	rt_object_put(o);
	if (lfd < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	return rt_crt_fd_new(lfd, flags);
}
