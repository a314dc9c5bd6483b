/*
 * internal.h — what the files of pe/ share and nobody else sees.
 *
 * Every read of the image goes through pe_span (span.c): it is the one
 * place that checks off <= len && n <= len - off.  The little-endian
 * readers below take pointers that pe_span or pe_rva_ptr has already
 * vouched for.
 */
#ifndef DLLSHARE_PE_INTERNAL_H
#define DLLSHARE_PE_INTERNAL_H

#include <stdarg.h>
#include <string.h>

#include "pe/pe.h"

/* Pointer to buf[off .. off+n), or NULL when that range is not inside
 * [0, len).  Overflow-safe for any off and n. */
const uint8_t *pe_span(const uint8_t *buf, size_t len, uint64_t off,
                       uint64_t n);

/* The file-backed bytes from rva to the end of its region (headers or
 * one section's raw data): sets *off and *avail and returns 0, or
 * PE_ERANGE when rva is not file-backed. */
int pe_rva_extent(const struct pe_image *img, uint32_t rva, size_t *off,
                  size_t *avail);

/* Reads and validates the section table at file offset table_off into
 * img->sections (sections.c); on failure nothing stays allocated. */
int pe_parse_sections(struct pe_image *img, uint32_t table_off,
                      struct pe_error *err);

/* Fills err (which may be NULL) with code and a formatted message;
 * returns code, so callers can write `return pe_fail(err, ...)`. */
int pe_fail(struct pe_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline uint16_t pe_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t pe_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t pe_le64(const uint8_t *p)
{
	return (uint64_t)pe_le32(p) | (uint64_t)pe_le32(p + 4) << 32;
}

#endif
