/*
 * headers.c — DOS header, NT headers, optional header, data directories
 * (PE spec 3.1–3.4), and what makes an image runnable here.
 */
#include <stdlib.h>

#include "pe/internal.h"

#define DOS_HDR_SIZE 64
#define FILE_HDR_SIZE 20
#define OPT32_FIXED 96  /* PE32 optional header up to the data directories */
#define OPT64_FIXED 112 /* PE32+ likewise */
#define PE_SUBSYSTEM_NATIVE 1

static const char *dir_names[PE_MAX_DATA_DIRS] = {
	"export", "import", "resource", "exception", "security", "basereloc",
	"debug", "architecture", "globalptr", "tls", "load config",
	"bound import", "IAT", "delay import", "CLR", "reserved",
};

static int is_pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* NT signature and file header: e_lfanew, "PE\0\0", Machine ... */
static int parse_file_header(struct pe_image *img, struct pe_error *err)
{
	const uint8_t *p = pe_span(img->buf, img->len, 0, DOS_HDR_SIZE);

	if (!p)
		return pe_fail(err, PE_ETRUNC,
		               "DOS header at offset 0x0: file is %zu bytes, "
		               "needs %d",
		               img->len, DOS_HDR_SIZE);
	if (p[0] != 'M' || p[1] != 'Z')
		return pe_fail(err, PE_EMAGIC,
		               "DOS header at offset 0x0: e_magic is not MZ");
	img->nt_off = pe_le32(p + 0x3c);
	p = pe_span(img->buf, img->len, img->nt_off, 4 + FILE_HDR_SIZE);
	if (!p)
		return pe_fail(err, PE_ETRUNC,
		               "e_lfanew 0x%x: NT headers (24 bytes) run past "
		               "the end of the file (size 0x%zx)",
		               img->nt_off, img->len);
	if (memcmp(p, "PE\0\0", 4))
		return pe_fail(err, PE_EMAGIC,
		               "NT signature at offset 0x%x is not PE\\0\\0",
		               img->nt_off);
	p += 4;
	img->machine = pe_le16(p);
	img->nsections = pe_le16(p + 2);
	img->timestamp = pe_le32(p + 4);
	img->symtab_off = pe_le32(p + 8);
	img->nsyms = pe_le32(p + 12);
	img->file_flags = pe_le16(p + 18);
	img->is_dll = !!(img->file_flags & PE_FILE_DLL);
	if (img->nsections > PE_MAX_SECTIONS)
		return pe_fail(err, PE_EFIELD,
		               "file header at offset 0x%x: NumberOfSections %u "
		               "is above %d",
		               img->nt_off + 4, img->nsections,
		               PE_MAX_SECTIONS);
	return 0;
}

/* The fields of the optional header that differ between PE32 and PE32+. */
static int parse_opt_width(struct pe_image *img, const uint8_t *p,
                           uint32_t optsz, uint32_t opt_off,
                           struct pe_error *err)
{
	uint32_t fixed;

	img->opt_magic = pe_le16(p);
	if (img->opt_magic == 0x20b) {
		img->pe32plus = 1;
		fixed = OPT64_FIXED;
	} else if (img->opt_magic == 0x10b) {
		fixed = OPT32_FIXED;
	} else {
		return pe_fail(err, PE_EMAGIC,
		               "optional header at offset 0x%x: Magic 0x%x is "
		               "neither PE32 (0x10b) nor PE32+ (0x20b)",
		               opt_off, img->opt_magic);
	}
	if (optsz < fixed)
		return pe_fail(err, PE_EFIELD,
		               "file header at offset 0x%x: "
		               "SizeOfOptionalHeader %u is below %u",
		               img->nt_off + 4, optsz, fixed);
	if (!pe_span(img->buf, img->len, opt_off, fixed))
		return pe_fail(err, PE_ETRUNC,
		               "optional header at offset 0x%x: %u bytes run "
		               "past the end of the file (size 0x%zx)",
		               opt_off, fixed, img->len);
	if (img->pe32plus) {
		img->image_base = pe_le64(p + 24);
		img->stack_reserve = pe_le64(p + 72);
		img->stack_commit = pe_le64(p + 80);
		img->ndirs = pe_le32(p + 108);
	} else {
		img->image_base = pe_le32(p + 28);
		img->stack_reserve = pe_le32(p + 72);
		img->stack_commit = pe_le32(p + 76);
		img->ndirs = pe_le32(p + 92);
	}
	if (img->ndirs > PE_MAX_DATA_DIRS)
		return pe_fail(err, PE_EFIELD,
		               "optional header at offset 0x%x: "
		               "NumberOfRvaAndSizes %u is above %d",
		               opt_off, img->ndirs, PE_MAX_DATA_DIRS);
	if (optsz < fixed + 8 * img->ndirs)
		return pe_fail(err, PE_EFIELD,
		               "file header at offset 0x%x: SizeOfOptionalHeader "
		               "%u cannot hold %u data directories",
		               img->nt_off + 4, optsz, img->ndirs);
	p = pe_span(img->buf, img->len, opt_off + fixed, 8 * img->ndirs);
	if (!p)
		return pe_fail(err, PE_ETRUNC,
		               "data directories at offset 0x%x run past the end "
		               "of the file (size 0x%zx)",
		               opt_off + fixed, img->len);
	for (uint32_t i = 0; i < img->ndirs; i++) {
		img->dirs[i].rva = pe_le32(p + 8 * i);
		img->dirs[i].size = pe_le32(p + 8 * i + 4);
	}
	return 0;
}

/* Optional header fields common to both widths (PE spec 3.4.1, 3.4.2). */
static int check_layout(struct pe_image *img, uint32_t opt_off,
                        struct pe_error *err)
{
	if (!is_pow2(img->section_align) || !is_pow2(img->file_align))
		return pe_fail(err, PE_EFIELD,
		               "optional header at offset 0x%x: SectionAlignment "
		               "0x%x and FileAlignment 0x%x must be powers of two",
		               opt_off, img->section_align, img->file_align);
	if (img->section_align < img->file_align)
		return pe_fail(err, PE_EFIELD,
		               "optional header at offset 0x%x: SectionAlignment "
		               "0x%x is below FileAlignment 0x%x",
		               opt_off, img->section_align, img->file_align);
	if (img->size_of_image == 0 || img->size_of_image > PE_MAX_IMAGE_SIZE)
		return pe_fail(err, PE_EFIELD,
		               "optional header at offset 0x%x: SizeOfImage 0x%x "
		               "is not in 1..0x%llx",
		               opt_off, img->size_of_image,
		               (unsigned long long)PE_MAX_IMAGE_SIZE);
	if (img->size_of_headers > img->size_of_image)
		return pe_fail(err, PE_EFIELD,
		               "optional header at offset 0x%x: SizeOfHeaders "
		               "0x%x is above SizeOfImage 0x%x",
		               opt_off, img->size_of_headers, img->size_of_image);
	if (img->entry_rva >= img->size_of_image)
		return pe_fail(err, PE_ERANGE,
		               "optional header at offset 0x%x: "
		               "AddressOfEntryPoint 0x%x is beyond SizeOfImage "
		               "0x%x",
		               opt_off, img->entry_rva, img->size_of_image);
	if (img->image_base + img->size_of_image < img->image_base ||
	    (img->image_base & 0xffff))
		return pe_fail(err, PE_EFIELD,
		               "optional header at offset 0x%x: ImageBase "
		               "0x%llx is not a 64 KiB multiple that fits "
		               "SizeOfImage",
		               opt_off, (unsigned long long)img->image_base);
	return 0;
}

/* Every present directory except the certificate table (whose "RVA" is a
 * file offset, and which is never mapped) must lie inside the image. */
static int check_dirs(struct pe_image *img, struct pe_error *err)
{
	for (uint32_t i = 0; i < img->ndirs; i++) {
		const struct pe_datadir *d = &img->dirs[i];

		if (i == PE_DIR_SECURITY || (d->rva == 0 && d->size == 0))
			continue;
		if ((uint64_t)d->rva + d->size > img->size_of_image)
			return pe_fail(err, PE_ERANGE,
			               "data directory %u (%s) at RVA 0x%x size "
			               "0x%x: beyond SizeOfImage 0x%x",
			               i, dir_names[i], d->rva, d->size,
			               img->size_of_image);
	}
	return 0;
}

static void judge_runnable(struct pe_image *img)
{
	img->is_managed = img->ndirs > PE_DIR_CLR &&
	                  img->dirs[PE_DIR_CLR].rva != 0;
	if (img->machine == PE_MACHINE_I386)
		img->not_runnable = "machine i386 (0x14c): only x86-64 images run";
	else if (img->machine == PE_MACHINE_ARM64)
		img->not_runnable =
			"machine ARM64 (0xaa64): only x86-64 images run";
	else if (img->machine != PE_MACHINE_AMD64)
		img->not_runnable = "machine is not x86-64 (0x8664): only "
		                    "x86-64 images run";
	else if (!img->pe32plus)
		img->not_runnable = "PE32 optional header: x86-64 images are "
		                    "PE32+";
	else if (img->is_managed)
		img->not_runnable = "managed (.NET) image: it has a CLR header "
		                    "(data directory 14) and needs the CLR";
	else if (img->subsystem == PE_SUBSYSTEM_NATIVE)
		img->not_runnable = "native subsystem (a driver or ntdll-level "
		                    "image): it needs the Windows kernel";
	else
		img->not_runnable = NULL;
}

/* pe_parse and pe_parse_mapped: mapped says buf is in memory layout. */
static int parse(const uint8_t *buf, size_t len, int mapped,
                 struct pe_image *img, struct pe_error *err)
{
	const uint8_t *p;
	uint32_t opt_off, optsz;
	int rc;

	memset(img, 0, sizeof *img);
	img->buf = buf;
	img->len = len;
	img->mapped = mapped;
	if ((rc = parse_file_header(img, err)) < 0)
		goto fail;
	opt_off = img->nt_off + 4 + FILE_HDR_SIZE;
	optsz = pe_le16(buf + img->nt_off + 4 + 16);
	p = pe_span(buf, len, opt_off, 2);
	if (!p) {
		rc = pe_fail(err, PE_ETRUNC,
		             "optional header at offset 0x%x runs past the end "
		             "of the file (size 0x%zx)",
		             opt_off, len);
		goto fail;
	}
	if ((rc = parse_opt_width(img, p, optsz, opt_off, err)) < 0)
		goto fail;
	img->entry_rva = pe_le32(p + 16);
	img->section_align = pe_le32(p + 32);
	img->file_align = pe_le32(p + 36);
	img->size_of_image = pe_le32(p + 56);
	img->size_of_headers = pe_le32(p + 60);
	img->subsystem = pe_le16(p + 68);
	img->dll_flags = pe_le16(p + 70);
	if ((rc = check_layout(img, opt_off, err)) < 0 ||
	    (rc = check_dirs(img, err)) < 0)
		goto fail;
	/* A laid-out image ends at SizeOfImage: what follows in the
	 * buffer (a section file's trailer) is not the image's. */
	if (mapped && img->len > img->size_of_image)
		img->len = img->size_of_image;
	if ((rc = pe_parse_sections(img, opt_off + optsz, err)) < 0)
		goto fail;
	judge_runnable(img);
	return 0;
fail:
	memset(img, 0, sizeof *img);
	return rc;
}

int pe_parse(const uint8_t *buf, size_t len, struct pe_image *img,
             struct pe_error *err)
{
	return parse(buf, len, 0, img, err);
}

int pe_parse_mapped(const uint8_t *buf, size_t len, struct pe_image *img,
                    struct pe_error *err)
{
	return parse(buf, len, 1, img, err);
}

void pe_image_free(struct pe_image *img)
{
	free(img->sections);
	img->sections = NULL;
	img->nsections = 0;
}

const char *pe_machine_name(uint16_t machine)
{
	switch (machine) {
	case PE_MACHINE_AMD64: return "x86-64";
	case PE_MACHINE_I386: return "i386";
	case PE_MACHINE_ARM64: return "ARM64";
	case PE_MACHINE_ARMNT: return "ARM Thumb-2";
	case 0: return "unknown";
	default: return "other";
	}
}

const char *pe_dir_name(unsigned i)
{
	return i < PE_MAX_DATA_DIRS ? dir_names[i] : "?";
}
