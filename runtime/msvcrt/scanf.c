/*
 * scanf.c — the scanf engine and its entry points (sscanf, fscanf,
 * scanf, and the v forms), with msvcrt's sizes: %ld stores 32 bits (long
 * is 32-bit on Windows), %lld, %I64d and %Id store 64, %hd 16; %lf
 * stores a double and %f a float; %ls/%lc/%S/%C read into wide
 * characters.  Numbers are read with msvcrt's syntax (number.c's
 * rt_crt_float_text for floats).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

static int get(struct rt_source *s)
{
	int c = s->get(s);

	if (c != EOF)
		s->count++;
	return c;
}

static void unget(struct rt_source *s, int c)
{
	if (c == EOF)
		return;
	s->unget(s, c);
	s->count--;
}

static int skip_space(struct rt_source *s)
{
	int c;

	do
		c = get(s);
	while (c != EOF && isspace(c));
	unget(s, c);
	return c;
}

/* Collects the characters of an integer in base (0: auto) up to width;
 * returns the count read into buf. */
static int scan_int_text(struct rt_source *s, char *buf, int width, int *base)
{
	int n = 0, c = get(s);

	if (c == '+' || c == '-') {
		buf[n++] = (char)c;
		c = get(s);
	}
	if (c == '0' && n < width && (*base == 0 || *base == 16)) {
		buf[n++] = (char)c;
		c = get(s);
		if ((c == 'x' || c == 'X') && n < width) {
			buf[n++] = (char)c;
			c = get(s);
			*base = 16;
		} else if (*base == 0) {
			*base = 8;
		}
	}
	if (*base == 0)
		*base = 10;
	while (c != EOF && n < width && n < 126) {
		int d = isdigit(c)   ? c - '0'
			: isalpha(c) ? (tolower(c) - 'a' + 10)
				     : 99;

		if (d >= *base)
			break;
		buf[n++] = (char)c;
		c = get(s);
	}
	unget(s, c);
	buf[n] = 0;
	return n;
}

/* Reads the longest prefix that can start a number in msvcrt's float
 * syntax (see rt_crt_float_text), then checks it.  Returns the count
 * consumed, 0 for no number, -1 for characters that are not one (Wine's
 * scanf then returns EOF when nothing was assigned yet). */
static int scan_float_text(struct rt_source *s, char *buf, int width)
{
	char raw[128], dp = rt_crt_decimal_point();
	int n = 0, c = get(s), r;

	while (c != EOF && n < width && n < 126) {
		int prev = n ? raw[n - 1] : 0;
		int ok = (c >= '0' && c <= '9') || c == dp ||
			((c == '+' || c == '-') &&
			 (n == 0 || prev == 'e' || prev == 'E' || prev == 'd' ||
			  prev == 'D')) ||
			((c == 'e' || c == 'E' || c == 'd' || c == 'D') &&
			 !memchr(raw, 'e', (size_t)n) &&
			 !memchr(raw, 'E', (size_t)n) &&
			 !memchr(raw, 'd', (size_t)n) &&
			 !memchr(raw, 'D', (size_t)n));

		if (!ok || (c == dp && memchr(raw, dp, (size_t)n)))
			break;
		raw[n++] = (char)c;
		c = get(s);
	}
	unget(s, c);
	raw[n] = 0;
	r = rt_crt_float_text(raw, (size_t)n, buf, 128);
	return r < 0 || (r >= 0 && r < n) ? (n ? -1 : 0) : r;
}

/* A conversion's prefix, %[*][width][size]: what to store and how wide. */
struct conv {
	int suppress;
	int width; /* 0: none given */
	int bits;  /* integer store: 16, 32 or 64 */
	int wide;  /* -1: by the conversion letter; 0/1: h or l/w given */
	int dbl;   /* l or L: a double, not a float */
};

/* What a conversion returns besides 1 (stored) or 0 (matched, nothing
 * stored): scanf then stops. */
#define SCAN_STOP (-2) /* matching failure: return what was assigned */
#define SCAN_EOF  (-3) /* input failure: EOF when nothing was assigned */

/* Parses the prefix after '%' into cv; returns the conversion letter's
 * place. */
static const unsigned char *parse_conv(const unsigned char *f, struct conv *cv)
{
	*cv = (struct conv){.bits = 32, .wide = -1};
	if (*f == '*') {
		cv->suppress = 1;
		f++;
	}
	while (isdigit(*f))
		cv->width = cv->width * 10 + (*f++ - '0');
	for (;;) {
		if (*f == 'h') {
			cv->bits = 16;
			cv->wide = 0;
			f++;
		} else if (*f == 'l' && f[1] == 'l') {
			cv->bits = 64;
			f += 2;
		} else if (*f == 'l') {
			cv->dbl = 1;
			cv->wide = 1;
			f++;
		} else if (*f == 'L') {
			cv->dbl = 1;
			f++;
		} else if (*f == 'w') {
			cv->wide = 1;
			f++;
		} else if (f[0] == 'I' && f[1] == '6' && f[2] == '4') {
			cv->bits = 64;
			f += 3;
		} else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') {
			cv->bits = 32;
			f += 3;
		} else if (*f == 'I' || *f == 'z' || *f == 'j' || *f == 't') {
			cv->bits = 64;
			f++;
		} else {
			return f;
		}
	}
}

/* %d %i %u %o %x %X %p */
static int conv_int(struct rt_source *s, int c, const struct conv *cv,
		    void *dst)
{
	int base = c == 'd' || c == 'u' ? 10 : c == 'i' ? 0 : c == 'o' ? 8 : 16;
	int bits = c == 'p' ? 64 : cv->bits;
	char buf[128];
	uint64_t v;

	if (scan_int_text(s, buf, cv->width, &base) == 0 || !strcmp(buf, "+") ||
	    !strcmp(buf, "-"))
		return SCAN_STOP;
	v = buf[0] == '-' ? (uint64_t)strtoll(buf, 0, base)
			  : strtoull(buf, 0, base);
	if (!dst)
		return 0;
	if (bits == 64)
		*(uint64_t *)dst = v;
	else if (bits == 16)
		*(uint16_t *)dst = (uint16_t)v;
	else
		*(uint32_t *)dst = (uint32_t)v;
	return 1;
}

/* %e %f %g %E %G %a */
static int conv_float(struct rt_source *s, const struct conv *cv, void *dst)
{
	char buf[128];
	int r = scan_float_text(s, buf, cv->width);
	double v;

	if (r < 0)
		return SCAN_EOF;
	if (r == 0)
		return SCAN_STOP;
	v = strtod(buf, 0);
	if (!dst)
		return 0;
	if (cv->dbl)
		*(double *)dst = v;
	else
		*(float *)dst = (float)v;
	return 1;
}

static void put_unit(void *dst, int wide, int n, int c)
{
	if (wide)
		((WCHAR *)dst)[n] = (WCHAR)c;
	else
		((char *)dst)[n] = (char)c;
}

/* %s %S: a word. */
static int conv_str(struct rt_source *s, int c, const struct conv *cv,
		    void *dst)
{
	int w = cv->wide >= 0 ? cv->wide : c == 'S';
	int n = 0, ch;

	while (n < cv->width && (ch = get(s)) != EOF && !isspace(ch)) {
		if (dst)
			put_unit(dst, w, n, ch);
		n++;
	}
	if (n < cv->width)
		unget(s, ch);
	if (!dst)
		return 0;
	put_unit(dst, w, n, 0);
	return 1;
}

/* %c %C: exactly width characters, white space included. */
static int conv_chars(struct rt_source *s, int c, const struct conv *cv,
		      void *dst)
{
	int w = cv->wide >= 0 ? cv->wide : c == 'C';

	for (int n = 0; n < cv->width; n++) {
		int ch = get(s);

		if (ch == EOF)
			return SCAN_EOF;
		if (dst)
			put_unit(dst, w, n, ch);
	}
	return dst ? 1 : 0;
}

/* %[set] and %[^set]; *fp is past the '[' and is moved past the ']'. */
static int conv_set(struct rt_source *s, const unsigned char **fp,
		    const struct conv *cv, void *dst)
{
	const unsigned char *f = *fp;
	char set[256] = {0};
	int neg = 0, n = 0, ch;

	if (*f == '^') {
		neg = 1;
		f++;
	}
	if (*f == ']')
		set[*f++] = 1;
	while (*f && *f != ']') {
		if (f[1] == '-' && f[2] && f[2] != ']') {
			for (int k = f[0]; k <= f[2]; k++)
				set[k] = 1;
			f += 3;
		} else {
			set[*f++] = 1;
		}
	}
	if (*f == ']')
		f++;
	*fp = f;
	while (n < cv->width && (ch = get(s)) != EOF &&
	       set[(unsigned char)ch] != neg) {
		if (dst)
			((char *)dst)[n] = (char)ch;
		n++;
	}
	if (n < cv->width)
		unget(s, ch);
	if (n == 0)
		return SCAN_STOP;
	if (!dst)
		return 0;
	((char *)dst)[n] = 0;
	return 1;
}

static int convert(struct rt_source *s, int c, const unsigned char **f,
		   const struct conv *cv, void *dst)
{
	switch (c) {
	case 'd':
	case 'i':
	case 'u':
	case 'o':
	case 'x':
	case 'X':
	case 'p': return conv_int(s, c, cv, dst);
	case 'e':
	case 'f':
	case 'g':
	case 'E':
	case 'G':
	case 'a': return conv_float(s, cv, dst);
	case 's':
	case 'S': return conv_str(s, c, cv, dst);
	case 'c':
	case 'C': return conv_chars(s, c, cv, dst);
	case '[': return conv_set(s, f, cv, dst);
	case 'n':
		if (dst)
			*(int32_t *)dst = (int32_t)s->count;
		return 0;
	default: return SCAN_STOP;
	}
}

int rt_vscan(struct rt_source *s, const char *fmt, w32_va_list *ap)
{
	int assigned = 0, c, r;
	const unsigned char *f = (const unsigned char *)fmt;

	while (*f) {
		struct conv cv;
		void *dst = 0;

		if (isspace(*f)) {
			skip_space(s);
			f++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			c = get(s);
			if (c != (int)*f) {
				unget(s, c);
				return c == EOF && assigned == 0 ? EOF
								 : assigned;
			}
			f++;
			continue;
		}
		f = parse_conv(f + 1, &cv);
		if (!*f)
			break;
		c = *f++;
		if (cv.width == 0)
			cv.width = c == 'c' || c == 'C' ? 1 : 0x7fffffff;
		if (c != 'c' && c != 'C' && c != '[' && c != 'n') {
			if (skip_space(s) == EOF)
				return assigned == 0 ? EOF : assigned;
		}
		if (!cv.suppress && c != '%')
			dst = __builtin_va_arg(*ap, void *);
		r = convert(s, c, &f, &cv, dst);
		if (r == SCAN_STOP)
			return assigned;
		if (r == SCAN_EOF)
			return assigned ? assigned : EOF;
		assigned += r;
	}
	return assigned;
}

/* ---- from a string ------------------------------------------------- */

struct str_source {
	struct rt_source src;
	const char *p;
};

static int ss_get(struct rt_source *src)
{
	struct str_source *s = (struct str_source *)src;

	return *s->p ? (unsigned char)*s->p++ : EOF;
}

/* c is the byte just read: the string still holds it. */
static void ss_unget(struct rt_source *src, int c)
{
	(void)c;
	((struct str_source *)src)->p--;
}

int WINAPI w32_vsscanf(const char *str, const char *fmt, w32_va_list ap)
{
	struct str_source s = {{ss_get, ss_unget, 0}, str};

	return rt_vscan(&s.src, fmt, &ap);
}

int WINAPI w32_sscanf(const char *str, const char *fmt, ...)
{
	struct str_source s = {{ss_get, ss_unget, 0}, str};
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = rt_vscan(&s.src, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* ---- from a stream ------------------------------------------------- */

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
