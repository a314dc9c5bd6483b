/* codepages.c — every single-byte code page, compared with Wine: all 256
 * bytes to UTF-16 (plain, MB_USEGLYPHCHARS, MB_COMPOSITE,
 * MB_ERR_INVALID_CHARS byte by byte) and back, every UTF-16 unit to the
 * page (best fit, usedDefaultChar, WC_NO_BEST_FIT_CHARS), GetCPInfoEx,
 * IsValidCodePage over 1-65535, CP_SYMBOL, and the errors.  Whole tables
 * are printed as FNV-1a hashes, so one changed entry shows.
 *
 * The double-byte pages and UTF-7 are left out of the IsValidCodePage
 * scan: dllshare does not convert them (tests/partial shows the
 * refusal), and on a Windows without them IsValidCodePage says FALSE as
 * dllshare does.  The aliases (CP_ACP, CP_OEMCP, ...) are not shown: the
 * ANSI page is 1252 under Wine and UTF-8 under dllshare. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const UINT not_converted[] = {932,   936,   949,   950,   1361,  10001,
				     10002, 10003, 10008, 20932, 20949, 65000};

static unsigned fnv(unsigned h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

#define FNV0 2166136261u

static int skipped(UINT cp)
{
	for (size_t i = 0; i < sizeof not_converted / sizeof *not_converted;
	     i++)
		if (not_converted[i] == cp)
			return 1;
	return 0;
}

static void show_info(UINT cp)
{
	CPINFOEXW w;
	CPINFOEXA a;
	CPINFO ci;
	char name[MAX_PATH];
	BOOL okw = GetCPInfoExW(cp, 0, &w), oka = GetCPInfoExA(cp, 0, &a);
	BOOL ok = GetCPInfo(cp, &ci);

	WideCharToMultiByte(CP_UTF8, 0, w.CodePageName, -1, name, sizeof name,
			    0, 0);
	printf("cp %u: info %d %d %d max %u def %02x%02x unidef %04x lead %02x "
	       "[%s] [%s]\n",
	       cp, ok, okw, oka, w.MaxCharSize, w.DefaultChar[0],
	       w.DefaultChar[1], w.UnicodeDefaultChar, w.LeadByte[0], name,
	       a.CodePageName);
	if (ci.MaxCharSize != w.MaxCharSize || ci.DefaultChar[0] != w.DefaultChar[0])
		printf("  GetCPInfo differs from GetCPInfoExW\n");
}

/* The 256 bytes to UTF-16, each way MultiByteToWideChar has, and back. */
static void show_bytes(UINT cp)
{
	static WCHAR w[256 * 4];
	char all[256], back[256];
	unsigned invalid = FNV0, ninvalid = 0, same = 0;
	int n, ng, nc, nb;
	unsigned hw, hg, hc;

	for (int b = 0; b < 256; b++)
		all[b] = (char)b;
	n = MultiByteToWideChar(cp, 0, all, 256, w, 256);
	hw = fnv(FNV0, w, sizeof(WCHAR) * 256);
	nb = WideCharToMultiByte(cp, 0, w, 256, back, 256, 0, 0);
	for (int b = 0; b < 256; b++)
		same += back[b] == all[b];
	ng = MultiByteToWideChar(cp, MB_USEGLYPHCHARS, all, 256, w, 256);
	hg = fnv(FNV0, w, sizeof(WCHAR) * 256);
	nc = MultiByteToWideChar(cp, MB_COMPOSITE, all, 256, w, 256 * 4);
	hc = fnv(FNV0, w, sizeof(WCHAR) * (nc > 0 ? nc : 0));
	for (int b = 0; b < 256; b++) {
		SetLastError(0);
		if (MultiByteToWideChar(cp, MB_ERR_INVALID_CHARS, all + b, 1, w,
					1) != 1) {
			unsigned char e[2] = {(unsigned char)b,
					      (unsigned char)GetLastError()};

			invalid = fnv(invalid, e, 2);
			ninvalid++;
		}
	}
	printf("  mb %d %08x glyph %d %08x composite %d %08x invalid %u %08x "
	       "back %d same %u\n",
	       n, hw, ng, hg, nc, hc, ninvalid, invalid, nb, same);
}

/* Every UTF-16 unit to the page: as the table has it, then with two
 * default characters (the units whose byte differs between the two are
 * the ones that used it), without and with WC_NO_BEST_FIT_CHARS. */
static void show_units(UINT cp)
{
	static WCHAR all[65536];
	static char a[65536], b[65536];
	int n;

	for (int i = 0; i < 65536; i++)
		all[i] = (WCHAR)i;
	n = WideCharToMultiByte(cp, 0, all, 65536, a, 65536, 0, 0);
	printf("  wc %d %08x", n, fnv(FNV0, a, 65536));
	for (int k = 0; k < 2; k++) {
		DWORD flags = k ? WC_NO_BEST_FIT_CHARS : 0;
		BOOL used = 7;
		unsigned mask = FNV0, nused = 0;
		int n1 = WideCharToMultiByte(cp, flags, all, 65536, a, 65536,
					     "\x01", &used);
		int n2 = WideCharToMultiByte(cp, flags, all, 65536, b, 65536,
					     "\x02", 0);

		for (int i = 0; i < 65536; i++) {
			if (a[i] != b[i]) {
				mask = fnv(mask, &i, 2);
				nused++;
			}
		}
		printf(" | %s %d %d used %d %u %08x %08x", k ? "nbf" : "def", n1,
		       n2, used, nused, mask, fnv(FNV0, a, 65536));
	}
	printf("\n");
}

static void show_page(UINT cp)
{
	show_info(cp);
	show_bytes(cp);
	show_units(cp);
}

static void hex(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		printf("%02x", (unsigned char)s[i]);
}

/* Characters outside the page, one at a time: best fit, default
 * character, usedDefaultChar, WC_NO_BEST_FIT_CHARS. */
static void outside(UINT cp)
{
	static const WCHAR chars[] = {0x0101, 0x0100, 0x03b1, 0x20ac, 0x2022,
				      0xff21, 0x4e00, 0x00e9, 0x221e, 0x2260,
				      0x00bd, 0x0416, 0xfffd, 0xd800, 0xdc00};
	static const WCHAR pair[] = {0xd83d, 0xde00, 'x'};

	printf("cp %u outside:", cp);
	for (size_t i = 0; i < sizeof chars / sizeof *chars; i++) {
		char s[4];
		BOOL u1 = 5, u2 = 5;
		int n0 = WideCharToMultiByte(cp, 0, chars + i, 1, s, 4, 0, 0);
		char c0 = s[0];
		int n1 = WideCharToMultiByte(cp, 0, chars + i, 1, s, 4, "*", &u1);
		char c1 = s[0];
		int n2 = WideCharToMultiByte(cp, WC_NO_BEST_FIT_CHARS,
					     chars + i, 1, s, 4, 0, &u2);

		printf(" %04x=%d:%02x/%d:%02x,%d/%d:%02x,%d", chars[i], n0,
		       (unsigned char)c0, n1, (unsigned char)c1, u1, n2,
		       (unsigned char)s[0], u2);
	}
	{
		char s[8];
		BOOL used = 5;
		int n = WideCharToMultiByte(cp, WC_ERR_INVALID_CHARS, pair, 3, s,
					    8, 0, &used);

		printf(" pair %d ", n);
		hex(s, n > 0 ? n : 0);
		printf(" %d", used);
	}
	printf("\n");
}

static void result(const char *what, int n)
{
	printf("%s: %d error %lu\n", what, n, n ? 0 : GetLastError());
}

static void errors(void)
{
	WCHAR w[16];
	char s[16];
	BOOL used = 5;
	CPINFO ci;
	static const WCHAR sym[] = {0x0001, 0xf041, 0xf0ff, 0x0041};

	SetLastError(0);
	result("MB unknown page", MultiByteToWideChar(12345, 0, "a", 1, w, 16));
	SetLastError(0);
	result("WC unknown page", WideCharToMultiByte(12345, 0, L"a", 1, s, 16,
						      0, 0));
	SetLastError(0);
	result("MB bad flag", MultiByteToWideChar(1252, 0x100, "a", 1, w, 16));
	SetLastError(0);
	result("WC bad flag", WideCharToMultiByte(1252, 0x1000, L"a", 1, s, 16,
						  0, 0));
	SetLastError(0);
	result("WC DEFAULTCHAR alone",
	       WideCharToMultiByte(1252, WC_DEFAULTCHAR, L"a\x0101", 2, s, 16,
				   0, &used));
	printf("  %.2s used %d\n", s, used);
	SetLastError(0);
	result("MB COMPOSITE|PRECOMPOSED",
	       MultiByteToWideChar(1252, MB_COMPOSITE | MB_PRECOMPOSED, "\xe9",
				   1, w, 16));
	SetLastError(0);
	result("MB overflow", MultiByteToWideChar(850, 0, "\x82\x83\x84", 3, w,
						  2));
	printf("  %04x %04x\n", w[0], w[1]);
	SetLastError(0);
	memset(w, 0, sizeof w);
	result("MB COMPOSITE overflow",
	       MultiByteToWideChar(1252, MB_COMPOSITE, "a\xe9", 2, w, 2));
	printf("  %04x %04x\n", w[0], w[1]);
	SetLastError(0);
	result("MB COMPOSITE count",
	       MultiByteToWideChar(1252, MB_COMPOSITE, "a\xe9\xc5", 3, 0, 0));
	SetLastError(0);
	result("MB ERR_INVALID_CHARS 874",
	       MultiByteToWideChar(874, MB_ERR_INVALID_CHARS, "a\xdb", 2, w,
				   16));
	SetLastError(0);
	result("MB ERR_INVALID_CHARS 874 count",
	       MultiByteToWideChar(874, MB_ERR_INVALID_CHARS, "a\xdb", 2, 0, 0));
	SetLastError(0);
	result("MB -1", MultiByteToWideChar(866, 0, "\x80\x81", -1, w, 16));
	printf("  %04x %04x %04x\n", w[0], w[1], w[2]);
	SetLastError(0);
	used = 5;
	memset(s, 0, sizeof s);
	result("WC overflow",
	       WideCharToMultiByte(1251, 0, L"\x0416\x0101\x0417", 3, s, 2, "#",
				   &used));
	printf("  %02x %02x used %d\n", (unsigned char)s[0],
	       (unsigned char)s[1], used);
	SetLastError(0);
	used = 5;
	result("WC count", WideCharToMultiByte(1251, WC_NO_BEST_FIT_CHARS,
					       L"\x0416\x0101", -1, 0, 0, 0,
					       &used));
	printf("  used %d\n", used);
	SetLastError(0);
	result("MB symbol", MultiByteToWideChar(CP_SYMBOL, 0, "\x01\x41\xff", 3,
						w, 16));
	printf("  %04x %04x %04x\n", w[0], w[1], w[2]);
	SetLastError(0);
	result("MB symbol flag", MultiByteToWideChar(CP_SYMBOL, MB_PRECOMPOSED,
						     "a", 1, w, 16));
	SetLastError(0);
	result("MB symbol overflow",
	       MultiByteToWideChar(CP_SYMBOL, 0, "abc", 3, w, 2));
	SetLastError(0);
	result("WC symbol", WideCharToMultiByte(CP_SYMBOL, 0, sym, 3, s, 16, 0,
						0));
	hex(s, 3);
	printf("\n");
	SetLastError(0);
	result("WC symbol outside",
	       WideCharToMultiByte(CP_SYMBOL, 0, sym, 4, s, 16, 0, 0));
	SetLastError(0);
	result("WC symbol used", WideCharToMultiByte(CP_SYMBOL, 0, sym, 1, s,
						     16, 0, &used));
	SetLastError(0);
	result("WC symbol flag",
	       WideCharToMultiByte(CP_SYMBOL, WC_NO_BEST_FIT_CHARS, sym, 1, s,
				   16, 0, 0));
	SetLastError(0);
	result("GetCPInfo symbol", GetCPInfo(CP_SYMBOL, &ci));
	SetLastError(0);
	result("GetCPInfo unknown", GetCPInfo(12345, &ci));
	SetLastError(0);
	result("IsDBCSLeadByteEx 1252", IsDBCSLeadByteEx(1252, 0x81));
	SetLastError(0);
	result("IsDBCSLeadByteEx 437", IsDBCSLeadByteEx(437, 0xe0));
	SetLastError(0);
	result("IsDBCSLeadByteEx unknown", IsDBCSLeadByteEx(12345, 0x81));
}

int main(void)
{
	static UINT pages[256];
	int n = 0;

	printf("valid:");
	for (UINT cp = 1; cp < 65536; cp++) {
		if (skipped(cp) || !IsValidCodePage(cp))
			continue;
		printf(" %u", cp);
		if (cp != CP_UTF8 && n < 256)
			pages[n++] = cp;
	}
	printf("\n");
	show_info(CP_UTF8);
	for (int i = 0; i < n; i++)
		show_page(pages[i]);
	outside(1252);
	outside(437);
	outside(850);
	outside(1251);
	outside(20127);
	outside(28591);
	outside(28605);
	outside(10000);
	outside(874);
	errors();
	return 0;
}
