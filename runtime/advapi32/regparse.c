/*
 * regparse.c — reads a hive file's text (the format regformat.c
 * describes) into a tree.  The file may have been edited by hand, cut
 * short by a full disk or damaged: every line is checked, and the first
 * one that is wrong refuses the whole file with a message naming it, so
 * that a damaged hive is never half read (and then written back without
 * what was lost).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"

#define FORMAT_VERSION 1

struct parse {
	const char *p, *end; /* the rest of the current line */
	unsigned line;
	char *msg;
	size_t msgsize;
	WCHAR *w; /* the last string read, UTF-16 */
	size_t wlen, wcap;
};

static int fail(struct parse *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail(struct parse *ps, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	snprintf(ps->msg, ps->msgsize, "line %u: %s", ps->line, what);
	return -1;
}

static int wput(struct parse *ps, WCHAR c)
{
	if (ps->wlen == ps->wcap) {
		size_t cap = ps->wcap ? ps->wcap * 2 : 64;
		WCHAR *w = realloc(ps->w, cap * sizeof(WCHAR));

		if (!w)
			return fail(ps, "out of memory");
		ps->w = w;
		ps->wcap = cap;
	}
	ps->w[ps->wlen++] = c;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads the string up to close (the opening character already read) as
 * UTF-16 into ps->w[0..wlen), unescaping. */
static int string(struct parse *ps, char close)
{
	ps->wlen = 0;
	for (;;) {
		uint32_t c;
		int n;

		if (ps->p >= ps->end)
			return fail(ps, "string without its closing %c", close);
		if (*ps->p == close) {
			ps->p++;
			return 0;
		}
		if (*ps->p == '\\') {
			if (ps->p + 1 >= ps->end)
				return fail(ps, "\\ at the end of the line");
			c = (unsigned char)ps->p[1];
			if (c == 'u') {
				int v = 0;

				for (int i = 2; i < 6; i++) {
					int d = ps->p + i < ps->end
						? hexval(ps->p[i])
						: -1;

					if (d < 0)
						return fail(ps,
							    "\\u without "
							    "four hex digits");
					v = v * 16 + d;
				}
				ps->p += 6;
				if (wput(ps, (WCHAR)v))
					return -1;
				continue;
			}
			if (c != '\\' && c != '"' && c != ']')
				return fail(ps, "unknown escape \\%c", (char)c);
			ps->p += 2;
		} else {
			n = rt_utf8_decode((const unsigned char *)ps->p,
					   (size_t)(ps->end - ps->p), &c);
			if (n < 0)
				return fail(ps, "not UTF-8");
			ps->p += n;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			if (wput(ps, (WCHAR)(0xd800 + (c >> 10))))
				return -1;
			c = 0xdc00 + (c & 0x3ff);
		}
		if (wput(ps, (WCHAR)c))
			return -1;
	}
}

static int word(struct parse *ps, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n))
		return 0;
	ps->p += n;
	return 1;
}

/* A decimal number after "name=". */
static int number(struct parse *ps, const char *name, uint64_t *v)
{
	char b[24];
	size_t n = 0;
	char *e;

	if (!word(ps, name))
		return fail(ps, "expected %s", name);
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9' &&
	       n < sizeof b - 1)
		b[n++] = *ps->p++;
	b[n] = 0;
	errno = 0;
	*v = strtoull(b, &e, 10);
	if (!n || errno || *e)
		return fail(ps, "%s without a number", name);
	return 0;
}

/* Hex bytes "aa,bb,..." (or nothing) up to the end of the line. */
static int hexbytes(struct parse *ps, BYTE **data, DWORD *len)
{
	size_t n = (size_t)(ps->end - ps->p);
	BYTE *d;

	*data = 0;
	*len = 0;
	if (!n)
		return 0;
	if ((n + 1) % 3 || !(d = malloc((n + 1) / 3)))
		return fail(ps, "bad hex bytes");
	for (size_t i = 0; i < n; i += 3) {
		int hi = hexval(ps->p[i]), lo = hexval(ps->p[i + 1]);

		if (hi < 0 || lo < 0 || (i + 2 < n && ps->p[i + 2] != ',')) {
			free(d);
			return fail(ps, "bad hex bytes");
		}
		d[i / 3] = (BYTE)(hi * 16 + lo);
	}
	*data = d;
	*len = (DWORD)((n + 1) / 3);
	ps->p = ps->end;
	return 0;
}

/* The strings of a REG_SZ (list 0) or REG_MULTI_SZ value, as its bytes. */
static int strings(struct parse *ps, int list, BYTE **data, DWORD *len)
{
	WCHAR *all = 0;
	size_t n = 0;

	for (int first = 1;; first = 0) {
		WCHAR *a;

		if (list && first && ps->p == ps->end)
			break;
		if (!first && !word(ps, ","))
			break;
		if (!word(ps, "\"")) {
			free(all);
			return fail(ps, "expected a string");
		}
		if (string(ps, '"')) {
			free(all);
			return -1;
		}
		if (!(a = realloc(all, (n + ps->wlen + 2) * sizeof(WCHAR))))
			goto bad;
		all = a;
		memcpy(all + n, ps->w, ps->wlen * sizeof(WCHAR));
		n += ps->wlen;
		all[n++] = 0;
		if (!list)
			break;
	}
	if (list) {
		WCHAR *a = realloc(all, (n + 1) * sizeof(WCHAR));

		if (!a)
			goto bad;
		all = a;
		all[n++] = 0;
	}
	*data = (BYTE *)all;
	*len = (DWORD)(n * sizeof(WCHAR));
	return 0;
bad:
	free(all);
	return fail(ps, "out of memory");
}

static int value(struct parse *ps, struct rs_key *k)
{
	WCHAR *name = 0;
	size_t namelen = 0;
	BYTE *data = 0;
	DWORD len = 0, type;
	int r = -1;

	if (word(ps, "@=")) {
		name = 0;
	} else if (word(ps, "\"") && !string(ps, '"') && word(ps, "=")) {
		if (!(name = malloc(ps->wlen * sizeof(WCHAR) + 1)))
			return fail(ps, "out of memory");
		memcpy(name, ps->w, ps->wlen * sizeof(WCHAR));
		namelen = ps->wlen;
	} else {
		return fail(ps, "not a key, a value or a comment");
	}
	if (namelen > RS_MAX_VALUE_NAME) {
		fail(ps, "value name longer than %d", RS_MAX_VALUE_NAME);
		goto out;
	}
	if (rs_val_find(k, name, namelen, 0)) {
		fail(ps, "value named twice");
		goto out;
	}
	if (word(ps, "\"")) {
		type = REG_SZ;
		ps->p--;
		if (strings(ps, 0, &data, &len))
			goto out;
	} else if (word(ps, "expand:")) {
		type = REG_EXPAND_SZ;
		if (strings(ps, 0, &data, &len))
			goto out;
	} else if (word(ps, "multi:")) {
		type = REG_MULTI_SZ;
		if (strings(ps, 1, &data, &len))
			goto out;
	} else if (word(ps, "dword:") || word(ps, "qword:")) {
		int q = ps->p[-6] == 'q';
		uint64_t v = 0;
		size_t digits = q ? 16 : 8;

		type = q ? REG_QWORD : REG_DWORD;
		if ((size_t)(ps->end - ps->p) != digits) {
			fail(ps, "%s needs %zu hex digits",
			     q ? "qword" : "dword", digits);
			goto out;
		}
		for (size_t i = 0; i < digits; i++) {
			int d = hexval(ps->p[i]);

			if (d < 0) {
				fail(ps, "bad hex digit");
				goto out;
			}
			v = v * 16 + (uint64_t)d;
		}
		ps->p = ps->end;
		len = q ? 8 : 4;
		if (!(data = malloc(len))) {
			fail(ps, "out of memory");
			goto out;
		}
		if (q) {
			memcpy(data, &v, 8);
		} else {
			uint32_t d32 = (uint32_t)v;

			memcpy(data, &d32, 4);
		}
	} else if (word(ps, "hex(")) {
		uint64_t t = 0;
		int nd = 0;

		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9' &&
		       nd++ < 10)
			t = t * 10 + (uint64_t)(*ps->p++ - '0');
		if (!nd || t > 0xffffffffu || !word(ps, "):")) {
			fail(ps, "bad hex(TYPE):");
			goto out;
		}
		type = (DWORD)t;
		if (hexbytes(ps, &data, &len))
			goto out;
	} else {
		fail(ps, "unknown kind of value");
		goto out;
	}
	if (ps->p != ps->end) {
		fail(ps, "garbage after the value");
		goto out;
	}
	if (rs_val_set(k, name ? name : (WCHAR *)"", namelen, type, data, len))
		fail(ps, "out of memory");
	else
		r = 0;
out:
	free(name);
	free(data);
	return r;
}

/* "[path] id=N time=N": the key, made under its parent, which came
 * before.  *k becomes it. */
static int key_line(struct parse *ps, struct rs_key *root, uint64_t next_id,
		    struct rs_key **k)
{
	struct rs_key *parent = root, *nk;
	size_t start = 0, at;
	uint64_t id, time;

	if (string(ps, ']'))
		return -1;
	if (!word(ps, " "))
		return fail(ps, "expected id= after the key");
	if (number(ps, "id=", &id))
		return -1;
	if (!word(ps, " "))
		return fail(ps, "expected time= after the id");
	if (number(ps, "time=", &time))
		return -1;
	if (ps->p != ps->end)
		return fail(ps, "garbage after the key");
	if (!id || id >= next_id)
		return fail(ps, "key id %" PRIu64 " not below next-id", id);
	if (!ps->wlen) {
		if (root->id)
			return fail(ps, "the root key twice");
		if (id != 1)
			return fail(ps, "the root key's id is not 1");
		root->id = id;
		root->time = time;
		*k = root;
		return 0;
	}
	if (!root->id)
		return fail(ps, "a key before the root key");
	for (size_t i = 0, from = 0; i <= ps->wlen; i++) {
		if (i < ps->wlen && ps->w[i] != '\\')
			continue;
		if (i == from || i - from > RS_MAX_KEY_NAME)
			return fail(ps, "bad key name in the path");
		from = i + 1;
	}
	for (size_t i = 0; i <= ps->wlen; i++) {
		if (i < ps->wlen && ps->w[i] != '\\')
			continue;
		if (i == ps->wlen)
			break;
		parent = rs_sub_find(parent, ps->w + start, i - start, 0);
		if (!parent)
			return fail(ps, "key before its parent");
		start = i + 1;
	}
	if (rs_sub_find(parent, ps->w + start, ps->wlen - start, &at))
		return fail(ps, "key listed twice");
	if (!(nk = rs_key_new(ps->w + start, ps->wlen - start)) ||
	    rs_sub_insert(parent, at, nk)) {
		rs_key_free(nk);
		return fail(ps, "out of memory");
	}
	nk->id = id;
	nk->time = time;
	*k = nk;
	return 0;
}

int rs_parse(const char *buf, size_t len, struct rs_key **root,
	     uint64_t *next_id, char *msg, size_t msgsize)
{
	struct parse ps = {.msg = msg, .msgsize = msgsize};
	const char *p = buf, *end = buf + len;
	struct rs_key *r = rs_key_new(0, 0), *k = 0;
	int header = 0, ended = 0;

	if (!r) {
		snprintf(msg, msgsize, "out of memory");
		return -1;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		ps.line++;
		if (!nl) {
			fail(&ps,
			     "no newline at the end (the file is cut short)");
			goto bad;
		}
		ps.p = p;
		ps.end = nl;
		p = nl + 1;
		if (memchr(ps.p, 0, (size_t)(ps.end - ps.p))) {
			fail(&ps, "a NUL byte");
			goto bad;
		}
		if (ended) {
			fail(&ps, "text after the end line");
			goto bad;
		}
		if (ps.p == ps.end || *ps.p == ';')
			continue;
		if (!header) {
			unsigned long long v;
			uint64_t n;

			if (!word(&ps, "dllshare-registry ") ||
			    sscanf(ps.p, "%llu", &v) != 1) {
				fail(&ps, "not a dllshare registry file");
				goto bad;
			}
			if (v != FORMAT_VERSION) {
				fail(&ps, "format %llu, not %d", v,
				     FORMAT_VERSION);
				goto bad;
			}
			while (ps.p < ps.end && *ps.p != ' ')
				ps.p++;
			if (!word(&ps, " ")) {
				fail(&ps, "expected next-id=");
				goto bad;
			}
			if (number(&ps, "next-id=", &n))
				goto bad;
			if (ps.p != ps.end) {
				fail(&ps, "garbage after the header");
				goto bad;
			}
			*next_id = n;
			header = 1;
		} else if (word(&ps, "end") && ps.p == ps.end) {
			ended = 1;
		} else if (word(&ps, "[")) {
			if (key_line(&ps, r, *next_id, &k))
				goto bad;
		} else if (!k) {
			fail(&ps, "a value before any key");
			goto bad;
		} else if (value(&ps, k)) {
			goto bad;
		}
	}
	if (!ended) {
		ps.line++;
		fail(&ps, "no end line (the file is cut short)");
		goto bad;
	}
	if (!r->id) {
		fail(&ps, "no root key");
		goto bad;
	}
	free(ps.w);
	*root = r;
	return 0;
bad:
	free(ps.w);
	rs_key_free(r);
	return -1;
}
