/*
 * strftime.c — msvcrt's strftime, wcsftime, _wcsftime_l and _Strftime:
 * a date and time as text in LC_TIME's locale.
 *
 * msvcrt's own engine, not glibc's: the names (%a %A %b %B %p) are the
 * locale's (struct w32_lc_time, measured from Wine), and %c, %x and %X
 * follow the locale's date and time pictures, Windows' own notation
 * ("M/d/yyyy", "dddd, d' de 'MMMM' de 'yyyy", "h:mm:ss tt"), which the
 * '#' flag swaps for the long date (%#c, %#x); '#' also drops the leading
 * zeros of numbers.  What msvcrt does not know (%e, %D, %T, ...) is an
 * invalid argument: errno EINVAL, an empty string and 0; so is a field
 * out of its range (tm_mday 0, tm_hour 24, ...).  A result that does not
 * fit gives "" and 0 with errno ERANGE.  wcsftime formats the bytes and
 * widens them through LC_CTYPE's code page, as msvcrt does.
 *
 * %Z and %z (the same in msvcrt) are _tzname's standard or daylight
 * name (timezone.c): kernel32's zone names ("Greenwich Standard Time"),
 * or the two letters msvcrt takes from TZ.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

#define MAX_SECONDS 59

/* The output so far: out[0..pos) of max bytes. */
struct out {
	char *s;
	size_t pos, max;
};

/* Appends n bytes of src (up to its NUL); FALSE (the buffer emptied,
 * ERANGE) when they do not fit. */
static int put_str(struct out *o, const char *src, size_t n)
{
	for (; n && *src; src++, n--) {
		if (o->pos >= o->max) {
			o->s[0] = 0;
			*rt_errno_ptr() = W_ERANGE;
			return 0;
		}
		o->s[o->pos++] = *src;
	}
	return 1;
}

/* msvcrt's invalid-argument path: the buffer emptied, EINVAL. */
static int invalid(struct out *o)
{
	if (o->max)
		o->s[0] = 0;
	*rt_errno_ptr() = W_EINVAL;
	return 0;
}

/* v with at least width digits (0: as it is); v must be in lo..hi. */
static int put_int(struct out *o, int v, int width, int lo, int hi)
{
	char b[16];
	int n;

	if (v < lo || v > hi)
		return invalid(o);
	n = snprintf(b, sizeof(b), "%0*d", width, v);
	if ((size_t)n > o->max - o->pos) {
		o->s[0] = 0;
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	memcpy(o->s + o->pos, b, (size_t)n);
	o->pos += (size_t)n;
	return 1;
}

static int in_range(int v, int lo, int hi)
{
	return v >= lo && v <= hi;
}

/* A Windows date or time picture ("dddd, MMMM d, yyyy", "h:mm:ss tt"):
 * each run of one letter is a field, quoted text is copied, anything
 * else is copied as it is. */
static int put_picture(struct out *o, const struct w32_tm *tm,
		       const struct w32_lc_time *td, const char *f)
{
	int ok = 1;

	while (*f && ok) {
		size_t count = 1;

		while (f[count] == f[0])
			count++;
		switch (*f) {
		case '\'':
			if (count % 2 == 0)
				break; /* '' is nothing (as msvcrt) */
			f += count;
			count = 0;
			while (f[count] && f[count] != '\'')
				count++;
			ok = put_str(o, f, count);
			if (f[count] == '\'')
				count++;
			break;
		case 'd':
			if (count > 2 && !in_range(tm->tm_wday, 0, 6))
				return invalid(o);
			if (count <= 2)
				ok = put_int(o, tm->tm_mday, count == 1 ? 0 : 2,
					     1, 31);
			else if (count == 3)
				ok = put_str(o,
					     td->str[W_TIME_SHORT_WDAY +
						     tm->tm_wday],
					     SIZE_MAX);
			else
				ok = put_str(o, f, count - 4) &&
				     put_str(o,
					     td->str[W_TIME_WDAY + tm->tm_wday],
					     SIZE_MAX);
			break;
		case 'M':
			if (count > 2 && !in_range(tm->tm_mon, 0, 11))
				return invalid(o);
			if (count <= 2)
				ok = put_int(o, tm->tm_mon + 1,
					     count == 1 ? 0 : 2, 1, 12);
			else if (count == 3)
				ok = put_str(o,
					     td->str[W_TIME_SHORT_MON +
						     tm->tm_mon],
					     SIZE_MAX);
			else
				ok = put_str(o, f, count - 4) &&
				     put_str(o,
					     td->str[W_TIME_MON + tm->tm_mon],
					     SIZE_MAX);
			break;
		case 'y':
			if (count > 1 && tm->tm_year < 0)
				return invalid(o);
			if (count == 1)
				ok = put_str(o, f, 1);
			else if (count <= 3)
				ok = put_str(o, f, count - 2) &&
				     put_int(o, (tm->tm_year + 1900) % 100, 2,
					     0, 99);
			else
				ok = put_str(o, f, count - 4) &&
				     put_int(o, tm->tm_year + 1900, 4, 0,
					     9999);
			break;
		case 'h':
			if (!in_range(tm->tm_hour, 0, 23))
				return invalid(o);
			if (count > 2)
				ok = put_str(o, f, count - 2);
			if (ok)
				ok = put_int(o, (tm->tm_hour + 11) % 12 + 1,
					     count == 1 ? 0 : 2, 1, 12);
			break;
		case 'H':
			if (count > 2)
				ok = put_str(o, f, count - 2);
			if (ok)
				ok = put_int(o, tm->tm_hour, count == 1 ? 0 : 2,
					     0, 23);
			break;
		case 'm':
			if (count > 2)
				ok = put_str(o, f, count - 2);
			if (ok)
				ok = put_int(o, tm->tm_min, count == 1 ? 0 : 2,
					     0, 59);
			break;
		case 's':
			if (count > 2)
				ok = put_str(o, f, count - 2);
			if (ok)
				ok = put_int(o, tm->tm_sec, count == 1 ? 0 : 2,
					     0, MAX_SECONDS);
			break;
		case 'a':
		case 'A':
		case 't':
			if (!in_range(tm->tm_hour, 0, 23))
				return invalid(o);
			ok = put_str(o,
				     td->str[tm->tm_hour < 12 ? W_TIME_AM
							      : W_TIME_PM],
				     *f == 't' && count == 1 ? 1 : SIZE_MAX);
			break;
		default:
			ok = put_str(o, f, count);
			break;
		}
		f += count;
	}
	return ok;
}

/* The zone's name for %Z and %z (daylight or standard): _tzname's. */
static int put_zone(struct out *o, int dst)
{
	return put_str(o, rt_crt_tzname(dst), SIZE_MAX);
}

/* One conversion (the letter c, '#' given or not). */
static int convert(struct out *o, char c, int alt, const struct w32_tm *tm,
		   const struct w32_lc_time *td)
{
	int year = tm->tm_year + 1900, w = alt ? 0 : 2, v;

	switch (c) {
	case 'c':
		return put_picture(o, tm, td,
				   td->str[alt ? W_TIME_DATE
					       : W_TIME_SHORT_DATE]) &&
		       put_str(o, " ", 1) &&
		       put_picture(o, tm, td, td->str[W_TIME_TIME]);
	case 'x':
		return put_picture(o, tm, td,
				   td->str[alt ? W_TIME_DATE
					       : W_TIME_SHORT_DATE]);
	case 'X':
		return put_picture(o, tm, td, td->str[W_TIME_TIME]);
	case 'a':
	case 'A':
		if (!in_range(tm->tm_wday, 0, 6))
			return invalid(o);
		return put_str(o,
			       td->str[(c == 'a' ? W_TIME_SHORT_WDAY
						 : W_TIME_WDAY) +
				       tm->tm_wday],
			       SIZE_MAX);
	case 'b':
	case 'B':
		if (!in_range(tm->tm_mon, 0, 11))
			return invalid(o);
		return put_str(o,
			       td->str[(c == 'b' ? W_TIME_SHORT_MON
						 : W_TIME_MON) +
				       tm->tm_mon],
			       SIZE_MAX);
	case 'd':
		return put_int(o, tm->tm_mday, w, 1, 31);
	case 'H':
		return put_int(o, tm->tm_hour, w, 0, 23);
	case 'I':
		if (!in_range(tm->tm_hour, 0, 23))
			return invalid(o);
		return put_int(o, (tm->tm_hour + 11) % 12 + 1, w, 1, 12);
	case 'j':
		return put_int(o, tm->tm_yday + 1, alt ? 0 : 3, 1, 366);
	case 'm':
		return put_int(o, tm->tm_mon + 1, w, 1, 12);
	case 'M':
		return put_int(o, tm->tm_min, w, 0, 59);
	case 'p':
		if (!in_range(tm->tm_hour, 0, 23))
			return invalid(o);
		return put_str(o, td->str[tm->tm_hour < 12 ? W_TIME_AM
							   : W_TIME_PM],
			       SIZE_MAX);
	case 'S':
		return put_int(o, tm->tm_sec, w, 0, MAX_SECONDS);
	case 'w':
		return put_int(o, tm->tm_wday, 0, 0, 6);
	case 'y':
		if (year < 1900)
			return invalid(o);
		return put_int(o, year % 100, w, 0, 99);
	case 'Y':
		return put_int(o, year, alt ? 0 : 4, 0, 9999);
	case 'z':
	case 'Z':
		return put_zone(o, tm->tm_isdst != 0); /* -1: daylight */
	case 'U':
	case 'W':
		if (!in_range(tm->tm_wday, 0, 6) ||
		    !in_range(tm->tm_yday, 0, 365))
			return invalid(o);
		/* Days of the first week before its Sunday (or Monday). */
		v = c == 'U' ? tm->tm_wday : (tm->tm_wday + 6) % 7;
		return put_int(o, tm->tm_yday / 7 + (v <= tm->tm_yday % 7), w,
			       0, 53);
	case '%':
		return put_str(o, "%", 1);
	default:
		return invalid(o);
	}
}

/* strftime's engine: the result's length, 0 with errno on failure (and
 * then s is "" when max allows); td NULL is l's LC_TIME. */
static size_t format_time(char *s, size_t max, const char *fmt,
			  const struct w32_tm *tm,
			  const struct w32_lc_time *td, w32_locale_t l)
{
	struct out o = {s, 0, max};

	if (!s || !fmt) {
		if (s && max)
			s[0] = 0;
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	if (!td)
		td = rt_crt_locinfo(l)->lc_time_curr;
	for (; *fmt && o.pos < max; fmt++) {
		int alt = 0;

		if (*fmt != '%') {
			s[o.pos++] = *fmt;
			continue;
		}
		if (*++fmt == '#') {
			alt = 1;
			fmt++;
		}
		if (!tm)
			return invalid(&o);
		if (!convert(&o, *fmt, alt, tm, td))
			return 0;
	}
	if (o.pos == max) {
		if (max)
			s[0] = 0;
		*rt_errno_ptr() = W_ERANGE;
		return 0;
	}
	s[o.pos] = 0;
	return o.pos;
}

size_t WINAPI w32_strftime(char *s, size_t max, const char *fmt,
			   const struct w32_tm *tm)
{
	return format_time(s, max, fmt, tm, 0, 0);
}

/* _Strftime: strftime with the names and pictures of a __lc_time_data
 * (_Gettnames'; NULL: the current locale's). */
size_t WINAPI w32__Strftime(char *s, size_t max, const char *fmt,
			    const struct w32_tm *tm, void *td)
{
	return format_time(s, max, fmt, tm, td, 0);
}

/* wcsftime: the format narrowed and the result widened through
 * LC_CTYPE's code page, the bytes formatted by strftime with room for
 * four bytes a unit; the units written (mbstowcs's count: max, and no
 * NUL, when it does not fit). */
size_t WINAPI w32__wcsftime_l(WCHAR *s, size_t max, const WCHAR *fmt,
			      const struct w32_tm *tm, w32_locale_t l)
{
	size_t n, r;
	char *f, *out;

	if (!fmt || !s) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	n = w32__wcstombs_l(0, fmt, 0, l);
	if (n == (size_t)-1) {
		if (max)
			s[0] = 0;
		return 0;
	}
	f = malloc(n + 1);
	out = malloc(max * 4 + 1);
	if (!f || !out) {
		free(f);
		free(out);
		*rt_errno_ptr() = W_ENOMEM;
		return 0;
	}
	w32__wcstombs_l(f, fmt, n + 1, l);
	if (!format_time(out, max * 4, f, tm, 0, l))
		out[0] = 0;
	r = w32__mbstowcs_l(s, out, max, l);
	free(f);
	free(out);
	return r;
}

size_t WINAPI w32_wcsftime(WCHAR *s, size_t max, const WCHAR *fmt,
			   const struct w32_tm *tm)
{
	return w32__wcsftime_l(s, max, fmt, tm, 0);
}
