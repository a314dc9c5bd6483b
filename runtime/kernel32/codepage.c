/*
 * codepage.c — kernel32: code pages and the conversions between them
 * (MultiByteToWideChar, WideCharToMultiByte), GetACP/GetOEMCP,
 * GetCPInfo(Ex), IsValidCodePage.
 *
 * UTF-8 (65001) is the ANSI, OEM and Mac code page of a dllshare process,
 * as on Windows with "Use Unicode UTF-8 for worldwide language support"
 * (which sets all three to 65001).  The other code pages Wine has are
 * converted too, from the tables of runtime/core/codepage.h (generated
 * from Wine, whose tables are Microsoft's), best-fit characters included:
 * the single-byte ANSI, OEM, ISO 8859, KOI8, Mac and EBCDIC pages and the
 * double-byte ones (932, 936, 949, 950, 1361, 20932, 20949, the Mac CJK
 * pages); so are CP_SYMBOL (42) and UTF-7 (65000, runtime/core/utf7.c).
 * WC_COMPOSITECHECK composes a character and the combining one after it
 * on the table pages (runtime/core/cpcompose.c).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/core/codepage.h"
#include "runtime/kernel32/kernel32.h"

#define CP_ACP		     0
#define CP_OEMCP	     1
#define CP_MACCP	     2
#define CP_THREAD_ACP	     3
#define CP_SYMBOL	     42
#define CP_UTF7		     65000
#define CP_UTF8		     65001
#define MB_PRECOMPOSED	     0x1
#define MB_COMPOSITE	     0x2
#define MB_USEGLYPHCHARS     0x4
#define MB_ERR_INVALID_CHARS 0x8
#define WC_DISCARDNS	     0x10
#define WC_SEPCHARS	     0x20
#define WC_DEFAULTCHAR	     0x40
#define WC_ERR_INVALID_CHARS 0x80
#define WC_COMPOSITECHECK    0x200
#define WC_NO_BEST_FIT_CHARS 0x400
#define ERROR_INVALID_FLAGS  1004

_Static_assert(offsetof(CPINFOEXW, UnicodeDefaultChar) == 18, "CPINFOEXW");
_Static_assert(offsetof(CPINFOEXW, CodePageName) == 24, "CPINFOEXW");

static UINT real_cp(UINT cp)
{
	return cp <= CP_THREAD_ACP ? CP_UTF8 : cp;
}

UINT WINAPI w32_GetACP(void)
{
	return CP_UTF8;
}

UINT WINAPI w32_GetOEMCP(void)
{
	return CP_UTF8;
}

/* The pages converted; CP_SYMBOL converts but is not "installed" (Wine
 * and Windows say FALSE for it), nor are CP_ACP and the other aliases. */
BOOL WINAPI w32_IsValidCodePage(UINT cp)
{
	return cp == CP_UTF8 || cp == CP_UTF7 || rt_codepage(cp) != 0;
}

BOOL WINAPI w32_IsDBCSLeadByteEx(UINT cp, BYTE c)
{
	const struct rt_codepage *p = rt_codepage(real_cp(cp));

	if (!p && real_cp(cp) != CP_UTF8 && cp != CP_UTF7)
		rt_set_last_error(ERROR_INVALID_PARAMETER);
	return p && rt_cp_is_lead(p, c);
}

/* The ANSI code page is UTF-8, which has no lead bytes in the DBCS
 * sense. */
BOOL WINAPI w32_IsDBCSLeadByte(BYTE c)
{
	return FALSE;
}

/* GetCPInfoExW's answer for cp (an alias already resolved), or FALSE
 * with ERROR_INVALID_PARAMETER.  The names are Wine's.  UTF-7 and UTF-8
 * have no lead bytes, '?' and U+FFFD for default characters, and take up
 * to 5 and 4 bytes a character. */
static BOOL cp_info(UINT cp, CPINFOEXW *ci, const char **name)
{
	const struct rt_codepage *p = rt_codepage(cp);

	if (!p && cp != CP_UTF8 && cp != CP_UTF7) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	memset(ci, 0, offsetof(CPINFOEXW, CodePageName));
	ci->CodePage = cp;
	ci->MaxCharSize = cp == CP_UTF7 ? 5 : !p ? 4 : p->dbcs ? 2 : 1;
	ci->DefaultChar[0] = p ? p->defchar : '?';
	if (p)
		memcpy(ci->LeadByte, p->leads, sizeof(ci->LeadByte));
	ci->UnicodeDefaultChar = p ? p->unidef : 0xfffd;
	*name = p ? p->name : cp == CP_UTF7 ? "65000 (UTF-7)" : "65001 (UTF-8)";
	return TRUE;
}

BOOL WINAPI w32_GetCPInfo(UINT cp, CPINFO *ci)
{
	CPINFOEXW ex;
	const char *name;

	if (!cp_info(real_cp(cp), &ex, &name))
		return FALSE;
	memcpy(ci, &ex, sizeof(*ci));
	return TRUE;
}

/* flags is reserved (Windows documents it must be 0; Wine ignores it,
 * and so does this). */
BOOL WINAPI w32_GetCPInfoExW(UINT cp, DWORD flags, CPINFOEXW *ci)
{
	const char *name;

	if (!cp_info(real_cp(cp), ci, &name))
		return FALSE;
	for (size_t i = 0; i <= strlen(name); i++)
		ci->CodePageName[i] = (unsigned char)name[i]; /* ASCII */
	return TRUE;
}

BOOL WINAPI w32_GetCPInfoExA(UINT cp, DWORD flags, CPINFOEXA *ci)
{
	CPINFOEXW ex;
	const char *name;

	if (!cp_info(real_cp(cp), &ex, &name))
		return FALSE;
	memcpy(ci, &ex, offsetof(CPINFOEXA, CodePageName));
	strcpy(ci->CodePageName, name);
	return TRUE;
}

/* ---- MultiByteToWideChar ------------------------------------------------- */

/* Output of a conversion, counting when there is no buffer. */
struct wout {
	WCHAR *buf;
	size_t size, n;
	int overflow;
};

/* Appends the k units of c, all or none. */
static void wput_n(struct wout *o, const WCHAR *c, size_t k)
{
	if (o->buf) {
		if (o->overflow || k > o->size - o->n) {
			o->overflow = 1;
			return;
		}
		memcpy(o->buf + o->n, c, k * sizeof(WCHAR));
	}
	o->n += k;
}

static void wput(struct wout *o, WCHAR c)
{
	wput_n(o, &c, 1);
}

/* UTF-8: MB_ERR_INVALID_CHARS is done; MB_PRECOMPOSED, MB_COMPOSITE and
 * MB_USEGLYPHCHARS change nothing (Windows documents MB_PRECOMPOSED and
 * MB_COMPOSITE invalid for UTF-8; Wine accepts them, and so does this). */
static void mb_utf8(DWORD flags, const unsigned char *s, size_t n,
		    struct wout *o, BOOL *bad)
{
	size_t i = 0;

	while (i < n && !o->overflow) {
		uint32_t c;
		int l = rt_utf8_decode(s + i, n - i, &c);

		if (l < 0) {
			if (flags & MB_ERR_INVALID_CHARS) {
				*bad = TRUE;
				return;
			}
			c = 0xfffd;
			l = 1;
		}
		i += l;
		if (c >= 0x10000) {
			WCHAR pair[2] = {(WCHAR)(0xd800 | (c - 0x10000) >> 10),
					 (WCHAR)(0xdc00 | (c & 0x3ff))};

			wput(o, pair[0]);
			wput(o, pair[1]);
		} else {
			wput(o, (WCHAR)c);
		}
	}
}

/* CP_SYMBOL: the symbol font's bytes are U+F020-U+F0FF, the controls
 * stay themselves; it takes no flags. */
static void mb_symbol(const unsigned char *s, size_t n, struct wout *o)
{
	for (size_t i = 0; i < n && !o->overflow; i++)
		wput(o, s[i] < 0x20 ? s[i] : (WCHAR)(0xf000 + s[i]));
}

/* A table page: one character a code (a byte, or two on a double-byte
 * page), or its decomposition with MB_COMPOSITE; MB_USEGLYPHCHARS gives
 * the OEM pages' pictures for the control bytes.  MB_ERR_INVALID_CHARS
 * checks every code first. */
static void mb_table(const struct rt_codepage *p, DWORD flags,
		     const unsigned char *s, size_t n, struct wout *o,
		     BOOL *bad)
{
	int glyphs = (flags & MB_USEGLYPHCHARS) != 0;
	unsigned code;

	if (flags & MB_ERR_INVALID_CHARS) {
		for (size_t i = 0; i < n;) {
			i += rt_cp_next(p, s + i, n - i, &code);
			if (rt_cp_invalid(p, code)) { /* lone lead bytes too */
				*bad = TRUE;
				return;
			}
		}
	}
	for (size_t i = 0; i < n && !o->overflow;) {
		WCHAR d[RT_CP_MAX_DECOMP];

		i += rt_cp_next(p, s + i, n - i, &code);
		if (flags & MB_COMPOSITE)
			wput_n(o, d, (size_t)rt_cp_decompose(p, code, glyphs, d));
		else
			wput(o, rt_cp_decode(p, code, glyphs));
	}
}

INT WINAPI w32_MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, INT srclen,
				   LPWSTR dst, INT dstlen)
{
	const unsigned char *s = (const unsigned char *)src;
	struct wout o = {dstlen ? dst : 0, (size_t)dstlen, 0, 0};
	const struct rt_codepage *p = 0;
	BOOL bad = FALSE;
	size_t n;

	if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = srclen < 0 ? strlen(src) + 1 : (size_t)srclen;
	cp = real_cp(cp);
	if (cp == CP_UTF7) {
		int overflow;

		/* UTF-7 takes no flag, MB_ERR_INVALID_CHARS included: nothing
		 * in it is invalid. */
		if (flags) {
			rt_set_last_error(ERROR_INVALID_FLAGS);
			return 0;
		}
		o.n = rt_utf7_to_utf16(s, n, o.buf, o.size, &overflow);
		if (overflow) {
			rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
			return 0;
		}
		return (INT)o.n;
	}
	if (cp != CP_UTF8 && cp != CP_SYMBOL && !(p = rt_codepage(cp)))
		return rt_refuse(ERROR_INVALID_PARAMETER, "MultiByteToWideChar",
				 "code page %u", cp);
	if (flags & ~(DWORD)(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS |
			     MB_ERR_INVALID_CHARS) ||
	    (cp == CP_SYMBOL && flags)) {
		rt_set_last_error(ERROR_INVALID_FLAGS);
		return 0;
	}
	if (p)
		mb_table(p, flags, s, n, &o, &bad);
	else if (cp == CP_SYMBOL)
		mb_symbol(s, n, &o);
	else
		mb_utf8(flags, s, n, &o, &bad);
	if (bad) {
		rt_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
		return 0;
	}
	if (o.overflow) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	return (INT)o.n;
}

/* ---- WideCharToMultiByte ------------------------------------------------- */

/* Output of a conversion to bytes, counting when there is no buffer. */
struct bout {
	char *buf;
	size_t size, n;
	int overflow;
};

static void bput_n(struct bout *o, const char *c, size_t k)
{
	if (o->buf) {
		if (o->overflow || k > o->size - o->n) {
			o->overflow = 1;
			return;
		}
		memcpy(o->buf + o->n, c, k);
	}
	o->n += k;
}

/* UTF-8: WC_ERR_INVALID_CHARS fails a lone surrogate half, which is
 * otherwise U+FFFD.  UTF-8 needs no default character (Windows documents
 * the default-character arguments and the other flags invalid for it;
 * Wine accepts and ignores them, and so does this). */
static void wc_utf8(DWORD flags, const WCHAR *src, size_t n, struct bout *o,
		    BOOL *bad)
{
	size_t i = 0;

	while (i < n && !o->overflow) {
		uint32_t c = src[i++];
		char tmp[4];

		if (c >= 0xd800 && c <= 0xdbff && i < n && src[i] >= 0xdc00 &&
		    src[i] <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (src[i] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c <= 0xdfff) {
			if (flags & WC_ERR_INVALID_CHARS) {
				*bad = TRUE;
				return;
			}
			c = 0xfffd;
		}
		bput_n(o, tmp, (size_t)rt_utf8_encode(c, tmp));
	}
}

/* CP_SYMBOL: the inverse of mb_symbol; another character fails the
 * call. */
static void wc_symbol(const WCHAR *src, size_t n, struct bout *o, BOOL *bad)
{
	for (size_t i = 0; i < n && !o->overflow; i++) {
		char c;

		if (src[i] < 0x20)
			c = (char)src[i];
		else if (src[i] >= 0xf020 && src[i] < 0xf100)
			c = (char)(src[i] - 0xf000);
		else {
			*bad = TRUE;
			return;
		}
		bput_n(o, &c, 1);
	}
}

/* Code c's bytes in out; their count. */
static size_t code_bytes(unsigned c, char *out)
{
	if (c > 0xff) {
		out[0] = (char)(c >> 8);
		out[1] = (char)c;
		return 2;
	}
	out[0] = (char)c;
	return 1;
}

/* Unit wc's code on a table page, or -1 when the default character
 * replaces it.  With no flag, default character or usedDefaultChar
 * (plain), the table's code is taken as it is: best-fit look-alikes
 * included.  Otherwise a unit whose code does not convert back to it is
 * replaced when WC_NO_BEST_FIT_CHARS is given or the code is the page's
 * default character (what Windows does; WC_ERR_INVALID_CHARS changes
 * nothing here). */
static int unit_code(const struct rt_codepage *p, DWORD flags, int plain,
		     WCHAR wc)
{
	int exact;
	unsigned c = rt_cp_encode(p, wc, &exact);

	if (!plain && !exact &&
	    ((flags & WC_NO_BEST_FIT_CHARS) || c == p->defchar))
		return -1;
	return (int)c;
}

/* A table page, one UTF-16 unit at a time (a surrogate pair is two
 * default characters), each code as unit_code says, the default character
 * (*used set) for -1.  With WC_COMPOSITECHECK a unit and the one after it
 * that compose (U+0065 U+0301 is U+00E9) are their composition's code
 * when the page has one (a best fit too, without WC_NO_BEST_FIT_CHARS);
 * else WC_DEFAULTCHAR makes the pair the default character,
 * WC_DISCARDNS drops the second unit, and WC_SEPCHARS (the default)
 * converts both.  The composition is tried on the units as given, never
 * on a composed character.  A double-byte page takes a two-byte default
 * character; a character is written whole or not at all. */
static void wc_table(const struct rt_codepage *p, DWORD flags,
		     const WCHAR *src, size_t n, struct bout *o, LPCSTR defchar,
		     BOOL *used)
{
	int plain = !flags && !defchar && !used;
	unsigned def = p->defchar;

	if (defchar)
		def = p->dbcs && defchar[1]
			      ? (BYTE)defchar[0] << 8 | (BYTE)defchar[1]
			      : (BYTE)defchar[0];
	for (size_t i = 0; i < n && !o->overflow; i++) {
		WCHAR comp = 0;
		int c = 0;
		char b[2];

		if ((flags & WC_COMPOSITECHECK) && i + 1 < n)
			comp = rt_cp_compose(src[i], src[i + 1]);
		if (comp) {
			c = unit_code(p, flags, plain, comp);
			if (c >= 0 || (flags & WC_DEFAULTCHAR))
				i++; /* the pair is one character */
			else if (flags & WC_DISCARDNS)
				c = unit_code(p, flags, plain, src[i++]);
			else
				comp = 0; /* WC_SEPCHARS: each alone */
		}
		if (!comp)
			c = unit_code(p, flags, plain, src[i]);
		if (c < 0) {
			c = (int)def;
			if (used)
				*used = TRUE;
		}
		bput_n(o, b, code_bytes((unsigned)c, b));
	}
}

INT WINAPI w32_WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src,
				   INT srclen, LPSTR dst, INT dstlen,
				   LPCSTR defchar, BOOL *useddef)
{
	struct bout o = {dstlen ? dst : 0, (size_t)dstlen, 0, 0};
	const struct rt_codepage *p = 0;
	BOOL bad = FALSE;
	size_t n;

	if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	n = srclen < 0 ? rt_wcslen(src) + 1 : (size_t)srclen;
	cp = real_cp(cp);
	if (cp == CP_UTF7) {
		int overflow;

		/* UTF-7 needs no default character, and takes no flag. */
		if (defchar || useddef) {
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return 0;
		}
		if (flags) {
			rt_set_last_error(ERROR_INVALID_FLAGS);
			return 0;
		}
		o.n = rt_utf16_to_utf7(src, n, o.buf, o.size, &overflow);
		o.overflow = overflow;
	} else if (cp == CP_SYMBOL) {
		if (flags) {
			rt_set_last_error(ERROR_INVALID_FLAGS);
			return 0;
		}
		if (defchar || useddef) {
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return 0;
		}
		wc_symbol(src, n, &o, &bad);
	} else if (cp == CP_UTF8) {
		wc_utf8(flags, src, n, &o, &bad);
	} else if ((p = rt_codepage(cp))) {
		if (flags & ~(DWORD)(WC_DISCARDNS | WC_SEPCHARS |
				     WC_DEFAULTCHAR | WC_ERR_INVALID_CHARS |
				     WC_COMPOSITECHECK | WC_NO_BEST_FIT_CHARS)) {
			rt_set_last_error(ERROR_INVALID_FLAGS);
			return 0;
		}
		if (useddef)
			*useddef = FALSE;
		wc_table(p, flags, src, n, &o, defchar, useddef);
	} else {
		return rt_refuse(ERROR_INVALID_PARAMETER, "WideCharToMultiByte",
				 "code page %u", cp);
	}
	if (bad) {
		rt_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
		return 0;
	}
	if (o.overflow) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	return (INT)o.n;
}
