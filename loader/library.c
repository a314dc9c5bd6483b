/*
 * library.c — LoadLibrary, FreeLibrary, GetModuleHandle and GetProcAddress
 * underneath (the module API of ld.h), and unloading.
 *
 * A module stays loaded while it is reachable from a pinned module (the
 * EXE, built-ins) or from one with LoadLibrary references, through import
 * edges: reference counting by reachability, so a dependency cycle whose
 * last reference goes unloads too.  ld_collect marks what is reachable,
 * detaches the rest in reverse initialization order, then unmaps it.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/module.h"

/* Unmaps modules no longer on any path from a root; the caller has run
 * their detach (or they never initialized). */
static void unmap_unmarked(void)
{
	struct ld_module *m, *next;

	for (m = ld_modules; m; m = m->next) {
		if (!m->mark)
			continue;
		/* A survivor drops its edges to the dead (a forwarder's
		 * target added by GetProcAddress of a failed load). */
		for (size_t i = 0; i < m->ndeps;)
			if (!m->deps[i]->mark)
				m->deps[i] = m->deps[--m->ndeps];
			else
				i++;
	}
	for (m = ld_modules; m; m = next) {
		next = m->next;
		if (m->mark)
			continue;
		ld_trace("unmap: %s", m->name);
		ld_tls_release(m);
		ld_list_remove(m);
		if (ld_exe == m)
			ld_exe = NULL;
		ld_module_free(m);
	}
}

static void mark_from(struct ld_module *m)
{
	if (m->mark)
		return;
	m->mark = 1;
	for (size_t i = 0; i < m->ndeps; i++)
		mark_from(m->deps[i]);
}

static void mark_live(const struct ld_load *skip)
{
	for (struct ld_module *m = ld_modules; m; m = m->next)
		m->mark = 0;
	for (struct ld_module *m = ld_modules; m; m = m->next)
		if ((m->pinned || m->load_count) && (!skip || m->load != skip))
			mark_from(m);
}

void ld_collect(void)
{
	static int busy;

	if (busy)
		return; /* a DllMain's FreeLibrary: the outer pass sees it */
	busy = 1;
	/* Detach in reverse initialization order (init.c), then unmap.  A
	 * DllMain(DETACH) that frees another library makes more garbage:
	 * mark again until a pass detaches nothing. */
	do
		mark_live(NULL);
	while (ld_detach_unmarked(0) > 0);
	unmap_unmarked();
	busy = 0;
}

void ld_load_abort(struct ld_load *L)
{
	/* What this load mapped is garbage unless something older (a
	 * DllMain's own LoadLibrary) holds it. */
	for (size_t i = 0; i < L->nadded; i++) {
		L->added[i]->load_count = 0;
		L->added[i]->pinned = 0;
	}
	do
		mark_live(L);
	while (ld_detach_unmarked(0) > 0);
	unmap_unmarked();
}

/* ------------------------------------------------------------------ */
/* The public module API.                                             */

static void first_problem(const struct ld_load *L, struct ld_error *err)
{
	if (!err)
		return;
	err->code = -1;
	snprintf(err->msg, sizeof err->msg, "%s%s",
	         L->nproblems ? L->problems[0] : "load failed",
	         L->nproblems + L->dropped > 1 ? " (and more)" : "");
}

/* Loads name (and what it imports) and runs their initializers; a new
 * reference on success.  The loader lock is held throughout, as Windows
 * holds it around DllMain. */
int ld_load_library(const char *name, const struct ld_order *order,
                    unsigned flags, struct ld_module **out,
                    struct ld_error *err)
{
	struct ld_load L = {.who = ld_base_name(name), .order = order,
	                    .flags = flags};
	struct ld_module *m;
	int rc = -1;

	*out = NULL;
	pthread_mutex_lock(&ld_lock);
	m = ld_load_dep(&L, name, NULL);
	if (!m || L.nproblems)
		goto fail;
	m->load_count++;
	if (ld_init_load(&L, m) < 0) {
		m->load_count--;
		goto fail;
	}
	*out = m;
	rc = 0;
	ld_trace("LoadLibrary: %s (%u reference%s)", m->name, m->load_count,
	         m->load_count == 1 ? "" : "s");
	ld_load_done(&L);
	pthread_mutex_unlock(&ld_lock);
	return rc;
fail:
	first_problem(&L, err);
	if (!(flags & LD_LOAD_LOADED_ONLY)) /* a question, not a load */
		ld_trace("LoadLibrary: %s failed: %s", name,
		         err ? err->msg : "");
	ld_load_abort(&L);
	ld_load_done(&L);
	pthread_mutex_unlock(&ld_lock);
	return rc;
}

int ld_search_file(const char *name, const struct ld_order *order,
                   char *path, size_t len)
{
	char want[PATH_MAX];
	struct ld_search s;
	struct stat st;
	int found;

	/* As a load names it: "x" is x.dll, "x." is x. */
	if (!strchr(name, '/') && !strchr(name, '\\'))
		ld_norm_name(name, want, sizeof want);
	else if (!strchr(ld_base_name(name), '.'))
		snprintf(want, sizeof want, "%s.dll", name);
	else
		snprintf(want, sizeof want, "%s", name);
	ld_search_begin(&s, want, order);
	found = ld_search_next(&s, path, len, &st);
	ld_search_end(&s);
	return found;
}

/* Drops one LoadLibrary reference; at zero, m and what only it needed
 * get DLL_PROCESS_DETACH and are unmapped.  Returns 0 (a module loaded
 * only by imports, a built-in or the EXE is left as it is, as Windows
 * leaves them). */
int ld_free_library(struct ld_module *m)
{
	int rc = 0;

	pthread_mutex_lock(&ld_lock);
	if (m->pinned || m->builtin) {
		pthread_mutex_unlock(&ld_lock);
		return 0;
	}
	if (m->load_count == 0) {
		rc = 0; /* loaded by an import, not by LoadLibrary: stays */
	} else {
		m->load_count--;
		ld_trace("FreeLibrary: %s (%u reference%s)", m->name,
		         m->load_count, m->load_count == 1 ? "" : "s");
		if (m->load_count == 0)
			ld_collect();
	}
	pthread_mutex_unlock(&ld_lock);
	return rc;
}

/* The loaded module called name (case-insensitive, ".dll" optional), or
 * the EXE for NULL; NULL when not loaded. */
struct ld_module *ld_module_find(const char *name)
{
	char want[PE_MAX_NAME + 8];
	struct ld_module *m;

	if (!name)
		return ld_exe;
	ld_norm_name(name, want, sizeof want);
	pthread_mutex_lock(&ld_lock);
	m = ld_find_by_name(want);
	pthread_mutex_unlock(&ld_lock);
	return m;
}

/* The module whose image contains address handle (its base is the
 * HMODULE), or NULL. */
struct ld_module *ld_module_from_handle(void *handle)
{
	uint8_t *p = handle;
	struct ld_module *m;

	pthread_mutex_lock(&ld_lock);
	for (m = ld_modules; m; m = m->next)
		if (m->state != LD_DETACHED && p >= m->base &&
		    p < m->base + m->size)
			break;
	pthread_mutex_unlock(&ld_lock);
	return m;
}

int ld_module_no_thread_calls(struct ld_module *m)
{
	int rc = -1;

	pthread_mutex_lock(&ld_lock);
	if (m->tls_index < 0) {
		m->no_thread_calls = 1;
		rc = 0;
	}
	pthread_mutex_unlock(&ld_lock);
	return rc;
}

void *ld_module_handle(const struct ld_module *m)
{
	return m->base;
}

const char *ld_module_path(const struct ld_module *m)
{
	return m->path;
}

/* GetProcAddress: the export by name, or by ordinal when name is NULL,
 * following forwarders (loading their DLLs, which then stay loaded with
 * m).  NULL with err filled when there is none. */
void *ld_module_proc(struct ld_module *m, const char *name, uint16_t ordinal,
                     struct ld_error *err)
{
	struct ld_load L = {.who = m->name};
	char why[256] = "", via[512];
	void *addr;

	pthread_mutex_lock(&ld_lock);
	addr = ld_resolve(&L, m, name, 0, ordinal, m, why, sizeof why, via,
	                  sizeof via);
	if (addr && (L.nproblems || ld_init_load(&L, NULL) < 0))
		addr = NULL;
	if (!addr) {
		if (err && !L.nproblems) {
			err->code = -1;
			if (name)
				snprintf(err->msg, sizeof err->msg,
				         "%s!%s: %s", m->name, name, why);
			else
				snprintf(err->msg, sizeof err->msg,
				         "%s!#%u: %s", m->name, ordinal, why);
		} else {
			first_problem(&L, err);
		}
		ld_load_abort(&L);
	}
	ld_load_done(&L);
	pthread_mutex_unlock(&ld_lock);
	return addr;
}
