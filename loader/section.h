/*
 * section.h — image sections, the region table and the process record
 * (loader-internal: section.c, cachedir.c, layout.c, reloc.c, region.c,
 * record.c, cmd_cache.c, cmd_map.c, and the view files, which add
 * loader/view.h).  Views stay opaque here: nothing declared in this
 * header needs to know what a view holds.
 */
#ifndef DLLSHARE_LOADER_SECTION_H
#define DLLSHARE_LOADER_SECTION_H

#include <limits.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "loader/ld.h"
#include "loader/record.h"
#include "loader/secfile.h"

#define LD_PAGE 4096u

/* Named caps. */
#define LD_MAX_RANGES (PE_MAX_SECTIONS + 1) /* headers + one per section */
/* A region whose per-page protections have split it into more mappings
 * than this switches to kernel copy-on-write (vm.max_map_count is 65530
 * for the whole process by default; leave room for everything else). */
#define LD_FRAG_REGION_VMAS  4096
#define LD_FRAG_PROCESS_VMAS 16384

int ld_errf(struct ld_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Copies a pe_error into err, prefixed with "path: ". */
int ld_errf_pe(struct ld_error *err, const char *path,
	       const struct pe_error *pe);

/* ---- cache directory (cachedir.c) ---- */

/* Resolves the cache directory ($DLLSHARE_CACHE, $XDG_RUNTIME_DIR/dllshare,
 * /dev/shm/dllshare-<uid>), creating it 0700, and checks it is ours:
 * a real directory (not a symlink), owned by us, not group/world
 * writable.  When the default one (no $DLLSHARE_CACHE) fails that check
 * because somebody else made it, falls back to a private directory next
 * to it, "<default>.XXXXXX", created by us (mkdtemp) and found again by
 * every later process of ours (the one it picks is the first, by name,
 * that passes the same checks), and says so once on stderr.  sub, when not NULL, names a subdirectory ("proc") checked
 * the same way.  Fills out (PATH_MAX) and returns an O_DIRECTORY fd, or a
 * negative errno with err filled. */
int ld_cache_open(const char *sub, char *out, struct ld_error *err);

/* ---- section checksum (sechash.c) ---- */

/* XXH64, streamed: the checksum in a section file's trailer. */
struct ld_hash {
	uint64_t v[4], seed, total;
	uint8_t buf[32];
	size_t nbuf;
};
void ld_hash_init(struct ld_hash *h, uint64_t seed);
void ld_hash_update(struct ld_hash *h, const void *buf, size_t len);
uint64_t ld_hash_final(const struct ld_hash *h);
/* One call: XXH64(seed, buf[0..len)). */
uint64_t ld_hash(uint64_t seed, const void *buf, size_t len);
/* The seed of a section's checksum: its identity (image file and base),
 * so another image's bytes under this name do not match. */
uint64_t ld_section_seed(const struct ld_identity *id);
/* The checksum of bytes [0, len) of the file fd, read with pread (a
 * file truncated meanwhile is -EIO, not SIGBUS).  0 or an error. */
int ld_section_sum(int fd, uint64_t len, uint64_t seed, uint64_t *sum);
/* Whether the section names in a trailer are the ones its builder summed
 * (or it holds none). */
int ld_section_names_intact(const struct ld_sec_trailer *t);

/* ---- identity and layout (section.c, layout.c, reloc.c) ---- */

/* The section file's name for an image: "<basename>.<hash>.sec". */
int ld_section_name(const struct ld_identity *id, const char *path, char *out,
		    size_t len);

/* One mapping range of an image (the plan ld_view_map carries out). */
struct ld_range {
	uint32_t rva;
	uint32_t size; /* page-rounded */
	int mapping;   /* enum pe_mapping */
	int prot;      /* final PROT_* */
	int index;     /* section index, -1 for the headers */
};
/* Fills out[0..n) with the ranges of img in RVA order: the headers, then
 * each section (page-rounded, clipped to the next one).  Returns n or a
 * negative error. */
int ld_layout_ranges(const struct pe_image *img, struct ld_range *out,
		     size_t max, struct ld_error *err);
/* Writes the in-memory layout of img into dst (len bytes, already zero):
 * the headers at 0, each section's raw data at its RVA.  Returns 0 or a
 * negative error. */
int ld_layout(const struct pe_image *img, uint8_t *dst, size_t len,
	      struct ld_error *err);
/* The bytes of RVAs [lo, hi) of that layout, into dst (hi - lo bytes;
 * beyond SizeOfImage, zeros): a section build lays the image out a
 * window at a time in one buffer, relocates, hashes and writes it, so
 * the new file's pages are never touched through a mapping.  Returns 0
 * or a negative error. */
int ld_layout_window(const struct pe_image *img, uint8_t *dst, uint64_t lo,
		     uint64_t hi, struct ld_error *err);
/* Applies img's base relocations to mem (an image laid out by ld_layout)
 * for base new_base.  touch, when not NULL, is called once per page
 * before the first write to it (page RVA); a non-zero return aborts.
 * Returns the number of entries applied or a negative error. */
long ld_reloc_apply(const struct pe_image *img, uint8_t *mem, size_t len,
		    uint64_t new_base,
		    int (*touch)(void *ctx, uint32_t page_rva), void *ctx,
		    struct ld_error *err);

/* An image's base relocations for one new base, checked as
 * ld_reloc_apply checks them and sorted by RVA (entries at one RVA in
 * the image's order), to apply a window at a time. */
struct ld_relocs {
	struct pe_reloc *r;
	size_t n;
	uint64_t delta;
};
/* Fills out (ld_relocs_free frees it); none when new_base is ImageBase.
 * Returns the number of entries or a negative error. */
long ld_relocs_collect(const struct pe_image *img, size_t len,
		       uint64_t new_base, struct ld_relocs *out,
		       struct ld_error *err);
/* Applies the entries whose RVA is in [lo, hi) to mem (mem + rva is the
 * byte at rva; valid up to hi + 8, an entry's widest reach). */
void ld_relocs_apply_range(const struct ld_relocs *rl, uint8_t *mem,
			   uint64_t lo, uint64_t hi);
void ld_relocs_free(struct ld_relocs *rl);

struct ld_section {
	char *path;
	/* The section file, mapped read-only for the section's lifetime;
	 * pe is parsed from it (pe_parse_mapped), never from the image
	 * file, which may be rewritten in place while we run (Linux lets
	 * one write a file that is mapped; Windows does not). */
	uint8_t *image;
	size_t image_len;
	struct pe_image pe; /* image_base: the base the section's
			       bytes are relocated for (id.base) */
	uint64_t file_base; /* the file's ImageBase */
	struct ld_identity id;
	int fd;			     /* the section file, read lock held */
	int created;		     /* this process built it */
	int unshared;		     /* the cache could not hold it: laid
					out in an anonymous memory file of
					this process (LD_REC_MOD_UNSHARED) */
	char name[NAME_MAX + 1];     /* file name in the cache */
	char *file_path;	     /* full path of the section file (heap;
					name_section sets it) */
	char shr_name[NAME_MAX + 1]; /* section name for the preferred base:
				       shared-data objects are named after it
				       whatever base this one is built for */
	uint64_t pref_base;	     /* the base a view tries first */
	struct ld_shared_obj *shr;   /* per PE section: shared-data object */
};

/* A shared-data object as this process holds it (ld_shared_open). */
struct ld_shared_obj {
	int fd;	     /* what a view maps: the object in the cache, or a
			memfd of this process when it is private */
	int mark;    /* private: the object's file, lock byte 2 held (tells
			later loaders that a process has it privately) */
	int unshared; /* 0, or why it is private: LD_REC_SEC_SHR_FULL or
			 LD_REC_SEC_SHR_PEER */
};

/* The base every process uses for this image when its preferred base is
 * taken: derived from the file's identity alone (device, inode, size,
 * times), 64 KiB aligned, in [LD_ALT_LO, LD_ALT_HI) — an area that
 * neither Linux's mmap (top-down from below the stack, ASLR'd within
 * 0x7exx..0x7fff) nor PE image bases nor PIE programs (0x55..0x56..) use.
 * Each process that finds the preferred base taken maps the section
 * built for this base, so its relocated pages are shared. */
#define LD_ALT_LO 0x600000000000ULL
#define LD_ALT_HI 0x700000000000ULL
uint64_t ld_section_alt_base(const struct ld_section *sec);
/* Makes sec the section built for base (find, or build and publish, as
 * ld_section_open does), dropping the one it held.  On failure sec is
 * unchanged. */
int ld_section_rebase(struct ld_section *sec, uint64_t base,
		      struct ld_error *err);
/* Nonzero when a base relocation writes into a shared-writable section:
 * such an image is never rebased (one shared-data object serves every
 * base, so its bytes must not depend on the base). */
int ld_section_relocs_shared(const struct ld_section *sec);

/* Tests only: called once a section file is opened and locked, before
 * the loader checks it still has its name (file_path); a test removes
 * it there, as `cache gc` may at that moment. */
extern void (*ld_section_opened_hook)(const char *file_path);

/* Sets the function called with a section before it leaves its base
 * (ld_section_rebase) and when it is closed: kept.c sets it, to unmap
 * what it keeps at that base for the section.  section.c calls it
 * without knowing who listens, so it depends on no view file. */
void ld_section_on_leave(void (*fn)(struct ld_section *sec));

/* Opens (and initializes if nobody has it) the shared-data object of PE
 * section idx; the returned fd holds a shared lock for the process's
 * lifetime.  When the cache has no room for it, or another process
 * already has it privately, it is laid out in this process's own memory
 * instead (one note on stderr; sec->shr[idx].unshared says why, the
 * record's section flag too). */
int ld_shared_open(struct ld_section *sec, int idx, struct ld_error *err);
/* 0 when PE section idx's shared-data object is shared (or not open),
 * else why it is private: LD_REC_SEC_SHR_FULL or LD_REC_SEC_SHR_PEER. */
int ld_shared_unshared(const struct ld_section *sec, int idx);

/* ---- the region table (region.c) ---- */

enum ld_region_kind {
	LD_REGION_SHARED_RO = 0, /* = PE_MAP_SHARED_RO */
	LD_REGION_COW = 1,
	LD_REGION_SHARED_RW = 2,
	LD_REGION_WHOLE_COW = 3,
	LD_REGION_GAP = 4, /* reserved, inaccessible, between ranges */
};

/* One mapped range of a view.  Immutable once published, except the
 * counters and the fragmented flag (atomics). */
struct ld_region {
	uintptr_t start, end;
	int kind;
	int wprot; /* protection of a privatized page */
	uintptr_t mod_base;
	const char *mod_name; /* in the record (stable) */
	const char *sec_name;
	uint32_t rva;	  /* RVA of start */
	uint16_t module;  /* record module index */
	uint32_t section; /* record section index */
	uint8_t *states;  /* page-state bytes in the record */
	struct ld_rec_section *rsec;
	struct ld_view *view;
	_Atomic long vmas; /* mappings this region is split into */
	_Atomic int fragmented;
	/* Per page, LD_PF_* bits.  Allocated with the region. */
	_Atomic uint8_t pflags[];
};
/* Private through a forced write (ld_view_write) but still read-only in
 * the mapping; cleared when ld_region_privatize makes it writable. */
#define LD_PF_RO_PRIVATE 1
/* Made read-only by the program (VirtualProtect, ld_view_lock): a write
 * is an access violation, not a first write to privatize. */
#define LD_PF_LOCKED 2

/* The LD_PF_* bits of the page of region r holding addr. */
static inline _Atomic uint8_t *ld_page_flags(struct ld_region *r,
					     uintptr_t addr)
{
	return &r->pflags[(addr - r->start) / LD_PAGE];
}

/* Publishes regs[0..n), each from malloc: from then on the table owns
 * them.  On failure (-ENOMEM) they stay the caller's. */
int ld_region_add(struct ld_region **regs, size_t n);
/* Unpublishes every region within [start, end) and frees them (and the
 * replaced table) once no lookup can still hold them: do not use them
 * after this call. */
void ld_region_remove(uintptr_t start, uintptr_t end);
/* Lock-free lookup; async-signal-safe.  The region stays valid only as
 * long as nobody removes it (its view is alive). */
struct ld_region *ld_region_find(uintptr_t addr);
/* The view of the region holding addr, or NULL, read inside the lookup:
 * no region is touched after a concurrent unmap may have freed it. */
struct ld_view *ld_region_view(uintptr_t addr);
/* Makes the page at addr of COW region r writable and records why
 * (async-signal-safe; pc is the faulting instruction or 0).  Returns 1
 * when this call privatized it, 0 when it already was, <0 on error. */
int ld_region_privatize(struct ld_region *r, uintptr_t addr, int reason,
			uintptr_t pc);

/* Gives a privatized page back (maps the section file's page at off
 * again, read-only); tests use it to fault on a fresh page repeatedly. */
int ld_region_reshare(struct ld_region *r, uintptr_t addr, int fd, off_t off);

/* Raw system calls (no errno, usable in the fault handler). */
static inline long ld_sys(long n, long a, long b, long c)
{
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return ret;
}

/* Nonzero when the preferred base was taken and the view maps the
 * section relocated once for the image's alternative base. */
int ld_view_rebased(const struct ld_view *v);

/* ---- the process record (record.c) ---- */

/* Creates this process's record if it does not exist yet. */
int ld_record_open(struct ld_error *err);
struct ld_rec_header *ld_record(void);
/* Adds a module with nsec sections (headers included); returns its
 * index or a negative error.  The section entries are filled with
 * ld_record_section. */
int ld_record_module(const char *name, const struct ld_section *sec,
		     uint64_t base, uint32_t flags, uint32_t nsec,
		     struct ld_error *err);
struct ld_rec_module *ld_record_module_at(uint32_t i);
/* Fills section i of module m; returns its global index. */
int ld_record_section(int m, uint32_t i, const char *name, uint32_t rva,
		      uint32_t size, uint32_t chars, int mapping,
		      uint32_t flags, struct ld_error *err);
struct ld_rec_section *ld_record_section_at(uint32_t i);
uint8_t *ld_record_states(const struct ld_rec_section *s);
/* Appends an event (async-signal-safe). */
void ld_record_event(uint16_t module, uint32_t section, uint32_t rva,
		     uint16_t insn_module, uint64_t insn_off, int reason);
/* The same, for npages pages from rva up (stack events). */
void ld_record_event_n(uint16_t module, uint32_t section, uint32_t rva,
		       uint16_t insn_module, uint64_t insn_off, int reason,
		       uint32_t npages);
/* Gives bytes [0, end) of the record's table at off their blocks, *have
 * of them having them already (async-signal-safe; a full tmpfs would
 * otherwise SIGBUS the first store).  0, or <0 (cache full, no record). */
long ld_record_reserve(_Atomic uint64_t *have, uint64_t off, uint64_t end);
/* The calling thread's id, asked once (async-signal-safe). */
uint32_t ld_record_tid(void);
/* Lay out the stack table, and the stacks' page bytes, at offset off of
 * a new record's header (recstack.c); each returns the offset after it. */
uint64_t ld_record_stack_table_at(struct ld_rec_header *h, uint64_t off);
uint64_t ld_record_stack_pages_at(struct ld_rec_header *h, uint64_t off);
/* Writes len bytes of src at offset off of the record: into the file's
 * pages with pwrite when the record is this process's shared file, so
 * the mapping's page is not touched (its first touch is a page fault,
 * and the first in a 2 MiB region a page table); with stores where the
 * record is this process's memory (laid out privately when the cache had
 * no room, or a fork child's copy).  For ordinary code writing bytes
 * nobody else writes meanwhile, in a table that is never anonymous
 * memory (the stack tables: without room they go unrecorded). */
void ld_record_put(uint64_t off, const void *src, size_t len);
/* recstack.c: gives the first 64 KiB of the stack tables their blocks
 * when the record is made, as record.c does for its own tables (so what
 * a program's first threads need does not depend on what else fills the
 * cache meanwhile); 0 or -errno. */
long ld_record_stacks_reserve_first(const struct ld_rec_header *h);
/* The module of instruction pc and its offset there: 1, or 0 when pc is
 * in no image (async-signal-safe, region.c). */
int ld_region_insn(uintptr_t pc, uint16_t *module, uint64_t *off);
/* Name of the program the record describes (first EXE mapped, else the
 * first image). */
void ld_record_program(const char *path, int is_exe);

#endif
