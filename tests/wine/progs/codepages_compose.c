/* codepages_compose.c — WideCharToMultiByte's WC_COMPOSITECHECK (with
 * WC_SEPCHARS, WC_DISCARDNS, WC_DEFAULTCHAR, WC_NO_BEST_FIT_CHARS, a
 * default character and usedDefaultChar) compared with Wine, then
 * MultiByteToWideChar's MB_PRECOMPOSED, MB_COMPOSITE and MB_USEGLYPHCHARS,
 * alone and together, on every byte of every table page and on chosen
 * texts.
 *
 * Which pairs compose: on code page 1252 with WC_COMPOSITECHECK |
 * WC_DEFAULTCHAR a pair that composes is one byte and one that does not
 * two, so every unit followed by each character that ends a canonical
 * decomposition (and the Hangul vowel U+1161) is tried there.  What a
 * page makes of a pair: letters, Greek, Cyrillic, kana and mathematical
 * signs followed by each combining mark, with each flag, on the main
 * pages (Latin letters and the first marks only on the others: Wine
 * takes its time).  Large outputs are printed as FNV-1a hashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#define FNV0 2166136261u

static unsigned fnv(unsigned h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

static void hex(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		printf("%02x", (unsigned char)s[i]);
}

/* The characters that end a canonical decomposition of a BMP unit. */
static const WCHAR seconds[] = {
	0x0300, 0x0301, 0x0302, 0x0303, 0x0304, 0x0306, 0x0307, 0x0308, 0x0309,
	0x030a, 0x030b, 0x030c, 0x030f, 0x0311, 0x0313, 0x0314, 0x031b, 0x0323,
	0x0324, 0x0325, 0x0326, 0x0327, 0x0328, 0x032d, 0x032e, 0x0330, 0x0331,
	0x0338, 0x0342, 0x0345, 0x0653, 0x0654, 0x0655, 0x093c, 0x09be, 0x09d7,
	0x0b3e, 0x0b56, 0x0b57, 0x0bbe, 0x0bd7, 0x0c56, 0x0cc2, 0x0cd5, 0x0cd6,
	0x0d3e, 0x0d57, 0x0dca, 0x0dcf, 0x0ddf, 0x102e, 0x1b35, 0x3099, 0x309a,
	0x1161, 0x0340, 0x0341, 0x0343, 0x0344, 0x20dd,
};

/* Every unit (surrogates aside) followed by each second character. */
static void which_pairs(void)
{
	static WCHAR w[2 * 65536];
	static char s[2 * 65536];
	unsigned h = FNV0;
	int total = 0, composed = 0;

	for (size_t k = 0; k < sizeof seconds / sizeof *seconds; k++) {
		int n = 0, r;

		for (unsigned a = 0; a < 0x10000; a++) {
			if (a >= 0xd800 && a <= 0xdfff)
				continue;
			w[n++] = (WCHAR)a;
			w[n++] = seconds[k];
		}
		r = WideCharToMultiByte(1252,
					WC_COMPOSITECHECK | WC_DEFAULTCHAR, w,
					n, s, sizeof s, "\x01", 0);
		h = fnv(h, s, r > 0 ? (size_t)r : 0);
		total += r;
		composed += n - r;
		if (seconds[k] == 0x0301 || seconds[k] == 0x0338 ||
		    seconds[k] == 0x1161 || seconds[k] == 0x3099)
			printf("pairs with %04x: %d composed\n", seconds[k],
			       n - r);
	}
	printf("pairs: %d bytes, %d composed, %08x\n", total, composed, h);
}

static const WCHAR ranges[][2] = {
	{0x003c, 0x003e}, {0x0041, 0x005a}, {0x0061, 0x007a}, {0x00a8, 0x00a8},
	{0x00c0, 0x017f}, {0x01a0, 0x01b7}, {0x01ea, 0x01eb}, {0x0226, 0x022f},
	{0x0292, 0x0292}, {0x0391, 0x03d2}, {0x0406, 0x0406}, {0x0410, 0x0456},
	{0x0474, 0x0475}, {0x04d8, 0x04e9}, {0x0627, 0x0627}, {0x1e36, 0x1e37},
	{0x1ea0, 0x1ecd}, {0x1f00, 0x1f11}, {0x2190, 0x2194}, {0x2203, 0x2208},
	{0x2260, 0x2265}, {0x3046, 0x3064}, {0x30ab, 0x30c8},
};

/* Each base followed by each combining mark (U+0300-U+0345 and the kana
 * voicing marks), then a few longer sequences; with small, Latin letters
 * and U+0300-U+030F only. */
static int build(WCHAR *w, int small)
{
	static const WCHAR tail[] = {
		'e',	0x0327, 0x0301, 'C',	0x0327, 0x0301, 0x00e9,
		0x0301, 'e',	0x0301, 0x0301, 'a',	0x0300, 0x0301,
		0x0301, 'q',	0x0301, 0x03b1, 0x0301, 0x2260, 0x0338,
		0x1100, 0x1161, 'o',	0x0308, 0x0304, 'e',	0x0301};
	int n = 0;

	for (size_t r = 0; r < (small ? 5 : sizeof ranges / sizeof *ranges);
	     r++) {
		for (unsigned a = ranges[r][0]; a <= ranges[r][1]; a++) {
			for (unsigned m = 0x0300;
			     m <= (small ? 0x030fu : 0x0347u); m++) {
				WCHAR mark = m == 0x0346 ? 0x3099
					: m == 0x0347	 ? 0x309a
							 : (WCHAR)m;

				w[n++] = (WCHAR)a;
				w[n++] = mark;
			}
		}
	}
	memcpy(w + n, tail, sizeof tail);
	return n + (int)(sizeof tail / sizeof *tail);
}

static void per_page(UINT cp, const WCHAR *w, int n)
{
	static const DWORD flags[] = {
		WC_COMPOSITECHECK,
		WC_COMPOSITECHECK | WC_SEPCHARS,
		WC_COMPOSITECHECK | WC_DISCARDNS,
		WC_COMPOSITECHECK | WC_DEFAULTCHAR,
		WC_COMPOSITECHECK | WC_DISCARDNS | WC_DEFAULTCHAR,
		WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS,
		WC_COMPOSITECHECK | WC_DISCARDNS | WC_NO_BEST_FIT_CHARS,
		WC_COMPOSITECHECK | WC_DEFAULTCHAR | WC_NO_BEST_FIT_CHARS,
		WC_COMPOSITECHECK | WC_ERR_INVALID_CHARS,
		WC_DISCARDNS,
		WC_DEFAULTCHAR,
	};
	static char s[400000];

	printf("cp %u:", cp);
	for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
		BOOL used = 5;
		int r = WideCharToMultiByte(cp, flags[f], w, n, s, sizeof s, 0,
					    0);

		printf(" %lx %d %08x", flags[f], r,
		       fnv(FNV0, s, r > 0 ? r : 0));
		if (f == 0 || f == 3 || f == 5) {
			r = WideCharToMultiByte(cp, flags[f], w, n, s, sizeof s,
						cp == 932 ? "\x81\x48" : "*",
						&used);
			printf(" def %d %d %08x", r, used,
			       fnv(FNV0, s, r > 0 ? r : 0));
		}
	}
	printf("\n");
}

static void show(const char *what, UINT cp, DWORD flags, const WCHAR *w, int n,
		 int dstlen, const char *def)
{
	char s[32];
	BOOL used = 5;
	int r;

	memset(s, '#', sizeof s);
	SetLastError(0);
	r = WideCharToMultiByte(cp, flags, w, n, dstlen ? s : 0, dstlen, def,
				def ? &used : 0);
	printf("%s: %d error %lu used %d: ", what, r, r ? 0 : GetLastError(),
	       used);
	hex(s, r > 0 && dstlen ? r : dstlen < 8 ? dstlen : 8);
	printf("\n");
}

static void cases(void)
{
	show("e U+0301", 1252, WC_COMPOSITECHECK, L"e\x0301", 2, 16, 0);
	show("a U+0304 (best fit)", 1252, WC_COMPOSITECHECK, L"a\x0304", 2, 16,
	     "*");
	show("a U+0304 no best fit", 1252,
	     WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS, L"a\x0304", 2, 16, "*");
	show("alpha U+0301 default", 1252, WC_COMPOSITECHECK | WC_DEFAULTCHAR,
	     L"\x03b1\x0301", 2, 16, "*");
	show("alpha U+0301 discard", 1252, WC_COMPOSITECHECK | WC_DISCARDNS,
	     L"\x03b1\x0301", 2, 16, 0);
	show("alpha U+0301 separate", 1252, WC_COMPOSITECHECK | WC_SEPCHARS,
	     L"\x03b1\x0301", 2, 16, 0);
	show("pair at the end", 1252, WC_COMPOSITECHECK, L"xe\x0301", 3, 16, 0);
	show("mark first", 1252, WC_COMPOSITECHECK,
	     L"\x0301"
	     L"e",
	     2, 16, 0);
	show("count", 1252, WC_COMPOSITECHECK,
	     L"e\x0301"
	     L"a\x0308",
	     4, 0, 0);
	show("-1", 1252, WC_COMPOSITECHECK, L"e\x0301", -1, 16, 0);
	for (int d = 1; d <= 3; d++) {
		char what[32];

		snprintf(what, sizeof what, "overflow %d", d);
		show(what, 1252, WC_COMPOSITECHECK,
		     L"e\x0301"
		     L"a\x0308"
		     L"b",
		     5, d, 0);
	}
	show("932 kana", 932, WC_COMPOSITECHECK, L"\x304b\x3099\x30cf\x309a", 4,
	     16, 0);
	show("932 two-byte default", 932, WC_COMPOSITECHECK | WC_DEFAULTCHAR,
	     L"\x0101\x0301", 2, 16, "\x81\x48");
	show("932 overflow two-byte", 932, WC_COMPOSITECHECK, L"\x304b\x3099",
	     2, 1, 0);
	show("1258 e U+0301", 1258, WC_COMPOSITECHECK,
	     L"e\x0301"
	     L"a\x0303",
	     4, 16, 0);
	show("UTF-8", CP_UTF8, WC_COMPOSITECHECK, L"e\x0301", 2, 16, 0);
	show("symbol", CP_SYMBOL, WC_COMPOSITECHECK, L"e\x0301", 2, 16, 0);
}

/* The table pages (codepages.c checks that they are IsValidCodePage's;
 * asking it of every number takes Wine half a minute). */
static const UINT table_pages[] = {
	37,    437,   500,   708,   720,   737,	  775,	 850,	852,   855,
	857,   860,   861,   862,   863,   864,	  865,	 866,	869,   874,
	875,   932,   936,   949,   950,   1026,  1250,	 1251,	1252,  1253,
	1254,  1255,  1256,  1257,  1258,  1361,  10000, 10001, 10002, 10003,
	10004, 10005, 10006, 10007, 10008, 10010, 10017, 10021, 10029, 10079,
	10081, 10082, 20127, 20866, 20932, 20949, 21866, 28591, 28592, 28593,
	28594, 28595, 28596, 28597, 28598, 28599, 28603, 28605,
};

/* MultiByteToWideChar's flags on chosen bytes of a few pages. */
static void mb_flags(void)
{
	static const struct {
		UINT cp;
		const char *s;
	} texts[] = {
		{1252, "a\xe9\xc5\x01\x7f\x80\x81\xe0\xff"},
		{437, "\x01\x02\x10\x1f\x7f\x82\x8e\xe0\xfe"},
		{850, "\x01\x07\x0a\x82\xb5\xd0\xf8"},
		{1258, "\xd2\xcc\xec\xe9\xc3"},
		{1253, "\xa2\xdc\xfd\xc0"},
		{1250, "\x8a\xc8\xf8\xe8"},
		{932, "\x82\xaa\x83\x94\x81\x4a\xb3\xde"},
		{936, "\xa8\xa6\xa8\xba"},
		{37, "\x42\x51\x8d"},
	};
	static const DWORD flags[] = {
		0,
		MB_PRECOMPOSED,
		MB_COMPOSITE,
		MB_USEGLYPHCHARS,
		MB_COMPOSITE | MB_USEGLYPHCHARS,
		MB_PRECOMPOSED | MB_USEGLYPHCHARS,
		MB_PRECOMPOSED | MB_COMPOSITE,
		MB_ERR_INVALID_CHARS | MB_COMPOSITE,
	};

	/* Every byte of every page with each combination, hashed. */
	for (size_t i = 0; i < sizeof table_pages / sizeof *table_pages; i++) {
		char all[256];

		for (int b = 0; b < 256; b++)
			all[b] = (char)b;
		printf("MB all bytes of %u:", table_pages[i]);
		for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
			static WCHAR w[256 * 4];
			int r = MultiByteToWideChar(table_pages[i], flags[f],
						    all, 256, w, 256 * 4);

			printf(" %d %08x", r,
			       fnv(FNV0, w, sizeof(WCHAR) * (r > 0 ? r : 0)));
		}
		printf("\n");
	}
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
			WCHAR w[64];
			int r;

			SetLastError(0);
			r = MultiByteToWideChar(texts[t].cp, flags[f],
						texts[t].s, -1, w, 64);
			printf("MB %u %lx: %d error %lu:", texts[t].cp,
			       flags[f], r, r ? 0 : GetLastError());
			for (int i = 0; i < r; i++)
				printf(" %04x", w[i]);
			printf("\n");
		}
	}
}

static int main_page(UINT cp)
{
	static const UINT pages[] = {37,   437,	  850,	 874,  932,  936,
				     949,  950,	  1250,	 1251, 1252, 1253,
				     1258, 10000, 20127, 28591};

	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++)
		if (pages[i] == cp)
			return 1;
	return 0;
}

int main(void)
{
	static WCHAR w[200000], few[20000];
	int n = build(w, 0), nfew = build(few, 1);

	which_pairs();
	cases();
	for (size_t i = 0; i < sizeof table_pages / sizeof *table_pages; i++) {
		UINT cp = table_pages[i];

		if (main_page(cp))
			per_page(cp, w, n);
		else
			per_page(cp, few, nfew);
	}
	mb_flags();
	return 0;
}
