/*
 * pe_dump.c — test-only: prints a PE file as pe/ parses it, in the
 * canonical text form lief_dump prints (see compare.sh): machine, image
 * base, entry point, sections, imports (with hints), exports, TLS index
 * and callbacks, relocation count.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pe/pe.h"

static int dump_imports(const struct pe_image *img, struct pe_error *err)
{
	struct pe_import_iter it;
	struct pe_import_dll dll;
	int rc;

	pe_import_begin(img, &it);
	while ((rc = pe_import_next(&it, &dll, err)) > 0) {
		struct pe_import_fn_iter fi;
		struct pe_import_fn fn;

		printf("import %s\n", dll.name);
		pe_import_fn_begin(img, &dll, &fi);
		while ((rc = pe_import_fn_next(&fi, &fn, err)) > 0) {
			if (fn.by_ordinal)
				printf("  ordinal %u\n", fn.ordinal);
			else
				printf("  name %s hint %u\n", fn.name, fn.hint);
		}
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int dump_exports(const struct pe_image *img, struct pe_error *err)
{
	struct pe_exports ex;
	const char **names;
	int rc = pe_exports_open(img, &ex, err);

	if (rc == PE_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	names = calloc(ex.nfuncs + 1, sizeof *names);
	if (!names)
		return PE_ENOMEM;
	for (uint32_t i = 0; i < ex.nnames; i++) {
		const char *n;
		uint32_t index;

		if ((rc = pe_export_name_at(&ex, i, &n, &index, err)) < 0)
			goto out;
		if (!names[index])
			names[index] = n;
	}
	for (uint32_t i = 0; i < ex.nfuncs; i++) {
		struct pe_export e;

		if ((rc = pe_export_at(&ex, i, &e, err)) < 0)
			goto out;
		if (e.rva == 0)
			continue;
		if (e.forwarder)
			printf("export %u forward %s %s\n", e.ordinal,
			       names[i] ? names[i] : "-", e.forwarder);
		else
			printf("export %u 0x%x %s\n", e.ordinal, e.rva,
			       names[i] ? names[i] : "-");
	}
	rc = 0;
out:
	free(names);
	return rc;
}

static int dump_tls(const struct pe_image *img, struct pe_error *err)
{
	struct pe_tls tls;
	int rc = pe_tls_read(img, &tls, err);

	if (rc == PE_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	printf("tls index 0x%llx callbacks", (unsigned long long)tls.index_va);
	for (uint32_t i = 0; i < tls.ncallbacks; i++) {
		uint64_t va;

		if ((rc = pe_tls_callback(img, &tls, i, &va, err)) < 0)
			return rc;
		printf(" 0x%llx", (unsigned long long)va);
	}
	printf("\n");
	return 0;
}

static int dump(const struct pe_image *img, struct pe_error *err)
{
	long n;
	int rc;

	printf("machine 0x%x\n", img->machine);
	printf("image_base 0x%llx\n", (unsigned long long)img->image_base);
	printf("entry 0x%x\n", img->entry_rva);
	for (int i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		printf("section %s va 0x%x vsize 0x%x raw 0x%x@0x%x flags 0x%x\n",
		       s->name, s->vaddr, s->vsize, s->raw_size, s->raw_off,
		       s->flags);
	}
	if ((rc = dump_imports(img, err)) < 0 ||
	    (rc = dump_exports(img, err)) < 0 ||
	    (rc = dump_tls(img, err)) < 0)
		return rc;
	if ((n = pe_reloc_count(img, err)) < 0)
		return (int)n;
	printf("relocs %ld\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	struct pe_image img;
	struct pe_error err = {0};
	struct stat st;
	void *m;
	int fd, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: pe_dump FILE\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size == 0) {
		perror(argv[1]);
		return 1;
	}
	m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED) {
		perror(argv[1]);
		return 1;
	}
	rc = pe_parse(m, st.st_size, &img, &err);
	if (rc == 0) {
		rc = dump(&img, &err);
		pe_image_free(&img);
	}
	if (rc < 0) {
		fflush(stdout);
		fprintf(stderr, "pe_dump: %s: %s\n", argv[1], err.msg);
		return 1;
	}
	return 0;
}
