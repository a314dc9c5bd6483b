/*
 * init.c — initialization and its undoing: implicit TLS, TLS callbacks,
 * DllMain, in the order Windows uses.
 *
 * Order (PE spec 6.7 for TLS; Windows' InInitializationOrder list): a
 * module initializes after everything it imports, depth first in import
 * descriptor order, each once (a cycle is cut where the walk meets a
 * module already in progress).  For each module: its TLS index and this
 * thread's block, its TLS callbacks, then its DllMain(DLL_PROCESS_ATTACH).
 * The EXE comes last and has TLS callbacks but no DllMain: its entry
 * point is the program.  Detach runs the same steps in reverse order.
 *
 * Implicit TLS: each module with a TLS directory gets an index; every
 * thread has a vector (TEB.ThreadLocalStoragePointer) whose slot `index`
 * points to that thread's copy of the module's template
 * (StartAddressOfRawData..EndAddressOfRawData, then SizeOfZeroFill zero
 * bytes).  The compiler reads gs:[0x58][_tls_index].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/module.h"

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_ATTACH 2
#define DLL_THREAD_DETACH 3

static const char *const reason_names[] = {
	"DLL_PROCESS_DETACH", "DLL_PROCESS_ATTACH", "DLL_THREAD_ATTACH",
	"DLL_THREAD_DETACH",
};

/* Initialized modules, in initialization order. */
static struct ld_module **order;
static size_t norder, caporder;

/* Threads that have a TLS vector (all run Windows code). */
struct ld_thread {
	void **vec; /* LD_MAX_TLS_MODULES slots */
	struct ld_thread *next;
};
static struct ld_thread *threads;
static __thread struct ld_thread *self;
static struct ld_module *tls_owner[LD_MAX_TLS_MODULES];
static int process_detached;

static void order_remove(struct ld_module *m)
{
	for (size_t i = 0; i < norder; i++)
		if (order[i] == m) {
			memmove(order + i, order + i + 1,
			        (norder - i - 1) * sizeof *order);
			norder--;
			return;
		}
}

/* This thread's copy of m's TLS template, or NULL. */
/* A thread's copy of m's TLS template. */
static void *tls_block(const struct ld_module *m)
{
	const struct pe_tls *t = &m->tls;
	uint64_t start = t->start_va - m->pe->image_base;
	uint64_t data = t->end_va - t->start_va;
	size_t size = data + t->zero_fill, align = 16;
	unsigned a = (t->flags >> 20) & 0xf; /* IMAGE_SCN_ALIGN_* */
	uint8_t *b;

	if (a && (1u << (a - 1)) > align)
		align = 1u << (a - 1);
	size = (size + align - 1) & ~(align - 1);
	b = aligned_alloc(align, size ? size : align);
	if (!b)
		return NULL;
	memcpy(b, m->base + start, data);
	memset(b + data, 0, size - data);
	return b;
}

/* Checks m's TLS directory against SizeOfImage before anything is
 * copied or written.  0, or -1 with a problem. */
static int tls_check(struct ld_load *L, const struct ld_module *m)
{
	const struct pe_tls *t = &m->tls;
	uint64_t base = m->pe->image_base;

	if (t->start_va < base || t->end_va < t->start_va ||
	    t->end_va - base > m->size || t->index_va < base ||
	    t->index_va - base + 4 > m->size || t->zero_fill > m->size) {
		ld_problem(L, "%s: TLS directory at RVA 0x%x: template or "
		           "AddressOfIndex outside SizeOfImage 0x%x", m->name,
		           m->pe->dirs[PE_DIR_TLS].rva, m->size);
		return -1;
	}
	return 0;
}

/* Gives m a TLS index, writes it to its AddressOfIndex and gives every
 * registered thread a block.  0, or -1 with a problem. */
static int tls_setup(struct ld_load *L, struct ld_module *m)
{
	uint32_t idx_rva;
	int idx;

	if (!m->pe->dirs[PE_DIR_TLS].rva || m->tls_index >= 0)
		return 0;
	if (tls_check(L, m) < 0)
		return -1;
	for (idx = 0; idx < LD_MAX_TLS_MODULES && tls_owner[idx]; idx++)
		;
	if (idx == LD_MAX_TLS_MODULES) {
		ld_problem(L, "%s: more than %d modules with TLS", m->name,
		           LD_MAX_TLS_MODULES);
		return -1;
	}
	/* The blocks first: reading the template is usually the first
	 * touch of the image's data, and the kernel then maps the pages
	 * around it too (fault-around), which it can only do while the
	 * mapping is whole — before the index's page is made writable. */
	for (struct ld_thread *t = threads; t; t = t->next)
		if (!(t->vec[idx] = tls_block(m))) {
			for (t = threads; t; t = t->next) {
				free(t->vec[idx]);
				t->vec[idx] = NULL;
			}
			ld_problem(L, "%s: out of memory for TLS", m->name);
			return -1;
		}
	idx_rva = (uint32_t)(m->tls.index_va - m->pe->image_base);
	/* Made writable, not written by force: the C runtime's own .bss
	 * variables usually share the index's page, and their first write
	 * would otherwise take a fault on the private read-only page. */
	if (ld_module_privatize(L, m, idx_rva, 4, LD_REASON_BIND,
	                        "the TLS index") < 0)
		return -1;
	memcpy(m->base + idx_rva, &(uint32_t){(uint32_t)idx}, 4);
	tls_owner[idx] = m;
	m->tls_index = idx;
	ld_trace("tls: %s: index %d, %llu bytes of template + %u zero", m->name,
	         idx, (unsigned long long)(m->tls.end_va - m->tls.start_va),
	         m->tls.zero_fill);
	return 0;
}

void ld_tls_release(struct ld_module *m)
{
	if (m->tls_index < 0)
		return;
	for (struct ld_thread *t = threads; t; t = t->next) {
		free(t->vec[m->tls_index]);
		t->vec[m->tls_index] = NULL;
	}
	tls_owner[m->tls_index] = NULL;
	m->tls_index = -1;
}

static void call_tls_callbacks(struct ld_module *m, uint32_t reason,
                               void *reserved)
{
	struct pe_error perr;
	uint64_t va;

	if (!m->pe || !m->pe->dirs[PE_DIR_TLS].rva)
		return;
	for (uint32_t i = 0; i < m->tls.ncallbacks; i++) {
		uint64_t rva;
		if (pe_tls_callback(m->pe, &m->tls, i, &va, &perr) < 0)
			return;
		rva = va - m->pe->image_base;
		if (va < m->pe->image_base || rva >= m->size)
			return; /* pe/ vouched for the array, not the targets */
		ld_trace("init: %s: TLS callback %u at %s+0x%llx (%s)", m->name, i,
		         m->name, (unsigned long long)rva, reason_names[reason]);
		ld_host->call_dllmain(m->base + rva, m->base, reason, reserved);
	}
}

static int call_dllmain(struct ld_module *m, uint32_t reason, void *reserved)
{
	int ok;

	if (!m->dllmain)
		return 1;
	ld_trace("init: %s: DllMain(%s)", m->name, reason_names[reason]);
	ok = ld_host->call_dllmain(m->dllmain, m->base, reason, reserved);
	if (reason == DLL_PROCESS_ATTACH)
		ld_trace("init: %s: DllMain returned %s", m->name,
		         ok ? "TRUE" : "FALSE");
	return ok;
}

static int init_one(struct ld_load *L, struct ld_module *m)
{
	void *reserved = L->static_load ? (void *)1 : NULL;

	if (tls_setup(L, m) < 0)
		return -1;
	call_tls_callbacks(m, DLL_PROCESS_ATTACH, reserved);
	if (!m->is_exe && !call_dllmain(m, DLL_PROCESS_ATTACH, reserved)) {
		/* As in Wine: a DllMain that failed gets no DETACH. */
		ld_problem(L, "%s: DllMain of %s returned FALSE "
		           "(DLL_PROCESS_ATTACH)", L->who, m->name);
		m->state = LD_DETACHED;
		return -1;
	}
	if (norder == caporder) {
		size_t cap = caporder ? 2 * caporder : 16;
		struct ld_module **o = realloc(order, cap * sizeof *o);
		if (!o) {
			ld_problem(L, "%s: out of memory", m->name);
			return -1;
		}
		order = o;
		caporder = cap;
	}
	order[norder++] = m;
	m->state = LD_READY;
	return 0;
}

static int init_dfs(struct ld_load *L, struct ld_module *m)
{
	if (m->state != LD_BOUND)
		return 0; /* done, in progress (a cycle), or built-in */
	m->state = LD_INITIALIZING;
	for (size_t i = 0; i < m->ndeps; i++)
		if (init_dfs(L, m->deps[i]) < 0)
			return -1;
	return init_one(L, m);
}

int ld_init_load(struct ld_load *L, struct ld_module *root)
{
	if (root && init_dfs(L, root) < 0)
		return -1;
	for (size_t i = 0; i < L->nadded; i++)
		if (init_dfs(L, L->added[i]) < 0)
			return -1;
	return 0;
}

static void detach_one(struct ld_module *m, int process_exit)
{
	void *reserved = process_exit ? (void *)1 : NULL;

	m->state = LD_DETACHED;
	call_tls_callbacks(m, DLL_PROCESS_DETACH, reserved);
	if (!m->is_exe)
		call_dllmain(m, DLL_PROCESS_DETACH, reserved);
}

int ld_detach_unmarked(int process_exit)
{
	int n = 0;

	/* A DllMain may FreeLibrary: rescan from the end after each. */
	for (size_t i = norder; i-- > 0;) {
		struct ld_module *m = order[i];
		if (m->mark || m->state != LD_READY)
			continue;
		order_remove(m);
		detach_one(m, process_exit);
		n++;
		i = norder;
	}
	return n;
}

void ld_process_detach(void)
{
	pthread_mutex_lock(&ld_lock);
	if (process_detached || !ld_host) {
		pthread_mutex_unlock(&ld_lock);
		return;
	}
	process_detached = 1;
	ld_trace("exit: DLL_PROCESS_DETACH in reverse initialization order");
	while (norder > 0) {
		struct ld_module *m = order[--norder];
		/* As in Wine, the EXE's TLS callbacks do not see
		 * DLL_PROCESS_DETACH (they do see thread attach/detach). */
		if (m->state == LD_READY && !m->is_exe)
			detach_one(m, 1);
	}
	pthread_mutex_unlock(&ld_lock);
}

/* ------------------------------------------------------------------ */
/* Threads.                                                            */

int ld_thread_start(void)
{
	struct ld_thread *t;

	pthread_mutex_lock(&ld_lock);
	if (self) {
		pthread_mutex_unlock(&ld_lock);
		return 0;
	}
	t = calloc(1, sizeof *t);
	if (!t || !(t->vec = calloc(LD_MAX_TLS_MODULES, sizeof *t->vec)))
		goto fail;
	for (int i = 0; i < LD_MAX_TLS_MODULES; i++)
		if (tls_owner[i] && !(t->vec[i] = tls_block(tls_owner[i])))
			goto fail;
	t->next = threads;
	threads = t;
	self = t;
	if (ld_host && ld_host->set_tls_vector)
		ld_host->set_tls_vector(t->vec);
	pthread_mutex_unlock(&ld_lock);
	return 0;
fail:
	if (t && t->vec)
		for (int i = 0; i < LD_MAX_TLS_MODULES; i++)
			free(t->vec[i]);
	if (t)
		free(t->vec);
	free(t);
	pthread_mutex_unlock(&ld_lock);
	return -1;
}

int ld_thread_attach(void)
{
	if (ld_thread_start() < 0)
		return -1;
	pthread_mutex_lock(&ld_lock);
	for (size_t i = 0; i < norder; i++) {
		struct ld_module *m = order[i];
		call_tls_callbacks(m, DLL_THREAD_ATTACH, NULL);
		if (!m->is_exe && !m->no_thread_calls)
			call_dllmain(m, DLL_THREAD_ATTACH, NULL);
	}
	pthread_mutex_unlock(&ld_lock);
	return 0;
}

void ld_thread_detach(void)
{
	struct ld_thread **pp;

	pthread_mutex_lock(&ld_lock);
	if (!self || process_detached) {
		pthread_mutex_unlock(&ld_lock);
		return;
	}
	/* Forward, not reversed: Wine delivers DLL_THREAD_DETACH in
	 * initialization order, and our output must match Wine's. */
	for (size_t i = 0; i < norder; i++) {
		struct ld_module *m = order[i];
		call_tls_callbacks(m, DLL_THREAD_DETACH, NULL);
		if (!m->is_exe && !m->no_thread_calls)
			call_dllmain(m, DLL_THREAD_DETACH, NULL);
	}
	for (pp = &threads; *pp && *pp != self; pp = &(*pp)->next)
		;
	if (*pp)
		*pp = self->next;
	for (int i = 0; i < LD_MAX_TLS_MODULES; i++)
		free(self->vec[i]);
	if (ld_host->set_tls_vector)
		ld_host->set_tls_vector(NULL);
	free(self->vec);
	free(self);
	self = NULL;
	pthread_mutex_unlock(&ld_lock);
}
