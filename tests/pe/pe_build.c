/*
 * pe_build.c — the small valid PE32+ DLL described in pe_build.h.
 */
#include <string.h>

#include "tests/pe/pe_build.h"

void pb_w16(uint8_t *b, size_t off, uint16_t v)
{
	b[off] = (uint8_t)v;
	b[off + 1] = (uint8_t)(v >> 8);
}

void pb_w32(uint8_t *b, size_t off, uint32_t v)
{
	pb_w16(b, off, (uint16_t)v);
	pb_w16(b, off + 2, (uint16_t)(v >> 16));
}

void pb_w64(uint8_t *b, size_t off, uint64_t v)
{
	pb_w32(b, off, (uint32_t)v);
	pb_w32(b, off + 4, (uint32_t)(v >> 32));
}

size_t pb_sect(int i)
{
	return PB_SECTAB + 40 * (size_t)i;
}

/* Section i covers RVA 0x1000*(i+1), file 0x200 + table below. */
static const struct {
	const char *name;
	uint32_t rva, vsize, raw, rawsize, flags;
} sects[PB_NSECT] = {
	{".text", 0x1000, 0x20, 0x200, 0x200, 0x60000020},
	{".rdata", 0x2000, 0x400, 0x400, 0x400, 0x40000040},
	{".data", 0x3000, 0x200, 0x800, 0x200, 0xc0000040},
	{".reloc", 0x4000, PB_RELOC_SIZE, 0xa00, 0x200, 0x42000040},
};

size_t pb_off(uint32_t rva)
{
	for (int i = 0; i < PB_NSECT; i++)
		if (rva >= sects[i].rva && rva < sects[i].rva + 0x1000)
			return sects[i].raw + (rva - sects[i].rva);
	return 0;
}

void pb_dir(uint8_t *b, int i, uint32_t rva, uint32_t size)
{
	pb_w32(b, PB_DIRS + 8 * (size_t)i, rva);
	pb_w32(b, PB_DIRS + 8 * (size_t)i + 4, size);
}

static void put_str(uint8_t *b, uint32_t rva, const char *s)
{
	memcpy(b + pb_off(rva), s, strlen(s) + 1);
}

static void headers(uint8_t *b)
{
	b[0] = 'M', b[1] = 'Z';
	pb_w32(b, 0x3c, PB_NT);
	memcpy(b + PB_NT, "PE\0\0", 4);
	pb_w16(b, PB_FILEHDR, 0x8664);
	pb_w16(b, PB_FILEHDR + 2, PB_NSECT);
	pb_w16(b, PB_FILEHDR + 16, 112 + 16 * 8);
	pb_w16(b, PB_FILEHDR + 18, 0x2022); /* DLL, large address, exec */
	pb_w16(b, PB_OPT, 0x20b);
	pb_w32(b, PB_OPT + 16, 0x1000);     /* AddressOfEntryPoint */
	pb_w64(b, PB_OPT + 24, PB_BASE);
	pb_w32(b, PB_OPT + 32, 0x1000);     /* SectionAlignment */
	pb_w32(b, PB_OPT + 36, 0x200);      /* FileAlignment */
	pb_w32(b, PB_OPT + 56, PB_IMAGE);
	pb_w32(b, PB_OPT + 60, 0x200);      /* SizeOfHeaders */
	pb_w16(b, PB_OPT + 68, 3);          /* console */
	pb_w16(b, PB_OPT + 70, 0x160);
	pb_w64(b, PB_OPT + 72, 0x200000);
	pb_w64(b, PB_OPT + 80, 0x1000);
	pb_w32(b, PB_OPT + 108, 16);
	pb_dir(b, 0, PB_EXPORTS, 0x100);
	pb_dir(b, 1, PB_IMPORTS, 60);
	pb_dir(b, 5, PB_RELOC, PB_RELOC_SIZE);
	pb_dir(b, 9, PB_TLS, 40);
	pb_dir(b, 12, PB_IAT_K32, 0x40);
	pb_dir(b, 13, PB_DELAY, 64);
	for (int i = 0; i < PB_NSECT; i++) {
		size_t o = pb_sect(i);

		memcpy(b + o, sects[i].name, strlen(sects[i].name));
		pb_w32(b, o + 8, sects[i].vsize);
		pb_w32(b, o + 12, sects[i].rva);
		pb_w32(b, o + 16, sects[i].rawsize);
		pb_w32(b, o + 20, sects[i].raw);
		pb_w32(b, o + 36, sects[i].flags);
	}
}

static void imports(uint8_t *b)
{
	size_t d = pb_off(PB_IMPORTS);

	pb_w32(b, d + 0, PB_ILT_K32);
	pb_w32(b, d + 12, 0x2080);
	pb_w32(b, d + 16, PB_IAT_K32);
	pb_w32(b, d + 20 + 12, 0x2090); /* msvcrt: no OriginalFirstThunk */
	pb_w32(b, d + 20 + 16, PB_IAT_CRT);
	put_str(b, 0x2080, "KERNEL32.dll");
	put_str(b, 0x2090, "msvcrt.dll");
	for (int t = 0; t < 2; t++) {
		uint32_t at = t ? PB_IAT_K32 : PB_ILT_K32;

		pb_w64(b, pb_off(at), 0x2140);
		pb_w64(b, pb_off(at + 8), 0x2150);
	}
	pb_w16(b, pb_off(0x2140), 0x10);
	put_str(b, 0x2142, "ExitProcess");
	pb_w16(b, pb_off(0x2150), 0x20);
	put_str(b, 0x2152, "GetProcAddress");
	pb_w64(b, pb_off(PB_IAT_CRT), 1ULL << 63 | 7);
	pb_w64(b, pb_off(PB_IAT_CRT + 8), 0x2160);
	put_str(b, 0x2162, "printf");
}

static void exports(uint8_t *b)
{
	size_t d = pb_off(PB_EXPORTS);

	pb_w32(b, d + 12, 0x2280);
	pb_w32(b, d + 16, 1);
	pb_w32(b, d + 20, 3);
	pb_w32(b, d + 24, 2);
	pb_w32(b, d + 28, PB_EXP_FUNCS);
	pb_w32(b, d + 32, PB_EXP_NAMES);
	pb_w32(b, d + 36, PB_EXP_ORDS);
	pb_w32(b, pb_off(PB_EXP_FUNCS), 0x1000);
	pb_w32(b, pb_off(PB_EXP_FUNCS + 4), PB_FORWARDER);
	pb_w32(b, pb_off(PB_EXP_FUNCS + 8), 0x1010);
	pb_w32(b, pb_off(PB_EXP_NAMES), 0x22b0);
	pb_w32(b, pb_off(PB_EXP_NAMES + 4), 0x22b8);
	pb_w16(b, pb_off(PB_EXP_ORDS), 0);
	pb_w16(b, pb_off(PB_EXP_ORDS + 2), 1);
	put_str(b, 0x2280, "min.dll");
	put_str(b, PB_FORWARDER, "KERNEL32.ExitProcess");
	put_str(b, 0x22b0, "alpha");
	put_str(b, 0x22b8, "beta");
}

static void tls_delay_relocs(uint8_t *b)
{
	size_t t = pb_off(PB_TLS), d = pb_off(PB_DELAY), r = pb_off(PB_RELOC);

	pb_w64(b, t, PB_BASE + 0x3100);
	pb_w64(b, t + 8, PB_BASE + 0x3108);
	pb_w64(b, t + 16, PB_BASE + 0x3110);
	pb_w64(b, t + 24, PB_BASE + PB_CALLBACKS);
	pb_w64(b, pb_off(PB_CALLBACKS), PB_BASE + 0x1000);
	pb_w64(b, pb_off(PB_CALLBACKS + 8), PB_BASE + 0x1010);

	pb_w32(b, d, 1); /* RVA-based */
	pb_w32(b, d + 4, 0x2380);
	pb_w32(b, d + 8, 0x3140);
	pb_w32(b, d + 12, 0x3150);
	pb_w32(b, d + 16, 0x2390);
	put_str(b, 0x2380, "delayed.dll");
	pb_w64(b, pb_off(0x2390), 0x23a0);
	put_str(b, 0x23a2, "lazy");

	/* Block 1: the four TLS directory VAs; block 2: the callbacks. */
	pb_w32(b, r, 0x2000);
	pb_w32(b, r + 4, 16);
	for (int i = 0; i < 4; i++)
		pb_w16(b, r + 8 + 2 * i, 0xa000 | (0x300 + 8 * i));
	pb_w32(b, r + 16, 0x3000);
	pb_w32(b, r + 20, 12);
	pb_w16(b, r + 24, 0xa000 | 0x120);
	pb_w16(b, r + 26, 0xa000 | 0x128);
}

void pb_build(uint8_t *b)
{
	memset(b, 0, PB_SIZE);
	headers(b);
	b[pb_off(0x1000)] = 0xc3; /* ret */
	b[pb_off(0x1010)] = 0xc3;
	imports(b);
	exports(b);
	tls_delay_relocs(b);
}
