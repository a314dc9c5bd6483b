/*
 * format.c — the printf engine, with msvcrt's rules (as Wine's
 * msvcrt.dll prints them, which is what the Wine comparison checks):
 *
 *   - long is 32 bits: %ld reads 32 bits; %lld, %I64d, %zd, %jd read 64;
 *     %I32d reads 32; %hd and %hhd read a short.
 *   - %p prints 16 upper-case hex digits ("0X" prefix with '#').
 *   - %e uses a 3-digit exponent (1.500000e+000); %a prints 13 hex
 *     digits by default.
 *   - rounding is half away from zero on the exact binary value
 *     (printf("%.1f", 0.25) is 0.3, glibc says 0.2).
 *   - infinities and NaNs print as 1.#INF, 1.#QNAN, -1.#IND, and the
 *     precision "rounds" those characters (%.2f of inf is 1.#J).
 *   - in the narrow functions %s/%c are narrow and %S/%C wide; in the
 *     wide functions the other way round; h forces narrow, l and w wide.
 *   - an unknown conversion prints its letter and consumes nothing;
 *     %% right after the '%' prints '%', after flags or width nothing.
 *   - %n stores the count so far (msvcrt.dll allows it).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

struct spec {
	int left, plus, space, alt, zero;
	int width;
	int prec; /* -1: not given */
	int bits; /* integer size: 16, 32, 64 */
	int wide; /* strings/chars: 1 wide, 0 narrow, -1 default */
	int upper;
	char type;
};

/* ---- output -------------------------------------------------------- */

static void put_units(struct rt_sink *s, const void *u, size_t n)
{
	if (n == 0 || s->error)
		return;
	if (s->put(s, u, n) < 0)
		s->error = 1;
	s->count += n;
}

/* Bytes and wide characters convert as the locale's LC_CTYPE code page
 * does (rt_crt_byte_to_wide): in "C" one for one, a code unit above 0xff
 * having no byte (the conversion fails: EILSEQ).  Wine prints a %ls
 * argument all or nothing. */

/* Bytes to the sink, widened for a wide sink. */
static void emit_bytes(struct rt_sink *s, const char *b, size_t n)
{
	WCHAR w[64];
	size_t k = 0;

	if (!s->wide) {
		put_units(s, b, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		w[k++] = rt_crt_byte_to_wide(s->loc->lc_codepage,
					     (unsigned char)b[i]);
		if (k == 64) {
			put_units(s, w, k);
			k = 0;
		}
	}
	put_units(s, w, k);
}

/* UTF-16 units to the sink, narrowed for a narrow sink. */
static void emit_wide(struct rt_sink *s, const WCHAR *w, size_t n)
{
	char b[256];
	size_t k = 0;

	if (s->wide) {
		put_units(s, w, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (rt_crt_wide_to_byte(s->loc->lc_codepage, w[i]) < 0) {
			*rt_errno_ptr() = W_EILSEQ;
			s->error = 1;
			return;
		}
	}
	for (size_t i = 0; i < n; i++) {
		b[k++] = (char)rt_crt_wide_to_byte(s->loc->lc_codepage, w[i]);
		if (k == sizeof(b)) {
			put_units(s, b, k);
			k = 0;
		}
	}
	put_units(s, b, k);
}

static void pad(struct rt_sink *s, char c, int n)
{
	char b[32];

	memset(b, c, sizeof(b));
	while (n > 0) {
		int k = n > 32 ? 32 : n;

		emit_bytes(s, b, (size_t)k);
		n -= k;
	}
}

/* Emits prefix (sign, 0x) and body padded to the spec's width. */
static void emit_field(struct rt_sink *s, const struct spec *sp,
		       const char *prefix, const char *body, size_t blen,
		       int zero_ok)
{
	int plen = (int)strlen(prefix);
	int fill = sp->width - plen - (int)blen;

	if (!sp->left && !(sp->zero && zero_ok))
		pad(s, ' ', fill);
	emit_bytes(s, prefix, (size_t)plen);
	if (!sp->left && sp->zero && zero_ok)
		pad(s, '0', fill);
	emit_bytes(s, body, blen);
	if (sp->left)
		pad(s, ' ', fill);
}

/* ---- integers ------------------------------------------------------ */

static void fmt_int(struct rt_sink *s, const struct spec *sp, uint64_t v,
		    int neg)
{
	char dig[80], *p = dig + sizeof(dig), prefix[4] = "";
	const char *hex = sp->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	unsigned base = sp->type == 'o'					  ? 8
		: (sp->type == 'x' || sp->type == 'X' || sp->type == 'p') ? 16
									  : 10;
	int n, signed_conv = sp->type == 'd' || sp->type == 'i';
	int nonzero = v != 0;

	while (v) {
		*--p = hex[v % base];
		v /= base;
	}
	n = (int)(dig + sizeof(dig) - p);
	while (n < sp->prec) {
		*--p = '0';
		n++;
	}
	if (n == 0 && sp->prec < 0) {
		*--p = '0';
		n = 1;
	}
	if (signed_conv) {
		if (neg)
			strcpy(prefix, "-");
		else if (sp->plus)
			strcpy(prefix, "+");
		else if (sp->space)
			strcpy(prefix, " ");
	}
	if (sp->alt && base == 8 && (n == 0 || *p != '0')) {
		*--p = '0';
		n++;
	}
	if (sp->alt && base == 16 && nonzero)
		strcpy(prefix, sp->upper ? "0X" : "0x");
	/* msvcrt pads with zeros even when a precision is given. */
	emit_field(s, sp, prefix, p, (size_t)n, 1);
}

/* ---- floating point ------------------------------------------------ */

/* The exact decimal digits of v > 0 (glibc prints binary values
 * exactly), with trailing zeros removed; *e10 is the exponent of the
 * first digit.  Returns the number of digits. */
#define FP_DIGITS 800
static int exact_digits(double v, char *dig, int *e10)
{
	char buf[FP_DIGITS + 16];
	int n = 0;
	char *p, *e;

	snprintf(buf, sizeof(buf), "%.*e", FP_DIGITS - 2, v);
	e = strchr(buf, 'e');
	*e10 = atoi(e + 1);
	for (p = buf; p < e; p++)
		if (*p >= '0' && *p <= '9')
			dig[n++] = *p;
	while (n > 1 && dig[n - 1] == '0')
		n--;
	dig[n] = 0;
	return n;
}

/* Rounds digits to keep `keep` of them, half away from zero (the next
 * digit decides: the expansion is exact).  Returns 1 when the carry made
 * a new leading digit (the exponent grows by one). */
static int round_digits(char *dig, int *n, int keep)
{
	int i;

	if (keep < 0) {
		/* Everything falls below the last kept place. */
		dig[0] = '0';
		*n = 1;
		return 0;
	}
	if (keep >= *n)
		return 0;
	if (dig[keep] < '5') {
		*n = keep;
		return 0;
	}
	*n = keep;
	for (i = keep - 1; i >= 0; i--) {
		if (dig[i] != '9') {
			dig[i]++;
			return 0;
		}
		dig[i] = '0';
	}
	memmove(dig + 1, dig, (size_t)keep);
	dig[0] = '1';
	(*n)++;
	return 1;
}

static char digit_at(const char *dig, int n, int i)
{
	return i >= 0 && i < n ? dig[i] : '0';
}

/* Appends "e+005"-style exponents (at least three digits). */
static int put_exp(char *o, int e, int upper)
{
	return sprintf(o, "%c%c%03d", upper ? 'E' : 'e', e < 0 ? '-' : '+',
		       e < 0 ? -e : e);
}

/* Fixed notation of dig×10^e10 with prec fraction digits. */
static int body_f(char *o, char *dig, int n, int e10, int prec, int alt,
		  char dp)
{
	int k = 0, i;

	e10 += round_digits(dig, &n, e10 + 1 + prec);
	if (n == 1 && dig[0] == '0' && e10 + 1 + prec <= 0)
		e10 = 0;
	if (e10 < 0) {
		o[k++] = '0';
	} else {
		for (i = 0; i <= e10; i++)
			o[k++] = digit_at(dig, n, i);
	}
	if (prec > 0 || alt)
		o[k++] = dp;
	for (i = 0; i < prec; i++)
		o[k++] = digit_at(dig, n, e10 + 1 + i);
	o[k] = 0;
	return k;
}

static int body_e(char *o, char *dig, int n, int e10, int prec, int alt,
		  int upper, int is_zero, char dp)
{
	int k = 0;

	e10 += round_digits(dig, &n, prec + 1);
	if (is_zero)
		e10 = 0;
	o[k++] = dig[0];
	if (prec > 0 || alt)
		o[k++] = dp;
	for (int i = 1; i <= prec; i++)
		o[k++] = digit_at(dig, n, i);
	k += put_exp(o + k, e10, upper);
	return k;
}

/* Removes trailing zeros of the fraction (and a bare '.'), keeping any
 * exponent: %g without '#'. */
static int strip_zeros(char *o, int k, char dp)
{
	char *e = strpbrk(o, "eE"), exp[16] = "";
	int end = e ? (int)(e - o) : k;

	if (!memchr(o, dp, (size_t)end))
		return k;
	if (e)
		strcpy(exp, e);
	while (end > 0 && o[end - 1] == '0')
		end--;
	if (end > 0 && o[end - 1] == dp)
		end--;
	strcpy(o + end, exp);
	return end + (int)strlen(exp);
}

/* msvcrt's spellings of the special values, "rounded" like digits. */
static int body_special(char *o, const char *name, const struct spec *sp,
			int prec, char dp)
{
	char frac[512];
	int n, k;
	char t = sp->type | 0x20;

	if (t == 'g')
		prec = prec == 0 ? 0 : prec - 1;
	if (prec > 500)
		prec = 500;
	n = (int)strlen(name);
	memset(frac, '0', (size_t)prec + 1);
	memcpy(frac, name, (size_t)(n < prec + 1 ? n : prec + 1));
	frac[prec + 1] = 0;
	if (prec < n && frac[prec] >= '5' && prec > 0)
		frac[prec - 1]++;
	frac[prec] = 0;
	k = sprintf(o, "1%s%s", prec > 0 || sp->alt ? "." : "", frac);
	if (t == 'e')
		k += put_exp(o + k, 0, sp->upper);
	if (t == 'g' && !sp->alt)
		k = strip_zeros(o, k, dp);
	return k;
}

/* %a: hexadecimal mantissa, 13 digits unless a precision is given. */
static int body_a(char *o, double v, int prec, int alt, int upper, char dp)
{
	uint64_t bits, mant;
	int e, k = 0, lead;
	const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	memcpy(&bits, &v, 8);
	mant = bits & ((1ull << 52) - 1);
	e = (int)(bits >> 52 & 0x7ff);
	if (e == 0 && mant == 0) {
		lead = 0;
		e = 0;
	} else if (e == 0) {
		lead = 0;
		e = -1022;
	} else {
		lead = 1;
		e -= 1023;
	}
	if (prec < 0)
		prec = 13;
	if (prec < 13) {
		int drop = (13 - prec) * 4;
		uint64_t half = 1ull << (drop - 1);
		uint64_t rem = mant & ((1ull << drop) - 1);

		mant >>= drop;
		if (rem >= half) {
			mant++;
			if (mant >> (prec * 4)) {
				mant &= (1ull << (prec * 4)) - 1;
				lead++;
			}
		}
		mant <<= drop;
	}
	k += sprintf(o, "%s%d", upper ? "0X" : "0x", lead);
	if (prec > 0 || alt)
		o[k++] = dp;
	for (int i = 0; i < prec; i++)
		o[k++] = i < 13 ? hex[mant >> (48 - 4 * i) & 0xf] : '0';
	k += sprintf(o + k, "%c%+d", upper ? 'P' : 'p', e);
	return k;
}

/* %a as msvcrt pads it: zeros go after "0x", and a left-justified field
 * is padded before the exponent. */
static void emit_hexfloat(struct rt_sink *s, const struct spec *sp,
			  const char *prefix, const char *o, int k)
{
	const char *e = strpbrk(o, "pP");
	int plen = (int)strlen(prefix), elen = e ? (int)(o + k - e) : 0;
	int fill = sp->width - plen - k;

	if (!e)
		e = o + k;
	if (!sp->left && !sp->zero)
		pad(s, ' ', fill);
	emit_bytes(s, prefix, (size_t)plen);
	emit_bytes(s, o, 2); /* 0x */
	if (!sp->left && sp->zero)
		pad(s, '0', fill);
	emit_bytes(s, o + 2, (size_t)(e - o - 2));
	if (sp->left)
		pad(s, ' ', fill);
	emit_bytes(s, e, (size_t)elen);
}

static void fmt_float(struct rt_sink *s, const struct spec *sp, double v)
{
	char *o = malloc(FP_DIGITS * 2 + 64), *dig = malloc(FP_DIGITS + 16);
	char prefix[2] = "";
	int n = 1, e10 = 0, prec = sp->prec < 0 ? 6 : sp->prec, k;
	int neg = signbit(v) != 0, finite = isfinite(v), is_zero = v == 0;
	char t = sp->type | 0x20, dp = s->loc->lconv->decimal_point[0];

	if (!o || !dig) {
		free(o);
		free(dig);
		s->error = 1;
		return;
	}
	if (prec > FP_DIGITS - 100)
		prec = FP_DIGITS - 100;
	if (neg)
		prefix[0] = '-';
	else if (sp->plus)
		prefix[0] = '+';
	else if (sp->space)
		prefix[0] = ' ';
	v = fabs(v);
	if (!finite) {
		/* A negative quiet NaN is the "indefinite" value. */
		k = body_special(o,
				 isinf(v)      ? "#INF"
					 : neg ? "#IND"
					       : "#QNAN",
				 sp, prec, dp);
	} else if (t == 'a') {
		k = body_a(o, v, sp->prec, sp->alt, sp->upper, dp);
		emit_hexfloat(s, sp, prefix, o, k);
		free(o);
		free(dig);
		return;
	} else {
		if (is_zero)
			strcpy(dig, "0");
		else
			n = exact_digits(v, dig, &e10);
		if (t == 'f') {
			k = body_f(o, dig, n, e10, prec, sp->alt, dp);
		} else if (t == 'e') {
			k = body_e(o, dig, n, e10, prec, sp->alt, sp->upper,
				   is_zero, dp);
		} else {
			/* %g: the exponent after rounding to P digits picks
			 * the style (C99 7.19.6.1, as msvcrt does it). */
			int p = prec == 0 ? 1 : prec, x = e10, m = n;
			char *tmp = malloc(FP_DIGITS + 16);

			if (!tmp) {
				free(o);
				free(dig);
				s->error = 1;
				return;
			}
			memcpy(tmp, dig, (size_t)n + 1);
			x += round_digits(tmp, &m, p);
			free(tmp);
			if (is_zero)
				x = 0;
			if (x < p && x >= -4)
				k = body_f(o, dig, n, e10, p - 1 - x, sp->alt,
					   dp);
			else
				k = body_e(o, dig, n, e10, p - 1, sp->alt,
					   sp->upper, is_zero, dp);
			if (!sp->alt)
				k = strip_zeros(o, k, dp);
		}
	}
	emit_field(s, sp, prefix, o, (size_t)k, finite);
	free(o);
	free(dig);
}

/* ---- strings and characters ---------------------------------------- */

static const WCHAR wnull[] = {'(', 'n', 'u', 'l', 'l', ')', 0};

static void fmt_str(struct rt_sink *s, const struct spec *sp, const void *p,
		    int wide)
{
	size_t n;
	int fill;

	if (!p)
		p = wide ? (const void *)wnull : "(null)";
	if (wide) {
		const WCHAR *w = p;

		for (n = 0; w[n] && (sp->prec < 0 || n < (size_t)sp->prec); n++)
			;
	} else {
		const char *c = p;

		for (n = 0; c[n] && (sp->prec < 0 || n < (size_t)sp->prec); n++)
			;
	}
	fill = sp->width - (int)n;
	if (!sp->left)
		pad(s, sp->zero ? '0' : ' ', fill);
	if (wide)
		emit_wide(s, p, n);
	else
		emit_bytes(s, p, n);
	if (sp->left)
		pad(s, ' ', fill);
}

static void fmt_char(struct rt_sink *s, const struct spec *sp, int c, int wide)
{
	if (wide && !s->wide && sp->prec != 0 &&
	    rt_crt_wide_to_byte(s->loc->lc_codepage, (WCHAR)c) < 0) {
		/* A wide character the code page has no byte for: msvcrt
		 * writes the padding before it, and nothing else, counts
		 * none of it, says EILSEQ and goes on (Wine's output). */
		size_t count = s->count;

		if (!sp->left)
			pad(s, sp->zero ? '0' : ' ', sp->width - 1);
		s->count = count;
		*rt_errno_ptr() = W_EILSEQ;
		return;
	}
	if (wide) {
		WCHAR w[2] = {(WCHAR)c, 0};
		struct spec t = *sp;

		t.prec = sp->prec == 0 ? 0 : 1;
		fmt_str(s, &t, w, 1);
	} else {
		char b[2] = {(char)c, 0};
		struct spec t = *sp;

		/* A character is a one-character string: precision 0 prints
		 * none, '0' pads with zeros. */
		t.prec = sp->prec == 0 ? 0 : 1;
		if (!b[0] && t.prec) {
			/* %c of 0 still writes one NUL character. */
			int fill = sp->width - 1;

			if (!sp->left)
				pad(s, sp->zero ? '0' : ' ', fill);
			emit_bytes(s, b, 1);
			if (sp->left)
				pad(s, ' ', fill);
			return;
		}
		fmt_str(s, &t, b, 0);
	}
}

/* ---- the parser ---------------------------------------------------- */

struct fmt {
	const void *p;
	int wide;
	size_t i;
};

static uint32_t fc(const struct fmt *f, size_t i)
{
	return f->wide ? ((const WCHAR *)f->p)[i]
		       : (unsigned char)((const char *)f->p)[i];
}

static void emit_literal(struct rt_sink *s, const struct fmt *f, size_t i,
			 size_t n)
{
	if (f->wide)
		emit_wide(s, (const WCHAR *)f->p + i, n);
	else
		emit_bytes(s, (const char *)f->p + i, n);
}

static int64_t get_int(const struct spec *sp, w32_va_list *ap)
{
	if (sp->bits == 64)
		return __builtin_va_arg(*ap, int64_t);
	if (sp->bits == 16)
		return (int16_t) __builtin_va_arg(*ap, int);
	return __builtin_va_arg(*ap, int32_t);
}

static uint64_t get_uint(const struct spec *sp, w32_va_list *ap)
{
	if (sp->bits == 64)
		return __builtin_va_arg(*ap, uint64_t);
	if (sp->bits == 16)
		return (uint16_t) __builtin_va_arg(*ap, unsigned);
	return __builtin_va_arg(*ap, uint32_t);
}

/* The size prefix: h, l, ll, w, L, q, I, I32, I64, z, t, j. */
static void parse_size(struct fmt *f, struct spec *sp)
{
	for (;;) {
		uint32_t c = fc(f, f->i);

		if (c == 'h') {
			sp->bits = 16;
			sp->wide = 0;
			f->i++;
		} else if (c == 'l') {
			if (fc(f, f->i + 1) == 'l') {
				sp->bits = 64;
				f->i += 2;
			} else {
				sp->wide = 1;
				f->i++;
			}
		} else if (c == 'w') {
			sp->wide = 1;
			f->i++;
		} else if (c == 'L' || c == 'q') {
			if (c == 'q')
				sp->bits = 64;
			f->i++;
		} else if (c == 'I') {
			if (fc(f, f->i + 1) == '6' && fc(f, f->i + 2) == '4') {
				sp->bits = 64;
				f->i += 3;
			} else if (fc(f, f->i + 1) == '3' &&
				   fc(f, f->i + 2) == '2') {
				sp->bits = 32;
				f->i += 3;
			} else {
				sp->bits = 64;
				f->i++;
			}
		} else if (c == 'z' || c == 't' || c == 'j') {
			sp->bits = 64;
			f->i++;
		} else {
			return;
		}
	}
}

/* Reads flags, width, precision and size at f->i (just past the '%')
 * into sp; a '*' width or precision comes from ap. */
static void parse_spec(struct fmt *f, struct spec *sp, w32_va_list *ap)
{
	uint32_t c;

	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	sp->bits = 32;
	sp->wide = -1;
	for (;; f->i++) {
		c = fc(f, f->i);
		if (c == '-')
			sp->left = 1;
		else if (c == '+')
			sp->plus = 1;
		else if (c == ' ')
			sp->space = 1;
		else if (c == '#')
			sp->alt = 1;
		else if (c == '0')
			sp->zero = 1;
		else
			break;
	}
	if (fc(f, f->i) == '*') {
		sp->width = __builtin_va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
		f->i++;
	} else {
		while ((c = fc(f, f->i)) >= '0' && c <= '9') {
			sp->width = sp->width * 10 + (int)(c - '0');
			f->i++;
		}
	}
	if (fc(f, f->i) == '.') {
		f->i++;
		sp->prec = 0;
		if (fc(f, f->i) == '*') {
			sp->prec = __builtin_va_arg(*ap, int);
			if (sp->prec < 0)
				sp->prec = -1;
			f->i++;
		} else {
			while ((c = fc(f, f->i)) >= '0' && c <= '9') {
				sp->prec = sp->prec * 10 + (int)(c - '0');
				f->i++;
			}
		}
	}
	parse_size(f, sp);
}

/* msvcrt formats the 16 digits (after "0X" with '#'), then prints them
 * as a string: the precision cuts. */
static void fmt_ptr(struct rt_sink *s, const struct spec *sp, uint64_t v)
{
	char pb[24];
	struct spec t = *sp;

	snprintf(pb, sizeof(pb), "%s%016llX", sp->alt && v ? "0X" : "",
		 (unsigned long long)v);
	t.zero = 0; /* padded with spaces, '0' or not */
	fmt_str(s, &t, pb, 0);
}

static void store_count(const struct rt_sink *s, const struct spec *sp, void *p)
{
	if (sp->bits == 16)
		*(int16_t *)p = (int16_t)s->count;
	else if (sp->bits == 64)
		*(int64_t *)p = (int64_t)s->count;
	else
		*(int32_t *)p = (int32_t)s->count;
}

/* One conversion, sp->type, whose text runs from start to f->i. */
static void convert(struct rt_sink *s, const struct spec *sp,
		    const struct fmt *f, size_t start, w32_va_list *ap)
{
	int c = sp->type;
	/* %S and %C are the other width than the format's. */
	int wide = sp->wide >= 0 ? sp->wide
				 : (c == 'S' || c == 'C') != (f->wide != 0);

	switch (c) {
	case 'd':
	case 'i': {
		int64_t v = get_int(sp, ap);

		fmt_int(s, sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
		break;
	}
	case 'u':
	case 'o':
	case 'x':
	case 'X': fmt_int(s, sp, get_uint(sp, ap), 0); break;
	case 'p':
		fmt_ptr(s, sp, (uint64_t) __builtin_va_arg(*ap, void *));
		break;
	case 'e':
	case 'E':
	case 'f':
	case 'F':
	case 'g':
	case 'G':
	case 'a':
	case 'A': fmt_float(s, sp, __builtin_va_arg(*ap, double)); break;
	case 's':
	case 'S': fmt_str(s, sp, __builtin_va_arg(*ap, void *), wide); break;
	case 'c':
	case 'C': fmt_char(s, sp, __builtin_va_arg(*ap, int), wide); break;
	case 'n': store_count(s, sp, __builtin_va_arg(*ap, void *)); break;
	case '%':
		/* "%%" prints '%'; with flags or a width, nothing. */
		if (f->i - start == 1)
			emit_bytes(s, "%", 1);
		break;
	default:
		/* Unknown: its letter, no argument consumed. */
		emit_literal(s, f, f->i - 1, 1);
		break;
	}
}

int rt_vformat(struct rt_sink *s, const void *fmtp, int wide_fmt,
	       w32_va_list *ap)
{
	struct fmt f = {fmtp, wide_fmt, 0};
	size_t lit = 0;

	if (!s->loc)
		s->loc = rt_crt_locinfo(0);
	for (;;) {
		struct spec sp;
		uint32_t c = fc(&f, f.i);
		size_t start;

		if (c != '%' && c != 0) {
			f.i++;
			continue;
		}
		emit_literal(s, &f, lit, f.i - lit);
		if (c == 0)
			break;
		start = ++f.i;
		parse_spec(&f, &sp, ap);
		c = fc(&f, f.i);
		if (c == 0) {
			lit = f.i;
			continue;
		}
		f.i++;
		lit = f.i;
		sp.type = (char)c;
		sp.upper = c >= 'A' && c <= 'Z';
		convert(s, &sp, &f, start, ap);
	}
	return s->error ? -1 : (int)s->count;
}
