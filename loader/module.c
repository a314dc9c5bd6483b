/*
 * module.c — the module list: what is loaded, and finding, mapping and
 * binding a DLL (the public LoadLibrary-side API is in library.c).
 *
 * Every mapped image comes from an image section (section.c) through a
 * view (view.c).  A module goes on the list as soon as it is mapped, before
 * its imports are bound (see module.h for why), and leaves it only through
 * ld_collect (library.c).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "loader/module.h"
#include "loader/section.h"

const struct ld_host *ld_host;
pthread_mutex_t ld_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
struct ld_module *ld_modules, *ld_exe;
static struct ld_module *ld_tail;

const char *ld_base_name(const char *path)
{
	const char *s = strrchr(path, '/'), *b = strrchr(path, '\\');

	if (b && (!s || b > s))
		s = b;
	return s ? s + 1 : path;
}

/* "KERNEL32" -> "KERNEL32.dll", "foo." -> "foo": Windows appends .dll to a
 * name without an extension; a trailing dot means "no extension". */
void ld_norm_name(const char *in, char *out, size_t len)
{
	const char *base = ld_base_name(in);
	size_t n = strlen(base), ext = 0;

	/* Copies, not snprintf: this runs for every import, and
	 * vfprintf's frame was the deepest of a start (a page of stack
	 * touched for it). */
	if (!len)
		return;
	if (n && base[n - 1] == '.')
		n--;
	else if (!strchr(base, '.'))
		ext = 4;
	if (n > len - 1)
		n = len - 1;
	memcpy(out, base, n);
	if (ext > len - 1 - n)
		ext = len - 1 - n;
	memcpy(out + n, ".dll", ext);
	out[n + ext] = '\0';
}

static void list_add(struct ld_module *m)
{
	m->prev = ld_tail;
	m->next = NULL;
	if (ld_tail)
		ld_tail->next = m;
	else
		ld_modules = m;
	ld_tail = m;
}

void ld_list_remove(struct ld_module *m)
{
	if (m->prev)
		m->prev->next = m->next;
	else
		ld_modules = m->next;
	if (m->next)
		m->next->prev = m->prev;
	else
		ld_tail = m->prev;
}

struct ld_module *ld_find_by_name(const char *norm)
{
	for (struct ld_module *m = ld_modules; m; m = m->next)
		if (m->state != LD_DETACHED && !strcasecmp(m->name, norm))
			return m;
	return NULL;
}

static int64_t ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

/* Whether st (the search's stat of a file) is the file the identity id
 * was taken from. */
static int same_file(const struct ld_identity *id, const struct stat *st)
{
	return id->dev == (uint64_t)st->st_dev &&
	       id->ino == (uint64_t)st->st_ino;
}

/* The live module loaded from the file at path, whose stat is st.  A path
 * is lexical (search.c), so one file may come under several names (a
 * symlink, a hard link, "sub/../x.dll"): as on Windows, where the loader
 * finds a loaded image by its file, those are one module.  Same device
 * and inode, and same size and mtime: an inode number freed by a deleted
 * file may be reused by another one; ctime is left out because making a
 * hard link changes it.  The path itself still matches a module whose
 * file was rewritten since it was loaded, as before. */
static struct ld_module *find_loaded(const char *path, const struct stat *st)
{
	for (struct ld_module *m = ld_modules; m; m = m->next) {
		const struct ld_identity *id;
		if (m->state == LD_DETACHED || m->builtin)
			continue;
		if (!strcmp(m->path, path))
			return m;
		id = &m->sec->id;
		if (same_file(id, st) && id->size == (uint64_t)st->st_size &&
		    id->mtime_ns == ns(&st->st_mtim))
			return m;
	}
	return NULL;
}

/*
 * Standby sections.  Windows keeps an image's section object after the
 * last view of it is unmapped, so a LoadLibrary soon after a FreeLibrary
 * does not read and parse the file again.  This process does the same for
 * the last few sections it unmapped, and reuses one only when the file
 * still has the identity the section was built from.  Images with
 * shared-writable sections are not kept: their shared data must die with
 * the last process that has them loaded.
 */
#define LD_STANDBY 8
static struct ld_section *standby[LD_STANDBY];

static int has_shared_rw(const struct pe_image *pe)
{
	for (unsigned i = 0; i < pe->nsections; i++)
		if (pe_section_mapping(pe, &pe->sections[i]) == PE_MAP_SHARED_RW)
			return 1;
	return 0;
}

static void standby_put(struct ld_section *sec)
{
	if (has_shared_rw(&sec->pe)) {
		ld_section_close(sec);
		return;
	}
	if (standby[LD_STANDBY - 1])
		ld_section_close(standby[LD_STANDBY - 1]);
	memmove(standby + 1, standby, (LD_STANDBY - 1) * sizeof *standby);
	standby[0] = sec;
}

/* Takes standby[i] off the list. */
static struct ld_section *standby_remove(int i)
{
	struct ld_section *sec = standby[i];

	memmove(standby + i, standby + i + 1,
	        (LD_STANDBY - 1 - i) * sizeof *standby);
	standby[LD_STANDBY - 1] = NULL;
	return sec;
}

/* The kept section of the file the search found at path with stat st,
 * if the file is unchanged: st is the file's identity now, so this costs
 * no system call.  A section of the same file that has changed since
 * (rewritten in place) is closed. */
static struct ld_section *standby_take(const char *path,
                                       const struct stat *st)
{
	for (int i = 0; i < LD_STANDBY && standby[i]; i++) {
		struct ld_section *sec;
		const struct ld_identity *id = &standby[i]->id;
		if (!same_file(id, st))
			continue;
		sec = standby_remove(i);
		if (id->size == (uint64_t)st->st_size &&
		    id->mtime_ns == ns(&st->st_mtim) &&
		    id->ctime_ns == ns(&st->st_ctim)) {
			ld_trace("section %s: reused %s (kept since its last "
			         "unmap)", path, sec->file_path);
			return sec;
		}
		ld_section_close(sec); /* the file changed: a new section */
		return NULL;
	}
	return NULL;
}

/* Closes the kept sections built from the file named real that are not
 * of the file there now (replaced by another: a new inode). */
static void standby_drop_path(const char *real)
{
	for (int i = 0; i < LD_STANDBY && standby[i];)
		if (!strcmp(standby[i]->path, real))
			ld_section_close(standby_remove(i));
		else
			i++;
}

/* A built-in's HMODULE: a page of its own with "MZ" at the start, so a
 * handle is a real, distinct, readable address as on Windows.  The pages
 * are read-only data of dllshare's own image: nothing to map or write at
 * start-up (no system call, no page fault until a program reads one). */
#define LD_BUILTIN_PAGES 8
static const uint8_t builtin_pages[LD_BUILTIN_PAGES][4096]
	__attribute__((aligned(4096))) = {
	[0 ... LD_BUILTIN_PAGES - 1] = {'M', 'Z'},
};

static struct ld_module *add_builtin(const struct ld_builtin_module *b,
				     const uint8_t *page)
{
	struct ld_module *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->name = strdup(b->name);
	m->path = strdup(b->name);
	m->builtin = b;
	m->base = (uint8_t *)page;
	m->size = 4096;
	m->pinned = 1;
	m->state = LD_READY;
	m->tls_index = -1;
	list_add(m);
	return m;
}

void ld_set_host(const struct ld_host *host)
{
	if (host->nbuiltins > LD_BUILTIN_PAGES) {
		fprintf(stderr, "dllshare: internal: %zu built-in DLLs, "
		        "loader/module.c has HMODULE pages for %d\n",
		        host->nbuiltins, LD_BUILTIN_PAGES);
		abort();
	}
	pthread_mutex_lock(&ld_lock);
	if (!ld_host) {
		ld_host = host;
		for (size_t i = 0; i < host->nbuiltins; i++)
			add_builtin(&host->builtins[i], builtin_pages[i]);
	}
	pthread_mutex_unlock(&ld_lock);
}

void ld_problem(struct ld_load *L, const char *fmt, ...)
{
	va_list ap;
	char *line;

	if (L->nproblems == LD_MAX_PROBLEMS) {
		L->dropped++;
		return;
	}
	if (L->nproblems == L->capproblems) {
		size_t cap = L->capproblems ? 2 * L->capproblems : 8;
		char **p = realloc(L->problems, cap * sizeof *p);
		if (!p) {
			L->dropped++;
			return;
		}
		L->problems = p;
		L->capproblems = cap;
	}
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		line = NULL;
	va_end(ap);
	if (!line) {
		L->dropped++;
		return;
	}
	L->problems[L->nproblems++] = line;
}

void ld_load_done(struct ld_load *L)
{
	for (size_t i = 0; i < L->nproblems; i++)
		free(L->problems[i]);
	free(L->problems);
	free(L->added);
	for (struct ld_module *m = ld_modules; m; m = m->next)
		if (m->load == L)
			m->load = NULL;
	memset(L, 0, sizeof *L);
}

int ld_add_dep(struct ld_module *m, struct ld_module *dep)
{
	if (m == dep)
		return 0;
	for (size_t i = 0; i < m->ndeps; i++)
		if (m->deps[i] == dep)
			return 0;
	if (m->ndeps == m->capdeps) {
		size_t cap = m->capdeps ? 2 * m->capdeps : 4;
		struct ld_module **d = realloc(m->deps, cap * sizeof *d);
		if (!d)
			return -1;
		m->deps = d;
		m->capdeps = cap;
	}
	m->deps[m->ndeps++] = dep;
	return 0;
}

/* `--trace`: what the loader wrote; same: those bytes were there
 * already (a kept view bound again), nothing was written. */
static void trace_write(const struct ld_module *m, uint32_t rva, uint32_t len,
                        enum ld_reason why, const char *what, int same)
{
	const struct pe_section *sec;

	if (!ld_trace_on)
		return;
	sec = pe_section_at(m->pe, rva);
	ld_trace("%s %s!%s+0x%x (RVA 0x%x, %u bytes) for %s: %s",
	         same ? "unchanged, still private:" : "privatize",
	         m->name, sec ? sec->name : "(headers)",
	         sec ? rva - sec->vaddr : rva, rva, len,
	         why == LD_REASON_BIND ? "import binding" : "the loader", what);
}

int ld_module_privatize(struct ld_load *L, struct ld_module *m, uint32_t rva,
                        uint32_t len, enum ld_reason why, const char *what)
{
	struct ld_error err = {0};

	if (ld_view_privatize(m->view, rva, len, why, &err) < 0) {
		ld_problem(L, "%s", err.msg);
		return -1;
	}
	trace_write(m, rva, len, why, what, 0);
	return 0;
}

int ld_module_write(struct ld_load *L, struct ld_module *m, uint32_t rva,
                    const void *src, uint32_t len, enum ld_reason why,
                    const char *what)
{
	struct ld_error err = {0};
	int rc = ld_view_write(m->view, rva, src, len, why, &err);

	if (rc < 0) {
		ld_problem(L, "%s", err.msg);
		return -1;
	}
	trace_write(m, rva, len, why, what, rc == 1);
	return 0;
}

void ld_module_free(struct ld_module *m)
{
	if (m->view)
		ld_view_unmap(m->view);
	if (m->sec && m->view)
		standby_put(m->sec);
	else if (m->sec)
		ld_section_close(m->sec);
	free(m->deps);
	free(m->name);
	free(m->path);
	free(m);
}

/* --trace: section.c and view.c print the section, the view and its
 * ranges, and relocation of a moved view; what is left to say is whether
 * the image needed relocations at all, and where they went. */
static void trace_view(const struct ld_module *m)
{
	const struct pe_image *pe = m->pe;
	long nrel = pe->dirs[PE_DIR_BASERELOC].size ? pe_reloc_count(pe, NULL)
	                                            : 0;

	if (nrel > 0 && !ld_view_relocated(m->view))
		ld_trace("reloc: %s: %ld fixups for base 0x%llx, %s", m->name, nrel,
		         (unsigned long long)(uintptr_t)m->base,
		         m->sec->created ? "applied once, into the shared section"
		                         : "already in the shared section");
}

/* Maps the opened section sec as module `name` and puts it on the list,
 * then binds its imports.  Takes over sec (closed on failure). */
static struct ld_module *map_module(struct ld_load *L, struct ld_section *sec,
                                    const char *path, const char *name,
                                    int is_exe, int resolve)
{
	const struct pe_image *pe = ld_section_pe(sec);
	struct ld_module *m = calloc(1, sizeof *m);
	struct ld_error err = {0};
	struct pe_error perr = {0};
	int rc;

	if (!m || !(m->name = strdup(name)) || !(m->path = strdup(path))) {
		ld_problem(L, "%s: out of memory", name);
		goto fail;
	}
	if (L->nadded == L->capadded) {
		size_t cap = L->capadded ? 2 * L->capadded : 8;
		struct ld_module **a = realloc(L->added, cap * sizeof *a);
		if (!a) {
			ld_problem(L, "%s: out of memory", name);
			goto fail;
		}
		L->added = a;
		L->capadded = cap;
	}
	m->sec = sec;
	m->pe = pe;
	m->is_exe = is_exe;
	m->tls_index = -1;
	m->load = L;
	if (ld_view_map(sec, name, &m->view, &err) < 0) {
		ld_problem(L, "%s", err.msg);
		goto fail;
	}
	m->base = ld_view_base(m->view);
	m->size = ld_view_size(m->view);
	rc = pe_exports_open(pe, &m->ex, &perr);
	if (rc == 0)
		m->has_exports = 1;
	else if (rc != PE_ENOTFOUND) {
		ld_problem(L, "%s: %s", name, perr.msg);
		goto fail;
	}
	rc = pe_tls_read(pe, &m->tls, &perr);
	if (rc < 0 && rc != PE_ENOTFOUND) {
		ld_problem(L, "%s: %s", name, perr.msg);
		goto fail;
	}
	if (!is_exe && pe->entry_rva) {
		if (pe->entry_rva >= m->size) {
			ld_problem(L, "%s: AddressOfEntryPoint 0x%x is outside "
			           "SizeOfImage 0x%x", name, pe->entry_rva,
			           m->size);
			goto fail;
		}
		m->dllmain = m->base + pe->entry_rva;
	}
	if (ld_trace_on)
		trace_view(m);
	m->state = LD_MAPPED;
	list_add(m);
	L->added[L->nadded++] = m;
	if (!resolve) {
		/* Mapped for its exports only: nothing it imports is
		 * loaded and it never initializes, not even when a later
		 * load finds it (Windows' DONT_RESOLVE_DLL_REFERENCES). */
		m->dllmain = NULL;
		m->state = LD_READY;
		ld_trace("%s: imports not resolved, not initialized", name);
		return m;
	}
	ld_bind(L, m);
	m->state = LD_BOUND;
	return m;
fail:
	if (m) {
		m->sec = NULL;
		ld_module_free(m);
	}
	ld_section_close(sec);
	return NULL;
}

/* Opens the section of the file at path (st: the search's stat of it);
 * NULL with *why when the image cannot run here (wrong machine, .NET),
 * which a search skips. */
static struct ld_section *open_image(struct ld_load *L, const char *path,
                                     const struct stat *st, const char **why)
{
	struct ld_section *sec;
	struct ld_error err = {0};
	const struct pe_image *pe;
	char *real;
	int rc;

	*why = NULL;
	if ((sec = standby_take(path, st)) != NULL)
		return sec;
	/* A section not kept: it is read and built or found in the cache
	 * (dozens of system calls), and named after the file's real path,
	 * so a process that reaches the file through a symlink shares the
	 * section with one that names it directly. */
	real = realpath(path, NULL);
	if (real)
		standby_drop_path(real);
	rc = ld_section_open(real ? real : path, &sec, &err);
	free(real);
	if (rc < 0) {
		ld_problem(L, "%s", err.msg);
		return NULL;
	}
	pe = ld_section_pe(sec);
	if (pe->not_runnable) {
		*why = pe->not_runnable;
		ld_section_close(sec);
		return NULL;
	}
	return sec;
}

/* Searches for the DLL name (normalized: want) and maps it.  Apart from
 * ld_load_dep, and not inlined there: its path buffers (14 KiB) are no
 * part of the stack of a lookup that finds the DLL loaded, as every
 * import of a built-in does (a page of stack first touched is a page
 * fault at every start). */
static __attribute__((noinline)) struct ld_module *
search_dep(struct ld_load *L, const char *name, const char *want,
           struct ld_module *importer)
{
	char path[PATH_MAX], dirs[2048], skipped_path[PATH_MAX];
	char pathname[PATH_MAX];
	struct ld_search s;
	struct ld_module *m = NULL;
	struct stat st;
	const char *skipped = NULL, *why;
	size_t before = L->nproblems;

	if (!strchr(name, '/') && !strchr(name, '\\')) {
		name = want; /* "fwd_c" (a forwarder) is the file fwd_c.dll */
	} else if (!strchr(ld_base_name(name), '.')) {
		snprintf(pathname, sizeof pathname, "%s.dll", name);
		name = pathname;
	}
	ld_search_begin(&s, name, L->order);
	while (!m && ld_search_next(&s, path, sizeof path, &st)) {
		if ((m = find_loaded(path, &st)) != NULL)
			break;
		if (!importer && (L->flags & LD_LOAD_LOADED_ONLY)) {
			ld_problem(L, "%s: %s is not loaded", L->who, path);
			break;
		}
		struct ld_section *sec = open_image(L, path, &st, &why);
		if (!sec) {
			if (L->nproblems > before)
				break; /* corrupt: say so, do not go on */
			/* Another machine's DLL: Windows keeps looking. */
			skipped = why;
			snprintf(skipped_path, sizeof skipped_path, "%s", path);
			continue;
		}
		if (ld_section_pe(sec)->is_dll == 0) {
			ld_problem(L, "%s: %s is not a DLL", L->who, path);
			ld_section_close(sec);
			break;
		}
		m = map_module(L, sec, path, ld_base_name(path), 0,
		               importer || !(L->flags & LD_LOAD_NO_RESOLVE));
		if (!m)
			break;
	}
	if (!m && L->nproblems == before) {
		ld_search_dirs(&s, dirs, sizeof dirs);
		ld_problem(L, "%s: cannot find %s%s%s%s; searched: %s%s%s%s%s",
		           L->who, s.in_dirs ? name : want,
		           importer ? " (needed by " : "",
		           importer ? importer->name : "", importer ? ")" : "",
		           dirs, skipped ? "; skipped " : "",
		           skipped ? skipped_path : "", skipped ? ": " : "",
		           skipped ? skipped : "");
	}
	ld_search_end(&s);
	return m;
}

struct ld_module *ld_load_dep(struct ld_load *L, const char *name,
                              struct ld_module *importer)
{
	char want[PE_MAX_NAME + 8];
	struct ld_module *m;

	ld_norm_name(name, want, sizeof want);
	if (!strchr(name, '/') && !strchr(name, '\\') &&
	    (m = ld_find_by_name(want)) != NULL)
		return m;
	return search_dep(L, name, want, importer);
}

int ld_load_exe(struct ld_load *L, const char *path, struct ld_module **out)
{
	struct ld_section *sec;
	struct ld_error err = {0};
	const struct pe_image *pe;
	char *real = realpath(path, NULL);
	struct ld_module *m;

	*out = NULL;
	if (ld_section_open(real ? real : path, &sec, &err) < 0) {
		free(real);
		ld_problem(L, "%s", err.msg);
		return -1;
	}
	pe = ld_section_pe(sec);
	if (pe->not_runnable || pe->is_dll) {
		ld_problem(L, "%s: cannot run: %s", L->who,
		           pe->not_runnable ? pe->not_runnable :
		           "it is a DLL, not a program");
		ld_section_close(sec);
		free(real);
		return -1;
	}
	ld_search_set_progdir(real ? real : path, real != NULL);
	m = map_module(L, sec, real ? real : path, ld_base_name(path), 1, 1);
	free(real);
	if (!m)
		return -1;
	m->pinned = 1;
	m->load_count = 1;
	ld_exe = m;
	*out = m;
	return L->nproblems ? -1 : 0;
}

