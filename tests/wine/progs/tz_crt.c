/*
 * tz_crt.c — msvcrt's time zone as the process's TZ makes it (run in
 * several zones by tests/wine/tz-runs.txt): _tzname, _timezone,
 * _daylight and _dstbias before and after _tzset (msvcrt parses TZ in
 * its own "tzn[+|-]hh[:mm[:ss]][dzn]" form, which an Olson name like
 * Europe/Berlin does not fit; without TZ it takes kernel32's zone), then
 * localtime, mktime and strftime's %Z and %z for dates of many years
 * across the transitions, again with TZ values set by _putenv.
 * wine-test: both-stdio
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timeb.h>
#include <time.h>
#include <windows.h>

static void globals(const char *when)
{
	printf("%s: tzname '%s' '%s' timezone %ld daylight %d dstbias %ld\n",
	       when, _tzname[0], _tzname[1], (long)_timezone, _daylight,
	       (long)_dstbias);
}

static void show(const char *what, const struct tm *t)
{
	char z[64], zz[64];

	if (!t) {
		printf("%s: NULL\n", what);
		return;
	}
	strftime(z, sizeof z, "%Z", t);
	strftime(zz, sizeof zz, "%z", t);
	printf("%s: %d-%02d-%02d %02d:%02d:%02d wday %d yday %d isdst %d "
	       "%%Z '%s' %%z '%s'\n",
	       what, t->tm_year + 1900, t->tm_mon + 1, t->tm_mday, t->tm_hour,
	       t->tm_min, t->tm_sec, t->tm_wday, t->tm_yday, t->tm_isdst, z,
	       zz);
}

/* Local times of UTC moments around the transitions of several years. */
static void times(void)
{
	static const int years[] = {1970, 1986, 1999, 2006, 2007, 2021,
				    2024, 2037, 2100};
	static const int md[][2] = {{1, 15}, {3, 10}, {3, 31}, {4, 2},
				    {4, 7},  {7, 1},  {10, 27}, {11, 3}};

	for (size_t y = 0; y < sizeof years / sizeof years[0]; y++)
		for (size_t i = 0; i < sizeof md / sizeof md[0]; i++)
			for (int h = 0; h < 24; h += 7) {
				struct tm u = {0, 30, h, md[i][1], md[i][0] - 1,
					       years[y] - 1900, 0, 0, 0};
				__time64_t t = _mkgmtime64(&u);
				char what[64];

				snprintf(what, sizeof what, "%lld",
					 (long long)t);
				show(what, _localtime64(&t));
			}
}

/* mktime of local times, with each tm_isdst. */
static void mktimes(void)
{
	static const int md[][3] = {{2021, 3, 14}, {2021, 3, 28},
				    {2021, 7, 1},  {2021, 10, 31},
				    {2021, 11, 7}, {1990, 6, 1},
				    {2040, 1, 1}};

	for (size_t i = 0; i < sizeof md / sizeof md[0]; i++)
		for (int h = 0; h < 4; h += 1)
			for (int dst = -1; dst <= 1; dst++) {
				struct tm t = {0, 30, h, md[i][2], md[i][1] - 1,
					       md[i][0] - 1900, 0, 0, dst};
				__time64_t r = _mktime64(&t);
				char what[96];

				snprintf(what, sizeof what,
					 "mktime %d-%d-%d %d:30 isdst %d = %lld",
					 md[i][0], md[i][1], md[i][2], h, dst,
					 (long long)r);
				show(what, &t);
			}
}

/* The ends of the range: _MAX__TIME64_T (3001-01-01 07:59:59 UTC), the
 * years 70 and 1100 of mktime. */
static void limits(void)
{
	static const long long v[] = {-1, 32535215999ll, 32535244799ll,
				      32535244800ll};
	struct tm m[] = {{0, 0, 0, 1, 0, 1100, 0, 0, -1},
			 {59, 59, 23, 31, 11, 1100, 0, 0, -1},
			 {0, 0, 0, 1, 0, 1101, 0, 0, -1},
			 {0, 0, 0, 1, 0, 69, 0, 0, -1},
			 {0, 0, 0, 1, 0, 70, 0, 0, -1},
			 {0, 0, 0, 1, -13, 71, 0, 0, -1},
			 {0, 0, -30, 40, 25, 80, 0, 0, 0}};

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		__time64_t t = v[i];
		char what[64];

		snprintf(what, sizeof what, "localtime %lld", v[i]);
		show(what, _localtime64(&t));
		snprintf(what, sizeof what, "gmtime %lld", v[i]);
		show(what, _gmtime64(&t));
	}
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		__time64_t r = _mktime64(&m[i]);
		char what[64];

		snprintf(what, sizeof what, "mktime %zu = %lld", i,
			 (long long)r);
		show(what, &m[i]);
	}
}

/* The 32-bit twins (mingw's headers name the 64-bit ones) and _ftime. */
static void twins(void)
{
	HMODULE crt = GetModuleHandleA("msvcrt.dll");
	struct tm *(__cdecl *lt32)(const __time32_t *) =
		(void *)GetProcAddress(crt, "_localtime32");
	struct tm *(__cdecl *gm32)(const __time32_t *) =
		(void *)GetProcAddress(crt, "_gmtime32");
	__time32_t(__cdecl *mkgm32)(struct tm *) =
		(void *)GetProcAddress(crt, "_mkgmtime32");
	void(__cdecl *ftime)(struct __timeb64 *) =
		(void *)GetProcAddress(crt, "_ftime");
	__time32_t t = 1700000000;
	struct tm big = {0, 0, 0, 1, 0, 140, 0, 0, 0};
	struct __timeb64 tb;

	show("_localtime32", lt32(&t));
	show("_gmtime32", gm32(&t));
	show("_localtime32 NULL", lt32(NULL));
	printf("_mkgmtime32 2040: %ld\n", (long)mkgm32(&big));
	ftime(&tb);
	printf("_ftime timezone %d (_timezone %ld)\n", tb.timezone,
	       (long)_timezone);
}

int main(void)
{
	static const char *const zones[] = {
		"TZ=EST5EDT", "TZ=PST8PDT",	  "TZ=GMT0",
		"TZ=XYZ-5:30", "TZ=ABC+3:15:20DEF", "TZ=CET-1CEST",
		"TZ=",
	};
	__time64_t t = 0;

	globals("at start");
	show("localtime(0)", _localtime64(&t));
	globals("after localtime");
	_tzset();
	globals("after _tzset");
	times();
	mktimes();
	limits();
	twins();
	for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		_putenv(zones[i]);
		_tzset();
		globals(zones[i]);
		t = 1625140800; /* 2021-07-01 12:00 UTC */
		show(" July", _localtime64(&t));
		t = 1609502400; /* 2021-01-01 12:00 UTC */
		show(" January", _localtime64(&t));
	}
	return 0;
}
