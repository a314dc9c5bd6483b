/*
 * span.c — the one bounds check every read of the image goes through.
 */
#include "pe/internal.h"

const uint8_t *pe_span(const uint8_t *buf, size_t len, uint64_t off,
                       uint64_t n)
{
	if (off > len || n > len - off)
		return NULL;
	return buf + off;
}
