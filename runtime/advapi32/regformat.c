/*
 * regformat.c — a hive file's text, meant to be read (and if need be
 * edited) by a person, in the spirit of regedit's .reg files:
 *
 *   ; comment lines start with ';'
 *   dllshare-registry 1 next-id=7
 *   [] id=1 time=133500000000000000          the hive's root key
 *   [Software\\Example] id=5 time=133500...   a key, by its path
 *   @="the default value"                    REG_SZ
 *   "Path"=expand:"%HOME%\\bin"              REG_EXPAND_SZ
 *   "List"=multi:"one","two"                 REG_MULTI_SZ
 *   "Count"=dword:0000002a                   REG_DWORD
 *   "Big"=qword:000000000000002a             REG_QWORD
 *   "Blob"=hex(3):01,02,ff                   any type, any bytes
 *   end
 *
 * Keys come after their parent; a value line belongs to the key line
 * above it.  Strings are UTF-8 between double quotes, with \\, \" and \]
 * for the three characters that end or escape them, and \uXXXX for a
 * control character or a lone surrogate.  A string value whose bytes are
 * not exactly one string and its NUL (or strings and the final NUL) is
 * written as hex, so that every value reads back byte for byte.  The
 * "end" line is last: a file cut short is refused, not read in part.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"

#define FORMAT_VERSION 1

/* ---- writing --------------------------------------------------------- */

struct out {
	char *buf;
	size_t len, cap;
	int failed;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		char *b;

		while (o->len + n + 1 > cap)
			cap *= 2;
		if (!(b = realloc(o->buf, cap))) {
			o->failed = 1;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = 0;
}

static void puts_out(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void putf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void putf(struct out *o, const char *fmt, ...)
{
	char b[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b, sizeof b, fmt, ap);
	va_end(ap);
	put(o, b, (size_t)n);
}

/* The UTF-16 units s[0..n) as the inside of a quoted string. */
static void put_escaped(struct out *o, const WCHAR *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t c = s[i];
		char u[4];

		if (c == '"' || c == '\\' || c == ']') {
			u[0] = '\\';
			u[1] = (char)c;
			put(o, u, 2);
		} else if (c >= 0x20 && c < 0x7f) {
			u[0] = (char)c;
			put(o, u, 1);
		} else if (c < 0x20 || c == 0x7f ||
			   (c >= 0xdc00 && c <= 0xdfff) ||
			   (c >= 0xd800 && c <= 0xdbff &&
			    (i + 1 >= n || s[i + 1] < 0xdc00 ||
			     s[i + 1] > 0xdfff))) {
			putf(o, "\\u%04x", (unsigned)c);
		} else {
			if (c >= 0xd800 && c <= 0xdbff)
				c = 0x10000 + ((c - 0xd800) << 10) +
					(s[++i] - 0xdc00);
			put(o, u, (size_t)rt_utf8_encode(c, u));
		}
	}
}

/* Whether data is UTF-16 strings each ended by a NUL, nstr of them (1
 * for REG_SZ), and for a list one more NUL; none of them empty in a
 * list. */
static int is_strings(const struct rs_value *v, int list)
{
	const WCHAR *w = (const WCHAR *)v->data;
	size_t n = v->len / 2;

	if (v->len % 2 || !n || w[n - 1])
		return 0;
	if (!list) {
		for (size_t i = 0; i + 1 < n; i++)
			if (!w[i])
				return 0;
		return 1;
	}
	/* a list: "a\0b\0\0", or "\0" for no string */
	if (n == 1)
		return 1;
	if (n < 3 || w[n - 2] || !w[0])
		return 0;
	for (size_t i = 1; i + 1 < n; i++)
		if (!w[i] && !w[i - 1])
			return 0;
	return 1;
}

static void put_data(struct out *o, const struct rs_value *v)
{
	const WCHAR *w = (const WCHAR *)v->data;

	if ((v->type == REG_SZ || v->type == REG_EXPAND_SZ) &&
	    is_strings(v, 0)) {
		puts_out(o, v->type == REG_SZ ? "\"" : "expand:\"");
		put_escaped(o, w, v->len / 2 - 1);
		put(o, "\"", 1);
	} else if (v->type == REG_MULTI_SZ && is_strings(v, 1)) {
		size_t n = v->len / 2 - 1, start = 0;

		put(o, "multi:", 6);
		for (size_t i = 0; i < n; i++) {
			if (w[i])
				continue;
			put(o, start ? ",\"" : "\"", start ? 2 : 1);
			put_escaped(o, w + start, i - start);
			put(o, "\"", 1);
			start = i + 1;
		}
	} else if (v->type == REG_DWORD && v->len == 4) {
		uint32_t d;

		memcpy(&d, v->data, 4);
		putf(o, "dword:%08" PRIx32, d);
	} else if (v->type == REG_QWORD && v->len == 8) {
		uint64_t q;

		memcpy(&q, v->data, 8);
		putf(o, "qword:%016" PRIx64, q);
	} else {
		putf(o, "hex(%" PRIu32 "):", (uint32_t)v->type);
		for (DWORD i = 0; i < v->len; i++)
			putf(o, i ? ",%02x" : "%02x", v->data[i]);
	}
}

/* Key k, whose path is path[0..n), and everything under it. */
static void put_key(struct out *o, const struct rs_key *k, WCHAR *path,
		    size_t n)
{
	put(o, "[", 1);
	put_escaped(o, path, n);
	putf(o, "] id=%" PRIu64 " time=%" PRIu64 "\n", k->id, k->time);
	for (size_t i = 0; i < k->nvals; i++) {
		const struct rs_value *v = &k->vals[i];

		if (v->namelen) {
			put(o, "\"", 1);
			put_escaped(o, v->name, v->namelen);
			put(o, "\"=", 2);
		} else {
			put(o, "@=", 2);
		}
		put_data(o, v);
		put(o, "\n", 1);
	}
	for (size_t i = 0; i < k->nsubs; i++) {
		const struct rs_key *s = k->subs[i];
		size_t m = n + (n != 0) + s->namelen;
		WCHAR *p = malloc((m + 1) * sizeof(WCHAR));

		if (!p) {
			o->failed = 1;
			return;
		}
		memcpy(p, path, n * sizeof(WCHAR));
		if (n)
			p[n] = '\\';
		memcpy(p + m - s->namelen, s->name, s->namelen * sizeof(WCHAR));
		put_key(o, s, p, m);
		free(p);
	}
}

char *rs_format(const struct rs_hive *h, size_t *len)
{
	struct out o = {0};
	WCHAR none = 0;

	putf(&o, "; dllshare registry: %.40s\n", h->file);
	puts_out(&o,
		 "; Written whole at each change (docs/running.md); "
		 "edit only while no dllshare program runs.\n");
	putf(&o, "dllshare-registry %d next-id=%" PRIu64 "\n", FORMAT_VERSION,
	     h->next_id);
	if (h->root)
		put_key(&o, h->root, &none, 0);
	put(&o, "end\n", 4);
	if (o.failed) {
		free(o.buf);
		return 0;
	}
	*len = o.len;
	return o.buf;
}
