/*
 * bind.c — import binding: fill each module's IAT with the addresses of
 * what it imports (PE spec 5.4), following forwarded exports (5.3.2).
 *
 * Every function of every DLL is resolved first; the IAT is written only
 * when all of them resolved, through ld_view_write, so the pages binding
 * touches are private with the reason "import binding" and every other
 * page of the image stays shared.  The IATs of consecutive descriptors
 * are usually adjacent, one null slot apart: they are written as one
 * run, one kernel call for a whole table.  Missing functions are
 * collected as problems, one line each, and the load fails before any
 * code of the program runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/module.h"

/* Address-table entry `index` of m's exports: its RVA and, when the RVA
 * lies inside the export directory, the forwarder string.  The parser's
 * pe_export_at also finds the entry's name, a linear walk a lookup by
 * hint must not pay. */
static int export_entry(const struct ld_module *m, uint32_t index,
                        uint32_t *rva, const char **fwd)
{
	const struct pe_exports *ex = &m->ex;
	const uint8_t *p;

	*fwd = NULL;
	if (index >= ex->nfuncs)
		return -1;
	p = pe_rva_ptr(m->pe, ex->funcs_rva + index * 4, 4);
	if (!p)
		return -1;
	*rva = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
	if (*rva == 0)
		return -1;
	if (*rva - ex->dir_rva < ex->dir_size) {
		*fwd = pe_rva_str(m->pe, *rva, PE_MAX_FORWARDER);
		if (!*fwd || !strrchr(*fwd, '.'))
			return -1;
	}
	return 0;
}

/* Index into m's address table of export `name` (hint tried first, as
 * the Windows loader does: a right hint saves the binary search) or of
 * `ordinal` when name is NULL; -1 when absent. */
static long export_index(const struct ld_module *m, const char *name,
                         uint16_t hint, uint16_t ordinal)
{
	const struct pe_exports *ex = &m->ex;
	uint32_t lo = 0, hi = ex->nnames, index;
	const char *n;

	if (!name) {
		if (ordinal < ex->ordinal_base ||
		    ordinal - ex->ordinal_base >= ex->nfuncs)
			return -1;
		return ordinal - ex->ordinal_base;
	}
	if (hint < ex->nnames &&
	    pe_export_name_at(ex, hint, &n, &index, NULL) == 0 &&
	    !strcmp(n, name))
		return index;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c;
		if (pe_export_name_at(ex, mid, &n, &index, NULL) < 0)
			return -1;
		c = strcmp(name, n);
		if (c == 0)
			return index;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* A built-in's export.  The runtime sorts its tables by name (runtime/
 * host.c), so a name is a binary search; the linear pass after a miss
 * keeps an unsorted table correct, and misses only happen on the way to
 * an error. */
static void *builtin_proc(const struct ld_builtin_module *b, const char *name,
                          uint16_t ordinal)
{
	size_t lo = 0, hi = b->nexports;

	if (name) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strcmp(name, ld_export_name(b, mid));
			if (c == 0)
				return ld_export_addr(b, mid);
			if (c < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	for (size_t i = 0; i < b->nexports; i++) {
		const struct ld_builtin_export *e = &b->exports[i];
		if (name ? !strcmp(ld_export_name(b, i), name)
		         : (e->ordinal && e->ordinal == ordinal))
			return ld_export_addr(b, i);
	}
	return NULL;
}

struct hop {
	const struct ld_module *m;
	const char *name; /* NULL: by ordinal */
	uint16_t ordinal;
};

static void describe_chain(const struct hop *h, size_t n, char *buf,
                           size_t len)
{
	size_t used = 0;

	buf[0] = 0;
	for (size_t i = 0; i < n && used < len; i++) {
		int k = h[i].name
		        ? snprintf(buf + used, len - used, "%s%s!%s",
		                   i ? " -> " : "", h[i].m->name, h[i].name)
		        : snprintf(buf + used, len - used, "%s%s!#%u",
		                   i ? " -> " : "", h[i].m->name, h[i].ordinal);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

/* The module the forwarder fwd of m names, loaded, with *name or
 * *ordinal set to what it names there; NULL with why said.  Apart from
 * ld_resolve, and not inlined there: its buffer (4 KiB) is no part of
 * the stack of binding to a built-in. */
static __attribute__((noinline)) struct ld_module *
forward(struct ld_load *L, const struct ld_module *m, const char *fwd,
        const char **name, uint16_t *ordinal, struct ld_module *requester,
        char *why, size_t whylen)
{
	char dll[PE_MAX_FORWARDER + 1];
	/* "DLL.Name" or "DLL.#N": the DLL part may itself hold dots, the
	 * function part cannot. */
	const char *dot = strrchr(fwd, '.');
	struct ld_module *to;

	snprintf(dll, sizeof dll, "%.*s", (int)(dot - fwd), fwd);
	if (dot[1] == '#') {
		char *end;
		unsigned long o = strtoul(dot + 2, &end, 10);
		if (*end || o == 0 || o > 0xffff) {
			snprintf(why, whylen, "bad forwarder \"%s\" in %s", fwd,
			         m->name);
			return NULL;
		}
		*name = NULL;
		*ordinal = (uint16_t)o;
	} else {
		*name = dot + 1;
	}
	if (!(to = ld_load_dep(L, dll, requester))) {
		snprintf(why, whylen, "forwarded to %s, which is missing", fwd);
		return NULL;
	}
	/* As in Wine: the forward target is the requester's dependency,
	 * initialized before it. */
	ld_add_dep(requester, to);
	return to;
}

/* See module.h.  *via receives the forwarder chain ("" when direct). */
void *ld_resolve(struct ld_load *L, struct ld_module *m, const char *name,
                 uint16_t hint, uint16_t ordinal, struct ld_module *requester,
                 char *why, size_t whylen, char *via, size_t vialen)
{
	struct hop chain[LD_MAX_FORWARD_DEPTH + 1];
	size_t n = 0;

	via[0] = 0;
	for (;;) {
		uint32_t rva;
		const char *fwd;
		long index;

		for (size_t i = 0; i < n; i++)
			if (chain[i].m == m &&
			    (name ? chain[i].name && !strcmp(chain[i].name, name)
			          : !chain[i].name && chain[i].ordinal == ordinal)) {
				chain[n++] = (struct hop){m, name, ordinal};
				describe_chain(chain, n, via, vialen);
				snprintf(why, whylen, "forwarder loop: %s", via);
				return NULL;
			}
		if (n == LD_MAX_FORWARD_DEPTH + 1) {
			describe_chain(chain, n, via, vialen);
			snprintf(why, whylen, "forwarder chain longer than %d: %s",
			         LD_MAX_FORWARD_DEPTH, via);
			return NULL;
		}
		chain[n++] = (struct hop){m, name, ordinal};
		if (n > 1)
			describe_chain(chain, n, via, vialen);
		if (m->builtin) {
			void *p = builtin_proc(m->builtin, name, ordinal);
			if (!p)
				snprintf(why, whylen, "not provided by the built-in %s",
				         m->name);
			return p;
		}
		index = m->has_exports ? export_index(m, name, hint, ordinal) : -1;
		if (index < 0 || export_entry(m, (uint32_t)index, &rva, &fwd) < 0) {
			snprintf(why, whylen, "not exported by %s", m->name);
			return NULL;
		}
		if (!fwd) {
			if (rva >= m->size) {
				snprintf(why, whylen, "export RVA 0x%x of %s is beyond "
				         "SizeOfImage 0x%x", rva, m->name, m->size);
				return NULL;
			}
			return m->base + rva;
		}
		hint = 0;
		if (!(m = forward(L, m, fwd, &name, &ordinal, requester, why,
		                  whylen)))
			return NULL;
	}
}

static void missing(struct ld_load *L, struct ld_module *importer,
                    const char *dll, const struct pe_import_fn *fn,
                    const char *why)
{
	char what[PE_MAX_NAME + 16], by[PE_MAX_NAME + 32] = "";

	if (fn->by_ordinal)
		snprintf(what, sizeof what, "#%u", fn->ordinal);
	else
		snprintf(what, sizeof what, "%s", fn->name);
	if (!importer->is_exe)
		snprintf(by, sizeof by, " (needed by %s)", importer->name);
	if (!strncmp(why, "not ", 4))
		ld_problem(L, "%s: missing import: %s!%s%s", L->who, dll, what,
		           by);
	else
		ld_problem(L, "%s: missing import: %s!%s%s: %s", L->who, dll,
		           what, by, why);
}

/* The IAT slots of one descriptor, resolved, waiting to be written. */
struct iat {
	uint32_t rva;
	size_t n;
	uint64_t *slots;
	const char *dll;
};

/* Why a resolution failed, and the forwarder chain it followed: on the
 * heap, once per ld_bind (1.5 KiB of stack below ld_bind would be a page
 * of stack touched at every start, for messages a start never prints). */
struct bind_msg {
	char why[512], via[1024];
};

/* --trace: one import bound. */
static __attribute__((noinline)) void trace_bind(const struct ld_module *m,
                                                 const struct ld_module *dep,
                                                 const struct pe_import_fn *fn,
                                                 const char *via)
{
	char what[PE_MAX_NAME + 16];

	if (fn->by_ordinal)
		snprintf(what, sizeof what, "#%u", fn->ordinal);
	else
		snprintf(what, sizeof what, "%s", fn->name);
	ld_trace("bind: %s -> %s!%s%s%s%s", m->name, dep->name, what,
	         dep->builtin ? " (builtin)" : "", via[0] ? " forwarded: " : "",
	         via);
}

/* Resolves the functions m imports from dep (one descriptor) into *out.
 * 0 or -1. */
static int bind_dll(struct ld_load *L, struct ld_module *m,
                    struct ld_module *dep, const struct pe_import_dll *d,
                    struct bind_msg *msg, struct iat *out)
{
	struct pe_import_fn_iter it;
	struct pe_import_fn fn;
	struct pe_error perr = {0};
	uint64_t *slots = NULL;
	size_t n = 0, cap = 0;
	int rc, bad = 0;
	char *why = msg->why, *via = msg->via;

	*out = (struct iat){0};
	pe_import_fn_begin(m->pe, d, &it);
	while ((rc = pe_import_fn_next(&it, &fn, &perr)) > 0) {
		size_t before = L->nproblems;
		void *addr;

		if (fn.iat_rva != d->iat_rva + 8 * n || fn.iat_rva + 8 > m->size) {
			ld_problem(L, "%s: import %s: IAT slot at RVA 0x%x is not "
			           "inside SizeOfImage 0x%x", m->name, d->name,
			           fn.iat_rva, m->size);
			bad = 1;
			break;
		}
		if (n == cap) {
			uint64_t *s;
			cap = cap ? 2 * cap : 32;
			s = realloc(slots, cap * sizeof *s);
			if (!s) {
				ld_problem(L, "%s: out of memory", m->name);
				bad = 1;
				break;
			}
			slots = s;
		}
		addr = ld_resolve(L, dep, fn.by_ordinal ? NULL : fn.name, fn.hint,
		                  fn.ordinal, m, why, sizeof msg->why, via,
		                  sizeof msg->via);
		if (!addr) {
			if (L->nproblems == before)
				missing(L, m, d->name, &fn, why);
			bad = 1;
		} else if (ld_trace_on) {
			trace_bind(m, dep, &fn, via);
		}
		slots[n++] = (uint64_t)(uintptr_t)addr;
	}
	if (rc < 0) {
		ld_problem(L, "%s: %s", m->name, perr.msg);
		bad = 1;
	}
	if (bad) {
		free(slots);
		return -1;
	}
	*out = (struct iat){d->iat_rva, n, slots, d->name};
	return 0;
}

static int by_rva(const void *a, const void *b)
{
	const struct iat *x = a, *y = b;

	return x->rva < y->rva ? -1 : x->rva > y->rva;
}

/* Writes the resolved tables t[0..n) (sorted by RVA), merging tables
 * that are at most one null slot apart into one write; the bytes between
 * two tables are the image's own (the section's, which equal the view's
 * unless the view was relocated here: then nothing is merged).  0 or -1. */
static int write_iats(struct ld_load *L, struct ld_module *m, struct iat *t,
                      size_t n)
{
	static const uint8_t zero[8];
	int merge = !ld_view_relocated(m->view);

	for (size_t i = 0, j; i < n; i = j) {
		uint32_t start = t[i].rva, end = t[i].rva + (uint32_t)(8 * t[i].n);
		char what[256];
		size_t used;
		uint8_t *buf;
		int rc;

		for (j = i + 1; j < n && merge && t[j].rva >= end &&
		                t[j].rva - end <= 8; j++)
			end = t[j].rva + (uint32_t)(8 * t[j].n);
		if (!(buf = malloc(end - start))) {
			ld_problem(L, "%s: out of memory", m->name);
			return -1;
		}
		what[0] = 0;
		used = ld_trace_on ? (size_t)snprintf(what, sizeof what,
		                                      "the IAT slots for %s",
		                                      t[i].dll)
		                   : sizeof what;
		for (size_t k = i; k < j; k++) {
			uint32_t at = t[k].rva - start;
			uint32_t next = k + 1 < j ? t[k + 1].rva - start : end - start;
			uint32_t fill = next - at - (uint32_t)(8 * t[k].n);
			const uint8_t *gap = pe_rva_ptr(m->pe, t[k].rva + 8 * t[k].n,
			                                fill);

			memcpy(buf + at, t[k].slots, 8 * t[k].n);
			if (fill)
				memcpy(buf + at + 8 * t[k].n, gap ? gap : zero, fill);
			if (k > i && used < sizeof what)
				used += (size_t)snprintf(what + used, sizeof what - used,
				                         ", %s", t[k].dll);
		}
		rc = ld_module_write(L, m, start, buf, end - start, LD_REASON_BIND,
		                     what);
		free(buf);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* Restores the protection of the ranges binding made writable.  Apart
 * from ld_bind, and not inlined there: its error is no part of the
 * stack below ld_bind while it binds. */
static __attribute__((noinline)) void seal(struct ld_load *L,
                                           struct ld_module *m)
{
	struct ld_error err = {0};

	if (ld_view_seal(m->view, &err) < 0)
		ld_problem(L, "%s", err.msg);
}

/* Loads what m imports and binds m's IAT.  0, or -1 with problems
 * recorded (binding goes on past a problem, to report them all). */
int ld_bind(struct ld_load *L, struct ld_module *m)
{
	struct pe_import_iter it;
	struct pe_import_dll d;
	struct pe_error perr = {0};
	struct bind_msg *msg = malloc(sizeof *msg);
	struct iat *t = NULL;
	size_t n = 0, cap = 0, before = L->nproblems;
	int rc;

	if (!msg) {
		ld_problem(L, "%s: out of memory", m->name);
		return -1;
	}
	pe_import_begin(m->pe, &it);
	while ((rc = pe_import_next(&it, &d, &perr)) > 0) {
		struct ld_module *dep = ld_load_dep(L, d.name, m);
		if (!dep)
			continue;
		if (ld_add_dep(m, dep) < 0) {
			ld_problem(L, "%s: out of memory", m->name);
			continue;
		}
		if (n == cap) {
			struct iat *g = realloc(t, (cap = cap ? 2 * cap : 8) * sizeof *t);
			if (!g) {
				ld_problem(L, "%s: out of memory", m->name);
				break;
			}
			t = g;
		}
		if (bind_dll(L, m, dep, &d, msg, &t[n]) == 0 && t[n].n)
			n++;
		else
			free(t[n].slots); /* an empty table: nothing to write */
	}
	free(msg);
	if (rc < 0)
		ld_problem(L, "%s: %s", m->name, perr.msg);
	if (L->nproblems == before) {
		qsort(t, n, sizeof *t, by_rva);
		write_iats(L, m, t, n);
	}
	for (size_t i = 0; i < n; i++)
		free(t[i].slots);
	free(t);
	seal(L, m);
	return L->nproblems > before ? -1 : 0;
}
