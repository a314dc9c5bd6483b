/*
 * nls_locale.c — what kernel32's locale functions refuse
 * (tests/partial/check.sh): a locale outside dllshare's table (Japanese,
 * German_Austria, the invariant locale, an alternative sort) in
 * GetLocaleInfo, the formats, GetStringTypeA and SetThreadLocale; neutral
 * locale names; EnumSystemLocalesEx's neutral, supplemental and
 * alternative-sort locales.
 *
 * The expected output (nls_locale.expected) is dllshare's own: Windows
 * and Wine know these locales.
 */
#include <stdio.h>
#include <windows.h>

#include "case.h"

static BOOL CALLBACK each(LPWSTR name, DWORD flags, LPARAM p)
{
	(void)name, (void)flags, (void)p;
	return TRUE;
}

int main(void)
{
	static const SYSTEMTIME st = {2024, 3, 2, 5, 14, 7, 9, 0};
	CURRENCYFMTA cfa = {2, 1, 3, ".", ",", 0, 0, "$"};
	NUMBERFMTA nfa = {2, 1, 3, ".", ",", 1};
	WCHAR w[64];
	char a[64];
	WORD t[4];

	CASE("GetLocaleInfoA", GetLocaleInfoA(0x411, LOCALE_SNAME, a, 64));
	CASE("GetLocaleInfoW", GetLocaleInfoW(0x0c07, LOCALE_SNAME, w, 64));
	CASE("GetLocaleInfoW",
	     GetLocaleInfoW(LOCALE_INVARIANT, LOCALE_SNAME, w, 64));
	CASE("GetLocaleInfoW", GetLocaleInfoW(0x10407, LOCALE_SNAME, w, 64));
	CASE("GetLocaleInfoEx", GetLocaleInfoEx(L"ja-JP", LOCALE_SNAME, w, 64));
	CASE("GetLocaleInfoEx", GetLocaleInfoEx(L"de", LOCALE_SNAME, w, 64));
	CASE("GetLocaleInfoEx", GetLocaleInfoEx(L"", LOCALE_SNAME, w, 64));
	CASE("SetThreadLocale", SetThreadLocale(0x411));
	CASE("LocaleNameToLCID", LocaleNameToLCID(L"ja-JP", 0));
	CASE("LocaleNameToLCID",
	     LocaleNameToLCID(L"de", LOCALE_ALLOW_NEUTRAL_NAMES));
	CASE("LCIDToLocaleName", LCIDToLocaleName(0x411, w, 64, 0));
	CASE("LCIDToLocaleName",
	     LCIDToLocaleName(0x07, w, 64, LOCALE_ALLOW_NEUTRAL_NAMES));
	CASE("EnumSystemLocalesEx",
	     EnumSystemLocalesEx(each, LOCALE_NEUTRALDATA, 0, NULL));
	CASE("EnumSystemLocalesEx",
	     EnumSystemLocalesEx(each, LOCALE_ALTERNATE_SORTS, 0, NULL));
	CASE("GetDateFormatA",
	     GetDateFormatA(0x411, DATE_LONGDATE, &st, NULL, a, 64));
	CASE("GetDateFormatW",
	     GetDateFormatW(0x0c07, DATE_LONGDATE, &st, NULL, w, 64));
	CASE("GetDateFormatEx",
	     GetDateFormatEx(L"ja-JP", 0, &st, NULL, w, 64, NULL));
	CASE("GetTimeFormatA", GetTimeFormatA(0x411, 0, &st, NULL, a, 64));
	CASE("GetTimeFormatW", GetTimeFormatW(0x0c07, 0, &st, NULL, w, 64));
	CASE("GetTimeFormatEx", GetTimeFormatEx(L"de-AT", 0, &st, NULL, w, 64));
	CASE("GetNumberFormatA",
	     GetNumberFormatA(0x411, 0, "1234.5", &nfa, a, 64));
	CASE("GetNumberFormatW",
	     GetNumberFormatW(0x0c07, 0, L"1234.5", NULL, w, 64));
	CASE("GetNumberFormatEx",
	     GetNumberFormatEx(L"ja-JP", 0, L"1234.5", NULL, w, 64));
	CASE("GetCurrencyFormatA",
	     GetCurrencyFormatA(0x411, 0, "1234.5", &cfa, a, 64));
	CASE("GetCurrencyFormatW",
	     GetCurrencyFormatW(0x0c07, 0, L"1234.5", NULL, w, 64));
	CASE("GetCurrencyFormatEx",
	     GetCurrencyFormatEx(L"ja-JP", 0, L"1234.5", NULL, w, 64));
	CASE("GetStringTypeA", GetStringTypeA(0x411, CT_CTYPE1, "ab", 2, t));
	CASE("GetStringTypeExA",
	     GetStringTypeExA(0x0c07, CT_CTYPE1, "ab", 2, t));
	fflush(stdout);
	return 0;
}
