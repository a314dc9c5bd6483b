/*
 * stat.c — what msvcrt says and changes about a file by name or
 * descriptor: the stat family (_stat/_wstat, _stat64/_wstat64, _fstat,
 * _fstat64; the i64 forms are the 64 ones on x64, in exports.h),
 * _access/_waccess, _chmod/_wchmod, _umask, and the times _utime64,
 * _utime32, _futime64, _futime32 with their wide twins.  A wide name is
 * converted once (UTF-8, the ANSI code page) and takes the narrow path.
 *
 * struct _stat64 is msvcrt's (56 bytes: 16-bit inode, mode and ids,
 * 64-bit size and times), not Linux's; _stat on x64 msvcrt.dll has a
 * 32-bit size and 64-bit times.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

_Static_assert(sizeof(struct w32_stat64) == 56, "msvcrt struct _stat64");

_Static_assert(sizeof(struct w32_stat) == 48, "msvcrt struct _stat");

/* msvcrt's mode: type bits, and the owner's rwx copied to group and
 * other (Windows has no such distinction). */
static void fill64(const struct stat *st, struct w32_stat64 *o)
{
	unsigned m = 0;

	if (S_ISDIR(st->st_mode))
		m = 0x4000 | 0x40; /* _S_IFDIR, searchable */
	else if (S_ISCHR(st->st_mode))
		m = 0x2000;
	else if (S_ISFIFO(st->st_mode))
		m = 0x1000;
	else
		m = 0x8000;
	m |= 0x100; /* _S_IREAD */
	if (st->st_mode & 0200)
		m |= 0x80; /* _S_IWRITE */
	if (st->st_mode & 0100)
		m |= 0x40;
	m |= (m & 0x1c0) >> 3 | (m & 0x1c0) >> 6;
	memset(o, 0, sizeof(*o));
	o->st_dev = (uint32_t)st->st_dev;
	o->st_mode = (uint16_t)m;
	o->st_nlink = (int16_t)st->st_nlink;
	o->st_size = st->st_size;
	o->st_atime_ = st->st_atime;
	o->st_mtime_ = st->st_mtime;
	/* msvcrt's st_ctime is the creation time, which kernel32 (as
	 * Wine) reports as the last write time. */
	o->st_ctime_ = st->st_mtime;
}

static void narrow(const struct w32_stat64 *a, struct w32_stat *o)
{
	memset(o, 0, sizeof(*o));
	o->st_dev = a->st_dev;
	o->st_ino = a->st_ino;
	o->st_mode = a->st_mode;
	o->st_nlink = a->st_nlink;
	o->st_rdev = a->st_rdev;
	o->st_size = (int32_t)a->st_size;
	o->st_atime_ = a->st_atime_;
	o->st_mtime_ = a->st_mtime_;
	o->st_ctime_ = a->st_ctime_;
}

int WINAPI w32__stat64(const char *name, struct w32_stat64 *o)
{
	char *p = rt_unix_path(name);
	struct stat st;
	int r;

	if (!p) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	r = stat(p, &st);
	free(p);
	if (r != 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	fill64(&st, o);
	return 0;
}

/* The UTF-8 form of a wide name (errno EINVAL for NULL, ENOMEM). */
static char *narrow_name(const WCHAR *name)
{
	char *s = name ? rt_utf8_dup(name) : 0;

	if (!s)
		*rt_errno_ptr() = name ? W_ENOMEM : W_EINVAL;
	return s;
}

int WINAPI w32__wstat64(const WCHAR *name, void *st)
{
	char *s = narrow_name(name);
	int r = s ? w32__stat64(s, st) : -1;

	free(s);
	return r;
}

/* _stat of a wide name: 32-bit size, 64-bit times. */
int WINAPI w32__wstat(const WCHAR *name, struct w32_stat *o)
{
	struct w32_stat64 a;

	if (w32__wstat64(name, &a) < 0)
		return -1;
	narrow(&a, o);
	return 0;
}

int WINAPI w32__fstat64(int fd, struct w32_stat64 *o)
{
	struct rt_crt_fd *f = rt_crt_fd(fd);
	struct stat st;

	if (!f)
		return -1;
	if (fstat(f->fd, &st) != 0) {
		rt_set_errno_from(errno);
		return -1;
	}
	fill64(&st, o);
	return 0;
}

int WINAPI w32__stat(const char *name, struct w32_stat *o)
{
	struct w32_stat64 a;

	if (w32__stat64(name, &a) < 0)
		return -1;
	narrow(&a, o);
	return 0;
}

int WINAPI w32__fstat(int fd, struct w32_stat *o)
{
	struct w32_stat64 a;

	if (w32__fstat64(fd, &a) < 0)
		return -1;
	narrow(&a, o);
	return 0;
}

int WINAPI w32__access(const char *name, int mode)
{
	char *p = name ? rt_unix_path(name) : 0;
	int r;

	if (!p) {
		*rt_errno_ptr() = name ? W_ENOMEM : W_EINVAL;
		return -1;
	}
	/* 0 exists, 2 write, 4 read, 6 both; X_OK does not exist.  Write
	 * is what the read-only attribute says (the owner's write bit, as
	 * _chmod sets it), whoever asks: root is no exception on Windows. */
	r = access(p, (mode & 4 ? R_OK : 0) | F_OK);
	if (r == 0 && (mode & 2)) {
		struct stat st;

		if (stat(p, &st) != 0)
			r = -1;
		else if (!(st.st_mode & 0200))
			r = -1, errno = EACCES;
	}
	if (r != 0)
		rt_set_errno_from(errno);
	free(p);
	return r ? -1 : 0;
}

int WINAPI w32__waccess(const WCHAR *name, int mode)
{
	char *s = narrow_name(name);
	int r = s ? w32__access(s, mode) : -1;

	free(s);
	return r;
}

/* _S_IWRITE (0x80) present: writable; absent: read-only. */
int WINAPI w32__chmod(const char *name, int mode)
{
	char *p = rt_unix_path(name);
	struct stat st;
	int r = -1;

	if (p && stat(p, &st) == 0) {
		mode_t m = st.st_mode & 07777;

		m = (mode & 0x80) ? (m | 0200) : (m & ~0222u);
		r = chmod(p, m);
	}
	if (r != 0)
		rt_set_errno_from(errno);
	free(p);
	return r ? -1 : 0;
}

int WINAPI w32__wchmod(const WCHAR *name, int mode)
{
	char *s = rt_utf8_dup(name);
	int r = s ? w32__chmod(s, mode) : -1;

	free(s);
	return r;
}

/* Windows' umask only decides whether new files are read-only: with
 * _S_IWRITE in it, every file an open creates (_open, _sopen, _creat,
 * fopen and their wide twins: rt_crt_open) is read-only.  The whole mask
 * is kept and returned, as msvcrt does. */
static int crt_umask;

int WINAPI w32__umask(int mask)
{
	return __atomic_exchange_n(&crt_umask, mask, __ATOMIC_SEQ_CST);
}

int rt_crt_umask(void)
{
	return __atomic_load_n(&crt_umask, __ATOMIC_SEQ_CST);
}

/* Access and modification times of a file (now when t is NULL). */
static int set_times(const char *name, int fd, const struct utimbuf64 *t)
{
	struct timespec ts[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
	struct rt_crt_fd *f = 0;
	char *p = 0;
	int r;

	if (name && !(p = rt_unix_path(name))) {
		*rt_errno_ptr() = W_ENOMEM;
		return -1;
	}
	if (!name && !(f = rt_crt_fd(fd)))
		return -1;
	if (t) {
		ts[0].tv_sec = (time_t)t->actime;
		ts[0].tv_nsec = 0;
		ts[1].tv_sec = (time_t)t->modtime;
		ts[1].tv_nsec = 0;
	}
	r = p ? utimensat(AT_FDCWD, p, ts, 0) : futimens(f->fd, ts);
	if (r != 0)
		rt_set_errno_from(errno);
	free(p);
	return r ? -1 : 0;
}

/* struct __utimbuf32 widened (NULL stays NULL). */
static const struct utimbuf64 *widen_times(const struct utimbuf32 *t,
					   struct utimbuf64 *o)
{
	if (!t)
		return 0;
	o->actime = t->actime;
	o->modtime = t->modtime;
	return o;
}

int WINAPI w32__utime64(const char *name, const struct utimbuf64 *t)
{
	if (!name) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	return set_times(name, -1, t);
}

int WINAPI w32__wutime64(const WCHAR *name, const struct utimbuf64 *t)
{
	char *s = narrow_name(name);
	int r = s ? set_times(s, -1, t) : -1;

	free(s);
	return r;
}

int WINAPI w32__utime32(const char *name, const struct utimbuf32 *t)
{
	struct utimbuf64 w;

	return w32__utime64(name, widen_times(t, &w));
}

int WINAPI w32__wutime32(const WCHAR *name, const struct utimbuf32 *t)
{
	struct utimbuf64 w;

	return w32__wutime64(name, widen_times(t, &w));
}

/* The times of the file open as descriptor fd (EBADF when it is not). */
int WINAPI w32__futime64(int fd, const struct utimbuf64 *t)
{
	return set_times(0, fd, t);
}

int WINAPI w32__futime32(int fd, const struct utimbuf32 *t)
{
	struct utimbuf64 w;

	return set_times(0, fd, widen_times(t, &w));
}
