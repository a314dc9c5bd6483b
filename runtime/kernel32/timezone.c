/*
 * timezone.c — kernel32: the Windows time zone of the process, picked
 * for the Linux one as Wine picks it, and the table of Windows zones
 * (tz_data.h, measured from Wine by runtime/nls/tzregen.sh).
 *
 * Wine's rule, reproduced: the standard bias is the offset of the Linux
 * zone in standard time now; the Linux zone's two daylight transitions of
 * the current year (found by bisection on tm_isdst) are written as
 * absolute dates in standard (start) and daylight (end) local time; the
 * first Windows zone in the registry's order whose bias is the same and
 * whose rules for the current year (its Dynamic DST entry of that year,
 * else its TZI) fall on those same days and hours is the zone.  Zones
 * without daylight time and a shared bias (Korea, North Korea, Tokyo,
 * Yakutsk) are told apart by the Linux abbreviation and, for the Koreas,
 * by the offset at the start of 2016.  No match: the measured rules with
 * empty names and key.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "runtime/kernel32/k32int.h"

#define ERROR_NO_MORE_ITEMS 259
#define ERROR_PRIVILEGE_NOT_HELD 1314

struct tz_rules {
	int32_t bias, std_bias, dlt_bias;
	SYSTEMTIME std_date, dlt_date;
};

/* The names are offsets in tz_names (in units), not pointers: a
 * static-pie start relocates every pointer of initialized data, dirtying
 * its page; zone_name reads them. */
struct tz_zone {
	uint16_t key, std_name, dlt_name;
	struct tz_rules tzi;
	uint16_t first_year, nyears, year_index;
};

#include "runtime/kernel32/tz_data.h"

#define NZONES (sizeof(tz_zones) / sizeof(tz_zones[0]))

static const uint16_t *zone_name(uint16_t at)
{
	return tz_names + at;
}

/* The zone's rules for year y: its Dynamic DST entry for y when it has
 * one, else its TZI. */
static const struct tz_rules *rules_for(const struct tz_zone *z, unsigned y)
{
	if (z->nyears && y >= z->first_year && y < z->first_year + z->nyears)
		return &tz_years[z->year_index + (y - z->first_year)];
	return &z->tzi;
}

static void copy_name(WCHAR *dst, const uint16_t *src)
{
	size_t n = 0;

	memset(dst, 0, 32 * sizeof(WCHAR));
	while (src[n] && n < 31) {
		dst[n] = src[n];
		n++;
	}
}

static void fill_zone(DYNAMIC_TIME_ZONE_INFORMATION *d,
		      const struct tz_zone *z, const struct tz_rules *r)
{
	size_t n = 0;

	memset(d, 0, sizeof(*d));
	d->Bias = r->bias;
	d->StandardBias = r->std_bias;
	d->DaylightBias = r->dlt_bias;
	d->StandardDate = r->std_date;
	d->DaylightDate = r->dlt_date;
	copy_name(d->StandardName, zone_name(z->std_name));
	copy_name(d->DaylightName, zone_name(z->dlt_name));
	while (zone_name(z->key)[n] && n < 127) {
		d->TimeZoneKeyName[n] = zone_name(z->key)[n];
		n++;
	}
}

/* Whether the measured transition st (absolute date) is the one the
 * zone's rule r names in st's year; a rule at 23:59:59.999 names 0:00 of
 * the next day. */
static int date_matches(const SYSTEMTIME *st, const SYSTEMTIME *r)
{
	int day;

	if (st->wMonth != r->wMonth)
		return 0;
	if (!st->wMonth)
		return 1;
	day = r->wYear ? r->wDay
		       : rt_k32_nth_weekday(st->wYear, r->wMonth, r->wDay,
					    r->wDayOfWeek);
	if (!r->wYear && r->wHour == 23 && r->wMinute == 59 &&
	    r->wSecond == 59 && r->wMilliseconds == 999)
		return st->wDay == day + 1 && !st->wHour && !st->wMinute &&
		       !st->wSecond && !st->wMilliseconds;
	return st->wDay == day && st->wHour == r->wHour &&
	       st->wMinute == r->wMinute && st->wSecond == r->wSecond &&
	       st->wMilliseconds == r->wMilliseconds;
}

static int key_is(const uint16_t *key, const char *s)
{
	while (*key && *key == (unsigned char)*s)
		key++, s++;
	return !*key && !*s;
}

/* The Linux zone's offset in minutes west at t, as standard time: at t,
 * or when t is in daylight time at the nearest moment that is not, a
 * week at a time, as glibc's mktime finds it for a tm_isdst of 0 (Wine
 * asks mktime; asking localtime_r instead keeps glibc from reading TZ
 * again after the program changed it). */
static long std_bias_at(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	for (long k = 1; tm.tm_isdst > 0 && k < 900; k++) {
		time_t a = t - k * 601200, b = t + k * 601200;

		localtime_r(&a, &tm);
		if (tm.tm_isdst > 0)
			localtime_r(&b, &tm);
	}
	return -tm.tm_gmtoff / 60;
}

/* rt_k32_local_offset: the offset of local time now, in seconds east of
 * UTC, as Wine reckons it for FileTimeToLocalFileTime and GetLocalTime:
 * the standard offset, plus an hour while the Linux zone is in daylight
 * time (whatever its real saving: half an hour on Lord Howe Island, an
 * hour less in Dublin's winter). */
long rt_k32_local_offset(void)
{
	time_t now = time(0);
	struct tm tm;

	rt_k32_zone_pin(); /* glibc's zone from the TZ we started with */
	localtime_r(&now, &tm);
	return -std_bias_at(now) * 60 + (tm.tm_isdst > 0 ? 3600 : 0);
}

/* Zones without daylight time that share a bias, told apart by the
 * Linux zone's abbreviation (and the Koreas by their bias on 2016-01-01,
 * when North Korea's was -510). */
static int name_matches(const char *abbr, const struct tz_zone *z,
			const struct tz_rules *r)
{
	static const struct {
		const char *key, *abbr;
		time_t past;
		long past_bias;
	} names[] = {
		{"North Korea Standard Time", "KST", 1451606400, -510},
		{"Korea Standard Time", "KST", 1451606400, -540},
		{"Tokyo Standard Time", "JST", 0, 0},
		{"Yakutsk Standard Time", "+09", 0, 0},
	};

	if (r->dlt_date.wMonth)
		return 1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (key_is(zone_name(z->key), names[i].key))
			return !strcmp(abbr, names[i].abbr) &&
			       (!names[i].past ||
				std_bias_at(names[i].past) == names[i].past_bias);
	return 1;
}

/* The first moment in [lo, hi] whose tm_isdst differs from lo's; *dst
 * says whether it is daylight time. */
static time_t next_change(time_t lo, time_t hi, int *dst)
{
	struct tm tm;

	localtime_r(&lo, &tm);
	*dst = !tm.tm_isdst;
	while (lo <= hi) {
		time_t mid = lo + (hi - lo) / 2;

		localtime_r(&mid, &tm);
		if (tm.tm_isdst != *dst)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return lo;
}

static void absolute_date(SYSTEMTIME *st, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	st->wYear = (WORD)(tm.tm_year + 1900);
	st->wMonth = (WORD)(tm.tm_mon + 1);
	st->wDayOfWeek = (WORD)tm.tm_wday;
	st->wDay = (WORD)tm.tm_mday;
	st->wHour = (WORD)tm.tm_hour;
	st->wMinute = (WORD)tm.tm_min;
	st->wSecond = (WORD)tm.tm_sec;
	st->wMilliseconds = 0;
}

/* The process's Windows zone, as Wine picks it for the Linux zone (see
 * the top of the file). */
static void current_zone(DYNAMIC_TIME_ZONE_INFORMATION *d)
{
	time_t now = time(0), start, end, t1, t2, dlt = 0, std = 0;
	struct tm tm;
	char abbr[16];
	int dst, year;

	memset(d, 0, sizeof(*d));
	d->Bias = (LONG)std_bias_at(now);
	localtime_r(&now, &tm);
	if (!strftime(abbr, sizeof(abbr), "%Z", &tm))
		abbr[0] = 0;
	year = tm.tm_year + 1900;
	/* The year's end is taken from the fields mktime normalized for its
	 * start, as Wine does: where January is daylight time (Dublin's
	 * negative DST) the start falls in the year before, and so does the
	 * end, and no transition is found. */
	tm.tm_isdst = 0;
	tm.tm_mday = 1;
	tm.tm_mon = tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_wday = tm.tm_yday = 0;
	start = mktime(&tm);
	tm.tm_mday = tm.tm_wday = tm.tm_yday = 0;
	tm.tm_mon = 12;
	tm.tm_hour = 23;
	tm.tm_min = tm.tm_sec = 59;
	end = mktime(&tm);
	t1 = next_change(start, end, &dst);
	*(dst ? &dlt : &std) = t1;
	t2 = next_change(t1, end, &dst);
	*(dst ? &dlt : &std) = t2;
	if (dlt && std && dlt != std) {
		d->DaylightBias = -60;
		absolute_date(&d->DaylightDate, dlt - d->Bias * 60);
		absolute_date(&d->StandardDate, std - d->Bias * 60 + 3600);
	}
	for (size_t i = 0; i < NZONES; i++) {
		const struct tz_rules *r = rules_for(&tz_zones[i], year);

		if (r->bias == d->Bias &&
		    date_matches(&d->StandardDate, &r->std_date) &&
		    date_matches(&d->DaylightDate, &r->dlt_date) &&
		    name_matches(abbr, &tz_zones[i], r)) {
			fill_zone(d, &tz_zones[i], r);
			return;
		}
	}
}

static pthread_mutex_t zone_lock = PTHREAD_MUTEX_INITIALIZER;
static DYNAMIC_TIME_ZONE_INFORMATION zone_cache;
static int zone_year = -1;

/* Brings the cached zone up to the current year (zone_lock held). */
static void refresh_zone(void)
{
	time_t now = time(0);
	struct tm tm;

	gmtime_r(&now, &tm);
	if (zone_year != tm.tm_year) {
		current_zone(&zone_cache);
		zone_year = tm.tm_year;
	}
}

static void first_zone(void)
{
	pthread_mutex_lock(&zone_lock);
	refresh_zone();
	pthread_mutex_unlock(&zone_lock);
}

/* The zone is picked at its first use, not at every start (reading
 * /etc/localtime and bisecting the year for its transitions was a
 * quarter of a millisecond of each run), but always from the TZ the
 * process started with: glibc reads TZ when the zone is first picked
 * and keeps it, and SetEnvironmentVariable calls this before it changes
 * TZ, so a TZ the program sets does not change the zone, as under Wine,
 * where the Linux side keeps its own TZ. */
void rt_k32_zone_pin(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, first_zone);
}

/* The process's zone, picked once a year (Wine caches it likewise). */
static void process_zone(DYNAMIC_TIME_ZONE_INFORMATION *d)
{
	rt_k32_zone_pin();
	pthread_mutex_lock(&zone_lock);
	refresh_zone();
	*d = zone_cache;
	pthread_mutex_unlock(&zone_lock);
}

void rt_k32_current_zone(TIME_ZONE_INFORMATION *tz)
{
	DYNAMIC_TIME_ZONE_INFORMATION d;

	process_zone(&d);
	memcpy(tz, &d, sizeof(*tz));
}

/* TIME_ZONE_ID_UNKNOWN for a zone without daylight time, else STANDARD
 * or DAYLIGHT for now under its rules. */
static DWORD zone_id(const TIME_ZONE_INFORMATION *tz)
{
	FILETIME ft;

	if (!tz->DaylightDate.wMonth)
		return 0;
	w32_GetSystemTimeAsFileTime(&ft);
	return rt_k32_in_daylight(tz, (int64_t)rt_k32_ft64(&ft), 1) ? 2 : 1;
}

/* GetTimeZoneInformation: the process's Windows zone (see the top of the
 * file) and whether it is in standard or daylight time now. */
DWORD WINAPI w32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz)
{
	rt_k32_current_zone(tz);
	return zone_id(tz);
}

/* GetDynamicTimeZoneInformation: the same, with its registry key name. */
DWORD WINAPI
w32_GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION *d)
{
	process_zone(d);
	return zone_id((TIME_ZONE_INFORMATION *)d);
}

static int key_equal(const WCHAR *a, const uint16_t *b)
{
	for (;; a++, b++) {
		WCHAR x = *a >= 'a' && *a <= 'z' ? *a - 32 : *a;
		WCHAR y = *b >= 'a' && *b <= 'z' ? *b - 32 : *b;

		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

/* GetTimeZoneInformationForYear: the rules of the zone d names (NULL:
 * the process's) in year y: its Dynamic DST entry for y unless d
 * disables them, else its standing rules.  ERROR_FILE_NOT_FOUND for a
 * key the table lacks. */
BOOL WINAPI w32_GetTimeZoneInformationForYear(
	WORD y, DYNAMIC_TIME_ZONE_INFORMATION *d, TIME_ZONE_INFORMATION *tz)
{
	DYNAMIC_TIME_ZONE_INFORMATION own, out;

	if (!d) {
		process_zone(&own);
		d = &own;
	}
	for (size_t i = 0; i < NZONES; i++) {
		const struct tz_zone *z = &tz_zones[i];

		if (!key_equal(d->TimeZoneKeyName, zone_name(z->key)))
			continue;
		fill_zone(&out, z,
			  d->DynamicDaylightTimeDisabled ? &z->tzi
							 : rules_for(z, y));
		memcpy(tz, &out, sizeof(*tz));
		return TRUE;
	}
	rt_set_last_error(ERROR_FILE_NOT_FOUND);
	return FALSE;
}

/* EnumDynamicTimeZoneInformation (advapi32's export): the i-th zone of the registry's order
 * with its standing rules; ERROR_NO_MORE_ITEMS past the last. */
DWORD WINAPI
w32_EnumDynamicTimeZoneInformation(DWORD i, DYNAMIC_TIME_ZONE_INFORMATION *d)
{
	if (!d)
		return ERROR_INVALID_PARAMETER;
	if (i >= NZONES)
		return ERROR_NO_MORE_ITEMS;
	fill_zone(d, &tz_zones[i], &tz_zones[i].tzi);
	return 0;
}

/* SetTimeZoneInformation: the zone follows the Linux one (TZ); changing
 * it is refused as for a user without the privilege. */
BOOL WINAPI w32_SetTimeZoneInformation(const TIME_ZONE_INFORMATION *tz)
{
	return rt_refuse(ERROR_PRIVILEGE_NOT_HELD, "SetTimeZoneInformation",
			 "changing the time zone (it follows TZ)");
}

/* SetDynamicTimeZoneInformation: refused as SetTimeZoneInformation. */
BOOL WINAPI
w32_SetDynamicTimeZoneInformation(const DYNAMIC_TIME_ZONE_INFORMATION *d)
{
	return rt_refuse(ERROR_PRIVILEGE_NOT_HELD,
			 "SetDynamicTimeZoneInformation",
			 "changing the time zone (it follows TZ)");
}
