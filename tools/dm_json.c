/*
 * dm_json.c — the JSON report, in the shape DESIGN.md fixes, plus
 * additive fields (documented in docs/dllmap.md):
 * per section "resident", "page_counts" and "private_pages"; per module
 * and per process "totals"; per dllshare process "stacks".
 */
#include "tools/dm.h"

void dm_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void counts(FILE *f, const uint32_t *n, uint32_t pages)
{
	fprintf(f, "\"pages\":%u,\"resident\":%u,\"shared\":%u,\"private\":%u,"
	           "\"shared_writable\":%u,\"not_resident\":%u",
	        pages, pages - n[DM_NOT_RESIDENT], n[DM_SHARED], n[DM_PRIVATE],
	        n[DM_SHARED_WRITABLE], n[DM_NOT_RESIDENT]);
}

static void section(FILE *f, const struct dm_proc *p,
                    const struct dm_section *s)
{
	static const char *maps[] = { "shared_ro", "cow", "shared_rw",
		                      "whole_cow" };
	int first = 1;

	fprintf(f, "{\"name\":");
	dm_json_str(f, s->name);
	fprintf(f, ",\"rva\":%u,", s->rva);
	counts(f, s->n, s->npages);
	if (s->mapping >= 0 && s->mapping < 4)
		fprintf(f, ",\"mapping\":\"%s\"%s%s%s", maps[s->mapping],
		        s->fragmented ? ",\"fragmented\":true" : "",
		        s->uffd ? ",\"uffd\":true" : "",
		        s->unshared == 1   ? ",\"unshared\":\"cache full\""
		        : s->unshared == 2 ? ",\"unshared\":\"another process "
		                             "has it privately\""
		                           : "");
	fprintf(f, ",\"page_states\":[");
	for (uint32_t k = 0; k < s->npages; k++)
		fprintf(f, "%s\"%s\"", k ? "," : "",
		        dm_state_name(s->pages[k].state));
	fprintf(f, "],\"page_counts\":[");
	for (uint32_t k = 0; k < s->npages; k++) {
		const struct dm_page *pg = &s->pages[k];
		if (pg->count)
			fprintf(f, "%s%u", k ? "," : "", pg->count);
		else
			fprintf(f, "%s%s", k ? "," : "",
			        pg->state == DM_NOT_RESIDENT ||
			                        (pg->flags & DM_PG_ZERO)
			                ? "0"
			                : "null");
	}
	fprintf(f, "],\"private_pages\":[");
	for (uint32_t k = 0; k < s->npages; k++) {
		const struct dm_page *pg = &s->pages[k];
		if (pg->state != DM_PRIVATE)
			continue;
		fprintf(f, "%s{\"page\":%u,\"rva\":%u,\"reason\":", first ? "" : ",",
		        k, s->rva + k * DM_PAGE);
		if (pg->reason)
			dm_json_str(f, dm_reason_name(pg->reason));
		else
			fputs("null", f);
		if (pg->event >= 0 && p->events[pg->event].where[0]) {
			fprintf(f, ",\"where\":");
			dm_json_str(f, p->events[pg->event].where);
		}
		if (pg->event >= 0)
			fprintf(f, ",\"tid\":%u", p->events[pg->event].tid);
		fputc('}', f);
		first = 0;
	}
	fprintf(f, "]}");
}

static void kib_or_null(FILE *f, const char *key, double pages, int known)
{
	if (known)
		fprintf(f, ",\"%s\":%.0f", key, pages * (DM_PAGE / 1024));
	else
		fprintf(f, ",\"%s\":null", key);
}

/* ,"totals":{...} of a module or of the whole process. */
static void totals(FILE *f, const uint32_t *n, uint32_t pages,
                   uint32_t unique, double pss, int pss_known)
{
	fprintf(f, ",\"totals\":{");
	counts(f, n, pages);
	fprintf(f, ",\"unique_pages\":%u", unique);
	kib_or_null(f, "uss_kib", unique, 1);
	kib_or_null(f, "pss_kib", pss, pss_known);
	fprintf(f, "}");
}

/* ,"stacks":[...]: each Windows thread stack, its pages from the low
 * address up ("committed", "guard", "reserved"), what the kernel says of
 * them, and per committed page why, with the instruction when known. */
static void stacks(FILE *f, const struct dm_proc *p)
{
	fprintf(f, ",\"stacks\":[");
	for (int i = 0; i < p->nstacks; i++) {
		const struct dm_stack *s = &p->stacks[i];
		int first = 1;

		fprintf(f, "%s{\"tid\":%u,\"lo\":\"0x%llx\",\"hi\":\"0x%llx\","
		           "\"limit\":\"0x%llx\",\"guard\":",
		        i ? "," : "", s->tid, (unsigned long long)s->lo,
		        (unsigned long long)s->hi, (unsigned long long)s->limit);
		if (s->guard)
			fprintf(f, "\"0x%llx\"", (unsigned long long)s->guard);
		else
			fputs("null", f);
		fprintf(f, ",\"overflowed\":%s,\"room\":%llu,\"pages\":%u,"
		           "\"committed\":%u,\"resident\":%u,\"disagree\":%u,"
		           "\"page_states\":[",
		        s->overflowed ? "true" : "false",
		        (unsigned long long)s->room, s->npages, s->committed,
		        s->resident, s->disagree);
		for (uint32_t k = 0; k < s->npages; k++) {
			char c = dm_stack_char(s, k);

			fprintf(f, "%s\"%s\"", k ? "," : "",
			        c == 'C' || c == 'c' ? "committed"
			        : c == 'G'           ? "guard"
			        : c == '_'           ? "reserved"
			                             : "disagree");
		}
		fprintf(f, "],\"resident_pages\":[");
		for (uint32_t k = 0; k < s->npages; k++)
			fprintf(f, "%s%d", k ? "," : "",
			        (s->kern[k] & DM_STK_RESIDENT) != 0);
		fprintf(f, "],\"commits\":[");
		for (uint32_t k = 0; k < s->npages; k++) {
			if (!s->reason[k])
				continue;
			fprintf(f, "%s{\"page\":%u,\"reason\":\"%s\"",
			        first ? "" : ",", k,
			        dm_stack_reason_name(s->reason[k]));
			if (s->event[k] >= 0 && p->events[s->event[k]].where[0]) {
				fprintf(f, ",\"where\":");
				dm_json_str(f, p->events[s->event[k]].where);
			}
			if (s->event[k] >= 0)
				fprintf(f, ",\"tid\":%u",
				        p->events[s->event[k]].tid);
			fputc('}', f);
			first = 0;
		}
		fprintf(f, "]}");
	}
	fprintf(f, "]");
}

void dm_json_print(FILE *f, const struct dm_proc *p)
{
	uint32_t all = 0;

	fprintf(f, "{\"pid\":%d,\"program\":", p->pid);
	dm_json_str(f, p->program);
	fprintf(f, ",\"source\":\"%s\",\"counts_known\":%s",
	        p->from_record ? "dllshare" : "kernel",
	        p->counts_known ? "true" : "false");
	if (p->note[0]) {
		fprintf(f, ",\"note\":");
		dm_json_str(f, p->note);
	}
	if (p->from_record) {
		fprintf(f, ",\"record\":{\"write_faults\":%llu,"
		           "\"fragmented_sections\":%llu,\"privatized\":{",
		        (unsigned long long)p->rec_faults,
		        (unsigned long long)p->rec_fragmented);
		for (int r = 1; r < DM_NREASONS; r++)
			fprintf(f, "%s\"%s\":%llu", r > 1 ? "," : "",
			        dm_reason_name(r),
			        (unsigned long long)p->rec_private[r]);
		fprintf(f, "}}");
	}
	fprintf(f, ",\"modules\":[");
	for (int i = 0; i < p->nmods; i++) {
		const struct dm_module *m = &p->mods[i];
		uint32_t mp = 0;

		for (int s = 0; s < m->nsecs; s++)
			mp += m->secs[s].npages;
		all += mp;
		fprintf(f, "%s{\"name\":", i ? "," : "");
		dm_json_str(f, m->name);
		fprintf(f, ",\"path\":");
		dm_json_str(f, m->path);
		fprintf(f, ",\"base\":\"0x%llx\",\"size\":%u",
		        (unsigned long long)m->base, m->size);
		if (m->note[0]) { /* rebased or relocated: why it is here */
			fprintf(f, ",\"note\":");
			dm_json_str(f, m->note);
		}
		fprintf(f, ",\"sections\":[");
		for (int s = 0; s < m->nsecs; s++) {
			if (s)
				fputc(',', f);
			section(f, p, &m->secs[s]);
		}
		fprintf(f, "]");
		totals(f, m->n, mp, m->unique, m->pss, m->pss_known);
		fprintf(f, "}");
	}
	fprintf(f, "]");
	totals(f, p->n, all, p->unique, p->pss, p->pss_known);
	if (p->from_record)
		stacks(f, p);
	fprintf(f, "}");
}
