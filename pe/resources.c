/*
 * resources.c — the resource directory (PE spec 6.9): a tree of three
 * levels, type, name and language, each a table of named entries (UTF-16
 * names, compared ignoring ASCII case as Windows' resource functions
 * compare them) followed by ID entries, whose leaves are data entries
 * (RVA, size, code page).
 */
#include "pe/internal.h"

#define DIR_SIZE   16 /* IMAGE_RESOURCE_DIRECTORY */
#define ENTRY_SIZE 8  /* IMAGE_RESOURCE_DIRECTORY_ENTRY */
#define DATA_SIZE  16 /* IMAGE_RESOURCE_DATA_ENTRY */
#define SUBDIR	   0x80000000u
#define NAMED	   0x80000000u

/* The directory's bytes, [base, base + size). */
struct res_dir {
	const struct pe_image *img;
	uint32_t rva, size;
};

static int open_dir(const struct pe_image *img, struct res_dir *d,
		    struct pe_error *err)
{
	if (img->ndirs <= PE_DIR_RESOURCE || !img->dirs[PE_DIR_RESOURCE].rva)
		return PE_ENOTFOUND;
	d->img = img;
	d->rva = img->dirs[PE_DIR_RESOURCE].rva;
	d->size = img->dirs[PE_DIR_RESOURCE].size;
	if (d->size < DIR_SIZE || !pe_rva_ptr(img, d->rva, d->size))
		return pe_fail(err, PE_ERANGE,
			       "resource directory at RVA 0x%x (%u bytes): not "
			       "in the file's data",
			       d->rva, d->size);
	return 0;
}

/* The n bytes at offset off of the directory, or NULL. */
static const uint8_t *at(const struct res_dir *d, uint32_t off, uint32_t n)
{
	if (off > d->size || n > d->size - off)
		return NULL;
	return pe_rva_ptr(d->img, d->rva + off, n);
}

static int same_name(const struct res_dir *d, uint32_t off,
		     const struct pe_res_id *want)
{
	const uint8_t *p = at(d, off, 2), *s;
	uint16_t n;

	if (!p)
		return 0;
	n = pe_le16(p);
	if (n != want->len || !(s = at(d, off + 2, 2u * n)))
		return 0;
	for (uint16_t i = 0; i < n; i++) {
		uint16_t a = pe_le16(s + 2 * i), b = want->name[i];

		if (a >= 'a' && a <= 'z')
			a -= 32;
		if (b >= 'a' && b <= 'z')
			b -= 32;
		if (a != b)
			return 0;
	}
	return 1;
}

/* Entry i of the table at off: its name or ID and where it leads. */
static int entry(const struct res_dir *d, uint32_t off, uint32_t i,
		 uint32_t *name, uint32_t *target, struct pe_error *err)
{
	const uint8_t *p = at(d, off + DIR_SIZE + i * ENTRY_SIZE, ENTRY_SIZE);

	if (!p)
		return pe_fail(err, PE_ERANGE,
			       "resource directory at RVA 0x%x: entry %u of the "
			       "table at offset 0x%x runs past its end",
			       d->rva, i, off);
	*name = pe_le32(p);
	*target = pe_le32(p + 4);
	return 0;
}

/* The table at off: how many entries it has. */
static int table(const struct res_dir *d, uint32_t off, uint32_t *n,
		 struct pe_error *err)
{
	const uint8_t *p = at(d, off, DIR_SIZE);

	if (!p)
		return pe_fail(err, PE_ERANGE,
			       "resource directory at RVA 0x%x: a table at "
			       "offset 0x%x runs past its end",
			       d->rva, off);
	*n = (uint32_t)pe_le16(p + 12) + pe_le16(p + 14);
	if (*n > (d->size - off - DIR_SIZE) / ENTRY_SIZE)
		return pe_fail(err, PE_ERANGE,
			       "resource directory at RVA 0x%x: the table at "
			       "offset 0x%x has %u entries, more than fit",
			       d->rva, off, *n);
	return 0;
}

/* Looks want up in the table at off: the target of its entry, or of the
 * first entry when want is NULL. */
static int lookup(const struct res_dir *d, uint32_t off,
		  const struct pe_res_id *want, uint32_t *target,
		  struct pe_error *err)
{
	uint32_t n, name;
	int rc;

	if ((rc = table(d, off, &n, err)) < 0)
		return rc;
	for (uint32_t i = 0; i < n; i++) {
		if ((rc = entry(d, off, i, &name, target, err)) < 0)
			return rc;
		if (!want)
			return 0;
		if (want->name ? (name & NAMED) &&
					 same_name(d, name & ~NAMED, want)
			       : !(name & NAMED) && name == want->id)
			return 0;
	}
	return PE_ENOTFOUND;
}

/* The subdirectory an entry leads to; a leaf where a table must be is a
 * format error. */
static int subdir(const struct res_dir *d, uint32_t target, uint32_t *off,
		  struct pe_error *err)
{
	if (!(target & SUBDIR))
		return pe_fail(err, PE_EFIELD,
			       "resource directory at RVA 0x%x: a data entry "
			       "where a table must be",
			       d->rva);
	*off = target & ~SUBDIR;
	return 0;
}

int pe_resource_find(const struct pe_image *img, const struct pe_res_id *type,
		     const struct pe_res_id *name, const uint16_t *langs,
		     size_t nlangs, struct pe_resource *res,
		     struct pe_error *err)
{
	struct res_dir d;
	uint32_t t = 0, off = 0;
	const uint8_t *p;
	int rc;

	memset(res, 0, sizeof *res);
	if ((rc = open_dir(img, &d, err)) < 0)
		return rc;
	res->missing = 1;
	if ((rc = lookup(&d, 0, type, &t, err)) < 0 ||
	    (rc = subdir(&d, t, &off, err)) < 0)
		return rc;
	res->missing = 2;
	if ((rc = lookup(&d, off, name, &t, err)) < 0 ||
	    (rc = subdir(&d, t, &off, err)) < 0)
		return rc;
	res->missing = 3;
	/* The first language asked that is there, else the table's first. */
	rc = PE_ENOTFOUND;
	for (size_t i = 0; i < nlangs && rc == PE_ENOTFOUND; i++) {
		struct pe_res_id lang = {.id = langs[i]};

		rc = lookup(&d, off, &lang, &t, err);
		res->lang = langs[i];
	}
	if (rc == PE_ENOTFOUND && !nlangs) {
		uint32_t n, id;

		if ((rc = table(&d, off, &n, err)) < 0)
			return rc;
		if (!n)
			return PE_ENOTFOUND;
		if ((rc = entry(&d, off, 0, &id, &t, err)) < 0)
			return rc;
		res->lang = (uint16_t)id;
	}
	if (rc < 0)
		return rc;
	res->missing = 0;
	if (t & SUBDIR)
		return pe_fail(err, PE_EFIELD,
			       "resource directory at RVA 0x%x: a table where "
			       "a data entry must be",
			       d.rva);
	if (!(p = at(&d, t, DATA_SIZE)))
		return pe_fail(err, PE_ERANGE,
			       "resource directory at RVA 0x%x: a data entry at "
			       "offset 0x%x runs past its end",
			       d.rva, t);
	res->entry_rva = d.rva + t;
	res->data_rva = pe_le32(p);
	res->size = pe_le32(p + 4);
	res->codepage = pe_le32(p + 8);
	if ((uint64_t)res->data_rva + res->size > img->size_of_image)
		return pe_fail(err, PE_ERANGE,
			       "resource data at RVA 0x%x (%u bytes) lies "
			       "outside the image",
			       res->data_rva, res->size);
	return 0;
}

int pe_resource_entry(const struct pe_image *img, const struct pe_res_id *type,
		      const struct pe_res_id *name, uint32_t i,
		      struct pe_res_entry *out, int *missing,
		      struct pe_error *err)
{
	struct res_dir d;
	uint32_t t = 0, off = 0, n, id;
	const uint8_t *p;
	int rc;

	memset(out, 0, sizeof *out);
	*missing = 0;
	if ((rc = open_dir(img, &d, err)) < 0)
		return rc;
	if (type) {
		*missing = 1;
		if ((rc = lookup(&d, 0, type, &t, err)) < 0 ||
		    (rc = subdir(&d, t, &off, err)) < 0)
			return rc;
	}
	if (type && name) {
		*missing = 2;
		if ((rc = lookup(&d, off, name, &t, err)) < 0 ||
		    (rc = subdir(&d, t, &off, err)) < 0)
			return rc;
	}
	*missing = 3;
	if ((rc = table(&d, off, &n, err)) < 0)
		return rc;
	if (i >= n)
		return PE_ENOTFOUND;
	if ((rc = entry(&d, off, i, &id, &t, err)) < 0)
		return rc;
	*missing = 0;
	if (!(id & NAMED)) {
		out->id = (uint16_t)id;
		return 0;
	}
	if (!(p = at(&d, id & ~NAMED, 2)) ||
	    !at(&d, (id & ~NAMED) + 2, 2u * pe_le16(p)))
		return pe_fail(err, PE_ERANGE,
			       "resource directory at RVA 0x%x: the name at "
			       "offset 0x%x runs past its end",
			       d.rva, id & ~NAMED);
	out->named = 1;
	out->len = pe_le16(p);
	out->name_rva = d.rva + (id & ~NAMED) + 2;
	return 0;
}
