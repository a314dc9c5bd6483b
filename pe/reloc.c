/*
 * reloc.c — base relocation blocks (PE spec 5.6), walked in place.
 */
#include "pe/internal.h"

#define BLOCK_HDR 8 /* PageRVA + SizeOfBlock */

uint32_t pe_reloc_width(uint8_t type)
{
	switch (type) {
	case PE_REL_DIR64: return 8;
	case PE_REL_HIGHLOW: return 4;
	case PE_REL_HIGH:
	case PE_REL_LOW:
	case PE_REL_HIGHADJ: return 2;
	default: return 0;
	}
}

/* A type we do not know still has its first byte checked against
 * SizeOfImage. */
static uint32_t checked_width(uint8_t type)
{
	uint32_t w = pe_reloc_width(type);

	return w ? w : 1;
}

void pe_reloc_begin(const struct pe_image *img, struct pe_reloc_iter *it)
{
	memset(it, 0, sizeof *it);
	it->img = img;
	if (img->ndirs > PE_DIR_BASERELOC && img->dirs[PE_DIR_BASERELOC].size) {
		it->pos = img->dirs[PE_DIR_BASERELOC].rva;
		/* pe_parse checked rva + size <= SizeOfImage: no overflow */
		it->end = it->pos + img->dirs[PE_DIR_BASERELOC].size;
	}
}

/* Reads the block header at it->pos and makes it current. */
static int next_block(struct pe_reloc_iter *it, struct pe_error *err)
{
	const uint8_t *p;
	uint32_t size;

	if (it->end - it->pos < BLOCK_HDR)
		return pe_fail(err, PE_ETRUNC,
		               "relocation block at RVA 0x%x: %u bytes left in "
		               "the directory, a block header needs %d",
		               it->pos, it->end - it->pos, BLOCK_HDR);
	p = pe_rva_ptr(it->img, it->pos, BLOCK_HDR);
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "relocation block at RVA 0x%x: not in the file's "
		               "data",
		               it->pos);
	size = pe_le32(p + 4);
	if (size < BLOCK_HDR)
		return pe_fail(err, PE_EFIELD,
		               "relocation block at RVA 0x%x: SizeOfBlock %u is "
		               "below %d",
		               it->pos, size, BLOCK_HDR);
	if (size & 1)
		return pe_fail(err, PE_EFIELD,
		               "relocation block at RVA 0x%x: SizeOfBlock %u is "
		               "odd",
		               it->pos, size);
	if (size > it->end - it->pos)
		return pe_fail(err, PE_ERANGE,
		               "relocation block at RVA 0x%x: SizeOfBlock %u runs "
		               "past the directory end at RVA 0x%x",
		               it->pos, size, it->end);
	it->ent = pe_rva_ptr(it->img, it->pos + BLOCK_HDR, size - BLOCK_HDR);
	if (!it->ent)
		return pe_fail(err, PE_ERANGE,
		               "relocation block at RVA 0x%x: SizeOfBlock %u is "
		               "not in the file's data",
		               it->pos, size);
	it->page = pe_le32(p);
	it->block_rva = it->pos;
	it->nent = (size - BLOCK_HDR) / 2;
	it->ient = 0;
	it->pos += size;
	return 0;
}

int pe_reloc_next(struct pe_reloc_iter *it, struct pe_reloc *r,
                  struct pe_error *err)
{
	int rc;

	for (;;) {
		while (it->ient == it->nent) {
			if (it->pos >= it->end)
				return 0;
			if ((rc = next_block(it, err)) < 0)
				return rc;
		}
		uint16_t v = pe_le16(it->ent + 2 * it->ient++);
		uint8_t type = v >> 12;

		if (type == PE_REL_ABSOLUTE)
			continue;
		r->type = type;
		r->rva = it->page + (v & 0xfff);
		r->extra = 0;
		if (r->rva < it->page ||
		    (uint64_t)r->rva + checked_width(type) >
		            it->img->size_of_image)
			return pe_fail(err, PE_ERANGE,
			               "relocation block at RVA 0x%x: entry %u "
			               "(type %u) targets RVA 0x%llx, beyond "
			               "SizeOfImage 0x%x",
			               it->block_rva, it->ient - 1, type,
			               (unsigned long long)it->page + (v & 0xfff),
			               it->img->size_of_image);
		if (type == PE_REL_HIGHADJ) {
			/* PE spec 5.6.2: the low 16 bits of the adjusted
			 * value occupy the next slot. */
			if (it->ient == it->nent)
				return pe_fail(err, PE_ETRUNC,
				               "relocation block at RVA 0x%x: "
				               "HIGHADJ entry %u has no second "
				               "slot",
				               it->block_rva, it->ient - 1);
			r->extra = pe_le16(it->ent + 2 * it->ient++);
		}
		return 1;
	}
}

long pe_reloc_count(const struct pe_image *img, struct pe_error *err)
{
	struct pe_reloc_iter it;
	struct pe_reloc r;
	long n = 0;
	int rc;

	pe_reloc_begin(img, &it);
	while ((rc = pe_reloc_next(&it, &r, err)) > 0)
		n++;
	return rc < 0 ? rc : n;
}
