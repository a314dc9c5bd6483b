/*
 * test_loader.c — the loader pieces that work without a process around
 * them: section identity and names, the layout and the mapping plan,
 * relocation, the region table, the cache directory checks.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/section.h"
#include "tests/pe/pe_build.h"
#include "tests/unit/cu.h"

CU_SUITE(loader, NULL, NULL)

/* ---- identity ---- */

CU_TEST(loader, section_name_follows_identity)
{
	struct ld_identity a = {1, 2, 3, 4, 5, 0x180000000ULL}, b = a;
	char n1[NAME_MAX + 1], n2[NAME_MAX + 1];

	CU_ASSERT_EQUAL(ld_section_name(&a, "/x/y/Counter.DLL", n1, sizeof n1), 0);
	CU_ASSERT_EQUAL(ld_section_name(&b, "/other/Counter.DLL", n2, sizeof n2), 0);
	CU_ASSERT_STRING_EQUAL(n1, n2); /* identity, not the path */
	CU_ASSERT_EQUAL(strncmp(n1, "Counter.DLL.", 12), 0);
	b.mtime_ns++;
	ld_section_name(&b, "/x/y/Counter.DLL", n2, sizeof n2);
	CU_ASSERT_STRING_NOT_EQUAL(n1, n2);
	b = a;
	b.ctime_ns++;
	ld_section_name(&b, "/x/y/Counter.DLL", n2, sizeof n2);
	CU_ASSERT_STRING_NOT_EQUAL(n1, n2);
	b = a;
	b.base += 0x10000;
	ld_section_name(&b, "/x/y/Counter.DLL", n2, sizeof n2);
	CU_ASSERT_STRING_NOT_EQUAL(n1, n2);
	ld_section_name(&a, "/x/we ird/$a b", n2, sizeof n2);
	CU_ASSERT_EQUAL(strncmp(n2, "_a_b.", 5), 0);
	CU_ASSERT_EQUAL(ld_section_name(&a, "a.dll", n2, 8), -ENAMETOOLONG);
}

/* ---- layout and plan, on the in-memory image and a real DLL ---- */

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static const char *real_dll(void)
{
	static const char *const c[] = {
		"/usr/lib/gcc/x86_64-w64-mingw32/12-win32/libstdc++-6.dll",
		"/usr/x86_64-w64-mingw32/lib/libwinpthread-1.dll",
		"/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/kernel32.dll",
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		if (access(c[i], R_OK) == 0)
			return c[i];
	return NULL;
}

static void check_layout(const uint8_t *buf, size_t len)
{
	struct pe_image img;
	struct pe_error pe;
	struct ld_range r[PE_MAX_SECTIONS + 1];
	uint8_t *mem;
	int n;

	CU_ASSERT_EQUAL_FATAL(pe_parse(buf, len, &img, &pe), 0);
	n = ld_layout_ranges(&img, r, PE_MAX_SECTIONS + 1, NULL);
	CU_ASSERT_FATAL(n > 0);
	CU_ASSERT_EQUAL(r[0].rva, 0);
	CU_ASSERT_EQUAL(r[0].index, -1);
	CU_ASSERT_EQUAL(r[0].mapping, PE_MAP_SHARED_RO);
	for (int i = 0; i < n; i++) {
		CU_ASSERT_EQUAL(r[i].rva % LD_PAGE, 0);
		CU_ASSERT_EQUAL(r[i].size % LD_PAGE, 0);
		CU_ASSERT(r[i].size > 0);
		if (i)
			CU_ASSERT(r[i].rva >= r[i - 1].rva + r[i - 1].size);
		if (r[i].index >= 0) {
			const struct pe_section *s = &img.sections[r[i].index];

			CU_ASSERT_EQUAL((int)pe_section_mapping(&img, s), r[i].mapping);
			CU_ASSERT_EQUAL(!!(r[i].prot & PROT_WRITE),
			                !!(s->flags & PE_SCN_MEM_WRITE));
			CU_ASSERT_EQUAL(!!(r[i].prot & PROT_EXEC),
			                !!(s->flags & PE_SCN_MEM_EXECUTE));
		}
	}
	mem = calloc(1, img.size_of_image);
	CU_ASSERT_EQUAL_FATAL(ld_layout(&img, mem, img.size_of_image, NULL), 0);
	CU_ASSERT_EQUAL(memcmp(mem, buf, img.size_of_headers), 0);
	for (uint16_t i = 0; i < img.nsections; i++) {
		const struct pe_section *s = &img.sections[i];
		int zero = 1;

		CU_ASSERT_EQUAL(memcmp(mem + s->vaddr, buf + s->raw_off,
		                       s->raw_size), 0);
		for (uint32_t k = s->raw_size; k < s->vsize; k++)
			zero &= mem[s->vaddr + k] == 0;
		CU_ASSERT(zero);
	}
	/* Too small a buffer is an error, not an overflow. */
	CU_ASSERT(ld_layout(&img, mem, img.size_of_image - 1, NULL) < 0);
	/* The window form (what a section build uses) gives the same bytes
	 * window by window, whatever the windows' edges, zeros past
	 * SizeOfImage. */
	{
		uint64_t len = img.size_of_image + LD_PAGE;
		uint8_t *back = malloc(len);
		int same = 1;

		CU_ASSERT_FATAL(back != NULL);
		for (uint64_t w = 1; w <= len; w = w * 3 + 1) {
			for (uint64_t lo = 0; lo < len; lo += w) {
				uint64_t hi = lo + w < len ? lo + w : len;

				CU_ASSERT_EQUAL(ld_layout_window(&img, back + lo,
								 lo, hi, NULL), 0);
			}
			same &= !memcmp(back, mem, img.size_of_image);
			for (uint64_t k = img.size_of_image; k < len; k++)
				same &= back[k] == 0;
		}
		CU_ASSERT(same);
		free(back);
	}
	free(mem);
	pe_image_free(&img);
}

CU_TEST(loader, layout_and_plan_small_image)
{
	uint8_t buf[PB_SIZE];

	pb_build(buf);
	check_layout(buf, sizeof buf);
}

CU_TEST(loader, layout_and_plan_real_dll)
{
	const char *path = real_dll();
	size_t len = 0;
	uint8_t *buf = path ? read_all(path, &len) : NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	check_layout(buf, len);
	free(buf);
}

/* ---- relocation ---- */

struct touched {
	uint32_t pages[4096];
	int n;
};

static int touch(void *ctx, uint32_t page)
{
	struct touched *t = ctx;

	if (t->n < 4096)
		t->pages[t->n++] = page;
	return 0;
}

static void check_reloc(const uint8_t *buf, size_t len)
{
	struct pe_image img, back;
	struct pe_error pe;
	struct pe_reloc_iter it;
	struct pe_reloc r;
	struct touched *t = calloc(1, sizeof *t);
	uint8_t *orig, *mem;
	uint64_t delta = 0x7654320000ULL, a, b;
	long n, count = 0;

	CU_ASSERT_EQUAL_FATAL(pe_parse(buf, len, &img, &pe), 0);
	orig = calloc(1, img.size_of_image);
	mem = calloc(1, img.size_of_image);
	ld_layout(&img, orig, img.size_of_image, NULL);
	memcpy(mem, orig, img.size_of_image);
	n = ld_reloc_apply(&img, mem, img.size_of_image, img.image_base + delta,
	                   touch, t, NULL);
	CU_ASSERT(n > 0);
	CU_ASSERT_EQUAL(n, pe_reloc_count(&img, &pe));
	pe_reloc_begin(&img, &it);
	while (pe_reloc_next(&it, &r, &pe) > 0) {
		int seen = 0;

		if (r.type != PE_REL_DIR64)
			continue;
		memcpy(&a, orig + r.rva, 8);
		memcpy(&b, mem + r.rva, 8);
		CU_ASSERT_EQUAL(b, a + delta);
		for (int i = 0; i < t->n; i++)
			seen |= t->pages[i] == (r.rva & ~(LD_PAGE - 1));
		CU_ASSERT(seen);
		count++;
	}
	CU_ASSERT(count > 0);
	/* Relocating back restores every byte. */
	back = img;
	back.image_base += delta;
	CU_ASSERT_EQUAL(ld_reloc_apply(&back, mem, img.size_of_image,
	                               img.image_base, NULL, NULL, NULL), n);
	CU_ASSERT_EQUAL(memcmp(mem, orig, img.size_of_image), 0);
	/* The same base: nothing to do. */
	CU_ASSERT_EQUAL(ld_reloc_apply(&img, mem, img.size_of_image,
	                               img.image_base, NULL, NULL, NULL), 0);
	/* Collected and applied a window at a time (as a section build
	 * does, each window laid out with 8 bytes around it and given the
	 * entries that start in it or those 8 bytes before), the bytes are
	 * those of the one pass, whatever the windows' edges. */
	{
		struct ld_relocs rl;
		uint8_t *one = calloc(1, img.size_of_image);
		uint8_t *win = calloc(1, img.size_of_image + 16);
		uint64_t len = img.size_of_image;
		int same = 1;

		CU_ASSERT_FATAL(one && win);
		memcpy(one, orig, len);
		ld_reloc_apply(&img, one, len, img.image_base + delta, NULL,
			       NULL, NULL);
		CU_ASSERT_EQUAL(ld_relocs_collect(&img, len,
						  img.image_base + delta, &rl,
						  NULL), n);
		for (uint64_t w = 3; w <= len; w = w * 2 + 5) {
			for (uint64_t off = 0; off < len; off += w) {
				uint64_t end = off + w < len ? off + w : len;
				uint64_t lo = off >= 8 ? off - 8 : 0;
				uint64_t hi = end + 8 < len ? end + 8 : len;

				memcpy(win, orig + lo, hi - lo);
				ld_relocs_apply_range(&rl, win - lo, lo, end);
				same &= !memcmp(win + (off - lo), one + off,
						end - off);
			}
		}
		CU_ASSERT(same);
		ld_relocs_free(&rl);
		free(one);
		free(win);
	}
	free(orig);
	free(mem);
	free(t);
	pe_image_free(&img);
}

CU_TEST(loader, reloc_small_image)
{
	uint8_t buf[PB_SIZE];

	pb_build(buf);
	check_reloc(buf, sizeof buf);
}

CU_TEST(loader, reloc_real_dll)
{
	const char *path = real_dll();
	size_t len = 0;
	uint8_t *buf = path ? read_all(path, &len) : NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	check_reloc(buf, len);
	free(buf);
}

CU_TEST(loader, reloc_refuses_bad_entries)
{
	uint8_t buf[PB_SIZE], mem[PB_IMAGE];
	struct pe_image img;
	struct pe_error pe;
	struct ld_error err = {0};
	uint16_t e;

	/* An unsupported type (5, MIPS_JMPADDR) in the first entry. */
	pb_build(buf);
	memcpy(&e, buf + pb_off(PB_RELOC) + 8, 2);
	e = (uint16_t)((5 << 12) | (e & 0xfff));
	memcpy(buf + pb_off(PB_RELOC) + 8, &e, 2);
	CU_ASSERT_EQUAL_FATAL(pe_parse(buf, sizeof buf, &img, &pe), 0);
	memset(mem, 0, sizeof mem);
	ld_layout(&img, mem, sizeof mem, NULL);
	CU_ASSERT(ld_reloc_apply(&img, mem, sizeof mem, img.image_base + 0x10000,
	                         NULL, NULL, &err) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "type 5 is not supported"));
	pe_image_free(&img);
	/* A target beyond the memory given (a short buffer). */
	pb_build(buf);
	CU_ASSERT_EQUAL_FATAL(pe_parse(buf, sizeof buf, &img, &pe), 0);
	CU_ASSERT(ld_reloc_apply(&img, mem, 0x1000, img.image_base + 0x10000,
	                         NULL, NULL, &err) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "beyond"));
	/* Relocations stripped and the base unusable. */
	img.file_flags |= PE_FILE_RELOCS_STRIPPED;
	CU_ASSERT(ld_reloc_apply(&img, mem, sizeof mem, img.image_base + 0x10000,
	                         NULL, NULL, &err) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "stripped"));
	pe_image_free(&img);
}

/* ---- the region table ---- */

/* Regions belong to the table once published (it frees them when they
 * are removed): each comes from the heap. */
static struct ld_region *regs[64];

static struct ld_region *mkreg(int i, uintptr_t start, uintptr_t end)
{
	struct ld_region *r = calloc(1, sizeof *r + (end - start) / LD_PAGE);

	r->start = start;
	r->end = end;
	r->kind = LD_REGION_COW;
	r->mod_name = "fake.dll";
	r->sec_name = ".fake";
	r->mod_base = start;
	r->rva = (uint32_t)i;
	return regs[i] = r;
}

CU_TEST(loader, region_table_find_add_remove)
{
	struct ld_region *add[3] = {mkreg(0, 0x30000, 0x32000),
	                            mkreg(1, 0x10000, 0x11000),
	                            mkreg(2, 0x20000, 0x28000)};

	CU_ASSERT_PTR_NULL(ld_region_find(0x10000));
	CU_ASSERT_EQUAL(ld_region_add(add, 3), 0);
	CU_ASSERT_PTR_EQUAL(ld_region_find(0x10000), regs[1]);
	CU_ASSERT_PTR_EQUAL(ld_region_find(0x10fff), regs[1]);
	CU_ASSERT_PTR_NULL(ld_region_find(0x11000));
	CU_ASSERT_PTR_NULL(ld_region_find(0xffff));
	CU_ASSERT_PTR_EQUAL(ld_region_find(0x27fff), regs[2]);
	CU_ASSERT_PTR_EQUAL(ld_region_find(0x31000), regs[0]);
	CU_ASSERT_PTR_NULL(ld_region_find(0x32000));
	ld_region_remove(0x20000, 0x28000);
	CU_ASSERT_PTR_NULL(ld_region_find(0x20000));
	CU_ASSERT_PTR_EQUAL(ld_region_find(0x10000), regs[1]);
	CU_ASSERT_PTR_EQUAL(ld_region_find(0x31000), regs[0]);
	ld_region_remove(0, UINTPTR_MAX);
	CU_ASSERT_PTR_NULL(ld_region_find(0x10000));
}

static _Atomic int stop, misses;
static _Atomic long hits;

static void *lookup_loop(void *arg)
{
	struct ld_region *fixed = arg;

	while (!stop)
		if (ld_region_find(0x500800) != fixed)
			misses++;
	return NULL;
}

/* Readers never miss a region that stays while others come and go. */
CU_TEST(loader, region_table_lock_free_readers)
{
	struct ld_region *fixed = mkreg(10, 0x500000, 0x501000);
	pthread_t t[3];

	stop = misses = 0;
	CU_ASSERT_EQUAL(ld_region_add(&fixed, 1), 0);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, lookup_loop, fixed);
	for (int k = 0; k < 2000; k++) {
		struct ld_region *a[2] = {mkreg(11, 0x400000, 0x401000),
		                          mkreg(12, 0x600000, 0x601000)};

		ld_region_add(a, 2);
		ld_region_remove(0x400000, 0x401000);
		ld_region_remove(0x600000, 0x601000);
	}
	stop = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	CU_ASSERT_EQUAL(misses, 0);
	ld_region_remove(0, UINTPTR_MAX);
}

/* Bytes the allocator has handed out and not got back. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifdef UNDER_ASAN
#include <sanitizer/allocator_interface.h>
static size_t heap_in_use(void)
{
	return __sanitizer_get_current_allocated_bytes();
}
#else
#include <malloc.h>
static size_t heap_in_use(void)
{
	return mallinfo2().uordblks;
}
#endif

#define CHURN_BASE 0x7000000
#define CHURN_REGS 25

/* A view's worth of regions at CHURN_BASE + slot * 1 MiB; region i's
 * rva is i (readers check what they found). */
static void churn_add(int slot)
{
	struct ld_region *a[CHURN_REGS];
	uintptr_t base = CHURN_BASE + (uintptr_t)slot * 0x100000;

	for (int i = 0; i < CHURN_REGS; i++) {
		a[i] = mkreg(20 + i, base + i * 0x1000, base + (i + 1) * 0x1000);
		a[i]->kind = LD_REGION_SHARED_RO;
		a[i]->mod_base = base;
	}
	CU_ASSERT_EQUAL(ld_region_add(a, CHURN_REGS), 0);
}

static void churn_remove(int slot)
{
	uintptr_t base = CHURN_BASE + (uintptr_t)slot * 0x100000;

	ld_region_remove(base, base + CHURN_REGS * 0x1000);
}

/* A reader: looks up (the table must stay valid while it searches),
 * resolves a read fault (an access violation) and describes the address
 * (both read the region they find).  Under ASan a region or table freed
 * under it is a heap-use-after-free.  It cannot use what ld_region_find
 * returned: that is only valid while nobody removes it. */
static void *churn_reader(void *arg)
{
	unsigned k = (unsigned)(uintptr_t)arg;
	char desc[128];

	while (!stop) {
		int slot = (int)(k % 4), i = (int)(k / 4 % CHURN_REGS);
		uintptr_t a = CHURN_BASE + (uintptr_t)slot * 0x100000 +
		              (uintptr_t)i * 0x1000 + 0x10;
		int found = ld_region_find(a) != NULL;
		enum ld_fault f = ld_fault_resolve((void *)a, LD_ACCESS_READ, NULL);

		k = k * 1103515245u + 12345u;
		ld_fault_describe((void *)a, desc, sizeof desc);
		if (f != LD_FAULT_NOT_OURS && f != LD_FAULT_VIOLATION)
			misses++;
		if (strcmp(desc, "(not in any image)") &&
		    strncmp(desc, "fake.dll!.fake+0x10 (RVA ", 25))
			misses++;
		hits += found;
	}
	return NULL;
}

/* Views come and go (publish, remove) while readers hold what they found:
 * nothing they hold is freed under them (ASan), and what is removed is
 * freed all the same (the heap does not grow). */
CU_TEST(loader, region_table_reclaims_under_readers)
{
	pthread_t t[3];
	size_t before, after;

	stop = misses = 0;
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, churn_reader, (void *)(uintptr_t)(i * 77));
	hits = 0;
	/* At least 3000 rounds, and until the readers found regions often. */
	for (int k = 0; k < 3000 || (hits < 3000 && k < 3000000); k++) {
		if (k >= 4)
			churn_remove(k % 4);
		churn_add(k % 4);
	}
	stop = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	CU_ASSERT_EQUAL(misses, 0);
	CU_ASSERT(hits > 0);
	ld_region_remove(0, UINTPTR_MAX);

	/* Alone now: every remove frees at once.  20000 loads and unloads
	 * of 25 regions leaked ~60 MiB of tables and regions before. */
	churn_add(0);
	churn_remove(0);
	before = heap_in_use();
	for (int k = 0; k < 20000; k++) {
		churn_add(k % 4);
		churn_remove(k % 4);
	}
	after = heap_in_use();
	printf("\n    heap in use before %zu, after %zu bytes ", before, after);
	CU_ASSERT(after <= before + 4096);
	CU_ASSERT_PTR_NULL(ld_region_find(CHURN_BASE + 0x10));
}

/* ---- views mapped and unmapped while another thread resolves faults ---- */

static char cache_dir[] = "/tmp/dllshare-unit-view.XXXXXX";

static void remove_cache_dir(void)
{
	char cmd[100];

	snprintf(cmd, sizeof cmd, "rm -rf %s", cache_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", cache_dir);
}

/* min.dll (tests/pe/pe_build.c) in a private cache, once per process;
 * the record opens there with the first view. */
static const char *min_dll(void)
{
	static char path[sizeof cache_dir + 16];
	uint8_t img[PB_SIZE];
	FILE *f;

	if (path[0])
		return path;
	if (!mkdtemp(cache_dir))
		return NULL;
	/* Before the record's own handler: runs after it at exit. */
	atexit(remove_cache_dir);
	setenv("DLLSHARE_CACHE", cache_dir, 1);
	snprintf(path, sizeof path, "%s/min.dll", cache_dir);
	pb_build(img);
	f = fopen(path, "wb");
	if (!f || fwrite(img, 1, sizeof img, f) != sizeof img) {
		if (f)
			fclose(f);
		return NULL;
	}
	fclose(f);
	return path;
}

static uint8_t *volatile churn_view; /* the churning view's last base */
static uint8_t *data_page;           /* the steady view's .data */
static _Atomic long resolved;

static void *fault_loop(void *arg)
{
	char desc[128];

	for (unsigned k = 0; !stop; k++) {
		uint8_t *b = churn_view;

		/* The steady view: a write fault resolves, every time. */
		if (k % 16 == 0) {
			if (ld_fault_resolve(data_page + 8, LD_ACCESS_WRITE,
			                     NULL) != LD_FAULT_RESOLVED)
				misses++;
			data_page[8]++;
			ld_fault_describe(data_page + 8, desc, sizeof desc);
			if (strcmp(desc, "min.dll!.data+0x8 (RVA 0x3008)"))
				misses++;
			resolved++;
		}
		/* The churning one, mapped, being unmapped or gone. */
		if (b) {
			(void)ld_region_view((uintptr_t)b + 0x1010);
			ld_fault_describe(b + 0x1010, desc, sizeof desc);
			if (ld_fault_resolve(b + 0x1010, LD_ACCESS_WRITE, NULL) ==
			    LD_FAULT_RESOLVED)
				misses++; /* .text is not copy-on-write */
		}
	}
	return NULL;
}

CU_TEST(loader, views_map_unmap_while_faults_resolve)
{
	const char *path = min_dll();
	struct ld_section *sec;
	struct ld_view *steady, *v;
	struct ld_error err = {0};
	pthread_t t;
	int rounds = 0;
	uint8_t first;

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL_FATAL(ld_section_open(path, &sec, &err), 0);
	CU_ASSERT_EQUAL_FATAL(ld_view_map(sec, "min.dll", &steady, &err), 0);
	data_page = ld_view_base(steady) + 0x3000;
	first = data_page[8];
	stop = misses = 0;
	resolved = 0;
	pthread_create(&t, NULL, fault_loop, NULL);
	/* At least 1000 rounds, and until the other thread has faulted
	 * through a good number of them. */
	for (; rounds < 1000 || (resolved < 1000 && rounds < 100000); rounds++) {
		if (ld_view_map(sec, "churn.dll", &v, &err) < 0) {
			misses++;
			break;
		}
		churn_view = ld_view_base(v);
		if (ld_view_at(churn_view + 0x1010) != v ||
		    ld_region_view((uintptr_t)churn_view + 0x1010) != v)
			misses++;
		ld_view_unmap(v);
	}
	stop = 1;
	pthread_join(t, NULL);
	CU_ASSERT_EQUAL(misses, 0);
	CU_ASSERT(resolved > 0);
	CU_ASSERT_EQUAL(data_page[8], (uint8_t)(first + resolved));
	printf("\n    %d maps and unmaps, %ld faults resolved meanwhile ", rounds,
	       (long)resolved);
	ld_view_unmap(steady);
	ld_section_close(sec);
}

/* ---- the record: each event names its thread ---- */

#define TID_MODULE 0xfff0

static const struct ld_rec_event *event_with(uint32_t rva)
{
	const struct ld_rec_header *h = ld_record();
	const struct ld_rec_event *e =
		(const void *)((const char *)h + h->events_off);

	for (uint32_t i = 0; i < h->max_events; i++)
		if (__atomic_load_n(&e[i].seq, __ATOMIC_ACQUIRE) &&
		    e[i].module == TID_MODULE && e[i].rva == rva)
			return &e[i];
	return NULL;
}

static void *event_thread(void *arg)
{
	uint32_t rva = (uint32_t)(uintptr_t)arg;

	ld_record_event(TID_MODULE, 0, rva, LD_REC_NO_MODULE, 0, LD_REC_PAGE_WRITE);
	ld_record_event(TID_MODULE, 0, rva + 1, LD_REC_NO_MODULE, 0,
	                LD_REC_PAGE_WRITE);
	return (void *)(uintptr_t)gettid();
}

/* `cache gc` removing a section between a process's open and its lock
 * (the hook does it at that moment): the process looks again, builds a
 * new one, and ends up holding the file that has the name — so the next
 * process finds it rather than building a second copy. */
static int gc_calls;

static void gc_once(const char *file_path)
{
	if (gc_calls++ == 0)
		unlink(file_path);
}

CU_TEST(loader, section_removed_by_gc_before_lock)
{
	const char *path = min_dll();
	struct ld_section *sec;
	struct ld_error err = {0};
	struct stat held, named;

	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL_FATAL(ld_section_open(path, &sec, &err), 0);
	ld_section_close(sec); /* it exists now */
	gc_calls = 0;
	ld_section_opened_hook = gc_once;
	CU_ASSERT_EQUAL_FATAL(ld_section_open(path, &sec, &err), 0);
	ld_section_opened_hook = NULL;
	CU_ASSERT_EQUAL(gc_calls, 2);
	CU_ASSERT_EQUAL(fstat(sec->fd, &held), 0);
	CU_ASSERT_EQUAL(stat(sec->file_path, &named), 0);
	CU_ASSERT(held.st_nlink > 0);
	CU_ASSERT(held.st_ino == named.st_ino && held.st_dev == named.st_dev);
	ld_section_close(sec);
}

CU_TEST(loader, record_event_tids)
{
	struct ld_error err = {0};
	pthread_t t[2];
	void *tid[2];
	pid_t child;
	int st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(min_dll());
	CU_ASSERT_EQUAL_FATAL(ld_record_open(&err), 0);
	for (int i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, event_thread,
		               (void *)(uintptr_t)(0x10000 * (i + 1)));
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], &tid[i]);
	CU_ASSERT_NOT_EQUAL(tid[0], tid[1]);
	for (int i = 0; i < 2; i++) {
		uint32_t rva = 0x10000 * (i + 1);

		CU_ASSERT_PTR_NOT_NULL_FATAL(event_with(rva));
		CU_ASSERT_PTR_NOT_NULL_FATAL(event_with(rva + 1));
		CU_ASSERT_EQUAL(event_with(rva)->tid, (uint32_t)(uintptr_t)tid[i]);
		CU_ASSERT_EQUAL(event_with(rva + 1)->tid, (uint32_t)(uintptr_t)tid[i]);
	}
	/* This thread's id is known now; a fork child must not reuse it. */
	event_thread((void *)0x30000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(event_with(0x30000));
	CU_ASSERT_EQUAL(event_with(0x30000)->tid, (uint32_t)gettid());
	/* A fork child records under its own id, in its private copy of
	 * the record: its parent's record does not see the events. */
	fflush(stdout);
	child = fork();
	if (child == 0) {
		event_thread((void *)0x40000);
		_exit(!event_with(0x40000) || !event_with(0x40001) ||
		      event_with(0x40000)->tid != (uint32_t)getpid() ||
		      event_with(0x40001)->tid != (uint32_t)getpid());
	}
	CU_ASSERT_FATAL(child > 0);
	CU_ASSERT_EQUAL(waitpid(child, &st, 0), child);
	CU_ASSERT(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CU_ASSERT_PTR_NULL(event_with(0x40000));
	CU_ASSERT_PTR_NULL(event_with(0x40001));
}

/* ---- the cache directory ---- */

CU_TEST(loader, cache_dir_checks)
{
	char tmp[] = "/tmp/dllshare-unit.XXXXXX", dir[256], link[256];
	char out[PATH_MAX];
	struct ld_error err = {0};
	struct stat st;
	int fd;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(tmp));
	snprintf(dir, sizeof dir, "%s/cache", tmp);
	snprintf(link, sizeof link, "%s/link", tmp);
	setenv("DLLSHARE_CACHE", dir, 1);
	fd = ld_cache_open("proc", out, &err);
	CU_ASSERT(fd >= 0);
	if (fd >= 0)
		close(fd);
	CU_ASSERT_EQUAL(stat(dir, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "/cache/proc"));
	chmod(dir, 0770);
	CU_ASSERT_EQUAL(ld_cache_open(NULL, out, &err), -EPERM);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "writable"));
	chmod(dir, 0700);
	CU_ASSERT_EQUAL(symlink(dir, link), 0);
	setenv("DLLSHARE_CACHE", link, 1);
	CU_ASSERT_EQUAL(ld_cache_open(NULL, out, &err), -ELOOP);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "symlink"));
	unlink(link);
	snprintf(out, sizeof out, "%s/proc", dir);
	rmdir(out);
	rmdir(dir);
	rmdir(tmp);
	unsetenv("DLLSHARE_CACHE");
}

/* The section checksum is XXH64: the specification's known answers, and
 * the same value however the input is split (the opener streams it in
 * 128 KiB reads, the builder hashes the mapping in one call). */
CU_TEST(loader, section_checksum_is_xxh64)
{
	static const char spam[] = "Nobody inspects the spammish repetition";
	uint8_t buf[1000];
	uint64_t whole;

	CU_ASSERT_EQUAL(ld_hash(0, "", 0), 0xEF46DB3751D8E999ULL);
	CU_ASSERT_EQUAL(ld_hash(0, "a", 1), 0xD24EC4F1A98C6E5BULL);
	CU_ASSERT_EQUAL(ld_hash(0, "abc", 3), 0x44BC2CF5AD770999ULL);
	CU_ASSERT_EQUAL(ld_hash(0, spam, sizeof spam - 1),
	                0xFBCEA83C8A378BF1ULL);
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(i * 7 + 3);
	whole = ld_hash(42, buf, sizeof buf);
	for (size_t cut = 0; cut <= sizeof buf; cut += 37) {
		struct ld_hash h;

		ld_hash_init(&h, 42);
		ld_hash_update(&h, buf, cut);
		ld_hash_update(&h, buf + cut, sizeof buf - cut);
		CU_ASSERT_EQUAL(ld_hash_final(&h), whole);
	}
	buf[500] ^= 1; /* one bit: another sum */
	CU_ASSERT_NOT_EQUAL(ld_hash(42, buf, sizeof buf), whole);
}
