/*
 * exports.c — the export directory (PE spec 5.3): address table, name
 * pointer table, ordinal table, forwarders.
 */
#include "pe/internal.h"

#define EXPORT_DIR_SIZE 40

/* A table of n 32- or 16-bit entries at rva, entirely in file data. */
static int check_table(const struct pe_image *img, const char *what,
                       uint32_t rva, uint32_t n, uint32_t w,
                       struct pe_error *err)
{
	if (n && !pe_rva_ptr(img, rva, n * w))
		return pe_fail(err, PE_ERANGE,
		               "export directory: %s at RVA 0x%x (%u entries) is "
		               "not in the file's data",
		               what, rva, n);
	return 0;
}

int pe_exports_open(const struct pe_image *img, struct pe_exports *ex,
                    struct pe_error *err)
{
	const uint8_t *p;
	int rc;

	memset(ex, 0, sizeof *ex);
	ex->img = img;
	if (img->ndirs <= PE_DIR_EXPORT || img->dirs[PE_DIR_EXPORT].rva == 0)
		return PE_ENOTFOUND;
	ex->dir_rva = img->dirs[PE_DIR_EXPORT].rva;
	ex->dir_size = img->dirs[PE_DIR_EXPORT].size;
	p = pe_rva_ptr(img, ex->dir_rva, EXPORT_DIR_SIZE);
	if (!p)
		return pe_fail(err, PE_ERANGE,
		               "export directory at RVA 0x%x: not in the file's "
		               "data",
		               ex->dir_rva);
	ex->dll_name = pe_rva_str(img, pe_le32(p + 12), PE_MAX_NAME);
	ex->ordinal_base = pe_le32(p + 16);
	ex->nfuncs = pe_le32(p + 20);
	ex->nnames = pe_le32(p + 24);
	ex->funcs_rva = pe_le32(p + 28);
	ex->names_rva = pe_le32(p + 32);
	ex->ords_rva = pe_le32(p + 36);
	if (ex->nfuncs > PE_MAX_EXPORTS || ex->nnames > PE_MAX_EXPORTS) {
		rc = pe_fail(err, PE_EFIELD,
		             "export directory at RVA 0x%x: NumberOfFunctions "
		             "%u or NumberOfNames %u is above %d",
		             ex->dir_rva, ex->nfuncs, ex->nnames,
		             PE_MAX_EXPORTS);
		goto fail;
	}
	/* Ordinals are 16-bit (PE spec 5.3.1). */
	if ((uint64_t)ex->ordinal_base + ex->nfuncs > 0x10000) {
		rc = pe_fail(err, PE_EFIELD,
		             "export directory at RVA 0x%x: Base %u + "
		             "NumberOfFunctions %u exceeds ordinal 65535",
		             ex->dir_rva, ex->ordinal_base, ex->nfuncs);
		goto fail;
	}
	if ((rc = check_table(img, "AddressOfFunctions", ex->funcs_rva,
	                      ex->nfuncs, 4, err)) < 0 ||
	    (rc = check_table(img, "AddressOfNames", ex->names_rva,
	                      ex->nnames, 4, err)) < 0 ||
	    (rc = check_table(img, "AddressOfNameOrdinals", ex->ords_rva,
	                      ex->nnames, 2, err)) < 0)
		goto fail;
	return 0;
fail:
	/* The entry readers trust the tables pe_exports_open checked: a
	 * caller that reads on after a failure must find none. */
	ex->nfuncs = ex->nnames = 0;
	return rc;
}

int pe_export_addr_at(const struct pe_exports *ex, uint32_t index,
                    struct pe_export *e, struct pe_error *err)
{
	const struct pe_image *img = ex->img;
	const uint8_t *p;

	memset(e, 0, sizeof *e);
	if (index >= ex->nfuncs)
		return pe_fail(err, PE_ERANGE,
		               "export index %u: beyond NumberOfFunctions %u",
		               index, ex->nfuncs);
	p = pe_rva_ptr(img, ex->funcs_rva + index * 4, 4);
	e->ordinal = (uint16_t)(ex->ordinal_base + index);
	e->rva = pe_le32(p);
	if (e->rva == 0)
		return 0;
	/* An RVA inside the export directory is a forwarder string
	 * (PE spec 5.3.2). */
	if (e->rva - ex->dir_rva < ex->dir_size) {
		e->forwarder = pe_rva_str(img, e->rva, PE_MAX_FORWARDER);
		if (!e->forwarder)
			return pe_fail(err, PE_ERANGE,
			               "export ordinal %u: forwarder at RVA 0x%x "
			               "is not a string of at most %d bytes",
			               e->ordinal, e->rva, PE_MAX_FORWARDER);
		if (!strchr(e->forwarder, '.'))
			return pe_fail(err, PE_EFIELD,
			               "export ordinal %u: forwarder \"%s\" at RVA "
			               "0x%x has no dot",
			               e->ordinal, e->forwarder, e->rva);
		return 0;
	}
	if (e->rva >= img->size_of_image)
		return pe_fail(err, PE_ERANGE,
		               "export ordinal %u: RVA 0x%x is beyond SizeOfImage "
		               "0x%x",
		               e->ordinal, e->rva, img->size_of_image);
	return 0;
}

int pe_export_name_at(const struct pe_exports *ex, uint32_t i,
                      const char **name, uint32_t *index,
                      struct pe_error *err)
{
	const uint8_t *np, *op;
	uint32_t nrva;

	if (i >= ex->nnames)
		return pe_fail(err, PE_ERANGE,
		               "export name %u: beyond NumberOfNames %u", i,
		               ex->nnames);
	np = pe_rva_ptr(ex->img, ex->names_rva + i * 4, 4);
	op = pe_rva_ptr(ex->img, ex->ords_rva + i * 2, 2);
	nrva = pe_le32(np);
	*index = pe_le16(op);
	*name = pe_rva_str(ex->img, nrva, PE_MAX_SYMBOL);
	if (!*name)
		return pe_fail(err, PE_ERANGE,
		               "export name %u: RVA 0x%x is not a string of at "
		               "most %d bytes in the file",
		               i, nrva, PE_MAX_SYMBOL);
	if (*index >= ex->nfuncs)
		return pe_fail(err, PE_ERANGE,
		               "export \"%s\": ordinal index %u is beyond "
		               "NumberOfFunctions %u",
		               *name, *index, ex->nfuncs);
	return 0;
}

/* Linear in NumberOfNames: fine for one entry; to list them all, walk
 * pe_export_name_at once instead. */
int pe_export_at(const struct pe_exports *ex, uint32_t index,
                 struct pe_export *e, struct pe_error *err)
{
	int rc = pe_export_addr_at(ex, index, e, err);

	if (rc < 0)
		return rc;
	for (uint32_t i = 0; i < ex->nnames; i++) {
		const uint8_t *op = pe_rva_ptr(ex->img, ex->ords_rva + i * 2, 2);
		const char *name;
		uint32_t idx;

		if (pe_le16(op) != index)
			continue;
		if ((rc = pe_export_name_at(ex, i, &name, &idx, err)) < 0)
			return rc;
		e->name = name;
		break;
	}
	return 0;
}

/* Binary search: the name pointer table is sorted (PE spec 5.3.3), and
 * the Windows loader relies on that too. */
int pe_export_by_name(const struct pe_exports *ex, const char *name,
                      struct pe_export *e, struct pe_error *err)
{
	uint32_t lo = 0, hi = ex->nnames;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, index;
		const char *n;
		int rc = pe_export_name_at(ex, mid, &n, &index, err), c;

		if (rc < 0)
			return rc;
		c = strcmp(name, n);
		if (c == 0) {
			if ((rc = pe_export_addr_at(ex, index, e, err)) < 0)
				return rc;
			e->name = n;
			return e->rva ? 0 : PE_ENOTFOUND;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return PE_ENOTFOUND;
}

int pe_export_by_ordinal(const struct pe_exports *ex, uint32_t ordinal,
                         struct pe_export *e, struct pe_error *err)
{
	int rc;

	if (ordinal < ex->ordinal_base ||
	    ordinal - ex->ordinal_base >= ex->nfuncs)
		return PE_ENOTFOUND;
	rc = pe_export_at(ex, ordinal - ex->ordinal_base, e, err);
	if (rc < 0)
		return rc;
	return e->rva ? 0 : PE_ENOTFOUND;
}
