/*
 * sections.c — the section table (PE spec 4), RVA translation, and the
 * mapping policy: which ranges are shared, copy-on-write or shared
 * writable is decided here and nowhere else.
 */
#include <stdlib.h>

#include "pe/internal.h"

#define SECTION_HDR_SIZE 40
#define SYMBOL_SIZE 18  /* a COFF symbol record; the string table follows */
#define PAGE_SIZE 4096  /* the x86-64 page the loader maps with */

/* A "/N" name: N is a decimal offset into the COFF string table, which
 * follows the symbol table (PE spec 4, "Name").  mingw-w64 writes such
 * names for its DWARF sections (.debug_info is longer than 8). */
static int long_name(const struct pe_image *img, struct pe_section *s,
                     uint16_t i, struct pe_error *err)
{
	uint64_t tab = (uint64_t)img->symtab_off + (uint64_t)img->nsyms * SYMBOL_SIZE;
	uint64_t n = 0;
	const uint8_t *t, *nul;
	size_t avail;

	for (const char *c = s->name + 1; *c; c++) {
		if (*c < '0' || *c > '9')
			return 0; /* not a long-name reference: keep as is */
		n = n * 10 + (uint64_t)(*c - '0');
	}
	if (img->symtab_off == 0 || s->name[1] == '\0')
		return 0;
	t = pe_span(img->buf, img->len, tab + n, 1);
	if (!t)
		return pe_fail(err, PE_ERANGE,
		               "section %u header at offset 0x%x: name \"%s\" "
		               "points outside the COFF string table at offset "
		               "0x%llx",
		               i, s->hdr_off, s->name, (unsigned long long)tab);
	avail = img->len - (size_t)(tab + n);
	if (avail > PE_MAX_NAME - 1)
		avail = PE_MAX_NAME - 1;
	nul = memchr(t, 0, avail);
	if (!nul)
		return pe_fail(err, PE_EFIELD,
		               "section %u header at offset 0x%x: long name \"%s\" "
		               "is not NUL-terminated within %d bytes",
		               i, s->hdr_off, s->name, PE_MAX_NAME - 1);
	memcpy(s->name, t, (size_t)(nul - t) + 1);
	return 0;
}

static uint64_t align_up(uint64_t v, uint32_t a)
{
	return (v + a - 1) & ~(uint64_t)(a - 1);
}

/* One header: fields, file bounds, and place in the image. */
static int read_section(const struct pe_image *img, struct pe_section *s,
                        uint16_t i, const uint8_t *p, uint64_t prev_end,
                        struct pe_error *err)
{
	uint32_t vsize = pe_le32(p + 8), raw = pe_le32(p + 16);
	int rc;

	memcpy(s->name, p, 8);
	s->name[8] = '\0';
	/* A laid-out image has no string table: "/N" stays as it is. */
	if (s->name[0] == '/' && !img->mapped &&
	    (rc = long_name(img, s, i, err)) < 0)
		return rc;
	s->vaddr = pe_le32(p + 12);
	s->vsize = vsize ? vsize : raw;
	s->raw_size = raw < s->vsize ? raw : s->vsize;
	s->raw_off = s->raw_size ? pe_le32(p + 20) : 0;
	s->flags = pe_le32(p + 36);
	/* Laid out, the raw data sits at the section's RVA: every reader
	 * that goes through raw_off then reads the buffer in place. */
	if (img->mapped && s->raw_size)
		s->raw_off = s->vaddr;
	if (!pe_span(img->buf, img->len, s->raw_off, s->raw_size))
		return pe_fail(err, PE_ETRUNC,
		               "section %u (%s) at offset 0x%x: raw data at "
		               "%s 0x%x size 0x%x is beyond the end of the "
		               "%s (size 0x%zx)",
		               i, s->name, s->hdr_off,
		               img->mapped ? "RVA" : "offset", s->raw_off,
		               s->raw_size, img->mapped ? "image" : "file",
		               img->len);
	if (s->vaddr & (img->section_align - 1))
		return pe_fail(err, PE_EFIELD,
		               "section %u (%s) at offset 0x%x: VirtualAddress "
		               "0x%x is not a multiple of SectionAlignment 0x%x",
		               i, s->name, s->hdr_off, s->vaddr,
		               img->section_align);
	if ((uint64_t)s->vaddr + s->vsize > img->size_of_image)
		return pe_fail(err, PE_ERANGE,
		               "section %u (%s) at offset 0x%x: RVA 0x%x size "
		               "0x%x is beyond SizeOfImage 0x%x",
		               i, s->name, s->hdr_off, s->vaddr, s->vsize,
		               img->size_of_image);
	if (s->vaddr < prev_end)
		return pe_fail(err, PE_EFIELD,
		               "section %u (%s) at offset 0x%x: RVA 0x%x overlaps "
		               "%s ending at RVA 0x%llx",
		               i, s->name, s->hdr_off, s->vaddr,
		               i ? "the previous section" : "the headers",
		               (unsigned long long)prev_end);
	return 0;
}

int pe_parse_sections(struct pe_image *img, uint32_t table_off,
                      struct pe_error *err)
{
	const uint8_t *p;
	uint64_t prev_end;
	int rc;

	p = pe_span(img->buf, img->len, table_off,
	            (uint64_t)img->nsections * SECTION_HDR_SIZE);
	if (!p)
		return pe_fail(err, PE_ETRUNC,
		               "section table at offset 0x%x (%u entries) runs "
		               "past the end of the file (size 0x%zx)",
		               table_off, img->nsections, img->len);
	if (img->nsections == 0)
		return 0;
	img->sections = calloc(img->nsections, sizeof *img->sections);
	if (!img->sections)
		return pe_fail(err, PE_ENOMEM, "section table: out of memory");
	/* Low-alignment images are laid out as in the file, headers and all
	 * (PE spec 3.4.2); otherwise the headers own the first pages. */
	prev_end = img->section_align < PAGE_SIZE
	                   ? 0
	                   : align_up(img->size_of_headers, img->section_align);
	for (uint16_t i = 0; i < img->nsections; i++) {
		struct pe_section *s = &img->sections[i];

		s->hdr_off = table_off + (uint32_t)i * SECTION_HDR_SIZE;
		rc = read_section(img, s, i, p + i * SECTION_HDR_SIZE, prev_end,
		                  err);
		if (rc < 0)
			goto fail;
		prev_end = align_up((uint64_t)s->vaddr + s->vsize,
		                    img->section_align);
	}
	return 0;
fail:
	free(img->sections);
	img->sections = NULL;
	return rc;
}

const struct pe_section *pe_section_at(const struct pe_image *img,
                                       uint32_t rva)
{
	for (uint16_t i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		if (rva >= s->vaddr && rva - s->vaddr < s->vsize)
			return s;
	}
	return NULL;
}

/*
 * The sharing policy (DESIGN.md, "A view").  s is NULL for the headers.
 * Below-page SectionAlignment: sections share pages with each other and
 * with the headers, so protections cannot differ per section; Windows maps
 * such an image as one copy-on-write RWX region, and so do we.
 */
enum pe_mapping pe_section_mapping(const struct pe_image *img,
                                   const struct pe_section *s)
{
	if (img->section_align < PAGE_SIZE)
		return PE_MAP_WHOLE_COW;
	if (!s || !(s->flags & PE_SCN_MEM_WRITE))
		return PE_MAP_SHARED_RO;
	if (s->flags & PE_SCN_MEM_SHARED)
		return PE_MAP_SHARED_RW;
	return PE_MAP_COW;
}

const char *pe_mapping_name(enum pe_mapping m)
{
	switch (m) {
	case PE_MAP_SHARED_RO: return "shared";
	case PE_MAP_COW: return "copy-on-write";
	case PE_MAP_SHARED_RW: return "shared-writable";
	case PE_MAP_WHOLE_COW: return "whole-image-cow";
	}
	return "?";
}

int pe_rva_extent(const struct pe_image *img, uint32_t rva, size_t *off,
                  size_t *avail)
{
	const struct pe_section *s;
	size_t hdr = img->size_of_headers < img->len ? img->size_of_headers
	                                             : img->len;

	s = pe_section_at(img, rva);
	if (s) {
		if (rva - s->vaddr >= s->raw_size)
			return PE_ERANGE;
		*off = (size_t)s->raw_off + (rva - s->vaddr);
		*avail = s->raw_size - (rva - s->vaddr);
		return 0;
	}
	if (rva < hdr) {
		*off = rva;
		*avail = hdr - rva;
		return 0;
	}
	return PE_ERANGE;
}

int pe_rva_to_off(const struct pe_image *img, uint32_t rva, uint32_t n,
                  size_t *off)
{
	size_t o, avail;

	if (pe_rva_extent(img, rva, &o, &avail) < 0 || n > avail)
		return PE_ERANGE;
	if (!pe_span(img->buf, img->len, o, n))
		return PE_ERANGE;
	*off = o;
	return 0;
}

const void *pe_rva_ptr(const struct pe_image *img, uint32_t rva, uint32_t n)
{
	size_t off;

	if (pe_rva_to_off(img, rva, n, &off) < 0)
		return NULL;
	return img->buf + off;
}

const char *pe_rva_str(const struct pe_image *img, uint32_t rva, size_t max)
{
	size_t off, avail;
	const uint8_t *p;

	if (pe_rva_extent(img, rva, &off, &avail) < 0)
		return NULL;
	if (avail > max + 1)
		avail = max + 1;
	p = pe_span(img->buf, img->len, off, avail);
	if (!p || !memchr(p, 0, avail))
		return NULL;
	return (const char *)p;
}
