/*
 * test_dllmap.c — unit tests of dllmap's pieces: page classification,
 * maps parsing, JSON strings, totals (USS/PSS), section layout from a PE
 * header, and the process-record reader (against a record this test
 * writes for itself, in the format of loader/record.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/record.h"
#include "pe/pe.h"
#include "tests/unit/cu.h"
#include "tools/dm.h"

CU_SUITE(dllmap, NULL, NULL)

static struct dm_page classify(uint64_t pme, uint64_t kf, int shw)
{
	struct dm_page pg = { 0, 0, 0, 0, -1, 0 };

	dm_classify(pme, kf, shw, &pg);
	return pg;
}

CU_TEST(dllmap, classify_states)
{
	struct dm_page pg;

	pg = classify(0, 0, 0);
	CU_ASSERT_EQUAL(pg.state, DM_NOT_RESIDENT);
	CU_ASSERT_EQUAL(pg.flags, 0);
	pg = classify(DM_PM_SWAPPED | 123, 0, 0);
	CU_ASSERT_EQUAL(pg.state, DM_NOT_RESIDENT);
	CU_ASSERT_EQUAL(pg.flags, DM_PG_SWAPPED);
	pg = classify(DM_PM_PRESENT | DM_PM_FILE | 77, 0, 0);
	CU_ASSERT_EQUAL(pg.state, DM_SHARED);
	pg = classify(DM_PM_PRESENT | DM_PM_EXCL | 77, 0, 0);
	CU_ASSERT_EQUAL(pg.state, DM_PRIVATE);
	CU_ASSERT(pg.flags & DM_PG_EXCL);
	/* A file page of a writable MAP_SHARED mapping. */
	pg = classify(DM_PM_PRESENT | DM_PM_FILE, 0, 1);
	CU_ASSERT_EQUAL(pg.state, DM_SHARED_WRITABLE);
	/* Not present in a shared-writable mapping: still not resident. */
	pg = classify(0, 0, 1);
	CU_ASSERT_EQUAL(pg.state, DM_NOT_RESIDENT);
	/* The zero page: anonymous, but nobody's private copy. */
	pg = classify(DM_PM_PRESENT | 5, DM_KPF_ZERO_PAGE, 0);
	CU_ASSERT_EQUAL(pg.state, DM_SHARED);
	CU_ASSERT(pg.flags & DM_PG_ZERO);
}

CU_TEST(dllmap, page_chars)
{
	struct dm_page pg = { DM_SHARED, 0, 0, 3, -1, 0 };

	CU_ASSERT_EQUAL(dm_page_char(&pg), 'S');
	pg.count = 1;
	CU_ASSERT_EQUAL(dm_page_char(&pg), 's');
	pg.count = 0; /* unknown */
	CU_ASSERT_EQUAL(dm_page_char(&pg), 's');
	pg.state = DM_PRIVATE;
	CU_ASSERT_EQUAL(dm_page_char(&pg), 'P');
	pg.state = DM_SHARED_WRITABLE;
	CU_ASSERT_EQUAL(dm_page_char(&pg), 'W');
	pg.state = DM_NOT_RESIDENT;
	CU_ASSERT_EQUAL(dm_page_char(&pg), '.');
	pg.flags = DM_PG_SWAPPED;
	CU_ASSERT_EQUAL(dm_page_char(&pg), '~');
	pg.flags = DM_PG_UNMAPPED;
	CU_ASSERT_EQUAL(dm_page_char(&pg), '-');
}

/* A stack of 4 pages: reserved, guard, two committed; what the kernel
 * says decides between the glyph and '!'. */
CU_TEST(dllmap, stack_chars)
{
	uint8_t reason[4] = { 0, 0, 17, 16 };
	uint8_t kern[4] = { DM_STK_NONE, DM_STK_NONE,
		            DM_STK_RW | DM_STK_RESIDENT, DM_STK_RW };
	struct dm_stack s = { .lo = 0x10000, .hi = 0x14000, .limit = 0x12000,
		              .guard = 0x11000, .npages = 4, .reason = reason,
		              .kern = kern };

	CU_ASSERT_EQUAL(dm_stack_char(&s, 0), '_');
	CU_ASSERT_EQUAL(dm_stack_char(&s, 1), 'G');
	CU_ASSERT_EQUAL(dm_stack_char(&s, 2), 'C');
	CU_ASSERT_EQUAL(dm_stack_char(&s, 3), 'c');
	kern[0] = DM_STK_NONE | DM_STK_RESIDENT; /* reserved, yet resident */
	CU_ASSERT_EQUAL(dm_stack_char(&s, 0), '!');
	kern[3] = DM_STK_NONE; /* committed, yet ---p */
	CU_ASSERT_EQUAL(dm_stack_char(&s, 3), '!');
	CU_ASSERT_STRING_EQUAL(dm_stack_reason_name(17), "guard");
	CU_ASSERT_STRING_EQUAL(dm_stack_reason_name(5), "");
}

CU_TEST(dllmap, maps_lines)
{
	struct dm_map e;

	CU_ASSERT_EQUAL(dm_maps_parse_line(
		"7b000000-7b001000 r--p 00000000 fe:00 14885316"
		"                   /usr/lib/a b/kernelbase.dll\n", &e), 0);
	CU_ASSERT_EQUAL(e.start, 0x7b000000);
	CU_ASSERT_EQUAL(e.end, 0x7b001000);
	CU_ASSERT_STRING_EQUAL(e.perms, "r--p");
	CU_ASSERT_EQUAL(e.dev_major, 0xfe);
	CU_ASSERT_EQUAL(e.inode, 14885316);
	CU_ASSERT_STRING_EQUAL(e.path, "/usr/lib/a b/kernelbase.dll");
	CU_ASSERT_EQUAL(dm_maps_parse_line(
		"140001000-140008000 r-xp 00001000 00:00 0 \n", &e), 0);
	CU_ASSERT_EQUAL(e.off, 0x1000);
	CU_ASSERT_STRING_EQUAL(e.path, "");
	CU_ASSERT_EQUAL(dm_maps_parse_line("garbage\n", &e), -EINVAL);
	CU_ASSERT_EQUAL(dm_maps_parse_line("2000-1000 r--p 0 0:0 0\n", &e),
	                -EINVAL);
}

CU_TEST(dllmap, maps_find)
{
	struct dm_map v[3] = {
		{ .start = 0x1000, .end = 0x3000 },
		{ .start = 0x3000, .end = 0x4000 },
		{ .start = 0x8000, .end = 0x9000 },
	};
	struct dm_maps m = { 3, v };

	CU_ASSERT_PTR_EQUAL(dm_maps_find(&m, 0x1000), &v[0]);
	CU_ASSERT_PTR_EQUAL(dm_maps_find(&m, 0x2fff), &v[0]);
	CU_ASSERT_PTR_EQUAL(dm_maps_find(&m, 0x3000), &v[1]);
	CU_ASSERT_PTR_NULL(dm_maps_find(&m, 0x4000));
	CU_ASSERT_PTR_NULL(dm_maps_find(&m, 0x0));
	CU_ASSERT_PTR_EQUAL(dm_maps_find(&m, 0x8fff), &v[2]);
	CU_ASSERT_PTR_NULL(dm_maps_find(&m, 0x9000));
}

/* A mapped file whose path makes its maps line longer than 1024 bytes:
 * dm_maps_read read lines in 1024-byte pieces and took the rest of such
 * a line for a bad line of its own. */
CU_TEST(dllmap, maps_read_long_path)
{
	char dir[2048], path[2200];
	struct dm_maps m;
	struct dm_error err = {0};
	const struct dm_map *e;
	void *p;
	int fd, depth = 0, rc;

	snprintf(dir, sizeof dir, "/tmp/dm-unit-%d", (int)getpid());
	CU_ASSERT_FATAL(mkdir(dir, 0700) == 0);
	while (strlen(dir) < 1200) { /* path components are at most 255 */
		size_t k = strlen(dir);

		dir[k] = '/';
		memset(dir + k + 1, 'd', 200);
		dir[k + 201] = '\0';
		CU_ASSERT_FATAL(mkdir(dir, 0700) == 0);
		depth++;
	}
	snprintf(path, sizeof path, "%s/f", dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(ftruncate(fd, 4096) == 0);
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	CU_ASSERT_FATAL(p != MAP_FAILED);
	rc = dm_maps_read((int)getpid(), &m, &err);
	CU_ASSERT_EQUAL(rc, 0);
	if (rc < 0)
		printf("\n    %s\n", err.msg);
	if (rc == 0) {
		e = dm_maps_find(&m, (uint64_t)(uintptr_t)p);
		CU_ASSERT_PTR_NOT_NULL(e);
		if (e) /* kept as far as struct dm_map holds it */
			CU_ASSERT_EQUAL(strncmp(e->path, path,
			                        sizeof e->path - 1), 0);
		dm_maps_free(&m);
	}
	munmap(p, 4096);
	close(fd);
	unlink(path);
	for (; depth >= 0; depth--) {
		rmdir(dir);
		*strrchr(dir, '/') = '\0';
	}
}

CU_TEST(dllmap, json_strings)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	dm_json_str(f, "a\"b\\c\nd\te\x01 C:\\x");
	fclose(f);
	CU_ASSERT_STRING_EQUAL(buf, "\"a\\\"b\\\\c\\nd\\te\\u0001 C:\\\\x\"");
	free(buf);
}

/* One module, one section of the given pages. */
static void one_section(struct dm_proc *p, struct dm_module *m,
                        struct dm_section *s, struct dm_page *pg, int n)
{
	memset(p, 0, sizeof *p);
	memset(m, 0, sizeof *m);
	memset(s, 0, sizeof *s);
	s->npages = (uint32_t)n;
	s->pages = pg;
	m->nsecs = 1;
	m->secs = s;
	p->nmods = 1;
	p->mods = m;
}

CU_TEST(dllmap, totals_uss_pss)
{
	struct dm_page pg[6] = {
		{ DM_PRIVATE, DM_PG_EXCL, 1, 1, -1, 0 },
		{ DM_SHARED, 0, 0, 2, -1, 0 },
		{ DM_SHARED, 0, 0, 4, -1, 0 },
		{ DM_SHARED, DM_PG_EXCL, 0, 1, -1, 0 },
		{ DM_NOT_RESIDENT, 0, 0, 0, -1, 0 },
		{ DM_SHARED, DM_PG_ZERO, 0, 0, -1, 0 },
	};
	struct dm_proc p;
	struct dm_module m;
	struct dm_section s;

	one_section(&p, &m, &s, pg, 6);
	dm_totals(&p);
	CU_ASSERT_EQUAL(s.n[DM_PRIVATE], 1);
	CU_ASSERT_EQUAL(s.n[DM_SHARED], 4);
	CU_ASSERT_EQUAL(s.n[DM_NOT_RESIDENT], 1);
	CU_ASSERT_EQUAL(p.n[DM_SHARED], 4);
	/* USS: the private page and the shared page mapped only here. */
	CU_ASSERT_EQUAL(p.unique, 2);
	/* PSS: 1 + 1/2 + 1/4 + 1; the zero page costs nothing. */
	CU_ASSERT_DOUBLE_EQUAL(p.pss, 2.75, 1e-9);
	CU_ASSERT_TRUE(p.pss_known);
	pg[2].count = 0; /* without root: unknown */
	dm_totals(&p);
	CU_ASSERT_FALSE(p.pss_known);
	CU_ASSERT_EQUAL(p.unique, 2);
}

static uint8_t *read_file(const char *path, size_t *len)
{
	struct stat st;
	uint8_t *b;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !(b = malloc((size_t)st.st_size))) {
		close(fd);
		return NULL;
	}
	*len = (size_t)st.st_size;
	if (read(fd, b, *len) != (ssize_t)*len) {
		free(b);
		b = NULL;
	}
	close(fd);
	return b;
}

CU_TEST(dllmap, sections_from_header)
{
	const char *path =
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll";
	struct dm_module m;
	struct dm_error err;
	struct pe_image img;
	struct pe_error perr;
	size_t len = 0;
	uint8_t *b = read_file(path, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(pe_parse(b, len, &img, &perr), 0);
	memset(&m, 0, sizeof m);
	m.size = (img.size_of_image + DM_PAGE - 1) & ~(DM_PAGE - 1);
	CU_ASSERT_EQUAL(dm_module_sections(&m, &img, 0, &err), 0);
	CU_ASSERT_EQUAL(m.nsecs, img.nsections + 1);
	CU_ASSERT_STRING_EQUAL(m.secs[0].name, "(headers)");
	CU_ASSERT_EQUAL(m.secs[0].rva, 0);
	for (int i = 1; i < m.nsecs; i++) {
		const struct dm_section *s = &m.secs[i];
		CU_ASSERT_STRING_EQUAL(s->name, img.sections[i - 1].name);
		CU_ASSERT_EQUAL(s->rva, img.sections[i - 1].vaddr);
		CU_ASSERT(s->rva >= m.secs[i - 1].rva +
		                            m.secs[i - 1].npages * DM_PAGE);
		CU_ASSERT(s->rva + s->npages * DM_PAGE <= m.size);
		CU_ASSERT_EQUAL(s->mapping, -1);
		CU_ASSERT_EQUAL(s->pages[0].event, -1);
	}
	for (int i = 0; i < m.nsecs; i++)
		free(m.secs[i].pages);
	free(m.secs);
	pe_image_free(&img);
	free(b);
}

/* ---- the record reader, against a record written here --------------- */

static char cache[64];

static uint64_t self_starttime(void)
{
	char buf[1024], *s;
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof buf - 1);

	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	s = strrchr(buf, ')'); /* then " S ppid ...": field 3 follows */
	if (s)
		s++;
	for (int f = 3; f < 22 && s; f++)
		s = strchr(s + 1, ' ');
	return s ? strtoull(s + 1, NULL, 10) : 0;
}

/* Writes <cache>/proc/<self> describing one module "t.dll" at base:
 * (headers) 1 page, .data 3 pages copy-on-write, whose page 1 the record
 * says was privatized by a write from t.dll+0x1234, and then had an
 * event of reason 9 (one this dllmap has no name for).  starttime_delta
 * makes it stale; magic overrides the magic. */
static int write_record(uint8_t *base, uint64_t starttime_delta,
                        uint64_t magic)
{
	char fn[128];
	size_t size = 4096 + sizeof(struct ld_rec_module) +
	              2 * sizeof(struct ld_rec_section) +
	              2 * sizeof(struct ld_rec_event) + 4096;
	uint8_t *b = calloc(1, size);
	struct ld_rec_header *h = (void *)b;
	struct ld_rec_module *m;
	struct ld_rec_section *s;
	struct ld_rec_event *ev;
	int fd, rc;

	h->magic = magic;
	h->version = LD_REC_VERSION;
	/* Written before the stack table was appended: the reader takes
	 * it, without stacks. */
	h->header_size = LD_REC_HEADER_V1_SIZE;
	h->file_size = size;
	h->pid = (uint32_t)getpid();
	h->proc_starttime = self_starttime() + starttime_delta;
	strcpy(h->program, "t.exe");
	h->modules_off = 4096;
	h->max_modules = 1;
	h->sections_off = h->modules_off + sizeof *m;
	h->max_sections = 2;
	h->events_off = h->sections_off + 2 * sizeof *s;
	h->max_events = 2;
	h->pages_off = h->events_off + 2 * sizeof *ev;
	h->max_pages = 4096;
	h->nmodules = 1;
	h->nsections = 2;
	h->npages = 4;
	h->events_total = 2;
	h->start_time_ns = 1000000;
	m = (void *)(b + h->modules_off);
	strcpy(m->name, "t.dll");
	strcpy(m->path, "/x/t.dll");
	m->base = (uint64_t)(uintptr_t)base;
	m->size = 4 * 4096;
	m->nsections = 2;
	s = (void *)(b + h->sections_off);
	strcpy(s[0].name, "(headers)");
	s[0].size = 4096;
	s[0].npages = 1;
	s[0].flags = LD_REC_SEC_HEADERS;
	strcpy(s[1].name, ".data");
	s[1].rva = 4096;
	s[1].size = 3 * 4096;
	s[1].npages = 3;
	s[1].first_page = 1;
	s[1].mapping = LD_REC_MAP_COW;
	b[h->pages_off + 2] = LD_REC_PAGE_WRITE; /* .data page 1 */
	b[h->pages_off + 3] = LD_REC_PAGE_BIND;  /* .data page 2 */
	ev = (void *)(b + h->events_off);
	ev[0].seq = 1;
	ev[0].tid = 42;
	ev[0].module = 0;
	ev[0].insn_module = 0;
	ev[0].section = 1;
	ev[0].rva = 2 * 4096;
	ev[0].insn_offset = 0x1234;
	ev[0].reason = LD_REC_PAGE_WRITE;
	ev[0].time_ns = 3500000;
	ev[1] = ev[0];
	ev[1].seq = 2;
	ev[1].time_ns = 4000000;
	ev[1].insn_module = LD_REC_NO_MODULE;
	ev[1].insn_offset = 0;
	ev[1].reason = 9;
	snprintf(fn, sizeof fn, "%s/proc/%d", cache, getpid());
	fd = open(fn, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	rc = fd >= 0 && write(fd, b, size) == (ssize_t)size ? 0 : -1;
	if (fd >= 0)
		close(fd);
	free(b);
	return rc;
}

/* The HTML page of p: its replay data names both events, in order, the
 * second by a reason this dllmap has no name for, with times from the
 * record's start. */
static void html_events(const struct dm_proc *p)
{
	char fn[128], buf[1 << 16];
	struct dm_error err;
	size_t n;
	FILE *f;

	snprintf(fn, sizeof fn, "%s/page.html", cache);
	CU_ASSERT_EQUAL_FATAL(dm_html_write(fn, p, 1, &err), 0);
	f = fopen(fn, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	unlink(fn);
	const char *a = strstr(buf, "{\"ms\":2.500,\"p\":0,\"i\":0,\"rva\":8192,"
	                            "\"sec\":\".data\",\"k\":1,\"why\":\"write\","
	                            "\"where\":\"t.dll+0x1234\"");
	const char *b = strstr(buf, "{\"ms\":3.000,\"p\":0,\"i\":0,\"rva\":8192,"
	                            "\"sec\":\".data\",\"k\":1,\"why\":\"reason 9\"");
	CU_ASSERT_PTR_NOT_NULL(a);
	CU_ASSERT_PTR_NOT_NULL(b);
	CU_ASSERT(a && b && a < b);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "data-k=\"0:0:8192\" data-pfn=\""));
}

CU_TEST(dllmap, record_reader)
{
	char dir[96];
	struct dm_proc p;
	struct dm_error err;
	uint8_t *base;
	int *pids, n, found = 0;

	snprintf(cache, sizeof cache, "/tmp/dllmap-unit-%d", getpid());
	snprintf(dir, sizeof dir, "%s/proc", cache);
	CU_ASSERT_EQUAL_FATAL(mkdir(cache, 0700) == 0 || errno == EEXIST, 1);
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700) == 0 || errno == EEXIST, 1);
	setenv("DLLSHARE_CACHE", cache, 1);
	/* The "image": anonymous memory, so every touched page is private
	 * in the kernel's eyes; .data page 1 written, page 2 never touched. */
	base = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE,
	            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CU_ASSERT_FATAL(base != MAP_FAILED);
	base[2 * 4096] = 1;
	CU_ASSERT_EQUAL_FATAL(write_record(base, 0, LD_REC_MAGIC), 0);

	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_TRUE(p.from_record);
	CU_ASSERT_STRING_EQUAL(p.program, "t.exe");
	CU_ASSERT_EQUAL_FATAL(p.nmods, 1);
	CU_ASSERT_STRING_EQUAL(p.mods[0].name, "t.dll");
	CU_ASSERT_EQUAL(p.mods[0].base, (uint64_t)(uintptr_t)base);
	CU_ASSERT_EQUAL_FATAL(p.mods[0].nsecs, 2);
	const struct dm_section *d = &p.mods[0].secs[1];
	CU_ASSERT_STRING_EQUAL(d->name, ".data");
	CU_ASSERT_EQUAL(d->mapping, LD_REC_MAP_COW);
	CU_ASSERT_EQUAL(d->pages[1].state, DM_PRIVATE);
	CU_ASSERT_EQUAL(d->pages[1].reason, DM_REASON_WRITE);
	CU_ASSERT_EQUAL_FATAL(d->pages[1].event, 0);
	CU_ASSERT_STRING_EQUAL(p.events[0].where, "t.dll+0x1234");
	CU_ASSERT_EQUAL(p.events[0].tid, 42);
	/* Every event is kept, with its page, time and reason (the HTML
	 * replay's); the page links to its first. */
	CU_ASSERT_EQUAL_FATAL(p.nevents, 2);
	CU_ASSERT_EQUAL(p.events[0].reason, DM_REASON_WRITE);
	CU_ASSERT_EQUAL(p.events[1].reason, 9);
	CU_ASSERT_EQUAL(p.events[1].image, 1);
	CU_ASSERT_EQUAL(p.events[1].module, 0);
	CU_ASSERT_EQUAL(p.events[1].section, 1);
	CU_ASSERT_EQUAL(p.events[1].page, 1);
	CU_ASSERT_EQUAL(p.events[1].time_ns, 4000000);
	CU_ASSERT_EQUAL(p.events[1].seq, 2);
	CU_ASSERT_STRING_EQUAL(p.events[1].where, "");
	CU_ASSERT_EQUAL(p.start_ns, 1000000);
	html_events(&p);
	/* The record says page 2 was bound, the kernel says not resident:
	 * the kernel wins, no reason is shown. */
	CU_ASSERT_EQUAL(d->pages[2].state, DM_NOT_RESIDENT);
	CU_ASSERT_EQUAL(d->pages[2].reason, 0);
	dm_proc_free(&p);

	n = dm_record_pids(&pids, &err);
	for (int i = 0; i < n; i++)
		found |= pids[i] == getpid();
	CU_ASSERT_TRUE(found);
	free(pids);

	/* A record from an earlier process with this pid: ignored. */
	CU_ASSERT_EQUAL_FATAL(write_record(base, 1, LD_REC_MAGIC), 0);
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_FALSE(p.from_record);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.note, "stale"));
	dm_proc_free(&p);

	/* A table that runs past the end of the file: refused, no read
	 * outside the mapping (the sanitizer build would see it). */
	CU_ASSERT_EQUAL_FATAL(write_record(base, 0, LD_REC_MAGIC), 0);
	{
		char fn[128];
		uint32_t huge = 0x10000000;
		int fd;

		snprintf(fn, sizeof fn, "%s/%d", dir, getpid());
		fd = open(fn, O_WRONLY);
		CU_ASSERT_EQUAL(pwrite(fd, &huge, 4,
		                       offsetof(struct ld_rec_header,
		                                max_sections)), 4);
		close(fd);
	}
	/* The record is said to be unreadable (rec_error, which dllmap
	 * prints and exits 1 for); the kernel's view is still there. */
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_FALSE(p.from_record);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.rec_error, "outside the file"));
	dm_proc_free(&p);
	/* --kernel does not read the record: nothing to say. */
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 1, &p, &err), 0);
	CU_ASSERT_EQUAL(p.rec_error[0], '\0');
	dm_proc_free(&p);

	/* Not a record: refused with the file named. */
	CU_ASSERT_EQUAL_FATAL(write_record(base, 0, 0x1234), 0);
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.rec_error, "not a version 1 record"));
	CU_ASSERT_PTR_NOT_NULL(strstr(p.rec_error, dir));
	dm_proc_free(&p);

	char fn[128];
	snprintf(fn, sizeof fn, "%s/%d", dir, getpid());

	/* Truncated: below its header, and below the size it says. */
	CU_ASSERT_EQUAL_FATAL(write_record(base, 0, LD_REC_MAGIC), 0);
	CU_ASSERT_EQUAL(truncate(fn, 100), 0);
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.rec_error, "truncated"));
	dm_proc_free(&p);
	CU_ASSERT_EQUAL_FATAL(write_record(base, 0, LD_REC_MAGIC), 0);
	CU_ASSERT_EQUAL(truncate(fn, 8192), 0);
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.rec_error, "truncated"));
	dm_proc_free(&p);
	/* Being created (empty): no record yet, nothing wrong. */
	CU_ASSERT_EQUAL(truncate(fn, 0), 0);
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_EQUAL(p.rec_error[0], '\0');
	dm_proc_free(&p);
	/* A symlink at the record's name: named, never followed. */
	unlink(fn);
	CU_ASSERT_EQUAL(symlink("/etc/passwd", fn), 0);
	CU_ASSERT_EQUAL_FATAL(dm_proc_read(getpid(), 0, &p, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(p.rec_error, "symlink"));
	dm_proc_free(&p);
	unlink(fn);
	rmdir(dir);
	rmdir(cache);
	munmap(base, 4 * 4096);
}

/* A full disk gives an error naming the file, not a silent success. */
CU_TEST(dllmap, html_full_disk)
{
	struct dm_error err = {0};

	if (access("/dev/full", W_OK) != 0)
		return;
	CU_ASSERT(dm_html_write("/dev/full", NULL, 0, &err) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/dev/full"));
}
