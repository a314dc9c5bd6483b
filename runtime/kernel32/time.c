/*
 * time.c — kernel32: time — the system and local time, FILETIME and
 * SYSTEMTIME conversions, the time zone, the tick count and the
 * performance counter.
 *
 * A FILETIME counts 100 ns units since 1601-01-01 UTC.  The tick count
 * and the performance counter (10 MHz, as Wine reports) run on
 * CLOCK_MONOTONIC.  The local time is the Linux zone's current
 * offset, as Wine has it; the Windows zone and its rules are
 * timezone.c's.  Setting the system clock fails with
 * ERROR_PRIVILEGE_NOT_HELD rather than pretending.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/kernel32/k32int.h"

#define ERROR_PRIVILEGE_NOT_HELD 1314

void WINAPI w32_GetSystemTimeAsFileTime(FILETIME *ft)
{
	struct timespec ts;
	uint64_t t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t = EPOCH_1601 + (uint64_t)ts.tv_sec * 10000000u +
		(uint64_t)ts.tv_nsec / 100;
	ft->dwLowDateTime = (DWORD)t;
	ft->dwHighDateTime = (DWORD)(t >> 32);
}

void WINAPI w32_GetSystemTimePreciseAsFileTime(FILETIME *ft)
{
	w32_GetSystemTimeAsFileTime(ft);
}

static int64_t current_offset(void);

/* The time now, UTC or local (UTC plus the current offset). */
static void fill_systemtime(SYSTEMTIME *st, int local)
{
	FILETIME ft;

	w32_GetSystemTimeAsFileTime(&ft);
	if (local)
		rt_k32_set_ft(&ft, rt_k32_ft64(&ft) + (uint64_t)current_offset());
	w32_FileTimeToSystemTime(&ft, st);
}

void WINAPI w32_GetSystemTime(SYSTEMTIME *st)
{
	fill_systemtime(st, 0);
}

void WINAPI w32_GetLocalTime(SYSTEMTIME *st)
{
	fill_systemtime(st, 1);
}

BOOL WINAPI w32_SetSystemTime(const SYSTEMTIME *st)
{
	rt_set_last_error(ERROR_PRIVILEGE_NOT_HELD);
	return FALSE;
}

BOOL WINAPI w32_GetSystemTimeAdjustment(DWORD *adj, DWORD *inc, BOOL *off)
{
	*adj = 156250; /* 15.625 ms, Windows' default tick */
	*inc = 156250;
	*off = TRUE;
	return TRUE;
}

BOOL WINAPI w32_FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st)
{
	uint64_t v = rt_k32_ft64(ft);
	time_t secs;
	struct tm tm;

	if (v >> 63) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	/* Days since 1601 work with gmtime's proleptic Gregorian calendar
	 * through the (negative) Unix time. */
	secs = (time_t)((int64_t)(v / 10000000u) - 11644473600ll);
	if (!gmtime_r(&secs, &tm)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	st->wYear = (WORD)(tm.tm_year + 1900);
	st->wMonth = (WORD)(tm.tm_mon + 1);
	st->wDayOfWeek = (WORD)tm.tm_wday;
	st->wDay = (WORD)tm.tm_mday;
	st->wHour = (WORD)tm.tm_hour;
	st->wMinute = (WORD)tm.tm_min;
	st->wSecond = (WORD)tm.tm_sec;
	st->wMilliseconds = (WORD)(v / 10000 % 1000);
	return TRUE;
}

static int month_days(int y, int m)
{
	static const int n[12] = {31, 28, 31, 30, 31, 30,
				  31, 31, 30, 31, 30, 31};

	return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29
								  : n[m - 1];
}

BOOL WINAPI w32_SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
	struct tm tm = {0};
	time_t secs;

	if (st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
	    st->wYear < 1601 || st->wYear > 30827 ||
	    st->wDay > month_days(st->wYear, st->wMonth) || st->wHour > 23 ||
	    st->wMinute > 59 ||
	    st->wSecond > 59 || st->wMilliseconds > 999) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	tm.tm_year = st->wYear - 1900;
	tm.tm_mon = st->wMonth - 1;
	tm.tm_mday = st->wDay;
	tm.tm_hour = st->wHour;
	tm.tm_min = st->wMinute;
	tm.tm_sec = st->wSecond;
	secs = timegm(&tm);
	rt_k32_set_ft(ft,
		      (uint64_t)((int64_t)secs + 11644473600ll) * 10000000u +
			      st->wMilliseconds * 10000u);
	return TRUE;
}

/* -1, 0 or 1 as a is before, at or after b. */
LONG WINAPI w32_CompareFileTime(const FILETIME *a, const FILETIME *b)
{
	uint64_t x = rt_k32_ft64(a), y = rt_k32_ft64(b);

	return x < y ? -1 : x > y;
}

/* The offset of local time now in 100 ns units (timezone.c's): both
 * conversions use the current bias, as Windows does, whatever the date
 * converted. */
static int64_t current_offset(void)
{
	return (int64_t)rt_k32_local_offset() * 10000000;
}

/* FileTimeToLocalFileTime: in plus the current offset. */
BOOL WINAPI w32_FileTimeToLocalFileTime(const FILETIME *in, FILETIME *out)
{
	rt_k32_set_ft(out, rt_k32_ft64(in) + (uint64_t)current_offset());
	return TRUE;
}

/* LocalFileTimeToFileTime: in less the current offset. */
BOOL WINAPI w32_LocalFileTimeToFileTime(const FILETIME *in, FILETIME *out)
{
	rt_k32_set_ft(out, rt_k32_ft64(in) - (uint64_t)current_offset());
	return TRUE;
}

/* ---- ticks and the performance counter ----------------------------------- */

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

DWORD WINAPI w32_GetTickCount(void)
{
	return (DWORD)(mono_ns() / 1000000);
}

ULONGLONG WINAPI w32_GetTickCount64(void)
{
	return mono_ns() / 1000000;
}

/* 10 MHz, as Wine reports. */
BOOL WINAPI w32_QueryPerformanceFrequency(LARGE_INTEGER *f)
{
	*f = 10000000;
	return TRUE;
}

BOOL WINAPI w32_QueryPerformanceCounter(LARGE_INTEGER *c)
{
	*c = (LARGE_INTEGER)(mono_ns() / 100);
	return TRUE;
}

/* ---- conversions in a given time zone ------------------------------------- */

/* Days from 1601-01-01 to y-m-d (Gregorian). */
static int64_t days_of(int y, int m, int d)
{
	int64_t a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3;

	/* Julian day number, less that of 1601-01-01 (2305814). */
	return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 +
	       yy / 400 - 32045 - 2305814;
}

int rt_k32_nth_weekday(int y, int m, int n, int wd)
{
	/* 1601-01-01 was a Monday: day 0 has weekday 1. */
	int first = (int)((days_of(y, m, 1) + 1) % 7);
	int d = 1 + (wd - first + 7) % 7 + 7 * (n - 1);

	while (d > month_days(y, m))
		d -= 7;
	return d;
}

/* The moment (100 ns units since 1601, on the zone's clock) a
 * transition rule names in year y: an absolute date (wYear set), or the
 * wDay-th (5: last) wDayOfWeek of wMonth at wHour:wMinute. */
static int64_t rule_time(const SYSTEMTIME *r, int y)
{
	int64_t day;

	day = days_of(y, r->wMonth,
		      r->wYear ? r->wDay
			       : rt_k32_nth_weekday(y, r->wMonth, r->wDay,
						    r->wDayOfWeek));
	return ((day * 24 + r->wHour) * 60 + r->wMinute) * 600000000ll +
	       (int64_t)r->wSecond * 10000000 + (int64_t)r->wMilliseconds * 10000;
}

static int year_of(int64_t t)
{
	SYSTEMTIME st;
	FILETIME ft;

	rt_k32_set_ft(&ft, (uint64_t)t);
	w32_FileTimeToSystemTime(&ft, &st);
	return st.wYear;
}

/* rt_k32_in_daylight: whether the moment t (100 ns units; UTC when utc, else the zone's
 * local time) falls in tz's daylight time.  Daylight starts at
 * DaylightDate in standard time and ends at StandardDate in daylight
 * time; in the southern hemisphere it spans the new year. */
int rt_k32_in_daylight(const TIME_ZONE_INFORMATION *tz, int64_t t, int utc)
{
	const int64_t min = 600000000ll;
	int64_t std = (int64_t)tz->Bias + tz->StandardBias;
	int64_t dst = (int64_t)tz->Bias + tz->DaylightBias;
	int64_t start, end;
	int y;

	if (!tz->DaylightDate.wMonth || !tz->StandardDate.wMonth)
		return 0;
	y = year_of(utc ? t - std * min : t);
	start = rule_time(&tz->DaylightDate, y);
	end = rule_time(&tz->StandardDate, y);
	if (utc) { /* the rules' local times as UTC */
		start += std * min;
		end += dst * min;
	}
	return start < end ? t >= start && t < end : t >= start || t < end;
}

/* SystemTimeToTzSpecificLocalTime: a UTC time in tz's local time (NULL:
 * the process's Windows zone, timezone.c's). */
BOOL WINAPI w32_SystemTimeToTzSpecificLocalTime(
	const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *utc,
	SYSTEMTIME *local)
{
	TIME_ZONE_INFORMATION own;
	FILETIME ft;
	int64_t t, bias;

	if (!w32_SystemTimeToFileTime(utc, &ft))
		return FALSE;
	t = (int64_t)rt_k32_ft64(&ft);
	if (!tz) {
		rt_k32_current_zone(&own);
		tz = &own;
	}
	bias = (int64_t)tz->Bias + (rt_k32_in_daylight(tz, t, 1)
					    ? tz->DaylightBias
					    : tz->StandardBias);
	rt_k32_set_ft(&ft, (uint64_t)(t - bias * 600000000ll));
	return w32_FileTimeToSystemTime(&ft, local);
}

/* TzSpecificLocalTimeToSystemTime: a local time of tz as UTC (NULL: the
 * process's zone). */
BOOL WINAPI w32_TzSpecificLocalTimeToSystemTime(
	const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *local,
	SYSTEMTIME *utc)
{
	TIME_ZONE_INFORMATION own;
	FILETIME ft;
	int64_t t, bias;

	if (!w32_SystemTimeToFileTime(local, &ft))
		return FALSE;
	t = (int64_t)rt_k32_ft64(&ft);
	if (!tz) {
		rt_k32_current_zone(&own);
		tz = &own;
	}
	bias = (int64_t)tz->Bias + (rt_k32_in_daylight(tz, t, 0)
					    ? tz->DaylightBias
					    : tz->StandardBias);
	rt_k32_set_ft(&ft, (uint64_t)(t + bias * 600000000ll));
	return w32_FileTimeToSystemTime(&ft, utc);
}
