/*
 * dm_pagemap.c — the kernel's view of each page (Documentation/admin-guide/
 * mm/pagemap.rst): /proc/PID/pagemap gives one 64-bit entry per virtual
 * page (present, swapped, file-or-shared-anon, exclusively mapped, PFN);
 * /proc/kpagecount and /proc/kpageflags give, per physical frame, how many
 * page tables map it and what it is.  PFNs and the frame tables need
 * CAP_SYS_ADMIN; without it dllmap says what it cannot know.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/dm.h"

void dm_classify(uint64_t pme, uint64_t kflags, int shared_writable,
                 struct dm_page *pg)
{
	pg->flags &= DM_PG_UNMAPPED;
	if (!(pme & DM_PM_PRESENT)) {
		pg->state = DM_NOT_RESIDENT;
		if (pme & DM_PM_SWAPPED)
			pg->flags |= DM_PG_SWAPPED;
		return;
	}
	if (pme & DM_PM_EXCL)
		pg->flags |= DM_PG_EXCL;
	if (shared_writable) {
		pg->state = DM_SHARED_WRITABLE;
	} else if (pme & DM_PM_FILE) {
		/* The page-cache (or shmem) page: whoever maps this file
		 * range maps this very frame. */
		pg->state = DM_SHARED;
	} else if (kflags & DM_KPF_ZERO_PAGE) {
		/* A read of a never-written private page: the kernel's one
		 * zero page, shared by everybody and costing nothing. */
		pg->state = DM_SHARED;
		pg->flags |= DM_PG_ZERO;
	} else {
		/* Anonymous page in an image mapping: the copy made on the
		 * first write (or by the loader); this process's own. */
		pg->state = DM_PRIVATE;
	}
}

/* The frame tables, opened once; -1 when not readable (not root). */
static int kpc_fd = -2, kpf_fd = -2;

static void frames_open(void)
{
	if (kpc_fd != -2)
		return;
	kpc_fd = open("/proc/kpagecount", O_RDONLY | O_CLOEXEC);
	kpf_fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC);
	if (kpc_fd < 0 || kpf_fd < 0) {
		if (kpc_fd >= 0)
			close(kpc_fd);
		if (kpf_fd >= 0)
			close(kpf_fd);
		kpc_fd = kpf_fd = -1;
	}
}

static uint64_t frame_word(int fd, uint64_t pfn)
{
	uint64_t v = 0;

	if (fd < 0 || pread(fd, &v, sizeof v, (off_t)(pfn * 8)) != sizeof v)
		return 0;
	return v;
}

int dm_read_pagemap(int fd, uint64_t va, uint32_t n, uint64_t *pme)
{
	size_t want = (size_t)n * 8, got = 0;

	while (got < want) {
		ssize_t r = pread(fd, (char *)pme + got, want - got,
		                  (off_t)((va / DM_PAGE) * 8 + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno == ESRCH ? -ESRCH : -errno;
		if (r == 0)
			return -ESRCH;
		got += (size_t)r;
	}
	return 0;
}

static void fill_page(struct dm_proc *p, const struct dm_maps *m,
                      uint64_t va, uint64_t pme, struct dm_page *pg)
{
	const struct dm_map *e = dm_maps_find(m, va);
	uint64_t pfn = pme & DM_PM_PFN_MASK, kflags = 0;
	int shw;

	pg->flags = 0;
	pg->count = 0;
	pg->pfn = 0;
	if (!e) {
		pg->state = DM_NOT_RESIDENT;
		pg->flags = DM_PG_UNMAPPED;
		return;
	}
	shw = e->perms[1] == 'w' && e->perms[3] == 's';
	if ((pme & DM_PM_PRESENT) && pfn && p->counts_known)
		kflags = frame_word(kpf_fd, pfn);
	dm_classify(pme, kflags, shw, pg);
	if (pg->state != DM_NOT_RESIDENT && p->counts_known)
		pg->pfn = pfn;
	if (pg->state == DM_NOT_RESIDENT || (pg->flags & DM_PG_ZERO))
		return;
	if (pfn && p->counts_known)
		pg->count = (uint32_t)frame_word(kpc_fd, pfn);
	else if (pg->flags & DM_PG_EXCL)
		pg->count = 1;
}

int dm_pages_fill(struct dm_proc *p, const struct dm_maps *m,
                  struct dm_error *err)
{
	char fn[64];
	uint64_t *pme = NULL;
	int fd, rc = 0;

	frames_open();
	p->counts_known = kpc_fd >= 0;
	snprintf(fn, sizeof fn, "/proc/%d/pagemap", p->pid);
	fd = open(fn, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		if (rc == -ENOENT)
			return dm_fail(err, -ESRCH, "pid %d: exited while being "
			                            "read", p->pid);
		return dm_fail(err, rc, "pid %d: %s: %s", p->pid, fn,
		               rc == -EACCES || rc == -EPERM
		                       ? dm_denied(p->pid)
		                       : strerror(-rc));
	}
	for (int i = 0; i < p->nmods && rc == 0; i++) {
		struct dm_module *mod = &p->mods[i];

		for (int s = 0; s < mod->nsecs && rc == 0; s++) {
			struct dm_section *sec = &mod->secs[s];
			uint64_t va = mod->base + sec->rva;

			free(pme);
			pme = calloc(sec->npages ? sec->npages : 1, 8);
			if (!pme) {
				rc = dm_fail(err, -ENOMEM, "pid %d: out of memory",
				             p->pid);
				break;
			}
			rc = dm_read_pagemap(fd, va, sec->npages, pme);
			if (rc < 0) {
				dm_fail(err, rc, "pid %d: %s", p->pid,
				        rc == -ESRCH ? "exited while being read"
				                     : strerror(-rc));
				break;
			}
			for (uint32_t k = 0; k < sec->npages; k++)
				fill_page(p, m, va + (uint64_t)k * DM_PAGE, pme[k],
				          &sec->pages[k]);
		}
	}
	free(pme);
	close(fd);
	if (rc == 0)
		dm_totals(p);
	return rc;
}

static void count_page(const struct dm_page *pg, uint32_t *n,
                       uint32_t *unique, double *pss, int *pss_known)
{
	n[pg->state]++;
	if (pg->state == DM_NOT_RESIDENT || (pg->flags & DM_PG_ZERO))
		return;
	if (pg->count == 0) {
		*pss_known = 0;
		return;
	}
	if (pg->count == 1)
		(*unique)++;
	*pss += 1.0 / pg->count;
}

void dm_totals(struct dm_proc *p)
{
	memset(p->n, 0, sizeof p->n);
	p->unique = 0;
	p->pss = 0;
	p->pss_known = 1;
	for (int i = 0; i < p->nmods; i++) {
		struct dm_module *mod = &p->mods[i];
		int known = 1;

		memset(mod->n, 0, sizeof mod->n);
		mod->unique = 0;
		mod->pss = 0;
		for (int s = 0; s < mod->nsecs; s++) {
			struct dm_section *sec = &mod->secs[s];

			memset(sec->n, 0, sizeof sec->n);
			for (uint32_t k = 0; k < sec->npages; k++)
				count_page(&sec->pages[k], sec->n, &mod->unique,
				           &mod->pss, &known);
			for (int st = 0; st < DM_NSTATES; st++)
				mod->n[st] += sec->n[st];
		}
		mod->pss_known = known;
		for (int st = 0; st < DM_NSTATES; st++)
			p->n[st] += mod->n[st];
		p->unique += mod->unique;
		p->pss += mod->pss;
		p->pss_known &= known;
	}
}

const char *dm_state_name(int state)
{
	static const char *names[DM_NSTATES] = {
		"not_resident", "shared", "private", "shared_writable",
	};
	return state >= 0 && state < DM_NSTATES ? names[state] : "?";
}

const char *dm_reason_name(int reason)
{
	static const char *names[DM_NREASONS] = {
		"", "write", "relocation", "binding", "protect", "syscall",
	};
	return reason > 0 && reason < DM_NREASONS ? names[reason] : "";
}

void dm_reason_label(int reason, char *buf, size_t n)
{
	const char *name = dm_reason_name(reason);

	if (*name)
		snprintf(buf, n, "%s", name);
	else
		snprintf(buf, n, "reason %d", reason);
}
