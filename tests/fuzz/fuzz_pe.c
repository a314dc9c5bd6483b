/*
 * fuzz_pe.c — libFuzzer target for pe/: parses the input and runs every
 * walker and lookup over it, then reads it as an import library.  Built
 * with -fsanitize=fuzzer,address,undefined (`make fuzz`, test-fuzz); any
 * out-of-bounds read, overflow, leak or hang (libFuzzer's -timeout) is a bug in
 * pe/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pe/pe.h"

/* Per-walk caps keep one input's run time bounded; the parser's own caps
 * are what we test, these only stop a 65536-entry export table from
 * making each run quadratic. */
#define FUZZ_EXPORT_AT_MAX 256

static void walk_imports(const struct pe_image *img, int delay)
{
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_error err;

	(delay ? pe_delay_begin : pe_import_begin)(img, &it);
	while ((delay ? pe_delay_next : pe_import_next)(&it, &dll, &err) > 0) {
		struct pe_import_fn_iter fi;
		struct pe_import_fn fn;

		(delay ? pe_delay_fn_begin : pe_import_fn_begin)(img, &dll, &fi);
		while ((delay ? pe_delay_fn_next : pe_import_fn_next)(&fi, &fn,
		                                                      &err) > 0)
			if (!fn.by_ordinal && strlen(fn.name) > PE_MAX_SYMBOL)
				abort();
	}
}

static void walk_exports(const struct pe_image *img)
{
	struct pe_exports ex;
	struct pe_export e;
	struct pe_error err;
	const char *name = NULL;
	uint32_t index;

	if (pe_exports_open(img, &ex, &err) < 0)
		return;
	for (uint32_t i = 0; i < ex.nfuncs; i++)
		if (pe_export_addr_at(&ex, i, &e, &err) == 0 && e.forwarder &&
		    !strchr(e.forwarder, '.'))
			abort();
	for (uint32_t i = 0; i < ex.nnames; i++)
		if (pe_export_name_at(&ex, i, &name, &index, &err) == 0 &&
		    index >= ex.nfuncs)
			abort();
	for (uint32_t i = 0; i < ex.nfuncs && i < FUZZ_EXPORT_AT_MAX; i++)
		pe_export_at(&ex, i, &e, &err);
	if (name)
		pe_export_by_name(&ex, name, &e, &err);
	pe_export_by_name(&ex, "DllMain", &e, &err);
	pe_export_by_ordinal(&ex, ex.ordinal_base, &e, &err);
	pe_export_by_ordinal(&ex, 0xffffffff, &e, &err);
}

static void walk_rest(const struct pe_image *img)
{
	struct pe_reloc_iter it;
	struct pe_reloc r;
	struct pe_error err;
	struct pe_tls tls;
	size_t off;
	long n = 0;
	int rc;

	pe_reloc_begin(img, &it);
	while ((rc = pe_reloc_next(&it, &r, &err)) > 0) {
		if ((uint64_t)r.rva >= img->size_of_image)
			abort();
		n++;
	}
	if (pe_reloc_count(img, &err) != (rc < 0 ? rc : n))
		abort(); /* the count walks the same blocks */
	if (pe_tls_read(img, &tls, &err) == 0)
		for (uint32_t i = 0; i < tls.ncallbacks; i++) {
			uint64_t va;

			pe_tls_callback(img, &tls, i, &va, &err);
		}
	{
		/* Resources: any type, name and language found lies in the
		 * image. */
		struct pe_res_id ver = {.id = 16}, one = {.id = 1};
		static const uint16_t w[] = {'A', 'b'};
		struct pe_res_id named = {.name = w, .len = 2};
		struct pe_resource res;
		uint16_t lang = 0x409;

		if (pe_resource_find(img, &ver, &one, NULL, 0, &res, &err) == 0 &&
		    (uint64_t)res.data_rva + res.size > img->size_of_image)
			abort();
		pe_resource_find(img, &named, &one, &lang, 1, &res, &err);
	}
	pe_section_mapping(img, NULL);
	for (int i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		pe_mapping_name(pe_section_mapping(img, s));
		if (pe_section_at(img, s->vaddr) != s && s->vsize)
			abort();
		if (pe_rva_to_off(img, s->vaddr, s->raw_size, &off) == 0 &&
		    (off > img->len || s->raw_size > img->len - off))
			abort();
		pe_rva_str(img, s->vaddr, 16);
	}
	for (unsigned i = 0; i < img->ndirs; i++) {
		pe_rva_ptr(img, img->dirs[i].rva, img->dirs[i].size);
		pe_dir_name(i);
	}
}

/* The same bytes as an import library (pe/implib.c). */
static void walk_implib(const uint8_t *buf, size_t size)
{
	struct pe_implib_iter it;
	struct pe_implib_sym s;
	struct pe_error err;
	size_t n = 0;
	int rc;

	if (pe_implib_begin(buf, size, &it, &err) < 0)
		return;
	while ((rc = pe_implib_next(&it, &s, &err)) > 0) {
		if (!s.dll || strlen(s.dll) >= PE_MAX_NAME ||
		    (!s.by_ordinal && !s.name[0]) || s.member_off >= size)
			abort();
		if (++n > size / 60)
			abort(); /* one import per member of 60+ bytes */
	}
	if (rc < 0 && (!memchr(err.msg, 0, sizeof err.msg) || !err.msg[0]))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pe_image img;
	struct pe_error err;

	/* A private copy, so reads past `size` hit ASan's redzone. */
	uint8_t *buf = malloc(size ? size : 1);

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	/* The same bytes as a file and as a laid-out image (a section
	 * file): both parses must keep every read inside the buffer. */
	for (int mapped = 0; mapped < 2; mapped++) {
		if ((mapped ? pe_parse_mapped : pe_parse)(buf, size, &img,
		                                          &err) == 0) {
			if (img.len > size)
				abort();
			walk_imports(&img, 0);
			walk_imports(&img, 1);
			walk_exports(&img);
			walk_rest(&img);
			pe_machine_name(img.machine);
			pe_image_free(&img);
		} else if (!memchr(err.msg, 0, sizeof err.msg) || !err.msg[0]) {
			abort(); /* every failure says why */
		}
	}
	walk_implib(buf, size);
	free(buf);
	return 0;
}
