/* codepages_utf7.c — UTF-7 (code page 65000) compared with Wine:
 * IsValidCodePage, GetCPInfo(Ex), IsDBCSLeadByteEx; every UTF-16 unit
 * alone and all of them in one string; every ASCII character; runs of
 * every length ended every way; surrogate pairs and lone halves; long
 * strings; every byte and every "+xy" the other way, invalid and cut
 * base64; random round trips; a buffer too small at every size (what
 * is written, ERROR_INSUFFICIENT_BUFFER); sizes-only calls; each flag bit
 * (ERROR_INVALID_FLAGS), a default character or usedDefaultChar
 * (ERROR_INVALID_PARAMETER) and the other argument errors.  Each call
 * stands alone: a run cut between two calls is two runs.  Large outputs
 * are printed as FNV-1a hashes. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define CP_UTF7_ 65000
#define FNV0	 2166136261u

static unsigned fnv(unsigned h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static void show_bytes(const char *s, int n)
{
	for (int i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			putchar(c);
		else
			printf("\\x%02x", c);
	}
}

/* WideCharToMultiByte into a buffer of dstlen (0: sizes only). */
static void wc(const char *what, DWORD flags, const WCHAR *w, int n, int dstlen,
	       const char *def, BOOL *used)
{
	static char s[256];
	int r, k;
	DWORD e;

	memset(s, '#', sizeof s);
	SetLastError(0);
	r = WideCharToMultiByte(CP_UTF7_, flags, w, n, dstlen ? s : 0, dstlen,
				def, used);
	e = GetLastError();
	printf("WC %s: %d error %lu [", what, r, e);
	k = r > 0 && dstlen ? r : dstlen < 16 ? dstlen : 16;
	show_bytes(s, k < 200 ? k : 200);
	printf("]\n");
}

/* MultiByteToWideChar into a buffer of dstlen (0: sizes only). */
static void mb(const char *what, DWORD flags, const char *s, int n, int dstlen)
{
	static WCHAR w[256];
	int r, k;
	DWORD e;

	for (int i = 0; i < 256; i++)
		w[i] = 0x2323;
	SetLastError(0);
	r = MultiByteToWideChar(CP_UTF7_, flags, s, n, dstlen ? w : 0, dstlen);
	e = GetLastError();
	printf("MB %s: %d error %lu:", what, r, e);
	k = r > 0 && dstlen ? r : dstlen < 8 ? dstlen : 8;
	for (int i = 0; i < (k < 100 ? k : 100); i++)
		printf(" %04x", w[i]);
	printf("\n");
}

static void info(void)
{
	CPINFOEXW w;
	CPINFOEXA a;
	CPINFO ci;
	char name[MAX_PATH];
	int leads = 0;
	BOOL ok;

	ok = IsValidCodePage(CP_UTF7_);
	printf("IsValidCodePage %d\n", ok);
	memset(&ci, 0x55, sizeof ci);
	ok = GetCPInfo(CP_UTF7_, &ci);
	printf("GetCPInfo %d max %u def %02x%02x lead", ok, ci.MaxCharSize,
	       ci.DefaultChar[0], ci.DefaultChar[1]);
	for (int i = 0; i < MAX_LEADBYTES; i++)
		printf(" %02x", ci.LeadByte[i]);
	printf("\n");
	memset(&w, 0x55, sizeof w);
	ok = GetCPInfoExW(CP_UTF7_, 0, &w);
	WideCharToMultiByte(CP_UTF8, 0, w.CodePageName, -1, name, sizeof name,
			    0, 0);
	printf("GetCPInfoExW %d max %u def %02x%02x unidef %04x cp %u [%s]\n",
	       ok, w.MaxCharSize, w.DefaultChar[0], w.DefaultChar[1],
	       w.UnicodeDefaultChar, w.CodePage, name);
	memset(&a, 0x55, sizeof a);
	ok = GetCPInfoExA(CP_UTF7_, 0, &a);
	printf("GetCPInfoExA %d [%s]\n", ok, a.CodePageName);
	SetLastError(0);
	for (int b = 0; b < 256; b++)
		leads += IsDBCSLeadByteEx(CP_UTF7_, (BYTE)b) != 0;
	printf("IsDBCSLeadByteEx: %d lead bytes, error %lu\n", leads,
	       GetLastError());
}

/* Every unit alone (ASCII shown), then all 65536 in one string and back. */
static void units(void)
{
	static WCHAR all[65536], back[65536];
	static char s[65536 * 4];
	unsigned h = FNV0;
	int total = 0, n, m;

	printf("ASCII:");
	for (int c = 0; c < 0x10000; c++) {
		WCHAR u = (WCHAR)c;
		char b[16];

		n = WideCharToMultiByte(CP_UTF7_, 0, &u, 1, b, sizeof b, 0, 0);
		h = fnv(h, b, n > 0 ? n : 0);
		total += n;
		if (c < 0x80) {
			printf(" %02x=", c);
			show_bytes(b, n > 0 ? n : 0);
		}
	}
	printf("\neach unit alone: %d bytes %08x\n", total, h);
	for (int c = 0; c < 0x10000; c++)
		all[c] = (WCHAR)c;
	n = WideCharToMultiByte(CP_UTF7_, 0, all, 65536, s, sizeof s, 0, 0);
	m = WideCharToMultiByte(CP_UTF7_, 0, all, 65536, 0, 0, 0, 0);
	printf("all units: %d (count %d) %08x\n", n, m,
	       fnv(FNV0, s, n > 0 ? n : 0));
	n = MultiByteToWideChar(CP_UTF7_, 0, s, n, back, 65536);
	printf("  back: %d same %d\n", n,
	       n == 65536 && !memcmp(all, back, sizeof all));
	/* From the end down: the runs break at other places. */
	for (int c = 0; c < 0x10000; c++)
		all[c] = (WCHAR)(0xffff - c);
	n = WideCharToMultiByte(CP_UTF7_, 0, all, 65536, s, sizeof s, 0, 0);
	printf("all units down: %d %08x\n", n, fnv(FNV0, s, n > 0 ? n : 0));
	n = MultiByteToWideChar(CP_UTF7_, 0, s, n, back, 65536);
	printf("  back: %d same %d\n", n,
	       n == 65536 && !memcmp(all, back, sizeof all));
}

/* A run of 1-7 units, then each ASCII character (and the end). */
static void runs(void)
{
	static const WCHAR run[] = {0x00e9, 0x4e00, 0x0001, 0xffff,
				    0xd83d, 0xde00, '!'};
	unsigned h = FNV0;
	int total = 0;

	for (int len = 1; len <= 7; len++) {
		for (int c = -1; c < 0x80; c++) {
			WCHAR w[16];
			char s[64];
			int n, k = len;

			memcpy(w, run, sizeof(WCHAR) * (size_t)len);
			if (c >= 0)
				w[k++] = (WCHAR)c;
			n = WideCharToMultiByte(CP_UTF7_, 0, w, k, s, sizeof s,
						0, 0);
			h = fnv(h, s, n > 0 ? n : 0);
			total += n;
			if (len == 1 || len == 3) {
				if (c == -1 || c == '+' || c == '-' ||
				    c == 'A' || c == ' ' || c == 0 ||
				    c == '!' || c == '~') {
					char what[32];

					snprintf(what, sizeof what,
						 "run %d then %02x", len, c);
					wc(what, 0, w, k, 64, 0, 0);
				}
			}
		}
	}
	printf("runs then each character: %d %08x\n", total, h);
	wc("Hi Mom", 0, L"Hi Mom -\x263a-!", -1, 64, 0, 0);
	wc("A, not identical, Alpha, dot", 0, L"A\x2262\x0391.", 4, 64, 0, 0);
	wc("nihongo", 0, L"\x65e5\x672c\x8a9e", 3, 64, 0, 0);
	wc("1+1=2", 0, L"1+1=2", 5, 64, 0, 0);
	wc("++", 0, L"++", 2, 64, 0, 0);
	wc("e acute + e acute", 0, L"\x00e9+\x00e9", 3, 64, 0, 0);
	wc("pair", 0, L"\xd83d\xde00", 2, 64, 0, 0);
	wc("pair in text", 0,
	   L"a\xd83d\xde00"
	   L"b",
	   4, 64, 0, 0);
	wc("lone high", 0,
	   L"a\xd800"
	   L"b",
	   3, 64, 0, 0);
	wc("lone low", 0, L"a\xdc00", 2, 64, 0, 0);
	wc("swapped pair", 0, L"\xde00\xd83d", 2, 64, 0, 0);
	wc("-1", 0, L"\x00e9", -1, 64, 0, 0);
	wc("NUL inside", 0, L"\x00e9\0\x00e9", 3, 64, 0, 0);
	wc("BOM", 0,
	   L"\xfeff"
	   L"a",
	   2, 64, 0, 0);
}

static void long_strings(void)
{
	static WCHAR w[20000], back[20000];
	static char s[80000];
	unsigned seed = 12345, h = FNV0;
	int n, m, same = 0;

	for (int i = 0; i < 20000; i++)
		w[i] = 0x00e9;
	n = WideCharToMultiByte(CP_UTF7_, 0, w, 20000, s, sizeof s, 0, 0);
	printf("20000 x e9: %d %08x\n", n, fnv(FNV0, s, n > 0 ? n : 0));
	m = MultiByteToWideChar(CP_UTF7_, 0, s, n, back, 20000);
	printf("  back %d same %d\n", m, !memcmp(w, back, sizeof w));
	for (int i = 0; i < 20000; i++)
		w[i] = "abc +-./~"[i % 9];
	n = WideCharToMultiByte(CP_UTF7_, 0, w, 20000, s, sizeof s, 0, 0);
	printf("ASCII mix: %d %08x\n", n, fnv(FNV0, s, n > 0 ? n : 0));
	/* Random strings of random units, mostly ASCII, and back. */
	for (int t = 0; t < 200; t++) {
		int len = 1 + t * 7;

		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			w[i] = (seed >> 16) % 3 ? (WCHAR)((seed >> 8) & 0x7f)
						: (WCHAR)(seed >> 12);
		}
		n = WideCharToMultiByte(CP_UTF7_, 0, w, len, s, sizeof s, 0, 0);
		h = fnv(h, s, n > 0 ? n : 0);
		m = MultiByteToWideChar(CP_UTF7_, 0, s, n, back, 20000);
		same += m == len &&
			!memcmp(w, back, sizeof(WCHAR) * (size_t)len);
	}
	printf("random: %08x, %d of 200 back the same\n", h, same);
}

/* The byte side: every byte alone and after '+', every "+xy", runs cut
 * after any number of characters, bytes that are not UTF-7. */
static void bytes(void)
{
	static WCHAR w[4096];
	unsigned h1 = FNV0, h2 = FNV0, h3 = FNV0;
	int t1 = 0, t2 = 0, t3 = 0;

	for (int b = 0; b < 256; b++) {
		char s[4] = {(char)b, 0, 0, 0};
		int n = MultiByteToWideChar(CP_UTF7_, 0, s, 1, w, 16);

		h1 = fnv(h1, w, sizeof(WCHAR) * (n > 0 ? n : 0));
		t1 += n;
		s[0] = '+';
		s[1] = (char)b;
		n = MultiByteToWideChar(CP_UTF7_, 0, s, 2, w, 16);
		h1 = fnv(h1, w, sizeof(WCHAR) * (n > 0 ? n : 0));
		t1 += n;
		for (int c = 0; c < 256; c++) {
			char t[5] = {'+', 'A', (char)b, (char)c, 'x'};

			n = MultiByteToWideChar(CP_UTF7_, 0, t, 5, w, 16);
			h2 = fnv(h2, &n, sizeof n);
			h2 = fnv(h2, w, sizeof(WCHAR) * (n > 0 ? n : 0));
			t2 += n;
		}
	}
	printf("bytes alone and after +: %d %08x\n", t1, h1);
	printf("+Axy: %d %08x\n", t2, h2);
	{
		static const char text[] = "+2D3eAA-a+ZeVnLIqe+AOk-+-+/v8A-";

		for (size_t k = 0; k <= sizeof text - 1; k++) {
			int n = MultiByteToWideChar(CP_UTF7_, 0, text, (int)k,
						    w, 64);

			h3 = fnv(h3, &n, sizeof n);
			h3 = fnv(h3, w, sizeof(WCHAR) * (n > 0 ? n : 0));
			t3 += n;
		}
		printf("every cut of one text: %d %08x\n", t3, h3);
	}
	mb("Hi Mom", 0, "Hi Mom -+Jjo--!", -1, 64);
	mb("nihongo", 0, "+ZeVnLIqe-", -1, 64);
	mb("+-", 0, "+-", 2, 64);
	mb("+ alone", 0, "+", 1, 64);
	mb("+ at the end", 0, "a+", 2, 64);
	mb("++", 0, "++", 2, 64);
	mb("+- +--", 0, "+- +--", 6, 64);
	mb("run ended by .", 0, "+AOk.", 5, 64);
	mb("run ended by -", 0, "+AOk-x", 6, 64);
	mb("run ended by --", 0, "+AOk--", 6, 64);
	mb("run at the end", 0, "+AOkA6Q", 7, 64);
	mb("+ and / in a run", 0, "+AOk+AO/-", 9, 64);
	mb("bits left over", 0, "+AOl-", 5, 64);
	mb("too few bits", 0, "+AO-x", 5, 64);
	mb("high bytes", 0, "a\x80\xe9\xff+AOk\xe9-", 10, 64);
	mb("controls", 0, "\x01\x1f\x7f~\\", 5, 64);
	mb("NUL in a run", 0, "+AOk\0A", 6, 64);
	mb("surrogate pair", 0, "+2D3eAA-", 8, 64);
	mb("lone halves", 0, "+2D0-+3gA-", 10, 64);
	mb("BOM", 0, "+/v8-", 5, 64);
	mb("-1", 0, "+AOk", -1, 64);
}

/* A buffer too small at every size: the result and what was written. */
static void overflow(void)
{
	static const WCHAR *texts[] = {L"a\x00e9\x00e9"
				       L"b+",
				       L"\x00e9",
				       L"\x00e9\x00e9",
				       L"\x00e9\x00e9\x00e9",
				       L"a+",
				       L"\xd83d\xde00!"};

	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		int len = (int)wcslen(texts[t]);
		int need = WideCharToMultiByte(CP_UTF7_, 0, texts[t], len, 0, 0,
					       0, 0);

		for (int d = 1; d <= need; d++) {
			char what[32];

			snprintf(what, sizeof what, "text %u in %d",
				 (unsigned)t, d);
			wc(what, 0, texts[t], len, d, 0, 0);
		}
	}
	for (int d = 1; d <= 6; d++) {
		char what[32];

		snprintf(what, sizeof what, "a+ZeVnLIqe-b in %d", d);
		mb(what, 0, "a+ZeVnLIqe-b", 12, d);
	}
	mb("nothing in 1", 0, "+AO", 3, 1);
	mb("sizes only", 0, "a+ZeVnLIqe-b", 12, 0);
	wc("sizes only", 0, L"a\x65e5+", 3, 0, 0, 0);
}

static void errors(void)
{
	BOOL used = 5;
	WCHAR w[8];
	char s[8];
	int r;

	for (int bit = 0; bit < 32; bit++) {
		DWORD e1, e2;
		int r2;

		SetLastError(0);
		r = MultiByteToWideChar(CP_UTF7_, 1u << bit, "a", 1, w, 8);
		e1 = GetLastError();
		SetLastError(0);
		r2 = WideCharToMultiByte(CP_UTF7_, 1u << bit, L"a", 1, s, 8, 0,
					 0);
		e2 = GetLastError();
		printf("flag %08x: MB %d error %lu, WC %d error %lu\n",
		       1u << bit, r, e1, r2, e2);
	}
	wc("default char", 0, L"a", 1, 8, "?", 0);
	wc("usedDefaultChar", 0, L"a", 1, 8, 0, &used);
	printf("  used %d\n", used);
	wc("default char and flag", WC_NO_BEST_FIT_CHARS, L"a", 1, 8, "?", 0);
	wc("empty default char", 0, L"a", 1, 8, "", 0);
	wc("NULL source", 0, 0, 1, 8, 0, 0);
	wc("length 0", 0, L"a", 0, 8, 0, 0);
	wc("no buffer", 0, L"a", 1, -1, 0, 0);
	SetLastError(0);
	r = WideCharToMultiByte(CP_UTF7_, 0, L"a", 1, 0, 4, 0, 0);
	printf("WC NULL buffer of 4: %d error %lu\n", r, GetLastError());
	mb("NULL source", 0, 0, 1, 8);
	mb("length 0", 0, "a", 0, 8);
	SetLastError(0);
	r = MultiByteToWideChar(CP_UTF7_, 0, "a", 1, 0, 4);
	printf("MB NULL buffer of 4: %d error %lu\n", r, GetLastError());
	SetLastError(0);
	r = MultiByteToWideChar(CP_UTF7_, 0, "a", 1, w, -1);
	printf("MB negative buffer: %d error %lu\n", r, GetLastError());
}

int main(void)
{
	info();
	units();
	runs();
	long_strings();
	bytes();
	overflow();
	errors();
	return 0;
}
