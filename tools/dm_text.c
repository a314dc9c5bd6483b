/*
 * dm_text.c — the terminal report: one line per image and per section,
 * totals per process, and with --pages one character per page.
 */
#include <string.h>

#include "tools/dm.h"

/* The legend, the --pages characters and their colours in one table. */
static const struct {
	char c;
	const char *sgr; /* ANSI colour */
	const char *what;
} legend[] = {
	{ '.', "2", "not resident (never touched, or dropped)" },
	{ '~', "33", "not resident: swapped out (a private copy)" },
	{ 's', "32", "shared: the page-cache page, mapped here only (or "
	             "count unknown)" },
	{ 'S', "1;32", "shared: the page-cache page, mapped by 2+ processes" },
	{ 'z', "36", "shared: the kernel's zero page (read, never written)" },
	{ 'P', "1;31", "private: this process's own copy" },
	{ 'W', "1;35", "shared writable: one copy, writes seen by all" },
	{ '-', "2", "not mapped (a hole in the image)" },
	{ 'C', "1;34", "stack: committed, resident" },
	{ 'c', "34", "stack: committed, not touched yet (no memory)" },
	{ 'G', "1;33", "stack: the guard page (its touch grows the stack)" },
	{ '_', "2", "stack: reserved only (address space, no memory)" },
	{ '!', "1;41", "stack: the kernel disagrees with the record" },
};

char dm_page_char(const struct dm_page *pg)
{
	if (pg->flags & DM_PG_UNMAPPED)
		return '-';
	switch (pg->state) {
	case DM_NOT_RESIDENT:
		return pg->flags & DM_PG_SWAPPED ? '~' : '.';
	case DM_SHARED:
		if (pg->flags & DM_PG_ZERO)
			return 'z';
		return pg->count >= 2 ? 'S' : 's';
	case DM_PRIVATE:
		return 'P';
	default:
		return 'W';
	}
}

static const char *sgr_of(char c)
{
	for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++)
		if (legend[i].c == c)
			return legend[i].sgr;
	return "0";
}

void dm_text_legend(FILE *f, const struct dm_opts *o)
{
	fprintf(f, "legend:");
	for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++) {
		if (o->colour)
			fprintf(f, "\n  \033[%sm%c\033[0m  %s", legend[i].sgr,
			        legend[i].c, legend[i].what);
		else
			fprintf(f, "\n  %c  %s", legend[i].c, legend[i].what);
	}
	fprintf(f, "\n\n");
}

/* Accumulates the mapping counts of resident pages into a range. */
struct span {
	uint32_t lo, hi;
	int unknown, any;
};

static void span_add(struct span *r, const struct dm_page *pg, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		if (pg[k].state == DM_NOT_RESIDENT || (pg[k].flags & DM_PG_ZERO))
			continue;
		r->any = 1;
		if (pg[k].count == 0) {
			r->unknown = 1;
			continue;
		}
		if (pg[k].count < r->lo)
			r->lo = pg[k].count;
		if (pg[k].count > r->hi)
			r->hi = pg[k].count;
	}
}

/* "2", "1-3", "2,?" (some unknown), "?" (count unknown) or "-" (nothing
 * resident). */
static void span_str(const struct span *r, char *buf, size_t len)
{
	const char *u = r->unknown ? ",?" : "";

	if (!r->any)
		snprintf(buf, len, "-");
	else if (r->hi == 0)
		snprintf(buf, len, "?");
	else if (r->lo == r->hi)
		snprintf(buf, len, "%u%s", r->lo, u);
	else
		snprintf(buf, len, "%u-%u%s", r->lo, r->hi, u);
}

static void row(FILE *f, int indent, const char *name, uint64_t addr,
                uint32_t pages, const uint32_t *n, const char *shby)
{
	fprintf(f, "%*s%-*.*s 0x%-11llx %6u %6u %6u %7u %6u %7u  %s\n",
	        indent, "", 24 - indent, 24 - indent, name,
	        (unsigned long long)addr, pages,
	        pages - n[DM_NOT_RESIDENT], n[DM_SHARED], n[DM_PRIVATE],
	        n[DM_SHARED_WRITABLE], n[DM_NOT_RESIDENT], shby);
}

/* "private: 1 write (first at X.dll+0x10), 2 binding" for a section. */
static void reasons(FILE *f, const struct dm_proc *p,
                    const struct dm_section *s)
{
	uint32_t by[DM_NREASONS] = { 0 };
	int first[DM_NREASONS];
	int any = 0;

	for (int r = 0; r < DM_NREASONS; r++)
		first[r] = -1;
	for (uint32_t k = 0; k < s->npages; k++) {
		const struct dm_page *pg = &s->pages[k];
		if (pg->state != DM_PRIVATE)
			continue;
		by[pg->reason]++;
		if (first[pg->reason] < 0 && pg->event >= 0 &&
		    p->events[pg->event].where[0])
			first[pg->reason] = pg->event;
	}
	for (int r = 0; r < DM_NREASONS; r++) {
		if (!by[r])
			continue;
		fprintf(f, "%s%u %s", any ? ", " : "        why private: ", by[r],
		        r ? dm_reason_name(r)
		        : s->uffd ? "write (kernel, not attributed: DLLSHARE_COW=uffd)"
		                  : "not explained by the record");
		if (first[r] >= 0)
			fprintf(f, " (first at %s)", p->events[first[r]].where);
		any = 1;
	}
	if (any && s->fragmented)
		fprintf(f, " (fragmented: pages written since are private by "
		           "kernel copy-on-write, without a record entry)");
	if (any)
		fprintf(f, "\n");
}

/* n page characters (at(arg, k) the k-th), 64 per line; with colour,
 * one escape per run of equal characters rather than per page. */
static void cell_lines(FILE *f, const struct dm_opts *o, uint32_t n,
                       char (*at)(const void *, uint32_t), const void *arg)
{
	char prev = 0;

	for (uint32_t k = 0; k < n; k++) {
		char c = at(arg, k);

		if (k % 64 == 0) {
			if (k && o->colour)
				fputs("\033[0m", f);
			fprintf(f, "%s        ", k ? "\n" : "");
			prev = 0;
		}
		if (o->colour && c != prev)
			fprintf(f, "\033[0;%sm", sgr_of(c));
		fputc(c, f);
		prev = c;
	}
	if (n)
		fputs(o->colour ? "\033[0m\n" : "\n", f);
}

static char section_char(const void *s, uint32_t k)
{
	return dm_page_char(&((const struct dm_section *)s)->pages[k]);
}

/* A section's pages, one character each. */
static void page_line(FILE *f, const struct dm_section *s,
                      const struct dm_opts *o)
{
	cell_lines(f, o, s->npages, section_char, s);
}

/* "why committed: 2 initial, 31 guard (last at stack.exe+0x1a2b)". */
static void stack_reasons(FILE *f, const struct dm_proc *p,
                          const struct dm_stack *s)
{
	int any = 0;

	for (int r = DM_STACK_REASON_FIRST; r <= DM_STACK_REASON_LAST; r++) {
		uint32_t n = 0;
		int last = -1;

		for (uint32_t k = 0; k < s->npages; k++)
			if (s->reason[k] == r) {
				n++;
				/* The deepest page: the latest growth. */
				if (last < 0 && s->event[k] >= 0 &&
				    p->events[s->event[k]].where[0])
					last = s->event[k];
			}
		if (!n)
			continue;
		fprintf(f, "%s%u %s", any ? ", " : "        why committed: ", n,
		        dm_stack_reason_name(r));
		if (last >= 0)
			fprintf(f, " (last at %s)", p->events[last].where);
		any = 1;
	}
	if (any)
		fputc('\n', f);
}

static char stack_char(const void *s, uint32_t k)
{
	return dm_stack_char(s, k);
}

/* The stack's pages, low addresses first, 64 a line. */
static void stack_pages(FILE *f, const struct dm_stack *s,
                        const struct dm_opts *o)
{
	cell_lines(f, o, s->npages, stack_char, s);
}

static void kib(FILE *f, double pages);

/* The Windows thread stacks: one line each, why its pages were
 * committed, and with --pages one character a page. */
static void stacks(FILE *f, const struct dm_proc *p, const struct dm_opts *o)
{
	if (!p->nstacks)
		return;
	fprintf(f, "  thread stacks (reserved whole, committed from the top, "
	           "a guard page below):\n");
	fprintf(f, "  %-8s %-29s %9s %9s %-14s %8s\n", "tid",
	        "reserved", "size", "committed", "guard page", "resident");
	for (int i = 0; i < p->nstacks; i++) {
		const struct dm_stack *s = &p->stacks[i];
		char range[64], guard[24];

		snprintf(range, sizeof range, "0x%llx-0x%llx",
		         (unsigned long long)s->lo, (unsigned long long)s->hi);
		if (s->guard)
			snprintf(guard, sizeof guard, "0x%llx",
			         (unsigned long long)s->guard);
		else
			snprintf(guard, sizeof guard, "%s",
			         s->overflowed ? "none (overflow)" : "none");
		fprintf(f, "  %-8u %-29s %5llu KiB %5u KiB %-14s %8u\n", s->tid,
		        range, (unsigned long long)(s->hi - s->lo) / 1024,
		        s->committed * (DM_PAGE / 1024), guard, s->resident);
		stack_reasons(f, p, s);
		fprintf(f, "        overflow room kept: %llu KiB%s\n",
		        (unsigned long long)s->room / 1024,
		        s->disagree ? "" : "; the kernel agrees (committed "
		                           "pages read-write, the rest ---p)");
		if (s->disagree)
			fprintf(f, "        the kernel disagrees on %u page(s)\n",
			        s->disagree);
		if (o->pages)
			stack_pages(f, s, o);
	}
}

static void kib(FILE *f, double pages)
{
	double k = pages * (DM_PAGE / 1024);

	if (k >= 10240)
		fprintf(f, "%.1f MiB", k / 1024);
	else
		fprintf(f, "%.0f KiB", k);
}

void dm_text_print(FILE *f, const struct dm_proc *p, const struct dm_opts *o)
{
	char shby[32];
	uint32_t pages = 0;

	fprintf(f, "pid %d  %s  (%s)\n", p->pid, p->program,
	        p->from_record ? "source: dllshare record, checked against "
	                         "the kernel"
	                       : "source: kernel only, no dllshare record");
	if (!p->counts_known)
		fprintf(f, "  sharing count unknown: needs root (PFNs and "
		           "/proc/kpagecount); pages mapped once are still "
		           "known (pagemap bit 56)\n");
	if (p->note[0])
		fprintf(f, "  note: %s\n", p->note);
	if (p->from_record) {
		fprintf(f, "  record: %llu copy-on-write faults handled; "
		           "privatized:", (unsigned long long)p->rec_faults);
		for (int r = 1; r < DM_NREASONS; r++)
			fprintf(f, " %llu %s%s", (unsigned long long)p->rec_private[r],
			        dm_reason_name(r), r + 1 < DM_NREASONS ? "," : "");
		if (p->rec_fragmented)
			fprintf(f, "; %llu section(s) switched to kernel "
			           "copy-on-write (fragmented)",
			        (unsigned long long)p->rec_fragmented);
		fputc('\n', f);
	}
	fprintf(f, "  %-22s %-13s %6s %6s %6s %7s %6s %7s  %s\n", "image / section",
	        "base / rva", "pages", "resid", "shared", "private", "sh-wr",
	        "not-res", "mapped by");
	for (int i = 0; i < p->nmods; i++) {
		const struct dm_module *m = &p->mods[i];
		uint32_t mp = 0;

		for (int s = 0; s < m->nsecs; s++)
			mp += m->secs[s].npages;
		pages += mp;
		struct span all = { UINT32_MAX, 0, 0, 0 };
		for (int s = 0; s < m->nsecs; s++)
			span_add(&all, m->secs[s].pages, m->secs[s].npages);
		span_str(&all, shby, sizeof shby);
		row(f, 2, m->name, m->base, mp, m->n, shby);
		if (m->note[0])
			fprintf(f, "    (%s)\n", m->note);
		for (int s = 0; s < m->nsecs; s++) {
			const struct dm_section *sec = &m->secs[s];
			struct span one = { UINT32_MAX, 0, 0, 0 };

			span_add(&one, sec->pages, sec->npages);
			span_str(&one, shby, sizeof shby);
			row(f, 4, sec->name, sec->rva, sec->npages, sec->n, shby);
			if (sec->n[DM_PRIVATE] && p->from_record)
				reasons(f, p, sec);
			if (o->pages)
				page_line(f, sec, o);
		}
	}
	fprintf(f, "  total: %d images, %u pages (", p->nmods, pages);
	kib(f, pages);
	fprintf(f, "), resident %u: shared %u, private %u, shared-writable "
	           "%u; not resident %u\n",
	        pages - p->n[DM_NOT_RESIDENT], p->n[DM_SHARED], p->n[DM_PRIVATE],
	        p->n[DM_SHARED_WRITABLE], p->n[DM_NOT_RESIDENT]);
	fprintf(f, "  cost beyond what it shares (USS, pages mapped only "
	           "here): ");
	kib(f, p->unique);
	fprintf(f, "; proportional share (PSS): ");
	if (p->pss_known)
		kib(f, p->pss);
	else
		fprintf(f, "unknown (needs root)");
	fprintf(f, "\n");
	stacks(f, p, o);
	fprintf(f, "\n");
}
