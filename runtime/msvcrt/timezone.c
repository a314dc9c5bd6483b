/*
 * timezone.c — msvcrt's time zone: _tzset and the data it sets
 * (_tzname, _timezone, _daylight, _dstbias), and the local time that
 * follows from them: _localtime64/_localtime32, _mktime64, _mkgmtime64/
 * _mkgmtime32.
 *
 * msvcrt does not use the Linux time zone database.  _tzset reads TZ in
 * msvcrt's own form "tzn[+|-]hh[:mm[:ss]][dzn]": the first two
 * characters of TZ are the standard name, the offset starts at the
 * fourth, and the character after it (any, as a number) is _daylight; an
 * Olson name such as Europe/Berlin gives "Eu", offset 0 and daylight 'o'.
 * Without TZ the zone is kernel32's (GetTimeZoneInformation).  Daylight
 * time then follows the zone's rules, or, for a TZ value, the United
 * States' rules of the year (before 2007: first Sunday of April to last
 * of October; since: second Sunday of March to first of November).  The
 * data starts as Pacific time, as msvcrt's does, and _tzset runs the
 * first time a local time is needed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/msvcrt/msvcrt.h"

#define TICKS 10000000ll
#define TICKS_1970 116444736000000000ll
#define MAX_TIME64 32535244799ll /* _MAX__TIME64_T: 3001-01-01 07:59:59 */

static char tzname_std[64] = "PST", tzname_dst[64] = "PDT";
char *w32__tzname[2] = {tzname_std, tzname_dst};
int32_t w32__timezone = 28800;
int w32__daylight = 1;
int32_t w32__dstbias = -3600;

static TIME_ZONE_INFORMATION crt_zone; /* kernel32's, for the rules */
static pthread_mutex_t tz_lock = PTHREAD_MUTEX_INITIALIZER;
static int tz_ready;

/* Up to two characters of s into d, as msvcrt copies the names. */
static void copy2(char *d, const char *s)
{
	size_t i = 0;

	while (i < 2 && s[i]) {
		d[i] = s[i];
		i++;
	}
	d[i] = 0;
}

static void parse_tz(const char *tz)
{
	int neg = 0;
	char *p;
	long v;

	memset(&crt_zone, 0, sizeof(crt_zone));
	copy2(tzname_std, tz);
	/* The offset is read from the fourth character on (a TZ shorter
	 * than three has none). */
	p = (char *)tz + (strlen(tz) < 3 ? strlen(tz) : 3);
	if (*p == '-') {
		neg = 1;
		p++;
	} else if (*p == '+') {
		p++;
	}
	v = strtol(p, &p, 10) * 3600;
	if (*p == ':') {
		v += strtol(p + 1, &p, 10) * 60;
		if (*p == ':')
			v += strtol(p + 1, &p, 10);
	}
	w32__timezone = (int32_t)(neg ? -v : v);
	w32__daylight = (signed char)*p;
	copy2(tzname_dst, p);
}

static void zone_name(char *d, const WCHAR *w, int *ok)
{
	BOOL lost = FALSE;

	if (!w32_WideCharToMultiByte(0, 0, w, -1, d, 64, 0, &lost) || lost)
		*ok = 0;
}

static void take_zone(void)
{
	TIME_ZONE_INFORMATION *z = &crt_zone;
	int ok = 1;

	if (w32_GetTimeZoneInformation(z) == 0xffffffff)
		return;
	w32__timezone = z->Bias * 60;
	if (z->StandardDate.wMonth)
		w32__timezone += z->StandardBias * 60;
	if (z->DaylightDate.wMonth) {
		w32__daylight = 1;
		w32__dstbias = (z->DaylightBias - z->StandardBias) * 60;
	} else {
		w32__daylight = 0;
		w32__dstbias = 0;
	}
	zone_name(tzname_std, z->StandardName, &ok);
	zone_name(tzname_dst, z->DaylightName, &ok);
	/* Either name failing empties the standard one, as msvcrt does. */
	if (!ok)
		tzname_std[0] = 0;
}

/* _tzset: the zone from TZ (msvcrt's form), else kernel32's. */
void WINAPI w32__tzset(void)
{
	const char *tz = w32_getenv("TZ");

	pthread_mutex_lock(&tz_lock);
	if (tz && *tz)
		parse_tz(tz);
	else
		take_zone();
	tz_ready = 1;
	pthread_mutex_unlock(&tz_lock);
}

/* The zone, set once by _tzset if the program has not called it. */
static void tzset_once(void)
{
	pthread_mutex_lock(&tz_lock);
	if (!tz_ready) {
		pthread_mutex_unlock(&tz_lock);
		w32__tzset();
		return;
	}
	pthread_mutex_unlock(&tz_lock);
}

const char *rt_crt_tzname(int dst)
{
	tzset_once();
	return w32__tzname[dst ? 1 : 0];
}

/* Whether st, a local standard time, is in daylight time: the zone's
 * rules when it has some, else the United States' of st's year. */
static int is_dst(const SYSTEMTIME *st)
{
	TIME_ZONE_INFORMATION t;
	SYSTEMTIME out;

	if (!w32__daylight)
		return 0;
	if (crt_zone.DaylightDate.wMonth) {
		t = crt_zone;
	} else {
		int y2007 = st->wYear >= 2007;

		memset(&t, 0, sizeof(t));
		t.StandardDate.wMonth = y2007 ? 11 : 10;
		t.StandardDate.wDay = y2007 ? 1 : 5;
		t.StandardDate.wHour = 2;
		t.DaylightDate.wMonth = y2007 ? 3 : 4;
		t.DaylightDate.wDay = y2007 ? 2 : 1;
		t.DaylightDate.wHour = 2;
	}
	t.Bias = 0;
	t.StandardBias = 0;
	t.DaylightBias = w32__dstbias / 60;
	if (!w32_SystemTimeToTzSpecificLocalTime(&t, st, &out))
		return 0;
	return memcmp(st, &out, sizeof(out)) != 0;
}

static void ticks_to_st(int64_t t, SYSTEMTIME *st)
{
	FILETIME ft;

	ft.dwLowDateTime = (DWORD)t;
	ft.dwHighDateTime = (DWORD)((uint64_t)t >> 32);
	w32_FileTimeToSystemTime(&ft, st);
}

static void st_to_tm(const SYSTEMTIME *st, struct w32_tm *t)
{
	static const int before[12] = {0,   31,  59,  90,  120, 151,
				       181, 212, 243, 273, 304, 334};
	int y = st->wYear;

	t->tm_sec = st->wSecond;
	t->tm_min = st->wMinute;
	t->tm_hour = st->wHour;
	t->tm_mday = st->wDay;
	t->tm_mon = st->wMonth - 1;
	t->tm_year = y - 1900;
	t->tm_wday = st->wDayOfWeek;
	t->tm_yday = before[st->wMonth - 1] + st->wDay - 1 +
		     (st->wMonth > 2 &&
		      ((y % 4 == 0 && y % 100) || y % 400 == 0));
}

static __thread struct w32_tm local_buf;

/* _localtime64: *t (seconds since 1970, up to _MAX__TIME64_T) in the
 * zone; NULL with EINVAL outside that range. */
struct w32_tm *WINAPI w32__localtime64(const int64_t *t)
{
	SYSTEMTIME st;
	int64_t v;

	if (!t || *t < 0 || *t > MAX_TIME64) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	tzset_once();
	v = (*t - w32__timezone) * TICKS + TICKS_1970;
	ticks_to_st(v, &st);
	local_buf.tm_isdst = is_dst(&st);
	if (local_buf.tm_isdst)
		ticks_to_st(v - (int64_t)w32__dstbias * TICKS, &st);
	st_to_tm(&st, &local_buf);
	return &local_buf;
}

/* _localtime32: _localtime64 of a 32-bit time; NULL for NULL. */
struct w32_tm *WINAPI w32__localtime32(const int32_t *t)
{
	int64_t v;

	if (!t)
		return 0;
	v = *t;
	return w32__localtime64(&v);
}

/* mktime and _mkgmtime: the fields normalized (months into years, the
 * rest through the calendar), years 1970 to 3000; local: the zone's
 * offset, and tm_isdst (-1: as the rules say) chooses daylight time. */
static int64_t make_time(struct w32_tm *m, int local)
{
	SYSTEMTIME st = {0};
	FILETIME ft;
	int64_t y, r;
	int dst = 0;

	y = m->tm_year + m->tm_mon / 12;
	m->tm_mon %= 12;
	if (m->tm_mon < 0) {
		m->tm_mon += 12;
		y--;
	}
	if (y < 70 || y > 1100) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	st.wDay = 1;
	st.wMonth = (WORD)(m->tm_mon + 1);
	st.wYear = (WORD)(y + 1900);
	if (!w32_SystemTimeToFileTime(&st, &ft)) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	r = (int64_t)((uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime) +
	    (int64_t)m->tm_sec * TICKS +
	    (int64_t)m->tm_min * 60 * TICKS +
	    (int64_t)m->tm_hour * 3600 * TICKS +
	    (int64_t)(m->tm_mday - 1) * 86400 * TICKS;
	ticks_to_st(r, &st);
	if (local) {
		tzset_once();
		dst = is_dst(&st);
		if ((m->tm_isdst <= -1 && dst) || m->tm_isdst >= 1) {
			SYSTEMTIME tmp;

			r += (int64_t)w32__dstbias * TICKS;
			ticks_to_st(r, &tmp);
			if (!is_dst(&tmp)) {
				st = tmp;
				dst = 0;
			} else {
				dst = 1;
			}
		} else if (m->tm_isdst == 0 && dst) {
			r -= (int64_t)w32__dstbias * TICKS;
			ticks_to_st(r, &st);
			r += (int64_t)w32__dstbias * TICKS;
		}
		r += (int64_t)w32__timezone * TICKS;
	}
	st_to_tm(&st, m);
	m->tm_isdst = dst;
	if (r < TICKS_1970) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	return (r - TICKS_1970) / TICKS;
}

/* _mktime64: the local time *m as seconds since 1970, *m normalized. */
int64_t WINAPI w32__mktime64(struct w32_tm *m)
{
	return make_time(m, 1);
}

/* _mkgmtime64: the UTC time *m as seconds since 1970 (tm_isdst
 * ignored). */
int64_t WINAPI w32__mkgmtime64(struct w32_tm *m)
{
	return make_time(m, 0);
}

/* _mkgmtime32: the same, -1 past 2038. */
int32_t WINAPI w32__mkgmtime32(struct w32_tm *m)
{
	int64_t r = make_time(m, 0);

	return r == (int32_t)r ? (int32_t)r : -1;
}
