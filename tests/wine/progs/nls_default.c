/* nls_default.c — the user's and the system's default locale as the
 * Linux locale gives them (LC_ALL, LANG...: run by tests/wine/nls-runs.txt
 * in several environments, so not on its own): kernel32's defaults, the
 * thread's locale, what LOCALE_USER_DEFAULT formats, and msvcrt's
 * setlocale(LC_ALL, ""), which must agree. */
#include <locale.h>
#include <stdio.h>
#include <windows.h>

static void utf8(const WCHAR *w)
{
	char b[512];

	WideCharToMultiByte(CP_UTF8, 0, w, -1, b, sizeof(b), 0, 0);
	printf("%s", b);
}

int main(void)
{
	static const SYSTEMTIME st = {2024, 3, 2, 5, 14, 7, 9, 0};
	WCHAR u[100] = L"?", s[100] = L"?", w[200];
	const char *crt;
	int n;

	GetUserDefaultLocaleName(u, 100);
	GetSystemDefaultLocaleName(s, 100);
	printf("user %04lx system %04lx\n", GetUserDefaultLCID(),
	       GetSystemDefaultLCID());
	printf("langid user %04x system %04x\n", GetUserDefaultLangID(),
	       GetSystemDefaultLangID());
	printf("ui user %04x system %04x\n", GetUserDefaultUILanguage(),
	       GetSystemDefaultUILanguage());
	printf("names user ");
	utf8(u);
	printf(" system ");
	utf8(s);
	printf("\nthread %04lx\n", GetThreadLocale());
	n = GetLocaleInfoW(LOCALE_USER_DEFAULT, LOCALE_SNAME, w, 200);
	printf("user SNAME %d ", n);
	utf8(w);
	n = GetLocaleInfoW(LOCALE_SYSTEM_DEFAULT, LOCALE_SENGLISHLANGUAGENAME,
			   w, 200);
	printf("\nsystem language %d ", n);
	utf8(w);
	n = GetLocaleInfoEx(NULL, LOCALE_SENGLISHCOUNTRYNAME, w, 200);
	printf("\nuser country (Ex NULL) %d ", n);
	utf8(w);
	n = GetDateFormatW(LOCALE_USER_DEFAULT, DATE_LONGDATE, &st, NULL, w,
			   200);
	printf("\nlong date %d ", n);
	utf8(w);
	n = GetTimeFormatW(LOCALE_USER_DEFAULT, 0, &st, NULL, w, 200);
	printf("\ntime %d ", n);
	utf8(w);
	n = GetNumberFormatW(0, 0, L"-1234567.891", NULL, w, 200);
	printf("\nnumber (LCID 0) %d ", n);
	utf8(w);
	n = GetCurrencyFormatW(LOCALE_USER_DEFAULT, 0, L"1234.5", NULL, w,
			       200);
	printf("\ncurrency %d ", n);
	utf8(w);
	printf("\nLocaleNameToLCID(NULL) %04lx\n", LocaleNameToLCID(NULL, 0));
	printf("IsValidLocale(user default) %d\n",
	       IsValidLocale(LOCALE_USER_DEFAULT, LCID_INSTALLED));
	crt = setlocale(LC_ALL, "");
	printf("setlocale(LC_ALL, \"\") = %s\n", crt ? crt : "NULL");
	crt = setlocale(LC_ALL, ".ACP");
	printf("setlocale(LC_ALL, \".ACP\") = %s\n", crt ? crt : "NULL");
	return 0;
}
