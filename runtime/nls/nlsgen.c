/*
 * nlsgen.c — measures what Windows does in each locale of the runtime's
 * table and prints it as C.  A Windows program: regen.sh builds it with
 * mingw-w64 and runs it under Wine, the reference.
 *
 *   nlsgen locales  runtime/msvcrt/locale_data.h: what msvcrt.dll's
 *                   locale objects hold (threadlocinfo as msvcrt lays it
 *                   out, its __lc_time_data, whose layout mingw's headers
 *                   do not give) and the names setlocale matches against;
 *                   the classes and case maps of the bytes, which
 *                   follow the locale's ANSI code page, are checked to be
 *                   the same in each locale of a page and printed once
 *                   for each page (1250, 1251, 1252, 1253, 1254).
 *   nlsgen wide     runtime/msvcrt/wctype_data.h: where iswctype's
 *                   classes are not kernel32's CT_CTYPE1 (less
 *                   C1_DEFINED, below U+0100; checked to be nowhere
 *                   else), towupper's and towlower's maps.
 *   nlsgen sort     runtime/kernel32/sortkey_data.h: each character's
 *                   weights in LCMapStringW(LCMAP_SORTKEY) keys, taken
 *                   apart from the keys of short strings, then checked:
 *                   keys composed from them must equal Wine's for
 *                   thousands of random strings in every locale and with
 *                   every flag the runtime accepts.
 *   nlsgen info     runtime/kernel32/nls_data.h: what GetLocaleInfoW
 *                   answers in each locale of the table for every LCTYPE
 *                   Wine knows (the LCTYPEs 1-0x1ff and 0x1000-0x11ff are
 *                   tried; the ones no locale answers are left out), with
 *                   LOCALE_RETURN_NUMBER and LOCALE_RETURN_GENITIVE_NAMES
 *                   where they change the answer, the LCTYPEs
 *                   GetLocaleInfoA fails, and the era that
 *                   GetDateFormatW's "g" writes.
 *   nlsgen ctype    runtime/kernel32/ctype_data.h: GetStringTypeW's
 *                   CT_CTYPE1, CT_CTYPE2 and CT_CTYPE3 of every UTF-16
 *                   unit, as runs (msvcrt's iswctype reads CT_CTYPE1:
 *                   see nlsgen wide).
 */
#include <ctype.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include <windows.h>

/* msvcrt's __lc_time_data (x64, msvcrt.dll). */
struct lc_time {
	const char *str[43];
	LCID lcid;
	int unk;
	LONG refcount;
	const WCHAR *wstr[43];
};

static const char *const names[] = {
	"English_United States.1252", "English_United Kingdom.1252",
	"German_Germany.1252",	      "French_France.1252",
	"Portuguese_Brazil.1252",     "Portuguese_Portugal.1252",
	"Spanish_Spain.1252",	      "Italian_Italy.1252",
	"Dutch_Netherlands.1252",     "Swedish_Sweden.1252",
	"Danish_Denmark.1252",	      "Norwegian Bokm\345l_Norway.1252",
	"Finnish_Finland.1252",	      "Russian_Russia.1251",
	"Polish_Poland.1250",	      "Czech_Czechia.1250",
	"Greek_Greece.1253",	      "Turkish_Turkey.1254",
};
#define NLOC (sizeof(names) / sizeof(names[0]))
/* Only the first NSORT have sort weights (nlsgen sort measures
 * Windows-1252's characters; kernel32 refuses the others' LCIDs). */
#define NSORT 9

/* What made the tables, for their first line (regen.sh: `wine
 * --version`). */
static const char *wine_version = "?";

static void fail(const char *what, const char *loc)
{
	fprintf(stderr, "nlsgen: %s: %s\n", loc, what);
	exit(1);
}

/* The sizes of the char arrays of msvcrt's struct locale_def
 * (runtime/msvcrt/locale.c), which holds its strings inline so that the
 * table holds no pointer to relocate: LOC_NAME for the names of the
 * language and the country, LOC_TIME for LC_TIME's strings, LOC_CODE for
 * the others. */
#define LOC_NAME 24
#define LOC_CODE 8
#define LOC_TIME 32

/* A C string literal for a char array of size units: octal escapes above
 * 126 (no run-on digits). */
static void cstr(const char *s, size_t size)
{
	if (strlen(s) >= size)
		fail("a string longer than its array in struct locale_def", s);
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 32 || *p > 126)
			printf("\\%03o", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void info(LCID lcid, LCTYPE t, char *buf, int n, const char *loc)
{
	if (!GetLocaleInfoA(lcid, t | LOCALE_NOUSEROVERRIDE, buf, n))
		fail("GetLocaleInfoA", loc);
}

static void table8(const char *name, const unsigned char *t, int n)
{
	printf("static const unsigned char %s[%d] = {", name, n);
	for (int i = 0; i < n; i++)
		printf("%s0x%02x,", i % 12 ? " " : "\n\t", t[i]);
	printf("\n};\n");
}

/* The time strings. */
static void time_strings(const struct lc_time *t)
{
	for (int i = 0; i < 43; i++) {
		printf("%s", i % 4 ? " " : "\n\t\t");
		cstr(t->str[i], LOC_TIME);
		printf(",");
	}
}

/* The wide time strings that are not their narrow twin read in the
 * locale's code page (a character the page lacks, which the narrow one
 * has as '?'), as {locale, index, u"..."}. */
static char wide_fix[4096];

static void wide_time_strings(const struct lc_time *t, size_t loc,
			      UINT acp)
{
	for (int i = 0; i < 43; i++) {
		WCHAR w[128];
		size_t k = strlen(wide_fix);

		if (MultiByteToWideChar(acp, 0, t->str[i], -1, w, 128) &&
		    !wcscmp(w, t->wstr[i]))
			continue;
		k += sprintf(wide_fix + k, "\t{%d, %d, u\"", (int)loc, i);
		for (const WCHAR *p = t->wstr[i]; *p; p++)
			k += sprintf(wide_fix + k,
				     *p < 32 || *p > 126 || *p == '"' ||
						     *p == '\\'
					     ? "\\u%04x"
					     : "%c",
				     *p);
		sprintf(wide_fix + k, "\"},\n");
	}
}

/* The classes and case maps of the bytes, which follow the locale's
 * own ANSI code page (Wine's msvcrt asks GetStringTypeA and LCMapStringA
 * with the locale's LCID, whatever code page the name gives): one set
 * for each code page, checked to be the same in each locale that has
 * it. */
struct cp_set {
	UINT cp;
	unsigned short ctype[256];
	unsigned char lower[256], upper[256];
};
static struct cp_set sets[NLOC];
static int nsets;

static void shared(_locale_t l, UINT acp, size_t i)
{
	struct cp_set s, *o = 0;

	memset(&s, 0, sizeof(s));
	s.cp = acp;
	memcpy(s.ctype, l->locinfo->pctype, sizeof(s.ctype));
	{
		/* The classes are kernel32's (nls_data.h, ctype_data.h), which
		 * the runtime's msvcrt asks, as Wine's does. */
		char bytes[256];
		WORD k32[256];

		for (int c = 0; c < 256; c++)
			bytes[c] = (char)c;
		if (!GetStringTypeA(l->locinfo->lc_handle[LC_CTYPE], CT_CTYPE1,
				    bytes, 256, k32) ||
		    memcmp(k32, s.ctype, sizeof(k32)))
			fail("the classes of the bytes are not GetStringTypeA's",
			     names[i]);
	}
	memcpy(s.lower, l->locinfo->pclmap, 256);
	memcpy(s.upper, l->locinfo->pcumap, 256);
	for (int k = 0; k < nsets; k++)
		if (sets[k].cp == acp)
			o = &sets[k];
	if (!o) {
		sets[nsets++] = s;
		return;
	}
	if (memcmp(o, &s, sizeof(s)))
		fail("classes or case maps differ from another locale's with "
		     "the same code page",
		     names[i]);
}

static void one(size_t i)
{
	const char *loc = names[i];
	char lang[64], abbrev[64], iso639[64], ctry[64], cabbrev[64];
	char iso3166[64], acp[16], ocp[16];
	struct lconv *c;
	_locale_t l;
	LCID lcid;

	if (!setlocale(LC_ALL, loc) || strcmp(setlocale(LC_ALL, 0), loc))
		fail("setlocale does not give this name back", loc);
	l = _get_current_locale();
	lcid = l->locinfo->lc_handle[LC_CTYPE];
	info(lcid, LOCALE_SENGLANGUAGE, lang, 64, loc);
	info(lcid, LOCALE_SABBREVLANGNAME, abbrev, 64, loc);
	info(lcid, LOCALE_SISO639LANGNAME, iso639, 64, loc);
	info(lcid, LOCALE_SENGCOUNTRY, ctry, 64, loc);
	info(lcid, LOCALE_SABBREVCTRYNAME, cabbrev, 64, loc);
	info(lcid, LOCALE_SISO3166CTRYNAME, iso3166, 64, loc);
	info(lcid, LOCALE_IDEFAULTANSICODEPAGE, acp, 16, loc);
	info(lcid, LOCALE_IDEFAULTCODEPAGE, ocp, 16, loc);
	c = localeconv();
	printf("\t{/* %s */\n\t\t", loc);
	cstr(lang, LOC_NAME), printf(", "), cstr(abbrev, LOC_CODE);
	printf(", "), cstr(iso639, LOC_CODE);
	printf(",\n\t\t");
	cstr(ctry, LOC_NAME), printf(", "), cstr(cabbrev, LOC_CODE);
	printf(", "), cstr(iso3166, LOC_CODE);
	printf(",\n\t\t0x%04lx, %s, %s,\n\t\t", (unsigned long)lcid, acp, ocp);
	cstr(c->decimal_point, LOC_CODE), printf(", ");
	cstr(c->thousands_sep, LOC_CODE), printf(", ");
	cstr(c->grouping, LOC_CODE), printf(", ");
	cstr(c->int_curr_symbol, LOC_CODE), printf(", ");
	cstr(c->currency_symbol, LOC_CODE);
	printf(",\n\t\t");
	cstr(c->mon_decimal_point, LOC_CODE), printf(", ");
	cstr(c->mon_thousands_sep, LOC_CODE), printf(", ");
	cstr(c->mon_grouping, LOC_CODE), printf(", ");
	cstr(c->positive_sign, LOC_CODE), printf(", ");
	cstr(c->negative_sign, LOC_CODE);
	printf(",\n\t\t%d, %d, %d, %d, %d, %d, %d, %d,\n\t\t{",
	       c->int_frac_digits, c->frac_digits, c->p_cs_precedes,
	       c->p_sep_by_space, c->n_cs_precedes, c->n_sep_by_space,
	       c->p_sign_posn, c->n_sign_posn);
	time_strings((const struct lc_time *)l->locinfo->lc_time_curr);
	wide_time_strings((const struct lc_time *)l->locinfo->lc_time_curr, i,
			  (UINT)atoi(acp));
	printf("\n\t\t}},\n");
	shared(l, (UINT)atoi(acp), i);
	_free_locale(l);
}

static int gen_sort(void);

static int gen_locales(void)
{
	_locale_t l;

	printf("/* Generated by runtime/nls/regen.sh (nlsgen.c locales, under "
	       "Wine %s): do not edit. */\n\n",
	       wine_version);
	printf("static const struct locale_def locales[] = {\n");
	for (size_t i = 0; i < NLOC; i++)
		one(i);
	printf("};\n\n");
	setlocale(LC_ALL, "C");
	l = _get_current_locale();
	printf("/* The \"C\" locale's LC_TIME. */\n");
	printf("static const char c_time[43][LOC_TIME] = {");
	time_strings((const struct lc_time *)l->locinfo->lc_time_curr);
	printf("\n};\n\n");
	printf("/* Wide LC_TIME strings that differ from the narrow ones. */\n");
	printf("static const struct wide_time wide_times[] = {\n%s};\n\n",
	       wide_fix);
	_free_locale(l);
	for (int k = 0; k < nsets; k++) {
		char n[64];
		UINT cp = sets[k].cp;

		printf("/* Code page %u's case maps (pclmap, pcumap). */\n", cp);
		sprintf(n, "cp%u_lower", cp);
		table8(n, sets[k].lower, 256);
		sprintf(n, "cp%u_upper", cp);
		table8(n, sets[k].upper, 256);
		printf("\n");
	}
	printf("/* Each locale's code page's tables. */\n");
	printf("static const struct cp_ctype cp_ctypes[] = {\n");
	for (int k = 0; k < nsets; k++)
		printf("\t{%u, cp%u_lower, cp%u_upper},\n", sets[k].cp,
		       sets[k].cp, sets[k].cp);
	printf("};\n");
	return 0;
}

/* ---- sort keys ------------------------------------------------------ */

/* The characters measured: U+0000-U+00FF and Windows-1252's others. */
#define NCHARS (256 + 27)
static WCHAR chars[NCHARS];

/* One character's part of a sort key (see the runtime's collate.c):
 * n slots, each with a primary weight (two bytes), a diacritic and a
 * case weight (and the case weight under NORM_IGNORECASE); or, with
 * n == 0, a special weight (a hyphen, an apostrophe, a control
 * character: ignored at the first level, listed after the four), or
 * nothing at all. */
struct sort_char {
	int n;
	unsigned char l1[2][2], l2[2], l3[2], l3ic[2];
	unsigned char special;
};

#define IC NORM_IGNORECASE
#define SS SORT_STRINGSORT

struct key {
	unsigned char sec[5][1024];
	int len[5];
};

static int key_of(LCID lcid, DWORD flags, const WCHAR *s, int n,
		  unsigned char *out)
{
	int k = LCMapStringW(lcid, LCMAP_SORTKEY | flags, s, n, (WCHAR *)out,
			     4096);

	if (k <= 0)
		fail("LCMapStringW failed", "sort");
	return k;
}

/* The key's five parts: three levels, the empty fourth, the specials. */
static void split(const unsigned char *b, int k, struct key *o)
{
	int sec = 0;

	memset(o, 0, sizeof(*o));
	for (int i = 0; i < k - 1; i++) {
		if (sec < 4 && b[i] == 1) {
			sec++;
			continue;
		}
		o->sec[sec][o->len[sec]++] = b[i];
	}
	if (b[k - 1] != 0 || sec != 4 || o->len[3])
		fail("a key not in four levels and specials", "sort");
}

static int reverses_diacritics(LCID lcid)
{
	static const WCHAR s[] = {0xe0, 'a'};
	unsigned char b[4096];
	struct key k;

	split(b, key_of(lcid, 0, s, 2, b), &k);
	return k.len[1] == 2 && k.sec[1][0] == 2;
}

/* Takes c's weights apart from the keys of c + suffix (and, where
 * diacritics compare from the end, of prefix + c, so that the suffix's
 * diacritic does not become the trailing one that keys leave out). */
static void measure(LCID lcid, WCHAR c, struct sort_char *o)
{
	static const WCHAR A_GRAVE = 0xc0, ORDM = 0xaa;
	int rev = reverses_diacritics(lcid);
	WCHAR s[2] = {c, A_GRAVE}, p[2] = {A_GRAVE, c};
	unsigned char b[4096];
	struct key k, kic, kss, kp;

	memset(o, 0, sizeof(*o));
	split(b, key_of(lcid, 0, s, 2, b), &k);
	split(b, key_of(lcid, 0, p, 2, b), &kp);
	s[1] = ORDM;
	split(b, key_of(lcid, IC, s, 2, b), &kic);
	s[1] = A_GRAVE;
	split(b, key_of(lcid, SS, s, 2, b), &kss);
	if (k.len[4]) {
		if (k.len[4] != 4 || k.sec[4][0] != 0xff ||
		    k.sec[4][1] != 0xff || k.sec[4][3] != 0x12 ||
		    k.len[0] != 2 || k.len[1] != 1 || k.len[2] != 1)
			fail("an unexpected special weight", "sort");
		o->special = k.sec[4][2];
		if (kss.len[0] != 4 || kss.sec[0][0] != 6 ||
		    kss.sec[0][1] != o->special)
			fail("a special weight string-sorts differently", "sort");
		return;
	}
	o->n = (k.len[0] - 2) / 2;
	if (o->n > 2 || (rev ? kp.len[1] : k.len[1]) != o->n + 1 ||
	    k.len[2] != o->n + 1 || kic.len[2] != o->n + 1)
		fail("an unexpected number of weights", "sort");
	for (int i = 0; i < o->n; i++) {
		o->l1[i][0] = k.sec[0][2 * i];
		o->l1[i][1] = k.sec[0][2 * i + 1];
		o->l2[i] = rev ? kp.sec[1][o->n - 1 - i] : k.sec[1][i];
		o->l3[i] = k.sec[2][i];
		o->l3ic[i] = kic.sec[2][i];
	}
	if (memcmp(&k, &kss, sizeof(k)))
		fail("a character string-sorts differently", "sort");
}

/* A key composed as the runtime composes it. */
static int compose(const struct sort_char *t, int rev, DWORD flags,
		   const WCHAR *s, int n, unsigned char *out)
{
	unsigned char l2[256], l3[256], sp[256];
	int k = 0, n2 = 0, n3 = 0, nsp = 0, units = 0;

	for (int i = 0; i < n; i++) {
		const struct sort_char *c = NULL;

		for (int j = 0; j < NCHARS; j++)
			if (chars[j] == s[i])
				c = &t[j];
		if (c->special && (flags & SS)) {
			out[k++] = 6;
			out[k++] = c->special;
			l2[n2++] = 2;
			l3[n3++] = 2;
			units++;
		} else if (c->special) {
			sp[nsp++] = (unsigned char)((0xffff - units) >> 8);
			sp[nsp++] = (unsigned char)(0xffff - units);
			sp[nsp++] = c->special;
			sp[nsp++] = 0x12;
		}
		for (int j = 0; j < c->n; j++) {
			out[k++] = c->l1[j][0];
			out[k++] = c->l1[j][1];
			l2[n2++] = c->l2[j];
			l3[n3++] = flags & IC ? c->l3ic[j] : c->l3[j];
			units++;
		}
	}
	out[k++] = 1;
	if (rev)
		for (int i = 0; i < n2 / 2; i++) {
			unsigned char x = l2[i];

			l2[i] = l2[n2 - 1 - i];
			l2[n2 - 1 - i] = x;
		}
	while (n2 && l2[n2 - 1] == 2)
		n2--;
	memcpy(out + k, l2, n2);
	k += n2;
	out[k++] = 1;
	while (n3 && l3[n3 - 1] == 2)
		n3--;
	memcpy(out + k, l3, n3);
	k += n3;
	out[k++] = 1;
	out[k++] = 1;
	memcpy(out + k, sp, nsp);
	k += nsp;
	out[k++] = 0;
	return k;
}

static unsigned rnd_state = 12345;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245 + 12345;
	return (rnd_state >> 16) % n;
}

/* CompareStringW orders as its keys do (memcmp). */
static void check_compare(LCID lcid, DWORD flags, const WCHAR *s, int n,
			  const WCHAR *s2, int n2)
{
	unsigned char a[4096], b[4096];
	int ka = key_of(lcid, flags, s, n, a), kb = key_of(lcid, flags, s2, n2, b);
	int m = memcmp(a, b, ka < kb ? ka : kb);
	int r = CompareStringW(lcid, flags, s, n, s2, n2);

	if (!m)
		m = ka - kb;
	if (r != (m < 0 ? CSTR_LESS_THAN : m > 0 ? CSTR_GREATER_THAN : CSTR_EQUAL))
		fail("CompareStringW does not order as the keys", "sort");
}

/* Keys of random strings, composed and Wine's. */
static void check(LCID lcid, const struct sort_char *t, int rev)
{
	WCHAR prev[10];
	int nprev = 1;

	prev[0] = 'a';
	static const WCHAR often[] = {'a', 'A', 'e', 'E', 0xe0, 0xc0, 0xe9,
				      0xc9, 'o', 0xf6, 0xdf, 0xe6, 0x153,
				      '-', '\'', ' ', '1', 0x01, 0xad, 0xf1,
				      0xd1, 's', 'n'};
	static const DWORD fl[] = {0, IC, SS, SS | IC};

	for (int it = 0; it < 20000; it++) {
		WCHAR s[10];
		int n = 1 + (int)rnd(9);
		unsigned char a[4096], b[4096];

		for (int i = 0; i < n; i++)
			s[i] = rnd(2) ? often[rnd(sizeof(often) / 2)]
				      : chars[rnd(NCHARS)];
		for (int f = 0; f < 4; f++) {
			int ka = key_of(lcid, fl[f], s, n, a);
			int kb = compose(t, rev, fl[f], s, n, b);

			if (ka != kb || memcmp(a, b, ka)) {
				fprintf(stderr, "lcid %04lx flags %lx:",
					(unsigned long)lcid,
					(unsigned long)fl[f]);
				for (int i = 0; i < n; i++)
					fprintf(stderr, " %04x", s[i]);
				fprintf(stderr, "\n");
				fail("a composed key differs from Wine's", "sort");
			}
			check_compare(lcid, fl[f], s, n, prev, nprev);
		}
		if (rnd(2)) {
			memcpy(prev, s, sizeof(s));
			nprev = n;
		}
	}
}

static void print_char(const struct sort_char *c)
{
	printf("{%d, {{0x%02x, 0x%02x}, {0x%02x, 0x%02x}}, {0x%02x, 0x%02x}, "
	       "{0x%02x, 0x%02x}, {0x%02x, 0x%02x}, 0x%02x}",
	       c->n, c->l1[0][0], c->l1[0][1], c->l1[1][0], c->l1[1][1],
	       c->l2[0], c->l2[1], c->l3[0], c->l3[1], c->l3ic[0], c->l3ic[1],
	       c->special);
}

static struct sort_char table[NSORT][NCHARS];

static int gen_sort(void)
{
	LCID lcids[NSORT];
	int k = 0;

	for (int c = 0; c < 256; c++)
		chars[k++] = (WCHAR)c;
	for (int c = 0x80; c < 0xa0; c++) {
		char b = (char)c;
		WCHAR w;

		if (MultiByteToWideChar(1252, 0, &b, 1, &w, 1) == 1 &&
		    w >= 0x100)
			chars[k++] = w;
	}
	if (k != NCHARS)
		fail("Windows-1252 does not have 27 characters above U+00FF",
		     "sort");
	for (size_t i = 0; i < NSORT; i++) {
		_locale_t l;

		if (!setlocale(LC_ALL, names[i]))
			fail("setlocale failed", names[i]);
		l = _get_current_locale();
		lcids[i] = l->locinfo->lc_handle[LC_COLLATE];
		_free_locale(l);
		for (int c = 0; c < NCHARS; c++)
			measure(lcids[i], chars[c], &table[i][c]);
		check(lcids[i], table[i], reverses_diacritics(lcids[i]));
	}
	printf("/* Generated by runtime/nls/regen.sh (nlsgen.c sort, under "
	       "Wine %s): do not edit. */\n\n",
	       wine_version);
	printf("/* The characters, in the order of the tables: U+0000-U+00FF, "
	       "then Windows-1252's others. */\n");
	printf("static const WCHAR sort_extra[27] = {");
	for (int c = 256; c < NCHARS; c++)
		printf("%s0x%04x,", (c - 256) % 8 ? " " : "\n\t", chars[c]);
	printf("\n};\n\n");
	printf("/* Each character's weights in the first locale's "
	       "(English_United States) keys. */\n");
	printf("static const struct sort_char sort_base[%d] = {\n", NCHARS);
	for (int c = 0; c < NCHARS; c++) {
		printf("\t/* %04x */ ", chars[c]);
		print_char(&table[0][c]);
		printf(",\n");
	}
	printf("};\n\n");
	printf("/* Where the others' keys differ. */\n");
	printf("static const struct sort_change sort_changes[] = {\n");
	for (size_t i = 1; i < NSORT; i++)
		for (int c = 0; c < NCHARS; c++)
			if (memcmp(&table[i][c], &table[0][c],
				   sizeof(table[0][c]))) {
				printf("\t{0x%04lx, %d, ", (unsigned long)lcids[i],
				       c);
				print_char(&table[i][c]);
				printf("},\n");
			}
	printf("};\n\n");
	printf("/* The locales, their LCID and whether their diacritics "
	       "compare from the end (French). */\n");
	printf("static const struct sort_locale sort_locales[] = {\n");
	for (size_t i = 0; i < NSORT; i++)
		printf("\t{0x%04lx, %d}, /* %s */\n", (unsigned long)lcids[i],
		       reverses_diacritics(lcids[i]), names[i]);
	printf("};\n");
	return 0;
}

/* ---- wide classes and case ----------------------------------------- */

/* iswctype's classes (checked to be the same in every locale): kernel32's
 * CT_CTYPE1, less C1_DEFINED below U+0100, but for a few Latin-1 units
 * printed as {unit, mask}; towupper/towlower in the table's locales (all
 * the same; "C" maps ASCII only), as {unit, mapped} pairs. */
static int gen_wide(void)
{
	static unsigned short cls[0x10000], up[0x10000], low[0x10000];
	static WORD t1[0x10000];
	static WCHAR all[0x10000];
	int n;

	for (unsigned c = 0; c < 0x10000; c++)
		all[c] = (WCHAR)c;
	if (!GetStringTypeW(CT_CTYPE1, all, 0x10000, t1))
		fail("GetStringTypeW failed", "wide");

	for (unsigned c = 0; c < 0x10000; c++)
		cls[c] = (unsigned short)iswctype((wint_t)c, 0xffff);
	for (size_t i = 0; i < NLOC; i++) {
		if (!setlocale(LC_ALL, names[i]))
			fail("setlocale failed", names[i]);
		for (unsigned c = 0; c < 0x10000; c++) {
			if (iswctype((wint_t)c, 0xffff) != cls[c])
				fail("iswctype depends on the locale", names[i]);
			if (i == 0) {
				up[c] = towupper((wint_t)c);
				low[c] = towlower((wint_t)c);
			} else if (up[c] != towupper((wint_t)c) ||
				   low[c] != towlower((wint_t)c)) {
				fail("towupper/towlower differ from the first "
				     "locale's",
				     names[i]);
			}
		}
	}
	printf("/* Generated by runtime/nls/regen.sh (nlsgen.c wide, under "
	       "Wine %s): do not edit. */\n\n",
	       wine_version);
	printf("/* Where iswctype is not kernel32's CT_CTYPE1 less C1_DEFINED "
	       "(all below U+0100). */\n");
	printf("static const struct wcase_pair wctype_latin1[] = {");
	n = 0;
	for (unsigned c = 0; c < 0x10000; c++) {
		unsigned k32 = c < 0x100 ? t1[c] & ~C1_DEFINED : t1[c];

		if (cls[c] == k32)
			continue;
		if (c >= 0x100)
			fail("iswctype is not CT_CTYPE1 above U+00FF", "wide");
		printf("%s{0x%04x, 0x%04x},", n++ % 4 ? " " : "\n\t", c,
		       cls[c]);
	}
	printf("\n};\n\n");
	printf("/* towupper and towlower in a locale other than \"C\": the "
	       "units they change. */\n");
	printf("static const struct wcase_pair wcase_upper[] = {");
	n = 0;
	for (unsigned c = 0; c < 0x10000; c++)
		if (up[c] != c)
			printf("%s{0x%04x, 0x%04x},", n++ % 4 ? " " : "\n\t", c,
			       up[c]);
	printf("\n};\n\n");
	printf("static const struct wcase_pair wcase_lower[] = {");
	n = 0;
	for (unsigned c = 0; c < 0x10000; c++)
		if (low[c] != c)
			printf("%s{0x%04x, 0x%04x},", n++ % 4 ? " " : "\n\t", c,
			       low[c]);
	printf("\n};\n");
	return 0;
}

/* ---- locale information -------------------------------------------- */

/* A UTF-16 literal of n units (a NUL inside is kept: the font
 * signature is binary): octal escapes below U+00A0, where C allows no
 * universal character name, \u above (\x for a surrogate, which
 * has none). */
static void wstr(const WCHAR *s, int n)
{
	printf("u\"");
	for (int i = 0; i < n; i++) {
		if (s[i] >= 0xd800 && s[i] < 0xe000)
			printf("\\x%04x\" u\"", s[i]); /* the signature's */
		else if (s[i] >= 0xa0)
			printf("\\u%04x", s[i]);
		else if (s[i] < 32 || s[i] > 126 || s[i] == '"' ||
			 s[i] == '\\' || s[i] == '?')
			printf("\\%03o", s[i]);
		else
			putchar(s[i]);
	}
	printf("\"");
}

static LCID table_lcid(size_t i)
{
	_locale_t l;
	LCID lcid;

	if (!setlocale(LC_ALL, names[i]))
		fail("setlocale failed", names[i]);
	l = _get_current_locale();
	lcid = l->locinfo->lc_handle[LC_CTYPE];
	_free_locale(l);
	return lcid;
}

static int known_type(LCTYPE t)
{
	WCHAR b[512];

	for (size_t i = 0; i < NLOC; i++)
		if (GetLocaleInfoW(table_lcid(i), t | LOCALE_NOUSEROVERRIDE, b,
				   512))
			return 1;
	return 0;
}

/* The strings of the answers, one pool: the tables hold offsets into it
 * (in units), so that they hold no pointer the loader must relocate.  A
 * string met again is not stored twice; offset 0 is the empty string. */
static WCHAR pool[1 << 18];
static int pool_len, pool_at[8192], pool_n[8192], npool;

static int pooled(const WCHAR *s, int n)
{
	for (int k = 0; k < npool; k++)
		if (pool_n[k] == n && !memcmp(pool + pool_at[k], s,
					      n * sizeof(WCHAR)))
			return pool_at[k];
	if (npool == 8192 || pool_len + n > (int)(sizeof pool / sizeof *pool))
		fail("the string pool is full", "");
	memcpy(pool + pool_len, s, n * sizeof(WCHAR));
	pool_at[npool] = pool_len;
	pool_n[npool++] = n;
	pool_len += n;
	return pool_at[npool - 1];
}

/* One locale's answers: {type, units (the NUL included, as
 * GetLocaleInfoW counts), the text's offset, has a number, the number,
 * the genitive text's offset or 0, GetLocaleInfoA's error or 0}; its
 * era's offset in *era. */
static int info_locale(size_t i, const LCTYPE *types, int ntypes, int *era_at)
{
	LCID lcid = table_lcid(i);
	static const SYSTEMTIME date = {2024, 3, 2, 5, 0, 0, 0, 0};
	WCHAR b[512], g[512], era[64];
	int n, count = 0;

	printf("\t/* %04lx */\n", (unsigned long)lcid);
	for (int k = 0; k < ntypes; k++) {
		LCTYPE t = types[k] | LOCALE_NOUSEROVERRIDE;
		DWORD num;
		int gn;

		n = GetLocaleInfoW(lcid, t, b, 512);
		if (!n) {
			if (GetLastError() != ERROR_INVALID_FLAGS)
				fail("GetLocaleInfoW failed", names[i]);
			continue;
		}
		count++;
		printf("\t{0x%04lx, %d, %d", (unsigned long)types[k], n,
		       pooled(b, n));
		if (GetLocaleInfoW(lcid, t | LOCALE_RETURN_NUMBER, (WCHAR *)&num,
				   2))
			printf(", 1, %lu, ", (unsigned long)num);
		else
			printf(", 0, 0, ");
		gn = GetLocaleInfoW(lcid, t | LOCALE_RETURN_GENITIVE_NAMES, g,
				    512);
		if (gn && (gn != n || memcmp(g, b, n * sizeof(WCHAR)))) {
			int at = pooled(g, gn);

			if (!at)
				fail("an empty genitive name", names[i]);
			printf("%d", at);
		} else {
			printf("0");
		}
		/* GetLocaleInfoA does not know every LCTYPE W does. */
		SetLastError(0);
		printf(", %lu},\n",
		       GetLocaleInfoA(lcid, t, (char *)g, 1024)
			       ? 0ul
			       : (unsigned long)GetLastError());
	}
	n = GetDateFormatW(lcid, 0, &date, L"g", era, 64);
	if (!n)
		fail("GetDateFormatW(\"g\") failed", names[i]);
	*era_at = pooled(era, n);
	return count;
}

static int gen_info(void)
{
	static LCTYPE types[0x400];
	int ntypes = 0, counts[NLOC], eras[NLOC], first = 0;

	for (LCTYPE t = 1; t < 0x200; t++)
		if (known_type(t))
			types[ntypes++] = t;
	for (LCTYPE t = 0x1000; t < 0x1200; t++)
		if (known_type(t))
			types[ntypes++] = t;
	printf("/* Generated by runtime/nls/regen.sh (nlsgen.c info, under "
	       "Wine %s): do not edit. */\n\n",
	       wine_version);
	pooled(L"", 1);
	printf("/* The answers of every locale, each locale's sorted by "
	       "type. */\n");
	printf("static const struct nls_info nls_infos[] = {\n");
	for (size_t i = 0; i < NLOC; i++)
		counts[i] = info_locale(i, types, ntypes, &eras[i]);
	printf("};\n\n/* Their strings (offsets in units). */\n");
	printf("static const WCHAR nls_pool[] = {\n");
	for (int k = 0; k < npool; k++) {
		printf("\t/* %d */ ", pool_at[k]);
		wstr(pool + pool_at[k], pool_n[k]);
		printf("\n");
	}
	printf("};\n\n");
	printf("/* The locales, in msvcrt's order (locale_data.h). */\n");
	printf("static const struct nls_locale nls_locales[] = {\n");
	for (size_t i = 0; i < NLOC; i++) {
		LCID lcid = table_lcid(i);
		WCHAR name[LOCALE_NAME_MAX_LENGTH];
		char acp[16], ocp[16];

		if (!GetLocaleInfoW(lcid, LOCALE_SNAME | LOCALE_NOUSEROVERRIDE,
				    name, LOCALE_NAME_MAX_LENGTH))
			fail("no LOCALE_SNAME", names[i]);
		if (wcslen(name) >= 16)
			fail("LOCALE_SNAME is longer than nls_locale.name",
			     names[i]);
		info(lcid, LOCALE_IDEFAULTANSICODEPAGE, acp, 16, names[i]);
		info(lcid, LOCALE_IDEFAULTCODEPAGE, ocp, 16, names[i]);
		printf("\t{0x%04lx, ", (unsigned long)lcid);
		wstr(name, (int)wcslen(name));
		printf(", %s, %s, %d, %d, %d},\n", acp, ocp, first, counts[i],
		       eras[i]);
		first += counts[i];
	}
	printf("};\n");
	return 0;
}

/* ---- character types ----------------------------------------------- */

static void runs(const char *name, const WORD *t)
{
	int n = 0;

	printf("static const struct ctype_run %s[] = {", name);
	for (unsigned c = 0; c < 0x10000; c++)
		if (c == 0 || t[c] != t[c - 1])
			printf("%s{0x%04x, 0x%04x},", n++ % 4 ? " " : "\n\t", c,
			       t[c]);
	printf("\n};\n\n");
}

static int gen_ctype(void)
{
	static WORD t1[0x10000], t2[0x10000], t3[0x10000];
	static WCHAR all[0x10000];

	for (unsigned c = 0; c < 0x10000; c++)
		all[c] = (WCHAR)c;
	if (!GetStringTypeW(CT_CTYPE1, all, 0x10000, t1) ||
	    !GetStringTypeW(CT_CTYPE2, all, 0x10000, t2) ||
	    !GetStringTypeW(CT_CTYPE3, all, 0x10000, t3))
		fail("GetStringTypeW failed", "ctype");
	printf("/* Generated by runtime/nls/regen.sh (nlsgen.c ctype, under "
	       "Wine %s): do not edit. */\n\n",
	       wine_version);
	printf("/* GetStringTypeW's types: from each unit to the next run's, "
	       "the same. */\n");
	runs("ctype1_runs", t1);
	runs("ctype2_runs", t2);
	runs("ctype3_runs", t3);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3)
		wine_version = argv[2];
	if (argc >= 2 && !strcmp(argv[1], "locales"))
		return gen_locales();
	if (argc >= 2 && !strcmp(argv[1], "sort"))
		return gen_sort();
	if (argc >= 2 && !strcmp(argv[1], "wide"))
		return gen_wide();
	if (argc >= 2 && !strcmp(argv[1], "info"))
		return gen_info();
	if (argc >= 2 && !strcmp(argv[1], "ctype"))
		return gen_ctype();
	fprintf(stderr,
		"usage: nlsgen locales|sort|wide|info|ctype [WINE-VERSION]\n");
	return 2;
}
