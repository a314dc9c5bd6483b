/*
 * lowio.c — msvcrt's low-level I/O on its own file descriptors: _open,
 * _wopen, _sopen, _read, _write, _close, _lseek, _setmode, _dup, ...,
 * and the bridge to kernel32 handles (_get_osfhandle, _open_osfhandle).
 *
 * msvcrt numbers its own file descriptors; each holds a Linux fd and a
 * mode.  In text mode (the default, _O_TEXT) _write turns "\n" into
 * "\r\n" and _read turns "\r\n" back into "\n" — so a Windows program's
 * output to a pipe has CRLF line ends, under Windows, Wine and dllshare
 * alike.  The Unicode modes (_O_WTEXT, _O_U16TEXT, _O_U8TEXT), in which
 * the program reads and writes UTF-16, are unicode_io.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"
#include "runtime/msvcrt/msvcrt.h"

#define MAX_FDS 2048

static struct rt_crt_fd fds[MAX_FDS] = {
	[0] = {.used = 1, .fd = 0, .text = 1, .pending = -1, .share_fd = -1},
	[1] = {.used = 1, .fd = 1, .text = 1, .pending = -1, .share_fd = -1},
	[2] = {.used = 1, .fd = 2, .text = 1, .pending = -1, .share_fd = -1},
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
				((flags & (_O_TEXT | _O_UNICODE_MODES)) ||
				 !(w32__fmode & _O_BINARY));
			fds[i].wide = 0;
			fds[i].ateof = 0;
			fds[i].nla = 0;
			fds[i].append = (flags & _O_APPEND) != 0;
			fds[i].noinherit = (flags & _O_NOINHERIT) != 0;
			fds[i].pending = -1;
			fds[i].share_fd = -1;
			pthread_mutex_unlock(&fd_lock);
			return i;
		}
	}
	pthread_mutex_unlock(&fd_lock);
	close(lfd);
	*rt_errno_ptr() = W_EMFILE;
	return -1;
}

/* _O_NOINHERIT keeps the descriptor from a child process (_spawn, system:
 * rt_crt_inherit_block); _O_SHORT_LIVED is a caching hint for the file
 * system; _O_SEQUENTIAL and _O_RANDOM become posix_fadvise
 * hints.  _O_TEMPORARY removes the name at once (the file lives until
 * its last descriptor closes, also when the program ends without
 * closing).  A Unicode mode (_O_WTEXT, _O_U16TEXT, _O_U8TEXT) writes or
 * reads a byte-order mark (rt_crt_unicode_open).  Other bits are
 * ignored, as by msvcrt. */
/* The CreateFile access and sharing an open asks (as msvcrt's _sopen
 * passes them): the access mode, and _O_TEMPORARY's delete. */
static DWORD open_access(int flags)
{
	DWORD a = (flags & 3) == _O_WRONLY ? GENERIC_WRITE
		: (flags & 3) == _O_RDWR   ? GENERIC_READ | GENERIC_WRITE
					   : GENERIC_READ;

	return a | (flags & _O_TEMPORARY ? DELETE : 0);
}

static DWORD open_sharing(int flags, int shflag)
{
	DWORD s = shflag == _SH_DENYRW ? 0
		: shflag == _SH_DENYWR ? FILE_SHARE_READ
		: shflag == _SH_DENYRD ? FILE_SHARE_WRITE
				       : FILE_SHARE_READ | FILE_SHARE_WRITE;
	return s | (flags & _O_TEMPORARY ? FILE_SHARE_DELETE : 0);
}

/* The sharing check of an open of path (lfd, just opened; trunc: the
 * truncation it still owes, made once the check passed): 0 with
 * *share_fd set, or -1 with errno EACCES (a sharing violation, as
 * msvcrt maps it) and lfd closed. */
static int enter_sharing(const char *path, int lfd, int flags, int shflag,
			 int trunc, int *share_fd)
{
	if (rt_k32_share_enter(path, lfd, open_access(flags),
			       open_sharing(flags, shflag), share_fd) < 0) {
		close(lfd);
		*rt_errno_ptr() = W_EACCES;
		return -1;
	}
	if (trunc && ftruncate(lfd, 0) != 0) {
		rt_set_errno_from(errno);
		close(lfd);
		if (*share_fd >= 0)
			close(*share_fd);
		return -1;
	}
	return 0;
}

int rt_crt_open(const char *name, int flags, int mode, int shflag)
{
	int oflags = O_CLOEXEC, lfd, trunc = 0, share_fd = -1, fd, wide = 0;
	struct stat st;
	char *path;

	/* _S_IWRITE (0x80) absent, or masked by _umask: a new file is
	 * read-only, as msvcrt creates it. */
	mode = (mode & ~rt_crt_umask() & 0x80) ? 0666 : 0444;
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
	if (flags & _O_OBTAIN_DIR)
		oflags |= O_DIRECTORY;
	path = rt_unix_path(name);
	if (!path) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	/* A truncation waits for the sharing check: an open it refuses
	 * leaves the file as it was. */
	if ((oflags & O_TRUNC) && stat(path, &st) == 0) {
		oflags &= ~O_TRUNC;
		trunc = 1;
	}
	lfd = open(path, oflags, mode);
	if (lfd < 0) {
		free(path);
		rt_set_errno_from(errno);
		return -1;
	}
	if (enter_sharing(path, lfd, flags, shflag, trunc, &share_fd) < 0) {
		free(path);
		return -1;
	}
	if (flags & _O_UNICODE_MODES)
		wide = rt_crt_unicode_open(path, lfd, flags);
	if (wide < 0) {
		free(path);
		close(lfd);
		if (share_fd >= 0)
			close(share_fd);
		return -1;
	}
	if (flags & _O_TEMPORARY)
		unlink(path);
	free(path);
	if (flags & (_O_SEQUENTIAL | _O_RANDOM))
		posix_fadvise(lfd, 0, 0,
			      flags & _O_RANDOM ? POSIX_FADV_RANDOM
						: POSIX_FADV_SEQUENTIAL);
	fd = rt_crt_fd_new(lfd, flags);
	if (fd < 0) {
		if (share_fd >= 0)
			close(share_fd);
		return -1;
	}
	fds[fd].share_fd = share_fd;
	fds[fd].wide = wide;
	return fd;
}

int WINAPI w32__open(const char *name, int flags, ...)
{
	int mode = 0x180;
	w32_va_list ap;

	if (flags & _O_CREAT) {
		__builtin_ms_va_start(ap, flags);
		mode = __builtin_va_arg(ap, int);
		__builtin_ms_va_end(ap);
	}
	return rt_crt_open(name, flags, mode, _SH_DENYNO);
}

/* _creat: _open for reading and writing, created or truncated. */
int WINAPI w32__creat(const char *name, int mode)
{
	return rt_crt_open(name, _O_CREAT | _O_TRUNC | _O_RDWR, mode,
			   _SH_DENYNO);
}

int WINAPI w32__wcreat(const WCHAR *name, int mode)
{
	char *s = rt_utf8_dup(name);
	int r;

	if (!s) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	r = w32__creat(s, mode);
	free(s);
	return r;
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
	r = rt_crt_open(s, flags, (flags & _O_CREAT) ? mode : 0x180,
			_SH_DENYNO);
	free(s);
	return r;
}

/* Sharing: _SH_DENYNO (what _open and fopen ask), _SH_DENYRW,
 * _SH_DENYWR and _SH_DENYRD are CreateFile's sharing modes, held between
 * every open of every dllshare process (kernel32's share.c); an open
 * they refuse fails with EACCES.  mode is read only with _O_CREAT, as by
 * msvcrt. */
int WINAPI w32__sopen(const char *name, int flags, int share, int mode)
{
	if (share != _SH_DENYNO && share != _SH_DENYRW &&
	    share != _SH_DENYWR && share != _SH_DENYRD) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	return rt_crt_open(name, flags,
			   (flags & _O_CREAT) ? mode : 0x180, share);
}

/* _sopen with a wide name. */
int WINAPI w32__wsopen(const WCHAR *name, int flags, int share, int mode)
{
	char *s = rt_utf8_dup(name);
	int r;

	if (!s) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	r = w32__sopen(s, flags, share, mode);
	free(s);
	return r;
}

/* _pipe: two descriptors on a new pipe, read end first, in textmode's
 * _O_TEXT or _O_BINARY (else _fmode's; a Unicode mode bit is text, as
 * msvcrt takes it here), inheritable unless _O_NOINHERIT is in it;
 * size, the pipe's buffer, is only a hint.  0, or -1 with errno. */
int WINAPI w32__pipe(int *pfds, unsigned size, int textmode)
{
	int p[2], flags = textmode & (_O_TEXT | _O_BINARY | _O_NOINHERIT |
				      _O_UNICODE_MODES);

	(void)size;
	if (!pfds) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	if (pipe2(p, O_CLOEXEC) != 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	pfds[0] = rt_crt_fd_new(p[0], flags);
	if (pfds[0] < 0) {
		close(p[1]);
		return -1;
	}
	pfds[1] = rt_crt_fd_new(p[1], flags);
	if (pfds[1] < 0) {
		w32__close(pfds[0]);
		return -1;
	}
	return 0;
}

/* Closes the descriptor's handle, if it has one: msvcrt's descriptor is
 * its handle, and _close is CloseHandle. */
static void close_handle(struct rt_crt_fd *f)
{
	if (f->handle)
		rt_handle_close(f->handle);
	f->handle = 0;
}

int WINAPI w32__close(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	int r;

	if (!f)
		return -1;
	r = f->fd > 2 || fd > 2 ? close(f->fd) : 0;
	close_handle(f);
	if (f->share_fd >= 0)
		close(f->share_fd);
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

/* Writes all of b to the Linux fd behind a descriptor as WriteFile
 * would: to a terminal while the console's output code page is not
 * UTF-8, converted from that page (kernel32's console.c), as Windows'
 * msvcrt writes to a console through WriteFile; else as it is.  The
 * count or -1 with errno. */
ssize_t rt_crt_write_out(int lfd, const void *b, size_t n)
{
	DWORD count;
	BOOL ok;

	if (n > 0 && n <= 0x7fffffff &&
	    rt_k32_console_write(lfd, b, (DWORD)n, &count, &ok)) {
		if (!ok) {
			errno = EIO;
			return -1;
		}
		return (ssize_t)n;
	}
	return rt_write_all(lfd, b, n);
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
	if (f->wide)
		return rt_crt_write_unicode(f, buf, n);
	if (!f->text) {
		if (rt_crt_write_out(f->fd, buf, n) < 0) {
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
			if (rt_crt_write_out(f->fd, tmp, k) < 0)
				goto fail;
			k = 0;
		}
	}
	if (k && rt_crt_write_out(f->fd, tmp, k) < 0)
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
	if (f->wide)
		return rt_crt_read_unicode(f, buf, n);
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

/* whence other than SEEK_SET, SEEK_CUR, SEEK_END, or a position before
 * the start, fails with EINVAL and leaves the position as it was, as in
 * msvcrt. */
int64_t WINAPI w32__lseeki64(int fd, int64_t off, int whence)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	off_t r;

	if (!f)
		return -1;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	/* A byte _read kept back (after a '\r') was read from the file but
	 * not yet by the program: the program's position is one before. */
	if (whence == SEEK_CUR && f->pending >= 0)
		off -= 1;
	r = lseek(f->fd, off, whence);
	if (r < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	f->pending = -1;
	f->ateof = 0;
	f->nla = 0;
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

/* The modes of msvcrt's _setmode: text, binary, and the Unicode modes,
 * in which the program reads and writes UTF-16 and the file holds
 * UTF-16LE (_O_WTEXT, _O_U16TEXT) or UTF-8 (_O_U8TEXT); no byte-order
 * mark is written or read (unicode_io.c). */
int WINAPI w32__setmode(int fd, int mode)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	int old;

	if (!f)
		return -1;
	if (mode != _O_TEXT && mode != _O_BINARY && mode != _O_WTEXT &&
	    mode != _O_U16TEXT && mode != _O_U8TEXT) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	/* Every Unicode mode reports itself as _O_WTEXT, as in Wine. */
	old = !f->text ? _O_BINARY : f->wide ? _O_WTEXT : _O_TEXT;
	f->text = mode != _O_BINARY;
	f->wide = mode == _O_U8TEXT ? _O_U8TEXT
		  : mode & _O_UNICODE_MODES ? _O_U16TEXT : 0;
	return old;
}

int WINAPI w32__isatty(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);

	return f && isatty(f->fd) ? 0x40 : 0; /* msvcrt returns FDEV */
}

int WINAPI w32__dup(int from)
{
	struct rt_crt_fd *f = rt_crt_fd(from);
	int lfd, fd;

	if (!f)
		return -1;
	lfd = fcntl(f->fd, F_DUPFD_CLOEXEC, 3);
	if (lfd < 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	fd = rt_crt_fd_new(lfd, f->text ? _O_TEXT : _O_BINARY);
	/* One file object: its sharing mode holds until both are closed. */
	if (fd >= 0 && f->share_fd >= 0)
		fds[fd].share_fd = fcntl(f->share_fd, F_DUPFD_CLOEXEC, 3);
	return fd;
}

/* Onto 0..2 the new file becomes the standard handle too, as msvcrt's
 * _dup2 makes it (rt_crt_std_follow). */
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
	if (fds[to].used && fds[to].share_fd >= 0)
		close(fds[to].share_fd);
	if (fds[to].used)
		close_handle(&fds[to]);
	if (to <= 2)
		rt_crt_std_follow(to);
	fds[to].share_fd = f->share_fd >= 0
				   ? fcntl(f->share_fd, F_DUPFD_CLOEXEC, 3)
				   : -1;
	fds[to].used = 1;
	fds[to].fd = lfd;
	fds[to].text = f->text;
	/* msvcrt's duplicate has the text flag, not the Unicode mode. */
	fds[to].wide = 0;
	fds[to].ateof = 0;
	fds[to].nla = 0;
	fds[to].append = f->append;
	fds[to].noinherit = 0; /* a duplicate is inheritable, as in msvcrt */
	fds[to].pending = -1;
	pthread_mutex_unlock(&fd_lock);
	return 0;
}

/* Whether Linux fd lfd was opened for reading only. */
static int read_only(int lfd)
{
	int fl = fcntl(lfd, F_GETFL);

	return fl >= 0 && (fl & O_ACCMODE) == O_RDONLY;
}

/* _commit is FlushFileBuffers on the descriptor's handle: a file or
 * device opened for reading only refuses it (EACCES, as the missing
 * write access); a pipe, socket or terminal has nothing to flush
 * (fsync's EINVAL there) and succeeds.  0, or -1 with errno. */
int WINAPI w32__commit(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	struct stat st;

	if (!f)
		return -1;
	if (fstat(f->fd, &st) == 0 && !S_ISFIFO(st.st_mode) &&
	    !S_ISSOCK(st.st_mode) && read_only(f->fd)) {
		rt_set_errno_from(EACCES);
		return -1;
	}
	if (fsync(f->fd) != 0 && errno != EINVAL && errno != EROFS) {
		rt_set_errno_from(errno);
		return -1;
	}
	return 0;
}

/* On a descriptor opened for reading only, a size at or past the end
 * fails with EBADF and a smaller one with EINVAL, as under Wine (whose
 * SetEndOfFile extends such a file by a write, and shrinks it with
 * ftruncate). */
int WINAPI w32__chsize(int fd, LONG size)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	struct stat st;

	if (!f)
		return -1;
	if (size >= 0 && read_only(f->fd) && fstat(f->fd, &st) == 0 &&
	    S_ISREG(st.st_mode)) {
		rt_set_errno_from(size >= st.st_size ? EBADF : EINVAL);
		return -1;
	}
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

/* Whether Linux fds a and b are the same file (a standard handle a child
 * inherited has an fd of its own for its fd 0..2). */
static int same_file(int a, int b)
{
	struct stat x, y;

	return a == b || (fstat(a, &x) == 0 && fstat(b, &y) == 0 &&
			  x.st_dev == y.st_dev && x.st_ino == y.st_ino);
}

/* The standard handle i if it is on msvcrt's descriptor i (Linux fd i),
 * else NULL. */
static HANDLE std_on_fd(int i)
{
	HANDLE h = rt_std_handle(i);
	struct rt_object *o = h ? rt_handle_get(h, RT_H_FILE) : 0;
	int same = o && same_file(o->fd, i);

	if (o)
		rt_object_put(o);
	return same ? h : 0;
}

void rt_crt_std_follow(int i)
{
	struct rt_object *o;
	HANDLE h;

	if (std_on_fd(i))
		return;
	o = rt_object_new(RT_H_FILE);
	if (!o)
		return;
	o->fd = i;
	o->std_handle = 1; /* Linux fd i is the process's, not the handle's */
	h = rt_handle_new_flags(o, HANDLE_FLAG_INHERIT);
	if (h)
		rt_set_std_handle(i, h);
}

/* The handle of descriptor f (number fd): the one it was given, for 0..2
 * the standard handle while that is on the same file (SetStdHandle does
 * not change msvcrt's descriptors), else one made on first use that
 * shares f's Linux fd (and its sharing mode, kept while either is open),
 * inheritable unless the descriptor was opened with _O_NOINHERIT, as
 * msvcrt's CreateFile makes it.  NULL when it cannot be made. */
static HANDLE handle_of(struct rt_crt_fd *f, int fd)
{
	struct rt_object *o;
	HANDLE h;

	if (f->handle)
		return f->handle;
	if (f->fd <= 2 && fd <= 2 && (h = std_on_fd(f->fd)))
		return h;
	o = rt_object_new(RT_H_FILE);
	if (!o)
		return 0;
	o->fd = f->fd;
	o->std_handle = 1; /* the msvcrt fd owns the Linux fd */
	if (f->share_fd >= 0)
		o->share_fd = fcntl(f->share_fd, F_DUPFD_CLOEXEC, 3);
	f->handle = rt_handle_new_flags(o, f->noinherit ? 0
							: HANDLE_FLAG_INHERIT);
	return f->handle;
}

intptr_t WINAPI w32__get_osfhandle(int fd)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	HANDLE h;

	if (!f)
		return -1;
	h = handle_of(f, fd);
	return h ? (intptr_t)h : -1;
}

/* The descriptor takes h over, as msvcrt's does: _get_osfhandle returns
 * h and _close closes it.  It reads and writes through a Linux fd of its
 * own on h's open file (one file position), as an inherited descriptor
 * does (take_fd).  flags: _O_TEXT or _O_BINARY (neither: binary, whatever
 * _fmode says; a Unicode mode alone is binary too), _O_APPEND (set on the
 * open file, so every write of the descriptor, its streams and h goes to
 * the end), _O_NOINHERIT; the access bits are not checked against h's,
 * as by msvcrt.  The new descriptor, or -1 with errno EBADF when h is
 * not a file handle. */
int WINAPI w32__open_osfhandle(intptr_t h, int flags)
{
	struct rt_object *o = rt_handle_get((HANDLE)h, RT_H_FILE);
	int lfd, fd, fl;

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
	if ((flags & _O_APPEND) && (fl = fcntl(lfd, F_GETFL)) >= 0)
		fcntl(lfd, F_SETFL, fl | O_APPEND);
	if (!(flags & (_O_TEXT | _O_BINARY)))
		flags |= _O_BINARY;
	flags &= _O_TEXT | _O_BINARY | _O_APPEND | _O_NOINHERIT;
	fd = rt_crt_fd_new(lfd, flags);
	if (fd >= 0)
		fds[fd].handle = (HANDLE)h;
	return fd;
}

/* ---- descriptors a child process inherits ---------------------------- */

/* The flags of an entry of the block (msvcrt's ioinfo flags). */
#define CRT_FOPEN	0x01
#define CRT_FPIPE	0x08
#define CRT_FAPPEND 0x20
#define CRT_FDEV	0x40
#define CRT_FTEXT	0x80

/* The layout msvcrt reads: a count, then a flag byte per descriptor, then
 * a handle per descriptor (unaligned), INVALID_HANDLE_VALUE for a
 * descriptor not passed. */
BYTE *rt_crt_inherit_block(WORD *n)
{
	unsigned count = 0;
	size_t size;
	BYTE *b;

	pthread_mutex_lock(&fd_lock);
	for (unsigned i = 0; i < MAX_FDS; i++)
		if (fds[i].used)
			count = i + 1;
	size = 4 + (size_t)count * (1 + sizeof(HANDLE));
	b = calloc(1, size);
	if (!b) {
		pthread_mutex_unlock(&fd_lock);
		*n = 0;
		return 0;
	}
	memcpy(b, &count, 4);
	for (unsigned i = 0; i < count; i++) {
		struct rt_crt_fd *f = &fds[i];
		HANDLE h = f->used && !f->noinherit ? handle_of(f, (int)i) : 0;
		BYTE flags = 0;
		struct stat st;

		if (h) {
			flags = CRT_FOPEN | (f->text ? CRT_FTEXT : 0) |
				(f->append ? CRT_FAPPEND : 0) |
				(isatty(f->fd) ? CRT_FDEV : 0);
			if (fstat(f->fd, &st) == 0 && S_ISFIFO(st.st_mode))
				flags |= CRT_FPIPE;
		} else {
			h = INVALID_HANDLE_VALUE;
		}
		b[4 + i] = flags;
		memcpy(b + 4 + count + i * sizeof(HANDLE), &h, sizeof(HANDLE));
	}
	pthread_mutex_unlock(&fd_lock);
	*n = (WORD)size;
	return b;
}

/* Descriptor i from a block entry: a Linux fd of its own beside the
 * inherited handle's (both closed by _close), in the entry's modes.  For
 * 0..2 that is Linux fd i, and the handle becomes the standard handle
 * too, as msvcrt's start-up makes it (a parent's SetStdHandle does not
 * redirect a child of _spawn: the table it hands over does). */
static void take_fd(unsigned i, BYTE flags, HANDLE h)
{
	struct rt_object *o = rt_handle_get(h, RT_H_FILE);
	int lfd;

	if (!o)
		return;
	if (i <= 2) {
		lfd = o->fd == (int)i || dup2(o->fd, (int)i) == (int)i
			      ? (int)i
			      : -1;
		if (lfd >= 0)
			rt_set_std_handle((int)i, h);
	} else {
		lfd = fcntl(o->fd, F_DUPFD_CLOEXEC, 3);
	}
	if (lfd >= 0) {
		if (fds[i].used && fds[i].share_fd >= 0)
			close(fds[i].share_fd);
		fds[i].used = 1;
		fds[i].fd = lfd;
		fds[i].text = (flags & CRT_FTEXT) != 0;
		fds[i].append = (flags & CRT_FAPPEND) != 0;
		fds[i].pending = -1;
		fds[i].share_fd = o->share_fd >= 0
					  ? fcntl(o->share_fd, F_DUPFD_CLOEXEC, 3)
					  : -1;
		fds[i].handle = h;
	}
	rt_object_put(o);
}

void rt_crt_inherit_take(void)
{
	STARTUPINFOA si;
	unsigned count;

	w32_GetStartupInfoA(&si);
	if (!si.lpReserved2 || si.cbReserved2 < 4)
		return;
	memcpy(&count, si.lpReserved2, 4);
	if (count > (si.cbReserved2 - 4u) / (1 + sizeof(HANDLE)))
		return; /* not msvcrt's block */
	pthread_mutex_lock(&fd_lock);
	for (unsigned i = 0; i < count && i < MAX_FDS; i++) {
		BYTE flags = si.lpReserved2[4 + i];
		HANDLE h;

		memcpy(&h, si.lpReserved2 + 4 + count + i * sizeof(HANDLE),
		       sizeof(h));
		if ((flags & CRT_FOPEN) && h != INVALID_HANDLE_VALUE)
			take_fd(i, flags, h);
	}
	pthread_mutex_unlock(&fd_lock);
}
