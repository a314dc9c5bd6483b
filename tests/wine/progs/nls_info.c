/* nls_info.c — GetLocaleInfoW/A/Ex in every locale of dllshare's table
 * (msvcrt's eighteen) for every LCTYPE from 1 to 0x1ff and 0x1000 to
 * 0x11ff: the text (as UTF-8), LOCALE_RETURN_NUMBER's number,
 * LOCALE_RETURN_GENITIVE_NAMES; the A form in the locale's code page (and
 * with LOCALE_USE_CP_ACP where the text is ASCII); sizes, short buffers and bad arguments; the
 * names and LCIDs of locales (LocaleNameToLCID, LCIDToLocaleName,
 * IsValidLocale, IsValidLocaleName, the defaults' pseudo LCIDs and a
 * language's neutral LCID), SetThreadLocale, and EnumSystemLocales (the
 * table's locales among those enumerated). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const LCID lcids[] = {0x0409, 0x0809, 0x0407, 0x040c, 0x0416, 0x0816,
			     0x0c0a, 0x0410, 0x0413, 0x041d, 0x0406, 0x0414,
			     0x040b, 0x0419, 0x0415, 0x0405, 0x0408, 0x041f};
#define NL (sizeof(lcids) / sizeof(lcids[0]))

static void utf8(const WCHAR *w, int n)
{
	char b[2048];
	int k = WideCharToMultiByte(CP_UTF8, 0, w, n, b, sizeof(b), 0, 0);

	for (int i = 0; i < k; i++)
		putchar(b[i] ? b[i] : '|');
}

static void hex(const unsigned char *b, int n)
{
	for (int i = 0; i < n; i++)
		printf("%02x", b[i]);
}

static void one(LCID l, LCTYPE t)
{
	WCHAR w[512], g[512];
	char a[1024];
	DWORD num = 0;
	int n, k, gn, an, ac;

	SetLastError(0);
	n = GetLocaleInfoW(l, t, w, 512);
	if (!n) {
		/* Every locale's unknown types fail alike: print the others. */
		if (GetLastError() != ERROR_INVALID_FLAGS)
			printf("%04lx %04lx: error %lu\n", l, t, GetLastError());
		return;
	}
	printf("%04lx %04lx: %d [", l, t, n);
	if (t == LOCALE_FONTSIGNATURE)
		hex((const unsigned char *)w, n * 2);
	else
		utf8(w, n - 1);
	printf("]");
	k = GetLocaleInfoW(l, t, NULL, 0);
	if (k != n)
		printf(" size %d", k);
	SetLastError(0);
	if (GetLocaleInfoW(l, t | LOCALE_RETURN_NUMBER, (WCHAR *)&num, 2))
		printf(" num %lu", num);
	else
		printf(" nonum %lu", GetLastError());
	gn = GetLocaleInfoW(l, t | LOCALE_RETURN_GENITIVE_NAMES, g, 512);
	if (gn != n || memcmp(g, w, n * 2)) {
		printf(" gen [");
		utf8(g, gn - 1);
		printf("]");
	}
	an = GetLocaleInfoA(l, t, a, sizeof(a));
	printf(" A %d [", an);
	if (t == LOCALE_FONTSIGNATURE)
		hex((const unsigned char *)a, an);
	else
		hex((const unsigned char *)a, an > 0 ? an - 1 : 0);
	printf("]");
	/* The process's code page is another's subject: only where it
	 * changes nothing (ASCII). */
	ac = GetLocaleInfoA(l, t | LOCALE_USE_CP_ACP, a, sizeof(a));
	for (k = 0; k < n - 1 && w[k] < 128; k++)
		;
	if (k == n - 1 && ac != an)
		printf(" acp %d", ac);
	printf(" Asize %d\n", GetLocaleInfoA(l, t, NULL, 0));
}

static void errors(void)
{
	WCHAR w[64];
	char a[64];
	DWORD num;
	int n;

#define ERR(call)                                                              \
	do {                                                                   \
		SetLastError(0);                                               \
		n = (call);                                                    \
		printf("%s = %d, error %lu\n", #call, n, GetLastError());      \
	} while (0)
	ERR(GetLocaleInfoW(0x407, LOCALE_SENGLANGUAGE, w, 3));
	ERR(GetLocaleInfoW(0x407, LOCALE_SENGLANGUAGE, w, 7));
	ERR(GetLocaleInfoW(0x407, LOCALE_SENGLANGUAGE, NULL, 5));
	ERR(GetLocaleInfoW(0x407, LOCALE_SENGLANGUAGE, w, -1));
	ERR(GetLocaleInfoW(0x407, 0x7fff, w, 64));
	ERR(GetLocaleInfoW(0x407, 0, w, 64));
	ERR(GetLocaleInfoW(0xffffffff, LOCALE_SENGLANGUAGE, w, 64));
	ERR(GetLocaleInfoW(0x20409, LOCALE_SENGLANGUAGE, w, 64));
	ERR(GetLocaleInfoW(0x407, LOCALE_IDIGITS | LOCALE_RETURN_NUMBER,
			   (WCHAR *)&num, 1));
	ERR(GetLocaleInfoW(0x407, LOCALE_IDIGITS | LOCALE_RETURN_NUMBER, NULL,
			   0));
	ERR(GetLocaleInfoW(0x407, LOCALE_SLANGUAGE | LOCALE_RETURN_NUMBER,
			   (WCHAR *)&num, 2));
	ERR(GetLocaleInfoA(0x407, LOCALE_IDIGITS | LOCALE_RETURN_NUMBER,
			   (char *)&num, 4));
	ERR(GetLocaleInfoA(0x407, LOCALE_IDIGITS | LOCALE_RETURN_NUMBER,
			   (char *)&num, 3));
	ERR(GetLocaleInfoA(0x407, LOCALE_SENGLANGUAGE, a, 3));
	ERR(GetLocaleInfoA(0x407, LOCALE_SENGLANGUAGE, a, 7));
	ERR(GetLocaleInfoA(0x407, LOCALE_SENGLANGUAGE | LOCALE_NOUSEROVERRIDE,
			   a, 64));
	ERR(GetLocaleInfoEx(L"de-DE", LOCALE_SENGLANGUAGE, w, 64));
	ERR(GetLocaleInfoEx(L"DE_de", LOCALE_SENGLANGUAGE, w, 64));
	ERR(GetLocaleInfoEx(L"xx-YY", LOCALE_SENGLANGUAGE, w, 64));
	ERR(GetLocaleInfoEx(L"ru-RU", LOCALE_IDEFAULTANSICODEPAGE |
					      LOCALE_RETURN_NUMBER,
			    (WCHAR *)&num, 2));
	printf("  num %lu\n", num);
}

static void names(void)
{
	static const WCHAR *const nm[] = {L"de-DE", L"DE-de", L"de_DE", L"en-us",
					  L"de", L"en", L"pt", L"sv", L"x",
					  L"xx-YY", L"de-DE-x"};
	static const LCID ls[] = {0x07, 0x09, 0x14, 0x16, 0x19, 0x407, 0x41f,
				  0xffffffff, 0x20409, 0x400 | 0x12345000};

	for (size_t i = 0; i < sizeof(nm) / sizeof(nm[0]); i++) {
		WCHAR b[100];
		LCID l;
		int n;

		SetLastError(0);
		l = LocaleNameToLCID(nm[i], 0);
		printf("LocaleNameToLCID(");
		utf8(nm[i], -1);
		printf(") = %04lx error %lu valid %d", l, GetLastError(),
		       IsValidLocaleName(nm[i]));
		if (l) {
			n = LCIDToLocaleName(l, b, 100, 0);
			printf(" back %d [", n);
			utf8(b, n - 1);
			printf("]");
		}
		printf("\n");
	}
	for (size_t i = 0; i < sizeof(ls) / sizeof(ls[0]); i++) {
		WCHAR b[100];
		int n;

		SetLastError(0);
		n = LCIDToLocaleName(ls[i], b, 100, 0);
		printf("LCIDToLocaleName(%lx) = %d [", ls[i], n);
		if (n)
			utf8(b, n - 1);
		printf("] error %lu valid %d %d\n", GetLastError(),
		       IsValidLocale(ls[i], LCID_INSTALLED),
		       IsValidLocale(ls[i], LCID_SUPPORTED));
		SetLastError(0);
		n = GetLocaleInfoW(ls[i], LOCALE_SNAME, b, 100);
		printf("  SNAME %d [", n);
		if (n)
			utf8(b, n - 1);
		printf("] error %lu\n", GetLastError());
	}
	{
		WCHAR b[4];
		int n;

		SetLastError(0);
		n = LCIDToLocaleName(0x407, b, 4, 0);
		printf("LCIDToLocaleName short %d error %lu\n", n,
		       GetLastError());
		printf("LCIDToLocaleName size %d\n",
		       LCIDToLocaleName(0x407, NULL, 0, 0));
	}
}

static void thread_locale(void)
{
	LCID before = GetThreadLocale();
	BOOL ok;

	ok = SetThreadLocale(0x40c);
	printf("SetThreadLocale(40c) %d: %04lx (was %04lx)\n", ok,
	       GetThreadLocale(), before);
	SetLastError(0);
	ok = SetThreadLocale(0xffffffff);
	printf("SetThreadLocale(bad) %d error %lu: %04lx\n", ok,
	       GetLastError(), GetThreadLocale());
	ok = SetThreadLocale(0x0415);
	printf("SetThreadLocale(415) %d: %04lx\n", ok, GetThreadLocale());
	ok = SetThreadLocale(before);
	printf("back %d: %04lx\n", ok, GetThreadLocale());
}

static int seen[NL], count_a, count_w, count_ex;

static BOOL CALLBACK enum_a(LPSTR s)
{
	LCID l = strtoul(s, NULL, 16);

	for (size_t i = 0; i < NL; i++)
		if (lcids[i] == l && strlen(s) == 8)
			seen[i] |= 1;
	count_a++;
	return TRUE;
}

static BOOL CALLBACK enum_w(LPWSTR s)
{
	LCID l = wcstoul(s, NULL, 16);

	for (size_t i = 0; i < NL; i++)
		if (lcids[i] == l)
			seen[i] |= 2;
	count_w++;
	return TRUE;
}

static BOOL CALLBACK enum_ex(LPWSTR s, DWORD flags, LPARAM p)
{
	LCID l = LocaleNameToLCID(s, 0);

	for (size_t i = 0; i < NL; i++)
		if (lcids[i] == l && (flags & LOCALE_SPECIFICDATA) &&
		    p == 42)
			seen[i] |= 4;
	count_ex++;
	return TRUE;
}

static BOOL CALLBACK enum_stop(LPSTR s)
{
	(void)s;
	count_a++;
	return FALSE;
}

int main(void)
{
	for (size_t i = 0; i < NL; i++) {
		for (LCTYPE t = 1; t < 0x200; t++)
			one(lcids[i], t);
		for (LCTYPE t = 0x1000; t < 0x1200; t++)
			one(lcids[i], t);
	}
	errors();
	names();
	thread_locale();
	printf("EnumSystemLocalesA %d\n",
	       EnumSystemLocalesA(enum_a, LCID_INSTALLED));
	printf("EnumSystemLocalesW %d\n",
	       EnumSystemLocalesW(enum_w, LCID_SUPPORTED));
	printf("EnumSystemLocalesEx %d\n",
	       EnumSystemLocalesEx(enum_ex, LOCALE_WINDOWS, 42, NULL));
	for (size_t i = 0; i < NL; i++)
		printf("%04lx enumerated %d\n", lcids[i], seen[i]);
	printf("some enumerated: %d\n", count_a > 0 && count_w > 0 &&
						count_ex > 0);
	count_a = 0;
	EnumSystemLocalesA(enum_stop, LCID_INSTALLED);
	printf("stops after %d\n", count_a);
	return 0;
}
