/*
 * tzconv.c — SystemTimeToTzSpecificLocalTime and its inverse with
 * explicit zones: no daylight time, a northern zone (US Eastern: the
 * second Sunday of March to the first of November), a southern one
 * (Sydney: first Sunday of October to first of April), an absolute-date
 * rule; around each transition, both ways.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static TIME_ZONE_INFORMATION zone(LONG bias, LONG dbias, WORD dmon, WORD dday,
				  WORD dhour, WORD smon, WORD sday,
				  WORD shour, WORD year)
{
	TIME_ZONE_INFORMATION z;

	memset(&z, 0, sizeof z);
	z.Bias = bias;
	z.DaylightBias = dbias;
	z.DaylightDate.wYear = year;
	z.DaylightDate.wMonth = dmon;
	z.DaylightDate.wDay = dday;
	z.DaylightDate.wHour = dhour;
	z.StandardDate.wYear = year;
	z.StandardDate.wMonth = smon;
	z.StandardDate.wDay = sday;
	z.StandardDate.wHour = shour;
	return z;
}

static void both(const char *label, TIME_ZONE_INFORMATION *z, WORD y, WORD m,
		 WORD d, WORD h, WORD min)
{
	SYSTEMTIME in = {y, m, 0, d, h, min, 30, 5}, out, back;
	BOOL a = SystemTimeToTzSpecificLocalTime(z, &in, &out);
	BOOL b = TzSpecificLocalTimeToSystemTime(z, &in, &back);

	printf("%s %04u-%02u-%02u %02u:%02u -> local %d %04u-%02u-%02u "
	       "%02u:%02u:%02u.%03u dow %u, utc %d %04u-%02u-%02u %02u:%02u\n",
	       label, y, m, d, h, min, a, out.wYear, out.wMonth, out.wDay,
	       out.wHour, out.wMinute, out.wSecond, out.wMilliseconds,
	       out.wDayOfWeek, b, back.wYear, back.wMonth, back.wDay,
	       back.wHour, back.wMinute);
}

int main(void)
{
	TIME_ZONE_INFORMATION plain = zone(-330, 0, 0, 0, 0, 0, 0, 0, 0);
	TIME_ZONE_INFORMATION us = zone(300, -60, 3, 2, 2, 11, 1, 2, 0);
	TIME_ZONE_INFORMATION syd = zone(-600, -60, 10, 1, 2, 4, 1, 3, 0);
	TIME_ZONE_INFORMATION last = zone(-60, -60, 3, 5, 2, 10, 5, 3, 0);
	TIME_ZONE_INFORMATION fixed = zone(0, -60, 4, 10, 0, 9, 20, 0, 2024);
	static const WORD hours[] = {5, 6, 7, 8};

	both("India", &plain, 2024, 1, 1, 20, 0);
	for (int i = 0; i < 4; i++) {
		both("US spring", &us, 2024, 3, 10, hours[i], 30);
		both("US fall", &us, 2024, 11, 3, hours[i], 30);
	}
	both("US summer", &us, 2023, 7, 4, 12, 0);
	both("US winter", &us, 2025, 1, 15, 12, 0);
	for (int i = 0; i < 4; i++) {
		both("Sydney spring", &syd, 2024, 10, 5, 12 + hours[i], 0);
		both("Sydney autumn", &syd, 2024, 4, 6, 12 + hours[i], 0);
	}
	both("Sydney January", &syd, 2024, 1, 10, 0, 0);
	both("last-Sunday March", &last, 2024, 3, 31, 0, 30);
	both("last-Sunday March", &last, 2024, 3, 31, 1, 30);
	both("last-Sunday October", &last, 2021, 10, 31, 0, 30);
	both("last-Sunday October", &last, 2021, 10, 31, 1, 30);
	both("absolute rule", &fixed, 2024, 6, 1, 0, 0);
	both("absolute rule", &fixed, 2024, 12, 1, 0, 0);
	both("year end", &syd, 2024, 12, 31, 20, 0);
	return 0;
}
