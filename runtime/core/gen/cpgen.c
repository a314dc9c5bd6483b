/*
 * cpgen.c — writes runtime/core/cpwine.h by asking a Windows
 * implementation (Wine, `make codepage-tables`) what it does with every
 * byte, every two-byte character and every UTF-16 code unit of each code
 * page.  Nothing is typed in: each table is what MultiByteToWideChar and
 * WideCharToMultiByte answered.
 *
 * A page is every code page IsValidCodePage accepts whose GetCPInfo says
 * MaxCharSize 1 or 2 (UTF-7 and UTF-8 are not tables).  A character code
 * is a byte, or lead byte << 8 | trail byte on a double-byte page.  For
 * each page it measures:
 *   - the code -> UTF-16 table, MB_USEGLYPHCHARS' different characters,
 *     MB_COMPOSITE's decompositions and the bytes MB_ERR_INVALID_CHARS
 *     refuses;
 *   - the code WideCharToMultiByte gives each UTF-16 unit.
 * It checks that the page behaves the way codepage.c computes from those
 * tables (usedDefaultChar with and without WC_NO_BEST_FIT_CHARS, the
 * two-byte characters MB_ERR_INVALID_CHARS refuses, a lead byte without
 * its trail byte) and stops with a message on stderr if not.
 *
 * It prints what Wine's code page files do not hold: the pages, their
 * names and their decompositions, and a hash of the other tables
 * (gen/cphash.h).  cpnls.c makes those tables at build time from the
 * files and checks them against the hash.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -I. -o cpgen.exe cpgen.c
 */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "runtime/core/gen/cphash.h"

/* The longest decomposition codepage.h holds (RT_CP_MAX_DECOMP). */
#define MAX_DECOMP 3
#define NCODES	   65536

struct page {
	UINT cp;
	CPINFOEXW info;
	int dbcs, full, has_invalid;
	unsigned char lead[256];
	WCHAR mb[NCODES]; /* by code: a byte, or lead << 8 | trail */
	WCHAR glyph[256];
	unsigned char ndecomp[NCODES];
	WCHAR decomp[NCODES][MAX_DECOMP];
	unsigned char invalid[32];
	WORD wc[NCODES];       /* what each UTF-16 unit becomes */
};

static void die(UINT cp, const char *what, unsigned v)
{
	fprintf(stderr, "cpgen: code page %u: %s (0x%x)\n", cp, what, v);
	exit(1);
}

/* The bytes of code c in s; their count. */
static int code_bytes(unsigned c, char *s)
{
	if (c < 0x100) {
		s[0] = (char)c;
		return 1;
	}
	s[0] = (char)(c >> 8);
	s[1] = (char)c;
	return 2;
}

/* Converts code c with flags; the count of units, in w (8 at most). */
static int mb_code(UINT cp, DWORD flags, unsigned c, WCHAR *w)
{
	char s[2];

	return MultiByteToWideChar(cp, flags, s, code_bytes(c, s), w, 8);
}

/* Whether code c is a character of p (every byte of a single-byte page;
 * on a double-byte one, the bytes that are not lead bytes and the lead
 * bytes followed by a trail byte other than 0). */
static int is_code(const struct page *p, unsigned c)
{
	if (c < 0x100)
		return !p->lead[c];
	return p->dbcs && p->lead[c >> 8] && (c & 0xff);
}

static void read_leads(struct page *p)
{
	for (int i = 0; i < 12 && p->info.LeadByte[i]; i += 2)
		for (unsigned b = p->info.LeadByte[i];
		     b <= p->info.LeadByte[i + 1]; b++)
			p->lead[b] = 1;
}

/* A lead byte alone at the end, or before a NUL: the default Unicode
 * character, and MB_ERR_INVALID_CHARS refuses it. */
static void check_lead(const struct page *p, unsigned b)
{
	char s[2] = {(char)b, 0};
	WCHAR w[8];
	int n = MultiByteToWideChar(p->cp, 0, s, 1, w, 8);

	if (n != 1 || w[0] != p->info.UnicodeDefaultChar)
		die(p->cp, "a lone lead byte", b);
	n = MultiByteToWideChar(p->cp, 0, s, 2, w, 8);
	if (n != 2 || w[0] != p->info.UnicodeDefaultChar || w[1] != 0)
		die(p->cp, "a lead byte before NUL", b);
	if (MultiByteToWideChar(p->cp, MB_ERR_INVALID_CHARS, s, 1, w, 8) ||
	    MultiByteToWideChar(p->cp, MB_ERR_INVALID_CHARS, s, 2, w, 8))
		die(p->cp, "MB_ERR_INVALID_CHARS takes a lone lead byte", b);
}

/* One code: its character, glyph, decomposition, validity. */
static void read_code(struct page *p, unsigned c)
{
	WCHAR w[8];
	int n = mb_code(p->cp, 0, c, w);

	if (n != 1)
		die(p->cp, "a code without one character", c);
	p->mb[c] = w[0];
	if (c < 0x80 && w[0] != c)
		p->full = 1;
	n = mb_code(p->cp, MB_USEGLYPHCHARS, c, w);
	if (n != 1 || (c >= 0x100 && w[0] != p->mb[c]))
		die(p->cp, "a glyph", c);
	if (c < 0x100)
		p->glyph[c] = w[0];
	n = mb_code(p->cp, MB_ERR_INVALID_CHARS, c, w);
	if (c < 0x100 && !n) {
		if (GetLastError() != ERROR_NO_UNICODE_TRANSLATION)
			die(p->cp, "MB_ERR_INVALID_CHARS error", c);
		p->invalid[c / 8] |= (unsigned char)(1u << (c % 8));
		p->has_invalid = 1;
	}
	if (c < 0x100 &&
	    !mb_code(p->cp, MB_ERR_INVALID_CHARS | MB_USEGLYPHCHARS, c, w) !=
		    !n)
		die(p->cp, "glyphs change MB_ERR_INVALID_CHARS", c);
	n = mb_code(p->cp, MB_COMPOSITE, c, w);
	if (n < 1 || n > MAX_DECOMP)
		die(p->cp, "decomposition length", c);
	if (n > 1 || w[0] != p->mb[c]) {
		memcpy(p->decomp[c], w, (size_t)n * sizeof(WCHAR));
		p->ndecomp[c] = (unsigned char)n;
	}
	if (c < 0x100 && p->glyph[c] != p->mb[c]) {
		n = mb_code(p->cp, MB_COMPOSITE | MB_USEGLYPHCHARS, c, w);
		if (n != 1 || w[0] != p->glyph[c])
			die(p->cp, "a glyph with a decomposition", c);
	}
}

static void read_codes(struct page *p)
{
	for (unsigned c = 0; c < NCODES; c++) {
		if (c < 0x100 && p->lead[c]) {
			check_lead(p, c);
			p->mb[c] = p->glyph[c] = p->info.UnicodeDefaultChar;
		} else if (is_code(p, c)) {
			read_code(p, c);
		}
	}
}

/* The UTF-16 -> code side, and the checks of usedDefaultChar against
 * the rule codepage.c applies: a unit is converted exactly when its code
 * converts back to it; otherwise the default character is used when
 * WC_NO_BEST_FIT_CHARS is given or when the code is the default one. */
static void read_units(struct page *p)
{
	unsigned def = p->info.DefaultChar[0];

	for (unsigned w = 0; w < 0x10000; w++) {
		WCHAR u = (WCHAR)w;
		unsigned char s[2], d[2];
		BOOL used = 2;
		int exact, n = WideCharToMultiByte(p->cp, 0, &u, 1, (char *)s,
						   2, 0, 0);
		unsigned c = n == 2 ? (unsigned)s[0] << 8 | s[1] : s[0];

		if (n < 1 || n > 1 + p->dbcs || !is_code(p, c))
			die(p->cp, "a unit without one code", w);
		p->wc[w] = (WORD)c;
		exact = p->mb[c] == u;
		n = WideCharToMultiByte(p->cp, 0, &u, 1, (char *)d, 2, 0, &used);
		if (used != !(exact || c != def) ||
		    n != (used ? 1 : 1 + (c > 0xff)) || d[0] != (used ? def : s[0]))
			die(p->cp, "usedDefaultChar without WC_NO_BEST_FIT_CHARS",
			    w);
		n = WideCharToMultiByte(p->cp, WC_NO_BEST_FIT_CHARS, &u, 1,
					(char *)d, 2, "\x01", &used);
		if (used != !exact || n != (used ? 1 : 1 + (c > 0xff)) ||
		    d[0] != (used ? 1 : s[0]))
			die(p->cp, "WC_NO_BEST_FIT_CHARS", w);
	}
	/* MB_ERR_INVALID_CHARS refuses a two-byte code that converts to the
	 * default Unicode character, unless it is that character's own. */
	for (unsigned c = 0x100; p->dbcs && c < NCODES; c++) {
		WCHAR w[8];
		int bad;

		if (!is_code(p, c))
			continue;
		bad = !mb_code(p->cp, MB_ERR_INVALID_CHARS, c, w);
		if (bad != (p->mb[c] == p->info.UnicodeDefaultChar &&
			    c != p->wc[p->info.UnicodeDefaultChar]))
			die(p->cp, "MB_ERR_INVALID_CHARS on two bytes", c);
	}
}

static unsigned count_decomps(const struct page *p)
{
	unsigned n = 0;

	for (unsigned c = 0; c < NCODES; c++)
		n += p->ndecomp[c] != 0;
	return n;
}

static void print_decomps(const struct page *p)
{
	unsigned n = count_decomps(p);

	if (!n)
		return;
	printf("\nstatic const struct rt_cp_decomp decomp_%u[%u] = {", p->cp, n);
	for (unsigned c = 0; c < NCODES; c++) {
		if (!p->ndecomp[c])
			continue;
		printf("\n\t{0x%02x, %d, {", c, p->ndecomp[c]);
		for (int i = 0; i < p->ndecomp[c]; i++)
			printf("%s0x%04x", i ? ", " : "", p->decomp[c][i]);
		printf("}},");
	}
	printf("\n};\n");
}

static void print_entry(const struct page *p)
{
	char name[MAX_PATH];
	unsigned long long h = cp_hash_page(
		p->info.DefaultChar[0], p->info.UnicodeDefaultChar,
		(unsigned)p->full, p->info.LeadByte, p->mb, p->glyph,
		p->invalid, p->wc);

	WideCharToMultiByte(CP_UTF8, 0, p->info.CodePageName, -1, name,
			    sizeof name, 0, 0);
	printf(" \\\n\tX(%u, \"%s\", %u, 0x%016llxull)", p->cp, name,
	       count_decomps(p), h);
}

int main(void)
{
	static struct page *pages[128];
	int n = 0;

	_setmode(_fileno(stdout), _O_BINARY);
	printf("/*\n"
	       " * cpwine.h — what cpgen.c measured under Wine that Wine's "
	       "code page\n"
	       " * files do not hold, for cpnls.c, which makes the rest of "
	       "the tables from\n"
	       " * those files at build time: the pages (every one "
	       "IsValidCodePage accepts\n"
	       " * with characters of one or two bytes), GetCPInfoEx's "
	       "names,\n"
	       " * MB_COMPOSITE's decompositions, and a hash of every other "
	       "table of each\n"
	       " * page (gen/cphash.h) that cpnls.c checks its own against.\n"
	       " * Generated by runtime/core/gen/cpgen.c (make "
	       "codepage-tables): do not edit.\n"
	       " */\n"
	       "#ifndef DLLSHARE_RT_CPWINE_H\n"
	       "#define DLLSHARE_RT_CPWINE_H\n\n"
	       "#include \"runtime/core/codepage.h\"\n");
	for (UINT cp = 1; cp < 65000; cp++) {
		CPINFOEXW info;
		struct page *p;

		if (!IsValidCodePage(cp) || !GetCPInfoExW(cp, 0, &info) ||
		    info.MaxCharSize > 2)
			continue;
		if (n == (int)(sizeof pages / sizeof pages[0]))
			die(cp, "too many code pages", n);
		p = pages[n++] = calloc(1, sizeof(*p));
		if (!p)
			die(cp, "out of memory", 0);
		p->cp = cp;
		p->info = info;
		p->dbcs = info.MaxCharSize == 2;
		read_leads(p);
		read_codes(p);
		read_units(p);
		print_decomps(p);
	}
	printf("\n/* X(page, name, decompositions, hash) */\n"
	       "#define RT_CP_WINE_PAGES");
	for (int i = 0; i < n; i++)
		print_entry(pages[i]);
	printf("\n\n#endif\n");
	return 0;
}
