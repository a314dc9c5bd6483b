/* collate.c — the order of strings in a locale: strcoll, _stricoll,
 * _strncoll, _strnicoll, wcscoll and _wcsicoll sort a few hundred tricky
 * strings (accents, case, hyphens and apostrophes, punctuation, digits,
 * ß, æ, œ, ñ, control characters, the soft hyphen, empty strings,
 * prefixes) with qsort in "C" and in locales whose orders differ
 * (English, French with its diacritics compared from the end, Spanish
 * with ñ a letter of its own, German); strxfrm's and wcsxfrm's keys;
 * CompareStringA/W and LCMapStringA/W with the flags msvcrt uses, in
 * every locale of dllshare's table.  Equal strings are kept in strcmp
 * order and marked "=", so the output does not depend on how qsort
 * orders equal elements. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

static const char *const words[] = {
	"", "a", "A", "b", "B", "z", "Z", "\xe0", "\xc0", "\xe1", "\xe2",
	"\xe4", "\xc4", "\xe5", "\xe6", "\xc6", "ae", "AE", "Ae", "aE",
	"\xdf", "ss", "SS", "s", "st", "\x9c", "\x8c", "oe", "OE", "\xf6",
	"\xd6", "o", "O", "\xf1", "\xd1", "n", "N", "nz", "\xf1" "a", "na",
	"\xe7", "\xc7", "c", "C", "cz", "d", "\xf0", "\xd0", "th", "\xfe",
	"\xde", "\xff", "\x9f", "y", "Y", "\xfd", "e", "E", "\xe9", "\xc9",
	"\xe8", "\xea", "\xeb", "i", "\xed", "\xef", "u", "\xfa", "\xfc",
	"\xdc", "co-op", "coop", "co-Op", "Coop", "cop", "co'op", "coo",
	"co", "c-", "-c", "--", "-", "'", "''", "a-b", "ab", "a'b", "a b",
	"a  b", "ab ", " ab", "a\tb", "a_b", "a.b", "a,b", "a;b", "a!b",
	"a?b", "a/b", "a\\b", "a(b", "a)b", "a[b", "a{b", "a@b", "a#b",
	"a$b", "a%b", "a&b", "a*b", "a+b", "a<b", "a=b", "a>b", "a|b",
	"a~b", "a^b", "a`b", "a\"b", "a\x80" "b", "a\xa3" "b", "a\xa7" "b",
	"a\xb0" "b", "a\xbf" "b", "a\xd7" "b", "a\xf7" "b", "a\xa0" "b",
	"a\xad" "b", "a\x01" "b", "a\x7f" "b", "a\x81" "b", "\xad", "\x01",
	"0", "1", "2", "9", "10", "100", "1a", "a1", "a10", "a2", "\xb2",
	"\xb9", "\xbc", "\xbd", "1/2", "\xaa", "\xba", "o\xba", "a\xaa",
	"\xa9", "\xae", "\x99", "tm", "\x85", "...", "\x96", "\x97",
	"\x91" "a", "\x92" "a", "\x93" "a\x94", "\"a\"", "\x8a", "\x9a",
	"\x8e", "\x9e", "\x83", "f", "F", "r\xe9sum\xe9", "resume",
	"R\xe9sum\xe9", "RESUME", "r\xe9sume", "resum\xe9", "c\xf4te",
	"cot\xe9", "c\xf4t\xe9", "cote", "Cote", "C\xf4te", "p\xe9" "ch\xe9",
	"p\xea" "che", "p\xe8" "che", "peche", "Stra\xdf" "e", "Strasse",
	"STRASSE", "stra\xdf" "e", "Stra\xdf" "en", "Strassen", "\xe6ther",
	"aether", "Aether", "\xc6ther", "\x9c" "uvre", "oeuvre", "Oeuvre",
	"\x8c" "uvre", "ma\xf1" "ana", "manana", "mananas", "ma\xf1" "anas",
	"Ma\xf1" "ana", "lla", "llama", "luz", "lz", "cha", "chz", "ciudad",
	"M\xfcller", "Mueller", "Muller", "Mull", "M\xfcll", "muller",
	"\xe9t\xe9", "ete", "\xe9te", "et\xe9", "\xc9t\xe9", "ETE", "\xe9t",
	"e-mail", "email", "E-Mail", "eMail", "e'mail", "e mail", "e_mail",
	"don't", "dont", "Don't", "do not", "won't", "wont", "it's", "its",
	"IT'S", "re-sign", "resign", "re-cover", "recover", "x-ray",
	"xray", "X-Ray", "a-", "a--", "a-a", "aa", "a-aa", "aa-a", "-a",
	"--a", "a'", "'a", "a''", "\xe0-", "\xe0'", "\xc0-a", "a-\xe0",
	"abc", "abcd", "ab-cd", "abc-d", "a-bcd", "ABC", "Abc", "aBc",
	"abC", "\xc1" "bc", "\xe1" "bc", "ab\xe7", "a", "aa", "aaa", "aaaa",
	"b\xe9" "b\xe9", "bebe", "b\xe9" "be", "beb\xe9", "BEBE",
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

static const char *const locales[] = {
	"English_United States.1252",  "English_United Kingdom.1252",
	"German_Germany.1252",	       "French_France.1252",
	"Portuguese_Brazil.1252",      "Portuguese_Portugal.1252",
	"Spanish_Spain.1252",	       "Italian_Italy.1252",
	"Dutch_Netherlands.1252",
};
#define NLOCALES (sizeof(locales) / sizeof(locales[0]))

static void show(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 32 || *p > 126 || *p == '"' || *p == '\\')
			printf("\\x%02x", *p);
		else
			putchar(*p);
	putchar('"');
}

static int (*cmp_fn)(const char *, const char *);
static size_t cmp_n;

static int ncoll(const char *a, const char *b)
{
	return _strncoll(a, b, cmp_n);
}

static int nicoll(const char *a, const char *b)
{
	return _strnicoll(a, b, cmp_n);
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* The function's order, ties by strcmp. */
static int by_fn(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	int r = cmp_fn(a, b);

	return r ? r : strcmp(a, b);
}

static void sorted(const char *what, int (*fn)(const char *, const char *))
{
	const char *v[NWORDS];

	memcpy(v, words, sizeof(v));
	cmp_fn = fn;
	qsort(v, NWORDS, sizeof(v[0]), by_fn);
	printf(" %s:", what);
	for (size_t i = 0; i < NWORDS; i++) {
		if (i % 8 == 0)
			printf("\n  ");
		else
			putchar(' ');
		if (i && !fn(v[i - 1], v[i]))
			putchar('=');
		show(v[i]);
	}
	printf("\n");
	/* The function's own answers for neighbours, both ways. */
	for (size_t i = 1; i < NWORDS; i += 37)
		printf("  %s(%d,%d) %d %d\n", what, (int)i - 1, (int)i,
		       sign(fn(v[i - 1], v[i])), sign(fn(v[i], v[i - 1])));
}

/* wcscoll and _wcsicoll, on the same strings widened as LC_CTYPE's
 * code page reads them. */
static wchar_t wwords[NWORDS][32];
static int (*wcmp_fn)(const wchar_t *, const wchar_t *);

static int by_wfn(const void *x, const void *y)
{
	const wchar_t *a = *(const wchar_t *const *)x,
		      *b = *(const wchar_t *const *)y;
	int r = wcmp_fn(a, b);

	return r ? r : wcscmp(a, b);
}

static void wsorted(const char *what, int (*fn)(const wchar_t *,
						const wchar_t *))
{
	const wchar_t *v[NWORDS];

	for (size_t i = 0; i < NWORDS; i++) {
		mbstowcs(wwords[i], words[i], 32);
		v[i] = wwords[i];
	}
	wcmp_fn = fn;
	qsort(v, NWORDS, sizeof(v[0]), by_wfn);
	printf(" %s:", what);
	for (size_t i = 0; i < NWORDS; i++) {
		printf("%s", i % 12 ? " " : "\n  ");
		if (i && !fn(v[i - 1], v[i]))
			putchar('=');
		for (const wchar_t *p = v[i]; *p; p++)
			printf(*p < 32 || *p > 126 ? "<%x>" : "%c", *p);
		putchar('|');
	}
	printf("\n");
}

static void keys(void)
{
	for (size_t i = 0; i < NWORDS; i += 11) {
		unsigned char k[256];
		wchar_t wk[256];
		size_t n = strxfrm((char *)k, words[i], sizeof(k)), m;

		printf("  strxfrm ");
		show(words[i]);
		printf(" %d:", (int)n);
		for (size_t j = 0; j < n; j++)
			printf("%02x", k[j]);
		m = wcsxfrm(wk, wwords[i], 256);
		printf(" wcsxfrm %d%s\n", (int)m,
		       m == n && !memcmp(k, wk, 0) ? "" : "");
		for (size_t j = 0; j < m && j < n; j++)
			if (wk[j] != k[j])
				printf("  wcsxfrm differs at %d\n", (int)j);
	}
	{
		char small[4];
		size_t n = strxfrm(small, "abc", sizeof(small));

		printf("  strxfrm small %d [%s]; size only %d\n", (int)n, small,
		       (int)strxfrm(NULL, "abc", 0));
	}
}

static void locale_orders(const char *name)
{
	printf("%s: %s\n", name, setlocale(LC_ALL, name));
	sorted("strcoll", strcoll);
	sorted("_stricoll", _stricoll);
	cmp_n = 3;
	cmp_fn = ncoll;
	sorted("_strncoll 3", ncoll);
	sorted("_strnicoll 3", nicoll);
	wsorted("wcscoll", wcscoll);
	wsorted("_wcsicoll", _wcsicoll);
	keys();
}

/* kernel32's side, as msvcrt calls it, in every locale. */
static void kernel32(void)
{
	static const DWORD flags[] = {0, NORM_IGNORECASE, SORT_STRINGSORT,
				      SORT_STRINGSORT | NORM_IGNORECASE};
	static const char *const pairs[][2] = {
		{"co-op", "coop"},   {"co-op", "cop"},	{"\xe9t\xe9", "ete"},
		{"\xe0" "a", "a\xe0"}, {"Ab", "aB"},	{"\xdf", "ss"},
		{"\xe6", "ae"},	     {"\xf1", "nz"},	{"a\x01", "a"},
		{"-", ""},	     {"a-b", "a'b"},	{"\xc4", "\xe4"},
		{"c\xf4te", "cot\xe9"},
	};

	for (size_t l = 0; l < NLOCALES; l++) {
		_locale_t loc = _create_locale(LC_ALL, locales[l]);
		LCID lcid = loc->locinfo->lc_handle[LC_COLLATE];

		_free_locale(loc);
		printf("kernel32 %04lx:", (unsigned long)lcid);
		for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++)
			for (size_t f = 0; f < 4; f++)
				printf(" %d", CompareStringA(lcid, flags[f],
							     pairs[p][0], -1,
							     pairs[p][1], -1));
		printf("\n");
		for (size_t p = 0; p < 4; p++) {
			unsigned char k[128];
			int n = LCMapStringA(lcid, LCMAP_SORTKEY | flags[p],
					     "a-\xc9" "b\xdf\x01", -1, (char *)k,
					     sizeof(k));

			printf("  key %lx:", (unsigned long)flags[p]);
			for (int j = 0; j < n; j++)
				printf("%02x", k[j]);
			printf("\n");
		}
	}
	{
		static const wchar_t a[] = L"\x153uvre-\x20ac\x2122",
				     b[] = L"oeuvre\x20ac";
		unsigned char k[128];
		int n;

		printf("CompareStringW %d %d; counted %d; user default %d\n",
		       CompareStringW(0x409, 0, a, -1, b, -1),
		       CompareStringW(0x40c, NORM_IGNORECASE, a, -1, b, -1),
		       CompareStringW(0x409, 0, a, 3, b, 3),
		       CompareStringW(LOCALE_USER_DEFAULT, 0, L"a", -1, L"B",
				      -1));
		n = LCMapStringW(0x407, LCMAP_SORTKEY, a, -1, (wchar_t *)k,
				 sizeof(k));
		printf("LCMapStringW %d:", n);
		for (int j = 0; j < n; j++)
			printf("%02x", k[j]);
		n = LCMapStringW(0x407, LCMAP_SORTKEY, a, -1, NULL, 0);
		printf(" size %d; too small %d %lu\n", n,
		       LCMapStringW(0x407, LCMAP_SORTKEY, a, -1, (wchar_t *)k,
				    4),
		       GetLastError());
	}
}

int main(void)
{
	printf("C: %s\n", setlocale(LC_ALL, "C"));
	sorted("strcoll", strcoll);
	sorted("_stricoll", _stricoll);
	cmp_n = 2;
	sorted("_strncoll 2", ncoll);
	sorted("_strnicoll 2", nicoll);
	wsorted("wcscoll", wcscoll);
	keys();
	locale_orders("English_United States.1252");
	locale_orders("French_France.1252");
	locale_orders("Spanish_Spain.1252");
	locale_orders("German_Germany.1252");
	/* LC_COLLATE alone decides; LC_CTYPE alone does not. */
	setlocale(LC_ALL, "C");
	setlocale(LC_CTYPE, "French");
	printf("LC_CTYPE French only: %d\n", strcoll("\xe9", "f"));
	setlocale(LC_COLLATE, "French");
	printf("and LC_COLLATE French: %d\n", strcoll("\xe9", "f"));
	{
		_locale_t l = _create_locale(LC_COLLATE, "Spanish");

		setlocale(LC_ALL, "C");
		printf("_strcoll_l Spanish: %d %d; _stricoll_l %d\n",
		       _strcoll_l("\xf1", "nz", l), strcoll("\xf1", "nz"),
		       _stricoll_l("\xd1" "a", "\xf1" "A", l));
		_free_locale(l);
	}
	kernel32();
	return 0;
}
