/*
 * record.h — the process record's file format (<cache>/proc/<pid>).
 *
 * Each dllshare process keeps one small memory-mapped file that says which
 * images it has mapped, where, how each section is mapped, the state of
 * every page of every section, and the privatization events.  dllshare
 * writes it with plain stores (the fault handler writes it too, so nothing
 * here may need a lock or an allocation); dllmap only reads it and checks
 * what it says against the kernel (/proc/PID/pagemap).
 *
 * The layout is plain fixed-size structs at offsets named in the header.
 * The file is created at its full size (LD_REC_FILE_SIZE, sparse: pages
 * nobody writes cost nothing) and never grows, so a reader can map it
 * once.  A reader must:
 *   - check magic and version (and refuse other versions),
 *   - read nmodules / nsections / events_total with acquire ordering (the
 *     writer fills an entry, then publishes the count with a release
 *     store), and bound every count and offset by the header's max_* and
 *     file_size (the file is as untrusted as any other input),
 *   - treat the record as stale unless /proc/<pid>/stat's starttime (field
 *     22) equals proc_starttime: a dead process's record may linger until
 *     `dllshare cache gc`, and pids are reused.
 *
 * All integers are little-endian host order (x86-64 only).
 */
#ifndef DLLSHARE_LOADER_RECORD_H
#define DLLSHARE_LOADER_RECORD_H

#include <stdint.h>

#define LD_REC_MAGIC 0x0031434552444c44ULL /* "DLDREC1\0" */
#define LD_REC_VERSION 1

/* Caps, each with its reason.  The file is sparse, so generous caps cost
 * only address space. */
#define LD_REC_MAX_MODULES 512     /* more DLLs than any program loads */
#define LD_REC_MAX_SECTIONS 8192   /* 512 modules x 16 sections */
#define LD_REC_MAX_EVENTS 16384    /* ring: the last 16 Ki privatizations
                                      (and the page states' first page
                                      within the 2 MiB of the header:
                                      record.c, init_header) */
#define LD_REC_MAX_PAGES (1u << 24) /* 64 GiB of image pages, 1 byte each */
#define LD_REC_PATH 512            /* paths longer are truncated */
#define LD_REC_NAME 64             /* module names longer are truncated */
#define LD_REC_SECNAME 32          /* section names longer are truncated */

/* Why a page is private: the values of enum ld_reason (loader/ld.h). */
#define LD_REC_PAGE_SHARED 0   /* not privatized by dllshare (yet) */
#define LD_REC_PAGE_WRITE 1    /* first write by the program (fault) */
#define LD_REC_PAGE_RELOC 2    /* relocated privately: base was taken */
#define LD_REC_PAGE_BIND 3     /* import binding wrote the IAT */
#define LD_REC_PAGE_PROTECT 4  /* VirtualProtect / pseudo-relocation */
#define LD_REC_PAGE_SYSCALL 5  /* privatized before a kernel write (read()) */

/* Why a page of a Windows thread stack is committed: its byte in the
 * stack-page table, and the reason of its commit events.  0 in that
 * table: reserved, not committed. */
#define LD_REC_STACK_INITIAL 16  /* committed when the stack was made:
                                    SizeOfStackCommit, or CreateThread's
                                    size */
#define LD_REC_STACK_GUARD 17    /* the guard page was touched: committed,
                                    the guard moved down (event: the
                                    instruction) */
#define LD_REC_STACK_FRAME 18    /* below the guard, within an unprobed
                                    frame of dllshare's own code */
#define LD_REC_STACK_OVERFLOW 19 /* the guard reached the room kept for
                                    an overflow (64 KiB and the
                                    SetThreadStackGuarantee size):
                                    committed with STATUS_STACK_OVERFLOW */
#define LD_REC_STACK_DISPATCH 20 /* room for an exception's record and
                                    context on the way to the dispatcher */
#define LD_REC_STACK_FIRST LD_REC_STACK_INITIAL
#define LD_REC_STACK_LAST LD_REC_STACK_DISPATCH

/* How a section is mapped: the values of enum pe_mapping (pe/pe.h). */
#define LD_REC_MAP_SHARED_RO 0  /* read-only or code: the file's pages, private only where written (loader, VirtualProtect) */
#define LD_REC_MAP_COW 1        /* MAP_PRIVATE, privatized page by page */
#define LD_REC_MAP_SHARED_RW 2  /* MAP_SHARED of the shared-data object */
#define LD_REC_MAP_WHOLE_COW 3  /* whole image MAP_PRIVATE RWX (kernel COW) */

/* Section flags. */
#define LD_REC_SEC_HEADERS 0x1     /* the pseudo-section for the headers */
#define LD_REC_SEC_FRAGMENTED 0x2  /* fragmented: switched to kernel COW;
                                      pages written since are private but
                                      not in the page states (use pagemap) */
#define LD_REC_SEC_RELOCATED 0x4   /* mapped MAP_PRIVATE for relocation */
#define LD_REC_SEC_UFFD 0x8        /* DLLSHARE_COW=uffd: program writes are
                                      resolved by the kernel (userfaultfd
                                      WP_ASYNC); those private pages are in
                                      pagemap, not in the page states, and
                                      no instruction is recorded */
#define LD_REC_SEC_SHR_FULL 0x10   /* a shared-data section (MAP_SHARED_RW)
                                      the cache had no room for: laid out
                                      in this process's own memory, so no
                                      other process sees its writes */
#define LD_REC_SEC_SHR_PEER 0x20   /* the same, because another process
                                      already had it privately (the cache
                                      was full when it started): while one
                                      does, every process does, so none
                                      shares it with some and not others */

/* Module flags. */
#define LD_REC_MOD_RELOCATED 0x1   /* not at its section's base: relocated
                                      privately in this process */
#define LD_REC_MOD_UNLOADED 0x2    /* unmapped; the entry is reused when
                                      the same section is mapped again */
#define LD_REC_MOD_REBASED 0x4     /* preferred base taken: mapped the
                                      section relocated once for another
                                      base (section_base), shared by every
                                      process that maps it there */
#define LD_REC_MOD_UNSHARED 0x8    /* the cache could not hold its section
                                      (full): laid out in this process's
                                      own memory, shared with no other
                                      process; section_file names where it
                                      would have been */

/* Header flags. */
#define LD_REC_F_INCOMPLETE 0x1    /* the cache filled while the process
                                      ran: what came after (modules,
                                      sections, page states, events) is
                                      only in its own memory; the counts
                                      say what the file holds, and a
                                      reader takes the rest from the
                                      kernel */

#define LD_REC_NO_MODULE 0xffff    /* instruction not in any mapped image;
                                      in an event's module: a stack event */

/* Thread stacks (appended to version 1: a header whose header_size is
 * LD_REC_HEADER_V1_SIZE has no stack table). */
#define LD_REC_MAX_STACKS 1024           /* live threads; freed entries
                                            are reused */
#define LD_REC_MAX_STACK_PAGES (1u << 22) /* 16 GiB of stack reservations,
                                             1 byte a page */

/* Stack flags. */
#define LD_REC_STACK_FREED 0x1      /* the thread ended: entry and pages
                                       free for the next stack */
#define LD_REC_STACK_OVERFLOWED 0x2 /* STATUS_STACK_OVERFLOW raised: no
                                       guard page any more */

struct ld_rec_header {
	uint64_t magic;
	uint32_t version;
	uint32_t header_size;      /* sizeof(struct ld_rec_header) */
	uint64_t file_size;
	uint32_t pid;
	uint32_t flags;            /* LD_REC_F_* (was padding: 0) */
	uint64_t proc_starttime;   /* /proc/self/stat field 22 */
	uint64_t start_time_ns;    /* CLOCK_REALTIME at creation */
	char program[LD_REC_PATH]; /* what dllshare runs or maps */

	/* Tables: byte offsets from the start of the file and capacities. */
	uint32_t modules_off, max_modules;
	uint32_t sections_off, max_sections;
	uint32_t events_off, max_events;
	uint32_t pages_off, max_pages;

	/* Published counts (release stores). */
	uint32_t nmodules;
	uint32_t nsections;
	uint32_t npages;           /* page-state bytes handed out */
	uint32_t pad1;
	uint64_t events_total;     /* events ever; slot = n % max_events */

	/* Counters: pages dllshare privatized, by reason (index = reason),
	 * faults taken, and the rest. */
	uint64_t private_pages[8];
	uint64_t write_faults;     /* COW write faults handled */
	uint64_t access_violations;
	uint64_t fragmented_sections;

	/* Appended to version 1 (present when header_size covers them):
	 * the thread stacks, and one byte per page of each
	 * (LD_REC_STACK_* or 0). */
	uint32_t stacks_off, max_stacks;
	uint32_t stack_pages_off, max_stack_pages;
	uint32_t nstacks;          /* entries published (release store) */
	uint32_t nstack_pages;     /* stack-page bytes handed out */
	uint64_t stack_commits[8]; /* pages committed, by reason - 16 */
};

/* The header's size before the stack table was appended. */
#define LD_REC_HEADER_V1_SIZE 704

struct ld_rec_module {
	char name[LD_REC_NAME];    /* "counter.dll" as loaded */
	char path[LD_REC_PATH];    /* the image file */
	char section_file[LD_REC_PATH]; /* the image section in the cache */
	uint64_t base;             /* where the view is mapped */
	uint64_t section_base;     /* the base the section was built for */
	uint32_t size;             /* SizeOfImage */
	uint32_t flags;            /* LD_REC_MOD_* */
	uint32_t first_section;    /* index into the section table */
	uint32_t nsections;        /* including the headers pseudo-section */
};

struct ld_rec_section {
	char name[LD_REC_SECNAME]; /* ".data", or "(headers)" */
	uint32_t module;           /* index into the module table */
	uint32_t rva;
	uint32_t size;             /* mapped bytes (page-rounded) */
	uint32_t characteristics;  /* IMAGE_SCN_* */
	uint32_t mapping;          /* LD_REC_MAP_* */
	uint32_t flags;            /* LD_REC_SEC_* */
	uint32_t first_page;       /* index into the page-state bytes */
	uint32_t npages;           /* size / 4096 */
	uint64_t private_pages;    /* privatized by dllshare */
	uint64_t splits;           /* page-protection changes (VMA splits) */
};

/* One privatization (ring of max_events).  A reader copies the slot and
 * ignores one whose seq does not match the index it expected. */
struct ld_rec_event {
	uint64_t seq;              /* 1 + index of the event (0: empty) */
	uint64_t time_ns;          /* CLOCK_REALTIME */
	uint32_t tid;
	uint16_t module;           /* module of the page */
	uint16_t insn_module;      /* module of the instruction, or NO_MODULE */
	uint32_t section;          /* global index into the section table;
	                              stack events: the stack's index */
	uint32_t rva;              /* page RVA within the module; stack
	                              events: page offset from its lo */
	uint64_t insn_offset;      /* offset in insn_module, else address */
	uint32_t reason;           /* LD_REC_PAGE_*, or LD_REC_STACK_* */
	uint32_t npages;           /* stack events: pages committed from
	                              rva up; 0 for image events (one) */
};

/* One Windows thread stack: reserved [lo, hi), committed [limit, hi),
 * the guard page at guard (0: none).  The fault handler moves limit and
 * guard as the stack grows (limit first, guard after: a reader that sees
 * guard >= limit read between the two stores, and reads again). */
struct ld_rec_stack {
	uint32_t tid;              /* the thread running on it */
	uint32_t flags;            /* LD_REC_STACK_FREED, _OVERFLOWED */
	uint64_t lo, hi;
	uint64_t limit;
	uint64_t guard;
	uint64_t room;             /* bytes kept for an overflow */
	uint64_t time_ns;          /* CLOCK_REALTIME at creation: events
	                              before it are an earlier stack's */
	uint32_t first_page;       /* index into the stack-page bytes */
	uint32_t npages;           /* (hi - lo) / 4096 */
};

/* Page-state bytes: one per 4 KiB page of each section, LD_REC_PAGE_*. */

#define LD_REC_FILE_SIZE                                                   \
	(4096ULL + LD_REC_MAX_MODULES * sizeof(struct ld_rec_module) +      \
	 LD_REC_MAX_SECTIONS * sizeof(struct ld_rec_section) +              \
	 LD_REC_MAX_EVENTS * sizeof(struct ld_rec_event) + LD_REC_MAX_PAGES + \
	 LD_REC_MAX_STACKS * sizeof(struct ld_rec_stack) +                  \
	 LD_REC_MAX_STACK_PAGES)

#endif
