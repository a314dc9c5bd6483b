/*
 * cpgen.c — writes runtime/core/cptables.c, the code page tables of
 * runtime/core/codepage.h, by asking a Windows implementation (Wine,
 * `make codepage-tables`) what it does with every byte, every two-byte
 * character and every UTF-16 code unit.  Nothing is typed in: each table
 * is what MultiByteToWideChar and WideCharToMultiByte answered.
 *
 * A page is every code page IsValidCodePage accepts whose GetCPInfo says
 * MaxCharSize 1 or 2 (UTF-7 and UTF-8 are not tables).  A character code
 * is a byte, or lead byte << 8 | trail byte on a double-byte page.  For
 * each page it records:
 *   - the code -> UTF-16 table: bytes 0x80-0xff only when 0x00-0x7f are
 *     ASCII, and the 256 trail bytes of each lead byte; MB_USEGLYPHCHARS'
 *     different characters, MB_COMPOSITE's decompositions and the bytes
 *     MB_ERR_INVALID_CHARS refuses;
 *   - the UTF-16 units WideCharToMultiByte turns into a code other than
 *     the one codepage.c expects without a list.  On a single-byte page
 *     that is itself below 0x80 on an ASCII page, else the default
 *     character: the list holds the page's own characters and Windows'
 *     best-fit ones.  On a double-byte page it is the lowest code that
 *     converts to the unit, else the default character: the list holds
 *     the best-fit characters and the choices among duplicates.
 * It then checks that the page behaves the way codepage.c computes from
 * those tables (usedDefaultChar with and without WC_NO_BEST_FIT_CHARS,
 * the two-byte characters MB_ERR_INVALID_CHARS refuses, a lead byte
 * without its trail byte) and stops with a message on stderr if not.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -o cpgen.exe cpgen.c
 */
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

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
	WORD expected[NCODES]; /* what codepage.c finds without a list */
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

/* The code codepage.c finds for each unit without the page's list: on
 * a double-byte page the lowest code that converts to it (the inverse
 * of the code -> UTF-16 table), else the default character. */
static void find_expected(struct page *p)
{
	for (unsigned w = 0; w < 0x10000; w++)
		p->expected[w] = !p->dbcs && !p->full && w < 0x80
					 ? (WORD)w
					 : p->info.DefaultChar[0];
	for (unsigned c = NCODES; p->dbcs && c-- > 0;)
		if (is_code(p, c))
			p->expected[p->mb[c]] = (WORD)c;
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

static unsigned count_glyphs(const struct page *p)
{
	unsigned n = 0;

	for (unsigned b = 0; b < 256; b++)
		n += !p->lead[b] && p->glyph[b] != p->mb[b];
	return n;
}

static unsigned count_decomps(const struct page *p)
{
	unsigned n = 0;

	for (unsigned c = 0; c < NCODES; c++)
		n += p->ndecomp[c] != 0;
	return n;
}

static unsigned count_units(const struct page *p)
{
	unsigned n = 0;

	for (unsigned w = 0; w < 0x10000; w++)
		n += p->wc[w] != p->expected[w];
	return n;
}

static void print_words(const WCHAR *w, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		printf("%s0x%04x,", i % 8 ? " " : "\n\t", w[i]);
	printf("\n};\n");
}

static void print_rows(const struct page *p)
{
	unsigned cp = p->cp;

	for (unsigned b = 0; b < 256; b++) {
		if (!p->lead[b])
			continue;
		printf("\nstatic const WCHAR mb_%u_%02x[256] = {", cp, b);
		print_words(p->mb + (b << 8), 256);
	}
	printf("\nstatic const WCHAR *const rows_%u[256] = {\n", cp);
	for (unsigned b = 0; b < 256; b++)
		if (p->lead[b])
			printf("\t[0x%02x] = mb_%u_%02x,\n", b, cp, b);
	printf("};\n\nstatic struct rt_cp_rev rev_%u;\n", cp);
}

static void print_page(const struct page *p)
{
	unsigned cp = p->cp, n;
	unsigned first = p->full ? 0 : 0x80;

	printf("\nstatic const WCHAR mb_%u[%u] = {", cp, 256 - first);
	print_words(p->mb + first, 256 - first);
	if (p->dbcs)
		print_rows(p);
	if ((n = count_glyphs(p))) {
		printf("\nstatic const struct rt_cp_glyph glyph_%u[%u] = {", cp,
		       n);
		n = 0;
		for (unsigned b = 0; b < 256; b++)
			if (!p->lead[b] && p->glyph[b] != p->mb[b])
				printf("%s{0x%02x, 0x%04x},",
				       n++ % 4 ? " " : "\n\t", b, p->glyph[b]);
		printf("\n};\n");
	}
	if ((n = count_decomps(p))) {
		printf("\nstatic const struct rt_cp_decomp decomp_%u[%u] = {",
		       cp, n);
		for (unsigned c = 0; c < NCODES; c++) {
			if (!p->ndecomp[c])
				continue;
			printf("\n\t{0x%02x, %d, {", c, p->ndecomp[c]);
			for (int i = 0; i < p->ndecomp[c]; i++)
				printf("%s0x%04x", i ? ", " : "",
				       p->decomp[c][i]);
			printf("}},");
		}
		printf("\n};\n");
	}
	if (p->has_invalid) {
		printf("\nstatic const unsigned char invalid_%u[32] = {", cp);
		for (unsigned i = 0; i < 32; i++)
			printf("%s0x%02x,", i % 8 ? " " : "\n\t",
			       p->invalid[i]);
		printf("\n};\n");
	}
	if ((n = count_units(p))) {
		printf("\nstatic const struct rt_cp_unit wc_%u[%u] = {", cp, n);
		n = 0;
		for (unsigned w = 0; w < 0x10000; w++)
			if (p->wc[w] != p->expected[w])
				printf("%s{0x%04x, 0x%02x},",
				       n++ % 4 ? " " : "\n\t", w, p->wc[w]);
		printf("\n};\n");
	}
}

static void print_entry(const struct page *p)
{
	char name[MAX_PATH];
	unsigned cp = p->cp;

	WideCharToMultiByte(CP_UTF8, 0, p->info.CodePageName, -1, name,
			    sizeof name, 0, 0);
	printf("\t{.cp = %u, .name = \"%s\",\n", cp, name);
	printf("\t .defchar = 0x%02x, .unidef = 0x%04x, .full = %d,\n",
	       p->info.DefaultChar[0], p->info.UnicodeDefaultChar, p->full);
	printf("\t .mb = mb_%u", cp);
	if (count_units(p))
		printf(", .wc = wc_%u, .nwc = %u", cp, count_units(p));
	if (p->dbcs) {
		printf(",\n\t .leads = {");
		for (int i = 0; i < 12 && p->info.LeadByte[i]; i++)
			printf("%s0x%02x", i ? ", " : "", p->info.LeadByte[i]);
		printf("},\n\t .rows = rows_%u, .rev = &rev_%u", cp, cp);
	}
	if (count_glyphs(p))
		printf(",\n\t .glyph = glyph_%u, .nglyph = %u", cp,
		       count_glyphs(p));
	if (count_decomps(p))
		printf(",\n\t .decomp = decomp_%u, .ndecomp = %u", cp,
		       count_decomps(p));
	if (p->has_invalid)
		printf(",\n\t .invalid = invalid_%u", cp);
	printf("},\n");
}

int main(void)
{
	static struct page *pages[128];
	int n = 0;

	_setmode(_fileno(stdout), _O_BINARY);
	printf("/*\n * cptables.c — the code pages, as Wine converts them.\n"
	       " * Generated by runtime/core/gen/cpgen.c (make "
	       "codepage-tables): do not edit.\n */\n"
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
		find_expected(p);
		print_page(p);
	}
	printf("\nconst struct rt_codepage rt_codepages[] = {\n");
	for (int i = 0; i < n; i++)
		print_entry(pages[i]);
	printf("};\n\nconst unsigned rt_ncodepages = %d;\n", n);
	return 0;
}
