/*
 * gen_malformed.c — writes the malformed-image corpus.
 *
 *   gen_malformed OUTDIR
 *
 * Starts from the valid PE32+ DLL of tests/pe/pe_build.h and derives one
 * image per case below, each breaking one thing.  OUTDIR/cases lists
 * "FILE<TAB>expected message substring"; tests/malformed/run.sh runs
 * `dllshare inspect` on each and checks the message.  OUTDIR/valid.dll is
 * the unbroken image, which must inspect cleanly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/pe/pe_build.h"

struct mcase {
	const char *name;
	void (*fn)(uint8_t *b, size_t *len);
	const char *want;
};

/* Each case edits b (PB_SIZE bytes, already built) and may shorten len. */
#define CASE(n) static void n(uint8_t *b, size_t *len)
#define UNUSED (void)b, (void)len

/* Truncation at each header boundary. */
CASE(trunc_empty) { UNUSED; *len = 0; }
CASE(trunc_dos) { UNUSED; *len = 63; }
CASE(trunc_sig) { UNUSED; *len = PB_NT + 2; }
CASE(trunc_filehdr) { UNUSED; *len = PB_FILEHDR + 10; }
CASE(trunc_opt_magic) { UNUSED; *len = PB_OPT + 1; }
CASE(trunc_opt_fixed) { UNUSED; *len = PB_OPT + 40; }
CASE(trunc_dirs) { UNUSED; *len = PB_DIRS + 8; }
CASE(trunc_sectab) { UNUSED; *len = PB_SECTAB + 50; }
CASE(trunc_raw) { UNUSED; *len = 0x900; }
CASE(trunc_last) { UNUSED; *len = 0xa10; }

/* Magics. */
CASE(bad_mz) { UNUSED; b[1] = 'X'; }
CASE(bad_pe_sig) { UNUSED; b[PB_NT + 2] = 'X'; }
CASE(bad_opt_magic) { UNUSED; pb_w16(b, PB_OPT, 0x10c); }
CASE(lfanew_huge) { UNUSED; pb_w32(b, 0x3c, 0xfffffffc); }

/* Header fields. */
CASE(nsections_97) { UNUSED; pb_w16(b, PB_FILEHDR + 2, 97); }
CASE(rva_and_sizes_17) { UNUSED; pb_w32(b, PB_OPT + 108, 17); }
CASE(rva_and_sizes_max) { UNUSED; pb_w32(b, PB_OPT + 108, 0xffffffff); }
CASE(opt_size_small) { UNUSED; pb_w16(b, PB_FILEHDR + 16, 100); }
CASE(opt_size_no_dirs) { UNUSED; pb_w16(b, PB_FILEHDR + 16, 200); }
CASE(image_size_4g) { UNUSED; pb_w32(b, PB_OPT + 56, 0xfffff000); }
CASE(image_size_3g) { UNUSED; pb_w32(b, PB_OPT + 56, 0xc0000000); }
CASE(image_size_0) { UNUSED; pb_w32(b, PB_OPT + 56, 0); }
CASE(salign_below_falign) { UNUSED; pb_w32(b, PB_OPT + 32, 0x100); }
CASE(salign_not_pow2) { UNUSED; pb_w32(b, PB_OPT + 32, 0x1800); }
CASE(falign_zero) { UNUSED; pb_w32(b, PB_OPT + 36, 0); }
CASE(headers_above_image) { UNUSED; pb_w32(b, PB_OPT + 60, 0x6000); }
CASE(entry_beyond) { UNUSED; pb_w32(b, PB_OPT + 16, PB_IMAGE); }
CASE(imagebase_unaligned) { UNUSED; pb_w64(b, PB_OPT + 24, PB_BASE + 0x1000); }
CASE(imagebase_wraps)
{
	UNUSED;
	pb_w64(b, PB_OPT + 24, 0xffffffffffff0000ULL);
	pb_w32(b, PB_OPT + 56, 0x20000);
}
CASE(dir_import_beyond) { UNUSED; pb_dir(b, 1, 0x4ff0, 0x20); }
CASE(dir_export_rva_huge) { UNUSED; pb_dir(b, 0, 0xffffff00, 0x100); }
CASE(dir_reloc_size_wraps) { UNUSED; pb_dir(b, 5, PB_RELOC, 0xfffff000); }

/* Sections. */
CASE(raw_beyond_file) { UNUSED; pb_w32(b, pb_sect(2) + 20, 0xb00); }
CASE(raw_offset_huge) { UNUSED; pb_w32(b, pb_sect(2) + 20, 0xfffffff0); }
CASE(raw_size_huge) { UNUSED; pb_w32(b, pb_sect(1) + 16, 0x7ffff000);
                      pb_w32(b, pb_sect(1) + 8, 0); }
CASE(sections_overlap) { UNUSED; pb_w32(b, pb_sect(2) + 12, 0x2000); }
CASE(section_over_headers) { UNUSED; pb_w32(b, pb_sect(0) + 12, 0); }
CASE(section_beyond_image) { UNUSED; pb_w32(b, pb_sect(3) + 8, 0x2000); }
CASE(section_vsize_wraps) { UNUSED; pb_w32(b, pb_sect(3) + 8, 0xffffffff); }
CASE(section_unaligned) { UNUSED; pb_w32(b, pb_sect(1) + 12, 0x2100); }
CASE(long_name_outside)
{
	UNUSED;
	pb_w32(b, PB_FILEHDR + 8, 0xb00);
	memcpy(b + pb_sect(3), "/9999\0\0\0", 8);
}

/* Base relocations. */
#define RB pb_off(PB_RELOC)
CASE(reloc_block_zero) { UNUSED; pb_w32(b, RB + 4, 0); }
CASE(reloc_block_4) { UNUSED; pb_w32(b, RB + 4, 4); }
CASE(reloc_block_odd) { UNUSED; pb_w32(b, RB + 4, 13); }
CASE(reloc_block_overflow) { UNUSED; pb_w32(b, RB + 4, 0xfffffff0); }
CASE(reloc_target_beyond) { UNUSED; pb_w32(b, RB, 0x4ff8); }
CASE(reloc_page_wraps) { UNUSED; pb_w32(b, RB, 0xfffff000); }
CASE(reloc_trailing_bytes) { UNUSED; pb_dir(b, 5, PB_RELOC, PB_RELOC_SIZE + 4); }
CASE(reloc_not_in_file) { UNUSED; pb_dir(b, 5, 0x1100, 8); }
CASE(reloc_highadj_alone)
{
	UNUSED;
	pb_w16(b, RB + 26, 0x4000 | 0x130); /* last entry of the last block */
}

/* Imports. */
#define ID pb_off(PB_IMPORTS)
CASE(import_name_unterminated)
{
	UNUSED;
	pb_w32(b, ID + 12, 0x23f8);
	memset(b + pb_off(0x23f8), 'k', 8);
}
CASE(import_name_beyond) { UNUSED; pb_w32(b, ID + 12, 0x9000); }
CASE(import_desc_loop)
{
	UNUSED;
	for (uint32_t rva = PB_IMPORTS; rva + 20 <= 0x2400; rva += 20) {
		pb_w32(b, pb_off(rva), 0);
		pb_w32(b, pb_off(rva + 12), 0x2080);
		pb_w32(b, pb_off(rva + 16), PB_IAT_K32);
	}
}
CASE(import_thunk_loop)
{
	UNUSED;
	for (uint32_t rva = PB_ILT_K32; rva < 0x2400; rva += 8)
		pb_w64(b, pb_off(rva), 0x2140);
}
CASE(import_hint_name_bss) { UNUSED; pb_w64(b, pb_off(PB_ILT_K32), 0x1800); }
CASE(import_thunk_reserved)
{
	UNUSED;
	pb_w64(b, pb_off(PB_ILT_K32), 0x0000000100002140ULL);
}
CASE(import_fn_name_loop)
{
	UNUSED;
	pb_w64(b, pb_off(PB_ILT_K32), 0x23f0);
	memset(b + pb_off(0x23f0), 'n', 16);
}
CASE(import_iat_beyond) { UNUSED; pb_w32(b, ID + 16, 0x4ff8); }
CASE(import_dir_not_in_file) { UNUSED; pb_dir(b, 1, 0x3400, 40); }

/* Exports. */
#define ED pb_off(PB_EXPORTS)
CASE(export_nfuncs_max) { UNUSED; pb_w32(b, ED + 20, 0xffffffff); }
CASE(export_nnames_huge) { UNUSED; pb_w32(b, ED + 24, 0x40000000); }
CASE(export_base_overflow) { UNUSED; pb_w32(b, ED + 16, 0xffffffff); }
CASE(export_funcs_beyond) { UNUSED; pb_w32(b, ED + 28, 0x23fc); }
CASE(export_names_beyond) { UNUSED; pb_w32(b, ED + 32, 0x9000); }
CASE(export_forwarder_no_dot)
{
	UNUSED;
	memcpy(b + pb_off(PB_FORWARDER), "KERNEL32_ExitProcess", 20);
}
CASE(export_forwarder_unterminated)
{
	UNUSED;
	/* the TLS and delay tables live past 0x22f0: drop them */
	pb_dir(b, 9, 0, 0);
	pb_dir(b, 13, 0, 0);
	pb_w32(b, pb_off(PB_EXP_FUNCS + 4), 0x22f0);
	memset(b + pb_off(0x22f0), 'f', 0x110); /* to the end of .rdata */
}
CASE(export_rva_beyond) { UNUSED; pb_w32(b, pb_off(PB_EXP_FUNCS + 8), 0x9000); }
CASE(export_ordinal_index) { UNUSED; pb_w16(b, pb_off(PB_EXP_ORDS + 2), 9); }
CASE(export_name_beyond) { UNUSED; pb_w32(b, pb_off(PB_EXP_NAMES), 0x9000); }
CASE(export_dir_not_in_file) { UNUSED; pb_dir(b, 0, 0x3400, 40); }

/* TLS. */
CASE(tls_callback_outside)
{
	UNUSED;
	pb_w64(b, pb_off(PB_CALLBACKS + 8), PB_BASE + 0x9000);
}
CASE(tls_callbacks_outside) { UNUSED; pb_w64(b, pb_off(PB_TLS + 24), 0x1234); }
CASE(tls_callbacks_no_end)
{
	UNUSED;
	for (uint32_t rva = PB_CALLBACKS; rva < 0x3200; rva += 8)
		pb_w64(b, pb_off(rva), PB_BASE + 0x1000);
}
CASE(tls_index_outside) { UNUSED; pb_w64(b, pb_off(PB_TLS + 16), 5); }
CASE(tls_data_inverted) { UNUSED; pb_w64(b, pb_off(PB_TLS + 8), PB_BASE); }

/* Delay imports. */
#define DD pb_off(PB_DELAY)
CASE(delay_va_based) { UNUSED; pb_w32(b, DD, 0); }
CASE(delay_name_beyond) { UNUSED; pb_w32(b, DD + 4, 0x9000); }
CASE(delay_iat_zero) { UNUSED; pb_w32(b, DD + 12, 0); }
CASE(delay_thunk_loop)
{
	UNUSED;
	for (uint32_t rva = 0x2390; rva < 0x2400; rva += 8)
		pb_w64(b, pb_off(rva), 0x23a0);
}

static const struct mcase cases[] = {
	{"trunc-empty", trunc_empty, "DOS header at offset 0x0: file is 0 bytes, needs 64"},
	{"trunc-dos", trunc_dos, "file is 63 bytes, needs 64"},
	{"trunc-signature", trunc_sig, "e_lfanew 0x40: NT headers (24 bytes) run past the end of the file (size 0x42)"},
	{"trunc-file-header", trunc_filehdr, "e_lfanew 0x40: NT headers (24 bytes) run past the end of the file (size 0x4e)"},
	{"trunc-opt-magic", trunc_opt_magic, "optional header at offset 0x58 runs past the end of the file (size 0x59)"},
	{"trunc-opt-header", trunc_opt_fixed, "optional header at offset 0x58: 112 bytes run past the end of the file"},
	{"trunc-data-dirs", trunc_dirs, "data directories at offset 0xc8 run past the end of the file (size 0xd0)"},
	{"trunc-section-table", trunc_sectab, "section table at offset 0x148 (4 entries) runs past the end of the file"},
	{"trunc-raw-data", trunc_raw, "section 2 (.data) at offset 0x198: raw data at offset 0x800 size 0x200 is beyond the end of the file (size 0x900)"},
	{"trunc-last-section", trunc_last, "section 3 (.reloc) at offset 0x1c0: raw data at offset 0xa00 size 0x1c is beyond the end of the file (size 0xa10)"},
	{"bad-mz", bad_mz, "DOS header at offset 0x0: e_magic is not MZ"},
	{"bad-pe-signature", bad_pe_sig, "NT signature at offset 0x40 is not PE\\0\\0"},
	{"bad-opt-magic", bad_opt_magic, "optional header at offset 0x58: Magic 0x10c is neither PE32"},
	{"lfanew-huge", lfanew_huge, "e_lfanew 0xfffffffc: NT headers (24 bytes) run past the end"},
	{"nsections-97", nsections_97, "file header at offset 0x44: NumberOfSections 97 is above 96"},
	{"rva-and-sizes-17", rva_and_sizes_17, "optional header at offset 0x58: NumberOfRvaAndSizes 17 is above 16"},
	{"rva-and-sizes-max", rva_and_sizes_max, "NumberOfRvaAndSizes 4294967295 is above 16"},
	{"opt-size-small", opt_size_small, "file header at offset 0x44: SizeOfOptionalHeader 100 is below 112"},
	{"opt-size-no-dirs", opt_size_no_dirs, "SizeOfOptionalHeader 200 cannot hold 16 data directories"},
	{"image-size-4g", image_size_4g, "optional header at offset 0x58: SizeOfImage 0xfffff000 is not in 1..0x80000000"},
	{"image-size-3g", image_size_3g, "SizeOfImage 0xc0000000 is not in 1..0x80000000"},
	{"image-size-0", image_size_0, "SizeOfImage 0x0 is not in 1..0x80000000"},
	{"salign-below-falign", salign_below_falign, "SectionAlignment 0x100 is below FileAlignment 0x200"},
	{"salign-not-pow2", salign_not_pow2, "SectionAlignment 0x1800 and FileAlignment 0x200 must be powers of two"},
	{"falign-zero", falign_zero, "SectionAlignment 0x1000 and FileAlignment 0x0 must be powers of two"},
	{"headers-above-image", headers_above_image, "SizeOfHeaders 0x6000 is above SizeOfImage 0x5000"},
	{"entry-beyond-image", entry_beyond, "AddressOfEntryPoint 0x5000 is beyond SizeOfImage 0x5000"},
	{"imagebase-unaligned", imagebase_unaligned, "ImageBase 0x180001000 is not a 64 KiB multiple"},
	{"imagebase-wraps", imagebase_wraps, "ImageBase 0xffffffffffff0000 is not a 64 KiB multiple that fits SizeOfImage"},
	{"dir-import-beyond", dir_import_beyond, "data directory 1 (import) at RVA 0x4ff0 size 0x20: beyond SizeOfImage 0x5000"},
	{"dir-export-rva-huge", dir_export_rva_huge, "data directory 0 (export) at RVA 0xffffff00 size 0x100: beyond SizeOfImage"},
	{"dir-reloc-size-wraps", dir_reloc_size_wraps, "data directory 5 (basereloc) at RVA 0x4000 size 0xfffff000: beyond SizeOfImage"},
	{"raw-beyond-file", raw_beyond_file, "section 2 (.data) at offset 0x198: raw data at offset 0xb00 size 0x200 is beyond the end of the file (size 0xc00)"},
	{"raw-offset-huge", raw_offset_huge, "raw data at offset 0xfffffff0 size 0x200 is beyond the end of the file"},
	{"raw-size-huge", raw_size_huge, "section 1 (.rdata) at offset 0x170: raw data at offset 0x400 size 0x7ffff000 is beyond the end"},
	{"sections-overlap", sections_overlap, "section 2 (.data) at offset 0x198: RVA 0x2000 overlaps the previous section ending at RVA 0x3000"},
	{"section-over-headers", section_over_headers, "section 0 (.text) at offset 0x148: RVA 0x0 overlaps the headers ending at RVA 0x1000"},
	{"section-beyond-image", section_beyond_image, "section 3 (.reloc) at offset 0x1c0: RVA 0x4000 size 0x2000 is beyond SizeOfImage 0x5000"},
	{"section-vsize-wraps", section_vsize_wraps, "RVA 0x4000 size 0xffffffff is beyond SizeOfImage 0x5000"},
	{"section-unaligned", section_unaligned, "section 1 (.rdata) at offset 0x170: VirtualAddress 0x2100 is not a multiple of SectionAlignment 0x1000"},
	{"long-name-outside", long_name_outside, "section 3 header at offset 0x1c0: name \"/9999\" points outside the COFF string table"},
	{"reloc-block-zero", reloc_block_zero, "relocation block at RVA 0x4000: SizeOfBlock 0 is below 8"},
	{"reloc-block-4", reloc_block_4, "relocation block at RVA 0x4000: SizeOfBlock 4 is below 8"},
	{"reloc-block-odd", reloc_block_odd, "relocation block at RVA 0x4000: SizeOfBlock 13 is odd"},
	{"reloc-block-overflow", reloc_block_overflow, "relocation block at RVA 0x4000: SizeOfBlock 4294967280 runs past the directory end at RVA 0x401c"},
	{"reloc-target-beyond", reloc_target_beyond, "relocation block at RVA 0x4000: entry 0 (type 10) targets RVA 0x52f8, beyond SizeOfImage 0x5000"},
	{"reloc-page-wraps", reloc_page_wraps, "relocation block at RVA 0x4000: entry 0 (type 10) targets RVA 0xfffff300, beyond SizeOfImage"},
	{"reloc-trailing-bytes", reloc_trailing_bytes, "relocation block at RVA 0x401c: 4 bytes left in the directory, a block header needs 8"},
	{"reloc-not-in-file", reloc_not_in_file, "relocation block at RVA 0x1100: not in the file's data"},
	{"reloc-highadj-alone", reloc_highadj_alone, "relocation block at RVA 0x4010: HIGHADJ entry 1 has no second slot"},
	{"import-name-unterminated", import_name_unterminated, "import descriptor 0 at RVA 0x2000: Name RVA 0x23f8 is not a string"},
	{"import-name-beyond", import_name_beyond, "import descriptor 0 at RVA 0x2000: Name RVA 0x9000 is not a string"},
	{"import-descriptor-loop", import_desc_loop, "import descriptor 51 at RVA 0x23fc: not in the file's data"},
	{"import-thunk-loop", import_thunk_loop, "import KERNEL32.dll: lookup entry 96 at RVA 0x2400 is not in the file's data"},
	{"import-hint-name-bss", import_hint_name_bss, "import KERNEL32.dll: entry 0: hint/name at RVA 0x1800 is not a string"},
	{"import-thunk-reserved", import_thunk_reserved, "import KERNEL32.dll: lookup entry 0 at RVA 0x2100: value 0x100002140 has reserved bits set"},
	{"import-fn-name-loop", import_fn_name_loop, "import KERNEL32.dll: entry 0: hint/name at RVA 0x23f0 is not a string"},
	{"import-iat-beyond", import_iat_beyond, "import KERNEL32.dll: IAT slot 1 at RVA 0x5000 is beyond SizeOfImage 0x5000"},
	{"import-dir-not-in-file", import_dir_not_in_file, "import descriptor 0 at RVA 0x3400: not in the file's data"},
	{"export-nfuncs-max", export_nfuncs_max, "export directory at RVA 0x2200: NumberOfFunctions 4294967295 or NumberOfNames 2 is above 65536"},
	{"export-nnames-huge", export_nnames_huge, "NumberOfFunctions 3 or NumberOfNames 1073741824 is above 65536"},
	{"export-base-overflow", export_base_overflow, "export directory at RVA 0x2200: Base 4294967295 + NumberOfFunctions 3 exceeds ordinal 65535"},
	{"export-funcs-beyond", export_funcs_beyond, "export directory: AddressOfFunctions at RVA 0x23fc (3 entries) is not in the file's data"},
	{"export-names-beyond", export_names_beyond, "export directory: AddressOfNames at RVA 0x9000 (2 entries) is not in the file's data"},
	{"export-forwarder-no-dot", export_forwarder_no_dot, "export ordinal 2: forwarder \"KERNEL32_ExitProcess\" at RVA 0x2290 has no dot"},
	{"export-forwarder-unterminated", export_forwarder_unterminated, "export ordinal 2: forwarder at RVA 0x22f0 is not a string"},
	{"export-rva-beyond", export_rva_beyond, "export ordinal 3: RVA 0x9000 is beyond SizeOfImage 0x5000"},
	{"export-ordinal-index", export_ordinal_index, "export \"beta\": ordinal index 9 is beyond NumberOfFunctions 3"},
	{"export-name-beyond", export_name_beyond, "export name 0: RVA 0x9000 is not a string"},
	{"export-dir-not-in-file", export_dir_not_in_file, "export directory at RVA 0x3400: not in the file's data"},
	{"tls-callback-outside", tls_callback_outside, "TLS callback 1 at RVA 0x3128: VA 0x180009000 is not inside the image"},
	{"tls-callbacks-outside", tls_callbacks_outside, "TLS directory at RVA 0x2300: AddressOfCallBacks 0x1234 is not inside the image"},
	{"tls-callbacks-no-end", tls_callbacks_no_end, "TLS callback 28 at RVA 0x3200: not in the file's data"},
	{"tls-index-outside", tls_index_outside, "TLS directory at RVA 0x2300: AddressOfIndex 0x5 is not inside the image"},
	{"tls-data-inverted", tls_data_inverted, "TLS directory at RVA 0x2300: raw data 0x180003100..0x180000000 is not inside the image"},
	{"delay-va-based", delay_va_based, "delay import descriptor 0 at RVA 0x2340: Attributes 0x0: VA-based descriptors are not supported"},
	{"delay-name-beyond", delay_name_beyond, "delay import descriptor 0 at RVA 0x2340: DllName 0x9000 is not a string"},
	{"delay-iat-zero", delay_iat_zero, "delay import descriptor 0 (delayed.dll) at RVA 0x2340: IAT RVA 0x0 or name table RVA 0x2390 is zero"},
	{"delay-thunk-loop", delay_thunk_loop, "import delayed.dll: lookup entry 14 at RVA 0x2400 is not in the file's data"},
};

static int write_file(const char *path, const uint8_t *b, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(b, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t b[PB_SIZE];
	char path[4096];
	FILE *list;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_malformed OUTDIR\n");
		return 2;
	}
	pb_build(b);
	snprintf(path, sizeof path, "%s/valid.dll", argv[1]);
	if (write_file(path, b, PB_SIZE) < 0)
		return 1;
	snprintf(path, sizeof path, "%s/cases", argv[1]);
	list = fopen(path, "w");
	if (!list) {
		perror(path);
		return 1;
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len = PB_SIZE;

		pb_build(b);
		cases[i].fn(b, &len);
		snprintf(path, sizeof path, "%s/%02zu-%s.dll", argv[1], i,
		         cases[i].name);
		if (write_file(path, b, len) < 0)
			return 1;
		fprintf(list, "%s\t%s\n", path, cases[i].want);
	}
	return fclose(list) ? 1 : 0;
}
