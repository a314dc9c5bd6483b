/*
 * cpnls.c — writes the code page tables of runtime/core/codepage.h
 * (build/gen/cptables.c) at build time from Wine's code page files
 * (c_NNN.nls in /usr/share/wine/nls, the wine package's data: the tables
 * Wine's own conversions read).  A native program:
 *
 *   cpnls NLSDIR > cptables.c
 *
 * The pages, their names and their MB_COMPOSITE decompositions come from
 * runtime/core/cpwine.h, which cpgen.c measured under Wine (`make
 * codepage-tables`), with a hash of every table it measured (gen/cphash.h).
 * This program computes the same tables from the files, the way Wine's
 * kernelbase reads them, checks the hash and prints them; a page whose
 * file is missing, malformed or different stops the build with a message
 * naming the file.
 *
 * A code page file is 16-bit words (little-endian): a header (its length
 * in words, the page, the longest character, the default byte, the
 * default Unicode character, the byte and the character a missing one
 * becomes, 12 lead-byte bounds), then the word offset of the UTF-16 table,
 * the 256 characters of the bytes, a glyph flag followed by 256 glyphs
 * when set, the count of lead-byte ranges followed, when not 0, by 256
 * row offsets and the rows of 256 characters, and at the offset the
 * UTF-16 -> code table (bytes on a single-byte page, words on a
 * double-byte one).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/core/codepage.h"
#include "runtime/core/cpwine.h"
#include "runtime/core/gen/cphash.h"

#define NCODES 65536

struct page {
	unsigned cp;
	const char *name;
	unsigned ndecomp;
	uint64_t hash;
	unsigned defchar, unidef, full, dbcs, has_invalid;
	unsigned char leads[12], lead[256];
	uint16_t mb[NCODES], glyph[256], wc[NCODES], expected[NCODES];
	unsigned char invalid[32];
};

/* The file's words, and its name for messages. */
struct nls {
	const char *path;
	uint16_t *w;
	size_t n;
};

static void die(const char *path, const char *what)
{
	fprintf(stderr, "cpnls: %s: %s\n", path, what);
	exit(1);
}

static void read_file(struct nls *f)
{
	FILE *fp = fopen(f->path, "rb");
	unsigned char *b;
	long len;

	if (!fp)
		die(f->path, strerror(errno));
	if (fseek(fp, 0, SEEK_END) || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET))
		die(f->path, "cannot find its size");
	if (len < 2 || len % 2 || !(b = malloc((size_t)len)))
		die(f->path, "not a code page file (odd or empty)");
	if (fread(b, 1, (size_t)len, fp) != (size_t)len)
		die(f->path, "short read");
	fclose(fp);
	f->n = (size_t)len / 2;
	f->w = malloc(f->n * sizeof(uint16_t));
	if (!f->w)
		die(f->path, "out of memory");
	for (size_t i = 0; i < f->n; i++)
		f->w[i] = (uint16_t)(b[2 * i] | b[2 * i + 1] << 8);
	free(b);
}

/* Words [at, at+n) of the file, or a stop naming what was cut short. */
static const uint16_t *words(const struct nls *f, size_t at, size_t n,
			     const char *what)
{
	if (at > f->n || n > f->n - at) {
		fprintf(stderr, "cpnls: %s: %s lies past the end\n", f->path,
			what);
		exit(1);
	}
	return f->w + at;
}

static int is_code(const struct page *p, unsigned c)
{
	if (c < 0x100)
		return !p->lead[c];
	return p->dbcs && p->lead[c >> 8] && (c & 0xff);
}

static int private_use(unsigned wc)
{
	return wc >= 0xe000 && wc <= 0xf8ff;
}

static void read_header(struct page *p, const struct nls *f)
{
	const uint16_t *h = words(f, 0, 13, "the header");

	if (h[0] < 13 || h[1] != p->cp || (h[2] != 1 && h[2] != 2))
		die(f->path, "header is not this page's");
	p->dbcs = h[2] == 2;
	p->defchar = h[3] & 0xff;
	p->unidef = h[4];
	for (int i = 0; i < 12; i += 2) {
		p->leads[i] = (unsigned char)h[7 + i / 2];
		p->leads[i + 1] = (unsigned char)(h[7 + i / 2] >> 8);
	}
	for (int i = 0; i < 12 && p->leads[i]; i += 2)
		for (unsigned b = p->leads[i]; b <= p->leads[i + 1]; b++)
			p->lead[b] = 1;
}

/* Bytes the page leaves undefined (its default character, unless the
 * byte is the code the default character becomes, or a private-use
 * character) are refused by MB_ERR_INVALID_CHARS. */
static void mark_invalid(struct page *p, unsigned defcode)
{
	for (unsigned b = 0; b < 256; b++) {
		if (p->lead[b])
			continue;
		if ((p->mb[b] == p->unidef && b != defcode) ||
		    private_use(p->mb[b])) {
			p->invalid[b / 8] |= (unsigned char)(1u << (b % 8));
			p->has_invalid = 1;
		}
	}
}

static void read_tables(struct page *p, const struct nls *f)
{
	size_t at = f->w[0];
	size_t wc_at = at + *words(f, at, 1, "the table offset") + 1;
	const uint16_t *mb = words(f, at + 1, 256, "the byte table");
	const uint16_t *glyph = NULL;
	size_t ranges;

	at += 1 + 256;
	if (*words(f, at++, 1, "the glyph flag"))
		glyph = words(f, (at += 256) - 256, 256, "the glyph table");
	ranges = *words(f, at++, 1, "the lead byte ranges");
	if (!ranges != !p->dbcs)
		die(f->path, "lead byte ranges on a single-byte page");
	for (unsigned b = 0; b < 256; b++)
		p->mb[b] = p->glyph[b] = p->lead[b] ? p->unidef : mb[b];
	for (unsigned b = 0; glyph && b < 256; b++)
		if (!p->lead[b])
			p->glyph[b] = glyph[b];
	for (unsigned b = 0; ranges && b < 256; b++) {
		const uint16_t *off = words(f, at, 256, "the row offsets");
		const uint16_t *row;

		if (!p->lead[b])
			continue;
		if (!off[b])
			die(f->path, "a lead byte without its row");
		row = words(f, at + off[b], 256, "a row");
		for (unsigned t = 1; t < 256; t++)
			p->mb[b << 8 | t] = row[t];
	}
	if (p->dbcs) {
		const uint16_t *wc = words(f, wc_at, NCODES, "the UTF-16 table");

		memcpy(p->wc, wc, sizeof p->wc);
	} else {
		const uint16_t *wc =
			words(f, wc_at, NCODES / 2, "the UTF-16 table");

		for (unsigned w = 0; w < NCODES; w++)
			p->wc[w] = (uint16_t)(wc[w / 2] >> (w % 2 * 8) & 0xff);
	}
	for (unsigned w = 0; w < NCODES; w++)
		if (!is_code(p, p->wc[w]))
			die(f->path, "a UTF-16 unit becomes no character");
	for (unsigned c = 0; c < 0x80; c++)
		if (!p->lead[c] && p->mb[c] != c)
			p->full = 1;
	mark_invalid(p, f->w[6]);
}

/* The code codepage.c finds without the list (as cpgen.c says). */
static void find_expected(struct page *p)
{
	for (unsigned w = 0; w < NCODES; w++)
		p->expected[w] = !p->dbcs && !p->full && w < 0x80
					 ? (uint16_t)w
					 : (uint16_t)p->defchar;
	for (unsigned c = NCODES; p->dbcs && c-- > 0;)
		if (is_code(p, c))
			p->expected[p->mb[c]] = (uint16_t)c;
}

static void read_page(struct page *p, const char *dir)
{
	char path[4096];
	struct nls f = {.path = path};
	uint64_t h;

	snprintf(path, sizeof path, "%s/c_%03u.nls", dir, p->cp);
	read_file(&f);
	read_header(p, &f);
	read_tables(p, &f);
	find_expected(p);
	h = cp_hash_page(p->defchar, p->unidef, p->full, p->leads, p->mb,
			 p->glyph, p->invalid, p->wc);
	if (h != p->hash) {
		fprintf(stderr,
			"cpnls: %s: not the tables measured under Wine "
			"(runtime/core/cpwine.h): a different Wine's files? "
			"`make codepage-tables` measures them again\n",
			path);
		exit(1);
	}
	free(f.w);
}

static void print_words(const uint16_t *w, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		printf("%s0x%04x,", i % 8 ? " " : "\n\t", w[i]);
	printf("\n");
}

static unsigned count_glyphs(const struct page *p)
{
	unsigned n = 0;

	for (unsigned b = 0; b < 256; b++)
		n += !p->lead[b] && p->glyph[b] != p->mb[b];
	return n;
}

static unsigned count_units(const struct page *p)
{
	unsigned n = 0;

	for (unsigned w = 0; w < NCODES; w++)
		n += p->wc[w] != p->expected[w];
	return n;
}

/* The tables of all pages, each kind in one array that a page's entry
 * indexes (no pointer in them: a static-pie start would relocate each,
 * dirtying its page).  Where a page's part starts is kept in struct at. */
struct at {
	unsigned mb, dbcs, wc, glyph, invalid;
};

static void print_tables(const struct page *p, unsigned n, struct at *at)
{
	unsigned k = 0, row = 0;

	printf("\nconst WCHAR rt_cp_mb[] = {");
	for (unsigned i = 0; i < n; i++) {
		unsigned first = p[i].full ? 0 : 0x80;

		at[i].mb = k;
		printf("\n\t/* %u */", p[i].cp);
		print_words(p[i].mb + first, 256 - first);
		k += 256 - first;
	}
	printf("};\n\nconst WCHAR rt_cp_rows[][256] = {");
	for (unsigned i = 0; i < n; i++)
		for (unsigned b = 0; p[i].dbcs && b < 256; b++)
			if (p[i].lead[b]) {
				printf("\n\t/* %u: %u, 0x%02x */ {", row++,
				       p[i].cp, b);
				print_words(p[i].mb + (b << 8), 256);
				printf("\t},");
			}
	printf("\n};\n\nconst WORD rt_cp_lead_rows[][256] = {\n");
	k = row = 0;
	for (unsigned i = 0; i < n; i++) {
		if (!p[i].dbcs)
			continue;
		at[i].dbcs = ++k;
		printf("\t{ /* %u */\n", p[i].cp);
		for (unsigned b = 0; b < 256; b++)
			if (p[i].lead[b])
				printf("\t\t[0x%02x] = %u,\n", b, ++row);
		printf("\t},\n");
	}
	printf("};\n\nstruct rt_cp_rev rt_cp_revs[%u] LD_LARGE_BSS;\n", k);
	printf("\nconst struct rt_cp_unit rt_cp_units[] = {");
	k = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned m = 0;

		at[i].wc = k;
		if (!count_units(&p[i]))
			continue;
		printf("\n\t/* %u */", p[i].cp);
		for (unsigned w = 0; w < NCODES; w++)
			if (p[i].wc[w] != p[i].expected[w])
				printf("%s{0x%04x, 0x%02x},",
				       m++ % 4 ? " " : "\n\t", w, p[i].wc[w]);
		k += m;
	}
	printf("\n};\n\nconst struct rt_cp_glyph rt_cp_glyphs[] = {");
	k = 0;
	for (unsigned i = 0; i < n; i++) {
		unsigned m = 0;

		at[i].glyph = k;
		if (!count_glyphs(&p[i]))
			continue;
		printf("\n\t/* %u */", p[i].cp);
		for (unsigned b = 0; b < 256; b++)
			if (!p[i].lead[b] && p[i].glyph[b] != p[i].mb[b])
				printf("%s{0x%02x, 0x%04x},",
				       m++ % 4 ? " " : "\n\t", b,
				       p[i].glyph[b]);
		k += m;
	}
	printf("\n};\n\nconst unsigned char rt_cp_invalid_bits[][32] = {\n");
	k = 0;
	for (unsigned i = 0; i < n; i++) {
		if (!p[i].has_invalid)
			continue;
		at[i].invalid = ++k;
		printf("\t{ /* %u */", p[i].cp);
		for (unsigned b = 0; b < 32; b++)
			printf("%s0x%02x,", b % 8 ? " " : "\n\t\t",
			       p[i].invalid[b]);
		printf("\n\t},\n");
	}
	/* The decompositions are cpwine.h's arrays: a switch reaches them
	 * without a table of pointers. */
	printf("};\n\nconst struct rt_cp_decomp *rt_cp_decomps("
	       "const struct rt_codepage *p)\n{\n\tswitch (p->cp) {\n");
	for (unsigned i = 0; i < n; i++)
		if (p[i].ndecomp)
			printf("\tcase %u:\n\t\treturn decomp_%u;\n", p[i].cp,
			       p[i].cp);
	printf("\t}\n\treturn 0;\n}\n");
}

static void print_entry(const struct page *p, const struct at *at)
{
	unsigned cp = p->cp;

	printf("\t{.cp = %u, .name = \"%s\",\n", cp, p->name);
	printf("\t .defchar = 0x%02x, .unidef = 0x%04x, .full = %u,\n",
	       p->defchar, p->unidef, p->full);
	printf("\t .mb = %u", at->mb);
	if (count_units(p))
		printf(", .wc = %u, .nwc = %u", at->wc, count_units(p));
	if (p->dbcs) {
		printf(",\n\t .leads = {");
		for (int i = 0; i < 12 && p->leads[i]; i++)
			printf("%s0x%02x", i ? ", " : "", p->leads[i]);
		printf("},\n\t .dbcs = %u", at->dbcs);
	}
	if (count_glyphs(p))
		printf(",\n\t .glyph = %u, .nglyph = %u", at->glyph,
		       count_glyphs(p));
	if (p->ndecomp)
		printf(",\n\t .ndecomp = %u", p->ndecomp);
	if (p->has_invalid)
		printf(",\n\t .invalid = %u", at->invalid);
	printf("},\n");
}

static const struct {
	unsigned cp;
	const char *name;
	unsigned ndecomp;
	uint64_t hash;
} pages[] = {
#define X(cp, name, ndecomp, hash) {cp, name, ndecomp, hash},
	RT_CP_WINE_PAGES
#undef X
};

int main(int argc, char **argv)
{
	unsigned n = sizeof pages / sizeof pages[0];
	struct page *p;
	struct at *at;

	if (argc != 2) {
		fprintf(stderr, "usage: cpnls NLSDIR > cptables.c\n");
		return 2;
	}
	printf("/*\n * cptables.c — the code pages, from Wine's code page "
	       "files (%s).\n"
	       " * Generated at build time by runtime/core/gen/cpnls.c: do "
	       "not edit.\n */\n"
	       "#include \"loader/ld.h\"\n"
	       "#include \"runtime/core/codepage.h\"\n"
	       "#include \"runtime/core/cpwine.h\"\n",
	       argv[1]);
	p = malloc(n * sizeof(*p));
	at = calloc(n, sizeof(*at));
	if (!p || !at)
		die(argv[1], "out of memory");
	for (unsigned i = 0; i < n; i++) {
		memset(&p[i], 0, sizeof p[i]);
		p[i].cp = pages[i].cp;
		p[i].name = pages[i].name;
		p[i].ndecomp = pages[i].ndecomp;
		p[i].hash = pages[i].hash;
		read_page(&p[i], argv[1]);
	}
	print_tables(p, n, at);
	printf("\nconst struct rt_codepage rt_codepages[] = {\n");
	for (unsigned i = 0; i < n; i++)
		print_entry(&p[i], &at[i]);
	printf("};\n\nconst unsigned rt_ncodepages = %u;\n", n);
	free(at);
	free(p);
	return 0;
}
