/*
 * cmd_map.c — `dllshare map`: map one image into this process and poke it.
 *
 *   dllshare map [--sync] [--touch] [--write SECTION+OFFSET[=BYTE]]...
 *                [--read SECTION+OFFSET] [--read-into SECTION+OFFSET]
 *                [--hold] [--reserve ADDR[+LEN]]... [--also OTHER.dll]...
 *                FILE.dll
 *
 * No code of the image runs.  The actions run in the order given, after
 * the image is mapped, and each prints what it did and which pages it made
 * private, so several processes can be compared (dllmap, pagemap):
 *   --sync        wait for a line (or EOF) on stdin before loading, so a
 *                 test can start many processes at once
 *   --touch       read one byte of every page (all pages become resident)
 *   --write       write a byte (default: the old value + 1)
 *   --read        print a byte
 *   --read-into   read() 16 bytes from a pipe into the image: the page is
 *                 privatized before the system call (ld_prepare_write)
 *   --hold        print "map: holding" and wait for a line (or EOF) on
 *                 stdin
 * Before FILE.dll is mapped:
 *   --reserve     take [ADDR, ADDR+LEN) (default 64 KiB) inaccessible, as
 *                 another mapping would, so the image cannot go there
 *   --also        map OTHER.dll first (it may take FILE.dll's base)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/cmd.h"
#include "loader/section.h"

enum act { A_TOUCH, A_WRITE, A_READ, A_READ_INTO, A_HOLD };

struct action {
	enum act what;
	const char *arg;
};

static const char *const reasons[] = {"shared", "write", "relocation",
                                      "binding", "protect", "syscall"};

static void wait_line(void)
{
	char c;

	while (read(0, &c, 1) == 1 && c != '\n')
		;
}

static const char *prot_str(int p)
{
	static char s[4];

	s[0] = p & PROT_READ ? 'r' : '-';
	s[1] = p & PROT_WRITE ? 'w' : '-';
	s[2] = p & PROT_EXEC ? 'x' : '-';
	s[3] = '\0';
	return s;
}

/* "SECTION+OFFSET[=BYTE]" to an RVA (checked against the section). */
static int parse_target(const struct pe_image *img, const char *arg,
                        uint32_t *rva, int *value)
{
	char name[PE_MAX_NAME], *end;
	const char *plus = strrchr(arg, '+');
	unsigned long off;
	size_t n;

	if (!plus || (n = plus - arg) == 0 || n >= sizeof name)
		return -1;
	memcpy(name, arg, n);
	name[n] = '\0';
	off = strtoul(plus + 1, &end, 0);
	*value = -1;
	if (*end == '=')
		*value = (int)strtoul(end + 1, &end, 0) & 0xff;
	if (*end)
		return -1;
	for (uint16_t i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		if (!strcmp(s->name, name) && off < s->vsize) {
			*rva = s->vaddr + (uint32_t)off;
			return 0;
		}
	}
	return -1;
}

/* Prints the privatization events since *seen. */
static void print_events(uint64_t *seen)
{
	struct ld_rec_header *h = ld_record();
	uint64_t total = __atomic_load_n(&h->events_total, __ATOMIC_ACQUIRE);
	const struct ld_rec_event *ev =
		(const void *)((const char *)h + h->events_off);

	for (; *seen < total; (*seen)++) {
		const struct ld_rec_event *e = &ev[*seen % h->max_events];
		const struct ld_rec_section *s = ld_record_section_at(e->section);

		printf("map: privatized %s!%s page RVA 0x%x (%s)\n",
		       ld_record_module_at(e->module)->name, s->name, e->rva,
		       reasons[e->reason < 6 ? e->reason : 0]);
	}
}

/* Under DLLSHARE_COW=uffd the kernel privatizes a page on its first
 * write and tells nobody: ask pagemap (bit 61 clear on a present page:
 * no longer the section file's page).  1 private, 0 not, -1 not such a
 * range or unknown. */
static int uffd_private(uintptr_t addr)
{
	struct ld_region *g = ld_region_find(addr);
	uint64_t e = 0;
	int fd;

	if (!g || !g->rsec || !(g->rsec->flags & LD_REC_SEC_UFFD))
		return -1;
	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (pread(fd, &e, sizeof e, (off_t)(addr / LD_PAGE * 8)) != sizeof e)
		e = 0;
	close(fd);
	if (!(e & (1ull << 63)))
		return -1;
	return !(e & (1ull << 61));
}

/* Pages of v's userfaultfd-protected ranges that are private now. */
static uint64_t uffd_count(struct ld_view *v)
{
	const struct pe_image *img = ld_section_pe(ld_view_section(v));
	uint8_t *base = ld_view_base(v);
	uint64_t n = 0;

	for (uint32_t p = 0; p < img->size_of_image; p += LD_PAGE)
		n += uffd_private((uintptr_t)(base + p)) == 1;
	return n;
}

static int do_action(struct ld_view *v, const struct action *a)
{
	const struct pe_image *img = ld_section_pe(ld_view_section(v));
	volatile uint8_t *base = ld_view_base(v);
	char buf[16] = "dllshare-readin";
	int value, fds[2];
	uint32_t rva;
	uint8_t old;
	int was;

	if (a->what == A_HOLD) {
		printf("map: holding, pid %d\n", (int)getpid());
		fflush(stdout);
		wait_line();
		printf("map: released\n");
		return 0;
	}
	if (a->what == A_TOUCH) {
		for (uint32_t p = 0; p < img->size_of_image; p += LD_PAGE)
			if (pe_section_at(img, p) || p < img->size_of_headers)
				(void)base[p];
		printf("map: touched every page\n");
		return 0;
	}
	if (parse_target(img, a->arg, &rva, &value) < 0) {
		fprintf(stderr, "dllshare: map: '%s' is not SECTION+OFFSET "
		        "inside a section of %s\n", a->arg,
		        ld_section_path(ld_view_section(v)));
		return -1;
	}
	switch (a->what) {
	case A_WRITE:
		old = base[rva];
		was = uffd_private((uintptr_t)(base + rva));
		base[rva] = value < 0 ? (uint8_t)(old + 1) : (uint8_t)value;
		printf("map: write %s at RVA 0x%x: 0x%02x -> 0x%02x\n", a->arg,
		       rva, old, base[rva]);
		if (was == 0 && uffd_private((uintptr_t)(base + rva)) == 1)
			printf("map: privatized by the kernel (userfaultfd) %s "
			       "page RVA 0x%x (write, not attributed)\n", a->arg,
			       rva & ~(LD_PAGE - 1));
		break;
	case A_READ:
		printf("map: read %s at RVA 0x%x = 0x%02x\n", a->arg, rva,
		       base[rva]);
		break;
	case A_READ_INTO:
		if (pipe(fds) < 0 || write(fds[1], buf, sizeof buf) != sizeof buf)
			return -1;
		close(fds[1]);
		if (ld_prepare_write((void *)(base + rva), sizeof buf) < 0 ||
		    read(fds[0], (void *)(base + rva), sizeof buf) != sizeof buf) {
			fprintf(stderr, "dllshare: map: read() into %s: %s\n",
			        a->arg, strerror(errno));
			close(fds[0]);
			return -1;
		}
		close(fds[0]);
		printf("map: read-into %s at RVA 0x%x: %.15s\n", a->arg, rva,
		       (const char *)(base + rva));
		break;
	default:
		break;
	}
	return 0;
}

static void print_view(struct ld_view *v)
{
	struct ld_section *sec = ld_view_section(v);
	const struct pe_image *img = ld_section_pe(sec);
	struct ld_range r[LD_MAX_RANGES];
	int n = ld_layout_ranges(img, r, LD_MAX_RANGES, NULL);

	printf("map: %s: section %s (%s)\n", sec->path, sec->file_path,
	       sec->created ? "created" : "reused");
	printf("map: base 0x%llx size 0x%x%s\n",
	       (unsigned long long)(uintptr_t)ld_view_base(v),
	       img->size_of_image,
	       ld_view_relocated(v) ? " (relocated privately: preferred base taken)"
	       : ld_view_rebased(v) ? " (rebased: preferred base taken, the "
	                              "section relocated once for this base)"
	                            : "");
	for (int i = 0; i < n; i++)
		printf("map: range %-10s rva 0x%08x size 0x%08x %-15s %s\n",
		       r[i].index < 0 ? "(headers)" : img->sections[r[i].index].name,
		       r[i].rva, r[i].size, pe_mapping_name(r[i].mapping),
		       prot_str(r[i].prot));
}

/* --reserve ADDR[+LEN]: occupy a range as another mapping would. */
static int reserve(const char *arg)
{
	char *end;
	unsigned long long a = strtoull(arg, &end, 0), len = 0x10000;
	void *p;

	if (*end == '+')
		len = strtoull(end + 1, &end, 0);
	if (*end || !len) {
		fprintf(stderr, "dllshare: map: --reserve '%s' is not "
		        "ADDR[+LEN]\n", arg);
		return -1;
	}
	p = mmap((void *)(uintptr_t)a, len, PROT_NONE,
	         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
	                 MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED || (uintptr_t)p != a) {
		fprintf(stderr, "dllshare: map: --reserve 0x%llx+0x%llx: %s\n",
		        a, len, p == MAP_FAILED ? strerror(errno) : "not there");
		return -1;
	}
	printf("map: reserved 0x%llx+0x%llx\n", a, len);
	return 0;
}

static void usage_to(FILE *f)
{
	fprintf(f,
		"usage: dllshare map [--sync] [--touch] [--write "
		"SECTION+OFFSET[=BYTE]]... [--read SECTION+OFFSET] "
		"[--read-into SECTION+OFFSET] [--hold] "
		"[--reserve ADDR[+LEN]]... [--also OTHER.dll]... [--trace] "
		"FILE.dll\n"
		"Maps FILE.dll into this process without running any of its "
		"code, then runs\nthe actions in order:\n"
		"  --sync       wait for a line on stdin before loading\n"
		"  --touch      read one byte of every page\n"
		"  --write      write a byte (default: the old value + 1)\n"
		"  --read       print a byte\n"
		"  --read-into  read() 16 bytes from a pipe into the image\n"
		"  --hold       print \"map: holding\" and wait for a line on "
		"stdin\n"
		"  --reserve    before mapping, take ADDR[+LEN] (default "
		"64 KiB) inaccessible\n"
		"  --also       map OTHER.dll first\n"
		"  --trace      print each loader step on stderr\n");
}

static void usage(void)
{
	usage_to(stderr);
}

int ld_cmd_map(int argc, char **argv, const struct ld_host *host)
{
	struct action *acts = calloc(argc, sizeof *acts);
	const char *file = NULL, *name, *also[8];
	struct ld_section *sec = NULL, *asec[8] = {0};
	struct ld_view *v = NULL, *aview[8] = {0};
	int nalso = 0;
	struct ld_error err = {0};
	uint64_t seen = 0, nk;
	int nacts = 0, sync = 0, rc = 1;

	for (int i = 1; acts && i < argc; i++) {
		const char *o = argv[i];
		int need = !strcmp(o, "--write") || !strcmp(o, "--read") ||
		           !strcmp(o, "--read-into") || !strcmp(o, "--reserve") ||
		           !strcmp(o, "--also");

		if (need && i + 1 >= argc)
			goto bad;
		if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
			usage_to(stdout);
			free(acts);
			return 0;
		}
		if (!strcmp(o, "--sync"))
			sync = 1;
		else if (!strcmp(o, "--touch"))
			acts[nacts++] = (struct action){A_TOUCH, NULL};
		else if (!strcmp(o, "--hold"))
			acts[nacts++] = (struct action){A_HOLD, NULL};
		else if (!strcmp(o, "--write"))
			acts[nacts++] = (struct action){A_WRITE, argv[++i]};
		else if (!strcmp(o, "--read"))
			acts[nacts++] = (struct action){A_READ, argv[++i]};
		else if (!strcmp(o, "--read-into"))
			acts[nacts++] = (struct action){A_READ_INTO, argv[++i]};
		else if (!strcmp(o, "--reserve")) {
			if (reserve(argv[++i]) < 0)
				goto out;
		} else if (!strcmp(o, "--also")) {
			if (nalso < 8)
				also[nalso++] = argv[++i];
			else
				goto bad;
		} else if (!strcmp(o, "--trace"))
			ld_trace_on = 1;
		else if (o[0] == '-' || file)
			goto bad;
		else
			file = o;
	}
	if (!file)
		goto bad;
	if (!host->fault_init || host->fault_init() < 0) {
		fprintf(stderr, "dllshare: map: cannot install the fault handler\n");
		goto out;
	}
	if (sync)
		wait_line();
	for (int i = 0; i < nalso; i++) {
		name = strrchr(also[i], '/') ? strrchr(also[i], '/') + 1 : also[i];
		if (ld_section_open(also[i], &asec[i], &err) < 0 ||
		    ld_view_map(asec[i], name, &aview[i], &err) < 0) {
			fprintf(stderr, "dllshare: %s\n", err.msg);
			goto out;
		}
		printf("map: also %s at 0x%llx\n", also[i],
		       (unsigned long long)(uintptr_t)ld_view_base(aview[i]));
	}
	if (nalso) /* the record is open: their events are not ours */
		seen = __atomic_load_n(&ld_record()->events_total,
		                       __ATOMIC_ACQUIRE);
	name = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	if (ld_section_open(file, &sec, &err) < 0 ||
	    ld_view_map(sec, name, &v, &err) < 0) {
		fprintf(stderr, "dllshare: %s\n", err.msg);
		goto out;
	}
	print_view(v);
	print_events(&seen); /* relocation, when it was private */
	for (int i = 0; i < nacts; i++) {
		if (do_action(v, &acts[i]) < 0)
			goto out;
		print_events(&seen);
		fflush(stdout);
	}
	printf("map: done, %llu pages privatized%s", (unsigned long long)seen,
	       ld_record()->fragmented_sections
	               ? " (fragmented: switched to kernel COW)" : "");
	if ((nk = uffd_count(v)))
		printf(", %llu more by the kernel (DLLSHARE_COW=uffd, from "
		       "pagemap)", (unsigned long long)nk);
	printf("\n");
	rc = 0;
out:
	if (v)
		ld_view_unmap(v);
	ld_section_close(sec);
	for (int i = nalso; i-- > 0;) {
		if (aview[i])
			ld_view_unmap(aview[i]);
		ld_section_close(asec[i]);
	}
	free(acts);
	return rc;
bad:
	usage();
	free(acts);
	return 2;
}
