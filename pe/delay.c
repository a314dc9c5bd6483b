/*
 * delay.c — delay-load import descriptors (PE spec 5.8.1), listed only:
 * nothing here binds them.
 */
#include "pe/internal.h"

#define DELAY_DESC_SIZE 32
#define DELAY_RVA_BASED 1 /* Attributes bit 0: fields are RVAs, not VAs */

void pe_delay_begin(const struct pe_image *img, struct pe_import_iter *it)
{
	it->img = img;
	it->count = 0;
	it->pos = img->ndirs > PE_DIR_DELAY_IMPORT
	                  ? img->dirs[PE_DIR_DELAY_IMPORT].rva
	                  : 0;
}

int pe_delay_next(struct pe_import_iter *it, struct pe_import_dll *dll,
                  struct pe_error *err)
{
	const uint8_t *p;
	uint32_t attrs;

	if (it->pos == 0)
		return 0;
	if (it->count == PE_MAX_IMPORT_DLLS)
		return pe_fail(err, PE_ELOOP,
		               "delay import directory at RVA 0x%x: no "
		               "terminating descriptor within %d entries",
		               it->img->dirs[PE_DIR_DELAY_IMPORT].rva,
		               PE_MAX_IMPORT_DLLS);
	p = pe_rva_ptr(it->img, it->pos, DELAY_DESC_SIZE);
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "delay import descriptor %u at RVA 0x%x: not in "
		               "the file's data",
		               it->count, it->pos);
	if (pe_le32(p + 4) == 0) {
		it->pos = 0;
		return 0;
	}
	/* Visual C++ 6 wrote VAs here, in the table and in its entries;
	 * no toolchain of this decade does. */
	attrs = pe_le32(p);
	if (!(attrs & DELAY_RVA_BASED))
		return pe_fail(err, PE_EUNSUP,
		               "delay import descriptor %u at RVA 0x%x: "
		               "Attributes 0x%x: VA-based descriptors are not "
		               "supported",
		               it->count, it->pos, attrs);
	dll->desc_rva = it->pos;
	dll->name_rva = pe_le32(p + 4);
	dll->iat_rva = pe_le32(p + 12);
	dll->ilt_rva = pe_le32(p + 16);
	dll->name = pe_rva_str(it->img, dll->name_rva, PE_MAX_NAME);
	if (!dll->name)
		return pe_fail(err, PE_ERANGE,
		               "delay import descriptor %u at RVA 0x%x: DllName "
		               "0x%x is not a string of at most %d bytes in the "
		               "file",
		               it->count, it->pos, pe_le32(p + 4), PE_MAX_NAME);
	if (!dll->iat_rva || !dll->ilt_rva)
		return pe_fail(err, PE_EFIELD,
		               "delay import descriptor %u (%s) at RVA 0x%x: IAT "
		               "RVA 0x%x or name table RVA 0x%x is zero",
		               it->count, dll->name, it->pos, dll->iat_rva,
		               dll->ilt_rva);
	it->pos += DELAY_DESC_SIZE;
	it->count++;
	return 1;
}

void pe_delay_fn_begin(const struct pe_image *img,
                       const struct pe_import_dll *dll,
                       struct pe_import_fn_iter *it)
{
	pe_import_fn_begin(img, dll, it);
}

int pe_delay_fn_next(struct pe_import_fn_iter *it, struct pe_import_fn *fn,
                     struct pe_error *err)
{
	return pe_import_fn_next(it, fn, err);
}
