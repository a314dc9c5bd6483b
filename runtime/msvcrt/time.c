/*
 * time.c — msvcrt's time functions: _time64, _gmtime64 (the local ones
 * are timezone.c's),
 * clock, _ftime64; and dates as the fixed text of asctime and
 * ctime (with _ctime32, _ctime64 and the wide twins _wasctime, _wctime,
 * _wctime32, _wctime64, one implementation for both widths), _strdate
 * and _strtime with theirs (strftime is strftime.c's).
 *
 * Windows-visible layouts are spelled out: struct tm is nine ints (no
 * glibc tm_gmtoff/tm_zone), time_t is 64 bits, clock() counts
 * milliseconds since the process started, and the broken-down time that
 * localtime/gmtime return is kept per thread.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/msvcrt/msvcrt.h"

static __thread struct w32_tm tm_buf;

static struct w32_tm *to_w32(const struct tm *t, struct w32_tm *o)
{
	o->tm_sec = t->tm_sec;
	o->tm_min = t->tm_min;
	o->tm_hour = t->tm_hour;
	o->tm_mday = t->tm_mday;
	o->tm_mon = t->tm_mon;
	o->tm_year = t->tm_year;
	o->tm_wday = t->tm_wday;
	o->tm_yday = t->tm_yday;
	o->tm_isdst = t->tm_isdst;
	return o;
}

int64_t WINAPI w32__time64(int64_t *t)
{
	int64_t now = (int64_t)time(0);

	if (t)
		*t = now;
	return now;
}

int32_t WINAPI w32__time32(int32_t *t)
{
	int32_t now = (int32_t)time(0);

	if (t)
		*t = now;
	return now;
}

/* msvcrt refuses times before 1970 and after _MAX__TIME64_T. */
static struct w32_tm *utc_broken_down(const int64_t *t)
{
	struct tm tm;
	time_t v;

	if (!t || *t < 0 || *t > 32535244799ll) { /* _MAX__TIME64_T */
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	v = (time_t)*t;
	gmtime_r(&v, &tm);
	return to_w32(&tm, &tm_buf);
}

/* _gmtime64: *t as UTC fields; NULL (EINVAL) before 1970 or past
 * 3001-01-01 07:59:59 UTC. */
struct w32_tm *WINAPI w32__gmtime64(const int64_t *t)
{
	return utc_broken_down(t);
}

/* _gmtime32: _gmtime64 of a 32-bit time; NULL for NULL. */
struct w32_tm *WINAPI w32__gmtime32(const int32_t *t)
{
	int64_t v;

	if (!t)
		return 0;
	v = *t;
	return utc_broken_down(&v);
}

double WINAPI w32__difftime64(int64_t a, int64_t b)
{
	return (double)(a - b);
}

static struct timespec start_time;

__attribute__((constructor)) static void note_start(void)
{
	clock_gettime(CLOCK_MONOTONIC, &start_time);
}

/* CLOCKS_PER_SEC is 1000 on Windows, and clock() is wall time. */
LONG WINAPI w32_clock(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (LONG)((now.tv_sec - start_time.tv_sec) * 1000 +
		      (now.tv_nsec - start_time.tv_nsec) / 1000000);
}

/* _ftime64: now, with _timezone in minutes and whether kernel32's zone
 * is in daylight time. */
void WINAPI w32__ftime64(struct timeb64 *tb)
{
	TIME_ZONE_INFORMATION z;
	FILETIME ft;
	uint64_t t;

	rt_crt_tzname(0); /* _tzset once */
	w32_GetSystemTimeAsFileTime(&ft);
	t = (uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime;
	tb->time = (int64_t)(t / 10000000 - 11644473600ull);
	tb->millitm = (uint16_t)(t % 10000000 / 10000);
	tb->timezone = (int16_t)(w32__timezone / 60);
	tb->dstflag = (int16_t)(w32_GetTimeZoneInformation(&z) == 2);
}

/* ---- asctime, ctime ------------------------------------------------ */

#define ASC_LEN 26 /* "Thu Jan 01 00:00:00 1970\n" and its NUL */

static __thread char asc_buf[ASC_LEN];
static __thread WCHAR wasc_buf[ASC_LEN];

static int leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/* Whether asctime takes t: every field in its range (a day of 0 is
 * taken), the year 1900 or later. */
static int tm_valid(const struct w32_tm *t)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};

	if (!t || t->tm_sec < 0 || t->tm_sec > 59 || t->tm_min < 0 ||
	    t->tm_min > 59 || t->tm_hour < 0 || t->tm_hour > 23 ||
	    t->tm_mon < 0 || t->tm_mon > 11 || t->tm_wday < 0 ||
	    t->tm_wday > 6 || t->tm_year < 0 || t->tm_mday < 0)
		return 0;
	return t->tm_mday <=
	       days[t->tm_mon] + (t->tm_mon == 1 && leap(1900 + t->tm_year));
}

/* The 25 characters and NUL of asctime for t, in units of either width
 * (wide: WCHAR); NULL with errno EINVAL for a time tm_valid refuses.  The
 * year is four digits, the first of them '0' + year / 1000 even past
 * 9999 (':' for 10000), as msvcrt writes it. */
static void *asc(const struct w32_tm *t, void *out, int wide)
{
	static const char day[] = "SunMonTueWedThuFriSat";
	static const char mon[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	unsigned y;
	char s[64]; /* the fields are in range: 26 are used */

	if (!tm_valid(t)) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	y = 1900u + (unsigned)t->tm_year;
	snprintf(s, sizeof(s), "%.3s %.3s %02d %02d:%02d:%02d %c%c%c%c\n",
		 day + 3 * t->tm_wday, mon + 3 * t->tm_mon, t->tm_mday,
		 t->tm_hour, t->tm_min, t->tm_sec, (char)('0' + y / 1000),
		 (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
		 (char)('0' + y % 10));
	for (int i = 0; i < ASC_LEN; i++) {
		if (wide)
			((WCHAR *)out)[i] = (unsigned char)s[i];
		else
			((char *)out)[i] = s[i];
	}
	return out;
}

/* asctime: t as "Thu Jan 01 00:00:00 1970\n" in a buffer of the thread's
 * that ctime shares; NULL (EINVAL) for a field out of range. */
char *WINAPI w32_asctime(const struct w32_tm *t)
{
	return asc(t, asc_buf, 0);
}

WCHAR *WINAPI w32__wasctime(const struct w32_tm *t)
{
	return asc(t, wasc_buf, 1);
}

/* ctime: asctime of the local time of *t; NULL (EINVAL) for NULL or a
 * time before 1970. */
char *WINAPI w32__ctime64(const int64_t *t)
{
	struct w32_tm *tm;

	if (!t) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	tm = w32__localtime64(t);
	return tm ? asc(tm, asc_buf, 0) : 0;
}

WCHAR *WINAPI w32__wctime64(const int64_t *t)
{
	struct w32_tm *tm;

	if (!t) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	tm = w32__localtime64(t);
	return tm ? asc(tm, wasc_buf, 1) : 0;
}

char *WINAPI w32__ctime32(const int32_t *t)
{
	int64_t v;

	if (!t) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	v = *t;
	return w32__ctime64(&v);
}

WCHAR *WINAPI w32__wctime32(const int32_t *t)
{
	int64_t v;

	if (!t) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	v = *t;
	return w32__wctime64(&v);
}

/* ---- _strdate, _strtime -------------------------------------------- */

/* kernel32's local date as "MM/DD/YY" (time: "HH:MM:SS") into buf, 9
 * units of either width. */
static void *clock_text(void *buf, int wide, int date)
{
	SYSTEMTIME st;
	char s[64]; /* 9 used */

	w32_GetLocalTime(&st);
	if (date)
		snprintf(s, sizeof(s), "%02u/%02u/%02u", st.wMonth, st.wDay,
			 st.wYear % 100u);
	else
		snprintf(s, sizeof(s), "%02u:%02u:%02u", st.wHour, st.wMinute,
			 st.wSecond);
	for (int i = 0; i < 9; i++) {
		if (wide)
			((WCHAR *)buf)[i] = (unsigned char)s[i];
		else
			((char *)buf)[i] = s[i];
	}
	return buf;
}

char *WINAPI w32__strdate(char *buf)
{
	return clock_text(buf, 0, 1);
}

WCHAR *WINAPI w32__wstrdate(WCHAR *buf)
{
	return clock_text(buf, 1, 1);
}

char *WINAPI w32__strtime(char *buf)
{
	return clock_text(buf, 0, 0);
}

WCHAR *WINAPI w32__wstrtime(WCHAR *buf)
{
	return clock_text(buf, 1, 0);
}
