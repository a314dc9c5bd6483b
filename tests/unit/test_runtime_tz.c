/*
 * test_runtime_tz.c — time zones: the table of Windows zones as kernel32
 * lists and looks them up, dates SystemTimeToFileTime refuses, msvcrt's
 * parsing of TZ (short and odd values Wine would read past), and
 * msvcrt's local time and mktime agreeing with each other in every hour
 * of years with and without daylight time.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/core/rt.h"
#include "runtime/kernel32/kernel32.h"
#include "runtime/msvcrt/msvcrt.h"
#include "tests/unit/cu.h"

CU_SUITE(tz, 0, 0)

static int wequal(const WCHAR *w, const char *s)
{
	while (*w && *w == (unsigned char)*s)
		w++, s++;
	return !*w && !*s;
}

CU_TEST(tz, zone_table)
{
	DYNAMIC_TIME_ZONE_INFORMATION d, k;
	TIME_ZONE_INFORMATION t;
	DWORD n;

	for (n = 0; !w32_EnumDynamicTimeZoneInformation(n, &d); n++) {
		/* Every zone is found again by its key, in any case, with
		 * the same names and standing rules. */
		CU_ASSERT(d.TimeZoneKeyName[0] != 0);
		CU_ASSERT(d.StandardDate.wMonth <= 12);
		CU_ASSERT(!d.StandardDate.wMonth == !d.DaylightDate.wMonth);
		memset(&k, 0, sizeof(k));
		memcpy(k.TimeZoneKeyName, d.TimeZoneKeyName,
		       sizeof(k.TimeZoneKeyName));
		k.TimeZoneKeyName[0] ^= 0x20;
		k.DynamicDaylightTimeDisabled = 1;
		CU_ASSERT_FATAL(w32_GetTimeZoneInformationForYear(2020, &k, &t));
		CU_ASSERT(!memcmp(&t, &d, sizeof(t)));
	}
	CU_ASSERT_EQUAL(n, 139); /* Wine 8's registry */
	CU_ASSERT_EQUAL(w32_EnumDynamicTimeZoneInformation(n, &d), 259);
	memset(&k, 0, sizeof(k));
	memcpy(k.TimeZoneKeyName, u"Nowhere Standard Time", 44);
	CU_ASSERT(!w32_GetTimeZoneInformationForYear(2020, &k, &t));
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_FILE_NOT_FOUND);
	/* Dynamic DST: US Eastern before and after the 2007 change. */
	memcpy(k.TimeZoneKeyName, u"Eastern Standard Time", 44);
	CU_ASSERT_FATAL(w32_GetTimeZoneInformationForYear(2006, &k, &t));
	CU_ASSERT_EQUAL(t.DaylightDate.wMonth, 4);
	CU_ASSERT(wequal(t.DaylightName, "Eastern Daylight Time"));
	CU_ASSERT_FATAL(w32_GetTimeZoneInformationForYear(2007, &k, &t));
	CU_ASSERT_EQUAL(t.DaylightDate.wMonth, 3);
	CU_ASSERT_EQUAL(t.Bias, 300);
}

CU_TEST(tz, systemtime_days)
{
	SYSTEMTIME ok = {2024, 2, 0, 29, 0, 0, 0, 0}, bad = ok;
	FILETIME ft;

	CU_ASSERT(w32_SystemTimeToFileTime(&ok, &ft));
	bad.wYear = 2023;
	CU_ASSERT(!w32_SystemTimeToFileTime(&bad, &ft));
	bad = ok;
	bad.wMonth = 4;
	bad.wDay = 31;
	CU_ASSERT(!w32_SystemTimeToFileTime(&bad, &ft));
	bad = ok;
	bad.wYear = 1600;
	CU_ASSERT(!w32_SystemTimeToFileTime(&bad, &ft));
}

static void tz_is(const char *tz, const char *std, const char *dst,
		  long zone, int daylight)
{
	char var[64] = "TZ=";

	strcat(var, tz);
	CU_ASSERT_EQUAL_FATAL(w32__putenv(var), 0);
	w32__tzset();
	CU_ASSERT_STRING_EQUAL(w32__tzname[0], std);
	CU_ASSERT_STRING_EQUAL(w32__tzname[1], dst);
	CU_ASSERT_EQUAL(w32__timezone, zone);
	CU_ASSERT_EQUAL(w32__daylight, daylight);
}

CU_TEST(tz, msvcrt_tz_parsing)
{
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : 0;

	tz_is("EST5EDT", "ES", "ED", 18000, 'E');
	tz_is("XYZ-5:30", "XY", "", -19800, 0);
	tz_is("ABC+3:15:20DEF", "AB", "DE", 11720, 'D');
	tz_is("Europe/Berlin", "Eu", "op", 0, 'o');
	/* Shorter than the name: no offset, nothing read past the end. */
	tz_is("A", "A", "", 0, 0);
	tz_is("AB", "AB", "", 0, 0);
	tz_is("ABC", "AB", "", 0, 0);
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	w32__tzset();
}

/* localtime(mktime(tm)) gives back the fields mktime normalized, hour
 * by hour through a year (the hour daylight time skips included). */
static void round_trip(const char *tz, int year)
{
	char var[64] = "TZ=";

	strcat(var, tz);
	w32__putenv(var);
	w32__tzset();
	for (int h = 0; h < 366 * 24; h += 1) {
		struct w32_tm t = {0, 15, h % 24, 1 + h / 24, 0, year - 1900,
				   0, 0, -1};
		struct w32_tm want;
		int64_t secs = w32__mktime64(&t);
		struct w32_tm *back;

		CU_ASSERT_FATAL(secs >= 0);
		want = t;
		back = w32__localtime64(&secs);
		CU_ASSERT_PTR_NOT_NULL_FATAL(back);
		CU_ASSERT(!memcmp(back, &want, sizeof(want)));
	}
}

CU_TEST(tz, msvcrt_round_trip)
{
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : 0;

	round_trip("EST5EDT", 2006);
	round_trip("EST5EDT", 2024);
	round_trip("PST8", 2024);
	round_trip("XYZ-5:30", 1999);
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	w32__tzset();
}
