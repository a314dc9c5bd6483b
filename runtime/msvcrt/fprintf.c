/*
 * msvcrt_fprintf.c — formatted I/O on msvcrt streams: the printf and
 * wprintf families, fputws/fputwc, perror, and the scanf family, on top of
 * the stream layer (msvcrt_stdio.c) and the engines (msvcrt_fmt.c,
 * msvcrt_scan.c).
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

#define EOF (-1)

/* Wide characters on a byte stream, "C" locale: each code unit up to
 * 0xff is one byte; a larger one stops the output there (EILSEQ). */
static int out_wide(struct rt_stream *s, const WCHAR *w, size_t n)
{
	char b[256];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (w[i] > 0xff) {
			if (k)
				rt_stream_write(s, b, k);
			*rt_errno_ptr() = W_EILSEQ;
			return -1;
		}
		b[k++] = (char)w[i];
		if (k == sizeof(b)) {
			if (rt_stream_write(s, b, k) < 0)
				return -1;
			k = 0;
		}
	}
	return k ? rt_stream_write(s, b, k) : 0;
}

static int stream_sink_put(struct rt_sink *k, const void *u, size_t n);

struct stream_sink {
	struct rt_sink s;
	struct rt_stream *st;
};

static int stream_sink_put(struct rt_sink *k, const void *u, size_t n)
{
	struct stream_sink *ss = (struct stream_sink *)k;

	if (k->wide)
		return out_wide(ss->st, u, n);
	return rt_stream_write(ss->st, u, n);
}

static int vfprint(struct w32_file *f, const void *fmt, int wide,
		   w32_va_list *ap)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	struct stream_sink k = {{stream_sink_put, 0, wide, 0}, s};
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
	return vfprint(f, fmt, 0, &ap);
}

int WINAPI w32_vprintf(const char *fmt, w32_va_list ap)
{
	return vfprint(rt_stream_std(1), fmt, 0, &ap);
}

int WINAPI w32_fprintf(struct w32_file *f, const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(f, fmt, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_printf(const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(rt_stream_std(1), fmt, 0, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_vfwprintf(struct w32_file *f, const WCHAR *fmt, w32_va_list ap)
{
	return vfprint(f, fmt, 1, &ap);
}

int WINAPI w32_vwprintf(const WCHAR *fmt, w32_va_list ap)
{
	return vfprint(rt_stream_std(1), fmt, 1, &ap);
}

int WINAPI w32_fwprintf(struct w32_file *f, const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(f, fmt, 1, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_wprintf(const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfprint(rt_stream_std(1), fmt, 1, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_fputws(const WCHAR *w, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	int r;

	if (!s)
		return EOF;
	r = out_wide(s, w, rt_wcslen(w));
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? EOF : 0;
}

unsigned short WINAPI w32_fputwc(unsigned short c, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	int r;

	if (!s)
		return 0xffff;
	r = out_wide(s, &c, 1);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? 0xffff : c;
}


void WINAPI w32_perror(const char *msg)
{
	const char *m = w32_strerror(*rt_errno_ptr());

	if (msg && *msg) {
		w32_fputs(msg, rt_stream_std(2));
		w32_fputs(": ", rt_stream_std(2));
	}
	w32_fputs(m, rt_stream_std(2));
	w32_fputs("\n", rt_stream_std(2));
}

/* ---- scanf on streams ----------------------------------------------- */

struct file_source {
	struct rt_source src;
	struct rt_stream *s;
};

static int fs_get(struct rt_source *src)
{
	return rt_stream_getc(((struct file_source *)src)->s);
}

static void fs_unget(struct rt_source *src, int c)
{
	rt_stream_ungetc(((struct file_source *)src)->s, c);
}

static int vfscan(struct w32_file *f, const char *fmt, w32_va_list *ap)
{
	struct rt_stream *s = rt_stream_lock_in(f);
	struct file_source fs = {{fs_get, fs_unget, 0}, s};
	int r;

	if (!s)
		return EOF;
	r = rt_vscan(&fs.src, fmt, ap);
	rt_stream_unlock(s);
	return r;
}

int WINAPI w32_fscanf(struct w32_file *f, const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfscan(f, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_scanf(const char *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfscan(rt_stream_std(0), fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_vfscanf(struct w32_file *f, const char *fmt, w32_va_list ap)
{
	return vfscan(f, fmt, &ap);
}

int WINAPI w32_vscanf(const char *fmt, w32_va_list ap)
{
	return vfscan(rt_stream_std(0), fmt, &ap);
}

