/* locale_cp.c — msvcrt's locales whose code page is not Windows-1252
 * (Russian 1251, Polish and Czech 1250, Greek 1253, Turkish 1254) and
 * the Nordic 1252 ones, and names that pair a locale with another
 * single-byte code page ("English_United States.1251", ".OCP"): for each,
 * setlocale's answer, the code page, localeconv, every byte's classes and
 * case (toupper/tolower, and of values above 255), strftime's and
 * wcsftime's names and pictures of a fixed date, mbstowcs/wcstombs of
 * every byte and back, and the same through _create_locale and the _l
 * functions.
 * wine-test: both-stdio */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

static const char *const names[] = {
	"Russian_Russia.1251",	  "Polish_Poland.1250",
	"Czech_Czechia.1250",	  "Greek_Greece.1253",
	"Turkish_Turkey.1254",	  "Swedish_Sweden.1252",
	"Danish_Denmark.1252",	  "Norwegian_Norway.1252",
	"Finnish_Finland.1252",	  "Russian",
	"rus",			  "Czech",
	"plk",			  "Norwegian",
	"English_United States.1251", "German_Germany.1250",
	"Russian_Russia.1252",	  "Russian_Russia.OCP",
	"Greek_Greece.OCP",	  "Polish_Poland.OCP",
	"Turkish_Turkey.ACP",	  "English_United States.1253",
	".1251",		  "Russian_Russia.866",
};
#define N (sizeof(names) / sizeof(names[0]))

static unsigned hash(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h;
}

/* Bytes as text: printable ASCII as is, the rest as \xNN. */
static void show(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 32 && *p < 127 && *p != '\\')
			putchar(*p);
		else
			printf("\\x%02x", *p);
}

static void conv(void)
{
	struct lconv *c = localeconv();

	printf("  lconv dec=");
	show(c->decimal_point);
	printf(" thou=");
	show(c->thousands_sep);
	printf(" grp=");
	show(c->grouping);
	printf(" int=");
	show(c->int_curr_symbol);
	printf(" cur=");
	show(c->currency_symbol);
	printf(" mdec=");
	show(c->mon_decimal_point);
	printf(" mthou=");
	show(c->mon_thousands_sep);
	printf(" pos=");
	show(c->positive_sign);
	printf(" neg=");
	show(c->negative_sign);
	printf(" %d %d %d %d %d %d %d %d\n", c->int_frac_digits,
	       c->frac_digits, c->p_cs_precedes, c->p_sep_by_space,
	       c->n_cs_precedes, c->n_sep_by_space, c->p_sign_posn,
	       c->n_sign_posn);
}

/* The classes and case of the bytes above 127, 32 a line: the _pctype
 * mask, toupper, tolower. */
static void bytes(void)
{
	unsigned short cls[256];
	unsigned char up[256], low[256], hu[256], hl[256];
	int alpha = 0, upper = 0, lower = 0;

	for (int c = 0; c < 256; c++) {
		cls[c] = (unsigned short)_isctype(c, 0xffff);
		up[c] = (unsigned char)toupper(c);
		low[c] = (unsigned char)tolower(c);
		errno = 0;
		hu[c] = (unsigned char)toupper(0x100 | c);
		hl[c] = (unsigned char)tolower(0x100 | c);
		alpha += !!isalpha(c);
		upper += !!isupper(c);
		lower += !!islower(c);
	}
	printf("  classes %08x upper %08x lower %08x far %08x %08x; "
	       "alpha %d upper %d lower %d\n",
	       hash(cls, sizeof(cls)), hash(up, 256), hash(low, 256),
	       hash(hu, 256), hash(hl, 256), alpha, upper, lower);
	for (int row = 0x80; row < 0x100; row += 16) {
		printf("  %02x:", row);
		for (int c = row; c < row + 16; c++)
			printf(" %03x/%02x/%02x", cls[c], up[c], low[c]);
		printf("\n");
	}
}

static void times(void)
{
	struct tm t = {0};
	char buf[256];
	wchar_t w[256];
	static const char *const fmts[] = {"%a %A", "%b %B", "%c", "%x",
					   "%X %p", "%#x"};

	t.tm_year = 2024 - 1900;
	t.tm_mon = 1;
	t.tm_mday = 29;
	t.tm_wday = 4;
	t.tm_yday = 59;
	t.tm_hour = 15;
	t.tm_min = 4;
	t.tm_sec = 5;
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		wchar_t wf[16];
		size_t n = strftime(buf, sizeof(buf), fmts[i], &t), k;

		printf("  %-6s %u [", fmts[i], (unsigned)n);
		show(buf);
		mbstowcs(wf, fmts[i], 16);
		k = wcsftime(w, 256, wf, &t);
		printf("] wide %u:", (unsigned)k);
		for (size_t j = 0; j < k; j++)
			if (w[j] < 128 && w[j] >= 32)
				printf("%c", (char)w[j]);
			else
				printf("<%04x>", w[j]);
		printf("\n");
	}
}

/* mbstowcs of bytes 0x80-0xff, wcstombs back; and a character no
 * single-byte page has. */
static void round_trip(void)
{
	char in[129], out[260];
	wchar_t w[130];
	size_t n, m;
	static const wchar_t cjk[] = {0x4e00, 0};

	for (int i = 0; i < 128; i++)
		in[i] = (char)(0x80 + i);
	in[128] = 0;
	n = mbstowcs(w, in, 130);
	printf("  mbstowcs %d %08x", (int)n,
	       n == (size_t)-1 ? 0 : hash(w, n * sizeof(w[0])));
	if (n != (size_t)-1) {
		errno = 0;
		m = wcstombs(out, w, sizeof(out));
		printf(" back %d same %d", (int)m,
		       m != (size_t)-1 && !memcmp(in, out, 129));
	}
	errno = 0;
	m = wcstombs(out, cjk, sizeof(out));
	printf(" cjk %d errno %d\n", (int)m, errno);
}

/* The same through a locale object, the current locale "C". */
static void object(const char *name)
{
	_locale_t l = _create_locale(LC_ALL, name);
	unsigned char up[256], low[256];
	int alpha = 0;

	if (!l) {
		printf("  _create_locale NULL\n");
		return;
	}
	for (int c = 0; c < 256; c++) {
		up[c] = (unsigned char)_toupper_l(c, l);
		low[c] = (unsigned char)_tolower_l(c, l);
		alpha += !!_isalpha_l(c, l);
	}
	printf("  object %s cp %u: upper %08x lower %08x alpha %d\n",
	       l->locinfo->lc_category[LC_CTYPE].locale,
	       l->locinfo->lc_codepage, hash(up, 256), hash(low, 256), alpha);
	_free_locale(l);
}

int main(void)
{
	for (size_t i = 0; i < N; i++) {
		const char *r;

		setlocale(LC_ALL, "English_United States.1252");
		r = setlocale(LC_ALL, names[i]);
		printf("%s: ", names[i]);
		if (!r) {
			printf("NULL\n");
			continue;
		}
		show(r);
		printf(" cp %u max %d\n", ___lc_codepage_func(), MB_CUR_MAX);
		conv();
		bytes();
		times();
		round_trip();
		setlocale(LC_ALL, "C");
		object(names[i]);
	}
	/* One category alone. */
	setlocale(LC_ALL, "C");
	printf("ctype: ");
	show(setlocale(LC_CTYPE, "Greek_Greece.1253"));
	printf(" all ");
	show(setlocale(LC_ALL, 0));
	printf(" isalpha(0xe1) %d toupper(0xe1) %02x\n", !!isalpha(0xe1),
	       toupper(0xe1));
	printf("time: ");
	show(setlocale(LC_TIME, "Russian_Russia.1251"));
	printf("\n");
	times();
	return 0;
}
