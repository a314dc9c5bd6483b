/*
 * cpgen.c — writes runtime/core/cptables.c, the single-byte code pages
 * of runtime/core/codepage.h, by asking a Windows implementation (Wine,
 * `make codepage-tables`) what it does with every byte and every UTF-16
 * code unit.  Nothing is typed in: each table is what
 * MultiByteToWideChar and WideCharToMultiByte answered.
 *
 * A page is every code page IsValidCodePage accepts whose GetCPInfo says
 * MaxCharSize 1 (UTF-7 and UTF-8 are not tables).  For each it records:
 *   - the byte -> UTF-16 table (bytes 0x80-0xff only when 0x00-0x7f are
 *     ASCII), MB_USEGLYPHCHARS' different characters, MB_COMPOSITE's
 *     decompositions and the bytes MB_ERR_INVALID_CHARS refuses;
 *   - every UTF-16 unit WideCharToMultiByte turns into a byte other than
 *     the one expected without a table (itself below 0x80 on an ASCII
 *     page, else the default character): the page's own characters and
 *     Windows' best-fit ones.
 * It then checks that the page behaves the way codepage.c computes from
 * those tables (which units set usedDefaultChar with and without
 * WC_NO_BEST_FIT_CHARS) and stops with a message on stderr if not.
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

struct page {
	UINT cp;
	CPINFOEXW info;
	WCHAR mb[256], glyph[256];
	WCHAR decomp[256][MAX_DECOMP];
	int ndecomp[256];
	unsigned char invalid[32];
	unsigned char wc[65536];
	int full, has_invalid;
};

static void die(UINT cp, const char *what, unsigned v)
{
	fprintf(stderr, "cpgen: code page %u: %s (0x%x)\n", cp, what, v);
	exit(1);
}

static WCHAR mb_one(UINT cp, DWORD flags, unsigned b, int *ok)
{
	char c = (char)b;
	WCHAR w[8];
	int n = MultiByteToWideChar(cp, flags, &c, 1, w, 8);

	*ok = n == 1;
	return n == 1 ? w[0] : 0;
}

/* The byte -> UTF-16 side of p. */
static void read_bytes(struct page *p)
{
	int ok;

	for (unsigned b = 0; b < 256; b++) {
		char c = (char)b;
		WCHAR w[8];
		int n;

		p->mb[b] = mb_one(p->cp, 0, b, &ok);
		if (!ok)
			die(p->cp, "a byte without one character", b);
		if (b < 0x80 && p->mb[b] != b)
			p->full = 1;
		p->glyph[b] = mb_one(p->cp, MB_USEGLYPHCHARS, b, &ok);
		if (!ok)
			die(p->cp, "a glyph byte without one character", b);
		mb_one(p->cp, MB_ERR_INVALID_CHARS, b, &ok);
		if (!ok) {
			if (GetLastError() != ERROR_NO_UNICODE_TRANSLATION)
				die(p->cp, "MB_ERR_INVALID_CHARS error", b);
			p->invalid[b / 8] |= (unsigned char)(1u << (b % 8));
			p->has_invalid = 1;
		}
		mb_one(p->cp, MB_ERR_INVALID_CHARS | MB_USEGLYPHCHARS, b, &ok);
		if (ok != !(p->invalid[b / 8] >> (b % 8) & 1))
			die(p->cp, "glyphs change MB_ERR_INVALID_CHARS", b);
		n = MultiByteToWideChar(p->cp, MB_COMPOSITE, &c, 1, w, 8);
		if (n < 1 || n > MAX_DECOMP)
			die(p->cp, "decomposition length", b);
		if (n > 1 || w[0] != p->mb[b]) {
			memcpy(p->decomp[b], w, (size_t)n * sizeof(WCHAR));
			p->ndecomp[b] = n;
		}
		n = MultiByteToWideChar(p->cp, MB_COMPOSITE | MB_USEGLYPHCHARS,
					&c, 1, w, 8);
		if (p->glyph[b] != p->mb[b] && (n != 1 || w[0] != p->glyph[b]))
			die(p->cp, "a glyph with a decomposition", b);
	}
}

static unsigned char wc_expected(const struct page *p, unsigned w)
{
	return !p->full && w < 0x80 ? (unsigned char)w
				    : (unsigned char)p->info.DefaultChar[0];
}

/* The UTF-16 -> byte side, and the check of usedDefaultChar against the
 * rule codepage.c applies: a unit is converted exactly when its byte
 * converts back to it; otherwise the default character is used when
 * WC_NO_BEST_FIT_CHARS is given or when the byte is the default one. */
static void read_units(struct page *p)
{
	unsigned char def = p->info.DefaultChar[0];

	for (unsigned w = 0; w < 0x10000; w++) {
		WCHAR u = (WCHAR)w;
		char c, d;
		BOOL used = 2;
		int exact, n;

		if (WideCharToMultiByte(p->cp, 0, &u, 1, &c, 1, 0, 0) != 1)
			die(p->cp, "a unit without one byte", w);
		p->wc[w] = (unsigned char)c;
		exact = p->mb[(unsigned char)c] == u;
		n = WideCharToMultiByte(p->cp, 0, &u, 1, &d, 1, 0, &used);
		if (n != 1 || used != !(exact || (unsigned char)c != def) ||
		    d != (used ? (char)def : c))
			die(p->cp, "usedDefaultChar without WC_NO_BEST_FIT_CHARS",
			    w);
		n = WideCharToMultiByte(p->cp, WC_NO_BEST_FIT_CHARS, &u, 1, &d,
					1, "\x01", &used);
		if (n != 1 || used != !exact || d != (used ? 1 : c))
			die(p->cp, "WC_NO_BEST_FIT_CHARS", w);
	}
}

static unsigned count_glyphs(const struct page *p)
{
	unsigned n = 0;

	for (unsigned b = 0; b < 256; b++)
		n += p->glyph[b] != p->mb[b];
	return n;
}

static unsigned count_decomps(const struct page *p)
{
	unsigned n = 0;

	for (unsigned b = 0; b < 256; b++)
		n += p->ndecomp[b] != 0;
	return n;
}

static unsigned count_units(const struct page *p)
{
	unsigned n = 0;

	for (unsigned w = 0; w < 0x10000; w++)
		n += p->wc[w] != wc_expected(p, w);
	return n;
}

static void print_page(const struct page *p)
{
	unsigned cp = p->cp, n;
	unsigned first = p->full ? 0 : 0x80;

	printf("\nstatic const WCHAR mb_%u[%u] = {", cp, 256 - first);
	for (unsigned b = first; b < 256; b++)
		printf("%s0x%04x,", (b - first) % 8 ? " " : "\n\t", p->mb[b]);
	printf("\n};\n");
	n = count_glyphs(p);
	if (n) {
		printf("\nstatic const struct rt_cp_glyph glyph_%u[%u] = {", cp,
		       n);
		n = 0;
		for (unsigned b = 0; b < 256; b++)
			if (p->glyph[b] != p->mb[b])
				printf("%s{0x%02x, 0x%04x},",
				       n++ % 4 ? " " : "\n\t", b, p->glyph[b]);
		printf("\n};\n");
	}
	n = count_decomps(p);
	if (n) {
		printf("\nstatic const struct rt_cp_decomp decomp_%u[%u] = {",
		       cp, n);
		for (unsigned b = 0; b < 256; b++) {
			if (!p->ndecomp[b])
				continue;
			printf("\n\t{0x%02x, %d, {", b, p->ndecomp[b]);
			for (int i = 0; i < p->ndecomp[b]; i++)
				printf("%s0x%04x", i ? ", " : "",
				       p->decomp[b][i]);
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
	printf("\nstatic const struct rt_cp_unit wc_%u[%u] = {", cp,
	       count_units(p));
	n = 0;
	for (unsigned w = 0; w < 0x10000; w++)
		if (p->wc[w] != wc_expected(p, w))
			printf("%s{0x%04x, 0x%02x},", n++ % 4 ? " " : "\n\t", w,
			       p->wc[w]);
	printf("\n};\n");
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
	printf("\t .mb = mb_%u, .wc = wc_%u, .nwc = %u", cp, cp,
	       count_units(p));
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
	static struct page pages[128];
	int n = 0;

	_setmode(_fileno(stdout), _O_BINARY);
	for (UINT cp = 1; cp < 65000; cp++) {
		CPINFOEXW info;

		if (!IsValidCodePage(cp) || !GetCPInfoExW(cp, 0, &info) ||
		    info.MaxCharSize != 1)
			continue;
		if (n == (int)(sizeof pages / sizeof pages[0]))
			die(cp, "too many code pages", n);
		memset(&pages[n], 0, sizeof pages[n]);
		pages[n].cp = cp;
		pages[n].info = info;
		read_bytes(&pages[n]);
		read_units(&pages[n]);
		n++;
	}
	printf("/*\n * cptables.c — the single-byte code pages, as Wine "
	       "converts them.\n * Generated by runtime/core/gen/cpgen.c "
	       "(make codepage-tables): do not edit.\n */\n"
	       "#include \"runtime/core/codepage.h\"\n");
	for (int i = 0; i < n; i++)
		print_page(&pages[i]);
	printf("\nconst struct rt_codepage rt_codepages[] = {\n");
	for (int i = 0; i < n; i++)
		print_entry(&pages[i]);
	printf("};\n\nconst unsigned rt_ncodepages = %d;\n", n);
	return 0;
}
