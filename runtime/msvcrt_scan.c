/*
 * msvcrt_scan.c — the scanf engine and sscanf, with msvcrt's sizes:
 * %ld stores 32 bits (long is 32-bit on Windows), %lld, %I64d and %Id
 * store 64, %hd 16; %lf stores a double and %f a float; %ls/%lc/%S/%C
 * read into wide characters.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt.h"

#define EOF (-1)

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
	char raw[128];
	int n = 0, c = get(s), r;

	while (c != EOF && n < width && n < 126) {
		int prev = n ? raw[n - 1] : 0;
		int ok = (c >= '0' && c <= '9') || c == '.' ||
			((c == '+' || c == '-') &&
			 (n == 0 || prev == 'e' || prev == 'E' || prev == 'd' ||
			  prev == 'D')) ||
			((c == 'e' || c == 'E' || c == 'd' || c == 'D') &&
			 !memchr(raw, 'e', (size_t)n) &&
			 !memchr(raw, 'E', (size_t)n) &&
			 !memchr(raw, 'd', (size_t)n) &&
			 !memchr(raw, 'D', (size_t)n));

		if (!ok || (c == '.' && memchr(raw, '.', (size_t)n)))
			break;
		raw[n++] = (char)c;
		c = get(s);
	}
	unget(s, c);
	raw[n] = 0;
	r = rt_crt_float_text(raw, (size_t)n, buf, 128);
	return r < 0 || (r >= 0 && r < n) ? (n ? -1 : 0) : r;
}

int rt_vscan(struct rt_source *s, const char *fmt, w32_va_list *ap)
{
	int assigned = 0, c;
	const unsigned char *f = (const unsigned char *)fmt;

	while (*f) {
		int suppress = 0, width = 0, bits = 32, wide = -1, dbl = 0;
		void *dst = 0;
		char buf[128];

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
		f++;
		if (*f == '*') {
			suppress = 1;
			f++;
		}
		while (isdigit(*f))
			width = width * 10 + (*f++ - '0');
		for (;;) {
			if (*f == 'h') {
				bits = 16;
				wide = 0;
				f++;
			} else if (*f == 'l' && f[1] == 'l') {
				bits = 64;
				f += 2;
			} else if (*f == 'l') {
				dbl = 1;
				wide = 1;
				f++;
			} else if (*f == 'L') {
				dbl = 1;
				f++;
			} else if (*f == 'w') {
				wide = 1;
				f++;
			} else if (f[0] == 'I' && f[1] == '6' && f[2] == '4') {
				bits = 64;
				f += 3;
			} else if (f[0] == 'I' && f[1] == '3' && f[2] == '2') {
				bits = 32;
				f += 3;
			} else if (*f == 'I' || *f == 'z' || *f == 'j' ||
				   *f == 't') {
				bits = 64;
				f++;
			} else {
				break;
			}
		}
		if (!*f)
			break;
		c = *f++;
		if (width == 0)
			width = c == 'c' || c == 'C' ? 1 : 0x7fffffff;
		if (c != 'c' && c != 'C' && c != '[' && c != 'n') {
			if (skip_space(s) == EOF)
				return assigned == 0 ? EOF : assigned;
		}
		if (!suppress && c != '%')
			dst = __builtin_va_arg(*ap, void *);
		switch (c) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
		case 'p': {
			int base = c == 'd' || c == 'u' ? 10
				: c == 'i'		? 0
				: c == 'o'		? 8
							: 16;
			uint64_t v;

			if (c == 'p')
				bits = 64;
			if (scan_int_text(s, buf, width, &base) == 0 ||
			    !strcmp(buf, "+") || !strcmp(buf, "-"))
				return assigned;
			v = buf[0] == '-' ? (uint64_t)strtoll(buf, 0, base)
					  : strtoull(buf, 0, base);
			if (!dst)
				break;
			if (bits == 64)
				*(uint64_t *)dst = v;
			else if (bits == 16)
				*(uint16_t *)dst = (uint16_t)v;
			else
				*(uint32_t *)dst = (uint32_t)v;
			assigned++;
			break;
		}
		case 'e':
		case 'f':
		case 'g':
		case 'E':
		case 'G':
		case 'a': {
			double v;

			{
				int r = scan_float_text(s, buf, width);

				if (r < 0)
					return assigned ? assigned : EOF;
				if (r == 0)
					return assigned;
			}
			v = strtod(buf, 0);
			if (!dst)
				break;
			if (dbl)
				*(double *)dst = v;
			else
				*(float *)dst = (float)v;
			assigned++;
			break;
		}
		case 's':
		case 'S': {
			int w = wide >= 0 ? wide : c == 'S';
			int n = 0;

			while (n < width && (c = get(s)) != EOF &&
			       !isspace(c)) {
				if (dst && w)
					((WCHAR *)dst)[n] = (WCHAR)c;
				else if (dst)
					((char *)dst)[n] = (char)c;
				n++;
			}
			if (n < width)
				unget(s, c);
			if (dst) {
				if (w)
					((WCHAR *)dst)[n] = 0;
				else
					((char *)dst)[n] = 0;
				assigned++;
			}
			break;
		}
		case 'c':
		case 'C': {
			int w = wide >= 0 ? wide : c == 'C';

			for (int n = 0; n < width; n++) {
				c = get(s);
				if (c == EOF)
					return assigned == 0 ? EOF : assigned;
				if (dst && w)
					((WCHAR *)dst)[n] = (WCHAR)c;
				else if (dst)
					((char *)dst)[n] = (char)c;
			}
			if (dst)
				assigned++;
			break;
		}
		case '[': {
			char set[256] = {0};
			int neg = 0, n = 0;

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
			while (n < width && (c = get(s)) != EOF &&
			       set[(unsigned char)c] != neg) {
				if (dst)
					((char *)dst)[n] = (char)c;
				n++;
			}
			if (n < width)
				unget(s, c);
			if (n == 0)
				return assigned;
			if (dst) {
				((char *)dst)[n] = 0;
				assigned++;
			}
			break;
		}
		case 'n':
			if (dst)
				*(int32_t *)dst = (int32_t)s->count;
			break;
		default: return assigned;
		}
	}
	return assigned;
}

struct str_source {
	struct rt_source src;
	const char *p;
};

static int ss_get(struct rt_source *src)
{
	struct str_source *s = (struct str_source *)src;

	return *s->p ? (unsigned char)*s->p++ : EOF;
}

static void ss_unget(struct rt_source *src, int c)
{
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

RT_EXPORTS(rt_crt_scan_exports, "msvcrt.dll", RT_FN(vsscanf), RT_FN(sscanf));
