/*
 * codepage.c — kernel32: code pages and the conversions between them
 * (MultiByteToWideChar, WideCharToMultiByte), GetACP/GetOEMCP, GetCPInfo.
 *
 * UTF-8 (65001) is the ANSI and OEM code page of a dllshare process;
 * Windows-1252, Latin-1 (28591) and US-ASCII (20127) are converted too.
 * No double-byte code page is ever active.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/kernel32.h"

#define CP_ACP		     0
#define CP_OEMCP	     1
#define CP_THREAD_ACP	     3
#define CP_UTF8		     65001
#define MB_ERR_INVALID_CHARS 0x8

/* Windows-1252's 0x80-0x9f (the rest is Latin-1); 0 = unassigned. */
static const WCHAR cp1252_high[32] = {
	0x20ac, 0,	0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,	0x017d, 0,
	0,	0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,	0x017e, 0x0178,
};

static UINT real_cp(UINT cp)
{
	return (cp == CP_ACP || cp == CP_OEMCP || cp == CP_THREAD_ACP) ? CP_UTF8
								       : cp;
}

static int known_cp(UINT cp)
{
	return cp == CP_UTF8 || cp == 1252 || cp == 28591 || cp == 20127;
}

UINT WINAPI w32_GetACP(void)
{
	return CP_UTF8;
}

UINT WINAPI w32_GetOEMCP(void)
{
	return CP_UTF8;
}

BOOL WINAPI w32_IsValidCodePage(UINT cp)
{
	return known_cp(cp);
}

/* No double-byte code page is ever active: UTF-8 has no lead bytes in
 * the DBCS sense, and mingw's CRT only asks to step through strings. */
BOOL WINAPI w32_IsDBCSLeadByteEx(UINT cp, BYTE c)
{
	if (!known_cp(real_cp(cp)))
		rt_set_last_error(ERROR_INVALID_PARAMETER);
	return FALSE;
}

BOOL WINAPI w32_IsDBCSLeadByte(BYTE c)
{
	return FALSE;
}

BOOL WINAPI w32_GetCPInfo(UINT cp, CPINFO *ci)
{
	cp = real_cp(cp);
	if (!known_cp(cp)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	memset(ci, 0, sizeof(*ci));
	ci->MaxCharSize = cp == CP_UTF8 ? 4 : 1;
	ci->DefaultChar[0] = '?';
	return TRUE;
}

/* Output of a conversion, counting when there is no buffer. */
struct wout {
	WCHAR *buf;
	size_t size, n;
	int overflow;
};

static void wput(struct wout *o, WCHAR c)
{
	if (o->buf) {
		if (o->n >= o->size) {
			o->overflow = 1;
			return;
		}
		o->buf[o->n] = c;
	}
	o->n++;
}

#define MB_PRECOMPOSED	     0x1
#define MB_COMPOSITE	     0x2
#define MB_USEGLYPHCHARS     0x4
#define WC_COMPOSITECHECK    0x200
#define WC_NO_BEST_FIT_CHARS 0x400
#define WC_ERR_INVALID_CHARS 0x80
#define ERROR_INVALID_FLAGS  1004

/* MultiByteToWideChar's flags: MB_ERR_INVALID_CHARS is done and
 * MB_PRECOMPOSED is what the single-byte pages give anyway (Windows
 * documents it invalid for UTF-8; Wine accepts it, and so does this).
 * Composite and glyph characters are refused. */
static BOOL mb_flags_ok(UINT cp, DWORD flags)
{
	if (flags & ~(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS |
		      MB_ERR_INVALID_CHARS)) {
		rt_set_last_error(ERROR_INVALID_FLAGS);
		return FALSE;
	}
	if (cp != CP_UTF8 && (flags & (MB_COMPOSITE | MB_USEGLYPHCHARS)))
		return rt_refuse(ERROR_NOT_SUPPORTED, "MultiByteToWideChar",
				 "MB_COMPOSITE and MB_USEGLYPHCHARS");
	return TRUE;
}

/* WideCharToMultiByte's: WC_ERR_INVALID_CHARS is done (a lone surrogate
 * half fails); UTF-8 needs no default character (Windows documents the
 * default-character arguments and other flags invalid for it; Wine
 * accepts and ignores them, and so does this).  The single-byte pages
 * never fit best (what WC_NO_BEST_FIT_CHARS asks; without it Windows may
 * pick a look-alike) and refuse the composite checks. */
static BOOL wc_flags_ok(UINT cp, DWORD flags, LPCSTR defchar, BOOL *useddef)
{
	if (cp == CP_UTF8)
		return TRUE;
	flags &= ~(WC_ERR_INVALID_CHARS | WC_NO_BEST_FIT_CHARS);
	if (flags)
		return rt_refuse(ERROR_NOT_SUPPORTED, "WideCharToMultiByte",
				 "flags 0x%x", flags);
	return TRUE;
}

INT WINAPI w32_MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, INT srclen,
				   LPWSTR dst, INT dstlen)
{
	const unsigned char *s = (const unsigned char *)src;
	struct wout o = {dstlen ? dst : 0, (size_t)dstlen, 0, 0};
	size_t n, i = 0;

	cp = real_cp(cp);
	if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst) ||
	    !known_cp(cp)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!mb_flags_ok(cp, flags))
		return 0;
	n = srclen < 0 ? strlen(src) + 1 : (size_t)srclen;
	while (i < n && !o.overflow) {
		uint32_t c;
		int l;

		if (cp != CP_UTF8) {
			c = s[i++];
			if (cp == 1252 && c >= 0x80 && c < 0xa0)
				c = cp1252_high[c - 0x80]
					? cp1252_high[c - 0x80]
					: c;
			else if (cp == 20127 && c >= 0x80)
				c = 0xfffd;
			if (c == 0xfffd && (flags & MB_ERR_INVALID_CHARS)) {
				rt_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
				return 0;
			}
			wput(&o, (WCHAR)c);
			continue;
		}
		l = rt_utf8_decode(s + i, n - i, &c);
		if (l < 0) {
			if (flags & MB_ERR_INVALID_CHARS) {
				rt_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
				return 0;
			}
			c = 0xfffd;
			l = 1;
		}
		i += l;
		if (c >= 0x10000) {
			c -= 0x10000;
			wput(&o, (WCHAR)(0xd800 | c >> 10));
			wput(&o, (WCHAR)(0xdc00 | (c & 0x3ff)));
		} else {
			wput(&o, (WCHAR)c);
		}
	}
	if (o.overflow) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	return (INT)o.n;
}

/* One code point to cp; returns bytes written to out (up to 4) and sets
 * *dflt when cp cannot represent it. */
static int encode_cp(UINT cp, uint32_t c, char *out, const char *defchar,
		     int *dflt)
{
	if (cp == CP_UTF8)
		return rt_utf8_encode(c, out);
	if (cp == 1252 && c >= 0x100) {
		for (int k = 0; k < 32; k++) {
			if (cp1252_high[k] == c) {
				out[0] = (char)(0x80 + k);
				return 1;
			}
		}
	}
	if (c < (cp == 20127 ? 0x80u : 0x100u)) {
		out[0] = (char)c;
		return 1;
	}
	*dflt = 1;
	out[0] = defchar ? defchar[0] : '?';
	return 1;
}

INT WINAPI w32_WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src,
				   INT srclen, LPSTR dst, INT dstlen,
				   LPCSTR defchar, BOOL *useddef)
{
	size_t n, i = 0, k = 0;
	int dflt = 0;

	cp = real_cp(cp);
	if (!src || srclen == 0 || dstlen < 0 || (dstlen && !dst) ||
	    !known_cp(cp)) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!wc_flags_ok(cp, flags, defchar, useddef))
		return 0;
	n = srclen < 0 ? rt_wcslen(src) + 1 : (size_t)srclen;
	while (i < n) {
		uint32_t c = src[i++];
		char tmp[4];
		int l;

		if (c >= 0xd800 && c <= 0xdbff && i < n && src[i] >= 0xdc00 &&
		    src[i] <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (src[i] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c <= 0xdfff) {
			if (flags & WC_ERR_INVALID_CHARS) { /* a lone half */
				rt_set_last_error(ERROR_NO_UNICODE_TRANSLATION);
				return 0;
			}
			c = 0xfffd;
		}
		l = encode_cp(cp, c, tmp, defchar, &dflt);
		if (dstlen) {
			if (k + (size_t)l > (size_t)dstlen) {
				rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
				return 0;
			}
			memcpy(dst + k, tmp, (size_t)l);
		}
		k += (size_t)l;
	}
	if (useddef)
		*useddef = dflt;
	return (INT)k;
}
