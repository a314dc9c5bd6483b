/* codepages.c — every code page but UTF-7 and UTF-8, compared with Wine:
 * all 256 bytes to UTF-16 (plain, MB_USEGLYPHCHARS, MB_COMPOSITE,
 * MB_ERR_INVALID_CHARS byte by byte) and back, every two-byte character
 * of the double-byte pages (and a lead byte alone), every UTF-16 unit to
 * the page (best fit, usedDefaultChar, WC_NO_BEST_FIT_CHARS), GetCPInfoEx,
 * IsValidCodePage over 1-65535, CP_SYMBOL, and the errors.  Whole tables
 * are printed as FNV-1a hashes, so one changed entry shows.
 *
 * UTF-7 and UTF-8 show only their GetCPInfoEx here (UTF-7's conversions:
 * codepages_utf7.c; WC_COMPOSITECHECK: codepages_compose.c).  The aliases
 * (CP_ACP, CP_OEMCP, ...) are not shown: the ANSI page is 1252 under Wine
 * and UTF-8 under dllshare. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static unsigned fnv(unsigned h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

#define FNV0 2166136261u

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
	printf("cp %u: info %d %d %d max %u def %02x%02x unidef %04x lead ", cp,
	       ok, okw, oka, w.MaxCharSize, w.DefaultChar[0], w.DefaultChar[1],
	       w.UnicodeDefaultChar);
	for (int i = 0; i < 12; i++)
		printf("%02x", w.LeadByte[i]);
	printf(" [%s] [%s]\n", name, a.CodePageName);
	if (memcmp(ci.LeadByte, w.LeadByte, 12))
		printf("  GetCPInfo's lead bytes differ\n");
	if (ci.MaxCharSize != w.MaxCharSize || ci.DefaultChar[0] != w.DefaultChar[0])
		printf("  GetCPInfo differs from GetCPInfoExW\n");
}

/* The 256 bytes to UTF-16, each way MultiByteToWideChar has, and back. */
static void show_bytes(UINT cp)
{
	static WCHAR w[256 * 4];
	char all[256], back[512];
	unsigned invalid = FNV0, ninvalid = 0, same = 0;
	int n, ng, nc, nb;
	unsigned hw, hg, hc;

	for (int b = 0; b < 256; b++)
		all[b] = (char)b;
	n = MultiByteToWideChar(cp, 0, all, 256, w, 256);
	hw = fnv(FNV0, w, sizeof(WCHAR) * 256);
	nb = WideCharToMultiByte(cp, 0, w, n, back, 512, 0, 0);
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
	static char a[2 * 65536], b[2 * 65536];
	int n;

	for (int i = 0; i < 65536; i++)
		all[i] = (WCHAR)i;
	n = WideCharToMultiByte(cp, 0, all, 65536, a, sizeof a, 0, 0);
	printf("  wc %d %08x", n, fnv(FNV0, a, n > 0 ? n : 0));
	for (int k = 0; k < 2; k++) {
		DWORD flags = k ? WC_NO_BEST_FIT_CHARS : 0;
		BOOL used = 7;
		unsigned mask = FNV0, nused = 0;
		int n1 = WideCharToMultiByte(cp, flags, all, 65536, a, sizeof a,
					     "\x01", &used);
		int n2 = WideCharToMultiByte(cp, flags, all, 65536, b, sizeof b,
					     "\x02", 0);

		for (int i = 0; i < n1 && i < n2; i++) {
			if (a[i] != b[i]) {
				mask = fnv(mask, &i, 2);
				nused++;
			}
		}
		printf(" | %s %d %d used %d %u %08x %08x", k ? "nbf" : "def", n1,
		       n2, used, nused, mask, fnv(FNV0, a, n1 > 0 ? n1 : 0));
	}
	printf("\n");
}

/* A double-byte page's two-byte characters, a lead byte's trail bytes at
 * a time, and each lead byte alone and before a NUL. */
static void show_rows(UINT cp)
{
	CPINFO ci;
	unsigned h = FNV0, hc = FNV0, hi = FNV0, hl = FNV0, ninvalid = 0;
	int n = 0, nc = 0;

	GetCPInfo(cp, &ci);
	for (int r = 0; r < 12 && ci.LeadByte[r]; r += 2) {
		for (int lead = ci.LeadByte[r]; lead <= ci.LeadByte[r + 1];
		     lead++) {
			char s[510], one[3] = {(char)lead, 0, 'a'};
			WCHAR w[255 * 4];
			int k;

			for (int t = 1; t < 256; t++) {
				s[2 * t - 2] = (char)lead;
				s[2 * t - 1] = (char)t;
			}
			k = MultiByteToWideChar(cp, 0, s, 510, w, 255 * 4);
			h = fnv(h, w, sizeof(WCHAR) * (k > 0 ? k : 0));
			n += k;
			k = MultiByteToWideChar(cp, MB_COMPOSITE, s, 510, w,
						255 * 4);
			hc = fnv(hc, w, sizeof(WCHAR) * (k > 0 ? k : 0));
			nc += k;
			for (int t = 1; t < 256; t++) {
				if (MultiByteToWideChar(cp, MB_ERR_INVALID_CHARS,
							s + 2 * t - 2, 2, w,
							4) != 1) {
					hi = fnv(hi, s + 2 * t - 2, 2);
					ninvalid++;
				}
			}
			k = MultiByteToWideChar(cp, 0, one, 1, w, 4);
			hl = fnv(hl, w, sizeof(WCHAR) * (k > 0 ? k : 0));
			k = MultiByteToWideChar(cp, 0, one, 3, w, 4);
			hl = fnv(hl, w, sizeof(WCHAR) * (k > 0 ? k : 0));
			k = MultiByteToWideChar(cp, MB_ERR_INVALID_CHARS, one,
						3, w, 4);
			hl = fnv(hl, &k, sizeof k);
		}
	}
	printf("  rows %d %08x composite %d %08x invalid %u %08x lone %08x\n",
	       n, h, nc, hc, ninvalid, hi, hl);
}

static void show_page(UINT cp)
{
	CPINFO ci;

	show_info(cp);
	show_bytes(cp);
	if (GetCPInfo(cp, &ci) && ci.MaxCharSize == 2)
		show_rows(cp);
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
		char s0[4], s1[4], s2[4];
		BOOL u1 = 5, u2 = 5;
		int n0 = WideCharToMultiByte(cp, 0, chars + i, 1, s0, 4, 0, 0);
		int n1 = WideCharToMultiByte(cp, 0, chars + i, 1, s1, 4, "*", &u1);
		int n2 = WideCharToMultiByte(cp, WC_NO_BEST_FIT_CHARS,
					     chars + i, 1, s2, 4, 0, &u2);

		printf(" %04x=", chars[i]);
		hex(s0, n0 > 0 ? n0 : 0);
		printf("/");
		hex(s1, n1 > 0 ? n1 : 0);
		printf(",%d/", u1);
		hex(s2, n2 > 0 ? n2 : 0);
		printf(",%d", u2);
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

static void show_mb(const char *what, UINT cp, DWORD flags, const char *s,
		    int n, int dstlen)
{
	WCHAR w[16] = {0};
	int r;

	SetLastError(0);
	r = MultiByteToWideChar(cp, flags, s, n, dstlen ? w : 0, dstlen);
	printf("%s: %d error %lu:", what, r, r ? 0 : GetLastError());
	for (int i = 0; i < (r > 0 && dstlen ? r : dstlen); i++)
		printf(" %04x", w[i]);
	printf("\n");
}

static void show_wc(const char *what, UINT cp, DWORD flags, const WCHAR *w,
		    int n, int dstlen, const char *def)
{
	char s[16] = {0};
	BOOL used = 5;
	int r;

	SetLastError(0);
	r = WideCharToMultiByte(cp, flags, w, n, dstlen ? s : 0, dstlen, def,
				def ? &used : 0);
	printf("%s: %d error %lu used %d:", what, r, r ? 0 : GetLastError(),
	       used);
	hex(s, r > 0 && dstlen ? r : dstlen);
	printf("\n");
}

/* Two-byte characters: cut at the end of the string or by a NUL, a
 * default character of two bytes, a buffer that ends inside one. */
static void dbcs(void)
{
	static const WCHAR text[] = {0x65e5, 0x672c, 'a', 0xff71, 0x4e02};

	show_mb("MB 932", 932, 0, "\x93\xfa\x96\x7b a\xb1", 6, 16);
	show_mb("MB 932 lone lead", 932, 0, "a\x93", 2, 16);
	show_mb("MB 932 lead NUL", 932, 0, "\x93\0a", 3, 16);
	show_mb("MB 932 bad trail", 932, 0, "\x81\x20\x81\x7f", 4, 16);
	show_mb("MB 932 invalid lone", 932, MB_ERR_INVALID_CHARS, "a\x93", 2,
		16);
	show_mb("MB 932 invalid trail", 932, MB_ERR_INVALID_CHARS, "\x81\x20",
		2, 16);
	show_mb("MB 932 default char's own", 932, MB_ERR_INVALID_CHARS,
		"\x81\x45", 2, 16);
	show_mb("MB 932 count", 932, 0, "\x93\xfa\x96\x7b a\xb1", 6, 0);
	show_mb("MB 932 overflow", 932, 0, "\x93\xfa\x96\x7b", 4, 1);
	show_mb("MB 936 composite", 936, MB_COMPOSITE, "\xa8\xa6\xa8\xba", 4,
		16);
	show_wc("WC 932", 932, 0, text, 5, 16, 0);
	show_wc("WC 932 count", 932, 0, text, 5, 0, 0);
	show_wc("WC 932 overflow", 932, 0, text, 5, 3, 0);
	show_wc("WC 932 default", 932, 0, text, 5, 16, "\x81\x48");
	show_wc("WC 932 two-byte default", 932, WC_NO_BEST_FIT_CHARS, text, 5,
		16, "\x81\x48");
	show_wc("WC 936 one-byte default", 936, WC_NO_BEST_FIT_CHARS, text, 5,
		16, "#");
	show_wc("WC 949 overflow default", 949, WC_NO_BEST_FIT_CHARS, text, 5,
		4, "\xa1\xa1");
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
	SetLastError(0);
	result("IsDBCSLeadByteEx 932 lead", IsDBCSLeadByteEx(932, 0x81));
	SetLastError(0);
	result("IsDBCSLeadByteEx 932 kana", IsDBCSLeadByteEx(932, 0xb1));
	SetLastError(0);
	result("IsDBCSLeadByteEx 20949", IsDBCSLeadByteEx(20949, 0xad));
	dbcs();
}

int main(void)
{
	static UINT pages[256];
	int n = 0;

	printf("valid:");
	for (UINT cp = 1; cp < 65536; cp++) {
		if (!IsValidCodePage(cp))
			continue;
		printf(" %u", cp);
		if (cp != CP_UTF8 && cp != CP_UTF7 && n < 256)
			pages[n++] = cp;
	}
	printf("\n");
	show_info(CP_UTF7);
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
	outside(932);
	outside(936);
	outside(949);
	outside(950);
	errors();
	return 0;
}
