/*
 * cphash.h — one number for a code page's tables, computed the same way
 * by cpgen.c (from what Wine's MultiByteToWideChar and
 * WideCharToMultiByte answer) and by cpnls.c (from Wine's code page
 * files at build time): when the two disagree, the files installed are
 * not the ones the tables were measured against, and the build stops.
 *
 * FNV-1a over, in this order: the default byte, the default Unicode
 * character, full, the 12 lead-byte bounds, every code's character (all
 * 65536; 0 where a code is not a character), the 256 glyphs, the bitmap of
 * bytes MB_ERR_INVALID_CHARS refuses, and every UTF-16 unit's code.  Each
 * value is taken as two little-endian bytes.
 */
#ifndef DLLSHARE_CPHASH_H
#define DLLSHARE_CPHASH_H

#include <stddef.h>
#include <stdint.h>

#define CP_HASH_INIT 0xcbf29ce484222325ull

static inline uint64_t cp_hash_u16(uint64_t h, unsigned v)
{
	h = (h ^ (v & 0xff)) * 0x100000001b3ull;
	return (h ^ ((v >> 8) & 0xff)) * 0x100000001b3ull;
}

static inline uint64_t cp_hash_words(uint64_t h, const uint16_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = cp_hash_u16(h, w[i]);
	return h;
}

static inline uint64_t cp_hash_bytes(uint64_t h, const unsigned char *b,
				     size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = cp_hash_u16(h, b[i]);
	return h;
}

/* mb: 65536 codes; glyph: 256; invalid: 32 bytes; wc: 65536 units. */
static inline uint64_t cp_hash_page(unsigned defchar, unsigned unidef,
				    unsigned full, const unsigned char *leads,
				    const uint16_t *mb, const uint16_t *glyph,
				    const unsigned char *invalid,
				    const uint16_t *wc)
{
	uint64_t h = CP_HASH_INIT;

	h = cp_hash_u16(h, defchar);
	h = cp_hash_u16(h, unidef);
	h = cp_hash_u16(h, full);
	h = cp_hash_bytes(h, leads, 12);
	h = cp_hash_words(h, mb, 65536);
	h = cp_hash_words(h, glyph, 256);
	h = cp_hash_bytes(h, invalid, 32);
	return cp_hash_words(h, wc, 65536);
}

#endif
