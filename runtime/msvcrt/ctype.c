/*
 * ctype.c — msvcrt's character classes and case mapping: the "C" locale
 * table with msvcrt's bit values (_pctype, _isctype, isalpha, ...), the
 * wide classes (iswalpha, iswctype, ...: ASCII by the table, the rest by
 * glibc's Unicode data), toupper/tolower and towupper/towlower.
 */
#include <ctype.h>
#include <wctype.h>

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

static unsigned short ctype_table[257]; /* [0] is EOF */
unsigned short *w32__pctype = ctype_table + 1;

__attribute__((constructor)) static void build_ctype(void)
{
	for (int c = 0; c < 128; c++) {
		unsigned short m = 0;

		if (c >= 'A' && c <= 'Z')
			m |= C_UPPER | C_ALPHA;
		if (c >= 'a' && c <= 'z')
			m |= C_LOWER | C_ALPHA;
		if (c >= '0' && c <= '9')
			m |= C_DIGIT;
		if (c == ' ' || (c >= 9 && c <= 13))
			m |= C_SPACE;
		if (c < 32 || c == 127)
			m |= C_CONTROL;
		if (c == ' ')
			m |= C_BLANK;
		if (c > 32 && c < 127 && !(m & (C_ALPHA | C_DIGIT)))
			m |= C_PUNCT;
		if (isxdigit(c))
			m |= C_HEX;
		ctype_table[c + 1] = m;
	}
}

/* The classes of LC_CTYPE's locale: _pctype is switched by setlocale. */
static int cls(int c, int mask)
{
	if (c < -1 || c > 255)
		return 0;
	return w32__pctype[c] & mask;
}

int WINAPI w32__isctype(int c, int mask)
{
	return cls(c, mask);
}

#define CTYPE(name, mask)                                                      \
	int WINAPI w32_##name(int c)                                           \
	{                                                                      \
		return cls(c, mask);                                           \
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

int WINAPI w32_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : rt_crt_case_hi(c, 1);
}

int WINAPI w32_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : rt_crt_case_hi(c, 0);
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

/* Wide classes: ASCII by the table, the rest by glibc's Unicode data. */
int WINAPI w32_iswalpha(unsigned short c)
{
	return c < 128	      ? cls(c, C_ALPHA | C_UPPER | C_LOWER)
		: iswalpha(c) ? (int)C_ALPHA
			      : 0;
}

int WINAPI w32_iswdigit(unsigned short c)
{
	return c < 128 ? cls(c, C_DIGIT) : 0;
}

int WINAPI w32_iswspace(unsigned short c)
{
	return c < 128 ? cls(c, C_SPACE) : iswspace(c) ? (int)C_SPACE : 0;
}

/* iswctype's mask uses msvcrt's ctype bits (_UPPER 1, _LOWER 2, _DIGIT 4,
 * _SPACE 8, _PUNCT 0x10, _CONTROL 0x20, _BLANK 0x40, _HEX 0x80,
 * _ALPHA 0x100). */
int WINAPI w32_iswctype(unsigned short c, unsigned short mask)
{
	unsigned m = 0;

	if (c < 256)
		return w32__pctype[c] & mask;
	if (iswupper(c))
		m |= 0x1 | 0x100;
	if (iswlower(c))
		m |= 0x2 | 0x100;
	if (iswalpha(c))
		m |= 0x100;
	if (iswdigit(c))
		m |= 0x4;
	if (iswspace(c))
		m |= 0x8;
	if (iswpunct(c))
		m |= 0x10;
	if (iswcntrl(c))
		m |= 0x20;
	return (int)(m & mask);
}

unsigned short WINAPI w32_towupper(unsigned short c)
{
	return (unsigned short)(c < 128 ? (wint_t)w32_toupper(c) : towupper(c));
}

unsigned short WINAPI w32_towlower(unsigned short c)
{
	return (unsigned short)(c < 128 ? (wint_t)w32_tolower(c) : towlower(c));
}
