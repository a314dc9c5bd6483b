/*
 * chario.c — reading and writing msvcrt streams: characters (fgetc,
 * fputc, getc, putc, getchar, putchar, ungetc), lines (fgets, fputs,
 * gets, puts) and blocks (fread, fwrite); wide characters are
 * wchario.c's.
 */
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

/* ---- output -------------------------------------------------------- */

size_t WINAPI w32_fwrite(const void *p, size_t size, size_t n,
			 struct w32_file *f)
{
	struct rt_stream *s;
	size_t total = size * n;

	if (size == 0 || n == 0)
		return 0;
	s = rt_stream_lock_out(f);
	if (!s)
		return 0;
	if (rt_stream_write(s, p, total) < 0) {
		rt_stream_unlock(s);
		return 0;
	}
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return n;
}

/* Wine's msvcrt flushes a buffered stream when fputc writes '\n' (and
 * mingw's own printf writes character by character with fputc, so its
 * output reaches a pipe line by line, unlike msvcrt's printf). */
int WINAPI w32_fputc(int c, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	char b = (char)c;

	if (!s)
		return EOF;
	if (rt_stream_write(s, &b, 1) < 0) {
		rt_stream_unlock(s);
		return EOF;
	}
	if (b == '\n')
		rt_stream_flush(s);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return (unsigned char)c;
}

int WINAPI w32_putc(int c, struct w32_file *f)
{
	return w32_fputc(c, f);
}

int WINAPI w32_putchar(int c)
{
	return w32_fputc(c, &w32__iob[1]);
}

int WINAPI w32__fputchar(int c)
{
	return w32_fputc(c, &w32__iob[1]);
}

int WINAPI w32_fputs(const char *str, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_out(f);
	int r;

	if (!s)
		return EOF;
	r = rt_stream_write(s, str, strlen(str));
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? EOF : 0;
}

int WINAPI w32_puts(const char *str)
{
	struct rt_stream *s = rt_stream_lock_out(&w32__iob[1]);
	int r;

	if (!s)
		return EOF;
	r = rt_stream_write(s, str, strlen(str));
	if (r == 0)
		r = rt_stream_write(s, "\n", 1);
	rt_stream_end_call(s);
	rt_stream_unlock(s);
	return r < 0 ? EOF : 0;
}

/* ---- input --------------------------------------------------------- */

int WINAPI w32_fgetc(struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_in(f);
	int c;

	if (!s)
		return EOF;
	c = rt_stream_getc(s);
	rt_stream_unlock(s);
	return c;
}

int WINAPI w32_getc(struct w32_file *f)
{
	return w32_fgetc(f);
}

int WINAPI w32_getchar(void)
{
	return w32_fgetc(&w32__iob[0]);
}

int WINAPI w32__fgetchar(void)
{
	return w32_fgetc(&w32__iob[0]);
}

int WINAPI w32_ungetc(int c, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_of(f);

	if (!s || c == EOF)
		return EOF;
	pthread_mutex_lock(&s->lock);
	if (s->ungot >= 0) {
		pthread_mutex_unlock(&s->lock);
		return EOF;
	}
	s->ungot = (unsigned char)c;
	s->eof = 0;
	pthread_mutex_unlock(&s->lock);
	return (unsigned char)c;
}

char *WINAPI w32_fgets(char *buf, int n, struct w32_file *f)
{
	struct rt_stream *s = rt_stream_lock_in(f);
	int k = 0, c = 0;

	if (!s || n <= 0) {
		if (s)
			rt_stream_unlock(s);
		return 0;
	}
	while (k < n - 1) {
		c = rt_stream_getc(s);
		if (c == EOF)
			break;
		buf[k++] = (char)c;
		if (c == '\n')
			break;
	}
	rt_stream_unlock(s);
	if (k == 0 && c == EOF)
		return 0;
	buf[k] = 0;
	return buf;
}

size_t WINAPI w32_fread(void *p, size_t size, size_t n, struct w32_file *f)
{
	struct rt_stream *s;
	size_t total = size * n, k = 0;
	char *d = p;

	if (size == 0 || n == 0)
		return 0;
	s = rt_stream_lock_in(f);
	if (!s)
		return 0;
	while (k < total) {
		int c;

		/* Binary streams copy whole buffers at a time. */
		if (!rt_stream_text(s) && s->ungot < 0 && !s->writing &&
		    s->pos < s->len) {
			size_t m = s->len - s->pos;

			if (m > total - k)
				m = total - k;
			memcpy(d + k, s->buf + s->pos, m);
			s->pos += m;
			k += m;
			continue;
		}
		c = rt_stream_getc(s);
		if (c == EOF)
			break;
		d[k++] = (char)c;
	}
	rt_stream_unlock(s);
	return k / size;
}

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
