/*
 * nlsformat.c — kernel32: dates and times as a locale writes them,
 * GetDateFormatA/W/Ex and GetTimeFormatA/W/Ex, from a picture the caller
 * gives or the locale's (short or long date, year and month, month and
 * day; the time).  The names, pictures and era are the locale's answers
 * to GetLocaleInfoW (locale.c); the numbers and currencies are
 * numformat.c's, which shares the helpers below (k32nls.h).
 *
 * Pictures: d dd (the day, with a zero), ddd dddd (the day's abbreviated
 * and full name), M MM MMM MMMM (the month; MMMM in its genitive form
 * next to a day, "5 marca", by Wine's rule: see genitive_at), y and yy (the year in
 * the century, two digits as Wine writes it: Windows has no zero for y),
 * yyy and more (the full year), g (the era, once
 * for each g, as Wine writes it); h hh H HH m mm s ss t tt for times;
 * 'text' is copied, '' is a quote; any other character is itself.
 *
 * The table's locales have the Gregorian calendar only, so
 * DATE_USE_ALT_CALENDAR and an Ex calendar name change nothing; as in
 * Wine, DATE_LTRREADING, DATE_RTLREADING and DATE_AUTOLAYOUT add no
 * direction marks, and flags neither knows are ignored.
 */
#include <string.h>

#include "runtime/kernel32/k32nls.h"

#define DATE_SHORTDATE		0x01
#define DATE_LONGDATE		0x02
#define DATE_YEARMONTH		0x08
#define DATE_MONTHDAY		0x80
#define TIME_NOMINUTESORSECONDS 0x01
#define TIME_NOSECONDS		0x02
#define TIME_NOTIMEMARKER	0x04
#define TIME_FORCE24HOURFORMAT	0x08
#define LOCALE_SSHORTDATE	0x001f
#define LOCALE_SLONGDATE	0x0020
#define LOCALE_S1159		0x0028
#define LOCALE_S2359		0x0029
#define LOCALE_SDAYNAME1	0x002a
#define LOCALE_SABBREVDAYNAME1	0x0031
#define LOCALE_SMONTHNAME1	0x0038
#define LOCALE_SABBREVMONTHNAME1 0x0044
#define LOCALE_SMONTHDAY	0x0078
#define LOCALE_STIMEFORMAT	0x1003
#define LOCALE_SYEARMONTH	0x1006

/* ---- the shared helpers (k32nls.h) ------------------------------------ */

void nls_put(struct nls_out *o, const WCHAR *s, int n)
{
	for (int i = 0; i < n; i++)
		if (o->n < NLS_OUT_MAX)
			o->buf[o->n++] = s[i];
		else
			o->overflow = 1;
}

void nls_putc(struct nls_out *o, WCHAR c)
{
	nls_put(o, &c, 1);
}

void nls_put_str(struct nls_out *o, const WCHAR *s)
{
	nls_put(o, s, (int)rt_wcslen(s));
}

void nls_put_num(struct nls_out *o, unsigned v, int width)
{
	WCHAR d[16];
	int n = 0;

	do
		d[n++] = (WCHAR)('0' + v % 10), v /= 10;
	while (v);
	while (n < width)
		d[n++] = '0';
	while (n)
		nls_putc(o, d[--n]);
}

const WCHAR *nls_text(const struct nls_locale *l, LCTYPE type)
{
	const struct nls_info *i = rt_k32_info(l, type);

	return i ? rt_k32_text(i) : (const WCHAR *)u"";
}

INT nls_result(const struct nls_out *o, LPWSTR buf, INT n)
{
	if (o->overflow) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	if (n == 0)
		return o->n + 1;
	if (n < o->n + 1) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buf, o->buf, (size_t)o->n * sizeof(WCHAR));
	buf[o->n] = 0;
	return o->n + 1;
}

WCHAR *nls_wide(UINT cp, LPCSTR s)
{
	INT n = w32_MultiByteToWideChar(cp, 0, s, -1, 0, 0);
	WCHAR *w = n > 0 ? malloc((size_t)n * sizeof(WCHAR)) : 0;

	if (w && w32_MultiByteToWideChar(cp, 0, s, -1, w, n) != n) {
		free(w);
		w = 0;
	}
	return w;
}

INT nls_narrow(UINT cp, const WCHAR *w, INT k, LPSTR buf, INT n)
{
	return k ? w32_WideCharToMultiByte(cp, 0, w, k, buf, n, 0, 0) : 0;
}

/* ---- dates ------------------------------------------------------------ */

static int leap(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Whether st is a date Wine formats: years 1601 to 30828, a month, a day
 * of the month in a leap year (February 29 always; its time is not
 * looked at). */
static int valid_date(const SYSTEMTIME *st)
{
	static const unsigned char days[12] = {31, 29, 31, 30, 31, 30,
					       31, 31, 30, 31, 30, 31};

	if (st->wYear < 1601 || st->wYear > 30828 || st->wMonth < 1 ||
	    st->wMonth > 12 || st->wDay < 1)
		return 0;
	return st->wDay <= days[st->wMonth - 1];
}

/* The day of the week (0 Sunday), computed: Windows ignores the one given. */
static unsigned weekday(unsigned y, unsigned m, unsigned d)
{
	static const unsigned char t[12] = {0, 3, 2, 5, 0, 3,
					    5, 1, 4, 6, 2, 4};

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* How many times the picture's character at p repeats. */
static int run_of(const WCHAR *p)
{
	int n = 1;

	while (p[n] == p[0])
		n++;
	return n;
}

/* Whether the MMMM at p (n letters long) of picture pic takes the
 * genitive name, as Wine decides (measured): the nearest day before it
 * outside quotes is a number (d, dd), or the first thing after it, past
 * punctuation, spaces, quoted text, years and other full month names, is
 * a day other than ddd. */
static int genitive_at(const WCHAR *pic, const WCHAR *p, int n)
{
	const WCHAR *q = p + n;
	int quoted = 0, before = 0;

	for (const WCHAR *s = pic; s < p; s++) {
		if (*s == '\'') {
			quoted = !quoted;
		} else if (!quoted && *s == 'd') {
			int k = run_of(s);

			if (s + k > p)
				k = (int)(p - s);
			before = k <= 2;
			s += k - 1;
		}
	}
	if (before)
		return 1;
	while (*q) {
		int k = run_of(q);

		if (*q == '\'') {
			for (q++; *q && *q != '\''; q++)
				;
			if (*q)
				q++;
		} else if (*q == 'y' || (*q == 'M' && k >= 4)) {
			q += k;
		} else if (*q < 128 && !(*q >= '0' && *q <= '9') &&
			   !((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z')) {
			q++;
		} else {
			return *q == 'd' && k != 3;
		}
	}
	return 0;
}

/* Copies a quoted run at *p ('text', '' a quote); *p moves past it. */
static void put_quoted(struct nls_out *o, const WCHAR **p)
{
	const WCHAR *s = *p + 1;

	for (;;) {
		if (!*s)
			break;
		if (*s == '\'') {
			if (s[1] == '\'') {
				nls_putc(o, '\'');
				s += 2;
				continue;
			}
			s++;
			break;
		}
		nls_putc(o, *s++);
	}
	*p = s;
}

static void format_date(struct nls_out *o, const struct nls_locale *l,
			const SYSTEMTIME *st, const WCHAR *p)
{
	const WCHAR *pic = p;
	unsigned wd = weekday(st->wYear, st->wMonth, st->wDay);

	while (*p) {
		int n = run_of(p);
		const struct nls_info *i;

		switch (*p) {
		case '\'':
			put_quoted(o, &p);
			continue;
		case 'd':
			if (n <= 2)
				nls_put_num(o, st->wDay, n);
			else
				nls_put_str(o, nls_text(l, (n == 3
							? LOCALE_SABBREVDAYNAME1
							: LOCALE_SDAYNAME1) +
							       (wd + 6) % 7));
			break;
		case 'M':
			if (n <= 2) {
				nls_put_num(o, st->wMonth, n);
				break;
			}
			i = rt_k32_info(l, (n == 3 ? LOCALE_SABBREVMONTHNAME1
						   : LOCALE_SMONTHNAME1) +
						   st->wMonth - 1);
			if (i)
				nls_put_str(o, n > 3 && rt_k32_genitive(i) &&
						       genitive_at(pic, p, n)
						       ? rt_k32_genitive(i)
						       : rt_k32_text(i));
			break;
		case 'y':
			if (n <= 2) /* y as yy, as Wine writes it */
				nls_put_num(o, st->wYear % 100, 2);
			else
				nls_put_num(o, st->wYear, 0);
			break;
		case 'g':
			n = 1;
			nls_put_str(o, rt_k32_era(l));
			break;
		default:
			n = 1;
			nls_putc(o, *p);
			break;
		}
		p += n;
	}
}

/* GetDateFormatW and Ex: st's date (NULL: today) in locale l. */
static INT date_w(const struct nls_locale *l, DWORD flags,
		  const SYSTEMTIME *st, LPCWSTR fmt, LPWSTR buf, INT n)
{
	static const DWORD pictures =
		DATE_SHORTDATE | DATE_LONGDATE | DATE_YEARMONTH | DATE_MONTHDAY;
	DWORD which = flags & pictures;
	struct nls_out o = {0};
	SYSTEMTIME now;
	LCTYPE type = LOCALE_SSHORTDATE;

	/* Other flags change nothing, as in Wine (see the top). */
	if ((fmt && (which || (flags & NLS_NOUSEROVERRIDE))) ||
	    (which & (which - 1))) {
		rt_set_last_error(ERROR_INVALID_FLAGS);
		return 0;
	}
	if (!st) {
		w32_GetLocalTime(&now);
		st = &now;
	}
	if (!valid_date(st)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (st->wMonth == 2 && st->wDay == 29 && !leap(st->wYear)) {
		/* Wine goes through a file time: March 1. */
		now = *st;
		now.wMonth = 3, now.wDay = 1;
		st = &now;
	}
	if (which == DATE_LONGDATE)
		type = LOCALE_SLONGDATE;
	else if (which == DATE_YEARMONTH)
		type = LOCALE_SYEARMONTH;
	else if (which == DATE_MONTHDAY)
		type = LOCALE_SMONTHDAY;
	format_date(&o, l, st, fmt ? fmt : nls_text(l, type));
	return nls_result(&o, buf, n);
}

/* GetDateFormatW: the date st (NULL: today; its day of the week ignored)
 * as picture fmt (see the top) or, with fmt NULL, the locale's picture
 * that flags name (DATE_SHORTDATE, the default, DATE_LONGDATE,
 * DATE_YEARMONTH, DATE_MONTHDAY), into buf of n units (0: the size); the
 * units written with the NUL.  0 with ERROR_INVALID_FLAGS (a picture and
 * a picture flag, two picture flags), ERROR_INVALID_PARAMETER (no such
 * date; a locale outside the table, refused) or
 * ERROR_INSUFFICIENT_BUFFER.  LOCALE_NOUSEROVERRIDE with fmt is
 * ERROR_INVALID_FLAGS too. */
INT WINAPI w32_GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCWSTR fmt, LPWSTR buf, INT n)
{
	const struct nls_locale *l;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale("GetDateFormatW", lcid);
	return l ? date_w(l, flags, st, fmt, buf, n) : 0;
}

/* GetDateFormatEx: GetDateFormatW for a locale name (NULL: the user's);
 * the calendar name changes nothing (Gregorian only). */
INT WINAPI w32_GetDateFormatEx(LPCWSTR name, DWORD flags,
			       const SYSTEMTIME *st, LPCWSTR fmt, LPWSTR buf,
			       INT n, LPCWSTR calendar)
{
	const struct nls_locale *l;

	(void)calendar;
	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale_named("GetDateFormatEx", name);
	return l ? date_w(l, flags, st, fmt, buf, n) : 0;
}

/* ---- times ------------------------------------------------------------ */

/* Whether the picture character c is one flags leave out. */
static int skipped(WCHAR c, DWORD flags)
{
	if (c == 't')
		return (flags & TIME_NOTIMEMARKER) != 0;
	if (c == 'm')
		return (flags & TIME_NOMINUTESORSECONDS) != 0;
	if (c == 's')
		return (flags & (TIME_NOMINUTESORSECONDS | TIME_NOSECONDS)) != 0;
	return 0;
}

/* A field left out takes the separator before it along (back to the end
 * of the last field written). */
static void format_time(struct nls_out *o, const struct nls_locale *l,
			const SYSTEMTIME *st, const WCHAR *p, DWORD flags)
{
	int last_field = 0; /* o->n after the last field written */

	while (*p) {
		int n = run_of(p);
		WCHAR c = *p;
		unsigned h = st->wHour;
		const WCHAR *ampm;

		if (c == '\'') {
			put_quoted(o, &p);
			continue;
		}
		if (c != 'h' && c != 'H' && c != 'm' && c != 's' && c != 't') {
			nls_putc(o, c);
			p++;
			continue;
		}
		if (skipped(c, flags)) {
			o->n = last_field;
			p += n;
			continue;
		}
		if (c == 'h' && (flags & TIME_FORCE24HOURFORMAT))
			c = 'H';
		switch (c) {
		case 'h':
			nls_put_num(o, h % 12 ? h % 12 : 12, n > 1 ? 2 : 1);
			break;
		case 'H':
			nls_put_num(o, h, n > 1 ? 2 : 1);
			break;
		case 'm':
			nls_put_num(o, st->wMinute, n > 1 ? 2 : 1);
			break;
		case 's':
			nls_put_num(o, st->wSecond, n > 1 ? 2 : 1);
			break;
		default: /* 't' */
			ampm = nls_text(l, h < 12 ? LOCALE_S1159 : LOCALE_S2359);
			if (n == 1 && *ampm)
				nls_putc(o, ampm[0]);
			else
				nls_put_str(o, ampm);
			break;
		}
		last_field = o->n;
		p += n;
	}
}

static INT time_w(const struct nls_locale *l, DWORD flags,
		  const SYSTEMTIME *st, LPCWSTR fmt, LPWSTR buf, INT n)
{
	struct nls_out o = {0};
	SYSTEMTIME now;

	if (fmt && (flags & NLS_NOUSEROVERRIDE)) {
		rt_set_last_error(ERROR_INVALID_FLAGS);
		return 0;
	}
	if (!st) {
		w32_GetLocalTime(&now);
		st = &now;
	}
	if (st->wHour > 23 || st->wMinute > 59 || st->wSecond > 59 ||
	    st->wMilliseconds > 999) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	format_time(&o, l, st, fmt ? fmt : nls_text(l, LOCALE_STIMEFORMAT),
		    flags);
	return nls_result(&o, buf, n);
}

/* GetTimeFormatW: the time st (NULL: now) as picture fmt (see the top;
 * NULL: the locale's), into buf of n units (0: the size), less what
 * flags leave out (TIME_NOMINUTESORSECONDS, TIME_NOSECONDS,
 * TIME_NOTIMEMARKER: with the separator before; TIME_FORCE24HOURFORMAT);
 * the units written with the NUL.  0 with ERROR_INVALID_FLAGS,
 * ERROR_INVALID_PARAMETER (no such time; a locale outside the table,
 * refused) or ERROR_INSUFFICIENT_BUFFER. */
INT WINAPI w32_GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCWSTR fmt, LPWSTR buf, INT n)
{
	const struct nls_locale *l;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale("GetTimeFormatW", lcid);
	return l ? time_w(l, flags, st, fmt, buf, n) : 0;
}

/* GetTimeFormatEx: GetTimeFormatW for a locale name (NULL: the user's). */
INT WINAPI w32_GetTimeFormatEx(LPCWSTR name, DWORD flags,
			       const SYSTEMTIME *st, LPCWSTR fmt, LPWSTR buf,
			       INT n)
{
	const struct nls_locale *l;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale_named("GetTimeFormatEx", name);
	return l ? time_w(l, flags, st, fmt, buf, n) : 0;
}

/* ---- the A forms ------------------------------------------------------ */

typedef INT (*wide_fn)(const struct nls_locale *, DWORD, const SYSTEMTIME *,
		       LPCWSTR, LPWSTR, INT);

/* The A forms: fmt read and the result written in the locale's ANSI code
 * page (the process's with LOCALE_USE_CP_ACP), n in bytes. */
static INT format_a(const char *fn, wide_fn w, LCID lcid, DWORD flags,
		    const SYSTEMTIME *st, LPCSTR fmt, LPSTR buf, INT n)
{
	const struct nls_locale *l;
	WCHAR *wfmt = 0, out[NLS_OUT_MAX + 1];
	UINT cp;
	INT k;

	if (n < 0 || (n && !buf)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	l = rt_k32_locale(fn, lcid);
	if (!l)
		return 0;
	cp = flags & NLS_USE_CP_ACP ? w32_GetACP() : l->acp;
	if (fmt && !(wfmt = nls_wide(cp, fmt))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	k = w(l, flags, st, wfmt, out, NLS_OUT_MAX + 1);
	free(wfmt);
	return nls_narrow(cp, out, k, buf, n);
}

/* GetDateFormatA: GetDateFormatW in bytes (see format_a). */
INT WINAPI w32_GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCSTR fmt, LPSTR buf, INT n)
{
	return format_a("GetDateFormatA", date_w, lcid, flags, st, fmt,
			buf, n);
}

/* GetTimeFormatA: GetTimeFormatW in bytes (see format_a). */
INT WINAPI w32_GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCSTR fmt, LPSTR buf, INT n)
{
	return format_a("GetTimeFormatA", time_w, lcid, flags, st, fmt, buf,
			n);
}
