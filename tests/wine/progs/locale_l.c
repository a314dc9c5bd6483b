/* locale_l.c — msvcrt's locale objects and the _l functions: what
 * _create_locale and _get_current_locale hold, as a program reads them
 * through mingw's headers (threadlocinfo: LCIDs, names, code pages,
 * lconv, the class table and case maps that mingw's inline _isalpha_l
 * reads); that an _l function follows its locale whatever the current
 * one is (classes, case, numbers both ways, printf, conversions between
 * bytes and wide characters, case-insensitive comparisons); toupper's
 * ASCII-only start and its answer for values beyond a byte; what
 * _wsetlocale and the ___lc_* queries say.  Functions Wine 8's msvcrt
 * lacks (_printf_l, _wprintf_l) are looked up, and skipped there.
 * wine-test: both-stdio */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <mbstring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include <windows.h>

/* Exports of msvcrt.dll that mingw's headers do not declare. */
char *__cdecl _strlwr_l(char *s, _locale_t l);
int __cdecl ___lc_collate_cp_func(void);
LCID *__cdecl ___lc_handle_func(void);

static const char *const names[] = {
	"C",
	"English_United States.1252",
	"English_United Kingdom.1252",
	"German_Germany.1252",
	"French_France.1252",
	"Portuguese_Brazil.1252",
	"Portuguese_Portugal.1252",
	"Spanish_Spain.1252",
	"Italian_Italy.1252",
	"Dutch_Netherlands.1252",
};

static void show(const char *s)
{
	if (!s) {
		printf("(null)");
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 32 || *p > 126)
			printf("\\x%02x", *p);
		else
			putchar(*p);
}

static void grouping(const char *g)
{
	for (; *g; g++)
		printf("%d.", *g);
}

/* A table as a short digest: its sum and a few of its entries. */
static void table16(const char *what, const unsigned short *t)
{
	unsigned sum = 0;

	for (int i = 0; i < 256; i++)
		sum = sum * 31 + t[i];
	printf("    %s sum %08x [0x41]=%x [0xe4]=%x [0x8a]=%x [0xa0]=%x "
	       "[0xd7]=%x\n",
	       what, sum, t[0x41], t[0xe4], t[0x8a], t[0xa0], t[0xd7]);
}

static void table8(const char *what, const unsigned char *t)
{
	unsigned sum = 0;

	for (int i = 0; i < 256; i++)
		sum = sum * 31 + t[i];
	printf("    %s sum %08x [0x41]=%x [0x61]=%x [0xc4]=%x [0xe4]=%x "
	       "[0x9a]=%x [0x8a]=%x [0xff]=%x [0xdf]=%x\n",
	       what, sum, t[0x41], t[0x61], t[0xc4], t[0xe4], t[0x9a],
	       t[0x8a], t[0xff], t[0xdf]);
}

/* What a locale object holds, field by field. */
static void dump(const char *tag, _locale_t l, int refcounts)
{
	pthreadlocinfo li = l->locinfo;
	struct lconv *c = li->lconv;

	printf("  %s: codepage %u collate_cp %u clike %d mb_cur_max %d\n", tag,
	       li->lc_codepage, li->lc_collate_cp, li->lc_clike,
	       li->mb_cur_max);
	if (refcounts)
		printf("    refcount %d\n", li->refcount);
	for (int i = 0; i < 6; i++) {
		printf("    [%d] handle %04lx id %04x/%04x/%u ", i,
		       (unsigned long)li->lc_handle[i], li->lc_id[i].wLanguage,
		       li->lc_id[i].wCountry, li->lc_id[i].wCodePage);
		show(li->lc_category[i].locale);
		printf(" wlocale %s", li->lc_category[i].wlocale ? "set" : "NULL");
		if (refcounts && li->lc_category[i].refcount)
			printf(" ref %d", *li->lc_category[i].refcount);
		printf("\n");
	}
	printf("    lconv point \"");
	show(c->decimal_point);
	printf("\" thousands \"");
	show(c->thousands_sep);
	printf("\" grouping ");
	grouping(c->grouping);
	printf(" intl \"%s\" currency \"", c->int_curr_symbol);
	show(c->currency_symbol);
	printf("\" mon point \"");
	show(c->mon_decimal_point);
	printf("\" mon thousands \"");
	show(c->mon_thousands_sep);
	printf("\" mon grouping ");
	grouping(c->mon_grouping);
	printf(" signs \"%s\" \"%s\"\n", c->positive_sign, c->negative_sign);
	printf("    digits %d %d cs %d %d %d %d posn %d %d\n",
	       c->int_frac_digits, c->frac_digits, c->p_cs_precedes,
	       c->p_sep_by_space, c->n_cs_precedes, c->n_sep_by_space,
	       c->p_sign_posn, c->n_sign_posn);
	printf("    refcounts intl %s num %s mon %s ctype %s time %s\n",
	       li->lconv_intl_refcount ? "set" : "NULL",
	       li->lconv_num_refcount ? "set" : "NULL",
	       li->lconv_mon_refcount ? "set" : "NULL",
	       li->ctype1_refcount ? "set" : "NULL",
	       li->lc_time_curr ? "set" : "NULL");
	if (refcounts && li->lconv_num_refcount)
		printf("    num refcount %d\n", *li->lconv_num_refcount);
	if (li->ctype1)
		printf("    ctype1 %s pctype\n",
		       li->ctype1 + 1 == li->pctype ? "is" : "is not");
	table16("pctype", li->pctype);
	table8("pclmap", li->pclmap);
	table8("pcumap", li->pcumap);
}

static void objects(void)
{
	printf("objects:\n");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		_locale_t l = _create_locale(LC_ALL, names[i]);

		if (!l) {
			printf("  %s: NULL\n", names[i]);
			continue;
		}
		dump(names[i], l, 1);
		_free_locale(l);
	}
	{
		_locale_t l = _create_locale(LC_NUMERIC, "French");

		dump("LC_NUMERIC French", l, 1);
		_free_locale(l);
		l = _create_locale(LC_MONETARY, "Dutch");
		dump("LC_MONETARY Dutch", l, 1);
		_free_locale(l);
		l = _create_locale(LC_ALL, "LC_COLLATE=German_Germany.1252;"
					   "LC_TIME=Spanish_Spain.1252");
		dump("composite", l, 0);
		_free_locale(l);
	}
	printf("  bad: %p %p %p %p\n", (void *)_create_locale(6, "C"),
	       (void *)_create_locale(-1, "C"),
	       (void *)_create_locale(LC_ALL, "Klingon"),
	       (void *)_create_locale(LC_ALL, NULL));
	{
		_locale_t l = _create_locale(LC_ALL, "");

		dump("\"\"", l, 0);
		_free_locale(l);
	}
	setlocale(LC_ALL, "Italian");
	{
		_locale_t l = _get_current_locale();

		setlocale(LC_ALL, "C");
		dump("current (Italian), after setlocale C", l, 0);
		_free_locale(l);
		l = _get_current_locale();
		dump("current (C)", l, 0);
		_free_locale(l);
	}
	_free_locale(NULL);
}

/* The _l functions in l, whatever the current locale is. */
static void functions(const char *name, _locale_t l)
{
	char buf[64], *end, s[] = "\xc4pfel \xe9t\xe9 \x8aKODA \xff";
	wchar_t w[16];
	int r;

	printf("%s:\n", name);
	printf("  classes e4: alpha %x upper %x lower %x print %x; a0: space %x "
	       "blank-as-print %x; 8a %x; d7 %x\n",
	       _isalpha_l(0xe4, l), _isupper_l(0xe4, l), _islower_l(0xe4, l),
	       _isprint_l(0xe4, l), _isspace_l(0xa0, l), _isprint_l(0xa0, l),
	       _isalpha_l(0x8a, l), _ispunct_l(0xd7, l));
	printf("  _isctype_l 0xe9 %x 0x300 %x; -1 %x\n",
	       _isctype_l(0xe9, 0xffff, l), _isctype_l(0x300, 0xffff, l),
	       _isctype_l(-1, 0xffff, l));
	printf("  case: e4 %x/%x c4 %x 9a %x ff %x df %x 41 %x\n",
	       _toupper_l(0xe4, l), _tolower_l(0xe4, l), _tolower_l(0xc4, l),
	       _toupper_l(0x9a, l), _toupper_l(0xff, l), _toupper_l(0xdf, l),
	       _tolower_l('A', l));
	errno = 0;
	r = _toupper_l(0x1e9, l);
	printf("  _toupper_l(0x1e9) %x errno %d\n", r, errno);
	printf("  wide: e4 %x b5 %x 3b1 %x 430 %x; alpha 3b1 %x\n",
	       _towupper_l(0xe4, l), _towupper_l(0xb5, l),
	       _towupper_l(0x3b1, l), _towupper_l(0x430, l),
	       _iswalpha_l(0x3b1, l));
	printf("  strtod %g", _strtod_l("1,5", &end, l));
	printf(" rest \"%s\" atof %g strtol %ld", end, _atof_l("\xa0 2,25", l),
	       _strtol_l("\xa0 42z", &end, 10, l));
	printf(" rest \"%s\" atoi %d\n", end, _atoi_l("\xa0 -7", l));
	_sprintf_l(buf, "%.2f|%e|%g|%5.1f", l, 3.14159, 1234.5, 0.25, -2.25);
	printf("  _sprintf_l %s\n", buf);
	_snprintf_l(buf, sizeof(buf), "%S|%C", l, L"\x20ac\xe9", 0x152);
	printf("  _snprintf_l wide to bytes: ");
	show(buf);
	printf("\n");
	_snwprintf_l(w, 16, L"%hs|%.1f", l, "\x80\xe9", 1.5);
	printf("  _snwprintf_l:");
	for (int i = 0; w[i]; i++)
		printf(" %x", w[i]);
	printf("\n");
	printf("  _scprintf_l %d\n", _scprintf_l("%f", l, 1.0));
	memset(w, 0, sizeof(w));
	printf("  _mbstowcs_l %d:", (int)_mbstowcs_l(w, "\x80\x81\xe9\x9f", 16,
						   l));
	for (int i = 0; w[i]; i++)
		printf(" %x", w[i]);
	errno = 0;
	memset(buf, 0, sizeof(buf));
	r = (int)_wcstombs_l(buf, L"\x20ac\xe9\x153", sizeof(buf), l);
	printf("\n  _wcstombs_l %d errno %d: ", r, errno);
	show(buf);
	errno = 0;
	r = _wctomb_l(buf, 0x2122, l);
	printf("\n  _wctomb_l(2122) %d errno %d", r, errno);
	{
		wchar_t wc = 0;

		r = _mbtowc_l(&wc, "\x99", 1, l);
		printf(" _mbtowc_l(99) %d %x\n", r, wc);
	}
	printf("  _stricmp_l %d %d _strnicmp_l %d _memicmp_l %d\n",
	       _stricmp_l("\xc4pfel", "\xe4PFEL", l),
	       _stricmp_l("abc", "ABD", l),
	       _strnicmp_l("\xc9t\xc9", "\xe9T\xe9s", 3, l),
	       _memicmp_l("\xc4\x00x", "\xe4\x00y", 3, l));
	printf("  _wcsicmp_l %d\n", _wcsicmp_l(L"\x3a3\xc4", L"\x3c3\xe4", l));
	strcpy(buf, s);
	_strupr_l(buf, l);
	printf("  _strupr_l ");
	show(buf);
	strcpy(buf, s);
	_strlwr_l(buf, l);
	printf(" _strlwr_l ");
	show(buf);
	printf("\n");
	wcscpy(w, L"\x3b1\xe9\x17e");
	_wcsupr_l(w, l);
	printf("  _wcsupr_l %x %x %x\n", w[0], w[1], w[2]);
}

/* The functions without _l follow the current locale. */
static void current(void)
{
	wchar_t *w;

	printf("current:\n");
	setlocale(LC_CTYPE, "German");
	printf("  German: %x %x 1e4 %x; ___lc_codepage_func %u "
	       "___lc_collate_cp_func %d\n",
	       toupper(0xe4), tolower(0xc4), toupper(0x1e4),
	       ___lc_codepage_func(), ___lc_collate_cp_func());
	printf("  ___lc_handle_func: %lx %lx %lx\n",
	       (unsigned long)___lc_handle_func()[LC_COLLATE],
	       (unsigned long)___lc_handle_func()[LC_CTYPE],
	       (unsigned long)___lc_handle_func()[LC_TIME]);
	setlocale(LC_ALL, "C");
	errno = 0;
	printf("  C again: %x %x; toupper(0x1e4) %x errno %d; towupper(e4) "
	       "%x\n",
	       toupper(0xe4), tolower(0xc4), toupper(0x1e4), errno,
	       towupper(0xe4));
	setlocale(LC_ALL, "Spanish");
	printf("  Spanish: towupper(e4) %x towlower(3a3) %x _wcsicmp %d\n",
	       towupper(0xe4), towlower(0x3a3), _wcsicmp(L"\xd1", L"\xf1"));
	printf("  _stricmp %d _strnicmp %d _strlwr ", _stricmp("\xd1", "\xf1"),
	       _strnicmp("A\xc9", "a\xe9z", 2));
	{
		char b[] = "\xd1O\xd1O";

		show(_strlwr(b));
	}
	printf("\n");
	w = _wsetlocale(LC_ALL, NULL);
	printf("  _wsetlocale(NULL): %ls\n", w);
	w = _wsetlocale(LC_NUMERIC, L"German");
	printf("  _wsetlocale(LC_NUMERIC, German): %ls\n", w ? w : L"NULL");
	w = _wsetlocale(LC_ALL, NULL);
	printf("  _wsetlocale(LC_ALL, NULL): %ls\n", w);
	w = _wsetlocale(LC_ALL, L"Klingon");
	printf("  _wsetlocale(Klingon): %ls\n", w ? w : L"NULL");
	setlocale(LC_ALL, "C");
	printf("  C: _stricmp %d %d _memicmp %d _strnicmp %d\n",
	       _stricmp("\xd1", "\xf1"), _stricmp("a", "\xe1"),
	       _memicmp("\xc1", "a", 1), _strnicmp("B", "a", 1));
}

/* _atodbl and _atoflt_l: the number into a structure, and whether it
 * fits (_OVERFLOW, _UNDERFLOW), errno untouched. */
static void ato(void)
{
	static const char *const s[] = {"1.5",	 "1,5",	  " 2e10",  "1e400",
					"-1e400", "1e-400", "1e-310", "abc",
					"3.4e39", "1e-39",  "1e-50",  "0"};
	_locale_t g = _create_locale(LC_ALL, "German");

	printf("ato:\n");
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		_CRT_DOUBLE d, dl;
		_CRT_FLOAT f;
		int r, rl, rf;

		errno = 0;
		r = _atodbl(&d, (char *)s[i]);
		rl = _atodbl_l(&dl, (char *)s[i], g);
		rf = _atoflt_l(&f, (char *)s[i], g);
		printf("  %s: %d %g / %d %g / %d %g errno %d\n", s[i], r, d.x,
		       rl, dl.x, rf, (double)f.f, errno);
	}
	_free_locale(g);
}

/* The printf functions of the _l family Wine 8's msvcrt lacks: looked
 * up; where they are missing, printf after setlocale says what they
 * would. */
static void lookups(const char *name)
{
	HMODULE crt = GetModuleHandleA("msvcrt.dll");
	int(__cdecl * pl)(const char *, _locale_t, ...) =
		(int(__cdecl *)(const char *, _locale_t,
				...))(void *)GetProcAddress(crt, "_printf_l");
	int(__cdecl * wpl)(const wchar_t *, _locale_t, ...) =
		(int(__cdecl *)(const wchar_t *, _locale_t,
				...))(void *)GetProcAddress(crt, "_wprintf_l");
	_locale_t l = _create_locale(LC_ALL, name);

	fflush(stdout);
	if (pl && wpl) {
		pl("  _printf_l %.3f %S\n", l, 2.5, L"\xe9");
		wpl(L"  _wprintf_l %.3f %hs\n", l, 2.5, "\x80");
	} else {
		setlocale(LC_ALL, name);
		printf("  _printf_l %.3f %S\n", 2.5, L"\xe9");
		wprintf(L"  _wprintf_l %.3f %hs\n", 2.5, "\x80");
		setlocale(LC_ALL, "C");
	}
	fflush(stdout);
	_free_locale(l);
}

int main(void)
{
	errno = 0;
	printf("before any locale: toupper %x tolower %x toupper(0x1e4) %x "
	       "errno %d\n",
	       toupper(0xe4), tolower(0xc4), toupper(0x1e4), errno);
	objects();
	setlocale(LC_ALL, "C");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		_locale_t l = _create_locale(LC_ALL, names[i]);

		/* The current locale differs from l on purpose. */
		setlocale(LC_ALL, i == 3 ? "French" : "German");
		functions(names[i], l);
		setlocale(LC_ALL, "C");
		_free_locale(l);
	}
	current();
	ato();
	lookups("German");
	lookups("C");
	return 0;
}
