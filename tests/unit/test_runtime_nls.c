/*
 * test_runtime_nls.c — kernel32's locales where Wine cannot be the
 * comparison: the default locale of Linux locales outside the runtime's
 * table (Wine knows them), the defaults' resolution rules, and the
 * refusals' errors.
 */
#include <string.h>

#include "runtime/core/core.h"
#include "runtime/kernel32/k32int.h"
#include "tests/unit/cu.h"

CU_SUITE(nls, 0, 0)

static LCID unix_lcid(const char *all, const char *cat, const char *lang,
		      int loadable)
{
	return rt_k32_unix_locale(all, cat, lang, loadable)->lcid;
}

/* LC_ALL first, then the category, then LANG; a locale the C library
 * cannot load counts only through LC_ALL. */
CU_TEST(nls, unix_locale_order)
{
	CU_ASSERT_EQUAL(unix_lcid("fr_FR.UTF-8", "de_DE", "sv_SE", 1), 0x40c);
	CU_ASSERT_EQUAL(unix_lcid("", "de_DE.UTF-8", "sv_SE", 1), 0x407);
	CU_ASSERT_EQUAL(unix_lcid(0, 0, "sv_SE.ISO-8859-1", 1), 0x41d);
	CU_ASSERT_EQUAL(unix_lcid(0, 0, "sv_SE", 0), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("ru_RU.UTF-8", 0, 0, 0), 0x419);
}

/* The forms of a name: modifiers, a language alone, C and POSIX, and
 * what the table lacks (English_United States, not a made-up match). */
CU_TEST(nls, unix_locale_names)
{
	CU_ASSERT_EQUAL(unix_lcid("nb_NO.UTF-8@x", 0, 0, 1), 0x414);
	CU_ASSERT_EQUAL(unix_lcid("pt", 0, 0, 1), 0x416);
	CU_ASSERT_EQUAL(unix_lcid("en", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("en_GB", 0, 0, 1), 0x809);
	CU_ASSERT_EQUAL(unix_lcid("C", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("C.UTF-8", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("POSIX", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("ja_JP.UTF-8", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("de_AT.UTF-8", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("de_", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("_DE", 0, 0, 1), 0x409);
	CU_ASSERT_EQUAL(unix_lcid("deutsch_DE", 0, 0, 1), 0x409);
}

/* A neutral LCID is its language's first locale; the sort-order and
 * invariant LCIDs, and locales outside the table, are refused. */
CU_TEST(nls, lcid_resolution)
{
	CU_ASSERT_EQUAL(rt_k32_locale("t", 0x07)->lcid, 0x407);
	CU_ASSERT_EQUAL(rt_k32_locale("t", 0x0c)->lcid, 0x40c);
	CU_ASSERT_PTR_NULL(rt_k32_locale("t", 0x7f));
	CU_ASSERT_PTR_NULL(rt_k32_locale("t", 0x10407));
	CU_ASSERT_PTR_NULL(rt_k32_locale("t", 0x411));
	CU_ASSERT_PTR_NULL(rt_k32_locale_named("t", u"de"));
	CU_ASSERT_EQUAL(rt_k32_locale_named("t", u"DE_de")->lcid, 0x407);
}

/* Every locale answers every LCTYPE the others answer, sorted as the
 * binary search needs. */
CU_TEST(nls, table_shape)
{
	size_t n;
	const struct nls_locale *t = rt_k32_locales(&n);

	CU_ASSERT_EQUAL(n, 18);
	for (size_t i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(t[i].ninfo, t[0].ninfo);
		for (unsigned k = 1; k < t[i].ninfo; k++)
			CU_ASSERT(rt_k32_infos(&t[i])[k - 1].type <
				  rt_k32_infos(&t[i])[k].type);
	}
}

/* A value past a NUMBERFMT's sign orders is refused, as Windows does. */
CU_TEST(nls, number_bad_order)
{
	NUMBERFMTW f = {2, 1, 3, (LPWSTR)u".", (LPWSTR)u",", 5};
	WCHAR out[32];

	rt_set_last_error(0);
	CU_ASSERT_EQUAL(w32_GetNumberFormatW(0x409, 0, u"-1", &f, out, 32), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INVALID_PARAMETER);
	CU_ASSERT_EQUAL(w32_GetNumberFormatW(0x409, 0, u"1", &f, out, 32), 5);
}

/* Answers longer than the runtime's buffer fail with
 * ERROR_INSUFFICIENT_BUFFER; nothing is read or written out of bounds
 * (this suite runs under ASan too). */
CU_TEST(nls, long_answers)
{
	static WCHAR big[3000], pic[3000];
	NUMBERFMTW f = {0xffffffffu, 1, 1, (LPWSTR)u".", (LPWSTR)u",", 1};
	SYSTEMTIME st = {2024, 3, 2, 5, 14, 7, 9, 0};
	WCHAR out[64];

	for (int i = 0; i < 2999; i++)
		big[i] = '9', pic[i] = i % 2 ? 'd' : 'M';
	rt_set_last_error(0);
	CU_ASSERT_EQUAL(w32_GetNumberFormatW(0x409, 0, big, 0, out, 64), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	CU_ASSERT_EQUAL(w32_GetNumberFormatW(0x409, 0, u"1", &f, out, 64), 0);
	CU_ASSERT_EQUAL(w32_GetLastError(), ERROR_INSUFFICIENT_BUFFER);
	CU_ASSERT_EQUAL(w32_GetDateFormatW(0x407, 0, &st, pic, out, 64), 0);
	CU_ASSERT_EQUAL(w32_GetDateFormatW(0x407, 0, &st, pic, 0, 0), 0);
	/* 900 groups of one digit: every digit kept. */
	big[1800] = 0;
	f.NumDigits = 0;
	CU_ASSERT_EQUAL(w32_GetNumberFormatW(0x409, 0, big, &f, 0, 0), 0);
	big[400] = 0;
	CU_ASSERT_EQUAL(w32_GetNumberFormatW(0x409, 0, big, &f, 0, 0), 800);
}

/* Pictures cut short: an unterminated quote runs to the end. */
CU_TEST(nls, odd_pictures)
{
	SYSTEMTIME st = {2024, 3, 2, 5, 14, 7, 9, 0};
	WCHAR out[64];

	CU_ASSERT_EQUAL(w32_GetDateFormatW(0x409, 0, &st, u"d 'abc", out, 64),
			6);
	CU_ASSERT(!memcmp(out, u"5 abc", 12));
	CU_ASSERT_EQUAL(w32_GetTimeFormatW(0x409, 0, &st, u"'", out, 64), 1);
	CU_ASSERT_EQUAL(w32_GetTimeFormatW(0x409, 0x02 /* TIME_NOSECONDS */, &st,
					   u"ss:ss", out, 64),
			1);
}
