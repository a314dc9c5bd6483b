/*
 * time.c — msvcrt's time functions: _time64, _localtime64, _gmtime64,
 * _mktime64, clock, _ftime64 (strftime is strftime.c's).
 *
 * Windows-visible layouts are spelled out: struct tm is nine ints (no
 * glibc tm_gmtoff/tm_zone), time_t is 64 bits, clock() counts
 * milliseconds since the process started, and the broken-down time that
 * localtime/gmtime return is kept per thread.
 */
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

static void from_w32(const struct w32_tm *o, struct tm *t)
{
	memset(t, 0, sizeof(*t));
	t->tm_sec = o->tm_sec;
	t->tm_min = o->tm_min;
	t->tm_hour = o->tm_hour;
	t->tm_mday = o->tm_mday;
	t->tm_mon = o->tm_mon;
	t->tm_year = o->tm_year;
	t->tm_wday = o->tm_wday;
	t->tm_yday = o->tm_yday;
	t->tm_isdst = o->tm_isdst;
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

/* conv is localtime_r or gmtime_r; msvcrt refuses times before 1970. */
static struct w32_tm *
broken_down(const int64_t *t, struct tm *(*conv)(const time_t *, struct tm *))
{
	struct tm tm;
	time_t v = (time_t)*t;

	if (*t < 0 || !conv(&v, &tm)) {
		*rt_errno_ptr() = W_EINVAL;
		return 0;
	}
	return to_w32(&tm, &tm_buf);
}

struct w32_tm *WINAPI w32__localtime64(const int64_t *t)
{
	return broken_down(t, localtime_r);
}

struct w32_tm *WINAPI w32__gmtime64(const int64_t *t)
{
	return broken_down(t, gmtime_r);
}

int64_t WINAPI w32__mktime64(struct w32_tm *o)
{
	struct tm t;
	time_t r;

	from_w32(o, &t);
	r = mktime(&t);
	if (r != (time_t)-1)
		to_w32(&t, o);
	return (int64_t)r;
}

int64_t WINAPI w32__mkgmtime64(struct w32_tm *o)
{
	struct tm t;

	from_w32(o, &t);
	return (int64_t)timegm(&t);
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

void WINAPI w32__ftime64(struct timeb64 *tb)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	tb->time = ts.tv_sec;
	tb->millitm = (uint16_t)(ts.tv_nsec / 1000000);
	tb->timezone =
		(int16_t)(-(tm.tm_gmtoff - (tm.tm_isdst > 0 ? 3600 : 0)) / 60);
	tb->dstflag = (int16_t)(tm.tm_isdst > 0);
}
