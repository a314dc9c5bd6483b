/*
 * nls.c — what the locale functions refuse (tests/partial/check.sh):
 * msvcrt's setlocale, _wsetlocale and _create_locale a locale outside
 * dllshare's table or a code page that is not single-byte (double-byte
 * pages, UTF-8); the collation functions in a locale kernel32 has no sort
 * weights for (the ones added with other code pages: Russian, Swedish...)
 * and the wide ones, in a locale, a character outside Windows-1252's
 * repertoire (the only characters kernel32 has weights for); kernel32's
 * CompareString and LCMapString what collate.c does not implement.
 *
 * The expected output (nls.expected) is dllshare's own: Windows and Wine
 * know these locales, characters and flags.
 */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "case.h"

int main(void)
{
	static const wchar_t greek[] = L"\x3b1\x3b2", latin[] = L"ab";
	_locale_t l;
	wchar_t w[16];
	char k[64];

	CASE("setlocale", setlocale(LC_ALL, "Japanese_Japan.932"));
	CASE("setlocale", setlocale(LC_ALL, "German_Germany.932"));
	CASE("setlocale", setlocale(LC_ALL, "Russian_Russia.65001"));
	CASE("_wsetlocale", _wsetlocale(LC_ALL, L"Hebrew"));
	CASE("_create_locale", _create_locale(LC_ALL, "German_Austria"));
	printf("still %s\n", setlocale(LC_ALL, NULL));

	setlocale(LC_ALL, "Russian");
	CASE("strcoll", strcoll("\xe0", "\xe1"));
	setlocale(LC_ALL, "Swedish");
	l = _create_locale(LC_ALL, "Polish");
	CASE("strcoll", strcoll("a", "b"));
	CASE("_strcoll_l", _strcoll_l("a", "b", l));
	CASE("_stricoll", _stricoll("a", "b"));
	CASE("_stricoll_l", _stricoll_l("a", "b", l));
	CASE("_strncoll", _strncoll("a", "b", 1));
	CASE("_strncoll_l", _strncoll_l("a", "b", 1, l));
	CASE("_strnicoll", _strnicoll("a", "b", 1));
	CASE("_strnicoll_l", _strnicoll_l("a", "b", 1, l));
	CASE("strxfrm", strxfrm(k, "ab", sizeof(k)));
	CASE("_strxfrm_l", _strxfrm_l(k, "ab", sizeof(k), l));
	_free_locale(l);

	setlocale(LC_ALL, "German");
	l = _create_locale(LC_ALL, "French");
	CASE("wcscoll", wcscoll(greek, latin));
	CASE("_wcscoll_l", _wcscoll_l(greek, latin, l));
	CASE("_wcsicoll", _wcsicoll(greek, latin));
	CASE("_wcsicoll_l", _wcsicoll_l(greek, latin, l));
	CASE("_wcsncoll", _wcsncoll(greek, latin, 2));
	CASE("_wcsncoll_l", _wcsncoll_l(greek, latin, 2, l));
	CASE("_wcsnicoll", _wcsnicoll(greek, latin, 2));
	CASE("_wcsnicoll_l", _wcsnicoll_l(greek, latin, 2, l));
	CASE("wcsxfrm", wcsxfrm(w, greek, 16));
	CASE("_wcsxfrm_l", _wcsxfrm_l(w, greek, 16, l));
	printf("in C they compare: %d\n",
	       (setlocale(LC_ALL, "C"), wcscoll(greek, latin) > 0));
	_free_locale(l);

	CASE("CompareStringA", CompareStringA(0x411, 0, "a", -1, "b", -1));
	CASE("CompareStringA",
	     CompareStringA(0x409, NORM_IGNORENONSPACE, "a", -1, "b", -1));
	CASE("CompareStringW", CompareStringW(0x409, 0, greek, -1, latin, -1));
	CASE("CompareStringW",
	     CompareStringW(0x409, NORM_IGNORESYMBOLS, latin, -1, latin, -1));
	CASE("lstrcmpW", lstrcmpW(greek, latin));
	CASE("lstrcmpiW", lstrcmpiW(greek, latin));
	CASE("LCMapStringA",
	     LCMapStringA(0x409, LCMAP_LOWERCASE, "AB", -1, k, sizeof(k)));
	CASE("LCMapStringA",
	     LCMapStringA(0x419, LCMAP_SORTKEY, "ab", -1, k, sizeof(k)));
	CASE("LCMapStringW", LCMapStringW(0x409, LCMAP_SORTKEY, greek, -1,
					  (wchar_t *)k, sizeof(k)));
	CASE("LCMapStringW",
	     LCMapStringW(0x409, LCMAP_UPPERCASE, latin, -1, w, 16));
	fflush(stdout);
	return 0;
}
