/*
 * codepage.c — lookups in the single-byte code page tables (cptables.c,
 * generated): byte to UTF-16 and back, glyphs, decompositions.
 */
#include <stdlib.h>

#include "runtime/core/codepage.h"

static int by_cp(const void *key, const void *elt)
{
	UINT cp = *(const UINT *)key, other = ((const struct rt_codepage *)elt)->cp;

	return cp < other ? -1 : cp > other;
}

const struct rt_codepage *rt_codepage(UINT cp)
{
	return bsearch(&cp, rt_codepages, rt_ncodepages, sizeof(rt_codepages[0]),
		       by_cp);
}

static const struct rt_cp_glyph *find_glyph(const struct rt_codepage *p,
					    BYTE b)
{
	for (unsigned i = 0; i < p->nglyph; i++)
		if (p->glyph[i].b == b)
			return &p->glyph[i];
	return 0;
}

WCHAR rt_cp_decode(const struct rt_codepage *p, BYTE b, int glyphs)
{
	const struct rt_cp_glyph *g = glyphs ? find_glyph(p, b) : 0;

	if (g)
		return g->wc;
	if (!p->full)
		return b < 0x80 ? b : p->mb[b - 0x80];
	return p->mb[b];
}

int rt_cp_invalid(const struct rt_codepage *p, BYTE b)
{
	return p->invalid && (p->invalid[b / 8] >> (b % 8) & 1);
}

int rt_cp_decompose(const struct rt_codepage *p, BYTE b, int glyphs,
		    WCHAR *out)
{
	/* A glyph has no decomposition (cpgen checks it). */
	if (!(glyphs && find_glyph(p, b))) {
		for (unsigned i = 0; i < p->ndecomp; i++) {
			const struct rt_cp_decomp *d = &p->decomp[i];

			if (d->b != b)
				continue;
			for (int k = 0; k < d->n; k++)
				out[k] = d->wc[k];
			return d->n;
		}
	}
	out[0] = rt_cp_decode(p, b, glyphs);
	return 1;
}

static int by_unit(const void *key, const void *elt)
{
	WCHAR wc = *(const WCHAR *)key, other = ((const struct rt_cp_unit *)elt)->wc;

	return wc < other ? -1 : wc > other;
}

BYTE rt_cp_encode(const struct rt_codepage *p, WCHAR wc, int *exact)
{
	const struct rt_cp_unit *u =
		bsearch(&wc, p->wc, p->nwc, sizeof(p->wc[0]), by_unit);
	BYTE b;

	if (u)
		b = u->b;
	else if (!p->full && wc < 0x80)
		b = (BYTE)wc;
	else
		b = p->defchar;
	*exact = rt_cp_decode(p, b, 0) == wc;
	return b;
}
