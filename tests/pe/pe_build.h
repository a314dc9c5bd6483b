/*
 * pe_build.h — builds a small, valid PE32+ DLL in memory, for the parser's
 * unit tests, the malformed-image generator and the fuzz seeds.
 *
 * The image is fixed and every structure sits at a known place, so a test
 * breaks one field and knows which message to expect:
 *
 *   file   RVA     what
 *   0x000  0x0000  DOS header (e_lfanew 0x40), NT headers, 4 section headers
 *   0x200  0x1000  .text   r-x  entry point at 0x1000
 *   0x400  0x2000  .rdata  r--  imports 0x2000, exports 0x2200, TLS 0x2300,
 *                               delay imports 0x2340
 *   0x800  0x3000  .data   rw-  IATs 0x3000, TLS data 0x3100, callbacks 0x3120
 *   0xa00  0x4000  .reloc  r--  two blocks, 6 DIR64 entries
 *
 * Imports: KERNEL32.dll!ExitProcess (hint 0x10), !GetProcAddress (0x20);
 * msvcrt.dll #7 and !printf (OriginalFirstThunk 0: the ILT is the IAT).
 * Exports of min.dll, base 1: 1 alpha 0x1000, 2 beta -> KERNEL32.ExitProcess,
 * 3 (no name) 0x1010.  TLS callbacks: 0x1000, 0x1010.  Delay: delayed.dll!lazy.
 */
#ifndef DLLSHARE_TESTS_PE_BUILD_H
#define DLLSHARE_TESTS_PE_BUILD_H

#include <stddef.h>
#include <stdint.h>

#define PB_SIZE 0xc00          /* file size */
#define PB_BASE 0x180000000ULL /* ImageBase */
#define PB_IMAGE 0x5000        /* SizeOfImage */

#define PB_NT 0x40        /* e_lfanew */
#define PB_FILEHDR 0x44   /* COFF file header */
#define PB_OPT 0x58       /* optional header */
#define PB_DIRS (PB_OPT + 112) /* data directories */
#define PB_SECTAB 0x148   /* section table */
#define PB_NSECT 4

/* RVAs of the structures. */
#define PB_IMPORTS 0x2000
#define PB_ILT_K32 0x2100
#define PB_EXPORTS 0x2200
#define PB_EXP_FUNCS 0x2240
#define PB_EXP_NAMES 0x2250
#define PB_EXP_ORDS 0x2260
#define PB_FORWARDER 0x2290
#define PB_TLS 0x2300
#define PB_DELAY 0x2340
#define PB_IAT_K32 0x3000
#define PB_IAT_CRT 0x3020
#define PB_CALLBACKS 0x3120
#define PB_RELOC 0x4000
#define PB_RELOC_SIZE 28

/* Writes the image into buf (PB_SIZE bytes). */
void pb_build(uint8_t *buf);
/* File offset of an RVA inside one of the four sections. */
size_t pb_off(uint32_t rva);
/* Section header i's file offset. */
size_t pb_sect(int i);
void pb_w16(uint8_t *buf, size_t off, uint16_t v);
void pb_w32(uint8_t *buf, size_t off, uint32_t v);
void pb_w64(uint8_t *buf, size_t off, uint64_t v);
/* Sets data directory i. */
void pb_dir(uint8_t *buf, int i, uint32_t rva, uint32_t size);

#endif
