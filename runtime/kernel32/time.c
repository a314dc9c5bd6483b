/*
 * time.c — kernel32: time — the system and local time, FILETIME and
 * SYSTEMTIME conversions, the time zone, the tick count and the
 * performance counter.
 *
 * A FILETIME counts 100 ns units since 1601-01-01 UTC.  The tick count
 * and the performance counter (10 MHz, as Wine reports) run on
 * CLOCK_MONOTONIC.  The time zone is the local zone's current offset,
 * without transition rules.  Setting the system clock fails with
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

static void fill_systemtime(SYSTEMTIME *st, int local)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (local)
		localtime_r(&ts.tv_sec, &tm);
	else
		gmtime_r(&ts.tv_sec, &tm);
	st->wYear = (WORD)(tm.tm_year + 1900);
	st->wMonth = (WORD)(tm.tm_mon + 1);
	st->wDayOfWeek = (WORD)tm.tm_wday;
	st->wDay = (WORD)tm.tm_mday;
	st->wHour = (WORD)tm.tm_hour;
	st->wMinute = (WORD)tm.tm_min;
	st->wSecond = (WORD)tm.tm_sec;
	st->wMilliseconds = (WORD)(ts.tv_nsec / 1000000);
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

BOOL WINAPI w32_SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft)
{
	struct tm tm = {0};
	time_t secs;

	if (st->wMonth < 1 || st->wMonth > 12 || st->wDay < 1 ||
	    st->wDay > 31 || st->wHour > 23 || st->wMinute > 59 ||
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

BOOL WINAPI w32_FileTimeToLocalFileTime(const FILETIME *in, FILETIME *out)
{
	time_t now = time(0);
	struct tm tm;

	localtime_r(&now, &tm);
	rt_k32_set_ft(out,
		      rt_k32_ft64(in) +
			      (uint64_t)((int64_t)tm.tm_gmtoff * 10000000));
	return TRUE;
}

/* The current offset of the local zone (no transition rules). */
DWORD WINAPI w32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
	time_t now = time(0);
	struct tm tm;
	WCHAR *n;

	localtime_r(&now, &tm);
	memset(tz, 0, sizeof(*tz));
	tz->Bias = (LONG)(-tm.tm_gmtoff / 60);
	n = rt_utf16_dup(tm.tm_zone ? tm.tm_zone : "UTC");
	if (n) {
		size_t len = rt_wcslen(n);

		if (len > 31)
			len = 31;
		memcpy(tz->StandardName, n, len * sizeof(WCHAR));
		memcpy(tz->DaylightName, n, len * sizeof(WCHAR));
		free(n);
	}
	return 0; /* TIME_ZONE_ID_UNKNOWN: no daylight rules given */
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
