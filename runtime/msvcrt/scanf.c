/*
 * scanf.c — the scanf engine and its entry points (sscanf, fscanf,
 * scanf, and the v forms), with msvcrt's sizes: %ld stores 32 bits (long
 * is 32-bit on Windows), %lld, %I64d and %Id store 64, %hd 16; %lf
 * stores a double and %f a float; %ls/%lc/%S/%C read into wide
 * characters.  Numbers are read with msvcrt's syntax (number.c's
 * rt_crt_float_text for floats).  The wide forms (swscanf, fwscanf,
 * wscanf, _snwscanf) run the same engine over UTF-16 units: their
 * format and input are wide, and %s, %c and %[ store wide characters
 * unless 'h' (or %S, %C) asks for narrow ones.
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

/* White space of the engine's units: a byte as the C locale's isspace
 * says, a UTF-16 unit as iswspace does. */
static int is_space(int c, int wide)
{
	if (c < 0)
		return 0;
	if (!wide || c < 0x80)
		return c < 0x100 && isspace(c);
	return w32_iswctype((unsigned short)c, 0x8 /* _SPACE */) != 0;
}

static int skip_space(struct rt_source *s, int wide)
{
	int c;

	do
		c = get(s);
	while (c != EOF && is_space(c, wide));
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
			/* "0x" with no hex digit after it is no number. */
			if (!(c >= '0' && c <= '9') &&
			    !(c < 0x80 && isxdigit(c))) {
				unget(s, c);
				buf[n] = 0;
				return 0;
			}
		} else if (*base == 0) {
			*base = 8;
		}
	}
	if (*base == 0)
		*base = 10;
	while (c != EOF && n < width && n < 126) {
		int d = c >= '0' && c <= '9'	    ? c - '0'
			: c < 0x80 && isalpha(c) ? (tolower(c) - 'a' + 10)
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

static int has_digit(const char *raw, int n)
{
	for (int i = 0; i < n; i++)
		if (raw[i] >= '0' && raw[i] <= '9')
			return 1;
	return 0;
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
			 has_digit(raw, n) && !memchr(raw, 'e', (size_t)n) &&
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
static const uint16_t *parse_conv(const uint16_t *f, struct conv *cv)
{
	*cv = (struct conv){.bits = 32, .wide = -1};
	if (*f == '*') {
		cv->suppress = 1;
		f++;
	}
	while (*f >= '0' && *f <= '9')
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

/* Whether %s/%c/%[ (letter c) store wide characters: as the size
 * prefix says, else by the letter (%S and %C are the other width) and
 * the function (wide for the wide forms). */
static int stores_wide(const struct conv *cv, int c, int wide)
{
	if (cv->wide >= 0)
		return cv->wide;
	return (c == 'S' || c == 'C') ? !wide : wide;
}

/* %s %S: a word. */
static int conv_str(struct rt_source *s, int c, const struct conv *cv,
		    void *dst, int wide)
{
	int w = stores_wide(cv, c, wide);
	int n = 0, ch;

	while (n < cv->width && (ch = get(s)) != EOF && !is_space(ch, wide)) {
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

/* %c %C: width characters (fewer where the input ends), white space
 * included. */
static int conv_chars(struct rt_source *s, int c, const struct conv *cv,
		      void *dst, int wide)
{
	int w = stores_wide(cv, c, wide), n;

	/* Input that ends within the width still fills what it has. */
	for (n = 0; n < cv->width; n++) {
		int ch = get(s);

		if (ch == EOF)
			break;
		if (dst)
			put_unit(dst, w, n, ch);
	}
	if (n == 0)
		return SCAN_STOP;
	return dst ? 1 : 0;
}

/* %[set] and %[^set]; *fp is past the '[' and is moved past the ']'.
 * The set is a bitmap of every unit (a byte, or a UTF-16 unit). */
static int conv_set(struct rt_source *s, const uint16_t **fp,
		    const struct conv *cv, void *dst, int wide)
{
	const uint16_t *f = *fp;
	uint8_t set[65536 / 8] = {0};
	int neg = 0, n = 0, ch, w = stores_wide(cv, '[', wide);

#define SET(k)	  (set[(k) >> 3] |= (uint8_t)(1u << ((k) & 7)))
#define IN_SET(k) ((set[(k) >> 3] >> ((k) & 7)) & 1)
	if (*f == '^') {
		neg = 1;
		f++;
	}
	if (*f == ']') {
		SET(']');
		f++;
	}
	while (*f && *f != ']') {
		if (f[1] == '-' && f[2] && f[2] != ']') {
			for (int k = f[0]; k <= f[2]; k++)
				SET(k);
			f += 3;
		} else {
			SET(*f);
			f++;
		}
	}
	if (*f == ']')
		f++;
	*fp = f;
	while (n < cv->width && (ch = get(s)) != EOF && ch < 0x10000 &&
	       (int)IN_SET(ch) != neg) {
		if (dst)
			put_unit(dst, w, n, ch);
		n++;
	}
#undef SET
#undef IN_SET
	if (n < cv->width)
		unget(s, ch);
	if (n == 0)
		return SCAN_STOP;
	if (!dst)
		return 0;
	put_unit(dst, w, n, 0);
	return 1;
}

static int convert(struct rt_source *s, int c, const uint16_t **f,
		   const struct conv *cv, void *dst, int wide)
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
	case 'S': return conv_str(s, c, cv, dst, wide);
	case 'c':
	case 'C': return conv_chars(s, c, cv, dst, wide);
	case '[': return conv_set(s, f, cv, dst, wide);
	case 'n':
		if (dst)
			*(int32_t *)dst = (int32_t)s->count;
		return 0;
	default: return SCAN_STOP;
	}
}

/* The engine over a format of units (bytes, or UTF-16 units when
 * wide), reading the source's units of the same kind. */
static int vscan_units(struct rt_source *s, const uint16_t *f, int wide,
		       w32_va_list *ap)
{
	int assigned = 0, c, r;

	/* As msvcrt: EOF for an input empty from the start; input that ends
	 * later gives the count assigned (0 included), but for a narrow %s
	 * that finds only white space. */
	if (!*f)
		return 0;
	c = get(s);
	if (c == EOF)
		return EOF;
	unget(s, c);
	while (*f) {
		struct conv cv;
		void *dst = 0;

		if (is_space(*f, wide)) {
			skip_space(s, wide);
			f++;
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			c = get(s);
			if (c != (int)*f) {
				unget(s, c);
				return assigned;
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
			if (skip_space(s, wide) == EOF)
				return !wide && c == 's' &&
						       !stores_wide(&cv, c, wide) &&
						       !assigned
					       ? EOF
					       : assigned;
		}
		if (!cv.suppress && c != '%')
			dst = __builtin_va_arg(*ap, void *);
		r = convert(s, c, &f, &cv, dst, wide);
		if (r == SCAN_STOP)
			return assigned;
		if (r == SCAN_EOF)
			return assigned ? assigned : EOF;
		assigned += r;
	}
	return assigned;
}

int rt_vscan(struct rt_source *s, const char *fmt, w32_va_list *ap)
{
	uint16_t stack[256], *u = stack;
	size_t n = strlen(fmt);
	int r;

	if (n >= sizeof(stack) / sizeof(stack[0]) &&
	    !(u = malloc((n + 1) * sizeof(*u)))) {
		*rt_errno_ptr() = W_ENOMEM;
		return EOF;
	}
	for (size_t i = 0; i <= n; i++)
		u[i] = (unsigned char)fmt[i];
	r = vscan_units(s, u, 0, ap);
	if (u != stack)
		free(u);
	return r;
}

/* ---- from a string ------------------------------------------------- */

/* A string, at most up to end (NULL: up to its NUL). */
struct str_source {
	struct rt_source src;
	const char *p, *end;
};

static int ss_get(struct rt_source *src)
{
	struct str_source *s = (struct str_source *)src;

	return (!s->end || s->p < s->end) && *s->p ? (unsigned char)*s->p++
						   : EOF;
}

/* c is the byte just read: the string still holds it. */
static void ss_unget(struct rt_source *src, int c)
{
	(void)c;
	((struct str_source *)src)->p--;
}

int WINAPI w32_vsscanf(const char *str, const char *fmt, w32_va_list ap)
{
	struct str_source s = {{ss_get, ss_unget, 0}, str, 0};

	return rt_vscan(&s.src, fmt, &ap);
}

int WINAPI w32_sscanf(const char *str, const char *fmt, ...)
{
	struct str_source s = {{ss_get, ss_unget, 0}, str, 0};
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = rt_vscan(&s.src, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32__snscanf(const char *str, size_t count, const char *fmt, ...)
{
	struct str_source s = {{ss_get, ss_unget, 0}, str, str + count};
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = rt_vscan(&s.src, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* ---- the wide forms ------------------------------------------------ */

/* A wide string, at most count units of it. */
struct wstr_source {
	struct rt_source src;
	const WCHAR *p, *end;
};

static int ws_get(struct rt_source *src)
{
	struct wstr_source *s = (struct wstr_source *)src;

	return (!s->end || s->p < s->end) && *s->p ? *s->p++ : EOF;
}

static void ws_unget(struct rt_source *src, int c)
{
	(void)c;
	((struct wstr_source *)src)->p--;
}

static int vswscan(const WCHAR *str, const WCHAR *end, const WCHAR *fmt,
		   w32_va_list *ap)
{
	struct wstr_source s = {{ws_get, ws_unget, 0}, str, end};

	return vscan_units(&s.src, fmt, 1, ap);
}

int WINAPI w32_swscanf(const WCHAR *str, const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vswscan(str, 0, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32__snwscanf(const WCHAR *str, size_t count, const WCHAR *fmt,
			 ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vswscan(str, str + count, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

/* A stream read a wide character at a time (fgetwc: the stream's mode
 * decides what a character is). */
struct wfile_source {
	struct rt_source src;
	struct w32_file *f;
};

static int wf_get(struct rt_source *src)
{
	unsigned short c = w32_fgetwc(((struct wfile_source *)src)->f);

	return c == 0xffff ? EOF : c;
}

static void wf_unget(struct rt_source *src, int c)
{
	w32_ungetwc((unsigned short)c, ((struct wfile_source *)src)->f);
}

static int vfwscan(struct w32_file *f, const WCHAR *fmt, w32_va_list *ap)
{
	struct wfile_source s = {{wf_get, wf_unget, 0}, f};

	if (!rt_stream_of(f)) {
		*rt_errno_ptr() = W_EINVAL;
		return EOF;
	}
	return vscan_units(&s.src, fmt, 1, ap);
}

int WINAPI w32_fwscanf(struct w32_file *f, const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfwscan(f, fmt, &ap);
	__builtin_ms_va_end(ap);
	return r;
}

int WINAPI w32_wscanf(const WCHAR *fmt, ...)
{
	w32_va_list ap;
	int r;

	__builtin_ms_va_start(ap, fmt);
	r = vfwscan(rt_stream_std(0), fmt, &ap);
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
