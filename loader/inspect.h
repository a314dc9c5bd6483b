/*
 * inspect.h — what cmd_inspect.c (text) and inspect_json.c (JSON) share
 * (loader-internal).
 */
#ifndef DLLSHARE_LOADER_INSPECT_H
#define DLLSHARE_LOADER_INSPECT_H

#include "loader/ld.h"

struct ld_inspect {
	const char *path;
	const struct pe_image *img;
	const struct ld_host *host;
	int show_imports; /* --imports: each function and who provides it */
};

/* Where an import will come from. */
enum ld_provider {
	LD_PROV_BUILTIN,   /* the runtime's built-in module exports it */
	LD_PROV_MISSING,   /* built-in module, but it lacks this function */
	LD_PROV_FILE,      /* the DLL is not built in: loaded from a file */
};

/* Relocation summary: entries, by type, pages touched, blocks. */
struct ld_reloc_summary {
	long count, blocks, pages;
	long by_type[16];
};

/* The host's built-in module named dll (case-insensitive), or NULL. */
const struct ld_builtin_module *ld_inspect_builtin(const struct ld_host *h,
                                                  const char *dll);
/* Who provides fn: m is the importing DLL's built-in module or NULL. */
enum ld_provider ld_inspect_provider(const struct ld_builtin_module *m,
                                     const struct pe_import_fn *fn);
/* "built-in", "MISSING", "from file". */
const char *ld_provider_name(enum ld_provider p);
/* "r-x" plus "shared", "code", "bss", "discard" words into buf. */
const char *ld_inspect_flags(uint32_t flags, char *buf, size_t n);
/* "DIR64", "HIGHLOW", ... for a base relocation type (0..15). */
const char *ld_reloc_type_name(unsigned type);
/* Walks img's base relocations into rs: 0, or the first error. */
int ld_inspect_relocs(const struct pe_image *img, struct ld_reloc_summary *rs,
                      struct pe_error *err);
/* The name of each export index (NULL for an unnamed one; the first name
 * wins when several share an index), calloc'd for the caller to free;
 * NULL when out of memory, and the report then shows no names. */
const char **ld_inspect_export_names(const struct pe_exports *ex);
/* Maps the file at path read-only into *buf, *len (an empty file is a
 * one-byte static buffer with *len 0; release with munmap only when *len
 * is nonzero): 0, or -1 with "dllshare: PATH: why" printed. */
int ld_map_file(const char *path, const uint8_t **buf, size_t *len);
/* Writes str on stdout as a JSON string ("null" for NULL), escaped so
 * that any bytes from a file give valid JSON. */
void ld_json_str(const char *str);
/* Prints the JSON form on stdout; returns 0 or a pe error code. */
int ld_inspect_json(const struct ld_inspect *in, struct pe_error *err);

#endif
