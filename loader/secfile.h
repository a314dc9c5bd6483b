/*
 * secfile.h — the section file's on-disk format (<cache>/<name>.sec).
 *
 * A public format header, like record.h: the loader writes section files
 * (section.c) and `cache list` reads them (cmd_cache.c); dllmap tells the
 * loader's own mapping of one from a view by its trailer (tools/
 * dm_kernel.c).  Nothing here is code, only the layout.
 *
 * A section file holds the image laid out as in memory (the headers at 0,
 * each section's raw data at its RVA), SizeOfImage rounded up to 4096
 * bytes, then the trailer at that offset, the file ending at the next
 * 4096-byte boundary after it.  A view maps the image only, never the
 * trailer.  Integers are little-endian host order (x86-64 only); a reader
 * checks magic before trusting anything else.
 */
#ifndef DLLSHARE_LOADER_SECFILE_H
#define DLLSHARE_LOADER_SECFILE_H

#include <limits.h>
#include <stdint.h>

/* What a section file is built from: the image file's identity and the
 * base its bytes are relocated for.  Its name hashes this (section.c). */
struct ld_identity {
	uint64_t dev, ino, size;
	int64_t mtime_ns, ctime_ns;
	uint64_t base; /* the base the section is built for */
};

/* Trailer written after the image in a section file (at the page-rounded
 * SizeOfImage), so `cache list` can say what a file is, an opener can
 * check that the name's hash did not collide, and that the image bytes
 * are the ones built (sum).  Version 1 files (no sum) are rebuilt. */
#define LD_SEC_MAGIC 0x3243455344444c44ULL /* "DLDDSEC2" */
#define LD_SEC_NAMES 3968 /* room for the section names (below) */
struct ld_sec_trailer {
	uint64_t magic;
	struct ld_identity id;
	uint32_t size_of_image;
	uint32_t nshared;    /* shared-writable sections */
	char path[PATH_MAX]; /* the image file it was built from */
	uint64_t image_base; /* the image's preferred base */
	uint64_t sum;	     /* XXH64 of bytes [0, page-rounded SizeOfImage),
				seeded with ld_section_seed(&id) */
	int64_t stamp_ns;    /* CLOCK_REALTIME_COARSE just before the
				builder's last write to the file (this
				field), 0 until then: a file whose ctime is
				within LD_SEC_STAMP_NS after it has not
				been written since (section.c) */
	/* The section table's names, so that a loader that finds the
	 * section opens it without reading the image file: long "/N"
	 * names are resolved from the image's COFF string table, which
	 * the section file does not hold.  Appended to the first
	 * version's fields, in the trailer's second page (zero in files
	 * that came before them: nnames 0). */
	uint32_t nnames;     /* names held, one per section of the image;
				0: none (too long for names[]) */
	uint32_t names_len;  /* bytes of names[] used */
	uint64_t names_sum;  /* XXH64 of names[0, names_len), seeded with
				ld_section_seed(&id) */
	char names[LD_SEC_NAMES]; /* each name NUL-terminated, in the
				     order of the section table */
};
/* The trailer fills two pages at most, as it did before the names: a
 * section file's size is unchanged by them. */
_Static_assert(sizeof(struct ld_sec_trailer) <= 8192, "two pages");
/* How long after stamp_ns the stamping write itself may have set the
 * ctime: a few ticks of the coarse clock (the builder stamps again when
 * it was preempted for longer).  A change within this long after a
 * build is found only by a full check (`dllshare cache verify`). */
#define LD_SEC_STAMP_NS 20000000LL

#endif
