/*
 * unicode.c — UTF-8 and UTF-16 conversions shared by kernel32 and msvcrt.
 *
 * Windows strings are UTF-16 (WCHAR); Linux strings are UTF-8.  Invalid
 * sequences become U+FFFD, as MultiByteToWideChar does without
 * MB_ERR_INVALID_CHARS.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/core/core.h"

size_t rt_wcslen(const WCHAR *w)
{
	size_t n = 0;

	while (w[n])
		n++;
	return n;
}

int rt_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len, i;

	if (n == 0)
		return -1;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, c &= 0x07;
	else
		return -1;
	if ((size_t)len > n)
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return -1;
	*cp = c;
	return len;
}

int rt_utf8_encode(uint32_t c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

DWORD rt_copy_out(char *buf, DWORD size, const char *s)
{
	size_t n = strlen(s);

	if (n + 1 > size)
		return (DWORD)(n + 1);
	memcpy(buf, s, n + 1);
	return (DWORD)n;
}

DWORD rt_copy_out_wide(WCHAR *buf, DWORD size, const char *s)
{
	WCHAR *w = rt_utf16_dup(s);
	size_t n;

	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	n = rt_wcslen(w);
	if (n + 1 <= size)
		memcpy(buf, w, (n + 1) * sizeof(WCHAR));
	free(w);
	return (DWORD)(n + 1 <= size ? n : n + 1);
}

WCHAR *rt_utf16_dup(const char *s)
{
	size_t n, i = 0, j = 0;
	WCHAR *w;

	if (!s)
		return 0;
	n = strlen(s);
	w = malloc((n + 1) * sizeof(WCHAR));
	if (!w)
		return 0;
	while (i < n) {
		uint32_t c;
		int l = rt_utf8_decode((const unsigned char *)s + i, n - i, &c);

		if (l < 0)
			c = 0xfffd, l = 1;
		i += l;
		if (c >= 0x10000) {
			c -= 0x10000;
			w[j++] = (WCHAR)(0xd800 | c >> 10);
			w[j++] = (WCHAR)(0xdc00 | (c & 0x3ff));
		} else {
			w[j++] = (WCHAR)c;
		}
	}
	w[j] = 0;
	return w;
}

char *rt_utf8_dup(const WCHAR *w)
{
	size_t n, i, j = 0;
	char *s;

	if (!w)
		return 0;
	n = rt_wcslen(w);
	s = malloc(n * 3 + 1);
	if (!s)
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t c = w[i];

		if (c >= 0xd800 && c <= 0xdbff && i + 1 < n &&
		    w[i + 1] >= 0xdc00 && w[i + 1] <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) +
				(w[i + 1] - 0xdc00);
			i++;
		} else if (c >= 0xd800 && c <= 0xdfff) {
			c = 0xfffd;
		}
		j += rt_utf8_encode(c, s + j);
	}
	s[j] = 0;
	return s;
}
