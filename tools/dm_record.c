/*
 * dm_record.c — reading a dllshare process record (<cache>/proc/<pid>,
 * format in loader/record.h).
 *
 * The record is another process's file, written while we read it: every
 * count is loaded with acquire ordering (the writer publishes with
 * release stores), bounded by the header's capacities and the file size,
 * and a record whose process start time differs from the live process's
 * is stale (the pid was reused) and ignored.  What the record says about
 * pages is only the reason; the state always comes from the kernel.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/record.h"
#include "tools/dm.h"

/* Nonzero when path is a directory dllshare would use: a real directory
 * (not a symlink), ours, not group or world writable. */
static int dir_ours(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode) &&
	       st.st_uid == geteuid() && !(st.st_mode & 022);
}

void dm_cache_dir(char *buf, size_t n)
{
	const char *c = getenv("DLLSHARE_CACHE");
	const char *x = getenv("XDG_RUNTIME_DIR");
	char parent[400], best[256] = "";
	const char *stem;
	struct dirent *e;
	size_t slen;
	DIR *d;

	if (c && *c) {
		snprintf(buf, n, "%s", c);
		return;
	}
	if (x && *x)
		snprintf(buf, n, "%s/dllshare", x);
	else
		snprintf(buf, n, "/dev/shm/dllshare-%u", (unsigned)geteuid());
	if (access(buf, F_OK) != 0 || dir_ours(buf))
		return;
	/* Somebody else made the default one: dllshare fell back to the
	 * first "<default>.XXXXXX" of ours next to it (loader/cachedir.c). */
	stem = strrchr(buf, '/') + 1;
	slen = strlen(stem);
	snprintf(parent, sizeof parent, "%.*s", (int)(stem - 1 - buf), buf);
	if (!(d = opendir(parent)))
		return;
	while ((e = readdir(d))) {
		char path[700];

		if (strncmp(e->d_name, stem, slen) || e->d_name[slen] != '.' ||
		    strlen(e->d_name) != slen + 7)
			continue;
		snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
		if (dir_ours(path) && (!best[0] || strcmp(e->d_name, best) < 0))
			snprintf(best, sizeof best, "%s", e->d_name);
	}
	closedir(d);
	if (best[0])
		snprintf(buf, n, "%s/%s", parent, best);
}

/* Field 22 of /proc/PID/stat (start time in clock ticks); 0 when gone. */
static uint64_t start_time(int pid)
{
	char fn[64], buf[1024], *s;
	unsigned long long v = 0;
	ssize_t n;
	int fd;

	snprintf(fn, sizeof fn, "/proc/%d/stat", pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	s = strrchr(buf, ')'); /* the command name may hold spaces */
	if (!s)
		return 0;
	/* After ")": field 3 (state) ... field 22. */
	s++;
	for (int f = 3; f < 22 && s; f++)
		s = strchr(s + 1, ' ');
	if (s)
		v = strtoull(s + 1, NULL, 10);
	return v;
}

struct rec {
	const uint8_t *b;
	size_t len;
	const struct ld_rec_header *h;
	int fd; /* events are read with pread (read_events) */
};

static int table_ok(const struct rec *r, uint32_t off, uint32_t max,
                    size_t esz)
{
	return off >= sizeof *r->h && off <= r->len &&
	       (uint64_t)max * esz <= r->len - off;
}

static void rec_close(struct rec *r)
{
	if (r->b)
		munmap((void *)r->b, r->len);
	if (r->b)
		close(r->fd);
	r->b = NULL;
}

/* Version 1 records grew fields at the end of the header (the stack
 * table): one written before has the shorter header, and no stacks. */
static int header_size_ok(const struct ld_rec_header *h)
{
	return h->header_size == LD_REC_HEADER_V1_SIZE ||
	       h->header_size == sizeof *h;
}

static int has_stacks(const struct ld_rec_header *h)
{
	return h->header_size >= sizeof *h;
}

/* Maps and validates pid's record.  1 with *r filled (release with
 * rec_close), 0 when there is no live record (err->msg may say why, e.g.
 * stale) or it is being created (size 0, or no magic yet: the writer
 * sizes the file, then publishes the magic last), -EBADMSG with err
 * naming the file and the problem when one is there but cannot be read
 * (truncated, damaged, not a regular file, unreadable). */
static int rec_open(int pid, struct rec *r, struct dm_error *err)
{
	char dir[400], fn[512];
	struct stat st;
	int fd, rc;
	const struct ld_rec_header *h;

	memset(r, 0, sizeof *r);
	dm_cache_dir(dir, sizeof dir);
	snprintf(fn, sizeof fn, "%s/proc/%d", dir, pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0)
		return dm_fail(err, -EBADMSG, "record %s: %s", fn,
		               errno == ELOOP ? "a symlink" : strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dm_fail(err, -EBADMSG, "record %s: not a regular file",
		               fn);
	}
	if (st.st_size == 0) {
		close(fd);
		return 0; /* being created: not sized yet */
	}
	if ((size_t)st.st_size < sizeof *h) {
		close(fd);
		return dm_fail(err, -EBADMSG, "record %s: truncated (%lld "
		               "bytes, below its %zu-byte header)", fn,
		               (long long)st.st_size, sizeof *h);
	}
	r->len = (size_t)st.st_size;
	r->b = mmap(NULL, r->len, PROT_READ, MAP_SHARED, fd, 0);
	if (r->b == MAP_FAILED) {
		rc = -errno;
		close(fd);
		r->b = NULL;
		return dm_fail(err, rc, "%s: mmap: %s", fn, strerror(-rc));
	}
	r->fd = fd;
	r->h = h = (const struct ld_rec_header *)r->b;
	if (h->magic == 0 && h->pid == 0) {
		rec_close(r);
		return 0; /* sized, header not yet published */
	}
	if (h->magic == LD_REC_MAGIC && h->version == LD_REC_VERSION &&
	    header_size_ok(h) && h->file_size > r->len) {
		rc = dm_fail(err, -EBADMSG, "record %s: truncated (%zu bytes, "
		             "the header says %llu)", fn, r->len,
		             (unsigned long long)h->file_size);
		goto bad;
	}
	if (h->magic != LD_REC_MAGIC || h->version != LD_REC_VERSION ||
	    !header_size_ok(h) || h->pid != (uint32_t)pid) {
		rc = dm_fail(err, -EBADMSG,
		        "record %s: not a version %d record for pid %d (magic "
		        "0x%llx version %u pid %u)",
		        fn, LD_REC_VERSION, pid, (unsigned long long)h->magic,
		        h->version, h->pid);
		goto bad;
	}
	r->len = h->file_size;
	if (!table_ok(r, h->modules_off, h->max_modules,
	              sizeof(struct ld_rec_module)) ||
	    !table_ok(r, h->sections_off, h->max_sections,
	              sizeof(struct ld_rec_section)) ||
	    !table_ok(r, h->events_off, h->max_events,
	              sizeof(struct ld_rec_event)) ||
	    !table_ok(r, h->pages_off, h->max_pages, 1) ||
	    (has_stacks(h) &&
	     (!table_ok(r, h->stacks_off, h->max_stacks,
	                sizeof(struct ld_rec_stack)) ||
	      !table_ok(r, h->stack_pages_off, h->max_stack_pages, 1)))) {
		rc = dm_fail(err, -EBADMSG, "record %s: a table lies outside "
		             "the file (size %zu)", fn, r->len);
		goto bad;
	}
	if (h->proc_starttime != start_time(pid)) {
		dm_fail(err, 0, "stale record %s ignored (pid reused)", fn);
		r->len = (size_t)st.st_size;
		rec_close(r);
		return 0;
	}
	r->len = (size_t)st.st_size;
	return 1;
bad:
	r->len = (size_t)st.st_size;
	rec_close(r);
	return rc; /* not err->code: err may be NULL */
}

static uint32_t acquire32(const uint32_t *p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* The module table entry i, or NULL when out of range. */
static const struct ld_rec_module *rec_module(const struct rec *r,
                                              uint32_t nmods, uint32_t i)
{
	if (i >= nmods)
		return NULL;
	return (const struct ld_rec_module *)(r->b + r->h->modules_off) + i;
}

static void copy_str(char *dst, size_t n, const char *src, size_t max)
{
	size_t k = strnlen(src, max);

	if (k >= n)
		k = n - 1;
	memcpy(dst, src, k);
	dst[k] = '\0';
}

/* Adds to mod's note why its shared section s is this process's own. */
static void note_unshared(struct dm_module *mod, const struct dm_section *s)
{
	size_t n = strlen(mod->note);

	snprintf(mod->note + n, sizeof mod->note - n,
	         "%sshared section %s is private: %s; other processes do "
	         "not see its writes", n ? "; " : "", s->name,
	         s->unshared == 1 ? "the cache was full, so it was laid out "
	                            "in this process's own memory"
	                          : "another process has it privately (the "
	                            "cache was full when it started), so this "
	                            "one does too");
}

static int add_module(struct dm_proc *p, const struct rec *r,
                      const struct ld_rec_module *rm, uint32_t nsecs,
                      uint32_t npages, struct dm_error *err)
{
	const struct ld_rec_section *st =
		(const struct ld_rec_section *)(r->b + r->h->sections_off);
	const uint8_t *states = r->b + r->h->pages_off;
	struct dm_module *mod, *v;

	v = realloc(p->mods, (size_t)(p->nmods + 1) * sizeof *v);
	if (!v)
		return dm_fail(err, -ENOMEM, "pid %d: out of memory", p->pid);
	p->mods = v;
	mod = &v[p->nmods++];
	memset(mod, 0, sizeof *mod);
	copy_str(mod->name, sizeof mod->name, rm->name, LD_REC_NAME);
	copy_str(mod->path, sizeof mod->path, rm->path, LD_REC_PATH);
	mod->base = rm->base;
	mod->size = (rm->size + DM_PAGE - 1) & ~(DM_PAGE - 1);
	if (rm->flags & LD_REC_MOD_UNSHARED)
		snprintf(mod->note, sizeof mod->note, "unshared: the cache was "
		         "full, so its section was laid out in this process's "
		         "own memory; no other process shares its pages");
	else if (rm->flags & LD_REC_MOD_REBASED)
		snprintf(mod->note, sizeof mod->note, "rebased: preferred base "
		         "taken; maps the section relocated once for 0x%llx, "
		         "its relocated pages shared",
		         (unsigned long long)rm->section_base);
	else if (rm->flags & LD_REC_MOD_RELOCATED)
		snprintf(mod->note, sizeof mod->note, "relocated privately: "
		         "preferred base taken; relocated pages are this "
		         "process's own");
	for (uint32_t i = 0; i < rm->nsections; i++) {
		uint32_t gi = rm->first_section + i;
		const struct ld_rec_section *rs;
		char name[LD_REC_SECNAME + 1];
		int before = mod->nsecs;

		if (gi < rm->first_section || gi >= nsecs)
			break; /* not published yet, or corrupt */
		rs = &st[gi];
		copy_str(name, sizeof name, rs->name, LD_REC_SECNAME);
		if (dm_add_section(mod, name, rs->rva,
		                   (uint64_t)rs->rva + rs->size) < 0)
			return dm_fail(err, -ENOMEM, "pid %d: out of memory",
			               p->pid);
		if (mod->nsecs == before)
			continue;
		struct dm_section *s = &mod->secs[mod->nsecs - 1];
		s->mapping = (int)rs->mapping;
		s->fragmented = !!(rs->flags & LD_REC_SEC_FRAGMENTED);
		s->uffd = !!(rs->flags & LD_REC_SEC_UFFD);
		s->unshared = rs->flags & LD_REC_SEC_SHR_FULL   ? 1
		              : rs->flags & LD_REC_SEC_SHR_PEER ? 2
		                                                : 0;
		if (s->unshared)
			note_unshared(mod, s);
		if (s->rva < rs->rva)
			continue; /* an unaligned RVA: no page states to trust */
		for (uint32_t k = 0; k < s->npages; k++) {
			uint32_t pi = rs->first_page + (s->rva - rs->rva) / DM_PAGE + k;
			uint8_t why;

			if (k >= rs->npages || pi < rs->first_page || pi >= npages)
				break;
			why = __atomic_load_n(&states[pi], __ATOMIC_RELAXED);
			s->pages[k].reason = why < DM_NREASONS ? why : 0;
		}
	}
	return 0;
}

/* Where the instruction of event ev was: "X.dll+0x1234", or outside
 * images the file mapped there ("dllshare+0x5678": dllshare's own code,
 * running for the program) or an address. */
static void event_where(const struct rec *r, uint32_t nmods,
                        const struct dm_maps *m,
                        const struct ld_rec_event *ev, char *buf, size_t n)
{
	const struct dm_map *e;
	const struct ld_rec_module *im = ev->insn_module == LD_REC_NO_MODULE
	                                         ? NULL
	                                         : rec_module(r, nmods,
	                                                      ev->insn_module);
	char name[LD_REC_NAME + 1];

	if (!im && ev->insn_offset == 0) {
		buf[0] = '\0'; /* no instruction: binding, relocation */
		return;
	}
	e = im || !m ? NULL : dm_maps_find(m, ev->insn_offset);
	if (!im && e && e->path[0] == '/') {
		const char *base = strrchr(e->path, '/') + 1;

		snprintf(buf, n, "%.40s+0x%llx (not an image)", base,
		         (unsigned long long)(ev->insn_offset - e->start +
		                              e->off));
		return;
	}
	if (!im) {
		snprintf(buf, n, "0x%llx (outside any image)",
		         (unsigned long long)ev->insn_offset);
		return;
	}
	copy_str(name, sizeof name, im->name, LD_REC_NAME);
	snprintf(buf, n, "%s+0x%llx", name,
	         (unsigned long long)ev->insn_offset);
}

/* Where rva falls in module mi: the section and page indexes in *e; 0,
 * or -1 when no section of ours covers it. */
static int locate(const struct dm_proc *p, int mi, uint32_t rva,
                  struct dm_event *e)
{
	if (mi < 0 || mi >= p->nmods)
		return -1;
	const struct dm_module *mod = &p->mods[mi];
	for (int s = 0; s < mod->nsecs; s++) {
		const struct dm_section *sec = &mod->secs[s];
		if (rva >= sec->rva &&
		    rva - sec->rva < (uint64_t)sec->npages * DM_PAGE) {
			e->image = 1;
			e->module = mi;
			e->section = s;
			e->page = (rva - sec->rva) / DM_PAGE;
			return 0;
		}
	}
	return -1;
}

/* Copies events [first, total) of the ring (total - first <= its size),
 * oldest first, with pread rather than through the mapping: a slot that
 * never got its blocks (a full cache, LD_REC_F_INCOMPLETE) reads as
 * zeros, where touching it through the mapping would ask tmpfs for a
 * page it has not got (SIGBUS).  NULL when out of memory. */
static struct ld_rec_event *read_ring(const struct rec *r, uint64_t first,
                                      uint64_t total)
{
	uint32_t max = r->h->max_events;
	struct ld_rec_event *v = calloc((size_t)(total - first), sizeof *v);
	uint64_t i = first;

	while (v && i < total) {
		uint64_t slot = i % max, n = total - i;
		ssize_t got;

		if (n > max - slot)
			n = max - slot; /* up to the end of the ring */
		got = pread(r->fd, &v[i - first], n * sizeof *v,
		            (off_t)(r->h->events_off + slot * sizeof *v));
		if (got < 0)
			got = 0; /* left zero: seq 0 matches no event */
		i += n;
	}
	return v;
}

/* The live thread stacks of the record into p->stacks; stackmap[i] is
 * our index of record stack i, or -1 (freed, or not believable). */
static int read_stacks(struct dm_proc *p, const struct rec *r, int *stackmap,
                       uint32_t nstacks, struct dm_error *err)
{
	const struct ld_rec_header *h = r->h;
	const struct ld_rec_stack *t =
		(const struct ld_rec_stack *)(r->b + h->stacks_off);
	const uint8_t *bytes = r->b + h->stack_pages_off;
	uint32_t nbytes = acquire32(&h->nstack_pages);

	if (nbytes > h->max_stack_pages)
		nbytes = h->max_stack_pages;
	p->stacks = calloc(nstacks ? nstacks : 1, sizeof *p->stacks);
	if (!p->stacks)
		return dm_fail(err, -ENOMEM, "pid %d: out of memory", p->pid);
	for (uint32_t i = 0; i < nstacks; i++) {
		struct ld_rec_stack rs;
		struct dm_stack *s = &p->stacks[p->nstacks];

		stackmap[i] = -1;
		memcpy(&rs, &t[i], sizeof rs);
		if ((__atomic_load_n(&t[i].flags, __ATOMIC_ACQUIRE) &
		     LD_REC_STACK_FREED) ||
		    rs.hi <= rs.lo || (rs.lo | rs.hi) % DM_PAGE ||
		    rs.npages != (rs.hi - rs.lo) / DM_PAGE ||
		    rs.first_page > nbytes || rs.npages > nbytes - rs.first_page)
			continue;
		s->tid = rs.tid;
		s->lo = rs.lo;
		s->hi = rs.hi;
		s->limit = __atomic_load_n(&t[i].limit, __ATOMIC_ACQUIRE);
		s->guard = __atomic_load_n(&t[i].guard, __ATOMIC_ACQUIRE);
		if (s->guard && s->guard >= s->limit) /* read between stores */
			s->guard = s->limit - DM_PAGE;
		s->room = rs.room;
		s->overflowed = !!(rs.flags & LD_REC_STACK_OVERFLOWED);
		s->npages = rs.npages;
		s->reason = calloc(rs.npages, 1);
		s->kern = calloc(rs.npages, 1);
		s->event = malloc(rs.npages * sizeof *s->event);
		if (!s->reason || !s->kern || !s->event) {
			free(s->reason);
			free(s->kern);
			free(s->event);
			return dm_fail(err, -ENOMEM, "pid %d: out of memory",
			               p->pid);
		}
		for (uint32_t k = 0; k < rs.npages; k++) {
			uint8_t why = __atomic_load_n(&bytes[rs.first_page + k],
			                              __ATOMIC_RELAXED);

			s->reason[k] = why >= LD_REC_STACK_FIRST &&
			                               why <= LD_REC_STACK_LAST
			                       ? why
			                       : 0;
			s->event[k] = -1;
		}
		stackmap[i] = p->nstacks++;
	}
	return 0;
}

/* Links the pages of a stack event to it (the latest commit of each
 * page wins: a page is committed once in a stack's life). */
static void stack_event(struct dm_proc *p, const struct rec *r,
                        const int *stackmap, uint32_t nstacks,
                        const struct ld_rec_event *ev, int idx)
{
	const struct ld_rec_stack *t =
		(const struct ld_rec_stack *)(r->b + r->h->stacks_off);
	struct dm_stack *s;
	uint32_t first;

	if (!stackmap || ev->section >= nstacks || stackmap[ev->section] < 0 ||
	    ev->time_ns < t[ev->section].time_ns)
		return; /* an earlier stack of a reused entry */
	s = &p->stacks[stackmap[ev->section]];
	first = ev->rva / DM_PAGE;
	p->events[idx].stack = stackmap[ev->section];
	p->events[idx].page = first;
	p->events[idx].npages = ev->npages;
	for (uint32_t k = first; k < s->npages && k - first < ev->npages; k++)
		if (s->reason[k] == ev->reason)
			s->event[k] = idx;
}

/* Reads the event ring, oldest first: every event the ring still holds
 * on a page of ours (the HTML replay shows them all), and links each
 * page to the first event that privatized it; a stack event goes to its
 * stack's pages.  modmap maps record module index to ours; stackmap,
 * record stack index to ours. */
static int read_events(struct dm_proc *p, const struct rec *r,
                       uint32_t nmods, const int *modmap,
                       const int *stackmap, uint32_t nstacks,
                       const struct dm_maps *m, struct dm_error *err)
{
	uint64_t total = __atomic_load_n(&r->h->events_total, __ATOMIC_ACQUIRE);
	uint32_t max = r->h->max_events;
	uint64_t first = total > max ? total - max : 0;
	struct ld_rec_event *ring;

	if (max == 0 || total == first)
		return 0;
	p->events = calloc((size_t)(total - first), sizeof *p->events);
	ring = read_ring(r, first, total);
	if (!p->events || !ring) {
		free(ring);
		return dm_fail(err, -ENOMEM, "pid %d: out of memory", p->pid);
	}
	for (uint64_t i = first; i < total; i++) {
		struct dm_event *de = &p->events[p->nevents];
		struct ld_rec_event ev = ring[i - first];
		struct dm_page *pg;

		if (ev.seq != i + 1)
			continue; /* overwritten or still being written */
		if (ev.module == LD_REC_NO_MODULE &&
		    ev.reason >= LD_REC_STACK_FIRST &&
		    ev.reason <= LD_REC_STACK_LAST) {
			event_where(r, nmods, m, &ev, de->where, sizeof de->where);
			de->tid = ev.tid;
			de->seq = ev.seq;
			de->time_ns = ev.time_ns;
			de->reason = ev.reason;
			de->image = 0; /* no image page */
			de->stack = -1; /* until stack_event finds its stack */
			stack_event(p, r, stackmap, nstacks, &ev, p->nevents++);
			continue;
		}
		de->stack = -1;
		if (ev.module >= nmods ||
		    locate(p, modmap[ev.module], ev.rva, de) < 0)
			continue;
		event_where(r, nmods, m, &ev, de->where, sizeof de->where);
		de->tid = ev.tid;
		de->seq = ev.seq;
		de->time_ns = ev.time_ns;
		de->reason = ev.reason;
		pg = &p->mods[de->module].secs[de->section].pages[de->page];
		if (pg->event < 0)
			pg->event = p->nevents;
		p->nevents++;
	}
	free(ring);
	return 0;
}

int dm_record_images(struct dm_proc *p, const struct dm_maps *m,
                     struct dm_error *err)
{
	struct rec r;
	struct dm_error why = { 0, "" };
	int rc = rec_open(p->pid, &r, &why), *modmap = NULL, *stackmap = NULL;
	uint32_t nstacks = 0;

	if (rc < 0) {
		*err = why;
		return rc;
	}
	if (rc == 0) {
		if (why.msg[0])
			snprintf(p->note, sizeof p->note, "%s", why.msg);
		return 0;
	}
	const struct ld_rec_header *h = r.h;
	uint32_t nmods = acquire32(&h->nmodules);
	uint32_t nsecs = acquire32(&h->nsections);
	uint32_t npages = acquire32(&h->npages);

	if (nmods > h->max_modules)
		nmods = h->max_modules;
	if (nsecs > h->max_sections)
		nsecs = h->max_sections;
	if (npages > h->max_pages)
		npages = h->max_pages;
	copy_str(p->program, sizeof p->program, h->program, LD_REC_PATH);
	p->start_ns = h->start_time_ns;
	if (__atomic_load_n(&h->flags, __ATOMIC_ACQUIRE) & LD_REC_F_INCOMPLETE) {
		p->rec_incomplete = 1;
		snprintf(p->note, sizeof p->note, "record incomplete (cache "
		         "full): what the process loaded or privatized after "
		         "the cache filled is not in it; those images are the "
		         "kernel's view, their private pages without reasons");
	}
	p->rec_faults = h->write_faults;
	p->rec_fragmented = h->fragmented_sections;
	for (int i = 1; i < DM_NREASONS; i++)
		p->rec_private[i] = h->private_pages[i];
	modmap = calloc(nmods ? nmods : 1, sizeof *modmap);
	if (!modmap) {
		rc = dm_fail(err, -ENOMEM, "pid %d: out of memory", p->pid);
		goto out;
	}
	for (uint32_t i = 0; i < nmods; i++) {
		const struct ld_rec_module *rm = rec_module(&r, nmods, i);

		modmap[i] = -1;
		if (rm->flags & LD_REC_MOD_UNLOADED)
			continue;
		modmap[i] = p->nmods;
		if ((rc = add_module(p, &r, rm, nsecs, npages, err)) < 0)
			goto out;
	}
	if (has_stacks(h)) {
		nstacks = acquire32(&h->nstacks);
		if (nstacks > h->max_stacks)
			nstacks = h->max_stacks;
		for (int i = 0; i < 8; i++)
			p->rec_stack_commits[i] = h->stack_commits[i];
		stackmap = calloc(nstacks ? nstacks : 1, sizeof *stackmap);
		if (!stackmap) {
			rc = dm_fail(err, -ENOMEM, "pid %d: out of memory",
			             p->pid);
			goto out;
		}
		if ((rc = read_stacks(p, &r, stackmap, nstacks, err)) < 0)
			goto out;
	}
	rc = read_events(p, &r, nmods, modmap, stackmap, nstacks, m, err);
	if (rc == 0)
		rc = 1;
out:
	free(modmap);
	free(stackmap);
	rec_close(&r);
	return rc;
}

void dm_record_reasons(struct dm_proc *p)
{
	/* The kernel has the last word on state; the record only explains.
	 * A page the record privatized that the kernel shows shared is a
	 * disagreement worth saying (it should never happen); a private
	 * page the record does not explain (a fragmented section, kernel
	 * copy-on-write) keeps no reason. */
	p->disagree = 0;
	for (int i = 0; i < p->nmods; i++)
		for (int s = 0; s < p->mods[i].nsecs; s++) {
			struct dm_section *sec = &p->mods[i].secs[s];
			for (uint32_t k = 0; k < sec->npages; k++) {
				struct dm_page *pg = &sec->pages[k];
				if (pg->reason && pg->state == DM_SHARED)
					p->disagree++;
				if (pg->state != DM_PRIVATE) {
					pg->reason = 0;
					pg->event = -1;
				}
			}
		}
	if (p->disagree)
		snprintf(p->note, sizeof p->note,
		         "the record calls %u page(s) private that the "
		         "kernel shows shared", p->disagree);
}

int dm_record_pids(int **out, struct dm_error *err)
{
	char dir[400], pd[512];
	DIR *d;
	struct dirent *de;
	int *v = NULL, n = 0, cap = 0;

	*out = NULL;
	dm_cache_dir(dir, sizeof dir);
	snprintf(pd, sizeof pd, "%s/proc", dir);
	d = opendir(pd);
	if (!d)
		return 0; /* no dllshare process ever ran here */
	while ((de = readdir(d))) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 0 || pid > 0x7fffffff)
			continue;
		struct rec r;
		struct dm_error why;

		if (kill((pid_t)pid, 0) < 0 && errno != EPERM)
			continue; /* dead: its record is left for gc */
		if (rec_open((int)pid, &r, &why) != 1)
			continue; /* stale (pid reused) or not a record */
		rec_close(&r);
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			int *nv = realloc(v, (size_t)cap * sizeof *nv);
			if (!nv) {
				free(v);
				closedir(d);
				return dm_fail(err, -ENOMEM, "out of memory");
			}
			v = nv;
		}
		v[n++] = (int)pid;
	}
	closedir(d);
	*out = v;
	return n;
}
