/*
 * msvcrt_misc.c — msvcrt's time, random numbers, math, environment and
 * process functions.
 *
 * Windows-visible layouts are spelled out: struct tm is nine ints (no
 * glibc tm_gmtoff/tm_zone), time_t is 64 bits, clock() counts
 * milliseconds since the process started, and rand() is msvcrt's linear
 * congruential generator (state×214013+2531011, bits 16..30), kept per
 * thread as msvcrt does.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

extern char **environ;

/* ---- random numbers ------------------------------------------------ */

static __thread uint32_t rand_state = 1;

void WINAPI w32_srand(unsigned seed)
{
	rand_state = seed;
}

int WINAPI w32_rand(void)
{
	rand_state = rand_state * 214013u + 2531011u;
	return (int)(rand_state >> 16 & 0x7fff);
}

/* ---- time ---------------------------------------------------------- */

struct w32_tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday,
		tm_isdst;
};

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

size_t WINAPI w32_strftime(char *buf, size_t n, const char *fmt,
			   const struct w32_tm *o)
{
	struct tm t;

	from_w32(o, &t);
	return strftime(buf, n, fmt, &t);
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

/* ---- math (double only: long double is double on Windows) ---------- */

#define MATH1(name)                                                            \
	double WINAPI w32_##name(double x)                                     \
	{                                                                      \
		return name(x);                                                \
	}
#define MATH2(name)                                                            \
	double WINAPI w32_##name(double x, double y)                           \
	{                                                                      \
		return name(x, y);                                             \
	}
/* One wrapper a line (clang-format would make a staircase). */
/* clang-format off */
MATH1(sqrt)
MATH1(floor)
MATH1(ceil)
MATH1(fabs)
MATH1(sin)
MATH1(cos)
MATH1(tan)
MATH1(asin)
MATH1(acos)
MATH1(atan)
MATH1(exp)
MATH1(log)
MATH1(log10)
MATH1(sinh)
MATH1(cosh)
MATH1(tanh)
MATH2(pow)
MATH2(fmod)
MATH2(atan2)
MATH2(hypot)
/* clang-format on */

double WINAPI w32__hypot(double x, double y)
{
	return hypot(x, y);
}

double WINAPI w32_modf(double x, double *ip)
{
	return modf(x, ip);
}

double WINAPI w32_frexp(double x, int *e)
{
	return frexp(x, e);
}

double WINAPI w32_ldexp(double x, int e)
{
	return ldexp(x, e);
}

int WINAPI w32__isnan(double x)
{
	return isnan(x);
}

int WINAPI w32__finite(double x)
{
	return isfinite(x);
}

/* ---- environment --------------------------------------------------- */

/* Windows names ignore case. */
char *WINAPI w32_getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncasecmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

/* "NAME=value" sets, "NAME=" removes. */
int WINAPI w32__putenv(const char *s)
{
	const char *eq = strchr(s, '=');
	char *name;
	int r;

	if (!eq || eq == s) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	name = strndup(s, (size_t)(eq - s));
	if (!name)
		return -1;
	r = eq[1] ? setenv(name, eq + 1, 1) : unsetenv(name);
	free(name);
	return r ? -1 : 0;
}

int WINAPI w32__getpid(void)
{
	return (int)getpid();
}

/* nanosleep, not usleep(ms * 1000): that product wraps in 32 bits for
 * waits above 71 minutes, and usleep may refuse a second or more. */
void WINAPI w32__sleep(ULONG ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

