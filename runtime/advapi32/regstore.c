/*
 * regstore.c — the registry's keys and values in memory: one tree per
 * hive (regstore.h), whose subkeys and values are kept sorted by name,
 * compared case-insensitively, the order Wine enumerates them in.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "runtime/advapi32/advapi32.h"
#include "runtime/advapi32/regstore.h"

/* The registry compares names by their upper case.  The letters with a
 * case in the scripts programs name keys in: ASCII, Latin-1, Latin
 * Extended-A, Greek, Cyrillic, Armenian and the full-width forms; others
 * compare as they are (docs/running.md says so). */
static WCHAR upcase(WCHAR c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		return c - 32;
	if (c == 0xff)
		return 0x178;
	if (c >= 0x100 && c <= 0x17f) {
		/* Pairs upper, lower, with their parity flipped between
		 * 0x139 and 0x148 and from 0x179 on. */
		int odd_lower = !((c >= 0x139 && c <= 0x148) || c >= 0x179);

		if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 ||
		    c == 0x17f)
			return c;
		return (c & 1) == odd_lower ? c - 1 : c;
	}
	if (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2)
		return c - 32;
	if (c >= 0x3ac && c <= 0x3af)
		return c == 0x3ac ? 0x386 : c - 37;
	if (c >= 0x430 && c <= 0x44f)
		return c - 32;
	if (c >= 0x450 && c <= 0x45f)
		return c - 80;
	if (c >= 0x561 && c <= 0x586)
		return c - 48;
	if (c >= 0xff41 && c <= 0xff5a)
		return c - 32;
	return c;
}

int rs_namecmp(const WCHAR *a, size_t an, const WCHAR *b, size_t bn)
{
	size_t n = an < bn ? an : bn;

	for (size_t i = 0; i < n; i++) {
		WCHAR x = upcase(a[i]), y = upcase(b[i]);

		if (x != y)
			return x < y ? -1 : 1;
	}
	return an < bn ? -1 : an > bn;
}

static WCHAR *name_dup(const WCHAR *s, size_t n)
{
	WCHAR *d = malloc((n + 1) * sizeof(WCHAR));

	if (d) {
		if (n)
			memcpy(d, s, n * sizeof(WCHAR));
		d[n] = 0;
	}
	return d;
}

struct rs_key *rs_key_new(const WCHAR *name, size_t n)
{
	struct rs_key *k = calloc(1, sizeof(*k));

	if (!k)
		return 0;
	if (!(k->name = name_dup(name, n))) {
		free(k);
		return 0;
	}
	k->namelen = n;
	return k;
}

void rs_key_free(struct rs_key *k)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->nsubs; i++)
		rs_key_free(k->subs[i]);
	for (size_t i = 0; i < k->nvals; i++) {
		free(k->vals[i].name);
		free(k->vals[i].data);
	}
	free(k->subs);
	free(k->vals);
	free(k->name);
	free(k);
}

struct rs_key *rs_sub_find(const struct rs_key *k, const WCHAR *name, size_t n,
			   size_t *at)
{
	size_t lo = 0, hi = k->nsubs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rs_key *s = k->subs[mid];
		int c = rs_namecmp(name, n, s->name, s->namelen);

		if (!c) {
			if (at)
				*at = mid;
			return k->subs[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (at)
		*at = lo;
	return 0;
}

int rs_sub_insert(struct rs_key *k, size_t at, struct rs_key *sub)
{
	struct rs_key **s = realloc(k->subs, (k->nsubs + 1) * sizeof(*s));

	if (!s)
		return -1;
	k->subs = s;
	memmove(s + at + 1, s + at, (k->nsubs - at) * sizeof(*s));
	s[at] = sub;
	k->nsubs++;
	return 0;
}

void rs_sub_remove(struct rs_key *k, size_t at)
{
	rs_key_free(k->subs[at]);
	memmove(k->subs + at, k->subs + at + 1,
		(k->nsubs - at - 1) * sizeof(*k->subs));
	k->nsubs--;
}

struct rs_value *rs_val_find(const struct rs_key *k, const WCHAR *name,
			     size_t n, size_t *at)
{
	size_t lo = 0, hi = k->nvals;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rs_value *v = &k->vals[mid];
		int c = rs_namecmp(name, n, v->name, v->namelen);

		if (!c) {
			if (at)
				*at = mid;
			return &k->vals[mid];
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (at)
		*at = lo;
	return 0;
}

int rs_val_set(struct rs_key *k, const WCHAR *name, size_t n, DWORD type,
	       const void *data, DWORD len)
{
	size_t at;
	struct rs_value *v = rs_val_find(k, name, n, &at);
	BYTE *copy = 0;

	if (len && !(copy = malloc(len)))
		return -1;
	if (len)
		memcpy(copy, data, len);
	if (!v) {
		struct rs_value *vals;
		WCHAR *nm = name_dup(name, n);

		vals = nm ? realloc(k->vals, (k->nvals + 1) * sizeof(*vals))
			  : 0;
		if (!vals) {
			free(nm);
			free(copy);
			return -1;
		}
		k->vals = vals;
		memmove(vals + at + 1, vals + at,
			(k->nvals - at) * sizeof(*vals));
		k->nvals++;
		v = &vals[at];
		v->name = nm;
		v->namelen = n;
		v->data = 0;
	}
	free(v->data);
	v->type = type;
	v->len = len;
	v->data = copy;
	return 0;
}

void rs_val_remove(struct rs_key *k, size_t at)
{
	free(k->vals[at].name);
	free(k->vals[at].data);
	memmove(k->vals + at, k->vals + at + 1,
		(k->nvals - at - 1) * sizeof(*k->vals));
	k->nvals--;
}

/* 100 ns intervals since 1601, the FILETIME of Windows. */
uint64_t rs_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100 +
		116444736000000000ull;
}
