/* nls_ctype.c — GetStringTypeW's CT_CTYPE1, CT_CTYPE2 and CT_CTYPE3 of
 * every UTF-16 unit (as runs), GetStringTypeExW; GetStringTypeA and ExA
 * of every byte in locales of each code page of dllshare's table; -1
 * lengths and bad arguments; msvcrt's iswctype of every unit, which
 * reads kernel32's CT_CTYPE1. */
#include <stdio.h>
#include <wctype.h>
#include <windows.h>

static WCHAR all[0x10000];
static WORD t[0x10000];

static void runs(const char *what, const WORD *v, unsigned n)
{
	printf("%s:", what);
	for (unsigned c = 0; c < n; c++)
		if (c == 0 || v[c] != v[c - 1])
			printf(" %x=%x", c, v[c]);
	printf("\n");
}

#define ERR(call)                                                              \
	do {                                                                   \
		SetLastError(0);                                               \
		ok = (call);                                                   \
		printf("%s = %d, error %lu\n", #call, ok, GetLastError());     \
	} while (0)

int main(void)
{
	static const DWORD types[] = {CT_CTYPE1, CT_CTYPE2, CT_CTYPE3};
	static const LCID lcids[] = {0x0409, 0x0419, 0x0415, 0x0408, 0x041f};
	char bytes[256];
	WORD out[300];
	BOOL ok;

	for (unsigned c = 0; c < 0x10000; c++)
		all[c] = (WCHAR)c;
	for (int k = 0; k < 3; k++) {
		char name[32];

		ok = GetStringTypeW(types[k], all, 0x10000, t);
		sprintf(name, "W %lu (%d)", types[k], ok);
		runs(name, t, 0x10000);
		ok = GetStringTypeExW(0x419, types[k], all + 0x400, 0x100, t);
		sprintf(name, "ExW %lu (%d)", types[k], ok);
		runs(name, t, 0x100);
	}
	for (int i = 0; i < 255; i++)
		bytes[i] = (char)(i + 1);
	bytes[255] = 0;
	for (size_t l = 0; l < sizeof(lcids) / sizeof(lcids[0]); l++)
		for (int k = 0; k < 3; k++) {
			char name[48];

			ok = GetStringTypeA(lcids[l], types[k], bytes, 255, out);
			sprintf(name, "A %04lx %lu (%d)", lcids[l], types[k], ok);
			runs(name, out, 255);
			ok = GetStringTypeExA(lcids[l], types[k], bytes, -1, out);
			sprintf(name, "ExA %04lx %lu (%d)", lcids[l], types[k],
				ok);
			runs(name, out, 256);
		}
	out[3] = 0xdead;
	ok = GetStringTypeW(CT_CTYPE1, L"a1 ", -1, out);
	printf("W -1: %d %x %x %x %x %x\n", ok, out[0], out[1], out[2], out[3],
	       out[4]);
	ERR(GetStringTypeW(0, L"a", 1, out));
	ERR(GetStringTypeW(CT_CTYPE1 | CT_CTYPE2, L"a", 1, out));
	ERR(GetStringTypeW(8, L"a", 1, out));
	ERR(GetStringTypeW(CT_CTYPE1, NULL, 1, out));
	ERR(GetStringTypeW(CT_CTYPE1, L"a", 0, out));
	ERR(GetStringTypeA(0x409, 0, "a", 1, out));
	ERR(GetStringTypeA(LOCALE_USER_DEFAULT, CT_CTYPE1, "a", 1, out));
	ERR(GetStringTypeA(LOCALE_SYSTEM_DEFAULT, CT_CTYPE3, "a", 1, out));
	for (unsigned c = 0; c < 0x10000; c++)
		t[c] = (WORD)iswctype((wint_t)c, 0xffff);
	runs("iswctype", t, 0x10000);
	return 0;
}
