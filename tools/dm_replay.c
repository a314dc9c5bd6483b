/*
 * dm_replay.c — the HTML page's replay and frames views (dm_html.c draws
 * the grids).
 *
 * The replay: every event the records still hold on an image page (each
 * privatization with its page, reason, instruction and time) or on a
 * thread stack (each growth: the guard page touched, its pages
 * committed), of every process in the page, in time order, embedded as
 * JSON.  A slider (and first / previous
 * / next / last buttons, and the arrow keys) goes from position 0, "load"
 * (every page an event touches is shown as the shared page it was
 * mapped as), through position k (the first k events applied: each turns
 * its page private), to the last position, "now", which is the kernel's
 * view: the grids as dm_html.c drew them.  Pages no event touches show
 * their state of now throughout: the record does not say when they got
 * it.  A stack at load has only its initial commit (the stack as its
 * thread made it, with the guard page below); each of its events commits
 * its pages and puts the guard page below them; at now it is the stack's
 * static grid (dm_html_stack.c).
 *
 * The frames view: per image section, which physical frame (PFN) each
 * process maps for each page, one box per frame with its owners, so one
 * frame serving every process, and a private copy split off from it, are
 * seen as such.  It follows the slider: before a process's event on a
 * page, that process is drawn on the shared frame.
 *
 * The script (dm_replay_js.c) builds both from the JSON and the grid
 * cells' data-k / data-state / data-pfn; it sets window.dmStep to the
 * position shown, and honours #step=K in the address (a test can load
 * any position with --dump-dom).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tools/dm.h"

void dm_replay_controls(FILE *f)
{
	fputs("<div id=\"replay\">\n"
	      "<b>Replay</b>\n"
	      "<button id=\"first\" title=\"load\">|&lt;</button>"
	      "<button id=\"prev\" title=\"previous event (left arrow)\">"
	      "&lt;</button>"
	      "<input type=\"range\" id=\"step\" min=\"0\" max=\"1\" "
	      "value=\"1\">"
	      "<button id=\"next\" title=\"next event (right arrow)\">&gt;"
	      "</button>"
	      "<button id=\"last\" title=\"now\">&gt;|</button>\n"
	      "<span id=\"pos\"></span> <span id=\"desc\"></span>\n"
	      "<div id=\"hover\">Point at a page to see its history.</div>\n"
	      "</div>\n"
	      "<details id=\"evlist\"><summary>Every recorded event, in "
	      "order (click one to go there)</summary><ol id=\"events\">"
	      "</ol></details>\n",
	      f);
}

void dm_replay_frames(FILE *f)
{
	fputs("<h2 id=\"frames-h\">Physical frames</h2>\n"
	      "<p class=\"explain\">Each box is one physical frame (its PFN) "
	      "and the processes that map it at this point of the replay.  "
	      "A page every process reads is one frame with every process "
	      "in it; a page a process wrote has a second frame, that "
	      "process's private copy, split off from the shared one.  "
	      "Pages where nothing differs are counted, not drawn.</p>\n"
	      "<div id=\"frames\"></div>\n",
	      f);
}

/* A JSON string safe inside <script>: no "<" (so no "</script>"). */
static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f || c == '<' || c == '>' ||
		         c == '&')
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void procs_json(FILE *f, const struct dm_proc *procs, int n)
{
	fputs("\"procs\":[", f);
	for (int i = 0; i < n; i++) {
		const char *base = strrchr(procs[i].program, '/');

		fprintf(f, "%s{\"pid\":%d,\"program\":", i ? "," : "",
		        procs[i].pid);
		jstr(f, base ? base + 1 : procs[i].program);
		fprintf(f, ",\"record\":%s,\"frames\":%s}",
		        procs[i].from_record ? "true" : "false",
		        procs[i].counts_known ? "true" : "false");
	}
	fputs("]", f);
}

static void images_json(FILE *f, const struct dm_module *const *images,
                        int nimg)
{
	fputs(",\"images\":[", f);
	for (int i = 0; i < nimg; i++) {
		const struct dm_module *m = images[i];

		fputs(i ? ",{\"name\":" : "{\"name\":", f);
		jstr(f, m->name);
		fputs(",\"secs\":[", f);
		for (int s = 0; s < m->nsecs; s++) {
			fputs(s ? ",{\"name\":" : "{\"name\":", f);
			jstr(f, m->secs[s].name);
			fprintf(f, ",\"rva\":%u,\"npages\":%u}", m->secs[s].rva,
			        m->secs[s].npages);
		}
		fputs("]}", f);
	}
	fputs("]", f);
}

/* One event of the replay: process pi's event ei. */
struct step {
	int pi, ei;
	uint64_t t, seq;
};

static int by_time(const void *a, const void *b)
{
	const struct step *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->pi != y->pi)
		return x->pi - y->pi;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The index in images[] of p's module mi, or -1. */
static int image_of(const struct dm_proc *p, int mi,
                    const struct dm_module *const *images, int nimg)
{
	for (int i = 0; i < nimg; i++)
		if (dm_html_module(p, images[i]) == &p->mods[mi])
			return i;
	return -1;
}

static double ms_of(uint64_t t, uint64_t t0)
{
	return t >= t0 ? (double)(t - t0) / 1e6 : 0.0;
}

/* A stack event: "s" its stack (index into the process's), "k" its first
 * page from the stack's low end, "n" its pages. */
static void stack_event_json(FILE *f, const struct dm_proc *procs,
                             const struct step *st, uint64_t t0)
{
	const struct dm_event *e = &procs[st->pi].events[st->ei];

	fprintf(f, "{\"ms\":%.3f,\"p\":%d,\"s\":%d,\"k\":%u,\"n\":%u,"
	           "\"why\":",
	        ms_of(e->time_ns, t0), st->pi, e->stack, e->page, e->npages);
	jstr(f, dm_stack_reason_name((int)e->reason));
	fputs(",\"where\":", f);
	jstr(f, e->where);
	fprintf(f, ",\"tid\":%u,\"seq\":%llu}", e->tid,
	        (unsigned long long)e->seq);
}

static void event_json(FILE *f, const struct dm_proc *procs,
                       const struct step *st, uint64_t t0, int img)
{
	const struct dm_proc *p = &procs[st->pi];
	const struct dm_event *e = &p->events[st->ei];
	const struct dm_section *sec = &p->mods[e->module].secs[e->section];
	char why[32];

	dm_reason_label((int)e->reason, why, sizeof why);
	fprintf(f, "{\"ms\":%.3f,\"p\":%d,\"i\":%d,\"rva\":%u,\"sec\":",
	        ms_of(e->time_ns, t0), st->pi, img, sec->rva + e->page * DM_PAGE);
	jstr(f, sec->name);
	fprintf(f, ",\"k\":%u,\"why\":", e->page);
	jstr(f, why);
	fputs(",\"where\":", f);
	jstr(f, e->where);
	fprintf(f, ",\"tid\":%u,\"seq\":%llu}", e->tid,
	        (unsigned long long)e->seq);
}

/* Whether event e is a step of the replay: an image page's, or a stack
 * growing (the initial commit is the stack's state at load). */
static int replayed(const struct dm_event *e)
{
	return e->image ||
	       (e->stack >= 0 && e->reason != DM_STACK_REASON_FIRST);
}

/* The time the replay counts from: the earliest record's creation. */
static uint64_t t0_of(const struct dm_proc *procs, int n)
{
	uint64_t t0 = 0;

	for (int i = 0; i < n; i++)
		if (procs[i].start_ns && (!t0 || procs[i].start_ns < t0))
			t0 = procs[i].start_ns;
	return t0;
}

/* Every event of every process, in time order (ties: process, then the
 * record's order): image pages' and stacks' together. */
static int events_json(FILE *f, const struct dm_proc *procs, int n,
                       const struct dm_module *const *images, int nimg)
{
	struct step *v;
	uint64_t t0 = t0_of(procs, n);
	size_t nv = 0, cap = 0;
	int first = 1;

	for (int i = 0; i < n; i++)
		cap += (size_t)procs[i].nevents;
	v = calloc(cap ? cap : 1, sizeof *v);
	if (!v)
		return -1;
	for (int i = 0; i < n; i++)
		for (int e = 0; e < procs[i].nevents; e++)
			if (replayed(&procs[i].events[e]))
				v[nv++] = (struct step){ i, e,
					                 procs[i].events[e].time_ns,
					                 procs[i].events[e].seq };
	qsort(v, nv, sizeof *v, by_time);
	fputs(",\"events\":[", f);
	for (size_t k = 0; k < nv; k++) {
		const struct dm_proc *p = &procs[v[k].pi];
		const struct dm_event *e = &p->events[v[k].ei];
		int img = e->image ? image_of(p, e->module, images, nimg) : -1;

		if (e->image && img < 0)
			continue;
		if (!first)
			fputs(",\n", f);
		if (e->image)
			event_json(f, procs, &v[k], t0, img);
		else
			stack_event_json(f, procs, &v[k], t0);
		first = 0;
	}
	fputs("]", f);
	free(v);
	return 0;
}

/* The stacks: per stack its process, index, thread, size, and its
 * initial commit (the event that made it, when the ring still holds
 * it). */
static void stacks_json(FILE *f, const struct dm_proc *procs, int n)
{
	uint64_t t0 = t0_of(procs, n);
	int first = 1;

	fputs(",\"stacks\":[", f);
	for (int pi = 0; pi < n; pi++)
		for (int si = 0; si < procs[pi].nstacks; si++) {
			const struct dm_stack *s = &procs[pi].stacks[si];
			const struct dm_event *made = NULL;

			for (uint32_t k = 0; k < s->npages && !made; k++)
				if (s->reason[k] == DM_STACK_REASON_FIRST &&
				    s->event[k] >= 0)
					made = &procs[pi].events[s->event[k]];
			fprintf(f, "%s{\"p\":%d,\"s\":%d,\"tid\":%u,"
			           "\"lo\":\"0x%llx\",\"npages\":%u,\"made\":",
			        first ? "" : ",", pi, si, s->tid,
			        (unsigned long long)s->lo, s->npages);
			if (made)
				fprintf(f, "{\"ms\":%.3f,\"tid\":%u}",
				        ms_of(made->time_ns, t0), made->tid);
			else
				fputs("null", f);
			fputc('}', f);
			first = 0;
		}
	fputs("]", f);
}

int dm_replay_data(FILE *f, const struct dm_proc *procs, int n,
                   const struct dm_module *const *images, int nimg)
{
	fputs("<script type=\"application/json\" id=\"replay-data\">{", f);
	procs_json(f, procs, n);
	images_json(f, images, nimg);
	stacks_json(f, procs, n);
	if (events_json(f, procs, n, images, nimg) < 0)
		return -ENOMEM;
	fputs("}</script>\n", f);
	return 0;
}
