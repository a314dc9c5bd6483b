/*
 * cmd_inspect.c — `dllshare inspect [--json] [--imports] FILE`: what the
 * parser sees in an image, and how the loader will map and bind it.
 *
 * The whole image is walked once before anything is printed, so a
 * malformed file yields one error line and no half-written report.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader/cmd.h"
#include "loader/inspect.h"

const struct ld_builtin_module *ld_inspect_builtin(const struct ld_host *h,
                                                  const char *dll)
{
	for (size_t i = 0; h && i < h->nbuiltins; i++)
		if (!strcasecmp(h->builtins[i].name, dll))
			return &h->builtins[i];
	return NULL;
}

enum ld_provider ld_inspect_provider(const struct ld_builtin_module *m,
                                     const struct pe_import_fn *fn)
{
	if (!m)
		return LD_PROV_FILE;
	for (size_t i = 0; i < m->nexports; i++) {
		const struct ld_builtin_export *e = &m->exports[i];

		if (fn->by_ordinal ? e->ordinal && e->ordinal == fn->ordinal
		                   : !strcmp(ld_export_name(m, i), fn->name))
			return LD_PROV_BUILTIN;
	}
	return LD_PROV_MISSING;
}

const char *ld_provider_name(enum ld_provider p)
{
	switch (p) {
	case LD_PROV_BUILTIN: return "built-in";
	case LD_PROV_MISSING: return "MISSING";
	case LD_PROV_FILE: return "from file";
	}
	return "?";
}

const char *ld_inspect_flags(uint32_t f, char *buf, size_t n)
{
	snprintf(buf, n, "%c%c%c%s%s%s%s", f & PE_SCN_MEM_READ ? 'r' : '-',
	         f & PE_SCN_MEM_WRITE ? 'w' : '-',
	         f & PE_SCN_MEM_EXECUTE ? 'x' : '-',
	         f & PE_SCN_MEM_SHARED ? " shared" : "",
	         f & PE_SCN_CNT_CODE ? " code" : "",
	         f & PE_SCN_CNT_UNINITIALIZED_DATA ? " bss" : "",
	         f & PE_SCN_MEM_DISCARDABLE ? " discard" : "");
	return buf;
}

const char *ld_reloc_type_name(unsigned type)
{
	static const char *const names[16] = {
		"ABSOLUTE", "HIGH", "LOW", "HIGHLOW", "HIGHADJ", "type5",
		"type6", "type7", "type8", "type9", "DIR64", "type11",
		"type12", "type13", "type14", "type15",
	};
	return type < 16 ? names[type] : "?";
}

int ld_inspect_relocs(const struct pe_image *img, struct ld_reloc_summary *rs,
                      struct pe_error *err)
{
	struct pe_reloc_iter it;
	struct pe_reloc r;
	uint32_t last_block = UINT32_MAX, last_page = UINT32_MAX;
	int rc;

	memset(rs, 0, sizeof *rs);
	pe_reloc_begin(img, &it);
	while ((rc = pe_reloc_next(&it, &r, err)) > 0) {
		rs->count++;
		rs->by_type[r.type & 15]++;
		if (it.block_rva != last_block) {
			last_block = it.block_rva;
			rs->blocks++;
		}
		if ((r.rva & ~0xfffu) != last_page) {
			last_page = r.rva & ~0xfffu;
			rs->pages++;
		}
	}
	return rc;
}

const char **ld_inspect_export_names(const struct pe_exports *ex)
{
	const char **names = calloc(ex->nfuncs + 1, sizeof *names);

	for (uint32_t i = 0; names && i < ex->nnames; i++) {
		const char *n;
		uint32_t index;

		if (pe_export_name_at(ex, i, &n, &index, NULL) == 0 &&
		    !names[index])
			names[index] = n;
	}
	return names;
}

/* Walks every import list: 0, or the first error. */
static int check_imports(const struct pe_image *img, int delay,
                         struct pe_error *err)
{
	struct pe_import_iter it;
	struct pe_import_dll dll;
	int rc;

	(delay ? pe_delay_begin : pe_import_begin)(img, &it);
	while ((rc = (delay ? pe_delay_next : pe_import_next)(&it, &dll,
	                                                      err)) > 0) {
		struct pe_import_fn_iter fi;
		struct pe_import_fn fn;

		pe_import_fn_begin(img, &dll, &fi);
		while ((rc = pe_import_fn_next(&fi, &fn, err)) > 0)
			;
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int check_exports(const struct pe_image *img, struct pe_error *err)
{
	struct pe_exports ex;
	struct pe_export e;
	const char *name;
	uint32_t index;
	int rc = pe_exports_open(img, &ex, err);

	if (rc == PE_ENOTFOUND)
		return 0;
	for (uint32_t i = 0; rc == 0 && i < ex.nfuncs; i++)
		rc = pe_export_addr_at(&ex, i, &e, err);
	for (uint32_t i = 0; rc == 0 && i < ex.nnames; i++)
		rc = pe_export_name_at(&ex, i, &name, &index, err);
	return rc;
}

/* Everything inspect will print, walked once: 0 or the first error. */
static int check_all(const struct pe_image *img, struct pe_error *err)
{
	struct ld_reloc_summary rs;
	struct pe_tls tls;
	int rc;

	if ((rc = check_imports(img, 0, err)) < 0 ||
	    (rc = check_imports(img, 1, err)) < 0 ||
	    (rc = check_exports(img, err)) < 0 ||
	    (rc = ld_inspect_relocs(img, &rs, err)) < 0)
		return rc;
	rc = pe_tls_read(img, &tls, err);
	return rc == PE_ENOTFOUND ? 0 : rc;
}

/* s with control bytes shown as '?': names come from the file and must
 * not drive the terminal.  Returns buf. */
static const char *clean(const char *s, char *buf, size_t n)
{
	size_t i = 0;

	for (; s && s[i] && i + 1 < n; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

static const char *subsystem_name(uint16_t s)
{
	switch (s) {
	case 1: return "native";
	case 2: return "windows GUI";
	case 3: return "console";
	case 10: return "EFI application";
	default: return "other";
	}
}

static void print_headers(const struct pe_image *img)
{
	printf("  machine       %s (0x%x), %s, %s\n", pe_machine_name(img->machine),
	       img->machine, img->pe32plus ? "PE32+" : "PE32",
	       img->is_dll ? "DLL" : "executable");
	printf("  image base    0x%llx  size 0x%x  entry RVA 0x%x\n",
	       (unsigned long long)img->image_base, img->size_of_image,
	       img->entry_rva);
	printf("  alignment     section 0x%x  file 0x%x  headers 0x%x\n",
	       img->section_align, img->file_align, img->size_of_headers);
	printf("  subsystem     %u (%s)  DllCharacteristics 0x%x\n",
	       img->subsystem, subsystem_name(img->subsystem), img->dll_flags);
	printf("  stack         reserve 0x%llx  commit 0x%llx\n",
	       (unsigned long long)img->stack_reserve,
	       (unsigned long long)img->stack_commit);
	if (img->not_runnable)
		printf("  runnable      no: %s\n", img->not_runnable);
	else
		printf("  runnable      yes\n");
}

static void print_sections(const struct pe_image *img)
{
	char fl[64], nm[PE_MAX_NAME];

	printf("\nSections (%u):\n", img->nsections);
	printf("  %-2s %-16s %-10s %-10s %-10s %-10s %-22s %s\n", "#", "name",
	       "RVA", "vsize", "raw off", "raw size", "flags", "mapping");
	printf("  %-2s %-16s 0x%-8x 0x%-8x 0x%-8x 0x%-8x %-22s %s\n", "-",
	       "(headers)", 0, img->size_of_headers, 0, img->size_of_headers,
	       "r--", pe_mapping_name(pe_section_mapping(img, NULL)));
	for (int i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		printf("  %-2d %-16s 0x%-8x 0x%-8x 0x%-8x 0x%-8x %-22s %s\n", i,
		       clean(s->name, nm, sizeof nm), s->vaddr, s->vsize,
		       s->raw_off, s->raw_size,
		       ld_inspect_flags(s->flags, fl, sizeof fl),
		       pe_mapping_name(pe_section_mapping(img, s)));
	}
}

static void print_imports(const struct ld_inspect *in, int delay)
{
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_error err;
	char nm[PE_MAX_NAME];
	int ndll = 0;

	(delay ? pe_delay_begin : pe_import_begin)(in->img, &it);
	while ((delay ? pe_delay_next : pe_import_next)(&it, &dll, &err) > 0) {
		const struct ld_builtin_module *m =
			ld_inspect_builtin(in->host, dll.name);
		struct pe_import_fn_iter fi;
		struct pe_import_fn fn;
		int n = 0, missing = 0;

		if (!ndll++)
			printf("\n%s:\n", delay ? "Delay-load imports"
			                         : "Imports");
		pe_import_fn_begin(in->img, &dll, &fi);
		while (pe_import_fn_next(&fi, &fn, &err) > 0) {
			n++;
			missing += ld_inspect_provider(m, &fn) ==
			           LD_PROV_MISSING;
		}
		printf("  %-28s %4d functions  %s",
		       clean(dll.name, nm, sizeof nm), n,
		       m ? "built-in" : "from file");
		if (missing)
			printf(", %d MISSING", missing);
		printf("\n");
		if (!in->show_imports)
			continue;
		pe_import_fn_begin(in->img, &dll, &fi);
		while (pe_import_fn_next(&fi, &fn, &err) > 0) {
			char what[PE_MAX_SYMBOL + 32];

			if (fn.by_ordinal)
				snprintf(what, sizeof what, "#%u", fn.ordinal);
			else
				clean(fn.name, what, sizeof what);
			printf("      %-40s IAT 0x%-8x %s\n", what, fn.iat_rva,
			       ld_provider_name(ld_inspect_provider(m, &fn)));
		}
	}
}

static void print_exports(const struct pe_image *img)
{
	struct pe_exports ex;
	struct pe_export e;
	struct pe_error err;
	const char **names;
	char nm[PE_MAX_SYMBOL + 1], fw[PE_MAX_FORWARDER + 1];

	if (pe_exports_open(img, &ex, &err) < 0)
		return;
	printf("\nExports of %s: ordinal base %u, %u functions, %u names\n",
	       ex.dll_name ? clean(ex.dll_name, nm, sizeof nm) : "(no name)",
	       ex.ordinal_base, ex.nfuncs, ex.nnames);
	names = ld_inspect_export_names(&ex);
	for (uint32_t i = 0; i < ex.nfuncs; i++) {
		const char *n = "(by ordinal)";

		if (pe_export_addr_at(&ex, i, &e, &err) < 0 || e.rva == 0)
			continue;
		if (names && names[i])
			n = clean(names[i], nm, sizeof nm);
		if (e.forwarder)
			printf("  %5u  %-10s %s -> %s\n", e.ordinal, "forward", n,
			       clean(e.forwarder, fw, sizeof fw));
		else
			printf("  %5u  0x%-8x %s\n", e.ordinal, e.rva, n);
	}
	free(names);
}

static void print_relocs_tls(const struct pe_image *img)
{
	struct ld_reloc_summary rs;
	struct pe_error err;
	struct pe_tls tls;

	ld_inspect_relocs(img, &rs, &err);
	printf("\nRelocations: %ld entries in %ld blocks, %ld pages", rs.count,
	       rs.blocks, rs.pages);
	for (unsigned t = 0; t < 16; t++)
		if (rs.by_type[t])
			printf(", %s %ld", ld_reloc_type_name(t), rs.by_type[t]);
	printf("\n");
	if (pe_tls_read(img, &tls, &err) < 0)
		return;
	printf("\nTLS: data 0x%llx..0x%llx  index at 0x%llx  %u callbacks\n",
	       (unsigned long long)tls.start_va,
	       (unsigned long long)tls.end_va,
	       (unsigned long long)tls.index_va, tls.ncallbacks);
	for (uint32_t i = 0; i < tls.ncallbacks; i++) {
		uint64_t va;

		if (pe_tls_callback(img, &tls, i, &va, &err) == 0)
			printf("  callback %u  0x%llx (RVA 0x%llx)\n", i,
			       (unsigned long long)va,
			       (unsigned long long)(va - img->image_base));
	}
}

static void print_text(const struct ld_inspect *in)
{
	printf("%s:\n", in->path);
	print_headers(in->img);
	print_sections(in->img);
	print_imports(in, 0);
	print_imports(in, 1);
	print_exports(in->img);
	print_relocs_tls(in->img);
}

int ld_map_file(const char *path, const uint8_t **buf, size_t *len)
{
	static const uint8_t empty[1];
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "dllshare: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "dllshare: %s: not a regular file\n", path);
		close(fd);
		return -1;
	}
	*len = (size_t)st.st_size;
	if (*len == 0) {
		*buf = empty; /* pe_parse reports the truncation */
		close(fd);
		return 0;
	}
	p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		fprintf(stderr, "dllshare: %s: mmap: %s\n", path,
		        strerror(errno));
		return -1;
	}
	*buf = p;
	return 0;
}

static void usage_to(FILE *f)
{
	fprintf(f,
		"usage: dllshare inspect [--json] [--imports] FILE\n"
		"  --json     the same as one JSON object\n"
		"  --imports  list every import, and which module provides "
		"it\n");
}

static void usage(void)
{
	usage_to(stderr);
}

int ld_cmd_inspect(int argc, char **argv, const struct ld_host *host)
{
	struct ld_inspect in = {.host = host};
	struct pe_error err = {0};
	struct pe_image img;
	const uint8_t *buf;
	size_t len;
	int json = 0, rc, status = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage_to(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--imports"))
			in.show_imports = 1;
		else if (argv[i][0] == '-' && argv[i][1] && !in.path) {
			fprintf(stderr, "dllshare: inspect: unknown option %s\n",
			        argv[i]);
			usage();
			return 2;
		} else if (!in.path) {
			in.path = argv[i];
		} else {
			usage();
			return 2;
		}
	}
	if (!in.path) {
		usage();
		return 2;
	}
	if (ld_map_file(in.path, &buf, &len) < 0)
		return 1;
	if ((rc = pe_parse(buf, len, &img, &err)) < 0)
		goto out;
	in.img = &img;
	if ((rc = check_all(&img, &err)) < 0)
		goto out_img;
	if (json)
		rc = ld_inspect_json(&in, &err);
	else
		print_text(&in);
	if (rc == 0)
		status = 0;
out_img:
	pe_image_free(&img);
out:
	if (rc < 0)
		fprintf(stderr, "dllshare: %s: %s\n", in.path, err.msg);
	if (len)
		munmap((void *)buf, len);
	return status;
}
