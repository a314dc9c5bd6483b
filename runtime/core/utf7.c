/*
 * utf7.c — UTF-7 (code page 65000) to UTF-16 and back, with the choices
 * Windows makes within RFC 2152 (codepage.h describes them): the
 * characters written as themselves, a run always ended by '-', "+-" for
 * '+', bytes that are not UTF-7 kept as they are, bits left over dropped.
 * Measured under Wine (tests/wine/progs/codepages_utf7.c).
 */
#include "runtime/core/codepage.h"

/* Output of a conversion: what fits is written, the rest counted. */
struct out {
	void *buf;
	size_t unit, size, n;
	int overflow;
};

static void put(struct out *o, unsigned c)
{
	if (o->buf && !o->overflow) {
		if (o->n < o->size) {
			if (o->unit == 1)
				((char *)o->buf)[o->n] = (char)c;
			else
				((WCHAR *)o->buf)[o->n] = (WCHAR)c;
		} else {
			o->overflow = 1;
		}
	}
	o->n++;
}

/* The value of base64 character c, or -1. */
static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static const char b64_chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t rt_utf7_to_utf16(const unsigned char *s, size_t n, WCHAR *dst,
			size_t dstlen, int *overflow)
{
	struct out o = {dst, sizeof(WCHAR), dstlen, 0, 0};
	size_t i = 0;

	while (i < n) {
		unsigned bits = 0, nbits = 0;
		int v;

		if (s[i] != '+') {
			put(&o, s[i++]);
			continue;
		}
		if (++i < n && s[i] == '-') {
			put(&o, '+');
			i++;
			continue;
		}
		for (; i < n && (v = b64_value(s[i])) >= 0; i++) {
			bits = (bits << 6 | (unsigned)v) & 0x3fffff;
			nbits += 6;
			if (nbits >= 16) {
				nbits -= 16;
				put(&o, bits >> nbits & 0xffff);
			}
		}
		if (i < n && s[i] == '-')
			i++;
	}
	*overflow = o.overflow;
	return o.n;
}

/* Whether unit c is written as itself. */
static int direct(WCHAR c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	return c == 0 || c == '\t' || c == '\n' || c == '\r' || c == ' ' ||
		c == '\'' || c == '(' || c == ')' || c == ',' || c == '-' ||
		c == '.' || c == '/' || c == ':' || c == '?';
}

size_t rt_utf16_to_utf7(const WCHAR *s, size_t n, char *dst, size_t dstlen,
			int *overflow)
{
	struct out o = {dst, 1, dstlen, 0, 0};
	size_t i = 0;

	while (i < n) {
		unsigned bits = 0, nbits = 0;

		if (direct(s[i])) {
			put(&o, s[i++]);
			continue;
		}
		if (s[i] == '+') {
			put(&o, '+');
			put(&o, '-');
			i++;
			continue;
		}
		put(&o, '+');
		for (; i < n && !direct(s[i]) && s[i] != '+'; i++) {
			bits = (bits << 16 | s[i]) & 0x3fffff;
			nbits += 16;
			while (nbits >= 6) {
				nbits -= 6;
				put(&o,
				    (unsigned char)
					    b64_chars[bits >> nbits & 0x3f]);
			}
		}
		if (nbits) {
			/* Windows writes the padded character only with room
			 * for the '-' after it. */
			if (o.buf && !o.overflow && o.size - o.n < 2)
				o.overflow = 1;
			put(&o,
			    (unsigned char)
				    b64_chars[bits << (6 - nbits) & 0x3f]);
		}
		put(&o, '-');
	}
	*overflow = o.overflow;
	return o.n;
}
