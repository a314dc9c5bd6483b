/*
 * sechash.c — the checksum of a section file's image bytes.
 *
 * A section file is checked against what its image produces before any
 * of its code runs (section.c, `dllshare cache verify`): the trailer
 * holds a 64-bit hash of the laid-out, relocated image, seeded with the
 * section's identity, so a file with other bytes, or another image's
 * bytes under this name, does not match.  The hash is the XXH64
 * algorithm (Yann Collet's xxHash, the public specification), written
 * here from the specification: about 0.5 cycles per byte, so checking a
 * 100 KiB image costs microseconds.  It finds damage and changes; it is
 * not a MAC, and the same user can always rewrite both the bytes and
 * the sum (docs/design.md, "Section integrity").
 */
#include <string.h>

#include "loader/section.h"

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static uint64_t rotl(uint64_t v, int r)
{
	return (v << r) | (v >> (64 - r));
}

static uint64_t read64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint32_t read32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t round1(uint64_t acc, uint64_t in)
{
	return rotl(acc + in * P2, 31) * P1;
}

static uint64_t merge(uint64_t h, uint64_t v)
{
	return (h ^ round1(0, v)) * P1 + P4;
}

void ld_hash_init(struct ld_hash *h, uint64_t seed)
{
	memset(h, 0, sizeof *h);
	h->v[0] = seed + P1 + P2;
	h->v[1] = seed + P2;
	h->v[2] = seed;
	h->v[3] = seed - P1;
	h->seed = seed;
}

/* Consumes whole 32-byte stripes of p[0..n). */
static void stripes(struct ld_hash *h, const uint8_t *p, size_t n)
{
	uint64_t a = h->v[0], b = h->v[1], c = h->v[2], d = h->v[3];

	for (; n >= 32; p += 32, n -= 32) {
		a = round1(a, read64(p));
		b = round1(b, read64(p + 8));
		c = round1(c, read64(p + 16));
		d = round1(d, read64(p + 24));
	}
	h->v[0] = a, h->v[1] = b, h->v[2] = c, h->v[3] = d;
}

void ld_hash_update(struct ld_hash *h, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	h->total += len;
	if (h->nbuf) {
		size_t take = 32 - h->nbuf < len ? 32 - h->nbuf : len;

		memcpy(h->buf + h->nbuf, p, take);
		h->nbuf += take, p += take, len -= take;
		if (h->nbuf < 32)
			return;
		stripes(h, h->buf, 32);
		h->nbuf = 0;
	}
	stripes(h, p, len & ~(size_t)31);
	p += len & ~(size_t)31;
	h->nbuf = len & 31;
	memcpy(h->buf, p, h->nbuf);
}

uint64_t ld_hash_final(const struct ld_hash *h)
{
	const uint8_t *p = h->buf, *end = h->buf + h->nbuf;
	uint64_t r;

	if (h->total >= 32) {
		r = rotl(h->v[0], 1) + rotl(h->v[1], 7) + rotl(h->v[2], 12) +
			rotl(h->v[3], 18);
		for (int i = 0; i < 4; i++)
			r = merge(r, h->v[i]);
	} else {
		r = h->seed + P5;
	}
	r += h->total;
	for (; p + 8 <= end; p += 8)
		r = rotl(r ^ round1(0, read64(p)), 27) * P1 + P4;
	if (p + 4 <= end) {
		r = rotl(r ^ (read32(p) * P1), 23) * P2 + P3;
		p += 4;
	}
	for (; p < end; p++)
		r = rotl(r ^ (*p * P5), 11) * P1;
	r ^= r >> 33;
	r *= P2;
	r ^= r >> 29;
	r *= P3;
	return r ^ (r >> 32);
}

uint64_t ld_hash(uint64_t seed, const void *buf, size_t len)
{
	struct ld_hash h;

	ld_hash_init(&h, seed);
	ld_hash_update(&h, buf, len);
	return ld_hash_final(&h);
}

uint64_t ld_section_seed(const struct ld_identity *id)
{
	struct ld_hash h;

	ld_hash_init(&h, 0x646c6c7368617265ULL); /* "dllshare" */
	ld_hash_update(&h, id, sizeof *id);
	return ld_hash_final(&h);
}
