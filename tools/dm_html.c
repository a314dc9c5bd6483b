/*
 * dm_html.c — `dllmap --html FILE`: one self-contained page (inline CSS
 * and script, nothing fetched) that draws every image as a grid of pages
 * with one column per process, coloured by state, with the reason and
 * the first write's module+offset on hover (title attribute).  The
 * replay of the record's events and the frames view are dm_replay.c's.
 *
 * Every cell carries data-state (the JSON state name), data-k (process
 * index, image index, page RVA: "0:1:16384") and data-pfn (its frame,
 * "" when unknown); the script counts the cells per state and reads back
 * their computed colours into <pre id="check">, so a test can compare
 * what the browser drew with the JSON report.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tools/dm.h"

/* Cell classes by --pages character, and their colours. */
static const struct {
	char c;
	const char *cls, *rgb, *what;
} cells[] = {
	{ '.', "nr", "rgb(238, 238, 238)", "not resident" },
	{ '~', "sw", "rgb(255, 204, 102)", "swapped out" },
	{ 's', "s1", "rgb(153, 214, 153)", "shared, mapped here only" },
	{ 'S', "s2", "rgb(34, 139, 34)", "shared by 2+ processes" },
	{ 'z', "z", "rgb(153, 204, 221)", "zero page" },
	{ 'P', "p", "rgb(220, 20, 60)", "private" },
	{ 'W', "w", "rgb(148, 0, 211)", "shared writable" },
	{ '-', "un", "rgb(255, 255, 255)", "not mapped" },
};
#define NCELLS (sizeof cells / sizeof cells[0])

static const char *cls_of(char c)
{
	for (size_t i = 0; i < NCELLS; i++)
		if (cells[i].c == c)
			return cells[i].cls;
	return "nr";
}

void dm_html_esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void head(FILE *f)
{
	fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
	      "<title>dllmap</title>\n<style>\n"
	      "body{font:13px sans-serif;margin:16px;color:#222}\n"
	      "h2{font-size:15px;margin:18px 0 6px}\n"
	      "h2 small{color:#777;font-weight:normal}\n"
	      "pre#check{color:#999;font-size:10px;white-space:pre-wrap}\n"
	      ".row{display:flex;gap:18px;align-items:flex-start}\n"
	      ".col{border:1px solid #ccc;padding:6px;min-width:200px;"
	      "flex:none}\n"
	      ".col .hd{font-weight:bold;margin-bottom:4px}\n"
	      ".sec{margin:3px 0}\n"
	      ".col .note{font-style:italic;color:#555;max-width:30em}\n"
	      ".sec span{display:block;font:11px monospace;color:#555}\n"
	      ".grid{display:grid;grid-template-columns:repeat(32,9px);"
	      "gap:1px}\n"
	      ".grid i{display:block;width:9px;height:9px;outline:1px solid "
	      "#ddd}\n"
	      "table{border-collapse:collapse}\n"
	      "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}\n"
	      ".legend i{display:inline-block;width:11px;height:11px;"
	      "margin:0 4px 0 12px;vertical-align:middle}\n",
	      f);
	for (size_t i = 0; i < NCELLS; i++)
		fprintf(f, "i.%s{background:%s}\n", cells[i].cls, cells[i].rgb);
	dm_html_stack_style(f);
	dm_replay_style(f);
	fputs("</style></head><body>\n<h1>dllmap</h1>\n<p class=\"legend\">",
	      f);
	for (size_t i = 0; i < NCELLS; i++)
		fprintf(f, "<i class=\"%s\"></i>%s", cells[i].cls, cells[i].what);
	fputs("</p>\n", f);
}

static void kib(FILE *f, double pages)
{
	fprintf(f, "%.0f KiB", pages * (DM_PAGE / 1024));
}

static void totals(FILE *f, const struct dm_proc *procs, int n)
{
	fputs("<table id=\"totals\"><tr><th>pid</th><th>program</th>"
	      "<th>source</th><th>images</th><th>shared</th><th>private</th>"
	      "<th>shared writable</th><th>not resident</th><th>USS</th>"
	      "<th>PSS</th></tr>\n", f);
	for (int i = 0; i < n; i++) {
		const struct dm_proc *p = &procs[i];

		fprintf(f, "<tr data-pid=\"%d\"><td>%d</td><td>", p->pid, p->pid);
		dm_html_esc(f, p->program);
		fprintf(f, "</td><td>%s</td><td>%d</td><td>%u</td><td>%u</td>"
		           "<td>%u</td><td>%u</td><td>",
		        p->from_record ? "dllshare" : "kernel", p->nmods,
		        p->n[DM_SHARED], p->n[DM_PRIVATE],
		        p->n[DM_SHARED_WRITABLE], p->n[DM_NOT_RESIDENT]);
		kib(f, p->unique);
		fputs("</td><td>", f);
		if (p->pss_known)
			kib(f, p->pss);
		else
			fputs("unknown (needs root)", f);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* Where a cell is: its process and image indexes in the page. */
struct at {
	int pi, img;
};

static void cell(FILE *f, const struct dm_proc *p, const struct dm_module *m,
                 const struct dm_section *s, uint32_t k, struct at at)
{
	const struct dm_page *pg = &s->pages[k];
	char c = dm_page_char(pg);

	fprintf(f, "<i class=\"%s\" data-k=\"%d:%d:%u\" data-pfn=\"", cls_of(c),
	        at.pi, at.img, s->rva + k * DM_PAGE);
	if (pg->pfn)
		fprintf(f, "0x%llx", (unsigned long long)pg->pfn);
	fprintf(f, "\" data-state=\"%s\" title=\"", dm_state_name(pg->state));
	dm_html_esc(f, m->name);
	fprintf(f, " %s+0x%x: ", s->name, k * DM_PAGE);
	for (size_t i = 0; i < NCELLS; i++)
		if (cells[i].c == c)
			fputs(cells[i].what, f);
	if (pg->state != DM_NOT_RESIDENT && !(pg->flags & DM_PG_ZERO)) {
		if (pg->count)
			fprintf(f, ", mapped %u time%s", pg->count,
			        pg->count == 1 ? "" : "s");
		else
			fputs(", sharing count unknown", f);
	}
	if (pg->reason)
		fprintf(f, ", why: %s", dm_reason_name(pg->reason));
	if (pg->event >= 0 && p->events[pg->event].where[0]) {
		fputs(" at ", f);
		dm_html_esc(f, p->events[pg->event].where);
	}
	fputs("\"></i>", f);
}

static void column(FILE *f, const struct dm_proc *p, const struct dm_module *m,
                   struct at at)
{
	fprintf(f, "<div class=\"col\" data-pid=\"%d\"><div class=\"hd\">pid %d",
	        p->pid, p->pid);
	if (!m) {
		fputs("</div>not loaded</div>\n", f);
		return;
	}
	fprintf(f, " at 0x%llx</div><div>shared %u, private %u, shared "
	           "writable %u, not resident %u</div>\n",
	        (unsigned long long)m->base, m->n[DM_SHARED], m->n[DM_PRIVATE],
	        m->n[DM_SHARED_WRITABLE], m->n[DM_NOT_RESIDENT]);
	if (m->note[0]) {
		fputs("<div class=\"note\">", f);
		dm_html_esc(f, m->note);
		fputs("</div>\n", f);
	}
	for (int s = 0; s < m->nsecs; s++) {
		const struct dm_section *sec = &m->secs[s];

		fputs("<div class=\"sec\"><span>", f);
		dm_html_esc(f, sec->name);
		fprintf(f, " (%u page%s)</span><div class=\"grid\">", sec->npages,
		        sec->npages == 1 ? "" : "s");
		for (uint32_t k = 0; k < sec->npages; k++)
			cell(f, p, m, sec, k, at);
		fputs("</div></div>\n", f);
	}
	fputs("</div>\n", f);
}

/* The module of p with the same path as m (or the same name when the
 * paths are empty), or NULL. */
const struct dm_module *dm_html_module(const struct dm_proc *p,
                                       const struct dm_module *m)
{
	for (int i = 0; i < p->nmods; i++) {
		const struct dm_module *o = &p->mods[i];
		if (m->path[0] ? !strcmp(o->path, m->path)
		               : !strcmp(o->name, m->name))
			return o;
	}
	return NULL;
}

/* Whether an earlier process (or an earlier module of this one) already
 * drew the image m. */
static int drawn(const struct dm_proc *procs, int pi, int mi)
{
	const struct dm_module *m = &procs[pi].mods[mi];

	for (int i = 0; i < pi; i++)
		if (dm_html_module(&procs[i], m))
			return 1;
	return dm_html_module(&procs[pi], m) != m;
}

/* The check line: cells per state and the colour each class was drawn
 * in (the first class: the replay adds "cur" to the current page), for
 * the images' grids and, under "stacks", the thread stacks'.  The
 * replay calls it again after every step. */
static const char check_js[] =
	"<pre id=\"check\"></pre>\n<script>\n"
	"function dmCount(sel){\n"
	"var by={},col={},bad=0,n=0;\n"
	"document.querySelectorAll(sel).forEach(function(c){\n"
	"  var s=c.getAttribute('data-state');\n"
	"  var bg=getComputedStyle(c).backgroundColor;\n"
	"  by[s]=(by[s]||0)+1; n++;\n"
	"  var k=c.classList[0]; if(!(k in col)) col[k]=bg;\n"
	"  else if(col[k]!==bg) bad++;\n"
	"});\n"
	"return {cells:n,by_state:by,colours:col,inconsistent:bad};\n"
	"}\n"
	"function dmCheck(){\n"
	"var c=dmCount('.grid i');\n"
	"c.step=window.dmStep===undefined?null:window.dmStep;\n"
	"c.stacks=dmCount('.sgrid i');\n"
	"document.getElementById('check').textContent=JSON.stringify(c);\n"
	"}\n</script>\n";

/* One heading and row of columns per image; images[] gets each image's
 * first module (*nimg of them). */
static void grids(FILE *f, const struct dm_proc *procs, int n,
                  const struct dm_module **images, int *nimg)
{
	*nimg = 0;
	for (int pi = 0; pi < n; pi++)
		for (int mi = 0; mi < procs[pi].nmods; mi++) {
			const struct dm_module *m = &procs[pi].mods[mi];

			if (drawn(procs, pi, mi))
				continue;
			fputs("<h2>", f);
			dm_html_esc(f, m->name);
			fputs(" <small>", f);
			dm_html_esc(f, m->path);
			fprintf(f, "</small></h2>\n<div class=\"row\" "
			           "data-image=\"");
			dm_html_esc(f, m->name);
			fputs("\">\n", f);
			for (int c = 0; c < n; c++)
				column(f, &procs[c], dm_html_module(&procs[c], m),
				       (struct at){ c, *nimg });
			fputs("</div>\n", f);
			images[(*nimg)++] = m;
		}
}

int dm_html_write(const char *path, const struct dm_proc *procs, int n,
                  struct dm_error *err)
{
	const struct dm_module **images;
	int nmods = 0, nimg, rc;
	FILE *f;

	for (int i = 0; i < n; i++)
		nmods += procs[i].nmods;
	images = calloc(nmods ? (size_t)nmods : 1, sizeof *images);
	if (!images)
		return dm_fail(err, -ENOMEM, "%s: out of memory", path);
	if (!(f = fopen(path, "we"))) {
		free(images);
		return dm_fail(err, -errno, "%s: %s", path, strerror(errno));
	}
	head(f);
	totals(f, procs, n);
	dm_replay_controls(f);
	grids(f, procs, n, images, &nimg);
	dm_html_stacks(f, procs, n);
	dm_replay_frames(f);
	fputs(check_js, f);
	rc = dm_replay_data(f, procs, n, images, nimg);
	dm_replay_script(f);
	fputs("</body></html>\n", f);
	free(images);
	if (rc < 0) {
		fclose(f);
		return dm_fail(err, rc, "%s: out of memory", path);
	}
	/* A write that failed earlier (disk full) sets the error flag and
	 * may leave nothing for fclose to fail on. */
	if (ferror(f)) {
		fclose(f);
		return dm_fail(err, -EIO, "%s: write failed (disk full?)", path);
	}
	if (fclose(f) != 0)
		return dm_fail(err, -errno, "%s: %s", path, strerror(errno));
	return 0;
}
