/*
 * codepage.c — lookups in the code page tables (cptables.c, made at build
 * time by gen/cpnls.c):
 * codes to UTF-16 and back, lead bytes, glyphs, decompositions, and the
 * compositions of cpcompose.c.
 */
#include <pthread.h>
#include <stdlib.h>

#include "runtime/core/codepage.h"

static int by_cp(const void *key, const void *elt)
{
	UINT cp = *(const UINT *)key;
	UINT other = ((const struct rt_codepage *)elt)->cp;

	return cp < other ? -1 : cp > other;
}

const struct rt_codepage *rt_codepage(UINT cp)
{
	return bsearch(&cp, rt_codepages, rt_ncodepages, sizeof(rt_codepages[0]),
		       by_cp);
}

int rt_cp_is_lead(const struct rt_codepage *p, BYTE b)
{
	return rt_cp_row(p, b) != NULL;
}

size_t rt_cp_next(const struct rt_codepage *p, const unsigned char *s,
		  size_t n, unsigned *code)
{
	if (rt_cp_is_lead(p, s[0]) && n > 1 && s[1]) {
		*code = (unsigned)s[0] << 8 | s[1];
		return 2;
	}
	*code = s[0];
	return 1;
}

static const struct rt_cp_glyph *find_glyph(const struct rt_codepage *p,
					    unsigned code)
{
	const struct rt_cp_glyph *glyph = rt_cp_glyphs_of(p);

	for (unsigned i = 0; i < p->nglyph; i++)
		if (glyph[i].b == code)
			return &glyph[i];
	return 0;
}

WCHAR rt_cp_decode(const struct rt_codepage *p, unsigned code, int glyphs)
{
	const struct rt_cp_glyph *g = glyphs ? find_glyph(p, code) : 0;

	if (g)
		return g->wc;
	if (code > 0xff)
		return rt_cp_row(p, (BYTE)(code >> 8))[code & 0xff];
	if (!p->full)
		return code < 0x80 ? (WCHAR)code : rt_cp_mb[p->mb + code - 0x80];
	return rt_cp_mb[p->mb + code];
}

int rt_cp_invalid(const struct rt_codepage *p, unsigned code)
{
	int exact;

	if (code > 0xff)
		return rt_cp_decode(p, code, 0) == p->unidef &&
		       rt_cp_encode(p, p->unidef, &exact) != code;
	if (rt_cp_is_lead(p, (BYTE)code))
		return 1;
	return p->invalid &&
	       (rt_cp_invalid_bits[p->invalid - 1][code / 8] >> (code % 8) & 1);
}

static int by_code(const void *key, const void *elt)
{
	unsigned code = *(const unsigned *)key;
	unsigned other = ((const struct rt_cp_decomp *)elt)->code;

	return code < other ? -1 : code > other;
}

int rt_cp_decompose(const struct rt_codepage *p, unsigned code, int glyphs,
		    WCHAR *out)
{
	const struct rt_cp_decomp *d = 0;

	/* A glyph has no decomposition (cpgen checks it). */
	if (!(glyphs && find_glyph(p, code)))
		d = bsearch(&code, rt_cp_decomps(p), p->ndecomp, sizeof(*d),
			    by_code);
	if (!d) {
		out[0] = rt_cp_decode(p, code, glyphs);
		return 1;
	}
	for (int k = 0; k < d->n; k++)
		out[k] = d->wc[k];
	return d->n;
}

static int by_unit(const void *key, const void *elt)
{
	WCHAR wc = *(const WCHAR *)key;
	WCHAR other = ((const struct rt_cp_unit *)elt)->wc;

	return wc < other ? -1 : wc > other;
}

/* Fills p's rev: the lowest code converting to each unit (the codes from
 * the highest down, the single bytes last), then the generated list. */
static void build_rev(const struct rt_codepage *p)
{
	WORD *code = rt_cp_revs[p->dbcs - 1].code;
	const struct rt_cp_unit *wc = rt_cp_units_of(p);

	for (unsigned w = 0; w < 0x10000; w++)
		code[w] = p->defchar;
	for (unsigned c = 0xffff; c > 0xff; c--)
		if (rt_cp_row(p, (BYTE)(c >> 8)) && (c & 0xff))
			code[rt_cp_row(p, (BYTE)(c >> 8))[c & 0xff]] = (WORD)c;
	for (unsigned b = 0x100; b-- > 0;)
		if (!rt_cp_row(p, (BYTE)b))
			code[rt_cp_decode(p, b, 0)] = (WORD)b;
	for (unsigned i = 0; i < p->nwc; i++)
		code[wc[i].wc] = wc[i].code;
}

static unsigned dbcs_encode(const struct rt_codepage *p, WCHAR wc)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	struct rt_cp_rev *rev = &rt_cp_revs[p->dbcs - 1];

	if (!__atomic_load_n(&rev->built, __ATOMIC_ACQUIRE)) {
		pthread_mutex_lock(&lock);
		if (!rev->built) {
			build_rev(p);
			__atomic_store_n(&rev->built, 1, __ATOMIC_RELEASE);
		}
		pthread_mutex_unlock(&lock);
	}
	return rev->code[wc];
}

unsigned rt_cp_encode(const struct rt_codepage *p, WCHAR wc, int *exact)
{
	const struct rt_cp_unit *u;
	unsigned code;

	if (p->dbcs) {
		code = dbcs_encode(p, wc);
	} else if ((u = bsearch(&wc, rt_cp_units_of(p), p->nwc, sizeof(*u),
				by_unit))) {
		code = u->code;
	} else if (!p->full && wc < 0x80) {
		code = wc;
	} else {
		code = p->defchar;
	}
	*exact = rt_cp_decode(p, code, 0) == wc;
	return code;
}

static int by_pair(const void *key, const void *elt)
{
	unsigned k = *(const unsigned *)key;
	const struct rt_cp_pair *p = elt;
	unsigned other = (unsigned)p->a << 16 | p->b;

	return k < other ? -1 : k > other;
}

WCHAR rt_cp_compose(WCHAR a, WCHAR b)
{
	unsigned k = (unsigned)a << 16 | b;
	const struct rt_cp_pair *p = bsearch(&k, rt_cp_pairs, rt_ncp_pairs,
					     sizeof(*p), by_pair);

	return p ? p->c : 0;
}
