/*
 * msvcrt_wide.c — msvcrt's stat family and the wide-character functions
 * the C++ runtime (libstdc++) imports: getwc/putwc/ungetwc, iswctype,
 * wcscoll, wcsxfrm, wcsftime.
 *
 * struct _stat64 is msvcrt's (56 bytes: 16-bit inode, mode and ids,
 * 64-bit size and times), not Linux's; _stat on x64 msvcrt.dll has a
 * 32-bit size and 64-bit times.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <wctype.h>

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

int64_t WINAPI w32__filelengthi64(int fd)
{
	struct w32_stat64 a;

	return w32__fstat64(fd, &a) < 0 ? -1 : a.st_size;
}

/* ---- wide characters on byte streams ("C" locale: one byte each) -- */

#undef WEOF
#define WEOF 0xffffu


unsigned short WINAPI w32_fgetwc(struct w32_file *f)
{
	int c = w32_fgetc(f);

	return c < 0 ? WEOF : (unsigned short)c;
}

unsigned short WINAPI w32_getwc(struct w32_file *f)
{
	return w32_fgetwc(f);
}

unsigned short WINAPI w32_putwc(unsigned short c, struct w32_file *f)
{
	return w32_fputwc(c, f);
}

unsigned short WINAPI w32_ungetwc(unsigned short c, struct w32_file *f)
{
	if (c == WEOF || c > 0xff)
		return WEOF;
	return w32_ungetc(c, f) < 0 ? WEOF : c;
}

/* iswctype's mask uses msvcrt's ctype bits (_UPPER 1, _LOWER 2, _DIGIT 4,
 * _SPACE 8, _PUNCT 0x10, _CONTROL 0x20, _BLANK 0x40, _HEX 0x80,
 * _ALPHA 0x100). */
int WINAPI w32_iswctype(unsigned short c, unsigned short mask)
{
	extern unsigned short *w32__pctype;
	unsigned m = 0;

	if (c < 256)
		return w32__pctype[c] & mask;
	if (iswupper(c))
		m |= 0x1 | 0x100;
	if (iswlower(c))
		m |= 0x2 | 0x100;
	if (iswalpha(c))
		m |= 0x100;
	if (iswdigit(c))
		m |= 0x4;
	if (iswspace(c))
		m |= 0x8;
	if (iswpunct(c))
		m |= 0x10;
	if (iswcntrl(c))
		m |= 0x20;
	return (int)(m & mask);
}

int WINAPI w32_wcscoll(const WCHAR *a, const WCHAR *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (*a > *b) - (*a < *b);
}

/* The "C" locale's collation is the code-unit order: the key is the
 * string itself. */
size_t WINAPI w32_wcsxfrm(WCHAR *d, const WCHAR *s, size_t n)
{
	size_t len = rt_wcslen(s);

	if (d && len < n)
		memcpy(d, s, (len + 1) * sizeof(WCHAR));
	return len;
}


size_t WINAPI w32_wcsftime(WCHAR *buf, size_t n, const WCHAR *fmt,
			   const void *tm)
{
	char *f = rt_utf8_dup(fmt), out[512];
	WCHAR *w;
	size_t len, r = 0;

	if (!f)
		return 0;
	len = w32_strftime(out, sizeof(out), f, tm);
	free(f);
	if (len == 0 && fmt[0])
		return 0;
	w = rt_utf16_dup(out);
	if (!w)
		return 0;
	len = rt_wcslen(w);
	if (len < n) {
		memcpy(buf, w, (len + 1) * sizeof(WCHAR));
		r = len;
	}
	free(w);
	return r;
}

