/*
 * dm_html_stack.c — the Windows thread stacks in `dllmap --html`: per
 * process a column, in it one grid per stack, one cell a page, low
 * addresses first and 64 a row, as `dllmap --pages` prints them.  The top
 * of the stack (its first page) is the last cell; the stack grows down,
 * toward the first cell.
 *
 * Every cell carries data-sk ("process:stack:page", the page counted
 * from the low end), data-state (the JSON report's page_states name:
 * committed, guard, reserved, disagree) and a title saying what the page
 * is, why it was committed and by which instruction.  The replay
 * (dm_replay.c) moves these cells through the stack's commit events.
 */
#include <stdlib.h>

#include "tools/dm.h"

/* Cell classes by stack character (dm_stack_char), and their colours. */
static const struct {
	char c;
	const char *cls, *state, *rgb, *what;
} cells[] = {
	{ 'C', "sC", "committed", "rgb(30, 100, 200)",
	  "committed, resident" },
	{ 'c', "sc", "committed", "rgb(150, 190, 240)",
	  "committed, not touched yet (no memory)" },
	{ 'G', "sG", "guard", "rgb(240, 170, 0)",
	  "the guard page (its touch grows the stack)" },
	{ '_', "sr", "reserved", "rgb(250, 250, 250)",
	  "reserved only (address space, no memory)" },
	{ '!', "sx", "disagree", "rgb(255, 0, 255)",
	  "the kernel disagrees with the record" },
};
#define NCELLS (sizeof cells / sizeof cells[0])

static int cell_of(char c)
{
	for (size_t i = 0; i < NCELLS; i++)
		if (cells[i].c == c)
			return (int)i;
	return (int)NCELLS - 1;
}

void dm_html_stack_style(FILE *f)
{
	fputs(".sgrid{display:grid;grid-template-columns:repeat(64,9px);"
	      "gap:1px}\n"
	      ".sgrid i{display:block;width:9px;height:9px;outline:1px solid "
	      "#ddd;scroll-margin:140px 0 40px}\n"
	      ".sgrid i.cur{outline:2px solid #000;z-index:1}\n"
	      ".stk{margin:4px 0 12px}\n"
	      ".stk span{display:block;font:11px monospace;color:#555}\n"
	      ".stk span.top{text-align:right;width:639px}\n",
	      f);
	for (size_t i = 0; i < NCELLS; i++)
		fprintf(f, "i.%s{background:%s}\n", cells[i].cls, cells[i].rgb);
}

static void cell(FILE *f, const struct dm_proc *p, const struct dm_stack *s,
                 int pi, int si, uint32_t k)
{
	int c = cell_of(dm_stack_char(s, k));
	const char *why = dm_stack_reason_name(s->reason[k]);

	fprintf(f, "<i class=\"%s\" data-sk=\"%d:%d:%u\" data-state=\"%s\" "
	           "title=\"thread %u stack page %u (0x%llx): %s",
	        cells[c].cls, pi, si, k, cells[c].state, s->tid, k,
	        (unsigned long long)(s->lo + (uint64_t)k * DM_PAGE),
	        cells[c].what);
	if (why[0])
		fprintf(f, ", why: %s", why);
	if (s->event[k] >= 0) {
		const struct dm_event *e = &p->events[s->event[k]];

		if (e->where[0]) {
			fputs(" at ", f);
			dm_html_esc(f, e->where);
		}
		fprintf(f, ", thread %u", e->tid);
	}
	fputs("\"></i>", f);
}

/* "why committed: 2 initial, 31 guard", as the text report says it. */
static void reasons(FILE *f, const struct dm_stack *s)
{
	int any = 0;

	for (int r = DM_STACK_REASON_FIRST; r <= DM_STACK_REASON_LAST; r++) {
		uint32_t n = 0;

		for (uint32_t k = 0; k < s->npages; k++)
			n += s->reason[k] == r;
		if (n)
			fprintf(f, "%s%u %s", any++ ? ", " : "why committed: ",
			        n, dm_stack_reason_name(r));
	}
}

static void one_stack(FILE *f, const struct dm_proc *p, int pi, int si)
{
	const struct dm_stack *s = &p->stacks[si];

	fprintf(f, "<div class=\"stk\" data-p=\"%d\" data-s=\"%d\" "
	           "data-tid=\"%u\"><span>thread %u: reserved 0x%llx-0x%llx "
	           "(%llu KiB), committed %u KiB, guard page ",
	        pi, si, s->tid, s->tid, (unsigned long long)s->lo,
	        (unsigned long long)s->hi,
	        (unsigned long long)(s->hi - s->lo) / 1024,
	        s->committed * (DM_PAGE / 1024));
	if (s->guard)
		fprintf(f, "0x%llx", (unsigned long long)s->guard);
	else
		fputs(s->overflowed ? "none (overflow)" : "none", f);
	fprintf(f, ", %u resident", s->resident);
	if (s->disagree)
		fprintf(f, "; the kernel disagrees on %u page%s", s->disagree,
		        s->disagree == 1 ? "" : "s");
	fputs("</span><span>", f);
	reasons(f, s);
	fprintf(f, "</span><span>first cell: the low end, 0x%llx (the stack "
	           "grows down, toward it)</span><div class=\"sgrid\">",
	        (unsigned long long)s->lo);
	for (uint32_t k = 0; k < s->npages; k++)
		cell(f, p, s, pi, si, k);
	fprintf(f, "</div><span class=\"top\">last cell: the top of the "
	           "stack, below 0x%llx &#9650;</span></div>\n",
	        (unsigned long long)s->hi);
}

void dm_html_stacks(FILE *f, const struct dm_proc *procs, int n)
{
	int any = 0;

	for (int i = 0; i < n; i++)
		any += procs[i].nstacks;
	if (!any)
		return;
	fputs("<h2 id=\"stacks-h\">Thread stacks</h2>\n<p class=\"explain\">"
	      "Each Windows thread stack is reserved whole when its thread "
	      "starts, committed from its top, with a guard page below the "
	      "committed part: a touch of the guard page commits it and the "
	      "page below becomes the guard.  One cell a page, low addresses "
	      "first, 64 a row, as <code>dllmap --pages</code> prints them: "
	      "the top of the stack is the last cell, and the stack grows "
	      "toward the first.</p>\n<p class=\"legend\">",
	      f);
	for (size_t i = 0; i < NCELLS; i++)
		fprintf(f, "<i class=\"%s\"></i>%s", cells[i].cls, cells[i].what);
	fputs("</p>\n<div class=\"row\" data-stacks=\"1\">\n", f);
	for (int pi = 0; pi < n; pi++) {
		const struct dm_proc *p = &procs[pi];

		fprintf(f, "<div class=\"col\" data-pid=\"%d\"><div class=\"hd\">"
		           "pid %d</div>\n",
		        p->pid, p->pid);
		if (!p->nstacks)
			fputs(p->from_record ? "no live thread stack in its record"
			                     : "no record: its stacks are unknown",
			      f);
		for (int si = 0; si < p->nstacks; si++)
			one_stack(f, p, pi, si);
		fputs("</div>\n", f);
	}
	fputs("</div>\n", f);
}
