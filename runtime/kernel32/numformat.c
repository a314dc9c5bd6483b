/*
 * numformat.c — kernel32: numbers and sums of money as a locale writes
 * them, GetNumberFormatA/W/Ex and GetCurrencyFormatA/W/Ex, with the
 * locale's digits, separators, grouping and sign placement or those of a
 * NUMBERFMT or CURRENCYFMT.
 *
 * The value is a string: an optional '-', digits, an optional '.' and
 * digits (an empty value is 0, as in Wine); it is rounded half up to the
 * digits asked for, decimal by decimal, so any length is exact.  The
 * grouping is Windows' number (3: groups of three; 32: three, then twos;
 * 30 or 320: the last group does not repeat); the locale's grouping
 * string is read as that number with its parts run together ("3;0" is
 * 30), as Wine reads it, which groups only the three digits before the
 * separator.  As in Wine, a rounding that carries past the first digit
 * adds a "1" without a separator ("999.995" is "1000.00"), and a value
 * that rounds to zero keeps its sign.
 */
#include <string.h>

#include "runtime/kernel32/k32nls.h"

#define LOCALE_SDECIMAL	       0x000e
#define LOCALE_STHOUSAND       0x000f
#define LOCALE_SGROUPING       0x0010
#define LOCALE_IDIGITS	       0x0011
#define LOCALE_ILZERO	       0x0012
#define LOCALE_SCURRENCY       0x0014
#define LOCALE_SMONDECIMALSEP  0x0016
#define LOCALE_SMONTHOUSANDSEP 0x0017
#define LOCALE_SMONGROUPING    0x0018
#define LOCALE_ICURRDIGITS     0x0019
#define LOCALE_ICURRENCY       0x001b
#define LOCALE_INEGCURR	       0x001c
#define LOCALE_INEGNUMBER      0x1010

/* What a number is written with: a NUMBERFMT or CURRENCYFMT's fields. */
struct numfmt {
	UINT digits, lzero, grouping, neg_order, pos_order;
	const WCHAR *dec, *thou, *symbol;
};

/* The parts of the value: its sign, integer and fraction digits. */
struct value {
	int neg;
	const WCHAR *ip, *fp;
	int ni, nf;
};

static int parse_value(const WCHAR *s, struct value *v)
{
	memset(v, 0, sizeof(*v));
	if (*s == '-')
		v->neg = 1, s++;
	v->ip = s;
	while (*s >= '0' && *s <= '9')
		s++, v->ni++;
	if (*s == '.')
		s++;
	v->fp = s;
	while (*s >= '0' && *s <= '9')
		s++, v->nf++;
	return *s == 0;
}

static UINT number_of(const struct nls_locale *l, LCTYPE type)
{
	const struct nls_info *i = rt_k32_info(l, type);

	return i && i->has_number ? i->number : 0;
}

/* A grouping string ("3;2;0") as Windows' number, its parts run
 * together (see the top). */
static UINT grouping_of(const struct nls_locale *l, LCTYPE type)
{
	UINT g = 0;

	for (const WCHAR *p = nls_text(l, type); *p; p++)
		if (*p >= '0' && *p <= '9')
			g = g * 10 + (UINT)(*p - '0');
	return g;
}

/* The value's digits grouped, then its fraction rounded (see the top). */
static void put_digits(struct nls_out *o, const struct value *v,
		       const struct numfmt *f)
{
	char groups[12];
	int ng = 0, repeat, start = o->n, ni = v->ni;
	const WCHAR *ip = v->ip;
	int size[NLS_OUT_MAX], k = 0, left, carry;

	/* Leading zeros say nothing (a zero integer part is LeadingZero's). */
	while (ni > 0 && *ip == '0')
		ip++, ni--;
	if (ni >= NLS_OUT_MAX || f->digits >= NLS_OUT_MAX) {
		o->overflow = 1; /* an answer longer than any buffer here */
		return;
	}
	for (UINT g = f->grouping; g; g /= 10)
		groups[ng++] = (char)(g % 10);
	for (int i = 0; i < ng / 2; i++) {
		char t = groups[i];

		groups[i] = groups[ng - 1 - i];
		groups[ng - 1 - i] = t;
	}
	repeat = ng && groups[ng - 1] != 0;
	if (ng && !repeat)
		ng--;
	/* The sizes of the groups, from the right. */
	left = ni;
	for (int i = 0; left > 0; i++) {
		int g = i < ng ? groups[i] : repeat ? groups[ng - 1] : 0;

		if (g <= 0 || g >= left) {
			size[k++] = left;
			break;
		}
		size[k++] = g;
		left -= g;
	}
	if (ni == 0 && f->lzero)
		nls_putc(o, '0');
	for (int i = k - 1, at = 0; i >= 0; i--) {
		nls_put(o, ip + at, size[i]);
		at += size[i];
		if (i)
			nls_put_str(o, f->thou);
	}
	carry = (UINT)v->nf > f->digits && v->fp[f->digits] >= '5';
	if (f->digits)
		nls_put_str(o, f->dec);
	for (UINT i = 0; i < f->digits; i++)
		nls_putc(o, (int)i < v->nf ? v->fp[i] : '0');
	for (int i = o->n - 1; carry && i >= start; i--) {
		if (o->buf[i] < '0' || o->buf[i] > '9')
			continue; /* a separator */
		if (o->buf[i] == '9')
			o->buf[i] = '0';
		else
			o->buf[i]++, carry = 0;
	}
	if (carry) {
		/* Past the first digit: a "1" in front. */
		if (o->n < NLS_OUT_MAX) {
			memmove(o->buf + start + 1, o->buf + start,
				(size_t)(o->n - start) * sizeof(WCHAR));
			o->buf[start] = '1';
			o->n++;
		} else {
			o->overflow = 1;
		}
	}
}

/* The number's text with its sign placed (NUMBERFMT's NegativeOrder). */
static int put_number(struct nls_out *o, const struct value *v,
		      const struct numfmt *f)
{
	static const char *const neg[5] = {"(#)", "-#", "- #", "#-", "# -"};
	const char *p;

	if (v->neg && f->neg_order > 4)
		return 0;
	for (p = v->neg ? neg[f->neg_order] : "#"; *p; p++)
		if (*p == '#')
			put_digits(o, v, f);
		else
			nls_putc(o, (WCHAR)*p);
	return 1;
}

/* The sum's text: the symbol ($) and sign placed as CURRENCYFMT's
 * PositiveOrder and NegativeOrder say. */
static int put_currency(struct nls_out *o, const struct value *v,
			const struct numfmt *f)
{
	static const char *const pos[4] = {"$#", "#$", "$ #", "# $"};
	static const char *const neg[16] = {
		"($#)", "-$#",	"$-#",	 "$#-",	  "(#$)",  "-#$",
		"#-$",	"#$-",	"-# $",	 "-$ #",  "# $-",  "$ #-",
		"$ -#", "#- $", "($ #)", "(# $)",
	};
	const char *p;

	if (v->neg ? f->neg_order > 15 : f->pos_order > 3)
		return 0;
	p = v->neg ? neg[f->neg_order] : pos[f->pos_order];
	for (; *p; p++)
		if (*p == '#')
			put_digits(o, v, f);
		else if (*p == '$')
			nls_put_str(o, f->symbol);
		else
			nls_putc(o, (WCHAR)*p);
	return 1;
}

/* GetNumberFormatW and GetCurrencyFormatW's common part: f is the
 * caller's (NUMBERFMTW or CURRENCYFMTW's fields) or NULL for the
 * locale's. */
static INT format_w(const struct nls_locale *l, int money, DWORD flags,
		    LPCWSTR value, const struct numfmt *f, LPWSTR buf, INT n)
{
	struct nls_out o = {0};
	struct numfmt mine;
	struct value v;
	int ok;

	if (f && (flags & NLS_NOUSEROVERRIDE)) {
		rt_set_last_error(ERROR_INVALID_FLAGS);
		return 0;
	}
	if (!value || !parse_value(value, &v) ||
	    (f && (!f->dec || !f->thou || (money && !f->symbol)))) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!f) {
		mine.digits = number_of(l, money ? LOCALE_ICURRDIGITS
						 : LOCALE_IDIGITS);
		mine.lzero = number_of(l, LOCALE_ILZERO);
		mine.grouping = grouping_of(l, money ? LOCALE_SMONGROUPING
						     : LOCALE_SGROUPING);
		mine.dec = nls_text(l, money ? LOCALE_SMONDECIMALSEP
					     : LOCALE_SDECIMAL);
		mine.thou = nls_text(l, money ? LOCALE_SMONTHOUSANDSEP
					      : LOCALE_STHOUSAND);
		mine.neg_order = number_of(l, money ? LOCALE_INEGCURR
						    : LOCALE_INEGNUMBER);
		mine.pos_order = number_of(l, LOCALE_ICURRENCY);
		mine.symbol = nls_text(l, LOCALE_SCURRENCY);
		f = &mine;
	}
	ok = money ? put_currency(&o, &v, f) : put_number(&o, &v, f);
	if (!ok) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	return nls_result(&o, buf, n);
}

static const struct numfmt *from_numberfmt(const NUMBERFMTW *f,
					   struct numfmt *out)
{
	if (!f)
		return 0;
	memset(out, 0, sizeof(*out));
	out->digits = f->NumDigits, out->lzero = f->LeadingZero;
	out->grouping = f->Grouping, out->neg_order = f->NegativeOrder;
	out->dec = f->lpDecimalSep, out->thou = f->lpThousandSep;
	return out;
}

static const struct numfmt *from_currencyfmt(const CURRENCYFMTW *f,
					     struct numfmt *out)
{
	if (!f)
		return 0;
	out->digits = f->NumDigits, out->lzero = f->LeadingZero;
	out->grouping = f->Grouping, out->neg_order = f->NegativeOrder;
	out->pos_order = f->PositiveOrder;
	out->dec = f->lpDecimalSep, out->thou = f->lpThousandSep;
	out->symbol = f->lpCurrencySymbol;
	return out;
}

#define CHECK_BUF(buf, n)                                                      \
	do {                                                                   \
		if ((n) < 0 || ((n) && !(buf))) {                              \
			rt_set_last_error(ERROR_INVALID_PARAMETER);            \
			return 0;                                              \
		}                                                              \
	} while (0)

/* GetNumberFormatW: value (see the top) as locale lcid writes a number,
 * or as fmt says, into buf of n units (0: the size); the units written
 * with the NUL.  0 with ERROR_INVALID_PARAMETER (not a number; a locale
 * outside the table, refused), ERROR_INVALID_FLAGS (LOCALE_NOUSEROVERRIDE
 * with fmt) or ERROR_INSUFFICIENT_BUFFER. */
INT WINAPI w32_GetNumberFormatW(LCID lcid, DWORD flags, LPCWSTR value,
				const NUMBERFMTW *fmt, LPWSTR buf, INT n)
{
	const struct nls_locale *l;
	struct numfmt f;

	CHECK_BUF(buf, n);
	l = rt_k32_locale("GetNumberFormatW", lcid);
	return l ? format_w(l, 0, flags, value, from_numberfmt(fmt, &f), buf,
			    n)
		 : 0;
}

/* GetNumberFormatEx: GetNumberFormatW for a locale name (NULL: the
 * user's). */
INT WINAPI w32_GetNumberFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value,
				 const NUMBERFMTW *fmt, LPWSTR buf, INT n)
{
	const struct nls_locale *l;
	struct numfmt f;

	CHECK_BUF(buf, n);
	l = rt_k32_locale_named("GetNumberFormatEx", name);
	return l ? format_w(l, 0, flags, value, from_numberfmt(fmt, &f), buf,
			    n)
		 : 0;
}

/* GetCurrencyFormatW: value as locale lcid writes a sum of money, or as
 * fmt says; as GetNumberFormatW. */
INT WINAPI w32_GetCurrencyFormatW(LCID lcid, DWORD flags, LPCWSTR value,
				  const CURRENCYFMTW *fmt, LPWSTR buf, INT n)
{
	const struct nls_locale *l;
	struct numfmt f;

	CHECK_BUF(buf, n);
	l = rt_k32_locale("GetCurrencyFormatW", lcid);
	return l ? format_w(l, 1, flags, value, from_currencyfmt(fmt, &f),
			    buf, n)
		 : 0;
}

/* GetCurrencyFormatEx: GetCurrencyFormatW for a locale name. */
INT WINAPI w32_GetCurrencyFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value,
				   const CURRENCYFMTW *fmt, LPWSTR buf, INT n)
{
	const struct nls_locale *l;
	struct numfmt f;

	CHECK_BUF(buf, n);
	l = rt_k32_locale_named("GetCurrencyFormatEx", name);
	return l ? format_w(l, 1, flags, value, from_currencyfmt(fmt, &f),
			    buf, n)
		 : 0;
}

/* ---- the A forms ------------------------------------------------------ */

/* The A forms under fn's name: value, fmt's strings and the result in
 * the locale's ANSI code page (the process's with LOCALE_USE_CP_ACP), n
 * in bytes.  cf is a CURRENCYFMTA, or nf a NUMBERFMTA, or neither. */
static INT format_a(const char *fn, int money, LCID lcid, DWORD flags,
		    LPCSTR value, const NUMBERFMTA *nf,
		    const CURRENCYFMTA *cf, LPSTR buf, INT n)
{
	const struct nls_locale *l;
	WCHAR *wv = 0, *wd = 0, *wt = 0, *ws = 0, out[NLS_OUT_MAX + 1];
	struct numfmt f, *fp = 0;
	UINT cp;
	INT k = 0;

	CHECK_BUF(buf, n);
	l = rt_k32_locale(fn, lcid);
	if (!l)
		return 0;
	cp = flags & NLS_USE_CP_ACP ? w32_GetACP() : l->acp;
	memset(&f, 0, sizeof(f));
	if (nf || cf) {
		const NUMBERFMTA *b = nf ? nf : (const NUMBERFMTA *)cf;

		/* CURRENCYFMTA begins as NUMBERFMTA does. */
		f.digits = b->NumDigits, f.lzero = b->LeadingZero;
		f.grouping = b->Grouping, f.neg_order = b->NegativeOrder;
		wd = b->lpDecimalSep ? nls_wide(cp, b->lpDecimalSep) : 0;
		wt = b->lpThousandSep ? nls_wide(cp, b->lpThousandSep) : 0;
		f.dec = wd, f.thou = wt;
		if (cf) {
			f.pos_order = cf->PositiveOrder;
			ws = cf->lpCurrencySymbol
				     ? nls_wide(cp, cf->lpCurrencySymbol)
				     : 0;
			f.symbol = ws;
		}
		fp = &f;
	}
	wv = value ? nls_wide(cp, value) : 0;
	if (value && !wv)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else
		k = format_w(l, money, flags & ~(DWORD)NLS_USE_CP_ACP, wv, fp,
			     out, NLS_OUT_MAX + 1);
	free(wv), free(wd), free(wt), free(ws);
	return nls_narrow(cp, out, k, buf, n);
}

/* GetNumberFormatA: GetNumberFormatW in bytes (see format_a). */
INT WINAPI w32_GetNumberFormatA(LCID lcid, DWORD flags, LPCSTR value,
				const NUMBERFMTA *fmt, LPSTR buf, INT n)
{
	return format_a("GetNumberFormatA", 0, lcid, flags, value, fmt, 0,
			buf, n);
}

/* GetCurrencyFormatA: GetCurrencyFormatW in bytes (see format_a). */
INT WINAPI w32_GetCurrencyFormatA(LCID lcid, DWORD flags, LPCSTR value,
				  const CURRENCYFMTA *fmt, LPSTR buf, INT n)
{
	return format_a("GetCurrencyFormatA", 1, lcid, flags, value, 0, fmt,
			buf, n);
}
