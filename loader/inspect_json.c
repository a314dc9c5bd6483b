/*
 * inspect_json.c — `dllshare inspect --json`: the same report as one JSON
 * object.  Names come from the file and may hold any byte: every string
 * goes through put_str, which escapes it (bytes >= 0x80 that do not form
 * UTF-8 are written as \u00XX so the output is always valid JSON).
 */
#include <stdio.h>
#include <stdlib.h>

#include "loader/inspect.h"

/* Length of the valid UTF-8 sequence at s, or 0. */
static int utf8_len(const unsigned char *s)
{
	int n = s[0] >= 0xf0 && s[0] < 0xf5 ? 4
	      : s[0] >= 0xe0                ? 3
	      : s[0] >= 0xc2 && s[0] < 0xe0 ? 2
	                                    : 0;

	for (int i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

void ld_json_str(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	while (*s) {
		int n;

		if (*s == '"' || *s == '\\') {
			printf("\\%c", *s++);
		} else if (*s < 0x20 || *s == 0x7f) {
			printf("\\u%04x", *s++);
		} else if (*s < 0x80) {
			putchar(*s++);
		} else if ((n = utf8_len(s)) > 0) {
			fwrite(s, 1, (size_t)n, stdout);
			s += n;
		} else {
			printf("\\u%04x", *s++);
		}
	}
	putchar('"');
}

static void put_headers(const struct ld_inspect *in)
{
	const struct pe_image *img = in->img;

	printf("{\"file\":");
	ld_json_str(in->path);
	printf(",\"machine\":");
	ld_json_str(pe_machine_name(img->machine));
	printf(",\"machine_code\":%u,\"format\":\"%s\",\"dll\":%s,"
	       "\"image_base\":\"0x%llx\",\"size_of_image\":%u,"
	       "\"entry_rva\":%u,\"section_alignment\":%u,"
	       "\"file_alignment\":%u,\"size_of_headers\":%u,"
	       "\"subsystem\":%u,\"dll_characteristics\":%u,"
	       "\"managed\":%s,\"runnable\":%s,\"not_runnable\":",
	       img->machine, img->pe32plus ? "PE32+" : "PE32",
	       img->is_dll ? "true" : "false",
	       (unsigned long long)img->image_base, img->size_of_image,
	       img->entry_rva, img->section_align, img->file_align,
	       img->size_of_headers, img->subsystem, img->dll_flags,
	       img->is_managed ? "true" : "false",
	       img->not_runnable ? "false" : "true");
	ld_json_str(img->not_runnable);
}

static void put_sections(const struct pe_image *img)
{
	char fl[64];

	printf(",\"headers_mapping\":\"%s\",\"sections\":[",
	       pe_mapping_name(pe_section_mapping(img, NULL)));
	for (int i = 0; i < img->nsections; i++) {
		const struct pe_section *s = &img->sections[i];

		printf("%s{\"name\":", i ? "," : "");
		ld_json_str(s->name);
		printf(",\"rva\":%u,\"vsize\":%u,\"raw_offset\":%u,"
		       "\"raw_size\":%u,\"flags\":%u,\"flags_text\":\"%s\","
		       "\"mapping\":\"%s\"}",
		       s->vaddr, s->vsize, s->raw_off, s->raw_size, s->flags,
		       ld_inspect_flags(s->flags, fl, sizeof fl),
		       pe_mapping_name(pe_section_mapping(img, s)));
	}
	printf("]");
}

static void put_imports(const struct ld_inspect *in, int delay)
{
	struct pe_import_iter it;
	struct pe_import_dll dll;
	struct pe_error err;
	int first = 1;

	printf(",\"%s\":[", delay ? "delay_imports" : "imports");
	(delay ? pe_delay_begin : pe_import_begin)(in->img, &it);
	while ((delay ? pe_delay_next : pe_import_next)(&it, &dll, &err) > 0) {
		const struct ld_builtin_module *m =
			ld_inspect_builtin(in->host, dll.name);
		struct pe_import_fn_iter fi;
		struct pe_import_fn fn;
		int f = 1;

		printf("%s{\"dll\":", first ? "" : ",");
		first = 0;
		ld_json_str(dll.name);
		printf(",\"builtin\":%s,\"functions\":[", m ? "true" : "false");
		pe_import_fn_begin(in->img, &dll, &fi);
		while (pe_import_fn_next(&fi, &fn, &err) > 0) {
			printf("%s{\"name\":", f ? "" : ",");
			f = 0;
			ld_json_str(fn.by_ordinal ? NULL : fn.name);
			if (fn.by_ordinal)
				printf(",\"ordinal\":%u", fn.ordinal);
			else
				printf(",\"ordinal\":null,\"hint\":%u", fn.hint);
			printf(",\"iat_rva\":%u,\"provider\":\"%s\"}",
			       fn.iat_rva,
			       ld_provider_name(ld_inspect_provider(m, &fn)));
		}
		printf("]}");
	}
	printf("]");
}

static void put_exports(const struct pe_image *img)
{
	struct pe_exports ex;
	struct pe_export e;
	struct pe_error err;
	const char **names;
	int first = 1;

	if (pe_exports_open(img, &ex, &err) < 0) {
		printf(",\"exports\":null");
		return;
	}
	printf(",\"exports\":{\"dll_name\":");
	ld_json_str(ex.dll_name);
	printf(",\"ordinal_base\":%u,\"functions\":%u,\"names\":%u,"
	       "\"entries\":[",
	       ex.ordinal_base, ex.nfuncs, ex.nnames);
	names = ld_inspect_export_names(&ex);
	for (uint32_t i = 0; i < ex.nfuncs; i++) {
		if (pe_export_addr_at(&ex, i, &e, &err) < 0 || e.rva == 0)
			continue;
		printf("%s{\"ordinal\":%u,\"rva\":%u,\"name\":",
		       first ? "" : ",", e.ordinal, e.rva);
		first = 0;
		ld_json_str(names ? names[i] : NULL);
		printf(",\"forwarder\":");
		ld_json_str(e.forwarder);
		printf("}");
	}
	printf("]}");
	free(names);
}

static void put_relocs_tls(const struct pe_image *img)
{
	struct ld_reloc_summary rs;
	struct pe_error err;
	struct pe_tls tls;
	int first = 1;

	ld_inspect_relocs(img, &rs, &err);
	printf(",\"relocations\":{\"count\":%ld,\"blocks\":%ld,\"pages\":%ld,"
	       "\"by_type\":{",
	       rs.count, rs.blocks, rs.pages);
	for (unsigned t = 0; t < 16; t++) {
		if (!rs.by_type[t])
			continue;
		printf("%s\"%s\":%ld", first ? "" : ",", ld_reloc_type_name(t),
		       rs.by_type[t]);
		first = 0;
	}
	printf("}}");
	if (pe_tls_read(img, &tls, &err) < 0) {
		printf(",\"tls\":null");
		return;
	}
	printf(",\"tls\":{\"start_va\":\"0x%llx\",\"end_va\":\"0x%llx\","
	       "\"index_va\":\"0x%llx\",\"callbacks\":[",
	       (unsigned long long)tls.start_va,
	       (unsigned long long)tls.end_va,
	       (unsigned long long)tls.index_va);
	for (uint32_t i = 0; i < tls.ncallbacks; i++) {
		uint64_t va = 0;

		pe_tls_callback(img, &tls, i, &va, &err);
		printf("%s\"0x%llx\"", i ? "," : "", (unsigned long long)va);
	}
	printf("]}");
}

int ld_inspect_json(const struct ld_inspect *in, struct pe_error *err)
{
	put_headers(in);
	put_sections(in->img);
	put_imports(in, 0);
	put_imports(in, 1);
	put_exports(in->img);
	put_relocs_tls(in->img);
	printf("}\n");
	return 0;
}
