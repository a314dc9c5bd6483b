/*
 * printf.c — msvcrt's printf family: into streams (printf, fprintf,
 * vfprintf, wprintf, fwprintf, ...) and into memory (sprintf, _snprintf
 * with -1 and no NUL when the text does not fit, C99 snprintf, _scprintf
 * which only counts, and the wide swprintf/_snwprintf — the old swprintf
 * without a size), and their _l forms, which format in the locale given
 * instead of the current one.  Each builds a sink for the engine
 * (format.c); wide output to a byte stream goes through
 * rt_stream_write_wide.
 */
#include <stdint.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- into streams -------------------------------------------------- */

struct stream_sink {
	struct rt_sink s;
	struct rt_stream *st;
};

static int stream_sink_put(struct rt_sink *k, const void *u, size_t n)
{
	struct stream_sink *ss = (struct stream_sink *)k;

	if (k->wide)
		return rt_stream_write_wide(ss->st, u, n, k->loc->lc_codepage);
	return rt_stream_write(ss->st, u, n);
}

static int vfprint(struct w32_file *f, const void *fmt, int wide,
		   w32_locale_t l, w32_va_list *ap)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	struct stream_sink k = {{stream_sink_put, 0, wide, 0, rt_crt_locinfo(l)},
				s};
	int r;

	if (!s)
		return -1;
	r = rt_vformat(&k.s, fmt, wide, ap);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r;
}

int WINAPI w32_vfprintf(struct w32_file *f, const char *fmt, w32_va_list ap)
{
	return vfprint(f, fmt, 0, 0, &ap);
}

int WINAPI w32_vprintf(const char *fmt, w32_va_list ap)
{
	return vfprint(rt_stream_std(1), fmt, 0, 0, &ap);
}

int WINAPI w32_fprintf(struct w32_file *f, const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(f, fmt, 0, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_printf(const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(rt_stream_std(1), fmt, 0, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_vfwprintf(struct w32_file *f, const WCHAR *fmt, w32_va_list ap)
{
	return vfprint(f, fmt, 1, 0, &ap);
}

int WINAPI w32_vwprintf(const WCHAR *fmt, w32_va_list ap)
{
	return vfprint(rt_stream_std(1), fmt, 1, 0, &ap);
}

int WINAPI w32_fwprintf(struct w32_file *f, const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(f, fmt, 1, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_wprintf(const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(rt_stream_std(1), fmt, 1, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* ---- into memory --------------------------------------------------- */

struct buf_sink {
	struct rt_sink s;
	void *buf;
	size_t cap; /* units; SIZE_MAX: unbounded */
	size_t n;
};

static int buf_put(struct rt_sink *s, const void *u, size_t n)
{
	struct buf_sink *b = (struct buf_sink *)s;
	size_t unit = s->wide ? 2 : 1;
	size_t room = b->cap > b->n ? b->cap - b->n : 0;
	size_t k = n < room ? n : room;

	if (b->buf && k) {
		memcpy((char *)b->buf + b->n * unit, u, k * unit);
		b->n += k;
	}
	return 0;
}

static void put_nul(void *buf, size_t i, int wide)
{
	if (wide)
		((WCHAR *)buf)[i] = 0;
	else
		((char *)buf)[i] = 0;
}

/* msvcrt's _vsnprintf: writes at most cap units; NUL-terminates when
 * there is room; returns the length, or -1 when it did not fit. */
static int vsn(void *buf, size_t cap, const void *fmt, int wide,
	       w32_locale_t l, w32_va_list *ap)
{
	struct buf_sink b = {{buf_put, 0, wide, 0, rt_crt_locinfo(l)}, buf, cap,
			     0};
	int r = rt_vformat(&b.s, fmt, wide, ap);

	if (r < 0) {
		/* What was written before the failure, terminated. */
		if (buf && b.n < cap)
			put_nul(buf, b.n, wide);
		return -1;
	}
	/* After what was written: a conversion msvcrt leaves uncounted
	 * (a wide %C without a byte) may have written its padding. */
	if (b.n < cap && buf)
		put_nul(buf, b.n, wide);
	/* A NULL buffer counts (Wine's msvcrt), whatever the size says. */
	if (!buf)
		return r;
	return (size_t)r > cap ? -1 : r;
}

int WINAPI w32__vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list ap)
{
	return vsn(buf, n, fmt, 0, 0, &ap);
}

int WINAPI w32__snprintf(char *buf, size_t n, const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vsn(buf, n, fmt, 0, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_vsprintf(char *buf, const char *fmt, w32_va_list ap)
{
	return vsn(buf, SIZE_MAX, fmt, 0, 0, &ap);
}

int WINAPI w32_sprintf(char *buf, const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vsn(buf, SIZE_MAX, fmt, 0, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* C99 snprintf semantics (msvcrt.dll of Windows 10 exports it). */
static int c99_vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list *ap)
{
	struct buf_sink b = {{buf_put, 0, 0, 0, 0}, buf, n ? n - 1 : 0, 0};
	int r = rt_vformat(&b.s, fmt, 0, ap);

	if (n && buf)
		buf[b.n] = 0;
	return r;
}

int WINAPI w32_vsnprintf(char *buf, size_t n, const char *fmt, w32_va_list ap)
{
	return c99_vsnprintf(buf, n, fmt, &ap);
}

int WINAPI w32_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = c99_vsnprintf(buf, n, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32__vscprintf(const char *fmt, w32_va_list ap)
{
	return vsn(0, SIZE_MAX, fmt, 0, 0, &ap);
}

int WINAPI w32__scprintf(const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vsn(0, SIZE_MAX, fmt, 0, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32__vsnwprintf(WCHAR *buf, size_t n, const WCHAR *fmt,
			   w32_va_list ap)
{
	return vsn(buf, n, fmt, 1, 0, &ap);
}

int WINAPI w32__snwprintf(WCHAR *buf, size_t n, const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vsn(buf, n, fmt, 1, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* msvcrt's swprintf is the old one: no size argument. */
int WINAPI w32_vswprintf(WCHAR *buf, const WCHAR *fmt, w32_va_list ap)
{
	return vsn(buf, SIZE_MAX, fmt, 1, 0, &ap);
}

int WINAPI w32_swprintf(WCHAR *buf, const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vsn(buf, SIZE_MAX, fmt, 1, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32__vscwprintf(const WCHAR *fmt, w32_va_list ap)
{
	return vsn(0, SIZE_MAX, fmt, 1, 0, &ap);
}

/* ---- the _l forms: the same in the locale given (its decimal point
 * and code page) ---------------------------------------------------- */

#define VA_L(call)                                                             \
	w32_va_list ap;                                                        \
	int r;                                                                 \
                                                                               \
	__builtin_ms_va_start(ap, l);                                          \
	r = call;                                                              \
	__builtin_ms_va_end(ap);                                               \
	return r

int WINAPI w32__vfprintf_l(struct w32_file *f, const char *fmt,
			   w32_locale_t l, w32_va_list ap)
{
	return vfprint(f, fmt, 0, l, &ap);
}

int WINAPI w32__fprintf_l(struct w32_file *f, const char *fmt, w32_locale_t l,
			  ...)
{
	VA_L(vfprint(f, fmt, 0, l, &ap));
}

int WINAPI w32__vprintf_l(const char *fmt, w32_locale_t l, w32_va_list ap)
{
	return vfprint(rt_stream_std(1), fmt, 0, l, &ap);
}

int WINAPI w32__printf_l(const char *fmt, w32_locale_t l, ...)
{
	VA_L(vfprint(rt_stream_std(1), fmt, 0, l, &ap));
}

int WINAPI w32__vsprintf_l(char *buf, const char *fmt, w32_locale_t l,
			   w32_va_list ap)
{
	return vsn(buf, SIZE_MAX, fmt, 0, l, &ap);
}

int WINAPI w32__sprintf_l(char *buf, const char *fmt, w32_locale_t l, ...)
{
	VA_L(vsn(buf, SIZE_MAX, fmt, 0, l, &ap));
}

int WINAPI w32__vsnprintf_l(char *buf, size_t n, const char *fmt,
			    w32_locale_t l, w32_va_list ap)
{
	return vsn(buf, n, fmt, 0, l, &ap);
}

int WINAPI w32__snprintf_l(char *buf, size_t n, const char *fmt,
			   w32_locale_t l, ...)
{
	VA_L(vsn(buf, n, fmt, 0, l, &ap));
}

int WINAPI w32__vscprintf_l(const char *fmt, w32_locale_t l, w32_va_list ap)
{
	return vsn(0, SIZE_MAX, fmt, 0, l, &ap);
}

int WINAPI w32__scprintf_l(const char *fmt, w32_locale_t l, ...)
{
	VA_L(vsn(0, SIZE_MAX, fmt, 0, l, &ap));
}

int WINAPI w32__vfwprintf_l(struct w32_file *f, const WCHAR *fmt,
			    w32_locale_t l, w32_va_list ap)
{
	return vfprint(f, fmt, 1, l, &ap);
}

int WINAPI w32__fwprintf_l(struct w32_file *f, const WCHAR *fmt,
			   w32_locale_t l, ...)
{
	VA_L(vfprint(f, fmt, 1, l, &ap));
}

int WINAPI w32__vwprintf_l(const WCHAR *fmt, w32_locale_t l, w32_va_list ap)
{
	return vfprint(rt_stream_std(1), fmt, 1, l, &ap);
}

int WINAPI w32__wprintf_l(const WCHAR *fmt, w32_locale_t l, ...)
{
	VA_L(vfprint(rt_stream_std(1), fmt, 1, l, &ap));
}

int WINAPI w32__vsnwprintf_l(WCHAR *buf, size_t n, const WCHAR *fmt,
			     w32_locale_t l, w32_va_list ap)
{
	return vsn(buf, n, fmt, 1, l, &ap);
}

int WINAPI w32__snwprintf_l(WCHAR *buf, size_t n, const WCHAR *fmt,
			    w32_locale_t l, ...)
{
	VA_L(vsn(buf, n, fmt, 1, l, &ap));
}

int WINAPI w32__vscwprintf_l(const WCHAR *fmt, w32_locale_t l,
			     w32_va_list ap)
{
	return vsn(0, SIZE_MAX, fmt, 1, l, &ap);
}

int WINAPI w32__scwprintf_l(const WCHAR *fmt, w32_locale_t l, ...)
{
	VA_L(vsn(0, SIZE_MAX, fmt, 1, l, &ap));
}

int WINAPI w32__scwprintf(const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vsn(0, SIZE_MAX, fmt, 1, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}
