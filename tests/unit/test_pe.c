/*
 * test_pe.c — the PE parser on a valid image built in memory
 * (tests/pe/pe_build.h), then on that image broken one field at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pe/pe.h"
#include "tests/pe/pe_build.h"
#include "tests/unit/cu.h"

static uint8_t img_buf[PB_SIZE];

static int setup(void)
{
	pb_build(img_buf);
	return 0;
}

CU_SUITE(pe, setup, NULL)

/* Parses buf and expects failure with code and a message containing want. */
static void expect_err(const uint8_t *buf, size_t len, int code,
                       const char *want)
{
	struct pe_image img;
	struct pe_error err = {0};
	int rc = pe_parse(buf, len, &img, &err);

	CU_ASSERT_EQUAL(rc, code);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
	if (rc != code || !strstr(err.msg, want))
		printf("\n    want %d \"%s\", got %d \"%s\"\n", code, want, rc,
		       err.msg);
	if (rc == 0)
		pe_image_free(&img);
	else
		CU_ASSERT_PTR_NULL(img.sections);
}

static uint8_t *copy(void)
{
	uint8_t *b = malloc(PB_SIZE);

	memcpy(b, img_buf, PB_SIZE);
	return b;
}

CU_TEST(pe, parse_valid)
{
	struct pe_image img;
	struct pe_error err = {0};

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, &err), 0);
	CU_ASSERT_EQUAL(img.machine, PE_MACHINE_AMD64);
	CU_ASSERT(img.pe32plus);
	CU_ASSERT(img.is_dll);
	CU_ASSERT_EQUAL(img.image_base, PB_BASE);
	CU_ASSERT_EQUAL(img.entry_rva, 0x1000);
	CU_ASSERT_EQUAL(img.size_of_image, PB_IMAGE);
	CU_ASSERT_EQUAL(img.ndirs, 16);
	CU_ASSERT_EQUAL(img.nsections, 4);
	CU_ASSERT_STRING_EQUAL(img.sections[1].name, ".rdata");
	CU_ASSERT_EQUAL(img.sections[3].raw_size, PB_RELOC_SIZE); /* clipped */
	CU_ASSERT_PTR_NULL(img.not_runnable);
	CU_ASSERT_STRING_EQUAL(pe_machine_name(img.machine), "x86-64");
	pe_image_free(&img);
}

CU_TEST(pe, mapping_policy)
{
	struct pe_image img;
	uint8_t *b = copy();

	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL(pe_section_mapping(&img, NULL), PE_MAP_SHARED_RO);
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[0]),
	                PE_MAP_SHARED_RO);
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[2]), PE_MAP_COW);
	img.sections[2].flags |= PE_SCN_MEM_SHARED;
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[2]),
	                PE_MAP_SHARED_RW);
	/* Read-only + shared is still just shared read-only. */
	img.sections[1].flags |= PE_SCN_MEM_SHARED;
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[1]),
	                PE_MAP_SHARED_RO);
	img.section_align = 0x200;
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[0]),
	                PE_MAP_WHOLE_COW);
	CU_ASSERT_EQUAL(pe_section_mapping(&img, NULL), PE_MAP_WHOLE_COW);
	CU_ASSERT_STRING_EQUAL(pe_mapping_name(PE_MAP_COW), "copy-on-write");
	pe_image_free(&img);
	free(b);
}

CU_TEST(pe, rva_translation)
{
	struct pe_image img;
	size_t off;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL(pe_rva_to_off(&img, 0x2004, 4, &off), 0);
	CU_ASSERT_EQUAL(off, 0x404);
	CU_ASSERT_EQUAL(pe_rva_to_off(&img, 0x10, 4, &off), 0); /* headers */
	CU_ASSERT_EQUAL(off, 0x10);
	/* Past .text's raw data but within its page: not file-backed. */
	CU_ASSERT_EQUAL(pe_rva_to_off(&img, 0x1020, 1, &off), PE_ERANGE);
	/* Straddles the end of .rdata's raw data. */
	CU_ASSERT_EQUAL(pe_rva_to_off(&img, 0x23fe, 4, &off), PE_ERANGE);
	CU_ASSERT_EQUAL(pe_rva_to_off(&img, 0xffffffff, 1, &off), PE_ERANGE);
	CU_ASSERT_PTR_NULL(pe_rva_ptr(&img, PB_IMAGE, 1));
	CU_ASSERT_STRING_EQUAL(pe_rva_str(&img, 0x2080, 64), "KERNEL32.dll");
	CU_ASSERT_PTR_NULL(pe_rva_str(&img, 0x2080, 5)); /* longer than max */
	CU_ASSERT_PTR_EQUAL(pe_section_at(&img, 0x3010), &img.sections[2]);
	CU_ASSERT_PTR_NULL(pe_section_at(&img, 0x3200)); /* beyond vsize */
	pe_image_free(&img);
}

CU_TEST(pe, relocations)
{
	struct pe_image img;
	struct pe_reloc_iter it;
	struct pe_reloc r;
	uint32_t want[] = {0x2300, 0x2308, 0x2310, 0x2318, 0x3120, 0x3128};
	int n = 0;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, NULL), 0);
	pe_reloc_begin(&img, &it);
	while (pe_reloc_next(&it, &r, NULL) > 0) {
		CU_ASSERT_EQUAL(r.type, PE_REL_DIR64);
		if (n < 6)
			CU_ASSERT_EQUAL(r.rva, want[n]);
		n++;
	}
	CU_ASSERT_EQUAL(n, 6);
	CU_ASSERT_EQUAL(pe_reloc_count(&img, NULL), 6);
	pe_image_free(&img);
}

CU_TEST(pe, imports)
{
	struct pe_image img;
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_import_fn_iter fi;
	struct pe_import_fn fn;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, NULL), 0);
	pe_import_begin(&img, &it);
	CU_ASSERT_EQUAL_FATAL(pe_import_next(&it, &dll, NULL), 1);
	CU_ASSERT_STRING_EQUAL(dll.name, "KERNEL32.dll");
	CU_ASSERT_EQUAL(dll.ilt_rva, PB_ILT_K32);
	pe_import_fn_begin(&img, &dll, &fi);
	CU_ASSERT_EQUAL(pe_import_fn_next(&fi, &fn, NULL), 1);
	CU_ASSERT_STRING_EQUAL(fn.name, "ExitProcess");
	CU_ASSERT_EQUAL(fn.hint, 0x10);
	CU_ASSERT_EQUAL(fn.iat_rva, PB_IAT_K32);
	CU_ASSERT_EQUAL(pe_import_fn_next(&fi, &fn, NULL), 1);
	CU_ASSERT_STRING_EQUAL(fn.name, "GetProcAddress");
	CU_ASSERT_EQUAL(fn.iat_rva, PB_IAT_K32 + 8);
	CU_ASSERT_EQUAL(pe_import_fn_next(&fi, &fn, NULL), 0);

	CU_ASSERT_EQUAL_FATAL(pe_import_next(&it, &dll, NULL), 1);
	CU_ASSERT_STRING_EQUAL(dll.name, "msvcrt.dll");
	CU_ASSERT_EQUAL(dll.ilt_rva, PB_IAT_CRT); /* OriginalFirstThunk 0 */
	pe_import_fn_begin(&img, &dll, &fi);
	CU_ASSERT_EQUAL(pe_import_fn_next(&fi, &fn, NULL), 1);
	CU_ASSERT(fn.by_ordinal);
	CU_ASSERT_EQUAL(fn.ordinal, 7);
	CU_ASSERT_EQUAL(pe_import_fn_next(&fi, &fn, NULL), 1);
	CU_ASSERT_STRING_EQUAL(fn.name, "printf");
	CU_ASSERT_EQUAL(pe_import_fn_next(&fi, &fn, NULL), 0);
	CU_ASSERT_EQUAL(pe_import_next(&it, &dll, NULL), 0);
	CU_ASSERT_EQUAL(pe_import_next(&it, &dll, NULL), 0); /* stays ended */
	pe_image_free(&img);
}

CU_TEST(pe, delay_imports)
{
	struct pe_image img;
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_import_fn_iter fi;
	struct pe_import_fn fn;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, NULL), 0);
	pe_delay_begin(&img, &it);
	CU_ASSERT_EQUAL_FATAL(pe_delay_next(&it, &dll, NULL), 1);
	CU_ASSERT_STRING_EQUAL(dll.name, "delayed.dll");
	CU_ASSERT_EQUAL(dll.iat_rva, 0x3150);
	pe_delay_fn_begin(&img, &dll, &fi);
	CU_ASSERT_EQUAL(pe_delay_fn_next(&fi, &fn, NULL), 1);
	CU_ASSERT_STRING_EQUAL(fn.name, "lazy");
	CU_ASSERT_EQUAL(pe_delay_fn_next(&fi, &fn, NULL), 0);
	CU_ASSERT_EQUAL(pe_delay_next(&it, &dll, NULL), 0);
	pe_image_free(&img);
}

CU_TEST(pe, exports)
{
	struct pe_image img;
	struct pe_exports ex;
	struct pe_export e;
	const char *name;
	uint32_t index;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(pe_exports_open(&img, &ex, NULL), 0);
	CU_ASSERT_STRING_EQUAL(ex.dll_name, "min.dll");
	CU_ASSERT_EQUAL(ex.nfuncs, 3);
	CU_ASSERT_EQUAL(pe_export_at(&ex, 0, &e, NULL), 0);
	CU_ASSERT_EQUAL(e.ordinal, 1);
	CU_ASSERT_EQUAL(e.rva, 0x1000);
	CU_ASSERT_STRING_EQUAL(e.name, "alpha");
	CU_ASSERT_PTR_NULL(e.forwarder);
	CU_ASSERT_EQUAL(pe_export_at(&ex, 1, &e, NULL), 0);
	CU_ASSERT_STRING_EQUAL(e.forwarder, "KERNEL32.ExitProcess");
	CU_ASSERT_STRING_EQUAL(e.name, "beta");
	CU_ASSERT_EQUAL(pe_export_at(&ex, 2, &e, NULL), 0);
	CU_ASSERT_PTR_NULL(e.name); /* by ordinal only */
	CU_ASSERT_EQUAL(pe_export_at(&ex, 3, &e, NULL), PE_ERANGE);
	CU_ASSERT_EQUAL(pe_export_name_at(&ex, 1, &name, &index, NULL), 0);
	CU_ASSERT_STRING_EQUAL(name, "beta");
	CU_ASSERT_EQUAL(index, 1);
	CU_ASSERT_EQUAL(pe_export_by_name(&ex, "alpha", &e, NULL), 0);
	CU_ASSERT_EQUAL(e.rva, 0x1000);
	CU_ASSERT_EQUAL(pe_export_by_name(&ex, "beta", &e, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(e.forwarder);
	CU_ASSERT_EQUAL(pe_export_by_name(&ex, "gamma", &e, NULL),
	                PE_ENOTFOUND);
	CU_ASSERT_EQUAL(pe_export_by_ordinal(&ex, 3, &e, NULL), 0);
	CU_ASSERT_EQUAL(e.rva, 0x1010);
	CU_ASSERT_EQUAL(pe_export_by_ordinal(&ex, 0, &e, NULL), PE_ENOTFOUND);
	CU_ASSERT_EQUAL(pe_export_by_ordinal(&ex, 4, &e, NULL), PE_ENOTFOUND);
	pe_image_free(&img);
}

/* A directory that fails to open lists nothing: the readers used to
 * follow the unchecked AddressOfFunctions (a NULL read here). */
CU_TEST(pe, exports_failed_open_lists_nothing)
{
	struct pe_image img;
	struct pe_exports ex;
	struct pe_export e;
	const char *name;
	uint32_t index;
	uint8_t *b = copy();

	pb_w32(b, pb_off(PB_EXPORTS) + 28, 0x4ff0); /* not in file data */
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL(pe_exports_open(&img, &ex, NULL), PE_ERANGE);
	CU_ASSERT_EQUAL(ex.nfuncs, 0);
	CU_ASSERT_EQUAL(ex.nnames, 0);
	CU_ASSERT_EQUAL(pe_export_addr_at(&ex, 0, &e, NULL), PE_ERANGE);
	CU_ASSERT_EQUAL(pe_export_name_at(&ex, 0, &name, &index, NULL),
	                PE_ERANGE);
	CU_ASSERT_EQUAL(pe_export_by_name(&ex, "alpha", &e, NULL),
	                PE_ENOTFOUND);
	pe_image_free(&img);
	free(b);
}

CU_TEST(pe, tls)
{
	struct pe_image img;
	struct pe_tls tls;
	uint64_t va;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(pe_tls_read(&img, &tls, NULL), 0);
	CU_ASSERT_EQUAL(tls.ncallbacks, 2);
	CU_ASSERT_EQUAL(tls.index_va, PB_BASE + 0x3110);
	CU_ASSERT_EQUAL(pe_tls_callback(&img, &tls, 1, &va, NULL), 0);
	CU_ASSERT_EQUAL(va, PB_BASE + 0x1010);
	pe_image_free(&img);
}

/* ---- headers broken one field at a time ---- */

CU_TEST(pe, truncated_everywhere)
{
	/* Every prefix shorter than the section table's end must fail
	 * cleanly; none may read past len (ASan checks in test-san-pe). */
	for (size_t len = 0; len < PB_SECTAB + 40 * PB_NSECT; len++) {
		uint8_t *b = malloc(len ? len : 1);
		struct pe_image img;
		struct pe_error err = {0};

		memcpy(b, img_buf, len);
		CU_ASSERT(pe_parse(b, len, &img, &err) < 0);
		CU_ASSERT(err.msg[0] != '\0');
		free(b);
	}
}

CU_TEST(pe, bad_magics)
{
	uint8_t *b = copy();

	b[0] = 'Z';
	expect_err(b, PB_SIZE, PE_EMAGIC, "e_magic is not MZ");
	b[0] = 'M';
	b[PB_NT + 1] = 'X';
	expect_err(b, PB_SIZE, PE_EMAGIC, "NT signature at offset 0x40");
	b[PB_NT + 1] = 'E';
	pb_w16(b, PB_OPT, 0x107);
	expect_err(b, PB_SIZE, PE_EMAGIC, "Magic 0x107");
	pb_w16(b, PB_OPT, 0x20b);
	pb_w32(b, 0x3c, 0xfffffff0);
	expect_err(b, PB_SIZE, PE_ETRUNC, "e_lfanew 0xfffffff0");
	free(b);
}

CU_TEST(pe, bad_header_fields)
{
	uint8_t *b = copy();

	pb_w16(b, PB_FILEHDR + 2, 97);
	expect_err(b, PB_SIZE, PE_EFIELD, "NumberOfSections 97 is above 96");
	pb_w16(b, PB_FILEHDR + 2, PB_NSECT);
	pb_w32(b, PB_OPT + 108, 17);
	expect_err(b, PB_SIZE, PE_EFIELD, "NumberOfRvaAndSizes 17 is above 16");
	pb_w32(b, PB_OPT + 108, 16);
	pb_w16(b, PB_FILEHDR + 16, 200);
	expect_err(b, PB_SIZE, PE_EFIELD, "cannot hold 16 data directories");
	pb_w16(b, PB_FILEHDR + 16, 240);
	pb_w32(b, PB_OPT + 56, 0xc0000000);
	expect_err(b, PB_SIZE, PE_EFIELD, "SizeOfImage 0xc0000000");
	pb_w32(b, PB_OPT + 56, PB_IMAGE);
	pb_w32(b, PB_OPT + 32, 0x100);
	expect_err(b, PB_SIZE, PE_EFIELD,
	           "SectionAlignment 0x100 is below FileAlignment 0x200");
	pb_w32(b, PB_OPT + 32, 0x1800);
	expect_err(b, PB_SIZE, PE_EFIELD, "must be powers of two");
	pb_w32(b, PB_OPT + 32, 0x1000);
	pb_w32(b, PB_OPT + 16, PB_IMAGE);
	expect_err(b, PB_SIZE, PE_ERANGE, "AddressOfEntryPoint 0x5000");
	pb_w32(b, PB_OPT + 16, 0x1000);
	pb_dir(b, 1, 0x4ff0, 0x20);
	expect_err(b, PB_SIZE, PE_ERANGE, "data directory 1 (import)");
	pb_dir(b, 1, PB_IMPORTS, 60);
	pb_w64(b, PB_OPT + 24, PB_BASE + 0x1000);
	expect_err(b, PB_SIZE, PE_EFIELD, "ImageBase 0x180001000");
	pb_w64(b, PB_OPT + 24, 0xffffffffffff0000ULL);
	pb_w32(b, PB_OPT + 56, 0x20000); /* base + size wraps */
	expect_err(b, PB_SIZE, PE_EFIELD, "ImageBase 0xffffffffffff0000");
	free(b);
}

CU_TEST(pe, bad_sections)
{
	uint8_t *b = copy();

	pb_w32(b, pb_sect(2) + 20, PB_SIZE - 0x100); /* .data raw past end */
	expect_err(b, PB_SIZE, PE_ETRUNC,
	           "section 2 (.data) at offset 0x198: raw data at offset 0xb00");
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, pb_sect(2) + 12, 0x2000); /* .data on top of .rdata */
	expect_err(b, PB_SIZE, PE_EFIELD, "overlaps the previous section");
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, pb_sect(3) + 8, 0x2000); /* .reloc past SizeOfImage */
	expect_err(b, PB_SIZE, PE_ERANGE, "is beyond SizeOfImage 0x5000");
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, pb_sect(1) + 12, 0x2100);
	expect_err(b, PB_SIZE, PE_EFIELD, "not a multiple of SectionAlignment");
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, pb_sect(0) + 12, 0); /* .text over the headers */
	expect_err(b, PB_SIZE, PE_EFIELD, "overlaps the headers");
	free(b);
}

CU_TEST(pe, long_section_name)
{
	uint8_t *b = copy();
	struct pe_image img;

	/* A COFF string table at file offset 0xb00 (no symbols): its first
	 * 4 bytes are its size, then ".debug_info". */
	pb_w32(b, PB_FILEHDR + 8, 0xb00);
	pb_w32(b, 0xb00, 16);
	memcpy(b + 0xb04, ".debug_info", 12);
	memcpy(b + pb_sect(3), "/4\0\0\0\0\0\0", 8);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_STRING_EQUAL(img.sections[3].name, ".debug_info");
	pe_image_free(&img);
	memcpy(b + pb_sect(3), "/9999\0\0\0", 8);
	expect_err(b, PB_SIZE, PE_ERANGE, "name \"/9999\" points outside");
	free(b);
}

CU_TEST(pe, not_runnable)
{
	uint8_t *b = copy();
	struct pe_image img;

	pb_w16(b, PB_FILEHDR, PE_MACHINE_I386);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(img.not_runnable, "machine i386"));
	pe_image_free(&img);
	pb_w16(b, PB_FILEHDR, PE_MACHINE_ARM64);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(img.not_runnable, "ARM64"));
	pe_image_free(&img);
	pb_w16(b, PB_FILEHDR, PE_MACHINE_AMD64);
	pb_dir(b, PE_DIR_CLR, 0x2000, 72);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT(img.is_managed);
	CU_ASSERT_PTR_NOT_NULL(strstr(img.not_runnable, "managed (.NET)"));
	pe_image_free(&img);
	free(b);
}

/* ---- directories broken ---- */

static int reloc_err(uint8_t *b, struct pe_error *err)
{
	struct pe_image img;
	long n;

	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	n = pe_reloc_count(&img, err);
	pe_image_free(&img);
	return (int)n;
}

CU_TEST(pe, bad_relocs)
{
	uint8_t *b = copy();
	struct pe_error err = {0};
	size_t r = pb_off(PB_RELOC);

	pb_w32(b, r + 4, 0);
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_EFIELD);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "RVA 0x4000: SizeOfBlock 0 is below 8"));
	pb_w32(b, r + 4, 13);
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_EFIELD);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "SizeOfBlock 13 is odd"));
	pb_w32(b, r + 4, 0x1000);
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "runs past the directory end"));
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, r, 0x4ff8); /* DIR64 at 0x4ff8+0x300 */
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "beyond SizeOfImage"));
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, r, 0xfffff000); /* page + offset wraps */
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_ERANGE);
	memcpy(b, img_buf, PB_SIZE);
	pb_dir(b, 5, PB_RELOC, PB_RELOC_SIZE - 4); /* 4 bytes short */
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_ERANGE);
	pb_dir(b, 5, PB_RELOC, PB_RELOC_SIZE + 4); /* 4 stray bytes */
	CU_ASSERT_EQUAL(reloc_err(b, &err), PE_ETRUNC);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "4 bytes left"));
	free(b);
}

/* Walks all imports: the first error code, or 0. */
static int import_err(uint8_t *b, struct pe_error *err)
{
	struct pe_image img;
	struct pe_import_iter it;
	struct pe_import_dll dll;
	int rc;

	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	pe_import_begin(&img, &it);
	while ((rc = pe_import_next(&it, &dll, err)) > 0) {
		struct pe_import_fn_iter fi;
		struct pe_import_fn fn;

		pe_import_fn_begin(&img, &dll, &fi);
		while ((rc = pe_import_fn_next(&fi, &fn, err)) > 0)
			;
		if (rc < 0)
			break;
	}
	pe_image_free(&img);
	return rc;
}

CU_TEST(pe, bad_imports)
{
	uint8_t *b = copy();
	struct pe_error err = {0};
	size_t d = pb_off(PB_IMPORTS);

	/* DLL name without a NUL before the end of .rdata's data. */
	pb_w32(b, d + 12, 0x23ff);
	b[pb_off(0x23ff)] = 'x';
	CU_ASSERT_EQUAL(import_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "Name RVA 0x23ff"));
	memcpy(b, img_buf, PB_SIZE);
	/* Hint/name RVA in .bss-like space (past raw data). */
	pb_w64(b, pb_off(PB_ILT_K32), 0x1800);
	CU_ASSERT_EQUAL(import_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "hint/name at RVA 0x1800"));
	memcpy(b, img_buf, PB_SIZE);
	pb_w64(b, pb_off(PB_ILT_K32), 0x0000000100002140ULL);
	CU_ASSERT_EQUAL(import_err(b, &err), PE_EFIELD);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "reserved bits"));
	memcpy(b, img_buf, PB_SIZE);
	/* A thunk list with no terminator runs off the file's data. */
	for (uint32_t rva = PB_ILT_K32; rva < 0x2400; rva += 8)
		pb_w64(b, pb_off(rva), 0x2140);
	CU_ASSERT_EQUAL(import_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "lookup entry 96 at RVA 0x2400"));
	memcpy(b, img_buf, PB_SIZE);
	/* Descriptors that never end run off the file's data too. */
	for (uint32_t rva = PB_IMPORTS; rva + 20 <= 0x2400; rva += 20) {
		pb_w32(b, pb_off(rva), 0);
		pb_w32(b, pb_off(rva + 12), 0x2080);
		pb_w32(b, pb_off(rva + 16), PB_IAT_K32);
	}
	CU_ASSERT_EQUAL(import_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "import descriptor 51"));
	free(b);
}

static int export_err(uint8_t *b, struct pe_error *err)
{
	struct pe_image img;
	struct pe_exports ex;
	struct pe_export e;
	int rc;

	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	rc = pe_exports_open(&img, &ex, err);
	for (uint32_t i = 0; rc == 0 && i < ex.nfuncs; i++)
		rc = pe_export_at(&ex, i, &e, err);
	for (uint32_t i = 0; rc == 0 && i < ex.nnames; i++) {
		const char *name;
		uint32_t index;

		rc = pe_export_name_at(&ex, i, &name, &index, err);
	}
	pe_image_free(&img);
	return rc;
}

CU_TEST(pe, bad_exports)
{
	uint8_t *b = copy();
	struct pe_error err = {0};
	size_t d = pb_off(PB_EXPORTS);

	pb_w32(b, d + 20, 0xffffffff);
	CU_ASSERT_EQUAL(export_err(b, &err), PE_EFIELD);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "NumberOfFunctions 4294967295"));
	pb_w32(b, d + 20, 3);
	pb_w32(b, d + 16, 65535);
	CU_ASSERT_EQUAL(export_err(b, &err), PE_EFIELD);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "exceeds ordinal 65535"));
	pb_w32(b, d + 16, 1);
	pb_w32(b, d + 28, 0x23fc);
	CU_ASSERT_EQUAL(export_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "AddressOfFunctions at RVA 0x23fc"));
	memcpy(b, img_buf, PB_SIZE);
	memcpy(b + pb_off(PB_FORWARDER), "KERNEL32_ExitProcess", 20);
	CU_ASSERT_EQUAL(export_err(b, &err), PE_EFIELD);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "has no dot"));
	memcpy(b, img_buf, PB_SIZE);
	pb_w32(b, pb_off(PB_EXP_FUNCS + 8), 0x9000);
	CU_ASSERT_EQUAL(export_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "export ordinal 3: RVA 0x9000"));
	memcpy(b, img_buf, PB_SIZE);
	pb_w16(b, pb_off(PB_EXP_ORDS + 2), 9);
	CU_ASSERT_EQUAL(export_err(b, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "ordinal index 9"));
	free(b);
}

CU_TEST(pe, bad_tls)
{
	uint8_t *b = copy();
	struct pe_image img;
	struct pe_tls tls;
	struct pe_error err = {0};

	pb_w64(b, pb_off(PB_CALLBACKS + 8), PB_BASE + 0x9000);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL(pe_tls_read(&img, &tls, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "TLS callback 1"));
	pe_image_free(&img);
	memcpy(b, img_buf, PB_SIZE);
	pb_w64(b, pb_off(PB_TLS + 24), 0x1234);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL(pe_tls_read(&img, &tls, &err), PE_ERANGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "AddressOfCallBacks 0x1234"));
	pe_image_free(&img);
	free(b);
}

/* Every walker over one buffer: must return, never crash or overread. */
static void walk_all(const uint8_t *b, size_t len)
{
	struct pe_image img;
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_exports ex;
	struct pe_export e;
	struct pe_tls tls;

	if (pe_parse(b, len, &img, NULL) < 0)
		return;
	pe_reloc_count(&img, NULL);
	for (int delay = 0; delay < 2; delay++) {
		(delay ? pe_delay_begin : pe_import_begin)(&img, &it);
		while ((delay ? pe_delay_next : pe_import_next)(&it, &dll,
		                                                NULL) > 0) {
			struct pe_import_fn_iter fi;
			struct pe_import_fn fn;

			pe_import_fn_begin(&img, &dll, &fi);
			while (pe_import_fn_next(&fi, &fn, NULL) > 0)
				;
		}
	}
	if (pe_exports_open(&img, &ex, NULL) == 0) {
		for (uint32_t i = 0; i < ex.nfuncs && i < 64; i++)
			pe_export_at(&ex, i, &e, NULL);
		pe_export_by_name(&ex, "alpha", &e, NULL);
	}
	pe_tls_read(&img, &tls, NULL);
	pe_image_free(&img);
}

CU_TEST(pe, random_mutations)
{
	uint8_t *b = malloc(PB_SIZE);
	unsigned seed = 12345;

	for (int round = 0; round < 20000; round++) {
		memcpy(b, img_buf, PB_SIZE);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245 + 12345;
			size_t at = (seed >> 8) % PB_SIZE;
			seed = seed * 1103515245 + 12345;
			b[at] = (uint8_t)(seed >> 16);
		}
		walk_all(b, PB_SIZE);
	}
	CU_PASS("20000 mutated images walked");
	free(b);
}

CU_TEST(pe, low_alignment)
{
	uint8_t *b = copy();
	struct pe_image img;
	size_t off;

	/* SectionAlignment == FileAlignment == 0x200: each section sits at
	 * its file offset (PE spec 3.4.2); no directories. */
	pb_w32(b, PB_OPT + 32, 0x200);
	pb_w32(b, PB_OPT + 56, PB_SIZE);
	pb_w32(b, PB_OPT + 16, 0x200);
	for (int i = 0; i < 16; i++)
		pb_dir(b, i, 0, 0);
	for (int i = 0; i < PB_NSECT; i++)
		pb_w32(b, pb_sect(i) + 8, 0x200);
	pb_w32(b, pb_sect(0) + 12, 0x200);
	pb_w32(b, pb_sect(1) + 12, 0x400);
	pb_w32(b, pb_sect(2) + 12, 0x800);
	pb_w32(b, pb_sect(3) + 12, 0xa00);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[0]),
	                PE_MAP_WHOLE_COW);
	CU_ASSERT_EQUAL(pe_section_mapping(&img, &img.sections[2]),
	                PE_MAP_WHOLE_COW);
	CU_ASSERT_EQUAL(pe_rva_to_off(&img, 0x810, 4, &off), 0);
	CU_ASSERT_EQUAL(off, 0x810);
	CU_ASSERT_EQUAL(pe_reloc_count(&img, NULL), 0);
	pe_image_free(&img);
	free(b);
}

CU_TEST(pe, no_directories)
{
	uint8_t *b = copy();
	struct pe_image img;
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_exports ex;
	struct pe_tls tls;

	pb_w32(b, PB_OPT + 108, 0); /* NumberOfRvaAndSizes 0 */
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, PB_SIZE, &img, NULL), 0);
	pe_import_begin(&img, &it);
	CU_ASSERT_EQUAL(pe_import_next(&it, &dll, NULL), 0);
	pe_delay_begin(&img, &it);
	CU_ASSERT_EQUAL(pe_delay_next(&it, &dll, NULL), 0);
	CU_ASSERT_EQUAL(pe_exports_open(&img, &ex, NULL), PE_ENOTFOUND);
	CU_ASSERT_EQUAL(pe_tls_read(&img, &tls, NULL), PE_ENOTFOUND);
	CU_ASSERT_EQUAL(pe_reloc_count(&img, NULL), 0);
	pe_image_free(&img);
	free(b);
}

/* ---- pe_parse_mapped: the same image laid out as in memory ---- */

/* Lays the file image f out as a section file holds it: headers at 0,
 * each section's raw data at its RVA.  Returns a malloc'd buffer of
 * SizeOfImage bytes plus a page of trailer-like junk after it. */
static uint8_t *lay_out(const struct pe_image *f, size_t *len)
{
	uint8_t *m = calloc(1, (size_t)f->size_of_image + 4096);

	if (!m)
		return NULL;
	memcpy(m, f->buf, f->size_of_headers < f->len ? f->size_of_headers
	                                              : f->len);
	for (int i = 0; i < f->nsections; i++)
		memcpy(m + f->sections[i].vaddr, f->buf + f->sections[i].raw_off,
		       f->sections[i].raw_size);
	memset(m + f->size_of_image, 0xa5, 4096);
	*len = (size_t)f->size_of_image + 4096;
	return m;
}

/* Walks imports, exports, relocations and TLS of img into out (text), so
 * two parses can be compared whole. */
static void describe(const struct pe_image *img, char *out, size_t cap)
{
	size_t n = 0;
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_exports ex;
	struct pe_export e;
	struct pe_reloc_iter ri;
	struct pe_reloc r;
	struct pe_tls tls;

#define PUT(...) \
	do { \
		if (n < cap) \
			n += snprintf(out + n, cap - n, __VA_ARGS__); \
	} while (0)
	for (int delay = 0; delay < 2; delay++) {
		(delay ? pe_delay_begin : pe_import_begin)(img, &it);
		while ((delay ? pe_delay_next : pe_import_next)(&it, &dll, NULL) > 0) {
			struct pe_import_fn_iter fi;
			struct pe_import_fn fn;

			PUT("dll %s\n", dll.name);
			(delay ? pe_delay_fn_begin : pe_import_fn_begin)(img, &dll, &fi);
			while ((delay ? pe_delay_fn_next : pe_import_fn_next)(&fi, &fn,
			                                                      NULL) > 0)
				PUT(" %s %u\n", fn.by_ordinal ? "#" : fn.name,
				    fn.by_ordinal ? fn.ordinal : fn.hint);
		}
	}
	if (pe_exports_open(img, &ex, NULL) == 0)
		for (uint32_t i = 0; i < ex.nfuncs && i < 4096; i++)
			if (pe_export_at(&ex, i, &e, NULL) == 0)
				PUT("export %s %x %s\n", e.name ? e.name : "-", e.rva,
				    e.forwarder ? e.forwarder : "");
	pe_reloc_begin(img, &ri);
	while (pe_reloc_next(&ri, &r, NULL) > 0)
		PUT("r %x %u\n", r.rva, r.type);
	if (pe_tls_read(img, &tls, NULL) == 0)
		PUT("tls %u\n", tls.ncallbacks);
#undef PUT
}

/* Parses path (or the built image when NULL) both ways and expects the
 * same answers from every reader. */
static void same_both_ways(const uint8_t *buf, size_t len, const char *what)
{
	static char a[1 << 20], b[1 << 20];
	struct pe_image f, m;
	struct pe_error err = {0};
	uint8_t *lay;
	size_t mlen = 0;

	if (pe_parse(buf, len, &f, &err) < 0)
		return; /* not an image this test can use */
	lay = lay_out(&f, &mlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(lay);
	CU_ASSERT_EQUAL_FATAL(pe_parse_mapped(lay, mlen, &m, &err), 0);
	CU_ASSERT(m.mapped);
	CU_ASSERT_EQUAL(m.len, f.size_of_image); /* the trailer is not read */
	CU_ASSERT_EQUAL(m.nsections, f.nsections);
	CU_ASSERT_EQUAL(m.image_base, f.image_base);
	for (int i = 0; i < m.nsections && i < f.nsections; i++) {
		CU_ASSERT_EQUAL(m.sections[i].vaddr, f.sections[i].vaddr);
		CU_ASSERT_EQUAL(m.sections[i].raw_size, f.sections[i].raw_size);
		if (f.sections[i].raw_size)
			CU_ASSERT_EQUAL(m.sections[i].raw_off, m.sections[i].vaddr);
	}
	describe(&f, a, sizeof a);
	describe(&m, b, sizeof b);
	CU_ASSERT_STRING_EQUAL(a, b);
	if (strcmp(a, b))
		printf("\n    %s: readers differ on the laid-out image\n", what);
	pe_image_free(&m);
	pe_image_free(&f);
	free(lay);
}

CU_TEST(pe, mapped_same_answers)
{
	static const char *real[] = {
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll",
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/msvcrt.dll",
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/icmp.dll",
		"/usr/lib/gcc/x86_64-w64-mingw32/12-win32/libstdc++-6.dll",
	};

	same_both_ways(img_buf, PB_SIZE, "built image");
	for (size_t i = 0; i < sizeof real / sizeof *real; i++) {
		FILE *fp = fopen(real[i], "rb");
		uint8_t *buf;
		long n;

		if (!fp)
			continue;
		fseek(fp, 0, SEEK_END);
		n = ftell(fp);
		rewind(fp);
		buf = malloc(n);
		if (buf && fread(buf, 1, n, fp) == (size_t)n)
			same_both_ways(buf, n, real[i]);
		free(buf);
		fclose(fp);
	}
}

CU_TEST(pe, mapped_short_buffer)
{
	struct pe_image f, m;
	struct pe_error err = {0};
	uint8_t *lay;
	size_t mlen;

	CU_ASSERT_EQUAL_FATAL(pe_parse(img_buf, PB_SIZE, &f, NULL), 0);
	lay = lay_out(&f, &mlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(lay);
	/* Cut inside the last section's data: its raw data, at its RVA, no
	 * longer fits, and the error speaks of the RVA. */
	mlen = f.sections[f.nsections - 1].vaddr + 1;
	CU_ASSERT_EQUAL(pe_parse_mapped(lay, mlen, &m, &err), PE_ETRUNC);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "raw data at RVA"));
	CU_ASSERT_PTR_NULL(m.sections);
	pe_image_free(&f);
	free(lay);
}

/* ---- import libraries (pe/implib.c) --------------------------------- */

/* An ar archive built in memory, member by member. */
struct ar_buf {
	uint8_t b[8192];
	size_t n;
};

static void ar_start(struct ar_buf *a)
{
	memcpy(a->b, "!<arch>\n", 8);
	a->n = 8;
}

/* Appends a member; returns the offset of its header. */
static size_t ar_add(struct ar_buf *a, const char *name, const void *data,
		     size_t size)
{
	size_t off = a->n;
	char h[61];

	snprintf(h, sizeof h, "%-16s%-12s%-6s%-6s%-8s%-10zu`\n", name, "0", "0",
		 "0", "644", size);
	memcpy(a->b + a->n, h, 60);
	memcpy(a->b + a->n + 60, data, size);
	a->n += 60 + size;
	if (a->n & 1)
		a->b[a->n++] = '\n';
	return off;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
}

/* A short import member (PE spec 7.1): the header, then the symbol, the
 * DLL and (for EXPORTAS) the export name. */
static size_t short_import(uint8_t *out, uint16_t type, uint16_t hint,
			   const char *sym, const char *dll, const char *as)
{
	size_t n = 20;

	memset(out, 0, 20);
	put16(out + 2, 0xffff);
	put16(out + 6, PE_MACHINE_AMD64);
	put16(out + 16, hint);
	put16(out + 18, type);
	strcpy((char *)out + n, sym);
	n += strlen(sym) + 1;
	strcpy((char *)out + n, dll);
	n += strlen(dll) + 1;
	if (as) {
		strcpy((char *)out + n, as);
		n += strlen(as) + 1;
	}
	put32(out + 12, (uint32_t)(n - 20));
	return n;
}

struct tsec {
	const char *name;
	const void *data;
	uint32_t size;
};
struct tsym {
	const char *name;
	int16_t sec; /* 1-based; 0 undefined */
};

/* A COFF object: header, section table, raw data, symbols (all external,
 * names longer than 8 bytes in the string table). */
static size_t coff_obj(uint8_t *out, uint16_t machine, const struct tsec *s,
		       int nsec, const struct tsym *y, int nsym)
{
	size_t n = 20 + 40 * (size_t)nsec, sym, str;

	memset(out, 0, 2048);
	put16(out, machine);
	put16(out + 2, (uint16_t)nsec);
	for (int i = 0; i < nsec; i++) {
		uint8_t *h = out + 20 + 40 * i;

		memcpy(h, s[i].name, strlen(s[i].name));
		put32(h + 16, s[i].size);
		put32(h + 20, s[i].size ? (uint32_t)n : 0);
		memcpy(out + n, s[i].data, s[i].size);
		n += s[i].size;
	}
	sym = n;
	str = sym + 18 * (size_t)nsym + 4;
	put32(out + 8, (uint32_t)sym);
	put32(out + 12, (uint32_t)nsym);
	for (int i = 0; i < nsym; i++) {
		uint8_t *e = out + sym + 18 * i;

		if (strlen(y[i].name) <= 8) {
			memcpy(e, y[i].name, strlen(y[i].name));
		} else {
			put32(e + 4, (uint32_t)(str - (sym + 18 * nsym)));
			strcpy((char *)out + str, y[i].name);
			str += strlen(y[i].name) + 1;
		}
		put16(e + 12, (uint16_t)y[i].sec);
		e[16] = 2; /* IMAGE_SYM_CLASS_EXTERNAL */
	}
	put32(out + sym + 18 * nsym, (uint32_t)(str - (sym + 18 * nsym)));
	return str;
}

/* A dlltool import member for name (hint 5): code with a .text thunk,
 * data without; name NULL: by ordinal 7. */
static size_t dlltool_member(uint8_t *out, const char *name, int code)
{
	static const uint8_t jmp[8] = {0xff, 0x25};
	uint8_t thunk[8] = {0}, hn[64] = {5, 0};
	char imp[80];
	struct tsec s[] = {
		{".text", jmp, code ? 8 : 0},
		{".idata$5", thunk, 8},
		{".idata$4", thunk, 8},
		{".idata$6", hn, 0},
	};
	struct tsym y[] = {{imp, 2}, {"_head_libt_a", 0}};

	if (name) {
		strcpy((char *)hn + 2, name);
		s[3].size = (uint32_t)(2 + strlen(name) + 1);
	} else {
		thunk[0] = 7;
		thunk[7] = 0x80;
	}
	snprintf(imp, sizeof imp, "__imp_%s", name ? name : "Ord7");
	return coff_obj(out, PE_MACHINE_AMD64, s, 4, y, 2);
}

/* dlltool's tail: .idata$7 holds the DLL name at __libt_a_iname. */
static size_t dlltool_tail(uint8_t *out)
{
	struct tsec s[] = {{".idata$7", "KERNEL32.dll\0\0\0", 16}};
	struct tsym y[] = {{"__libt_a_iname", 1}};

	return coff_obj(out, PE_MACHINE_AMD64, s, 1, y, 1);
}

/* An archive with every kind of member: symbol index, long names, the
 * tail under a long name, short imports, dlltool imports (code, data,
 * ordinal), a wrapper object defining __imp_ in .data, an anonymous
 * object.  Yields 5 imports. */
static void implib_build(struct ar_buf *a)
{
	static const char longnames[] = "a_very_long_member_name_t.o/\n";
	static const uint8_t index[8] = {0};
	uint8_t m[2048];
	struct tsec ws[] = {{".data", "\0\0\0\0\0\0\0\0", 8}};
	struct tsym wy[] = {{"__imp_Wrapped", 1}};

	ar_start(a);
	ar_add(a, "/", index, sizeof index);
	ar_add(a, "//", longnames, sizeof longnames - 1);
	ar_add(a, "/0", m, dlltool_tail(m));
	ar_add(a, "s1.o/", m,
	       short_import(m, 1 << 2, 3, "CreateFileA", "KERNEL32.dll", NULL));
	ar_add(a, "s2.o/", m,
	       short_import(m, 1 | 1 << 2, 0, "_acmdln", "msvcrt.dll", NULL));
	ar_add(a, "d1.o/", m, dlltool_member(m, "GetTickCount", 1));
	ar_add(a, "d2.o/", m, dlltool_member(m, "DllshareData", 0));
	ar_add(a, "d3.o/", m, dlltool_member(m, NULL, 1));
	ar_add(a, "w.o/", m, coff_obj(m, PE_MACHINE_AMD64, ws, 1, wy, 1));
	short_import(m, 1 << 2, 0, "Anon", "x.dll", NULL);
	put16(m + 4, 2); /* Version 2: an anonymous object, not an import */
	ar_add(a, "anon.o/", m, 40);
}

/* Walks buf to the end: the number of imports, or the error. */
static int implib_walk(const uint8_t *buf, size_t len,
		       struct pe_implib_sym *syms, int max,
		       struct pe_error *err)
{
	struct pe_implib_iter it;
	struct pe_implib_sym s;
	int rc, n = 0;

	if ((rc = pe_implib_begin(buf, len, &it, err)) < 0)
		return rc;
	while ((rc = pe_implib_next(&it, &s, err)) > 0)
		if (n < max)
			syms[n++] = s;
	return rc < 0 ? rc : n;
}

/* Walks a malloc'd copy of exactly len bytes (ASan sees a read past). */
static int implib_walk_copy(const uint8_t *buf, size_t len,
			    struct pe_error *err)
{
	uint8_t *c = malloc(len ? len : 1);
	struct pe_implib_sym s;
	int rc;

	memcpy(c, buf, len);
	rc = implib_walk(c, len, &s, 1, err);
	free(c);
	return rc;
}

CU_TEST(pe, implib_members)
{
	static struct pe_implib_sym s[8];
	struct pe_error err = {0};
	struct ar_buf a;

	implib_build(&a);
	CU_ASSERT_EQUAL_FATAL(implib_walk(a.b, a.n, s, 8, &err), 5);
	CU_ASSERT_STRING_EQUAL(s[0].name, "CreateFileA");
	CU_ASSERT_STRING_EQUAL(s[0].dll, "KERNEL32.dll");
	CU_ASSERT(s[0].short_form && !s[0].data && s[0].hint == 3);
	CU_ASSERT_STRING_EQUAL(s[1].name, "_acmdln");
	CU_ASSERT_STRING_EQUAL(s[1].dll, "msvcrt.dll");
	CU_ASSERT(s[1].data);
	CU_ASSERT_STRING_EQUAL(s[2].name, "GetTickCount");
	CU_ASSERT_STRING_EQUAL(s[2].dll, "KERNEL32.dll"); /* from the tail */
	CU_ASSERT(!s[2].short_form && !s[2].data && s[2].hint == 5);
	CU_ASSERT_STRING_EQUAL(s[3].name, "DllshareData");
	CU_ASSERT(s[3].data);
	CU_ASSERT(s[4].by_ordinal && s[4].ordinal == 7 && !s[4].name[0]);
	CU_ASSERT_STRING_EQUAL(s[4].dll, "KERNEL32.dll");
	CU_ASSERT_FATAL(s[0].member_off < a.n);
	CU_ASSERT_NSTRING_EQUAL(a.b + s[0].member_off, "s1.o/", 5);
}

CU_TEST(pe, implib_short_name_types)
{
	static struct pe_implib_sym s[8];
	struct pe_error err = {0};
	struct ar_buf a;
	uint8_t m[256];

	ar_start(&a);
	ar_add(&a, "a/", m,
	       short_import(m, 2 << 2, 0, "_NoPrefix", "k.dll", NULL));
	ar_add(&a, "b/", m,
	       short_import(m, 3 << 2, 0, "_Undec@8", "k.dll", NULL));
	ar_add(&a, "c/", m, short_import(m, 4 << 2, 0, "Sym", "k.dll", "Real"));
	ar_add(&a, "d/", m, short_import(m, 0, 42, "Ord", "k.dll", NULL));
	ar_add(&a, "e/", m, short_import(m, 1 << 2, 0, "_Kept", "k.dll", NULL));
	CU_ASSERT_EQUAL_FATAL(implib_walk(a.b, a.n, s, 8, &err), 5);
	CU_ASSERT_STRING_EQUAL(s[0].name, "NoPrefix");
	CU_ASSERT_STRING_EQUAL(s[1].name, "Undec");
	CU_ASSERT_STRING_EQUAL(s[2].name, "Real");
	CU_ASSERT(s[3].by_ordinal && s[3].ordinal == 42);
	CU_ASSERT_STRING_EQUAL(s[4].name, "_Kept");
}

CU_TEST(pe, implib_bad_archive)
{
	struct pe_error err = {0};
	struct pe_implib_iter it;

	CU_ASSERT_EQUAL(pe_implib_begin((const uint8_t *)"", 0, &it, &err),
			PE_EMAGIC);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not an ar archive"));
	CU_ASSERT_EQUAL(
		pe_implib_begin((const uint8_t *)"!<arch", 6, &it, &err),
		PE_EMAGIC);
	CU_ASSERT_EQUAL(
		pe_implib_begin((const uint8_t *)"!<thin>\n", 8, &it, &err),
		PE_EUNSUP);
	/* An empty archive is no error: it declares nothing. */
	CU_ASSERT_EQUAL(implib_walk_copy((const uint8_t *)"!<arch>\n", 8, &err),
			0);
}

/* Expects walking a (with one change made) to fail with code and a
 * message containing want. */
static void implib_expect(const struct ar_buf *a, int code, const char *want)
{
	struct pe_error err = {0};
	int rc = implib_walk_copy(a->b, a->n, &err);

	CU_ASSERT_EQUAL(rc, code);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, want));
	if (rc != code || !strstr(err.msg, want))
		printf("\n    want %d \"%s\", got %d \"%s\"\n", code, want, rc,
		       err.msg);
}

CU_TEST(pe, implib_bad_headers)
{
	struct ar_buf a;
	uint8_t m[256];
	size_t h;

	implib_build(&a);
	a.n -= 30; /* the last member's data cut short */
	implib_expect(&a, PE_ETRUNC, "data runs past the end of the file");
	implib_build(&a);
	a.b[a.n++] = '\n';
	a.b[a.n++] = 'x'; /* a stray header fragment */
	implib_expect(&a, PE_ETRUNC, "header runs past the end of the file");
	ar_start(&a);
	h = ar_add(&a, "x/", "ab", 2);
	a.b[h + 58] = '!';
	implib_expect(&a, PE_EMAGIC,
		      "archive member at offset 0x8: header does not end in");
	ar_start(&a);
	h = ar_add(&a, "x/", "ab", 2);
	memcpy(a.b + h + 48, "1x        ", 10);
	implib_expect(&a, PE_EFIELD, "size field is not a decimal number");
	ar_start(&a);
	h = ar_add(&a, "x/", "ab", 2);
	memcpy(a.b + h + 48, "4294967296", 10);
	implib_expect(&a, PE_ETRUNC, "at offset 0x8: data runs past");
	ar_start(&a);
	ar_add(&a, "/0", "ab", 2); /* no "//" table before it */
	implib_expect(&a, PE_ERANGE, "long name offset past");
	ar_start(&a);
	ar_add(&a, "//", "x.o/\n", 5);
	ar_add(&a, "/99", m, short_import(m, 1 << 2, 0, "A", "k.dll", NULL));
	implib_expect(&a, PE_ERANGE, "long name offset past");
}

CU_TEST(pe, implib_bad_short)
{
	struct ar_buf a;
	uint8_t m[256];
	size_t n;

	ar_start(&a);
	n = short_import(m, 1 << 2, 0, "Name", "k.dll", NULL);
	put32(m + 12, 200); /* SizeOfData past the member */
	ar_add(&a, "s.o/", m, n);
	implib_expect(&a, PE_ETRUNC,
		      "archive member s.o at offset 0x8: "
		      "SizeOfData");
	ar_start(&a);
	n = short_import(m, 1 << 2, 0, "Name", "k.dll", NULL);
	ar_add(&a, "s.o/", m, n - 1); /* the DLL name without its NUL */
	put32(a.b + 8 + 60 + 12, (uint32_t)(n - 21));
	implib_expect(&a, PE_EFIELD, "symbol or DLL name");
	ar_start(&a);
	ar_add(&a, "s.o/", m, short_import(m, 3, 0, "Name", "k.dll", NULL));
	implib_expect(&a, PE_EFIELD, "reserved import type");
	ar_start(&a);
	ar_add(&a, "s.o/", m,
	       short_import(m, 5 << 2, 0, "Name", "k.dll", NULL));
	implib_expect(&a, PE_EFIELD, "reserved import type or name type");
	ar_start(&a);
	ar_add(&a, "s.o/", m,
	       short_import(m, 4 << 2, 0, "Name", "k.dll",
			    NULL)); /* EXPORTAS, no name */
	implib_expect(&a, PE_EFIELD, "export-as name missing");
	ar_start(&a);
	ar_add(&a, "s.o/", m, short_import(m, 3 << 2, 0, "@", "k.dll", NULL));
	implib_expect(&a, PE_EFIELD, "empty import name");
}

CU_TEST(pe, implib_bad_coff)
{
	struct ar_buf a;
	uint8_t m[2048];
	size_t n;

	ar_start(&a);
	ar_add(&a, "d.o/", m, dlltool_member(m, "Name", 1)); /* no tail */
	implib_expect(&a, PE_ENOTFOUND, "no member defines __libt_a_iname");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put16(m + 2, 0x1000); /* sections past the member */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_ETRUNC, "section table runs past the member");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put16(m + 2, 0xff00); /* a special section number */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_EFIELD, "more sections than an object may have");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put32(m + 12, 0x10000000); /* symbols past the member */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_ETRUNC, "symbol table runs past the member");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put32(m + 20 + 3 * 40 + 20, 0xfffffff0); /* .idata$6 data */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_ETRUNC, "section data runs past the member");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put32(m + 20 + 3 * 40 + 16, 2); /* .idata$6: a hint, no name */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_EFIELD, "not a hint and a name");
	ar_start(&a);
	n = dlltool_member(m, NULL, 1);
	m[get32(m + 20 + 40 + 20) + 7] = 0; /* .idata$5: no ordinal flag */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_EFIELD, "holds no ordinal");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put32(m + get32(m + 8) + 4, 0x7fffffff); /* long name offset */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_ERANGE, "outside the string table");
	ar_start(&a);
	n = dlltool_member(m, "Name", 1);
	put32(m + get32(m + 8) + 2 * 18, 0xfff0); /* string table size */
	ar_add(&a, "d.o/", m, n);
	implib_expect(&a, PE_ETRUNC, "string table size");
}

/* Every prefix of a valid archive, and every byte of it set to 0x00 and
 * 0xff in turn: the walk ends with a count or an error that names an
 * archive member, and never reads outside the buffer (ASan build). */
CU_TEST(pe, implib_hostile_bytes)
{
	static struct ar_buf a;
	struct pe_error err;
	int bad = 0;

	implib_build(&a);
	for (size_t len = 0; len <= a.n; len++) {
		int rc = implib_walk_copy(a.b, len, &err);

		if (rc < 0 && len >= 8 && !strstr(err.msg, "archive member"))
			bad++;
	}
	for (size_t i = 0; i < a.n; i++) {
		uint8_t keep = a.b[i];

		for (int v = 0; v < 2; v++) {
			a.b[i] = v ? 0xff : 0x00;
			if (implib_walk_copy(a.b, a.n, &err) < 0 && i >= 8 &&
			    !strstr(err.msg, "archive member"))
				bad++;
		}
		a.b[i] = keep;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Resources of an image nobody here wrote: Wine's kernel32.dll has its
 * version (RT_VERSION 16, name 1), a VS_VERSIONINFO naming itself. */
CU_TEST(pe, resources_of_a_real_image)
{
	static const char path[] =
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll";
	struct pe_res_id ver = {.id = 16}, one = {.id = 1}, none = {.id = 999};
	static const uint16_t bad[] = {'N', 'O'};
	struct pe_res_id named = {.name = bad, .len = 2};
	struct pe_resource res;
	struct pe_error err = {0};
	struct pe_image img;
	FILE *f = fopen(path, "rb");
	static uint8_t buf[4 << 20];
	size_t n;
	const uint8_t *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(pe_parse(buf, n, &img, &err), 0);
	CU_ASSERT_EQUAL(pe_resource_find(&img, &ver, &one, NULL, 0, &res, &err),
			0);
	p = pe_rva_ptr(&img, res.data_rva, res.size);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL((uint32_t)(p[0] | p[1] << 8), res.size); /* wLength */
	CU_ASSERT_EQUAL(p[6], 'V');
	CU_ASSERT_EQUAL(p[8], 'S'); /* L"VS_VERSION_INFO" */
	CU_ASSERT_EQUAL(pe_resource_find(&img, &ver, &none, NULL, 0, &res, &err),
			PE_ENOTFOUND);
	CU_ASSERT_EQUAL(res.missing, 2);
	CU_ASSERT_EQUAL(pe_resource_find(&img, &named, &one, NULL, 0, &res,
					 &err),
			PE_ENOTFOUND);
	CU_ASSERT_EQUAL(res.missing, 1);
	pe_image_free(&img);
}

/* Enumerating the resources of Wine's kernel32.dll: each level's entries
 * in order, the version (16) among the types, its one name (1), past
 * the end PE_ENOTFOUND with missing 3; and every resource directory
 * byte set to 0xff in turn gives an error or an entry, never a read
 * outside the image (ASan build). */
CU_TEST(pe, resource_entries)
{
	static const char path[] =
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll";
	struct pe_res_id ver = {.id = 16}, none = {.id = 999};
	struct pe_res_entry e;
	struct pe_error err = {0};
	struct pe_image img;
	static uint8_t buf[4 << 20];
	FILE *f = fopen(path, "rb");
	size_t n, off;
	uint32_t i;
	int missing, found = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(pe_parse(buf, n, &img, &err), 0);
	for (i = 0; pe_resource_entry(&img, 0, 0, i, &e, &missing, &err) == 0;
	     i++)
		found |= !e.named && e.id == 16;
	CU_ASSERT(found);
	CU_ASSERT_EQUAL(missing, 3);
	CU_ASSERT_EQUAL(pe_resource_entry(&img, &ver, 0, 0, &e, &missing, &err),
			0);
	CU_ASSERT_EQUAL(e.id, 1);
	CU_ASSERT_EQUAL(pe_resource_entry(&img, &ver, 0, 1, &e, &missing, &err),
			PE_ENOTFOUND);
	CU_ASSERT_EQUAL(missing, 3);
	CU_ASSERT_EQUAL(pe_resource_entry(&img, &none, 0, 0, &e, &missing,
					  &err),
			PE_ENOTFOUND);
	CU_ASSERT_EQUAL(missing, 1);
	off = 0;
	for (uint16_t s = 0; s < img.nsections; s++)
		if (img.dirs[PE_DIR_RESOURCE].rva >= img.sections[s].vaddr &&
		    img.dirs[PE_DIR_RESOURCE].rva <
			    img.sections[s].vaddr + img.sections[s].raw_size)
			off = img.sections[s].raw_off +
			      (img.dirs[PE_DIR_RESOURCE].rva - img.sections[s].vaddr);
	pe_image_free(&img);
	CU_ASSERT_FATAL(off != 0);
	for (size_t b = off; b < off + 256 && b < n; b++) {
		uint8_t keep = buf[b];

		buf[b] = 0xff;
		if (pe_parse(buf, n, &img, &err) == 0) {
			for (i = 0; i < 64 && pe_resource_entry(&img, 0, 0, i, &e,
								 &missing,
								 &err) == 0;
			     i++)
				pe_resource_entry(&img, &ver, 0, 0, &e,
						  &missing, &err);
			pe_image_free(&img);
		}
		buf[b] = keep;
	}
}
