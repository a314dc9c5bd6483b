/*
 * cmd_exports.c — `dllshare exports`: how much of each built-in DLL
 * exists, measured against the export list mingw-w64's import library
 * declares for that DLL (libkernel32.a for kernel32.dll), and which
 * imports of a given image the built-ins lack.
 *
 * Everything is read and compared before anything is printed, so an
 * unreadable or malformed file yields one error line and no half report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "loader/cmd.h"
#include "loader/inspect.h"

#define DEFAULT_LIBDIR "/usr/x86_64-w64-mingw32/lib"

/* Exit statuses (documented in usage()). */
#define EXIT_ALL_PRESENT 0
#define EXIT_MISSING	 1
#define EXIT_ERROR	 2

/* A growing list of owned strings; sorted and unique once names_sort ran. */
struct names {
	char **v;
	size_t n, cap;
};

/* One built-in DLL against its import library. */
struct cover {
	const struct ld_builtin_module *mod;
	char implib[4096];
	struct names declared; /* by the import library */
	struct names builtin;  /* by the runtime */
	struct names present;  /* declared and built in */
	struct names missing;  /* declared, not built in */
	struct names extra;    /* built in, not declared */
};

/* One import descriptor of an image. */
struct image_dll {
	char *name;
	int delay;
	const struct ld_builtin_module *mod;
	long nfuncs;
	struct names missing;
};

static int names_add(struct names *s, const char *str)
{
	char *d;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		char **v = realloc(s->v, cap * sizeof *v);

		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	if (!(d = strdup(str)))
		return -1;
	s->v[s->n++] = d;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts s and drops duplicates (aliases: libmsvcrt.a's access and _access
 * both import _access). */
static void names_sort(struct names *s)
{
	size_t k = 0;

	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, cmp_str);
	for (size_t i = 0; i < s->n; i++) {
		if (k && !strcmp(s->v[k - 1], s->v[i]))
			free(s->v[i]);
		else
			s->v[k++] = s->v[i];
	}
	s->n = k;
}

static int names_has(const struct names *s, const char *str)
{
	return s->n && bsearch(&str, s->v, s->n, sizeof *s->v, cmp_str);
}

static void names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

static void out_of_memory(void)
{
	fprintf(stderr, "dllshare: exports: out of memory\n");
}

/* Adds to out every export the import library at path declares for dll
 * (case-insensitive), sorted and unique; by ordinal only: "#N".
 * 0, or -1 with a message naming the file printed. */
static int read_implib(const char *path, const char *dll, struct names *out)
{
	struct pe_implib_iter it;
	struct pe_implib_sym sym;
	struct pe_error err = {0};
	const uint8_t *buf;
	size_t len;
	int rc;

	if (ld_map_file(path, &buf, &len) < 0)
		return -1;
	rc = pe_implib_begin(buf, len, &it, &err);
	while (rc == 0 && (rc = pe_implib_next(&it, &sym, &err)) > 0) {
		char ord[16];

		rc = 0;
		if (strcasecmp(sym.dll, dll))
			continue;
		snprintf(ord, sizeof ord, "#%u", sym.ordinal);
		if (names_add(out, sym.by_ordinal ? ord : sym.name) < 0) {
			snprintf(err.msg, sizeof err.msg, "out of memory");
			rc = PE_ENOMEM;
			break;
		}
	}
	if (len)
		munmap((void *)buf, len);
	if (rc < 0) {
		fprintf(stderr, "dllshare: %s: %s\n", path, err.msg);
		return -1;
	}
	if (!out->n) {
		fprintf(stderr, "dllshare: %s: declares no export of %s\n",
			path, dll);
		return -1;
	}
	names_sort(out);
	return 0;
}

/* The runtime's exports of c->mod, then what each side lacks: 0, or -1
 * with a message printed. */
static int cover_compare(struct cover *c)
{
	const struct ld_builtin_module *m = c->mod;

	for (size_t i = 0; i < m->nexports; i++) {
		char ord[16];

		snprintf(ord, sizeof ord, "#%u", m->exports[i].ordinal);
		if (names_add(&c->builtin, *ld_export_name(m, i)
		                                   ? ld_export_name(m, i)
		                                   : ord) < 0)
			goto nomem;
	}
	names_sort(&c->builtin);
	for (size_t i = 0; i < c->declared.n; i++)
		if (names_add(names_has(&c->builtin, c->declared.v[i])
				      ? &c->present
				      : &c->missing,
			      c->declared.v[i]) < 0)
			goto nomem;
	for (size_t i = 0; i < c->builtin.n; i++)
		if (!names_has(&c->declared, c->builtin.v[i]) &&
		    names_add(&c->extra, c->builtin.v[i]) < 0)
			goto nomem;
	return 0;
nomem:
	out_of_memory();
	return -1;
}

/* Fills c for built-in module m from its import library in libdir
 * ("kernel32.dll": libdir/libkernel32.a): 0, or -1 with a message
 * printed. */
static int cover_build(struct cover *c, const struct ld_builtin_module *m,
		       const char *libdir)
{
	size_t base = strcspn(m->name, ".");

	c->mod = m;
	snprintf(c->implib, sizeof c->implib, "%s/lib%.*s.a", libdir, (int)base,
		 m->name);
	if (read_implib(c->implib, m->name, &c->declared) < 0)
		return -1;
	return cover_compare(c);
}

static void cover_free(struct cover *c)
{
	names_free(&c->declared);
	names_free(&c->builtin);
	names_free(&c->present);
	names_free(&c->missing);
	names_free(&c->extra);
}

static double percent(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_list(const char *title, const struct cover *c,
		       const struct names *s)
{
	if (!s->n)
		return;
	printf("\n%s: %zu %s:\n", c->mod->name, s->n, title);
	for (size_t i = 0; i < s->n; i++)
		printf("  %s\n", s->v[i]);
}

static size_t count_partial(const struct ld_builtin_module *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->nexports; i++)
		n += ld_export_partial(m, i) != NULL;
	return n;
}

/* The functions that refuse some of their arguments, and what. */
static void print_partial(const struct ld_builtin_module *m)
{
	size_t n = count_partial(m);

	if (!n)
		return;
	printf("\n%s: %zu partial (fail the call on what they do not "
	       "implement):\n", m->name, n);
	for (size_t i = 0; i < m->nexports; i++)
		if (ld_export_partial(m, i))
			printf("  %-28s refuses %s\n", ld_export_name(m, i),
			       ld_export_partial(m, i));
}

static void print_cover_text(const struct cover *c, size_t n,
			     const char *libdir, int verbose)
{
	printf("Built-in DLLs against the import libraries in %s\n", libdir);
	printf("  %-14s %11s %9s %9s %8s %13s %8s\n", "DLL", "implemented",
	       "declared", "coverage", "missing", "not declared", "partial");
	for (size_t i = 0; i < n; i++)
		printf("  %-14s %11zu %9zu %8.1f%% %8zu %13zu %8zu\n",
		       c[i].mod->name, c[i].present.n, c[i].declared.n,
		       percent(c[i].present.n, c[i].declared.n), c[i].missing.n,
		       c[i].extra.n, count_partial(c[i].mod));
	if (!verbose) {
		printf("(-v lists the missing, the not declared and the partial "
		       "names)\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		print_partial(c[i].mod);
		print_list("missing (declared, not built in)", &c[i],
			   &c[i].missing);
		print_list("not declared (built in, unknown to the import "
			   "library)",
			   &c[i], &c[i].extra);
	}
}

static void put_names(const char *key, const struct names *s)
{
	printf(",\"%s\":[", key);
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			putchar(',');
		ld_json_str(s->v[i]);
	}
	putchar(']');
}

static void put_partial(const struct ld_builtin_module *m)
{
	const char *sep = "";

	printf(",\"partial\":[");
	for (size_t i = 0; i < m->nexports; i++) {
		if (!ld_export_partial(m, i))
			continue;
		printf("%s{\"name\":", sep);
		ld_json_str(ld_export_name(m, i));
		printf(",\"refuses\":");
		ld_json_str(ld_export_partial(m, i));
		putchar('}');
		sep = ",";
	}
	putchar(']');
}

static void print_cover_json(const struct cover *c, size_t n,
			     const char *libdir)
{
	printf("{\"libdir\":");
	ld_json_str(libdir);
	printf(",\"dlls\":[");
	for (size_t i = 0; i < n; i++) {
		printf("%s{\"dll\":", i ? "," : "");
		ld_json_str(c[i].mod->name);
		printf(",\"import_library\":");
		ld_json_str(c[i].implib);
		printf(",\"declared\":%zu,\"implemented\":%zu,"
		       "\"missing_count\":%zu,\"not_declared_count\":%zu,"
		       "\"coverage_percent\":%.1f",
		       c[i].declared.n, c[i].present.n, c[i].missing.n,
		       c[i].extra.n, percent(c[i].present.n, c[i].declared.n));
		put_names("missing", &c[i].missing);
		put_names("not_declared", &c[i].extra);
		put_names("implemented_names", &c[i].present);
		put_partial(c[i].mod);
		putchar('}');
	}
	printf("]}\n");
}

/* The built-in module a command-line name means ("kernel32",
 * "KERNEL32.DLL"), or NULL with a message printed. */
static const struct ld_builtin_module *builtin_arg(const struct ld_host *host,
						   const char *arg)
{
	const struct ld_builtin_module *m = ld_inspect_builtin(host, arg);
	char dll[PE_MAX_NAME];

	if (!m && !strchr(arg, '.')) {
		snprintf(dll, sizeof dll, "%s.dll", arg);
		m = ld_inspect_builtin(host, dll);
	}
	if (m)
		return m;
	fprintf(stderr, "dllshare: exports: %s is not a built-in DLL (", arg);
	for (size_t i = 0; i < host->nbuiltins; i++)
		fprintf(stderr, "%s%s", i ? ", " : "", host->builtins[i].name);
	fprintf(stderr, ")\n");
	return NULL;
}

/* The coverage report for the named built-ins (all when ndll is 0). */
static int report_cover(const struct ld_host *host, char **dlls, int ndll,
			const char *libdir, int json, int verbose)
{
	size_t n = ndll ? (size_t)ndll : host->nbuiltins;
	struct cover *c = calloc(n ? n : 1, sizeof *c);
	int status = EXIT_ERROR;
	size_t i;

	if (!c) {
		out_of_memory();
		return EXIT_ERROR;
	}
	for (i = 0; i < n; i++) {
		const struct ld_builtin_module *m =
			ndll ? builtin_arg(host, dlls[i]) : &host->builtins[i];

		if (!m || cover_build(&c[i], m, libdir) < 0)
			goto out;
	}
	if (json)
		print_cover_json(c, n, libdir);
	else
		print_cover_text(c, n, libdir, verbose);
	status = EXIT_ALL_PRESENT;
out:
	for (size_t k = 0; k < n; k++)
		cover_free(&c[k]);
	free(c);
	return status;
}

/* Reads one import descriptor's functions into d: 0, or a pe error. */
static int image_dll_read(const struct pe_image *img, struct image_dll *d,
			  const struct pe_import_dll *dll,
			  const struct ld_host *host, struct pe_error *err)
{
	struct pe_import_fn_iter fi;
	struct pe_import_fn fn;
	int rc;

	if (!(d->name = strdup(dll->name)))
		goto nomem;
	d->mod = ld_inspect_builtin(host, dll->name);
	(d->delay ? pe_delay_fn_begin : pe_import_fn_begin)(img, dll, &fi);
	while ((rc = (d->delay ? pe_delay_fn_next
			       : pe_import_fn_next)(&fi, &fn, err)) > 0) {
		char ord[16];

		d->nfuncs++;
		if (ld_inspect_provider(d->mod, &fn) != LD_PROV_MISSING)
			continue;
		snprintf(ord, sizeof ord, "#%u", fn.ordinal);
		if (names_add(&d->missing, fn.by_ordinal ? ord : fn.name) < 0)
			goto nomem;
	}
	names_sort(&d->missing);
	return rc;
nomem:
	snprintf(err->msg, sizeof err->msg, "out of memory");
	return PE_ENOMEM;
}

/* Every import descriptor of img, plain then delay-load, into *out
 * (*n of them): 0, or a pe error (what was read stays in *out). */
static int image_read(const struct pe_image *img, const struct ld_host *host,
		      struct image_dll **out, size_t *n, struct pe_error *err)
{
	struct pe_import_iter it;
	struct pe_import_dll dll;
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	for (int delay = 0; delay < 2 && rc == 0; delay++) {
		(delay ? pe_delay_begin : pe_import_begin)(img, &it);
		while ((rc = (delay ? pe_delay_next
				    : pe_import_next)(&it, &dll, err)) > 0) {
			if (*n == cap) {
				struct image_dll *v;

				cap = cap ? 2 * cap : 16;
				if (!(v = realloc(*out, cap * sizeof *v))) {
					snprintf(err->msg, sizeof err->msg,
						 "out of memory");
					return PE_ENOMEM;
				}
				*out = v;
			}
			memset(&(*out)[*n], 0, sizeof **out);
			(*out)[*n].delay = delay;
			rc = image_dll_read(img, &(*out)[(*n)++], &dll, host,
					    err);
			if (rc < 0)
				return rc;
		}
	}
	return rc;
}

static void print_image_text(const char *path, const struct image_dll *d,
			     size_t n, long missing)
{
	char what[PE_MAX_NAME + 16];

	printf("%s: imports against the built-in DLLs\n", path);
	for (size_t i = 0; i < n; i++) {
		snprintf(what, sizeof what, "%s%s", d[i].name,
			 d[i].delay ? " (delay)" : "");
		if (!d[i].mod) {
			printf("  %-28s %4ld imported, not built in (loaded "
			       "from a file)\n",
			       what, d[i].nfuncs);
			continue;
		}
		printf("  %-28s %4ld imported, %zu missing\n", what,
		       d[i].nfuncs, d[i].missing.n);
		for (size_t k = 0; k < d[i].missing.n; k++)
			printf("      %s\n", d[i].missing.v[k]);
	}
	printf("%ld missing from the built-in DLLs\n", missing);
}

static void print_image_json(const char *path, const struct image_dll *d,
			     size_t n, long missing)
{
	printf("{\"file\":");
	ld_json_str(path);
	printf(",\"missing_count\":%ld,\"imports\":[", missing);
	for (size_t i = 0; i < n; i++) {
		printf("%s{\"dll\":", i ? "," : "");
		ld_json_str(d[i].name);
		printf(",\"delay\":%s,\"builtin\":%s,\"imported\":%ld",
		       d[i].delay ? "true" : "false",
		       d[i].mod ? "true" : "false", d[i].nfuncs);
		put_names("missing", &d[i].missing);
		putchar('}');
	}
	printf("]}\n");
}

/* `exports --image FILE`: its imports the built-ins lack. */
static int report_image(const struct ld_host *host, const char *path, int json)
{
	struct pe_error err = {0};
	struct pe_image img;
	struct image_dll *d = NULL;
	const uint8_t *buf;
	size_t len, n = 0;
	long missing = 0;
	int rc, status = EXIT_ERROR;

	if (ld_map_file(path, &buf, &len) < 0)
		return EXIT_ERROR;
	if ((rc = pe_parse(buf, len, &img, &err)) < 0)
		goto out;
	rc = image_read(&img, host, &d, &n, &err);
	pe_image_free(&img);
	if (rc < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		missing += (long)d[i].missing.n;
	if (json)
		print_image_json(path, d, n, missing);
	else
		print_image_text(path, d, n, missing);
	status = missing ? EXIT_MISSING : EXIT_ALL_PRESENT;
out:
	if (rc < 0)
		fprintf(stderr, "dllshare: %s: %s\n", path, err.msg);
	for (size_t i = 0; i < n; i++) {
		free(d[i].name);
		names_free(&d[i].missing);
	}
	free(d);
	if (len)
		munmap((void *)buf, len);
	return status;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: dllshare exports [--json] [-v] [--libdir DIR] "
		"[DLL...]\n"
		"       dllshare exports [--json] --image FILE\n"
		"\n"
		"Compares each built-in DLL (all, or the DLLs named: "
		"kernel32, msvcrt.dll) with\n"
		"the exports its mingw-w64 import library declares "
		"(DIR/libkernel32.a; DIR is\n"
		"%s): implemented, declared, coverage, missing.\n"
		"  -v, --missing  also list the missing names, and the "
		"built-in ones the\n"
		"                 import library does not declare (--json "
		"always lists them)\n"
		"  --image FILE   instead list the imports of the EXE or "
		"DLL FILE that the\n"
		"                 built-in DLLs lack (imports of other DLLs "
		"are loaded from\n"
		"                 files and only counted)\n"
		"\n"
		"Exit status: 0 when the report is complete (with --image: "
		"and no import is\n"
		"missing), 1 with --image when some import of a built-in DLL "
		"is missing,\n"
		"2 on a usage error or an unreadable or malformed file.\n",
		DEFAULT_LIBDIR);
}

int ld_cmd_exports(int argc, char **argv, const struct ld_host *host)
{
	const char *libdir = DEFAULT_LIBDIR, *image = NULL;
	int json = 0, verbose = 0, ndll = 0;
	char **dlls = calloc((size_t)argc, sizeof *dlls);
	int status;

	if (!dlls) {
		out_of_memory();
		return EXIT_ERROR;
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			free(dlls);
			return 0;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "-v") ||
			   !strcmp(argv[i], "--missing")) {
			verbose = 1;
		} else if (!strcmp(argv[i], "--libdir") && i + 1 < argc) {
			libdir = argv[++i];
		} else if (!strcmp(argv[i], "--image") && i + 1 < argc) {
			image = argv[++i];
		} else if (argv[i][0] == '-') {
			fprintf(stderr,
				"dllshare: exports: unknown option or missing "
				"argument: %s\n",
				argv[i]);
			goto bad_usage;
		} else {
			dlls[ndll++] = argv[i];
		}
	}
	if (image && ndll)
		goto bad_usage;
	status = image ? report_image(host, image, json)
		       : report_cover(host, dlls, ndll, libdir, json, verbose);
	free(dlls);
	return status;
bad_usage:
	usage(stderr);
	free(dlls);
	return EXIT_ERROR;
}
