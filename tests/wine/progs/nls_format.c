/* nls_format.c — GetDateFormatW/A/Ex and GetTimeFormatW/A/Ex (the
 * locale's pictures under each DATE_ and TIME_ flag, pictures of every
 * letter and quoting, genitive months), GetNumberFormatW/A/Ex and
 * GetCurrencyFormatW/A/Ex (the locale's way and NUMBERFMT/CURRENCYFMT
 * with each grouping, sign order and rounding) in every locale of
 * dllshare's table; sizes and errors. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const LCID lcids[] = {0x0409, 0x0809, 0x0407, 0x040c, 0x0416, 0x0816,
			     0x0c0a, 0x0410, 0x0413, 0x041d, 0x0406, 0x0414,
			     0x040b, 0x0419, 0x0415, 0x0405, 0x0408, 0x041f};
#define NL (sizeof(lcids) / sizeof(lcids[0]))

static void utf8(const WCHAR *w)
{
	char b[2048];

	WideCharToMultiByte(CP_UTF8, 0, w, -1, b, sizeof(b), 0, 0);
	printf("%s", b);
}

static void show(const char *what, int n, const WCHAR *w)
{
	printf("  %s: %d [", what, n);
	if (n)
		utf8(w);
	else
		printf("error %lu", GetLastError());
	printf("]\n");
}

static void show_a(const char *what, int n, const char *a)
{
	printf("  %s: %d [", what, n);
	if (n)
		for (const unsigned char *p = (const unsigned char *)a; *p; p++)
			printf(*p < 128 ? "%c" : "\\x%02x", *p);
	else
		printf("error %lu", GetLastError());
	printf("]\n");
}

static const SYSTEMTIME dates[] = {
	{2024, 3, 0, 5, 14, 7, 9, 0},	{1999, 12, 6, 31, 0, 0, 0, 0},
	{2000, 2, 3, 29, 12, 30, 5, 0}, {2005, 1, 1, 2, 23, 59, 59, 999},
	{1601, 1, 0, 1, 9, 5, 0, 0},	{30827, 12, 0, 31, 11, 0, 0, 0},
};
#define ND (sizeof(dates) / sizeof(dates[0]))

static void dates_of(LCID l)
{
	static const DWORD flags[] = {
		0,
		DATE_SHORTDATE,
		DATE_LONGDATE,
		DATE_YEARMONTH,
		DATE_MONTHDAY,
		DATE_LTRREADING,
		DATE_RTLREADING | DATE_SHORTDATE,
		DATE_AUTOLAYOUT | DATE_LONGDATE,
		DATE_LONGDATE | DATE_USE_ALT_CALENDAR,
		LOCALE_NOUSEROVERRIDE | DATE_YEARMONTH};
	static const WCHAR *const pics[] = {
		L"d dd ddd dddd ddddd", L"M MM MMM MMMM MMMMM",
		L"y yy yyy yyyy yyyyy", L"g gg", L"MMMM", L"d MMMM",
		L"MMMM d", L"ddd MMMM", L"'d' MMMM", L"'it''s' d''M",
		L"dd.MM.yyyy 'x", L"hh:mm:ss tt", L""};
	WCHAR w[256];
	char a[256], label[64];
	int n;

	for (size_t d = 0; d < ND; d++) {
		const SYSTEMTIME *st = &dates[d];

		printf(" date %u-%u-%u\n", st->wYear, st->wMonth, st->wDay);
		for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
			n = GetDateFormatW(l, flags[f], st, NULL, w, 256);
			sprintf(label, "flags %lx", flags[f]);
			show(label, n, w);
		}
		for (size_t p = 0; p < sizeof(pics) / sizeof(pics[0]); p++) {
			n = GetDateFormatW(l, 0, st, pics[p], w, 256);
			show("pic", n, w);
		}
		n = GetDateFormatA(l, DATE_LONGDATE, st, NULL, a, 256);
		show_a("A long", n, a);
		n = GetDateFormatA(l, 0, st, "MMMM dddd", a, 256);
		show_a("A pic", n, a);
	}
}

static void times_of(LCID l)
{
	static const DWORD flags[] = {
		0,
		TIME_NOSECONDS,
		TIME_NOMINUTESORSECONDS,
		TIME_NOTIMEMARKER,
		TIME_FORCE24HOURFORMAT,
		TIME_NOSECONDS | TIME_FORCE24HOURFORMAT,
		TIME_NOMINUTESORSECONDS | TIME_NOTIMEMARKER,
		LOCALE_NOUSEROVERRIDE};
	static const WCHAR *const pics[] = {
		L"h hh H HH m mm s ss t tt", L"hh:mm:ss tt", L"tt hh:mm:ss",
		L"HH'h'mm", L"H.mm.ss", L"'s' hh 'x'", L"hhh mmm sss ttt"};
	WCHAR w[256];
	char a[256], label[64];
	int n;

	for (size_t d = 0; d < ND; d++) {
		const SYSTEMTIME *st = &dates[d];

		printf(" time %u:%u:%u\n", st->wHour, st->wMinute,
		       st->wSecond);
		for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++) {
			n = GetTimeFormatW(l, flags[f], st, NULL, w, 256);
			sprintf(label, "flags %lx", flags[f]);
			show(label, n, w);
			for (size_t p = 0; p < sizeof(pics) / sizeof(pics[0]);
			     p++) {
				if (flags[f] & LOCALE_NOUSEROVERRIDE)
					continue;
				n = GetTimeFormatW(l, flags[f], st, pics[p], w,
						   256);
				show("pic", n, w);
			}
		}
		n = GetTimeFormatA(l, 0, st, NULL, a, 256);
		show_a("A", n, a);
	}
}

static const WCHAR *const values[] = {
	L"0",	     L"-0",	   L"1",	 L"-1",	       L"0.5",
	L"-0.004",   L"12.345",	   L"-12.355",	 L"999.995",   L"1999.995",
	L"999999.995", L"1234567.891", L"-1234567.891", L".5", L"5.",
	L"",	     L"-",	   L"00012",	 L"12345678901234567890.125",
	L"+5",	     L" 5",	   L"1e3",	 L"1,5",       L"12a"};
#define NV (sizeof(values) / sizeof(values[0]))

static void numbers_of(LCID l)
{
	WCHAR w[256];
	char a[256];
	int n;

	for (size_t v = 0; v < NV; v++) {
		printf(" value \"");
		utf8(values[v]);
		printf("\"\n");
		SetLastError(0);
		n = GetNumberFormatW(l, 0, values[v], NULL, w, 256);
		show("number", n, w);
		SetLastError(0);
		n = GetCurrencyFormatW(l, 0, values[v], NULL, w, 256);
		show("currency", n, w);
	}
	n = GetNumberFormatA(l, 0, "-1234.5", NULL, a, 256);
	show_a("A number", n, a);
	n = GetCurrencyFormatA(l, 0, "-1234.5", NULL, a, 256);
	show_a("A currency", n, a);
}

static void custom(void)
{
	static const UINT groups[] = {0, 3, 30, 32, 320, 4, 9, 10, 33, 300};
	NUMBERFMTW nf = {2, 1, 3, L",", L".", 1};
	CURRENCYFMTW cf = {2, 1, 3, L",", L".", 1, 0, L"EUR"};
	WCHAR w[256];
	char a[256];
	int n;

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		nf.Grouping = groups[g];
		n = GetNumberFormatW(0x409, 0, L"-1234567890.05", &nf, w, 256);
		show("grouping", n, w);
	}
	nf.Grouping = 3;
	for (UINT o = 0; o < 5; o++) {
		nf.NegativeOrder = o;
		for (UINT lz = 0; lz < 2; lz++) {
			nf.LeadingZero = lz;
			for (UINT d = 0; d < 4; d += 3) {
				nf.NumDigits = d;
				n = GetNumberFormatW(0x409, 0, L"-0.5", &nf, w,
						     256);
				show("neg", n, w);
				n = GetNumberFormatW(0x409, 0, L"0.25", &nf, w,
						     256);
				show("pos", n, w);
			}
		}
	}
	nf.NumDigits = 2, nf.LeadingZero = 1, nf.NegativeOrder = 1;
	for (UINT o = 0; o < 16; o++) {
		cf.NegativeOrder = o;
		n = GetCurrencyFormatW(0x409, 0, L"-1234.5", &cf, w, 256);
		show("cneg", n, w);
	}
	for (UINT o = 0; o < 4; o++) {
		cf.PositiveOrder = o;
		n = GetCurrencyFormatW(0x409, 0, L"1234.5", &cf, w, 256);
		show("cpos", n, w);
	}
	{
		NUMBERFMTA na = {1, 0, 32, ",", "\xa0", 3};
		CURRENCYFMTA ca = {0, 1, 3, ",", ".", 8, 3, "\x80"};

		n = GetNumberFormatA(0x40c, 0, "-1234567.25", &na, a, 256);
		show_a("A custom", n, a);
		n = GetCurrencyFormatA(0x407, 0, "-1234567.5", &ca, a, 256);
		show_a("A ccustom", n, a);
	}
}

#define ERR(call)                                                              \
	do {                                                                   \
		SetLastError(0);                                               \
		n = (call);                                                    \
		printf("%s = %d, error %lu\n", #call, n, GetLastError());      \
	} while (0)

static void errors(void)
{
	static const SYSTEMTIME bad_day = {2023, 2, 0, 29, 0, 0, 0, 0},
				bad_month = {2023, 13, 0, 1, 0, 0, 0, 0},
				bad_hour = {2023, 1, 0, 1, 24, 0, 0, 0},
				ok = {2023, 1, 0, 1, 1, 2, 3, 0};
	NUMBERFMTW nf = {2, 1, 3, L",", L".", 1};
	WCHAR w[256];
	int n;

	ERR(GetDateFormatW(0x409, 0, &bad_day, NULL, w, 256));
	ERR(GetDateFormatW(0x409, 0, &bad_month, NULL, w, 256));
	ERR(GetDateFormatW(0x409, DATE_SHORTDATE | DATE_LONGDATE, &ok, NULL,
			   w, 256));
	ERR(GetDateFormatW(0x409, DATE_LONGDATE, &ok, L"d", w, 256));
	ERR(GetDateFormatW(0x409, DATE_MONTHDAY | DATE_YEARMONTH, &ok, NULL, w,
			   256));
	ERR(GetDateFormatW(0x409, LOCALE_NOUSEROVERRIDE, &ok, L"d", w, 256));
	ERR(GetDateFormatA(0x409, LOCALE_NOUSEROVERRIDE, &ok, "d", NULL, 0));
	ERR(GetDateFormatW(0x409, 0, &ok, NULL, w, 3));
	ERR(GetDateFormatW(0x409, 0, &ok, NULL, NULL, 0));
	ERR(GetDateFormatW(0x409, 0, &ok, NULL, NULL, 5));
	ERR(GetDateFormatW(0xffffffff, 0, &ok, NULL, w, 256));
	ERR(GetDateFormatEx(L"de-DE", DATE_LONGDATE, &ok, NULL, w, 256,
			    NULL));
	show("Ex", n, w);
	ERR(GetDateFormatEx(L"xx-YY", DATE_LONGDATE, &ok, NULL, w, 256,
			    NULL));
	ERR(GetTimeFormatW(0x409, 0, &bad_hour, NULL, w, 256));
	ERR(GetTimeFormatW(0x409, LOCALE_NOUSEROVERRIDE, &ok, L"h", w, 256));
	ERR(GetTimeFormatW(0x409, 0, &ok, NULL, w, 3));
	ERR(GetTimeFormatW(0x409, 0, &ok, NULL, NULL, 0));
	ERR(GetTimeFormatEx(L"fr-FR", 0, &ok, NULL, w, 256));
	show("Ex", n, w);
	ERR(GetNumberFormatW(0x409, LOCALE_NOUSEROVERRIDE, L"1", &nf, w, 256));
	ERR(GetNumberFormatW(0x409, LOCALE_NOUSEROVERRIDE, L"1", NULL, w,
			     256));
	ERR(GetNumberFormatW(0x409, 0, L"1234", NULL, w, 3));
	ERR(GetNumberFormatW(0x409, 0, L"1234", NULL, NULL, 0));
	ERR(GetNumberFormatW(0x409, 0, NULL, NULL, w, 256));
	ERR(GetNumberFormatEx(L"sv-SE", 0, L"-1234.5", NULL, w, 256));
	show("Ex", n, w);
	ERR(GetCurrencyFormatEx(L"pl-PL", 0, L"-1234.5", NULL, w, 256));
	show("Ex", n, w);
	ERR(GetCurrencyFormatW(0x409, 0, L"1234", NULL, w, 3));
}

int main(void)
{
	for (size_t i = 0; i < NL; i++) {
		printf("locale %04lx\n", lcids[i]);
		dates_of(lcids[i]);
		times_of(lcids[i]);
		numbers_of(lcids[i]);
	}
	custom();
	errors();
	return 0;
}
