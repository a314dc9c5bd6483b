/*
 * stat.c — what msvcrt says and changes about a file by name or
 * descriptor: the stat family (_stat, _stat64, _wstat64, _fstat,
 * _fstat64), _access, _chmod/_wchmod, _umask, _utime64/_wutime64.
 *
 * struct _stat64 is msvcrt's (56 bytes: 16-bit inode, mode and ids,
 * 64-bit size and times), not Linux's; _stat on x64 msvcrt.dll has a
 * 32-bit size and 64-bit times.
 */
#include <errno.h>
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
	o->st_ctime_ = st->st_ctime;
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

int WINAPI w32__wstat64(const WCHAR *name, void *st)
{
	char *s = rt_utf8_dup(name);
	int r = s ? w32__stat64(s, st) : -1;

	free(s);
	return r;
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
	char *p = rt_unix_path(name);
	int r;

	if (!p)
		return -1;
	/* 0 exists, 2 write, 4 read, 6 both; X_OK does not exist. */
	r = access(p, (mode & 2 ? W_OK : 0) | (mode & 4 ? R_OK : 0) | F_OK);
	if (r != 0)
		rt_set_errno_from(errno);
	free(p);
	return r ? -1 : 0;
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

/* Windows' umask only decides whether new files are read-only; it is
 * recorded and returned. */
static int crt_umask;

int WINAPI w32__umask(int mask)
{
	return __atomic_exchange_n(&crt_umask, mask, __ATOMIC_SEQ_CST);
}

int WINAPI w32__utime64(const char *name, const struct utimbuf64 *t)
{
	char *p = rt_unix_path(name);
	struct timeval tv[2];
	int r;

	if (!p)
		return -1;
	if (t) {
		tv[0].tv_sec = (time_t)t->actime;
		tv[0].tv_usec = 0;
		tv[1].tv_sec = (time_t)t->modtime;
		tv[1].tv_usec = 0;
	}
	r = utimes(p, t ? tv : 0);
	if (r != 0)
		rt_set_errno_from(errno);
	free(p);
	return r ? -1 : 0;
}

int WINAPI w32__wutime64(const WCHAR *name, const struct utimbuf64 *t)
{
	char *s = rt_utf8_dup(name);
	int r = s ? w32__utime64(s, t) : -1;

	free(s);
	return r;
}
