/*
 * dm.h — dllmap, the page inspector: what its files share.
 *
 * dllmap never links the loader.  It reads what the kernel says about a
 * process (/proc/PID/maps, /proc/PID/pagemap, /proc/kpagecount,
 * /proc/kpageflags) and, for processes dllshare started, what the process
 * record says (<cache>/proc/<pid>).  A report is built in three steps:
 *
 *	dm_maps_read      the process's mappings
 *	dm_kernel_images  or dm_record_images: which ranges are images, and
 *	                  their sections (names, RVAs)
 *	dm_pages_fill     the state of every page, from pagemap (+ reasons
 *	                  from the record)
 *
 * and then printed as text, JSON or HTML (dm_text.c, dm_json.c,
 * dm_html.c).
 */
#ifndef DLLSHARE_TOOLS_DM_H
#define DLLSHARE_TOOLS_DM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DM_PAGE 4096u

/* The four states of DESIGN.md, in the order every table lists them. */
enum dm_state {
	DM_NOT_RESIDENT = 0, /* not in memory (never touched, or swapped) */
	DM_SHARED = 1,       /* the page-cache / shmem page itself */
	DM_PRIVATE = 2,      /* an anonymous copy only this process owns */
	DM_SHARED_WRITABLE = 3, /* a page of a writable MAP_SHARED mapping */
	DM_NSTATES
};

/* Details of one page beyond its state. */
#define DM_PG_SWAPPED 0x01  /* not resident because it is in swap */
#define DM_PG_ZERO 0x02     /* the kernel's shared zero page */
#define DM_PG_UNMAPPED 0x04 /* a hole of the image no mapping covers */
#define DM_PG_EXCL 0x08     /* pagemap bit 56: mapped exactly once */

struct dm_page {
	uint8_t state;   /* enum dm_state */
	uint8_t flags;   /* DM_PG_* */
	uint8_t reason;  /* record reason (DM_REASON_*), 0 when none */
	uint32_t count;  /* mappings of the frame (kpagecount); 0 unknown */
	int32_t event;   /* index into dm_proc.events, or -1 */
	uint64_t pfn;    /* the frame, when resident and readable (root);
	                    0 when not */
};

/* Why a page is private, as the process record says (same values as the
 * loader's enum ld_reason). */
enum {
	DM_REASON_NONE = 0,
	DM_REASON_WRITE = 1,
	DM_REASON_RELOC = 2,
	DM_REASON_BIND = 3,
	DM_REASON_PROTECT = 4,
	DM_REASON_SYSCALL = 5,
	DM_NREASONS
};

/* A privatization event from the record: where the first write came
 * from, already rendered ("X.dll+0x1234"), and which page it made
 * private, when and why (every event the record still holds, in its
 * order; a page may have more than one). */
struct dm_event {
	char where[96];
	uint32_t tid;
	uint64_t seq;     /* the record's: 1 + index, in the order written */
	uint64_t time_ns; /* CLOCK_REALTIME */
	uint32_t reason;  /* LD_REC_PAGE_*, as recorded (may be one this
	                     dllmap has no name for) */
	int image;        /* 1: module, section and page name the image page
	                     it privatized; 0: none (a stack event, or one on
	                     no image page of ours) */
	int module;       /* index into dm_proc.mods */
	int section;      /* index into that module's secs */
	uint32_t page;    /* index into that section's pages; a stack
	                     event: its first page (from the low end) */
	int stack;        /* a stack event of a live stack: index into
	                     dm_proc.stacks; -1 otherwise */
	uint32_t npages;  /* a stack event: pages committed from page up */
};

struct dm_section {
	char name[64];
	uint32_t rva;     /* page-aligned start within the image */
	uint32_t npages;
	struct dm_page *pages;
	uint32_t n[DM_NSTATES]; /* pages per state */
	int mapping;      /* record: LD_REC_MAP_*; -1 in kernel mode */
	int fragmented;   /* record: switched to kernel copy-on-write */
	int uffd;         /* record: DLLSHARE_COW=uffd, the kernel resolves
	                     program writes (not in the page states) */
	int unshared;     /* record: a shared-data section this process has
	                     in its own memory: 1 the cache was full, 2
	                     another process has it so (no other process
	                     sees its writes) */
};

struct dm_module {
	char name[128];
	char path[512];
	uint64_t base;
	uint32_t size;    /* bytes, a multiple of DM_PAGE */
	int nsecs;
	struct dm_section *secs;
	uint32_t n[DM_NSTATES];
	uint32_t unique;  /* resident pages mapped once (count 1) */
	double pss;       /* pages, proportional: sum of 1/count */
	int pss_known;    /* every resident page's count was known */
	char note[400];   /* from the record: how the image got its base,
	                     why its pages are its own */
};

/* A Windows thread stack of a dllshare process (the record's stack table,
 * checked against the kernel): reserved [lo, hi), committed [limit, hi),
 * the guard page at guard (0: none).  Per page, low addresses first. */
#define DM_STK_RESIDENT 0x01 /* pagemap: present */
#define DM_STK_SWAPPED 0x02  /* pagemap: in swap */
#define DM_STK_RW 0x04       /* maps: read-write (committed, to Linux) */
#define DM_STK_NONE 0x08     /* maps: ---p (reserved or guard) */
struct dm_stack {
	uint32_t tid;
	uint64_t lo, hi, limit, guard, room;
	int overflowed;
	uint32_t npages;
	uint8_t *reason; /* LD_REC_STACK_* (committed), 0: reserved only */
	uint8_t *kern;   /* DM_STK_* from the kernel */
	int32_t *event;  /* index into dm_proc.events, or -1 */
	uint32_t committed, resident, disagree;
};

struct dm_proc {
	int pid;
	char program[512];
	int from_record;  /* 1: "dllshare", 0: "kernel" */
	int counts_known; /* PFNs and kpagecount readable (root) */
	int nmods;
	struct dm_module *mods;
	int nevents;
	struct dm_event *events;
	uint32_t n[DM_NSTATES];
	uint32_t unique;
	double pss;
	int pss_known;    /* every resident page's count was known */
	char note[512];   /* shown under the process, e.g. why no record */
	char rec_error[600]; /* its record exists but cannot be read: the
	                        kernel's view is shown, and this is said */
	uint32_t disagree; /* pages the record calls private, the kernel not */
	int rec_incomplete; /* the record says the cache filled while the
	                       process ran (LD_REC_F_INCOMPLETE): images it
	                       lacks come from the kernel's view */
	/* The record's counters (dllshare processes only). */
	uint64_t rec_faults;               /* copy-on-write faults handled */
	uint64_t rec_private[DM_NREASONS]; /* pages privatized, by reason */
	uint64_t rec_fragmented;           /* sections switched to kernel COW */
	uint64_t start_ns; /* the record's creation (CLOCK_REALTIME), 0
	                     without a record */
	uint64_t rec_stack_commits[8];     /* stack pages committed, by
	                                      reason - LD_REC_STACK_FIRST */
	int nstacks;                       /* Windows thread stacks (record) */
	struct dm_stack *stacks;
};

/* One line of /proc/PID/maps. */
struct dm_map {
	uint64_t start, end, off;
	char perms[5];
	uint64_t dev_major, dev_minor, inode;
	char path[512]; /* "" for anonymous */
};

struct dm_maps {
	int n;
	struct dm_map *v;
};

/* Errors are values: 0 or -errno; msg holds one line naming what
 * ("pid 123: no such process"). */
struct dm_error {
	int code;
	char msg[512];
};
/* Why reading pid's /proc files was refused: "another user's process"
 * only when it is one (and we are not root). */
const char *dm_denied(int pid);
int dm_fail(struct dm_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copies src into dst[n], truncating, always NUL-terminated. */
void dm_copy(char *dst, size_t n, const char *src);

/* dm_maps.c: reads /proc/PID/maps.  Fills *m (release with dm_maps_free).
 * -ESRCH when the process does not exist, -EACCES when it is not ours. */
int dm_maps_read(int pid, struct dm_maps *m, struct dm_error *err);
/* Parses one maps line into *e; 0 or -EINVAL.  Pure (unit-tested). */
int dm_maps_parse_line(const char *line, struct dm_map *e);
/* Releases what dm_maps_read filled; m may be freed again. */
void dm_maps_free(struct dm_maps *m);
/* The mapping containing va, or NULL. */
const struct dm_map *dm_maps_find(const struct dm_maps *m, uint64_t va);

/* dm_pagemap.c: the kernel's view of pages. */
#define DM_PM_PRESENT (1ULL << 63)
#define DM_PM_SWAPPED (1ULL << 62)
#define DM_PM_FILE (1ULL << 61)   /* page-cache or shared-anon page */
#define DM_PM_EXCL (1ULL << 56)   /* mapped exactly once */
#define DM_PM_PFN_MASK ((1ULL << 55) - 1)
#define DM_KPF_ZERO_PAGE (1ULL << 24)

/* Reads n /proc/PID/pagemap entries (fd) from va into pme: 0, or
 * -ESRCH when the process has gone (the kernel then returns nothing). */
int dm_read_pagemap(int fd, uint64_t va, uint32_t n, uint64_t *pme);
/* Classifies one page from its pagemap entry, the kpageflags of its frame
 * (0 when unknown) and whether its mapping is writable MAP_SHARED.  Fills
 * pg->state and pg->flags; pure (unit-tested). */
void dm_classify(uint64_t pme, uint64_t kflags, int shared_writable,
                 struct dm_page *pg);
/* Fills the pages of every section of every module of p from the
 * process's pagemap and the frame tables.  -ESRCH when the process
 * exited meanwhile. */
int dm_pages_fill(struct dm_proc *p, const struct dm_maps *m,
                  struct dm_error *err);
/* Recomputes the per-section, per-module and per-process counters. */
void dm_totals(struct dm_proc *p);

/* dm_kernel.c: finds PE images in the mappings (kernel-only mode). */
int dm_kernel_images(struct dm_proc *p, const struct dm_maps *m,
                     struct dm_error *err);
/* Lays out module mod's sections from a parsed header: the headers, then
 * each section (page-aligned), in memory layout or, for a data-file
 * mapping, in file layout.  Shared with dm_record.c. */
struct pe_image;
int dm_module_sections(struct dm_module *mod, const struct pe_image *img,
                       int file_layout, struct dm_error *err);

/* Appends section name covering [lo, hi) of mod (rounded out to pages,
 * clipped to the module and to the end of the previous section). */
int dm_add_section(struct dm_module *mod, const char *name, uint64_t lo,
                   uint64_t hi);

/* dm_record.c: reads <cache>/proc/<pid> when there is one; 1 when the
 * modules came from the record, 0 when there is no record, <0 on a
 * malformed record (err says where). */
int dm_record_images(struct dm_proc *p, const struct dm_maps *m,
                     struct dm_error *err);
/* Applies the record's per-page reasons and events after dm_pages_fill. */
void dm_record_reasons(struct dm_proc *p);
/* The cache directory ($DLLSHARE_CACHE, $XDG_RUNTIME_DIR/dllshare,
 * /dev/shm/dllshare-<uid>) into buf. */
void dm_cache_dir(char *buf, size_t n);
/* Pids of every live process with a record; *out malloc'd. */
int dm_record_pids(int **out, struct dm_error *err);

/* dm_proc.c: builds the whole report of one process: from its record
 * when it has one (unless kernel_only), else from the kernel's view alone.
 * On failure nothing stays allocated and err names the pid. */
int dm_proc_read(int pid, int kernel_only, struct dm_proc *p,
                 struct dm_error *err);
/* Releases what dm_proc_read filled; p may be freed again. */
void dm_proc_free(struct dm_proc *p);

/* dm_stack.c: the kernel's view of each stack page (pagemap, maps),
 * after dm_record_images; -ESRCH when the process exited meanwhile. */
int dm_stacks_fill(struct dm_proc *p, const struct dm_maps *m,
                   struct dm_error *err);
/* A stack page as one character: 'C' committed and resident, 'c'
 * committed, not yet touched, 'G' the guard page, '_' reserved only,
 * '!' the kernel disagrees with the record (pure, unit-tested). */
char dm_stack_char(const struct dm_stack *s, uint32_t k);
/* The stack reasons: LD_REC_STACK_FIRST..LAST of loader/record.h. */
#define DM_STACK_REASON_FIRST 16
#define DM_STACK_REASON_LAST 20
/* "initial", "guard", ... for a LD_REC_STACK_* reason; "" for others. */
const char *dm_stack_reason_name(int reason);

/* Names. */
const char *dm_state_name(int state);   /* "shared", ... (JSON names) */
const char *dm_reason_name(int reason); /* "write", "relocation", ... */
/* The reason's name, or "reason N" for one without a name here (a record
 * written by a newer dllshare). */
void dm_reason_label(int reason, char *buf, size_t n);

/* Output. */
struct dm_opts {
	int pages;  /* --pages */
	int colour; /* stdout is a terminal and NO_COLOR is unset */
};
/* The text report of p on f: per module and section, counts and (with
 * --pages) one character a page. */
void dm_text_print(FILE *f, const struct dm_proc *p,
                   const struct dm_opts *o);
/* What each page character means (dm_page_char), coloured like them. */
void dm_text_legend(FILE *f, const struct dm_opts *o);
/* A page as one character: '.' not resident, '~' swapped, 'S' shared and
 * mapped by several, 's' shared (mapped once, or count unknown), 'z' the
 * zero page, 'P' private, 'W' shared writable, '-' no mapping (pure,
 * unit-tested). */
char dm_page_char(const struct dm_page *pg);
/* The JSON report of p on f (shape in DESIGN.md; additions in dm_json.c). */
void dm_json_print(FILE *f, const struct dm_proc *p);
/* JSON string with escapes (pure, unit-tested). */
void dm_json_str(FILE *f, const char *s);
/* Writes the HTML page of n processes side by side to path: 0, or -errno
 * with err naming the file. */
int dm_html_write(const char *path, const struct dm_proc *procs, int n,
                  struct dm_error *err);
/* s on f with HTML's special characters escaped (text and attributes). */
void dm_html_esc(FILE *f, const char *s);
/* dm_html_stack.c: each process's thread stacks, a grid each (nothing
 * when no process has one), and their style. */
void dm_html_stacks(FILE *f, const struct dm_proc *procs, int n);
void dm_html_stack_style(FILE *f);
/* dm_replay.c: the page's replay and frames views.  images[0..nimg) are
 * the images drawn (one module each, the first process's that has it);
 * dm_html_module gives a process's module of an image (NULL when it has
 * none). */
const struct dm_module *dm_html_module(const struct dm_proc *p,
                                       const struct dm_module *img);
void dm_replay_controls(FILE *f);
void dm_replay_frames(FILE *f);
/* The events and images as JSON: 0, or -ENOMEM. */
int dm_replay_data(FILE *f, const struct dm_proc *procs, int n,
                   const struct dm_module *const *images, int nimg);
/* dm_replay_js.c: the style (inside the page's <style>) and script. */
void dm_replay_style(FILE *f);
void dm_replay_script(FILE *f);

/* dm_watch.c: the live view of pids (and their descendants), or with all
 * of every live record, until q, Ctrl-C or (not on a terminal) until
 * every pid asked for has exited; 0 (the terminal restored). */
int dm_watch(const int *pids, int npids, int all, int kernel_only,
             const struct dm_opts *o);

#endif
