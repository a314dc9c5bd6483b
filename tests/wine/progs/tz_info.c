/*
 * tz_info.c — kernel32's time zone as the process's TZ makes it (run in
 * several zones by tests/wine/tz-runs.txt): the Windows zone picked for
 * the Linux one (GetTimeZoneInformation, GetDynamicTimeZoneInformation),
 * its rules for several years (GetTimeZoneInformationForYear, for it and
 * for named zones), every zone EnumDynamicTimeZoneInformation lists,
 * conversions with the process's zone across its transitions, and
 * FileTimeToLocalFileTime/LocalFileTimeToFileTime/GetLocalTime agreeing
 * with the current bias.  Nothing printed depends on today's date, only
 * on the zone (the current bias is checked, not printed).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void date(const char *what, const SYSTEMTIME *s)
{
	printf(" %s %u-%u-%u(%u) %u:%02u:%02u.%03u", what, s->wYear, s->wMonth,
	       s->wDay, s->wDayOfWeek, s->wHour, s->wMinute, s->wSecond,
	       s->wMilliseconds);
}

static void zone(const TIME_ZONE_INFORMATION *t)
{
	printf("  bias %ld std '%ls' %ld", (long)t->Bias, t->StandardName,
	       (long)t->StandardBias);
	date("from", &t->StandardDate);
	printf("\n  dlt '%ls' %ld", t->DaylightName, (long)t->DaylightBias);
	date("from", &t->DaylightDate);
	printf("\n");
}

static void for_year(DYNAMIC_TIME_ZONE_INFORMATION *d, USHORT y)
{
	TIME_ZONE_INFORMATION t;
	BOOL ok;

	memset(&t, 0x55, sizeof t);
	SetLastError(0xdead);
	ok = GetTimeZoneInformationForYear(y, d, &t);
	printf(" year %u of '%ls': %d", y, d ? d->TimeZoneKeyName : L"(own)",
	       ok);
	if (!ok) {
		printf(" error %lu\n", GetLastError());
		return;
	}
	printf("\n");
	zone(&t);
}

/* UTC times around the process zone's transitions of 2021, 1995, 2035,
 * both ways. */
static void conversions(void)
{
	static const WORD months[] = {1, 3, 4, 6, 10, 11, 12};
	static const WORD years[] = {1995, 2021, 2035};

	for (int y = 0; y < 3; y++)
		for (int m = 0; m < 7; m++)
			for (int d = 1; d <= 28; d += 6)
				for (int h = 0; h < 24; h += 5) {
					SYSTEMTIME u = {years[y], months[m], 0, d,
							h, 30, 0, 0},
						   l, back;
					BOOL a = SystemTimeToTzSpecificLocalTime(
						0, &u, &l);
					BOOL b = TzSpecificLocalTimeToSystemTime(
						0, &u, &back);

					printf("%u-%u-%u %u:30 -> %d %u-%u-%u "
					       "%u:%02u, %d %u-%u-%u %u:%02u\n",
					       u.wYear, u.wMonth, u.wDay, u.wHour,
					       a, l.wYear, l.wMonth, l.wDay,
					       l.wHour, l.wMinute, b, back.wYear,
					       back.wMonth, back.wDay, back.wHour,
					       back.wMinute);
				}
}

/* The current bias, from the zone and from the conversions. */
static void current(DWORD id, const TIME_ZONE_INFORMATION *t)
{
	LONG bias = t->Bias + (id == TIME_ZONE_ID_DAYLIGHT ? t->DaylightBias
				: id == TIME_ZONE_ID_STANDARD ? t->StandardBias
							      : 0);
	FILETIME ft = {0x12345678, 0x01d00000}, lf, back, now;
	ULONGLONG a, b;
	SYSTEMTIME utc, loc, conv;

	FileTimeToLocalFileTime(&ft, &lf);
	LocalFileTimeToFileTime(&lf, &back);
	a = ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
	b = ((ULONGLONG)lf.dwHighDateTime << 32) | lf.dwLowDateTime;
	printf("FileTimeToLocalFileTime uses the current bias: %d, back %d\n",
	       (LONGLONG)(a - b) == (LONGLONG)bias * 600000000,
	       !memcmp(&ft, &back, sizeof ft));
	/* A second's race with the clock is retried. */
	for (int i = 0; i < 3; i++) {
		GetSystemTime(&utc);
		GetLocalTime(&loc);
		SystemTimeToFileTime(&utc, &now);
		FileTimeToLocalFileTime(&now, &lf);
		FileTimeToSystemTime(&lf, &conv);
		if (conv.wMinute == loc.wMinute && conv.wSecond == loc.wSecond)
			break;
	}
	printf("GetLocalTime agrees: %d\n",
	       conv.wYear == loc.wYear && conv.wMonth == loc.wMonth &&
		       conv.wDay == loc.wDay && conv.wHour == loc.wHour &&
		       conv.wMinute == loc.wMinute);
	SystemTimeToTzSpecificLocalTime(0, &utc, &conv);
	printf("the rules agree now: %d\n", conv.wHour == loc.wHour &&
						    conv.wMinute == loc.wMinute);
}

/* Local minus UTC now, in minutes (a clock tick between the two calls
 * retried). */
static long offset_now(void)
{
	SYSTEMTIME u, l;
	FILETIME a, b;

	for (;;) {
		GetSystemTime(&u);
		GetLocalTime(&l);
		if (u.wSecond == l.wSecond)
			break;
	}
	u.wMilliseconds = l.wMilliseconds = 0;
	SystemTimeToFileTime(&u, &a);
	SystemTimeToFileTime(&l, &b);
	return (long)(((LONGLONG)(((ULONGLONG)b.dwHighDateTime << 32) |
				   b.dwLowDateTime) -
		       (LONGLONG)(((ULONGLONG)a.dwHighDateTime << 32) |
				  a.dwLowDateTime)) /
		      600000000);
}

/* The zone is the Linux one the process started with: a TZ the program
 * sets changes neither the zone nor the local time. */
static void tz_changed(void)
{
	TIME_ZONE_INFORMATION a, b;
	long before = offset_now();

	GetTimeZoneInformation(&a);
	SetEnvironmentVariableA("TZ", "JST-9");
	GetTimeZoneInformation(&b);
	printf("after TZ=JST-9: same zone %d, same local time %d\n",
	       !memcmp(&a, &b, sizeof a), offset_now() == before);
}

/* "tz-first": the program sets TZ before anything asks for the zone or
 * the local time; both stay the Linux zone the process started with. */
static int tz_first(void)
{
	TIME_ZONE_INFORMATION t;
	long off;

	SetEnvironmentVariableA("TZ", "JST-9");
	off = offset_now();
	GetTimeZoneInformation(&t);
	printf("TZ=JST-9 set first: local offset %ld min, bias %ld, '%ls'\n",
	       off, t.Bias, t.StandardName);
	return 0;
}

int main(int argc, char **argv)
{
	TIME_ZONE_INFORMATION t;
	DYNAMIC_TIME_ZONE_INFORMATION d, e;
	DWORD id, n;

	if (argc > 1 && !strcmp(argv[1], "tz-first"))
		return tz_first();
	memset(&t, 0x55, sizeof t);
	id = GetTimeZoneInformation(&t);
	printf("GetTimeZoneInformation: %s\n",
	       id == TIME_ZONE_ID_UNKNOWN ? "unknown"
	       : id == TIME_ZONE_ID_INVALID ? "invalid"
					    : "standard or daylight");
	zone(&t);
	memset(&d, 0x55, sizeof d);
	n = GetDynamicTimeZoneInformation(&d);
	printf("GetDynamicTimeZoneInformation: same id %d, key '%ls', "
	       "disabled %d\n",
	       n == id, d.TimeZoneKeyName, d.DynamicDaylightTimeDisabled);
	zone((TIME_ZONE_INFORMATION *)&d);
	current(id, &t);

	for_year(0, 1990);
	for_year(0, 2005);
	for_year(0, 2021);
	memset(&e, 0, sizeof e);
	wcscpy(e.TimeZoneKeyName, L"Alaskan Standard Time");
	for_year(&e, 1990);
	for_year(&e, 2003);
	for_year(&e, 2040);
	e.DynamicDaylightTimeDisabled = TRUE;
	for_year(&e, 2003);
	e.DynamicDaylightTimeDisabled = FALSE;
	wcscpy(e.TimeZoneKeyName, L"No Such Zone");
	for_year(&e, 2003);

	for (n = 0;; n++) {
		DWORD r = EnumDynamicTimeZoneInformation(n, &e);

		if (r) {
			printf("EnumDynamicTimeZoneInformation %lu: %lu\n", n,
			       r);
			break;
		}
		printf("%lu '%ls' disabled %d\n", n, e.TimeZoneKeyName,
		       e.DynamicDaylightTimeDisabled);
		zone((TIME_ZONE_INFORMATION *)&e);
	}
	conversions();
	tz_changed();
	{
		SYSTEMTIME bad = {2021, 4, 0, 31, 12, 0, 0, 0}, out;
		BOOL r;

		SetLastError(0xdead);
		r = SystemTimeToTzSpecificLocalTime(0, &bad, &out);
		printf("April 31st: %d error %lu\n", r, GetLastError());
		SetLastError(0xdead);
		r = TzSpecificLocalTimeToSystemTime(0, &bad, &out);
		printf("April 31st back: %d error %lu\n", r, GetLastError());
		SetLastError(0xdead);
		r = SetTimeZoneInformation(&t);
		printf("SetTimeZoneInformation: %d error %lu\n", r,
		       GetLastError());
	}
	return 0;
}
