/*
 * dm_watch.c — `dllmap --watch`: the pages of running processes, redrawn
 * a few times a second, so a learner sees a page turn private as it
 * happens rather than reading afterwards that it did.
 *
 * One row of page cells per section per process, the characters and
 * colours of --pages (dm_page_char, dm_text.c).  A cell whose character
 * changed in the last second is drawn in reverse video.  The processes are
 * the pids asked for and their descendants (a program's CreateProcess
 * children appear as they start), or with --all every live dllshare
 * record; a process that leaves is shown as "exited" for a few frames.
 *
 * On a terminal: the alternate screen, the cursor hidden, stdin in
 * non-canonical mode so that `q` quits at once; everything is restored on
 * q, Ctrl-C, SIGTERM or SIGHUP.  Not on a terminal (a pipe, a file): plain
 * text, one frame after another, printed only when something changed, a
 * line of '^' under the cells that changed; it ends when every process
 * asked for has exited.  NO_COLOR drops the colours, not the highlight.
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tools/dm.h"

#define WATCH_MS 250     /* a frame every quarter second */
#define HOLD_FRAMES 4    /* a change stays highlighted for a second */
#define GONE_FRAMES 8    /* an exited process is shown two seconds */
#define MAX_PIDS 256     /* processes in one view (descendants included) */
#define LABEL_W 22       /* "  module   section   " before the cells */

/* The cells of one section of one process, kept from frame to frame. */
struct row {
	int pid;
	uint64_t base;
	uint32_t rva, npages;
	char *cells;       /* dm_page_char of each page */
	uint32_t *changed; /* frame of the last change of each cell; 0 none */
};

/* A process of the view: when it was first and last seen. */
struct seen {
	int pid;
	uint32_t first, gone; /* frames; gone 0 while alive */
	int asked;            /* named on the command line */
	char program[64];
};

struct watch {
	const int *pids;
	int npids, all, kernel;
	const struct dm_opts *o;
	int screen;  /* stdout is a terminal: redraw in place */
	uint32_t frame;
	struct row *rows, *next;
	int nrows, nnext, capnext;
	struct seen seen[MAX_PIDS];
	int nseen;
	int scroll, cols, lines;
	int any_change; /* this frame changed a cell or the process set */
	int stdin_open; /* keys are read from stdin until its end */
};

static volatile sig_atomic_t watch_stop;

static void on_signal(int sig)
{
	(void)sig;
	watch_stop = 1;
}

static struct termios saved_tio;
static int tio_saved, screen_on;

/* Puts the terminal back: the normal screen, the cursor, the line mode.
 * Safe to call twice (atexit and the normal end). */
static void term_restore(void)
{
	if (screen_on) {
		fputs("\033[?25h\033[?1049l", stdout);
		fflush(stdout);
		screen_on = 0;
	}
	if (tio_saved) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		tio_saved = 0;
	}
}

/* Non-canonical stdin (a key arrives without Enter, not echoed) when it
 * is a terminal; the alternate screen when stdout is one. */
static void term_setup(int screen)
{
	struct termios t;

	if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tio) == 0) {
		t = saved_tio;
		t.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
		t.c_cc[VMIN] = 0;
		t.c_cc[VTIME] = 0;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0)
			tio_saved = 1;
	}
	if (screen) {
		fputs("\033[?1049h\033[?25l\033[H\033[2J", stdout);
		screen_on = 1;
	}
	atexit(term_restore);
}

static void size_of_term(struct watch *w)
{
	struct winsize ws;

	w->cols = 80;
	w->lines = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		w->cols = ws.ws_col;
		w->lines = ws.ws_row;
	}
	if (!w->screen)
		w->cols = 64 + LABEL_W + 1;
}

/* Appends pid to v[*n] unless there or full. */
static void pid_add(int *v, int *n, int pid)
{
	for (int i = 0; i < *n; i++)
		if (v[i] == pid)
			return;
	if (*n < MAX_PIDS)
		v[(*n)++] = pid;
}

/* Adds the children of v[i] (every thread's /proc/P/task/T/children),
 * for each i already in v: the descendants of the pids asked for. */
static void add_children(int *v, int *n)
{
	for (int i = 0; i < *n; i++) {
		char dn[64], fn[400];
		DIR *d;
		struct dirent *de;

		snprintf(dn, sizeof dn, "/proc/%d/task", v[i]);
		if (!(d = opendir(dn)))
			continue;
		while ((de = readdir(d))) {
			FILE *f;
			int c;

			if (de->d_name[0] == '.')
				continue;
			snprintf(fn, sizeof fn, "%s/%s/children", dn, de->d_name);
			if (!(f = fopen(fn, "r")))
				continue;
			while (fscanf(f, "%d", &c) == 1)
				pid_add(v, n, c);
			fclose(f);
		}
		closedir(d);
	}
}

static struct seen *seen_find(struct watch *w, int pid)
{
	for (int i = 0; i < w->nseen; i++)
		if (w->seen[i].pid == pid)
			return &w->seen[i];
	return NULL;
}

/* The pids of this frame, into v (MAX_PIDS): the ones asked for and their
 * descendants, or every live record. */
static int frame_pids(struct watch *w, int *v)
{
	int n = 0;

	if (w->all) {
		int *rp, k;
		struct dm_error err;

		k = dm_record_pids(&rp, &err);
		for (int i = 0; i < k; i++)
			pid_add(v, &n, rp[i]);
		free(rp);
	} else {
		for (int i = 0; i < w->npids; i++)
			pid_add(v, &n, w->pids[i]);
	}
	add_children(v, &n);
	return n;
}

/* The row of this frame for section s of module m of process pid: its
 * cells, and when each last changed (carried over from the last frame's
 * row of the same pid, base and RVA).  NULL when out of memory. */
static struct row *row_update(struct watch *w, int pid,
                              const struct dm_module *m,
                              const struct dm_section *s)
{
	struct row *r, *old = NULL;

	if (w->nnext == w->capnext) {
		int cap = w->capnext ? 2 * w->capnext : 64;
		struct row *nv = realloc(w->next, (size_t)cap * sizeof *nv);
		if (!nv)
			return NULL;
		w->next = nv;
		w->capnext = cap;
	}
	r = &w->next[w->nnext];
	r->pid = pid;
	r->base = m->base;
	r->rva = s->rva;
	r->npages = s->npages;
	r->cells = malloc(s->npages + 1u);
	r->changed = calloc(s->npages + 1u, sizeof *r->changed);
	if (!r->cells || !r->changed) {
		free(r->cells);
		free(r->changed);
		return NULL;
	}
	w->nnext++;
	for (uint32_t k = 0; k < s->npages; k++)
		r->cells[k] = dm_page_char(&s->pages[k]);
	for (int i = 0; i < w->nrows && !old; i++)
		if (w->rows[i].pid == pid && w->rows[i].base == m->base &&
		    w->rows[i].rva == s->rva)
			old = &w->rows[i];
	for (uint32_t k = 0; old && k < s->npages && k < old->npages; k++) {
		if (old->cells[k] != r->cells[k]) {
			r->changed[k] = w->frame;
			w->any_change = 1;
		} else {
			r->changed[k] = old->changed[k];
		}
	}
	return r;
}

static void rows_free(struct row *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].cells);
		free(v[i].changed);
	}
}

static const char *sgr_of(char c)
{
	switch (c) {
	case '~': return "33";
	case 's': return "32";
	case 'S': return "1;32";
	case 'z': return "36";
	case 'P': return "1;31";
	case 'W': return "1;35";
	default: return "2";
	}
}

static int is_hot(const struct watch *w, const struct row *r, uint32_t k)
{
	return r->changed[k] && w->frame - r->changed[k] < HOLD_FRAMES;
}

/* The cells of r, wrapped to the width, after the label; on a terminal
 * coloured and with recent changes reversed, else a '^' line under each
 * line where a cell changed in this very frame. */
static void draw_cells(struct watch *w, FILE *f, const char *label,
                       const struct row *r)
{
	uint32_t per = (uint32_t)(w->cols > LABEL_W + 8 ? w->cols - LABEL_W - 1 : 8);

	for (uint32_t lo = 0; lo < r->npages || lo == 0; lo += per) {
		uint32_t hi = lo + per < r->npages ? lo + per : r->npages;
		int marks = 0;

		fprintf(f, "%-*.*s", LABEL_W, LABEL_W, lo ? "" : label);
		for (uint32_t k = lo; k < hi; k++) {
			char c = r->cells[k];
			if (!w->screen) {
				fputc(c, f);
				marks |= r->changed[k] == w->frame && w->frame;
				continue;
			}
			fputs("\033[0", f);
			if (w->o->colour)
				fprintf(f, ";%s", sgr_of(c));
			if (is_hot(w, r, k))
				fputs(";7", f);
			fprintf(f, "m%c", c);
		}
		fputs(w->screen ? "\033[0m\n" : "\n", f);
		if (marks) {
			uint32_t last = lo;
			for (uint32_t k = lo; k < hi; k++)
				last = r->changed[k] == w->frame ? k : last;
			fprintf(f, "%*s", LABEL_W, "");
			for (uint32_t k = lo; k <= last; k++)
				fputc(r->changed[k] == w->frame ? '^' : ' ', f);
			fputc('\n', f);
		}
		if (!r->npages)
			break;
	}
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* One process: a header line, then a row per section (.debug_* left
 * out: never touched, they would fill the screen). */
static void draw_proc(struct watch *w, FILE *f, const struct dm_proc *p,
                      const struct seen *sn)
{
	fprintf(f, "pid %d  %s  (%s)%s  shared %u  private %u  sh-wr %u  "
	           "not-res %u  USS %u KiB\n",
	        p->pid, sn->program, p->from_record ? "dllshare" : "kernel",
	        w->frame - sn->first < HOLD_FRAMES && sn->first ? "  NEW" : "",
	        p->n[DM_SHARED], p->n[DM_PRIVATE], p->n[DM_SHARED_WRITABLE],
	        p->n[DM_NOT_RESIDENT], p->unique * (DM_PAGE / 1024));
	for (int i = 0; i < p->nmods; i++) {
		const struct dm_module *m = &p->mods[i];
		for (int s = 0; s < m->nsecs; s++) {
			const struct dm_section *sec = &m->secs[s];
			char label[LABEL_W + 1];
			struct row *r;

			if (!strncmp(sec->name, ".debug", 6))
				continue;
			if (!(r = row_update(w, p->pid, m, sec)))
				continue;
			snprintf(label, sizeof label, "  %-10.10s %-8.8s ",
			         m->name, sec->name);
			for (char *c = label; *c; c++)
				if ((unsigned char)*c < ' ' || (unsigned char)*c > '~')
					*c = '?'; /* a kernel-mode name is raw bytes */
			draw_cells(w, f, label, r);
		}
	}
}

/* The title and the legend, two lines. */
static void draw_title(struct watch *w, FILE *f, int nproc)
{
	static const char keys[] = "S s z P W . ~ -";

	fprintf(f, "dllmap --watch  %d process%s  frame %u  every %d ms",
	        nproc, nproc == 1 ? "" : "es", w->frame, WATCH_MS);
	fputs(w->screen ? "  (q quits, j/k scroll)\n" : "\n", f);
	fprintf(f, "  %s = shared by 2+, shared here only, zero page, private, "
	           "shared-writable, not resident, swapped, hole; %s\n",
	        keys, w->screen ? "reversed: changed in the last second"
	                        : "^: changed since the last frame");
}

/* Reads and draws every process of this frame into f; 0, or -1 when
 * every process asked for has gone (not on a terminal: the end). */
static int draw_frame(struct watch *w, FILE *f)
{
	int v[MAX_PIDS], n = frame_pids(w, v), alive = 0, asked_alive = 0;
	struct dm_proc p;
	struct dm_error err;

	draw_title(w, f, n);
	for (int i = 0; i < w->nseen; i++)
		w->seen[i].gone = w->seen[i].gone ? w->seen[i].gone : w->frame;
	for (int i = 0; i < n; i++) {
		struct seen *sn = seen_find(w, v[i]);

		if (dm_proc_read(v[i], w->kernel, &p, &err) < 0)
			continue;
		if (p.nmods == 0 && !w->all) {
			dm_proc_free(&p);
			continue; /* a descendant with no image: not ours */
		}
		if (!sn && w->nseen < MAX_PIDS) {
			sn = &w->seen[w->nseen++];
			memset(sn, 0, sizeof *sn);
			sn->pid = v[i];
			sn->first = w->frame;
			dm_copy(sn->program, sizeof sn->program,
			        base_name(p.program));
			for (int k = 0; k < w->npids; k++)
				sn->asked |= w->pids[k] == v[i];
			w->any_change |= w->frame > 0;
		}
		if (sn && sn->gone == w->frame)
			sn->gone = 0;
		fputc('\n', f);
		draw_proc(w, f, &p, sn ? sn : &(struct seen){ 0 });
		dm_proc_free(&p);
		alive++;
		asked_alive += sn && sn->asked;
	}
	for (int i = 0; i < w->nseen; i++) {
		struct seen *sn = &w->seen[i];
		if (sn->gone == w->frame)
			w->any_change = 1;
		if (sn->gone && (sn->asked || w->frame - sn->gone < GONE_FRAMES))
			fprintf(f, "\npid %d  %s  exited\n", sn->pid, sn->program);
	}
	if (alive == 0 && w->nseen == 0 && w->frame == 0)
		fprintf(f, "\n(no process to show yet)\n");
	return !w->all && asked_alive == 0 && w->frame > 0 ? -1 : 0;
}

/* Writes the frame text: on a terminal, the lines from the scroll offset
 * that fit, each clearing its line's rest; else all of it. */
static void show(struct watch *w, const char *text, size_t len)
{
	int line = 0, shown = 0;
	const char *p = text, *end = text + len;

	if (!w->screen) {
		fwrite(text, 1, len, stdout);
		fputc('\n', stdout);
		fflush(stdout);
		return;
	}
	fputs("\033[H", stdout);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		/* The title stays; the rest scrolls. */
		if ((line < 2 || line >= w->scroll + 2) && shown < w->lines - 1) {
			fwrite(p, 1, n, stdout);
			fputs("\033[K\n", stdout);
			shown++;
		}
		line++;
		p += n + (nl != NULL);
	}
	if (line > shown)
		printf("\033[2m-- %d more line(s): j/k or space/b scroll --"
		       "\033[0m\033[K", line - shown);
	fputs("\033[J", stdout);
	fflush(stdout);
	if (w->scroll > line - 3)
		w->scroll = line > 3 ? line - 3 : 0;
}

/* Waits for the next frame or a key on stdin (a terminal in
 * non-canonical mode, or a pipe: its end stops the reading, not the
 * view); 1 when the view should end. */
static int wait_key(struct watch *w, int ms)
{
	struct pollfd pf = { STDIN_FILENO, POLLIN, 0 };
	char c;

	if (!w->stdin_open) {
		poll(NULL, 0, ms);
		return watch_stop;
	}
	if (poll(&pf, 1, ms) <= 0 || watch_stop)
		return watch_stop;
	if (read(STDIN_FILENO, &c, 1) != 1) {
		w->stdin_open = 0;
		return watch_stop;
	}
	switch (c) {
	case 'q': case 'Q': case 3: return 1;
	case 'j': w->scroll++; break;
	case 'k': w->scroll -= w->scroll > 0; break;
	case ' ': w->scroll += w->lines / 2; break;
	case 'b': w->scroll -= w->scroll > w->lines / 2 ? w->lines / 2 : w->scroll; break;
	default: break;
	}
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int dm_watch(const int *pids, int npids, int all, int kernel_only,
             const struct dm_opts *o)
{
	struct watch w;
	struct sigaction sa;
	memset(&w, 0, sizeof w);
	w.pids = pids;
	w.npids = npids;
	w.all = all;
	w.kernel = kernel_only;
	w.o = o;
	w.screen = isatty(STDOUT_FILENO);
	w.stdin_open = 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: poll returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	term_setup(w.screen);
	for (;;) {
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);
		long t0 = now_ms();
		int end;

		if (!f)
			break;
		size_of_term(&w);
		w.any_change = 0;
		end = draw_frame(&w, f);
		fclose(f);
		if (w.screen || w.frame == 0 || w.any_change)
			show(&w, text, len);
		free(text);
		rows_free(w.rows, w.nrows);
		free(w.rows);
		w.rows = w.next;
		w.nrows = w.nnext;
		w.next = NULL;
		w.nnext = w.capnext = 0;
		w.frame++;
		if (end < 0 && !w.screen)
			break;
		long left = WATCH_MS - (now_ms() - t0);
		if (wait_key(&w, left > 0 ? (int)left : 0))
			break;
	}
	rows_free(w.rows, w.nrows);
	free(w.rows);
	term_restore();
	return 0;
}
