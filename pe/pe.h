/*
 * pe.h — the PE/COFF format, parsed from a byte buffer.
 *
 * Pure functions over (const uint8_t *buf, size_t len): nothing here opens
 * files, maps memory or prints.  pe_parse() validates the headers and the
 * section table once and yields a struct pe_image the loader can trust;
 * the directory walkers (relocations, imports, exports, TLS, delay imports)
 * validate each record as they reach it.  Every error fills a struct
 * pe_error with one line that names the field and the file offset or RVA,
 * e.g. "relocation block at RVA 0x3000: SizeOfBlock 4 is below 8"; the
 * caller prefixes the file name.
 *
 * References are to the Microsoft PE/COFF specification ("PE spec").
 */
#ifndef DLLSHARE_PE_H
#define DLLSHARE_PE_H

#include <stddef.h>
#include <stdint.h>

/* Error codes: every function returns 0 (or a count) or one of these. */
enum {
	PE_OK = 0,
	PE_ETRUNC = -1,    /* a structure runs past the end of the file */
	PE_EMAGIC = -2,    /* bad MZ / PE\0\0 / optional-header magic */
	PE_EFIELD = -3,    /* a header field has an impossible value */
	PE_ERANGE = -4,    /* an RVA or size lies outside the image */
	PE_ELOOP = -5,     /* a chain or list does not end within its cap */
	PE_ENOMEM = -6,    /* allocation failed */
	PE_ENOTFOUND = -7, /* lookup found nothing (not a format error) */
	PE_EUNSUP = -8,    /* valid PE, but something we do not handle */
};

struct pe_error {
	int code;
	char msg[256];
};

/* Named caps, each with its reason. */
#define PE_MAX_SECTIONS 96         /* the Windows loader's limit (PE spec 3.3) */
#define PE_MAX_DATA_DIRS 16        /* NumberOfRvaAndSizes above 16 is invalid */
#define PE_MAX_IMAGE_SIZE (2ULL << 30) /* 2 GiB: the largest image we lay out
                                         in a section file (room for a 1 GiB
                                         data section); a larger SizeOfImage
                                         is hostile, not code */
#define PE_MAX_NAME 256            /* longest DLL or section name we accept */
#define PE_MAX_SYMBOL 4096         /* longest imported/exported function name:
                                      C++ mangled names run to thousands */
#define PE_MAX_IMPORT_DLLS 4096    /* entries, terminator included: an
                                      import table longer is a loop */
#define PE_MAX_IMPORT_FUNCS 65536  /* per DLL, terminator included;
                                      longer is a thunk loop */
#define PE_MAX_EXPORTS 65536       /* ordinals are 16-bit */
#define PE_MAX_TLS_CALLBACKS 1024  /* entries, terminating zero included:
                                      a longer list is a loop */
#define PE_MAX_FORWARDER (PE_MAX_NAME + 1 + PE_MAX_SYMBOL) /* "DLL.Name" */

/* Machine types (PE spec 3.3.1). */
#define PE_MACHINE_I386 0x014c
#define PE_MACHINE_AMD64 0x8664
#define PE_MACHINE_ARM64 0xaa64
#define PE_MACHINE_ARMNT 0x01c4

/* File characteristics (PE spec 3.3.2). */
#define PE_FILE_RELOCS_STRIPPED 0x0001
#define PE_FILE_EXECUTABLE 0x0002
#define PE_FILE_DLL 0x2000

/* Data directory indexes (PE spec 3.4.3). */
enum {
	PE_DIR_EXPORT = 0,
	PE_DIR_IMPORT = 1,
	PE_DIR_RESOURCE = 2,
	PE_DIR_EXCEPTION = 3,
	PE_DIR_SECURITY = 4,
	PE_DIR_BASERELOC = 5,
	PE_DIR_DEBUG = 6,
	PE_DIR_TLS = 9,
	PE_DIR_LOAD_CONFIG = 10,
	PE_DIR_IAT = 12,
	PE_DIR_DELAY_IMPORT = 13,
	PE_DIR_CLR = 14,
};

/* Section characteristics (PE spec 3.5.1). */
#define PE_SCN_CNT_CODE 0x00000020
#define PE_SCN_CNT_INITIALIZED_DATA 0x00000040
#define PE_SCN_CNT_UNINITIALIZED_DATA 0x00000080
#define PE_SCN_MEM_DISCARDABLE 0x02000000
#define PE_SCN_MEM_SHARED 0x10000000
#define PE_SCN_MEM_EXECUTE 0x20000000
#define PE_SCN_MEM_READ 0x40000000
#define PE_SCN_MEM_WRITE 0x80000000

/* Base relocation types (PE spec 5.6.2). */
#define PE_REL_ABSOLUTE 0
#define PE_REL_HIGH 1
#define PE_REL_LOW 2
#define PE_REL_HIGHLOW 3
#define PE_REL_HIGHADJ 4
#define PE_REL_DIR64 10

struct pe_datadir {
	uint32_t rva;
	uint32_t size;
};

struct pe_section {
	char name[PE_MAX_NAME]; /* NUL-terminated; long "/N" names resolved */
	uint32_t vaddr;         /* VirtualAddress (RVA) */
	uint32_t vsize;         /* VirtualSize, or SizeOfRawData when 0 */
	uint32_t raw_off;       /* PointerToRawData */
	uint32_t raw_size;      /* SizeOfRawData, clipped to vsize */
	uint32_t flags;         /* Characteristics */
	uint32_t hdr_off;       /* file offset of this section header */
};

/* How the loader maps a range, decided from section flags in one place
 * (pe_section_mapping). */
enum pe_mapping {
	PE_MAP_SHARED_RO,   /* headers, read-only and code: one copy for all */
	PE_MAP_COW,         /* writable: copy-on-write, private on first write */
	PE_MAP_SHARED_RW,   /* writable + IMAGE_SCN_MEM_SHARED: one copy, shared */
	PE_MAP_WHOLE_COW,   /* SectionAlignment < page: whole image RWX COW */
};

struct pe_image {
	const uint8_t *buf;
	size_t len;
	int mapped;            /* buf is in memory layout (pe_parse_mapped) */

	uint32_t nt_off;       /* e_lfanew */
	uint16_t machine;
	uint16_t file_flags;   /* file header Characteristics */
	uint32_t timestamp;
	uint32_t symtab_off;   /* PointerToSymbolTable (for long names) */
	uint32_t nsyms;
	uint16_t opt_magic;    /* 0x10b PE32, 0x20b PE32+ */
	int pe32plus;

	uint64_t image_base;
	uint32_t entry_rva;    /* 0: none */
	uint32_t section_align;
	uint32_t file_align;
	uint32_t size_of_image;
	uint32_t size_of_headers;
	uint16_t subsystem;
	uint16_t dll_flags;    /* DllCharacteristics */
	uint64_t stack_reserve, stack_commit;
	uint32_t ndirs;        /* NumberOfRvaAndSizes (<= 16) */
	struct pe_datadir dirs[PE_MAX_DATA_DIRS];

	uint16_t nsections;
	struct pe_section *sections; /* owned; pe_image_free releases */

	int is_dll;
	int is_managed;        /* has a CLR (.NET) header */
	/* NULL when dllshare can run this image; otherwise why not,
	 * e.g. "machine i386 (0x14c): only x86-64 images run". */
	const char *not_runnable;
};

/* Parses and validates headers and section table.  On success *img is
 * filled and must be released with pe_image_free; on failure nothing is
 * allocated and err says what and where.  buf must outlive img. */
int pe_parse(const uint8_t *buf, size_t len, struct pe_image *img,
             struct pe_error *err);
/* Parses an image already laid out as in memory (a section file: the
 * headers at 0, each section at its VirtualAddress), with the checks of
 * pe_parse.  RVA and buffer offset are the same: each section's raw_off
 * is its vaddr, and its raw data must lie within len in virtual terms;
 * len is clipped to SizeOfImage, so nothing after the image is read.
 * Every reader below works on the result unchanged.  Long "/N" section
 * names stay unresolved: the COFF string table is not part of the
 * image.  buf must outlive img. */
int pe_parse_mapped(const uint8_t *buf, size_t len, struct pe_image *img,
                    struct pe_error *err);
/* Releases what pe_parse allocated; img may be freed again (no-op). */
void pe_image_free(struct pe_image *img);

/* Returns a NUL-free description of a machine value ("x86-64", "i386"). */
const char *pe_machine_name(uint16_t machine);
/* Returns the name of data directory i ("import", "basereloc"...). */
const char *pe_dir_name(unsigned i);

/* The section containing rva, or NULL. */
const struct pe_section *pe_section_at(const struct pe_image *img,
                                       uint32_t rva);

/* How the loader maps section s of img (policy lives here, once). */
enum pe_mapping pe_section_mapping(const struct pe_image *img,
                                   const struct pe_section *s);
/* "shared", "copy-on-write", "shared-writable", "whole-image-cow". */
const char *pe_mapping_name(enum pe_mapping m);

/* Translates [rva, rva+n) to a file offset.  Fails with PE_ERANGE when the
 * range is outside the image or not backed by file data (e.g. .bss). */
int pe_rva_to_off(const struct pe_image *img, uint32_t rva, uint32_t n,
                  size_t *off);

/* Pointer to n file-backed bytes at rva, or NULL. */
const void *pe_rva_ptr(const struct pe_image *img, uint32_t rva, uint32_t n);

/* A NUL-terminated string at rva of at most max bytes (excluding NUL),
 * entirely within file data; NULL otherwise. */
const char *pe_rva_str(const struct pe_image *img, uint32_t rva, size_t max);

/*
 * Base relocations (PE spec 5.6).  Iterate without copying:
 *
 *	struct pe_reloc_iter it; struct pe_reloc r; int rc;
 *	pe_reloc_begin(img, &it);
 *	while ((rc = pe_reloc_next(&it, &r, &err)) > 0) ...
 *
 * next returns 1 with an entry, 0 at the end, <0 on a malformed block.
 * PE_REL_ABSOLUTE padding entries are skipped.  Types other than DIR64,
 * HIGHLOW, HIGH, LOW, HIGHADJ are returned as they are; the loader refuses
 * them.  Every entry's target [rva, rva+width) is checked against
 * SizeOfImage.
 */
struct pe_reloc {
	uint32_t rva;
	uint8_t type;
	uint16_t extra; /* HIGHADJ's second slot */
};
struct pe_reloc_iter {
	const struct pe_image *img;
	uint32_t block_rva; /* current block's RVA */
	uint32_t pos;       /* RVA of current block header within directory */
	uint32_t end;       /* directory end (RVA) */
	uint32_t page;      /* current block's page RVA */
	uint32_t nent, ient;
	const uint8_t *ent;
};
void pe_reloc_begin(const struct pe_image *img, struct pe_reloc_iter *it);
int pe_reloc_next(struct pe_reloc_iter *it, struct pe_reloc *r,
                  struct pe_error *err);
/* Bytes a relocation of this type patches; 0 for a type dllshare does not
 * apply. */
uint32_t pe_reloc_width(uint8_t type);
/* Counts all entries (excluding ABSOLUTE padding); <0 on error. */
long pe_reloc_count(const struct pe_image *img, struct pe_error *err);

/*
 * Imports (PE spec 5.4).  Walk descriptors, then each DLL's functions:
 *
 *	pe_import_begin(img, &it);
 *	while ((rc = pe_import_next(&it, &dll, &err)) > 0) {
 *		pe_import_fn_begin(img, &dll, &fi);
 *		while ((rc = pe_import_fn_next(&fi, &fn, &err)) > 0) ...
 *	}
 *
 * Both next functions return 1 with an entry, 0 at the terminating
 * descriptor or thunk, <0 on a malformed one (within the caps
 * PE_MAX_IMPORT_DLLS and PE_MAX_IMPORT_FUNCS).  The ILT is
 * OriginalFirstThunk, or FirstThunk when that is 0; every IAT slot is
 * checked against SizeOfImage.
 */
struct pe_import_dll {
	const char *name; /* points into buf */
	uint32_t desc_rva;
	uint32_t ilt_rva;
	uint32_t iat_rva;
	uint32_t name_rva;
};
struct pe_import_fn {
	int by_ordinal;
	uint16_t ordinal;  /* valid when by_ordinal */
	uint16_t hint;     /* valid when !by_ordinal */
	const char *name;  /* valid when !by_ordinal; points into buf */
	uint32_t iat_rva;  /* where the loader writes the address */
};
struct pe_import_iter {
	const struct pe_image *img;
	uint32_t pos, count;
};
struct pe_import_fn_iter {
	const struct pe_image *img;
	struct pe_import_dll dll;
	uint32_t index;
};
void pe_import_begin(const struct pe_image *img, struct pe_import_iter *it);
int pe_import_next(struct pe_import_iter *it, struct pe_import_dll *dll,
                   struct pe_error *err);
void pe_import_fn_begin(const struct pe_image *img,
                        const struct pe_import_dll *dll,
                        struct pe_import_fn_iter *it);
int pe_import_fn_next(struct pe_import_fn_iter *it, struct pe_import_fn *fn,
                      struct pe_error *err);

/* Delay-load imports (PE spec 5.8), listed only: same shapes and return
 * values as the imports above; the fn walkers are the import ones.
 * Descriptors must be RVA-based (Attributes bit 0), as in every image
 * mingw-w64 and Wine produce; VA-based ones fail with PE_EUNSUP. */
void pe_delay_begin(const struct pe_image *img, struct pe_import_iter *it);
int pe_delay_next(struct pe_import_iter *it, struct pe_import_dll *dll,
                  struct pe_error *err);
void pe_delay_fn_begin(const struct pe_image *img,
                       const struct pe_import_dll *dll,
                       struct pe_import_fn_iter *it);
int pe_delay_fn_next(struct pe_import_fn_iter *it, struct pe_import_fn *fn,
                     struct pe_error *err);

/*
 * Exports (PE spec 5.3).  pe_exports_open validates the directory (counts,
 * table bounds); entries are read on demand.
 */
struct pe_exports {
	const struct pe_image *img;
	const char *dll_name; /* may be NULL when the name RVA is bad */
	uint32_t ordinal_base;
	uint32_t nfuncs, nnames;
	uint32_t funcs_rva, names_rva, ords_rva;
	uint32_t dir_rva, dir_size;
};
struct pe_export {
	uint16_t ordinal;       /* biased: ordinal_base + index */
	uint32_t rva;           /* 0: unused slot */
	const char *name;       /* NULL when exported by ordinal only */
	const char *forwarder;  /* "DLL.Name" or "DLL.#N" when forwarded */
};
/* Returns 0 with ex filled, PE_ENOTFOUND when the image exports nothing,
 * or an error; on any failure ex lists no entries (nfuncs and nnames 0),
 * so the readers below fail with PE_ERANGE instead of reading tables
 * that were not checked. */
int pe_exports_open(const struct pe_image *img, struct pe_exports *ex,
                    struct pe_error *err);
/* Entry by index into the address table (0 .. nfuncs-1), with its name
 * (linear in nnames: to list every export, use pe_export_addr_at and
 * pe_export_name_at instead). */
int pe_export_at(const struct pe_exports *ex, uint32_t index,
                 struct pe_export *e, struct pe_error *err);
/* The same entry without its name (name stays NULL); constant time. */
int pe_export_addr_at(const struct pe_exports *ex, uint32_t index,
                      struct pe_export *e, struct pe_error *err);
/* Name of the i-th entry of the name table, and its address-table index. */
int pe_export_name_at(const struct pe_exports *ex, uint32_t i,
                      const char **name, uint32_t *index,
                      struct pe_error *err);
/* Lookups: 0 with e filled, PE_ENOTFOUND, or an error. */
int pe_export_by_name(const struct pe_exports *ex, const char *name,
                      struct pe_export *e, struct pe_error *err);
int pe_export_by_ordinal(const struct pe_exports *ex, uint32_t ordinal,
                         struct pe_export *e, struct pe_error *err);

/* TLS directory (PE spec 6.7).  The addresses are VAs as written in the
 * file, for the preferred image_base (the loader relocates them); each
 * is checked to lie inside the image. */
struct pe_tls {
	uint64_t start_va, end_va, index_va, callbacks_va;
	uint32_t zero_fill, flags;
	uint32_t ncallbacks;
};
/* Returns 0 with tls filled (ncallbacks counted up to the terminating
 * zero, at most PE_MAX_TLS_CALLBACKS), PE_ENOTFOUND without a TLS
 * directory, or an error. */
int pe_tls_read(const struct pe_image *img, struct pe_tls *tls,
                struct pe_error *err);
/* The i-th callback's VA as written in the file, checked to lie inside
 * the image; i may be ncallbacks (the terminator: *va is 0). */
int pe_tls_callback(const struct pe_image *img, const struct pe_tls *tls,
                    uint32_t i, uint64_t *va, struct pe_error *err);

/*
 * Import libraries (implib.c): the `ar` archives a linker reads to bind
 * imports (mingw-w64's libkernel32.a), walked for the functions each
 * names.  Two member shapes are import members:
 *  - GNU dlltool's COFF objects: one defines __imp_Name in .idata$5 and
 *    holds its hint/name in .idata$6 (or an ordinal in .idata$5); it
 *    refers to _head_TAG, whose tail member defines __TAG_iname (GNU
 *    ld's --out-implib: TAG_iname) in .idata$7, the DLL name;
 *  - the Microsoft short import format (PE spec 7: Sig1 0, Sig2 0xFFFF,
 *    Version 0), as llvm-dlltool and lib.exe write it.
 * Every other member (the "/" and "/SYM64/" symbol indexes, the "//"
 * long-name table, import descriptors, regular code objects such as
 * mingw's wrappers) names no export and is skipped.
 *
 *	if (pe_implib_begin(buf, len, &it, &err) == 0)
 *		while ((rc = pe_implib_next(&it, &sym, &err)) > 0) ...
 *
 * next returns 1 with an import, 0 at the end of the archive, <0 on a
 * malformed member; the message names the member and its offset.
 */
/* Sections per archive member: section numbers above 0xfeff are special
 * (PE spec 5.4.2); objects with one section per GUID (libuuid.a) run
 * into the thousands. */
#define PE_MAX_COFF_SECTIONS 65279

struct pe_implib_sym {
	const char *dll; /* "KERNEL32.dll" as the library spells it;
			    NUL-terminated, points into buf */
	char name[PE_MAX_SYMBOL + 1]; /* the export name; "" by ordinal */
	int by_ordinal;
	uint16_t ordinal;    /* valid when by_ordinal */
	uint16_t hint;	     /* valid when !by_ordinal */
	int data;	     /* a data import (no code thunk): _acmdln */
	int short_form;	     /* short import format, else a dlltool object */
	uint64_t member_off; /* file offset of the member's header */
};
struct pe_implib_iter {
	const uint8_t *buf;
	size_t len;
	uint64_t pos;	       /* next member header */
	const char *longnames; /* the "//" member, once met */
	size_t nlongnames;
	char iname[PE_MAX_NAME + 16]; /* last DLL-name symbol resolved */
	const char *iname_dll;	      /* ... and the name it holds */
};
/* Checks the archive magic and readies it: 0, PE_EMAGIC, or PE_EUNSUP
 * for a thin archive (its members live in other files). */
int pe_implib_begin(const uint8_t *buf, size_t len, struct pe_implib_iter *it,
		    struct pe_error *err);
int pe_implib_next(struct pe_implib_iter *it, struct pe_implib_sym *sym,
		   struct pe_error *err);

/*
 * Resources (PE spec 6.9).  A type or name is an ID, or a UTF-16 name
 * (len code units, compared ignoring ASCII case); a language is tried in
 * the order given, or with none given the first there is.
 */
struct pe_res_id {
	const uint16_t *name; /* NULL: id */
	size_t len;
	uint16_t id;
};
struct pe_resource {
	uint32_t entry_rva; /* its IMAGE_RESOURCE_DATA_ENTRY */
	uint32_t data_rva, size, codepage;
	uint16_t lang;
	/* On PE_ENOTFOUND, what was not there: 0 a resource directory,
	 * 1 the type, 2 the name, 3 the language. */
	int missing;
};
int pe_resource_find(const struct pe_image *img, const struct pe_res_id *type,
		     const struct pe_res_id *name, const uint16_t *langs,
		     size_t nlangs, struct pe_resource *res,
		     struct pe_error *err);
/* One entry of a level of the tree, in the directory's order (names
 * first, then IDs): an ID, or a name of len UTF-16 units at name_rva. */
struct pe_res_entry {
	int named;
	uint16_t id;
	uint32_t name_rva;
	uint16_t len;
};
/* Entry i of the types (type NULL), of type's names (name NULL), or of
 * the languages of type's name: 0, PE_ENOTFOUND past the last one or
 * when type or name is not there (*missing: 0 no resource directory, 1
 * the type, 2 the name, 3 no entry i), or a format error. */
int pe_resource_entry(const struct pe_image *img, const struct pe_res_id *type,
		      const struct pe_res_id *name, uint32_t i,
		      struct pe_res_entry *out, int *missing,
		      struct pe_error *err);

#endif
