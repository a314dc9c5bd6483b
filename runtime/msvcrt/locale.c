/*
 * locale.c — msvcrt: setlocale and localeconv, and what a locale changes
 * elsewhere: the decimal point of printf, strtod, atof and scanf
 * (rt_crt_decimal_point), the ctype classes and case of bytes above 127
 * (_pctype, toupper, tolower); and the queries the CRT makes
 * (___lc_codepage_func, ___mb_cur_max_func, ___lc_handle_func,
 * __mb_cur_max).
 *
 * Names are read as msvcrt reads them (Wine's MSVCRT_locale_to_LCID):
 * "language[_country][.codepage]", the language as its English name
 * ("German"), its three-letter abbreviation ("deu", "ptb": these name a
 * country too) or ISO 639 code ("de"); the country as its English name,
 * abbreviation or ISO 3166 code; the code page as a number, "ACP" or
 * "OCP"; "" and ".codepage" alone are the user's locale, which here is
 * always English_United States.  Windows names the result
 * "Language_Country.codepage".
 *
 * Known limits, refused rather than half done: only the locales of the
 * table below, and only code page 1252 (the table of classes is
 * Windows-1252's); a locale's LC_TIME and LC_COLLATE are recorded and
 * reported but strftime and strcoll keep the C locale's formats and order.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/msvcrt/msvcrt.h"

/* msvcrt's categories (locale.h of the Windows SDK). */
#define W_LC_ALL      0
#define W_LC_MAX      5
#define CP_SUPPORTED  1252

struct locale_def {
	const char *language, *abbrev, *iso639;
	const char *country, *ctry_abbrev, *iso3166;
	unsigned acp, ocp;
	/* localeconv's strings and numbers, Windows' NLS data. */
	const char *dec, *thou, *int_curr, *curr, *mon_dec, *mon_thou;
	char p_cs_precedes, p_sep_by_space, n_cs_precedes, n_sep_by_space;
	char p_sign_posn, n_sign_posn;
};

/* The first of a language is the one its name alone selects. */
static const struct locale_def locales[] = {
	{"English", "ENU", "en", "United States", "USA", "US", 1252, 437, ".",
	 ",", "USD", "$", ".", ",", 1, 0, 1, 0, 3, 0},
	{"English", "ENG", "en", "United Kingdom", "GBR", "GB", 1252, 850, ".",
	 ",", "GBP", "\xa3", ".", ",", 1, 0, 1, 0, 3, 1},
	{"German", "DEU", "de", "Germany", "DEU", "DE", 1252, 850, ",", ".",
	 "EUR", "\x80", ",", ".", 0, 1, 0, 1, 1, 1},
	{"French", "FRA", "fr", "France", "FRA", "FR", 1252, 850, ",", "\xa0",
	 "EUR", "\x80", ",", "\xa0", 0, 1, 0, 1, 1, 1},
	{"Portuguese", "PTB", "pt", "Brazil", "BRA", "BR", 1252, 850, ",",
	 ".", "BRL", "R$", ",", ".", 1, 1, 1, 1, 1, 1},
	{"Portuguese", "PTG", "pt", "Portugal", "PRT", "PT", 1252, 850, ",",
	 "\xa0", "EUR", "\x80", ",", "\xa0", 0, 1, 0, 1, 1, 1},
	{"Spanish", "ESN", "es", "Spain", "ESP", "ES", 1252, 850, ",", ".",
	 "EUR", "\x80", ",", ".", 0, 1, 0, 1, 1, 1},
	{"Italian", "ITA", "it", "Italy", "ITA", "IT", 1252, 850, ",", ".",
	 "EUR", "\x80", ",", ".", 0, 1, 0, 1, 1, 1},
	{"Dutch", "NLD", "nl", "Netherlands", "NLD", "NL", 1252, 850, ",", ".",
	 "EUR", "\x80", ",", ".", 1, 1, 1, 1, 3, 4},
};
#define NLOCALES    (sizeof(locales) / sizeof(locales[0]))
#define USER_LOCALE 0 /* English_United States */

/* Windows-1252's classes (msvcrt's _pctype bits, C1_DEFINED 0x200
 * included), and its case mappings above 127, as Wine 8 reports them for
 * German_Germany.1252 (generated from its _pctype, toupper, tolower). */
static const unsigned short cp1252_ctype[256] = {
	0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220,
	0x0220, 0x0268, 0x0228, 0x0228, 0x0228, 0x0228, 0x0220, 0x0220,
	0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220,
	0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220, 0x0220,
	0x0248, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0284, 0x0284, 0x0284, 0x0284, 0x0284, 0x0284, 0x0284, 0x0284,
	0x0284, 0x0284, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0210, 0x0381, 0x0381, 0x0381, 0x0381, 0x0381, 0x0381, 0x0301,
	0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301,
	0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301,
	0x0301, 0x0301, 0x0301, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0210, 0x0382, 0x0382, 0x0382, 0x0382, 0x0382, 0x0382, 0x0302,
	0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302,
	0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302,
	0x0302, 0x0302, 0x0302, 0x0210, 0x0210, 0x0210, 0x0210, 0x0220,
	0x0200, 0x0220, 0x0210, 0x0302, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0300, 0x0210, 0x0301, 0x0210, 0x0301, 0x0220, 0x0301, 0x0220,
	0x0220, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0200, 0x0200, 0x0302, 0x0210, 0x0302, 0x0220, 0x0302, 0x0301,
	0x0248, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0210, 0x0210, 0x0312, 0x0210, 0x0210, 0x0230, 0x0210, 0x0210,
	0x0210, 0x0210, 0x0214, 0x0214, 0x0210, 0x0312, 0x0210, 0x0210,
	0x0210, 0x0214, 0x0312, 0x0210, 0x0210, 0x0210, 0x0210, 0x0210,
	0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301,
	0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301,
	0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0210,
	0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0301, 0x0302,
	0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302,
	0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302,
	0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0210,
	0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302, 0x0302,
};
static const unsigned char cp1252_upper[128] = {
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b,
	0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x8a, 0x9b, 0x8c, 0x9d, 0x8e, 0x9f, 0xa0, 0xa1, 0xa2, 0xa3,
	0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb,
	0xbc, 0xbd, 0xbe, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7,
	0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3,
	0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
	0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb,
	0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xf7,
	0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0x9f,
};
static const unsigned char cp1252_lower[128] = {
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x9a, 0x8b,
	0x9c, 0x8d, 0x9e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97,
	0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0xff, 0xa0, 0xa1, 0xa2, 0xa3,
	0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb,
	0xbc, 0xbd, 0xbe, 0xbf, 0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7,
	0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf2, 0xf3,
	0xf4, 0xf5, 0xf6, 0xd7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xdf,
	0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb,
	0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
	0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

/* MB_CUR_MAX, the data import: one byte per character (1252 is a
 * single-byte code page). */
int w32___mb_cur_max = 1;

/* Each category's locale: an index into locales, or -1 for "C". */
static int current[W_LC_MAX + 1] = {-1, -1, -1, -1, -1, -1};
static char names[W_LC_MAX + 1][160];
static const char *const cat_names[W_LC_MAX + 1] = {
	"LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC",
	"LC_TIME"};

/* _pctype for a Windows-1252 locale: [0] is EOF's entry, as in string.c's
 * C table, whose address is kept to switch back. */
static unsigned short ctype_1252[257];
static unsigned short *ctype_c;

static int match(const char *s, size_t n, const char *a, const char *b,
		 const char *c)
{
	return (strlen(a) == n && !strncasecmp(s, a, n)) ||
	       (strlen(b) == n && !strncasecmp(s, b, n)) ||
	       (strlen(c) == n && !strncasecmp(s, c, n));
}

/* The locale a name selects: its index, or -1 ("C"); -2 when the name
 * is not one msvcrt accepts (or names a code page other than 1252). */
static int find_locale(const char *name)
{
	const char *dot = strchr(name, '.'), *us = strchr(name, '_');
	size_t lang_len, ctry_len = 0;
	int found = -2;
	unsigned cp = 0;

	if (!strcmp(name, "C"))
		return -1;
	if (us && dot && us > dot)
		us = 0;
	lang_len = us ? (size_t)(us - name) : dot ? (size_t)(dot - name)
						   : strlen(name);
	if (us)
		ctry_len = dot ? (size_t)(dot - us - 1) : strlen(us + 1);
	if (lang_len == 0) {
		if (us)
			return -2;
		found = USER_LOCALE;
	}
	for (size_t i = 0; found == -2 && i < NLOCALES; i++) {
		const struct locale_def *l = &locales[i];

		if (!match(name, lang_len, l->language, l->abbrev, l->iso639))
			continue;
		/* The abbreviation names the country as well. */
		if (!us && lang_len == 3 && strncasecmp(name, l->abbrev, 3))
			continue;
		if (us && !match(us + 1, ctry_len, l->country, l->ctry_abbrev,
				 l->iso3166))
			continue;
		found = (int)i;
	}
	if (found < 0)
		return -2;
	if (dot) {
		if (!strcasecmp(dot + 1, "ACP"))
			cp = locales[found].acp;
		else if (!strcasecmp(dot + 1, "OCP"))
			cp = locales[found].ocp;
		else
			cp = (unsigned)strtoul(dot + 1, 0, 10);
		if (cp != CP_SUPPORTED) {
			if (ld_trace_on)
				ld_trace("setlocale: \"%s\": code page %u is not "
					 "supported (only 1252)",
					 name, cp);
			return -2;
		}
	}
	return found;
}

static void name_of(int idx, char *out, size_t size)
{
	if (idx < 0)
		snprintf(out, size, "C");
	else
		snprintf(out, size, "%s_%s.%u", locales[idx].language,
			 locales[idx].country, locales[idx].acp);
}

/* LC_ALL's name: the common one, or every category's. */
static void name_all(void)
{
	int same = 1;

	for (int c = 2; c <= W_LC_MAX; c++)
		same &= current[c] == current[1];
	if (same) {
		name_of(current[1], names[W_LC_ALL], sizeof(names[0]));
		return;
	}
	names[W_LC_ALL][0] = 0;
	for (int c = 1; c <= W_LC_MAX; c++) {
		size_t k = strlen(names[W_LC_ALL]);

		snprintf(names[W_LC_ALL] + k, sizeof(names[0]) - k, "%s%s=%s",
			 c > 1 ? ";" : "", cat_names[c], names[c]);
	}
}

static void apply_ctype(int idx)
{
	if (!ctype_c)
		ctype_c = w32__pctype;
	if (idx < 0) {
		w32__pctype = ctype_c;
		return;
	}
	ctype_1252[0] = 0;
	memcpy(ctype_1252 + 1, cp1252_ctype, sizeof(cp1252_ctype));
	w32__pctype = ctype_1252 + 1;
}

static void set_category(int cat, int idx)
{
	current[cat] = idx;
	name_of(idx, names[cat], sizeof(names[0]));
	if (cat == 2)
		apply_ctype(idx);
}

/* "LC_COLLATE=...;LC_CTYPE=...": what setlocale(LC_ALL, NULL) returned
 * for mixed categories, given back; a category it does not name becomes
 * "C" (as in Wine).  0, or -1 when a part is bad (then nothing changes). */
static int set_composite(const char *s)
{
	int idx[W_LC_MAX + 1];
	char part[160];

	for (int c = 1; c <= W_LC_MAX; c++)
		idx[c] = -1;
	while (*s) {
		const char *eq = strchr(s, '='), *end;
		size_t len;
		int c;

		if (!eq)
			return -1;
		end = strchr(eq, ';');
		if (!end)
			end = eq + strlen(eq);
		for (c = 1; c <= W_LC_MAX; c++)
			if (strlen(cat_names[c]) == (size_t)(eq - s) &&
			    !strncmp(s, cat_names[c], (size_t)(eq - s)))
				break;
		len = (size_t)(end - eq - 1);
		if (c > W_LC_MAX || len >= sizeof(part))
			return -1;
		memcpy(part, eq + 1, len);
		part[len] = 0;
		idx[c] = find_locale(part);
		if (idx[c] == -2)
			return -1;
		s = *end ? end + 1 : end;
	}
	for (int c = 1; c <= W_LC_MAX; c++)
		set_category(c, idx[c]);
	return 0;
}

/* setlocale: NULL asks; "" is the user's locale; a name msvcrt would not
 * accept (or that this runtime cannot honour, see the top) gives NULL and
 * changes nothing.  The string returned is overwritten by the next call. */
char *WINAPI w32_setlocale(int cat, const char *loc)
{
	int idx;

	if (cat < W_LC_ALL || cat > W_LC_MAX)
		return 0;
	if (!names[1][0])
		for (int c = 1; c <= W_LC_MAX; c++)
			name_of(current[c], names[c], sizeof(names[0]));
	if (loc) {
		if (cat == W_LC_ALL && !strncmp(loc, "LC_", 3)) {
			if (set_composite(loc) < 0)
				return 0;
		} else {
			idx = *loc ? find_locale(loc) : USER_LOCALE;
			if (idx == -2)
				return 0;
			if (cat == W_LC_ALL)
				for (int c = 1; c <= W_LC_MAX; c++)
					set_category(c, idx);
			else
				set_category(cat, idx);
		}
	}
	name_all();
	return names[cat];
}

static struct w32_lconv conv;

/* localeconv: LC_NUMERIC's and LC_MONETARY's conventions, into one
 * structure the next call overwrites. */
struct w32_lconv *WINAPI w32_localeconv(void)
{
	static const struct w32_lconv c_conv = {
		".", "",  "",  "",  "",	 "",  "",  "",	"",
		"",  127, 127, 127, 127, 127, 127, 127, 127,
	};
	int n = current[4], m = current[3];

	conv = c_conv;
	if (n >= 0) {
		conv.decimal_point = (char *)locales[n].dec;
		conv.thousands_sep = (char *)locales[n].thou;
		conv.grouping = "\3";
	}
	if (m >= 0) {
		const struct locale_def *l = &locales[m];

		conv.int_curr_symbol = (char *)l->int_curr;
		conv.currency_symbol = (char *)l->curr;
		conv.mon_decimal_point = (char *)l->mon_dec;
		conv.mon_thousands_sep = (char *)l->mon_thou;
		conv.mon_grouping = "\3";
		conv.negative_sign = "-";
		conv.int_frac_digits = conv.frac_digits = 2;
		conv.p_cs_precedes = l->p_cs_precedes;
		conv.p_sep_by_space = l->p_sep_by_space;
		conv.n_cs_precedes = l->n_cs_precedes;
		conv.n_sep_by_space = l->n_sep_by_space;
		conv.p_sign_posn = l->p_sign_posn;
		conv.n_sign_posn = l->n_sign_posn;
	}
	return &conv;
}

/* LC_CTYPE's code page: 0 for "C". */
UINT WINAPI w32____lc_codepage_func(void)
{
	return current[2] >= 0 ? locales[current[2]].acp : 0;
}

int WINAPI w32____mb_cur_max_func(void)
{
	return 1;
}

static LONG lc_handles[6];

LONG *WINAPI w32____lc_handle_func(void)
{
	return lc_handles;
}

char rt_crt_decimal_point(void)
{
	int n = current[4];

	return n >= 0 ? locales[n].dec[0] : '.';
}

int rt_crt_case_hi(int c, int upper)
{
	if (current[2] < 0 || c < 128 || c > 255)
		return c;
	return upper ? cp1252_upper[c - 128] : cp1252_lower[c - 128];
}
