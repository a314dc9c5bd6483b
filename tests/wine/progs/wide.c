/* wide.c — wide characters in msvcrt's "C" locale: %ls/%lc in printf,
 * wprintf and fputws on a byte stream (a code unit up to 0xff is one byte,
 * a larger one fails: EILSEQ, output stops), wctomb/wcstombs/mbstowcs. */
#define __USE_MINGW_ANSI_STDIO 0
#include <stdio.h>
#include <wchar.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
int main(void)
{
	int r;
	r = printf("[%ls]\n", L"caf\x00e9");
	printf("r=%d\n", r);
	r = printf("[%ls]\n", L"euro\x20ac!");
	printf("r=%d\n", r);
	r = printf("[%lc]\n", (wint_t)0xe9);
	printf("r=%d\n", r);
	fflush(stdout);
	r = wprintf(L"w[%ls]\n", L"caf\x00e9");
	printf("r=%d\n", r);
	r = wprintf(L"w[%ls]\n", L"euro\x20ac!");
	printf("r=%d\n", r);
	r = wprintf(L"w[%S]\n", "narrow\xe9");
	printf("r=%d\n", r);
	fflush(stdout);
	r = fputws(L"fputws \x00e9\n", stdout);
	printf("r=%d\n", r);
	char buf[64];
	r = sprintf(buf, "%ls", L"x\x20acy");
	printf("sprintf r=%d len=%d\n", r, (int)strlen(buf));
	r = wctomb(buf, 0x20ac);
	printf("wctomb %d\n", r);
	r = (int)wcstombs(buf, L"ab\x20ac", 10);
	printf("wcstombs %d\n", r);
	r = (int)mbstowcs(NULL, "a\xc3\xa9", 0);
	printf("mbstowcs %d\n", r);
	return 0;
}
