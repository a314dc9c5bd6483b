/*
 * ctype.c — msvcrt's character classes and case mapping: the "C" locale
 * table with msvcrt's bit values (_pctype, _isctype, isalpha, ...) and
 * its locale's (_isalpha_l, ...: the table of LC_CTYPE's locale, which
 * setlocale puts in _pctype), the wide classes (iswalpha, iswctype,
 * ...: ASCII by the table, the rest by glibc's Unicode data), toupper,
 * tolower and their _l twins (the locale's case maps), towupper and
 * towlower.
 */
#include <ctype.h>

#include "runtime/core/codepage.h"
#include "runtime/msvcrt/msvcrt.h"

#define C_UPPER	  0x1
#define C_LOWER	  0x2
#define C_DIGIT	  0x4
#define C_SPACE	  0x8
#define C_PUNCT	  0x10
#define C_CONTROL 0x20
#define C_BLANK	  0x40
#define C_HEX	  0x80
#define C_ALPHA	  0x100
#define C_LEADBYTE 0x8000

static unsigned short ctype_table[257]; /* [0] is EOF */
unsigned short *w32__pctype = ctype_table + 1;

__attribute__((constructor)) static void build_ctype(void)
{
	for (int c = 0; c < 128; c++) {
		unsigned short m = 0;

		/* No C_ALPHA in "C": msvcrt's table has upper and lower
		 * case only (isalpha asks all three). */
		if (c >= 'A' && c <= 'Z')
			m |= C_UPPER;
		if (c >= 'a' && c <= 'z')
			m |= C_LOWER;
		if (c >= '0' && c <= '9')
			m |= C_DIGIT;
		if (c == ' ' || (c >= 9 && c <= 13))
			m |= C_SPACE;
		if (c < 32 || c == 127)
			m |= C_CONTROL;
		if (c == ' ')
			m |= C_BLANK;
		if (c > 32 && c < 127 && !(m & (C_UPPER | C_LOWER | C_DIGIT)))
			m |= C_PUNCT;
		if (isxdigit(c))
			m |= C_HEX;
		ctype_table[c + 1] = m;
	}
}

const unsigned short *rt_crt_ctype_c(void)
{
	return ctype_table + 1;
}

/* The classes of LC_CTYPE's locale: _pctype is switched by setlocale. */
static int cls(int c, int mask)
{
	if (c < -1 || c > 255)
		return 0;
	return w32__pctype[c] & mask;
}

/* Classes in locale l: a single-byte code page has no class for a value
 * outside a byte. */
static int cls_l(int c, int mask, w32_locale_t l)
{
	if (c < -1 || c > 255)
		return 0;
	return rt_crt_locinfo(l)->pctype[c] & mask;
}

int WINAPI w32__isctype(int c, int mask)
{
	return cls(c, mask);
}

int WINAPI w32__isctype_l(int c, int mask, w32_locale_t l)
{
	return cls_l(c, mask, l);
}

#define CTYPE(name, mask)                                                      \
	int WINAPI w32_##name(int c)                                           \
	{                                                                      \
		return cls(c, mask);                                           \
	}                                                                      \
	int WINAPI w32__##name##_l(int c, w32_locale_t l)                      \
	{                                                                      \
		return cls_l(c, mask, l);                                      \
	}
CTYPE(isalpha, C_ALPHA | C_UPPER | C_LOWER)
CTYPE(isupper, C_UPPER)
CTYPE(islower, C_LOWER)
CTYPE(isdigit, C_DIGIT)
CTYPE(isxdigit, C_HEX)
CTYPE(isspace, C_SPACE)
CTYPE(ispunct, C_PUNCT)
CTYPE(isalnum, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT)
CTYPE(isprint, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT | C_BLANK)
CTYPE(isgraph, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)
CTYPE(iscntrl, C_CONTROL)
CTYPE(isleadbyte, C_LEADBYTE)

/* _toupper_l: the locale's case map for a byte; above (or below), msvcrt
 * maps the low byte (rt_crt_case_far). */
int WINAPI w32__toupper_l(int c, w32_locale_t l)
{
	if ((unsigned)c < 256)
		return rt_crt_locinfo(l)->pcumap[c];
	return rt_crt_case_far(c, 1, l);
}

int WINAPI w32__tolower_l(int c, w32_locale_t l)
{
	if ((unsigned)c < 256)
		return rt_crt_locinfo(l)->pclmap[c];
	return rt_crt_case_far(c, 0, l);
}

/* toupper and tolower are ASCII's until a program sets a locale (even
 * "C" again afterwards): msvcrt's shortcut. */
int WINAPI w32_toupper(int c)
{
	if (!rt_crt_locale_was_set())
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	return w32__toupper_l(c, 0);
}

int WINAPI w32_tolower(int c)
{
	if (!rt_crt_locale_was_set())
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return w32__tolower_l(c, 0);
}

/* _toupper and _tolower shift whatever they are given (msvcrt's). */
int WINAPI w32__toupper(int c)
{
	return c - 0x20;
}

int WINAPI w32__tolower(int c)
{
	return c + 0x20;
}

int WINAPI w32___toascii(int c)
{
	return (int)((unsigned)c & 0x7f);
}

int WINAPI w32___iscsym(int c)
{
	return c < 127 && (w32_isalnum(c) || c == '_');
}

int WINAPI w32___iscsymf(int c)
{
	return c < 127 && (w32_isalpha(c) || c == '_');
}

unsigned short *WINAPI w32___pctype_func(void)
{
	return w32__pctype;
}

unsigned short **WINAPI w32___p__pctype(void)
{
	return &w32__pctype;
}

int WINAPI w32___isascii(int c)
{
	return (unsigned)c < 0x80;
}

/* ---- wide classes and case ------------------------------------------ */

/* towupper or towlower turns unit into mapped (wctype_latin1: iswctype's
 * classes of unit are mapped). */
struct wcase_pair {
	WCHAR unit, mapped;
};

#include "runtime/msvcrt/wctype_data.h"

/* iswctype: msvcrt's classes of a UTF-16 unit, the same in every locale:
 * kernel32's CT_CTYPE1 types (GetStringTypeW), without C1_DEFINED below
 * U+0100, and for five Latin-1 units msvcrt's own (measured from Wine:
 * wctype_data.h, which runtime/nls/regen.sh checks is all that differs). */
int WINAPI w32_iswctype(unsigned short c, unsigned short mask)
{
	WORD t = 0;

	if (c < 0x100) {
		for (size_t i = 0;
		     i < sizeof(wctype_latin1) / sizeof(wctype_latin1[0]); i++)
			if (wctype_latin1[i].unit == c)
				return wctype_latin1[i].mapped & mask;
	}
	w32_GetStringTypeW(CT_CTYPE1, &c, 1, &t);
	if (c < 0x100)
		t &= (WORD)~C1_DEFINED;
	return t & mask;
}

int WINAPI w32_iswalpha(unsigned short c)
{
	return w32_iswctype(c, C_ALPHA | C_UPPER | C_LOWER);
}

int WINAPI w32_iswdigit(unsigned short c)
{
	return w32_iswctype(c, C_DIGIT);
}

int WINAPI w32_iswspace(unsigned short c)
{
	return w32_iswctype(c, C_SPACE);
}

static WCHAR wcase(const struct wcase_pair *t, size_t n, WCHAR c)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t[mid].unit == c)
			return t[mid].mapped;
		if (t[mid].unit < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c;
}

/* toupper or tolower of a value beyond a byte: msvcrt converts its low
 * byte as LC_CTYPE's code page (the ANSI page, 1252, in "C") reads it,
 * changes the character's case and converts back, a best-fit look-alike
 * or the default character for one the page lacks. */
int rt_crt_case_far(int c, int upper, w32_locale_t l)
{
	UINT cp = rt_crt_locinfo(l)->lc_codepage;
	const struct rt_codepage *p = rt_codepage(cp ? cp : 1252);
	WCHAR w;
	int exact;

	*rt_errno_ptr() = W_EILSEQ;
	if (!p)
		return c & 0xff;
	w = rt_cp_decode(p, (unsigned)c & 0xff, 0);
	if (upper)
		w = wcase(wcase_upper,
			  sizeof(wcase_upper) / sizeof(wcase_upper[0]), w);
	else
		w = wcase(wcase_lower,
			  sizeof(wcase_lower) / sizeof(wcase_lower[0]), w);
	return (int)(rt_cp_encode(p, w, &exact) & 0xff);
}

/* _towupper_l: ASCII letters in "C"; in a locale, Unicode's case. */
unsigned short WINAPI w32__towupper_l(unsigned short c, w32_locale_t l)
{
	if (!rt_crt_locinfo(l)->lc_handle[W_LC_CTYPE])
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	return wcase(wcase_upper, sizeof(wcase_upper) / sizeof(wcase_upper[0]),
		     c);
}

unsigned short WINAPI w32__towlower_l(unsigned short c, w32_locale_t l)
{
	if (!rt_crt_locinfo(l)->lc_handle[W_LC_CTYPE])
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	return wcase(wcase_lower, sizeof(wcase_lower) / sizeof(wcase_lower[0]),
		     c);
}

unsigned short WINAPI w32_towupper(unsigned short c)
{
	return w32__towupper_l(c, 0);
}

unsigned short WINAPI w32_towlower(unsigned short c)
{
	return w32__towlower_l(c, 0);
}

/* The other wide classes, and every one's _l twin: msvcrt's wide
 * classes are the same in every locale. */
#define WCTYPE(name, mask)                                                     \
	int WINAPI w32_##name(unsigned short c)                                \
	{                                                                      \
		return w32_iswctype(c, mask);                                  \
	}
#define WCTYPE_L(name, mask)                                                   \
	int WINAPI w32__##name##_l(unsigned short c, w32_locale_t l)          \
	{                                                                      \
		(void)l;                                                       \
		return w32_iswctype(c, mask);                                  \
	}
WCTYPE(iswalnum, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT)
WCTYPE(iswcntrl, C_CONTROL)
WCTYPE(iswgraph, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)
WCTYPE(iswlower, C_LOWER)
WCTYPE(iswprint, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT | C_BLANK)
WCTYPE(iswpunct, C_PUNCT)
WCTYPE(iswupper, C_UPPER)
WCTYPE(iswxdigit, C_HEX)
WCTYPE_L(iswalnum, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT)
WCTYPE_L(iswalpha, C_ALPHA | C_UPPER | C_LOWER)
WCTYPE_L(iswcntrl, C_CONTROL)
WCTYPE_L(iswdigit, C_DIGIT)
WCTYPE_L(iswgraph, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)
WCTYPE_L(iswlower, C_LOWER)
WCTYPE_L(iswprint, C_ALPHA | C_UPPER | C_LOWER | C_DIGIT | C_PUNCT | C_BLANK)
WCTYPE_L(iswpunct, C_PUNCT)
WCTYPE_L(iswspace, C_SPACE)
WCTYPE_L(iswupper, C_UPPER)
WCTYPE_L(iswxdigit, C_HEX)

int WINAPI w32__iswctype_l(unsigned short c, unsigned short mask,
			   w32_locale_t l)
{
	(void)l;
	return w32_iswctype(c, mask);
}

int WINAPI w32_iswascii(unsigned short c)
{
	return c < 0x80;
}

