/*
 * layout.c — an image as it lies in memory, and the plan for mapping it.
 *
 * A section file holds SizeOfImage bytes laid out as the Windows loader
 * lays out a SEC_IMAGE section: the headers at RVA 0, each section's raw
 * data at its VirtualAddress, everything else zero (PE spec 3.4, 4).
 * The mapping plan is decided here, once, from pe_section_mapping: which
 * range is shared, copy-on-write or shared-writable, and its protection.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "loader/section.h"

static uint32_t page_up(uint64_t v)
{
	return (uint32_t)((v + LD_PAGE - 1) & ~(uint64_t)(LD_PAGE - 1));
}

/* Section characteristics to mmap protection.  Windows maps a section
 * without IMAGE_SCN_MEM_READ readable anyway when it is executable or
 * writable; a section with none of the three is inaccessible. */
static int scn_prot(uint32_t f)
{
	int prot = 0;

	if (f & (PE_SCN_MEM_READ | PE_SCN_MEM_WRITE | PE_SCN_MEM_EXECUTE))
		prot |= PROT_READ;
	if (f & PE_SCN_MEM_WRITE)
		prot |= PROT_WRITE;
	if (f & PE_SCN_MEM_EXECUTE)
		prot |= PROT_EXEC;
	return prot;
}

int ld_layout_ranges(const struct pe_image *img, struct ld_range *out,
                     size_t max, struct ld_error *err)
{
	uint32_t total = page_up(img->size_of_image), hdr_end;
	size_t n = 0;

	if (max < 1)
		return ld_errf(err, -ENOSPC, "mapping plan: no room");
	/* Below-page alignment: one copy-on-write RWX range, as Windows
	 * does, because sections share pages (DESIGN.md, "A view"). */
	if (pe_section_mapping(img, NULL) == PE_MAP_WHOLE_COW) {
		out[0] = (struct ld_range){0, total, PE_MAP_WHOLE_COW,
		                           PROT_READ | PROT_WRITE | PROT_EXEC, -1};
		return 1;
	}
	hdr_end = img->nsections ? img->sections[0].vaddr
	                         : page_up(img->size_of_headers);
	if (hdr_end > total)
		hdr_end = total;
	if (hdr_end) /* headers: read-only, shared */
		out[n++] = (struct ld_range){0, hdr_end, PE_MAP_SHARED_RO,
		                             PROT_READ, -1};
	for (uint16_t i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];
		uint32_t end = page_up((uint64_t)s->vaddr + s->vsize);

		if (i + 1 < img->nsections && end > img->sections[i + 1].vaddr)
			end = img->sections[i + 1].vaddr;
		if (end > total)
			end = total;
		if (end <= s->vaddr)
			continue; /* empty section: nothing to map */
		if (n >= max)
			return ld_errf(err, -ENOSPC, "mapping plan: more than %zu "
			               "ranges", max);
		out[n++] = (struct ld_range){s->vaddr, end - s->vaddr,
		                             pe_section_mapping(img, s),
		                             scn_prot(s->flags), i};
	}
	return (int)n;
}

/* 0 when section s's raw data fits the file and the image; pe_parse
 * checked both, but check again, cheaply, since the callers write. */
static int raw_fits(const struct pe_image *img, const struct pe_section *s,
		    struct ld_error *err)
{
	if ((uint64_t)s->raw_off + s->raw_size > img->len ||
	    (uint64_t)s->vaddr + s->raw_size > img->size_of_image)
		return ld_errf(err, -EINVAL, "section %s: raw data at "
		               "offset 0x%x size 0x%x does not fit",
		               s->name, s->raw_off, s->raw_size);
	return 0;
}

int ld_layout(const struct pe_image *img, uint8_t *dst, size_t len,
              struct ld_error *err)
{
	size_t hdr = img->size_of_headers;

	if (len < img->size_of_image)
		return ld_errf(err, -EINVAL, "layout: buffer of %zu bytes is "
		               "below SizeOfImage 0x%x", len, img->size_of_image);
	if (hdr > img->len)
		hdr = img->len;
	memcpy(dst, img->buf, hdr);
	for (uint16_t i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		if (!s->raw_size)
			continue;
		if (raw_fits(img, s, err) < 0)
			return -EINVAL;
		memcpy(dst + s->vaddr, img->buf + s->raw_off, s->raw_size);
	}
	return 0;
}

/* Copies the part of src (n bytes, at RVA at) that falls in [lo, hi)
 * to dst, which holds [lo, hi). */
static void copy_piece(uint8_t *dst, uint64_t lo, uint64_t hi,
		       const uint8_t *src, uint64_t at, uint64_t n)
{
	uint64_t a = at > lo ? at : lo, b = at + n < hi ? at + n : hi;

	if (a < b)
		memcpy(dst + (a - lo), src + (a - at), b - a);
}

int ld_layout_window(const struct pe_image *img, uint8_t *dst, uint64_t lo,
		     uint64_t hi, struct ld_error *err)
{
	size_t hdr = img->size_of_headers;

	memset(dst, 0, hi - lo);
	if (hdr > img->len)
		hdr = img->len;
	copy_piece(dst, lo, hi, img->buf, 0, hdr);
	for (uint16_t i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		if (!s->raw_size)
			continue;
		if (raw_fits(img, s, err) < 0)
			return -EINVAL;
		copy_piece(dst, lo, hi, img->buf + s->raw_off, s->vaddr,
			   s->raw_size);
	}
	return 0;
}
