/*
 * imports.c — the import directory (PE spec 5.4) and its thunk arrays,
 * which delay imports (delay.c) walk with the same functions.
 */
#include "pe/internal.h"

#define DESC_SIZE 20

void pe_import_begin(const struct pe_image *img, struct pe_import_iter *it)
{
	it->img = img;
	it->count = 0;
	it->pos = img->ndirs > PE_DIR_IMPORT ? img->dirs[PE_DIR_IMPORT].rva : 0;
}

/* The list ends at a descriptor whose Name or FirstThunk is 0, as in the
 * Windows and Wine loaders; the directory's Size is not trusted. */
int pe_import_next(struct pe_import_iter *it, struct pe_import_dll *dll,
                   struct pe_error *err)
{
	const uint8_t *p;

	if (it->pos == 0)
		return 0;
	if (it->count == PE_MAX_IMPORT_DLLS)
		return pe_fail(err, PE_ELOOP,
		               "import directory at RVA 0x%x: no terminating "
		               "descriptor within %d entries",
		               it->img->dirs[PE_DIR_IMPORT].rva,
		               PE_MAX_IMPORT_DLLS);
	p = pe_rva_ptr(it->img, it->pos, DESC_SIZE);
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "import descriptor %u at RVA 0x%x: not in the "
		               "file's data",
		               it->count, it->pos);
	dll->desc_rva = it->pos;
	dll->name_rva = pe_le32(p + 12);
	dll->iat_rva = pe_le32(p + 16);
	dll->ilt_rva = pe_le32(p) ? pe_le32(p) : dll->iat_rva;
	if (dll->name_rva == 0 || dll->iat_rva == 0) {
		it->pos = 0;
		return 0;
	}
	dll->name = pe_rva_str(it->img, dll->name_rva, PE_MAX_NAME);
	if (!dll->name)
		return pe_fail(err, PE_ERANGE,
		               "import descriptor %u at RVA 0x%x: Name RVA 0x%x "
		               "is not a string of at most %d bytes in the file",
		               it->count, it->pos, dll->name_rva, PE_MAX_NAME);
	it->pos += DESC_SIZE;
	it->count++;
	return 1;
}

void pe_import_fn_begin(const struct pe_image *img,
                        const struct pe_import_dll *dll,
                        struct pe_import_fn_iter *it)
{
	it->img = img;
	it->dll = *dll;
	it->index = 0;
}

/* Entry `index` of the lookup table: 1 with fn filled, 0 at the
 * terminating zero thunk, or an error. */
static int thunk_read(const struct pe_import_fn_iter *it, uint32_t index,
                      struct pe_import_fn *fn, struct pe_error *err)
{
	const struct pe_image *img = it->img;
	uint32_t w = img->pe32plus ? 8 : 4;
	uint64_t at = (uint64_t)it->dll.ilt_rva + (uint64_t)index * w;
	uint64_t slot = (uint64_t)it->dll.iat_rva + (uint64_t)index * w;
	uint64_t v, flag = img->pe32plus ? 1ULL << 63 : 1ULL << 31;
	const uint8_t *p;

	if (index >= PE_MAX_IMPORT_FUNCS)
		return pe_fail(err, PE_ELOOP,
		               "import %s: lookup table at RVA 0x%x has no "
		               "terminator within %d entries",
		               it->dll.name, it->dll.ilt_rva,
		               PE_MAX_IMPORT_FUNCS);
	p = at + w <= img->size_of_image ? pe_rva_ptr(img, (uint32_t)at, w)
	                                 : NULL;
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "import %s: lookup entry %u at RVA 0x%llx is not "
		               "in the file's data",
		               it->dll.name, index, (unsigned long long)at);
	v = img->pe32plus ? pe_le64(p) : pe_le32(p);
	if (v == 0)
		return 0;
	if (slot + w > img->size_of_image)
		return pe_fail(err, PE_ERANGE,
		               "import %s: IAT slot %u at RVA 0x%llx is beyond "
		               "SizeOfImage 0x%x",
		               it->dll.name, index, (unsigned long long)slot,
		               img->size_of_image);
	memset(fn, 0, sizeof *fn);
	fn->iat_rva = (uint32_t)slot;
	if (v & flag) {
		fn->by_ordinal = 1;
		fn->ordinal = (uint16_t)v;
		return 1;
	}
	if (v > 0x7fffffff)
		return pe_fail(err, PE_EFIELD,
		               "import %s: lookup entry %u at RVA 0x%llx: value "
		               "0x%llx has reserved bits set",
		               it->dll.name, index, (unsigned long long)at,
		               (unsigned long long)v);
	p = pe_rva_ptr(img, (uint32_t)v, 2);
	fn->name = p ? pe_rva_str(img, (uint32_t)v + 2, PE_MAX_SYMBOL) : NULL;
	if (!fn->name)
		return pe_fail(err, PE_ERANGE,
		               "import %s: entry %u: hint/name at RVA 0x%llx is "
		               "not a string of at most %d bytes in the file",
		               it->dll.name, index, (unsigned long long)v,
		               PE_MAX_SYMBOL);
	fn->hint = pe_le16(p);
	return 1;
}

int pe_import_fn_next(struct pe_import_fn_iter *it, struct pe_import_fn *fn,
                      struct pe_error *err)
{
	int rc = thunk_read(it, it->index, fn, err);

	if (rc > 0)
		it->index++;
	return rc;
}
