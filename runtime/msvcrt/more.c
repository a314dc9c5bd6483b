/*
 * msvcrt_more.c — msvcrt functions the C++ runtime and other mingw
 * libraries import: aligned allocation, _assert, _findfirst family,
 * wide-path file functions, _ftime64, _utime64, _umask, _sopen,
 * _beginthreadex, gets.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- aligned allocation: the block's start is kept just below ------- */

void *WINAPI w32__aligned_malloc(size_t size, size_t align)
{
	uint8_t *raw, *p;

	if (align & (align - 1)) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	raw = malloc(size + align + sizeof(void *));
	if (!raw) {
		*rt_errno_ptr() = W_ENOMEM;
		return 0;
	}
	p = (uint8_t *)(((uintptr_t)raw + sizeof(void *) + align - 1) &
			~(uintptr_t)(align - 1));
	((void **)p)[-1] = raw;
	return p;
}

void WINAPI w32__aligned_free(void *p)
{
	if (p)
		free(((void **)p)[-1]);
}

void *WINAPI w32__aligned_realloc(void *p, size_t size, size_t align)
{
	void *n;
	size_t old;

	if (!p)
		return w32__aligned_malloc(size, align);
	if (!size) {
		w32__aligned_free(p);
		return 0;
	}
	n = w32__aligned_malloc(size, align);
	if (!n)
		return 0;
	/* The old size is not recorded; copy what the old block can hold. */
	old = malloc_usable_size(((void **)p)[-1]) -
		(size_t)((uint8_t *)p - (uint8_t *)((void **)p)[-1]);
	memcpy(n, p, old < size ? old : size);
	w32__aligned_free(p);
	return n;
}

/* ---- _assert ---------------------------------------------------------------
 */


/* msvcrt's message for a console program, then abort (exit code 3). */
void WINAPI w32__assert(const char *expr, const char *file, unsigned line)
{
	rt_stdio_flushall();
	fprintf(stderr, "Assertion failed: %s, file %s, line %u\n", expr, file,
		line);
	w32_abort();
}

/* ---- _findfirst64 / _wfindfirst64
 * -------------------------------------------- */


_Static_assert(offsetof(struct finddata64, name) == 40, "_finddata64_t");

static int64_t ft_unix(const FILETIME *ft)
{
	uint64_t v = (uint64_t)ft->dwHighDateTime << 32 | ft->dwLowDateTime;

	return (int64_t)(v / 10000000u) - 11644473600ll;
}

static void conv_find(const WIN32_FIND_DATAA *f, struct finddata64 *o)
{
	memset(o, 0, sizeof(*o));
	o->attrib = f->dwFileAttributes;
	o->time_create = ft_unix(&f->ftCreationTime);
	o->time_access = ft_unix(&f->ftLastAccessTime);
	o->time_write = ft_unix(&f->ftLastWriteTime);
	o->size = (int64_t)((uint64_t)f->nFileSizeHigh << 32 | f->nFileSizeLow);
	memcpy(o->name, f->cFileName, sizeof(o->name));
}

static void widen_find(const struct finddata64 *a, struct wfinddata64 *w)
{
	WCHAR *n = rt_utf16_dup(a->name);

	memset(w, 0, sizeof(*w));
	memcpy(w, a, offsetof(struct finddata64, name));
	if (n) {
		size_t len = rt_wcslen(n);

		memcpy(w->name, n, (len < 259 ? len : 259) * sizeof(WCHAR));
		free(n);
	}
}

intptr_t WINAPI w32__findfirst64(const char *spec, struct finddata64 *o)
{
	WIN32_FIND_DATAA f;
	HANDLE h = w32_FindFirstFileA(spec, &f);

	if (h == INVALID_HANDLE_VALUE) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	conv_find(&f, o);
	return (intptr_t)h;
}

int WINAPI w32__findnext64(intptr_t h, struct finddata64 *o)
{
	WIN32_FIND_DATAA f;

	if (!w32_FindNextFileA((HANDLE)h, &f)) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	conv_find(&f, o);
	return 0;
}

int WINAPI w32__findclose(intptr_t h)
{
	if (!w32_FindClose((HANDLE)h)) {
		*rt_errno_ptr() = W_ENOENT;
		return -1;
	}
	return 0;
}

intptr_t WINAPI w32__wfindfirst64(const WCHAR *spec, struct wfinddata64 *o)
{
	char *s = rt_utf8_dup(spec);
	struct finddata64 a;
	intptr_t h;

	if (!s)
		return -1;
	h = w32__findfirst64(s, &a);
	free(s);
	if (h != -1)
		widen_find(&a, o);
	return h;
}

int WINAPI w32__wfindnext64(intptr_t h, struct wfinddata64 *o)
{
	struct finddata64 a;

	if (w32__findnext64(h, &a) < 0)
		return -1;
	widen_find(&a, o);
	return 0;
}

/* ---- paths, modes, times
 * ----------------------------------------------------- */


/* Calls fn with the UTF-8 form of a wide path. */
static int wide_path(const WCHAR *w, int (*fn)(const char *))
{
	char *s = rt_utf8_dup(w);
	int r;

	if (!s) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	r = fn(s);
	free(s);
	return r;
}

static int chdir_w32(const char *s)
{
	return w32__chdir(s);
}

static int mkdir_w32(const char *s)
{
	return w32__mkdir(s);
}

int WINAPI w32__wchdir(const WCHAR *name)
{
	return wide_path(name, chdir_w32);
}

int WINAPI w32__wmkdir(const WCHAR *name)
{
	return wide_path(name, mkdir_w32);
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

WCHAR *WINAPI w32__wgetcwd(WCHAR *buf, int size)
{
	char *c = w32__getcwd(0, 0);
	WCHAR *w;
	size_t n;

	if (!c)
		return 0;
	w = rt_utf16_dup(c);
	free(c);
	if (!w || !buf)
		return w;
	n = rt_wcslen(w);
	if (n + 1 > (size_t)size) {
		free(w);
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(buf, w, (n + 1) * sizeof(WCHAR));
	free(w);
	return buf;
}

char *WINAPI w32__fullpath(char *buf, const char *rel, size_t size)
{
	char tmp[4096];
	DWORD n = w32_GetFullPathNameA(rel && *rel ? rel : ".", sizeof(tmp),
				       tmp, 0);

	if (!n || n >= sizeof(tmp))
		return 0;
	if (!buf)
		return strdup(tmp);
	if (n + 1 > size) {
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(buf, tmp, n + 1);
	return buf;
}

WCHAR *WINAPI w32__wfullpath(WCHAR *buf, const WCHAR *rel, size_t size)
{
	char *r = rel ? rt_utf8_dup(rel) : 0, *full = w32__fullpath(0, r, 0);
	WCHAR *w = full ? rt_utf16_dup(full) : 0;
	size_t n;

	free(r);
	free(full);
	if (!w || !buf)
		return w;
	n = rt_wcslen(w);
	if (n + 1 > size) {
		free(w);
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(buf, w, (n + 1) * sizeof(WCHAR));
	free(w);
	return buf;
}

int WINAPI w32__wstat64(const WCHAR *name, void *st)
{
	char *s = rt_utf8_dup(name);
	int r = s ? w32__stat64(s, st) : -1;

	free(s);
	return r;
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

/* Windows' umask only decides whether new files are read-only; it is
 * recorded and returned. */
static int crt_umask;

int WINAPI w32__umask(int mask)
{
	return __atomic_exchange_n(&crt_umask, mask, __ATOMIC_SEQ_CST);
}


/* Sharing modes have no Linux counterpart; _sopen is _open. */
int WINAPI w32__sopen(const char *name, int flags, int share, int mode)
{
	return w32__open(name, flags, mode);
}


void WINAPI w32__ftime64(struct timeb64 *tb)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	tb->time = ts.tv_sec;
	tb->millitm = (uint16_t)(ts.tv_nsec / 1000000);
	tb->timezone =
		(int16_t)(-(tm.tm_gmtoff - (tm.tm_isdst > 0 ? 3600 : 0)) / 60);
	tb->dstflag = (int16_t)(tm.tm_isdst > 0);
}

/* ---- threads ----------------------------------------------------------------
 */

typedef DWORD(WINAPI *thread_fn)(void *);

uintptr_t WINAPI w32__beginthreadex(void *sa, unsigned stack, thread_fn fn,
				    void *arg, unsigned flags, unsigned *tid)
{
	HANDLE h = w32_CreateThread(sa, stack, fn, arg, flags, (DWORD *)tid);

	if (!h)
		*rt_errno_ptr() = W_EAGAIN;
	return (uintptr_t)h;
}

void WINAPI w32__endthreadex(unsigned code)
{
	w32_ExitThread(code);
}

/* ---- gets
 * -------------------------------------------------------------------- */


/* Reads a line from stdin without its '\n' (no bound: as dangerous as
 * the C library's own). */
char *WINAPI w32_gets(char *buf)
{
	struct w32_file *in = &w32___iob_func()[0];
	size_t n = 0;
	int c;

	while ((c = w32_fgetc(in)) != -1 && c != '\n')
		buf[n++] = (char)c;
	if (c == -1 && n == 0)
		return 0;
	buf[n] = 0;
	return buf;
}

