/*
 * nls.c — what the locale functions refuse (tests/partial/check.sh):
 * kernel32's CompareString and LCMapString what collate.c does not
 * implement.
 *
 * The expected output (nls.expected) is dllshare's own: Windows and Wine
 * know these locales, characters and flags.
 */
#include <stdio.h>
#include <wchar.h>
#include <windows.h>

#include "case.h"

int main(void)
{
	static const wchar_t greek[] = L"\x3b1\x3b2", latin[] = L"ab";
	wchar_t w[16];
	char k[64];

	CASE("CompareStringA", CompareStringA(0x411, 0, "a", -1, "b", -1));
	CASE("CompareStringA",
	     CompareStringA(0x409, NORM_IGNORENONSPACE, "a", -1, "b", -1));
	CASE("CompareStringW", CompareStringW(0x409, 0, greek, -1, latin, -1));
	CASE("CompareStringW",
	     CompareStringW(0x409, NORM_IGNORESYMBOLS, latin, -1, latin, -1));
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
