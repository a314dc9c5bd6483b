/*
 * reloc.c — applying base relocations (PE spec 5.6) to a laid-out image.
 *
 * One loop over pe_reloc_next; each entry adds the difference between
 * the new base and ImageBase to the field it names.  The parser checked
 * each target against SizeOfImage; this file checks it again against the
 * memory it writes, since a write is what an attacker wants.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/section.h"

/* Calls touch for each page of [rva, rva+w) not yet touched. */
static int touch_range(uint32_t rva, uint32_t w, uint32_t *last,
                       int (*touch)(void *, uint32_t), void *ctx)
{
	for (uint32_t p = rva & ~(LD_PAGE - 1); p < rva + w; p += LD_PAGE) {
		if (p == *last)
			continue;
		*last = p;
		if (touch(ctx, p))
			return -1;
	}
	return 0;
}

static void apply(uint8_t *at, const struct pe_reloc *r, uint64_t delta)
{
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	switch (r->type) {
	case PE_REL_DIR64:
		memcpy(&v64, at, 8);
		v64 += delta;
		memcpy(at, &v64, 8);
		break;
	case PE_REL_HIGHLOW:
		memcpy(&v32, at, 4);
		v32 += (uint32_t)delta;
		memcpy(at, &v32, 4);
		break;
	case PE_REL_HIGH:
		memcpy(&v16, at, 2);
		v16 += (uint16_t)(delta >> 16);
		memcpy(at, &v16, 2);
		break;
	case PE_REL_LOW:
		memcpy(&v16, at, 2);
		v16 += (uint16_t)delta;
		memcpy(at, &v16, 2);
		break;
	case PE_REL_HIGHADJ:
		/* High half of (HIGH << 16) + (int16)extra, rounded. */
		memcpy(&v16, at, 2);
		v32 = ((uint32_t)v16 << 16) + (uint32_t)(int32_t)(int16_t)r->extra;
		v32 += (uint32_t)delta + 0x8000;
		v16 = (uint16_t)(v32 >> 16);
		memcpy(at, &v16, 2);
		break;
	}
}

/* A move away from ImageBase that the image cannot make. */
static int stripped(const struct pe_image *img, struct ld_error *err)
{
	return ld_errf(err, -ENOEXEC, "relocations were stripped "
	               "(IMAGE_FILE_RELOCS_STRIPPED) and ImageBase 0x%llx "
	               "cannot be used",
	               (unsigned long long)img->image_base);
}

long ld_reloc_apply(const struct pe_image *img, uint8_t *mem, size_t len,
                    uint64_t new_base,
                    int (*touch)(void *ctx, uint32_t page_rva), void *ctx,
                    struct ld_error *err)
{
	uint64_t delta = new_base - img->image_base;
	struct pe_reloc_iter it;
	struct pe_reloc r;
	struct pe_error pe;
	uint32_t last = UINT32_MAX;
	long n = 0;
	int rc;

	if (!delta)
		return 0;
	if (img->file_flags & PE_FILE_RELOCS_STRIPPED)
		return stripped(img, err);
	pe_reloc_begin(img, &it);
	while ((rc = pe_reloc_next(&it, &r, &pe)) > 0) {
		uint32_t w = pe_reloc_width(r.type);

		if (!w)
			return ld_errf(err, -ENOEXEC, "relocation at RVA 0x%x: "
			               "type %u is not supported", r.rva, r.type);
		if ((uint64_t)r.rva + w > len)
			return ld_errf(err, -ERANGE, "relocation at RVA 0x%x: "
			               "target is beyond SizeOfImage 0x%zx",
			               r.rva, len);
		if (touch && touch_range(r.rva, w, &last, touch, ctx) < 0)
			return ld_errf(err, -EFAULT, "relocation at RVA 0x%x: "
			               "page cannot be made writable", r.rva);
		apply(mem + r.rva, &r, delta);
		n++;
	}
	if (rc < 0)
		return ld_errf(err, -EINVAL, "%s", pe.msg);
	return n;
}

/* An entry and its place in the image's order, for a stable sort. */
struct seq_reloc {
	struct pe_reloc r;
	size_t seq;
};

static int by_rva(const void *a, const void *b)
{
	const struct seq_reloc *x = a, *y = b;

	if (x->r.rva != y->r.rva)
		return x->r.rva < y->r.rva ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts rl's entries by RVA, keeping the image's order within an RVA:
 * usually they already are, and nothing is done. */
static int sort_relocs(struct ld_relocs *rl)
{
	struct seq_reloc *t;
	size_t i = 1;

	while (i < rl->n && rl->r[i - 1].rva <= rl->r[i].rva)
		i++;
	if (i >= rl->n)
		return 0;
	if (!(t = malloc(rl->n * sizeof *t)))
		return -ENOMEM;
	for (i = 0; i < rl->n; i++)
		t[i] = (struct seq_reloc){rl->r[i], i};
	qsort(t, rl->n, sizeof *t, by_rva);
	for (i = 0; i < rl->n; i++)
		rl->r[i] = t[i].r;
	free(t);
	return 0;
}

/* Checks r as ld_reloc_apply does (a known type, a target inside len
 * bytes) and appends it to rl, growing it; 0 or a negative error. */
static int take_reloc(struct ld_relocs *rl, size_t *cap,
		      const struct pe_reloc *r, size_t len,
		      struct ld_error *err)
{
	uint32_t w = pe_reloc_width(r->type);

	if (!w)
		return ld_errf(err, -ENOEXEC, "relocation at RVA 0x%x: type "
		               "%u is not supported", r->rva, r->type);
	if ((uint64_t)r->rva + w > len)
		return ld_errf(err, -ERANGE, "relocation at RVA 0x%x: target "
		               "is beyond SizeOfImage 0x%zx", r->rva, len);
	if (rl->n == *cap) {
		size_t c = *cap ? *cap * 2 : 1024;
		struct pe_reloc *p = realloc(rl->r, c * sizeof *p);

		if (!p)
			return ld_errf(err, -ENOMEM, "relocations: out of "
			               "memory for %zu entries", c);
		rl->r = p, *cap = c;
	}
	rl->r[rl->n++] = *r;
	return 0;
}

long ld_relocs_collect(const struct pe_image *img, size_t len,
		       uint64_t new_base, struct ld_relocs *out,
		       struct ld_error *err)
{
	struct pe_reloc_iter it;
	struct pe_reloc r;
	struct pe_error pe;
	size_t cap = 0;
	int rc;

	*out = (struct ld_relocs){NULL, 0, new_base - img->image_base};
	if (!out->delta)
		return 0;
	if (img->file_flags & PE_FILE_RELOCS_STRIPPED)
		return stripped(img, err);
	pe_reloc_begin(img, &it);
	while ((rc = pe_reloc_next(&it, &r, &pe)) > 0)
		if ((rc = take_reloc(out, &cap, &r, len, err)) < 0)
			goto fail;
	if (rc < 0) {
		rc = ld_errf(err, -EINVAL, "%s", pe.msg);
		goto fail;
	}
	if (sort_relocs(out) < 0) {
		rc = ld_errf(err, -ENOMEM, "relocations: out of memory "
		             "sorting %zu entries", out->n);
		goto fail;
	}
	return (long)out->n;
fail:
	ld_relocs_free(out);
	return rc;
}

void ld_relocs_apply_range(const struct ld_relocs *rl, uint8_t *mem,
			   uint64_t lo, uint64_t hi)
{
	size_t a = 0, b = rl->n;

	while (a < b) { /* the first entry at or above lo */
		size_t m = a + (b - a) / 2;

		if (rl->r[m].rva < lo)
			a = m + 1;
		else
			b = m;
	}
	for (; a < rl->n && rl->r[a].rva < hi; a++)
		apply(mem + rl->r[a].rva, &rl->r[a], rl->delta);
}

void ld_relocs_free(struct ld_relocs *rl)
{
	free(rl->r);
	rl->r = NULL;
	rl->n = 0;
}
