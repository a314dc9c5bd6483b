/*
 * wchario.c — wide characters on msvcrt streams: fgetwc, fputwc, getwc,
 * putwc, getwchar, putwchar, ungetwc, and the lines fgetws, fputws,
 * _getws, _putws.  As in msvcrt, a text stream takes one byte a
 * character, as LC_CTYPE's code page converts it (in "C", up to 0xff);
 * a binary stream, or one whose descriptor is in a Unicode mode, takes
 * the UTF-16 units as they are (two bytes, low first), the descriptor
 * encoding them (unicode_io.c).
 */
#include "runtime/msvcrt/msvcrt.h"

#undef WEOF
#define WEOF 0xffffu

/* One wide character from locked stream s, or WEOF. */
static unsigned short getwc_locked(struct rt_stream *s)
{
	int c, d;

	if (rt_stream_text(s)) {
		c = rt_stream_getc(s);
		return c < 0
			? WEOF
			: rt_crt_byte_to_wide(rt_crt_locinfo(0)->lc_codepage,
					      (unsigned char)c);
	}
	c = rt_stream_getc(s);
	if (c < 0)
		return WEOF;
	d = rt_stream_getc(s);
	return d < 0 ? WEOF : (unsigned short)(c | d << 8);
}

unsigned short WINAPI w32_fgetwc(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_in(f);
	unsigned short c;

	if (!s)
		return WEOF;
	c = getwc_locked(s);
	rt_stream_unlock(s);
	return c;
}

unsigned short WINAPI w32_getwc(struct w32_file *f)
{
	return w32_fgetwc(f);
}

unsigned short WINAPI w32_getwchar(void)
{
	return w32_fgetwc(rt_stream_std(0));
}

unsigned short WINAPI w32__fgetwchar(void)
{
	return w32_fgetwc(rt_stream_std(0));
}

/* Two bytes go back on a binary or Unicode stream: into the buffer they
 * were read from (WEOF when there is none, as when nothing was read). */
unsigned short WINAPI w32_ungetwc(unsigned short c, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);
	int b, ok = 0;

	if (c == WEOF || !s || !s->used)
		return WEOF;
	pthread_mutex_lock(&s->lock);
	if (rt_stream_text(s)) {
		b = rt_crt_wide_to_byte(rt_crt_locinfo(0)->lc_codepage, c);
		pthread_mutex_unlock(&s->lock);
		return b < 0 || w32_ungetc(b, f) < 0 ? WEOF : c;
	}
	if (!s->writing && s->ungot < 0 && s->pos >= 2) {
		s->pos -= 2;
		s->buf[s->pos] = (char)(c & 0xff);
		s->buf[s->pos + 1] = (char)(c >> 8);
		s->eof = 0;
		ok = 1;
	}
	pthread_mutex_unlock(&s->lock);
	return ok ? c : WEOF;
}

/* fgetws: up to n - 1 characters, through the first '\n' (kept). */
WCHAR *WINAPI w32_fgetws(WCHAR *buf, int n, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_in(f);
	unsigned short c = WEOF;
	int k = 0;

	if (!s)
		return 0;
	while (n > 1 && (c = getwc_locked(s)) != WEOF && c != '\n') {
		buf[k++] = c;
		n--;
	}
	rt_stream_unlock(s);
	if (c == WEOF && k == 0)
		return 0;
	if (c != WEOF && n > 1)
		buf[k++] = c;
	buf[k] = 0;
	return buf;
}

/* _getws: a line from stdin without its '\n', '\r' left out (no bound,
 * as msvcrt's). */
WCHAR *WINAPI w32__getws(WCHAR *buf)
{
	struct rt_stream *s = rt_stream_lock_in(rt_stream_std(0));
	unsigned short c;
	size_t k = 0;

	if (!s)
		return 0;
	while ((c = getwc_locked(s)) != WEOF && c != '\n')
		if (c != '\r')
			buf[k++] = c;
	rt_stream_unlock(s);
	if (c == WEOF && k == 0)
		return 0;
	buf[k] = 0;
	return buf;
}

/* ---- output -------------------------------------------------------- */

unsigned short WINAPI w32_fputwc(unsigned short c, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	int r;

	if (!s)
		return WEOF;
	r = rt_stream_write_wide(s, &c, 1, rt_crt_locinfo(0)->lc_codepage);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? WEOF : c;
}

unsigned short WINAPI w32_putwc(unsigned short c, struct w32_file *f)
{
	return w32_fputwc(c, f);
}

unsigned short WINAPI w32_putwchar(unsigned short c)
{
	return w32_fputwc(c, rt_stream_std(1));
}

unsigned short WINAPI w32__fputwchar(unsigned short c)
{
	return w32_fputwc(c, rt_stream_std(1));
}

int WINAPI w32_fputws(const WCHAR *w, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	int r;

	if (!s)
		return EOF;
	r = rt_stream_write_wide(s, w, rt_wcslen(w),
				 rt_crt_locinfo(0)->lc_codepage);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? EOF : 0;
}

/* _putws: the line and a '\n' on stdout; 0, or WEOF. */
int WINAPI w32__putws(const WCHAR *w)
{
	static const WCHAR nl = '\n';
	struct rt_stream *s = rt_stream_lock_out(rt_stream_std(1));
	UINT cp = rt_crt_locinfo(0)->lc_codepage;
	int r;

	if (!s)
		return WEOF;
	r = rt_stream_write_wide(s, w, rt_wcslen(w), cp);
	if (r >= 0)
		r = rt_stream_write_wide(s, &nl, 1, cp);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? (int)WEOF : 0;
}
