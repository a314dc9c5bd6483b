/*
 * tls.c — the TLS directory and its callback array (PE spec 6.7).
 */
#include "pe/internal.h"

/* The VA v as an RVA of img, if [v, v+n) lies inside the image. */
static int va_to_rva(const struct pe_image *img, uint64_t v, uint32_t n,
                     uint32_t *rva)
{
	if (v < img->image_base || v - img->image_base > img->size_of_image ||
	    img->size_of_image - (v - img->image_base) < n)
		return PE_ERANGE;
	*rva = (uint32_t)(v - img->image_base);
	return 0;
}

int pe_tls_read(const struct pe_image *img, struct pe_tls *tls,
                struct pe_error *err)
{
	uint32_t w = img->pe32plus ? 8 : 4, rva, cb;
	const uint8_t *p;

	memset(tls, 0, sizeof *tls);
	if (img->ndirs <= PE_DIR_TLS || img->dirs[PE_DIR_TLS].rva == 0)
		return PE_ENOTFOUND;
	rva = img->dirs[PE_DIR_TLS].rva;
	p = pe_rva_ptr(img, rva, 4 * w + 8);
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "TLS directory at RVA 0x%x: not in the file's data",
		               rva);
	if (img->pe32plus) {
		tls->start_va = pe_le64(p);
		tls->end_va = pe_le64(p + 8);
		tls->index_va = pe_le64(p + 16);
		tls->callbacks_va = pe_le64(p + 24);
	} else {
		tls->start_va = pe_le32(p);
		tls->end_va = pe_le32(p + 4);
		tls->index_va = pe_le32(p + 8);
		tls->callbacks_va = pe_le32(p + 12);
	}
	tls->zero_fill = pe_le32(p + 4 * w);
	tls->flags = pe_le32(p + 4 * w + 4);
	if (tls->start_va > tls->end_va ||
	    (tls->start_va &&
	     (va_to_rva(img, tls->start_va, 0, &cb) < 0 ||
	      va_to_rva(img, tls->end_va, 0, &cb) < 0)))
		return pe_fail(err, PE_ERANGE,
		               "TLS directory at RVA 0x%x: raw data 0x%llx..0x%llx "
		               "is not inside the image",
		               rva, (unsigned long long)tls->start_va,
		               (unsigned long long)tls->end_va);
	if (tls->index_va && va_to_rva(img, tls->index_va, 4, &cb) < 0)
		return pe_fail(err, PE_ERANGE,
		               "TLS directory at RVA 0x%x: AddressOfIndex 0x%llx "
		               "is not inside the image",
		               rva, (unsigned long long)tls->index_va);
	if (!tls->callbacks_va)
		return 0;
	if (va_to_rva(img, tls->callbacks_va, w, &cb) < 0)
		return pe_fail(err, PE_ERANGE,
		               "TLS directory at RVA 0x%x: AddressOfCallBacks "
		               "0x%llx is not inside the image",
		               rva, (unsigned long long)tls->callbacks_va);
	for (;;) {
		uint64_t va;
		int rc;

		if (tls->ncallbacks == PE_MAX_TLS_CALLBACKS)
			return pe_fail(err, PE_ELOOP,
			               "TLS callbacks at RVA 0x%x: no terminating "
			               "zero within %d entries",
			               cb, PE_MAX_TLS_CALLBACKS);
		rc = pe_tls_callback(img, tls, tls->ncallbacks, &va, err);
		if (rc < 0)
			return rc;
		if (va == 0)
			return 0;
		tls->ncallbacks++;
	}
}

/* Reads entry i of the callback array; a nonzero entry must point into
 * the image.  i may be ncallbacks (the terminator, which reads 0). */
int pe_tls_callback(const struct pe_image *img, const struct pe_tls *tls,
                    uint32_t i, uint64_t *va, struct pe_error *err)
{
	uint32_t w = img->pe32plus ? 8 : 4, cb, fn;
	uint64_t at;
	const uint8_t *p;

	if (va_to_rva(img, tls->callbacks_va, 0, &cb) < 0)
		return pe_fail(err, PE_ERANGE,
		               "TLS AddressOfCallBacks 0x%llx is not inside the "
		               "image",
		               (unsigned long long)tls->callbacks_va);
	at = (uint64_t)cb + (uint64_t)i * w;
	p = at + w <= img->size_of_image ? pe_rva_ptr(img, (uint32_t)at, w)
	                                 : NULL;
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "TLS callback %u at RVA 0x%llx: not in the file's "
		               "data",
		               i, (unsigned long long)at);
	*va = img->pe32plus ? pe_le64(p) : pe_le32(p);
	if (*va && va_to_rva(img, *va, 1, &fn) < 0)
		return pe_fail(err, PE_ERANGE,
		               "TLS callback %u at RVA 0x%llx: VA 0x%llx is not "
		               "inside the image",
		               i, (unsigned long long)at,
		               (unsigned long long)*va);
	return 0;
}
