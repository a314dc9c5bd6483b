/*
 * implib.c — import libraries: `ar` archives of import members (pe.h says
 * which members count).  The archive layout is the System V / GNU one
 * every Windows toolchain writes (PE spec 7, "Archive (Library) File
 * Format"): "!<arch>\n", then members, each a 60-byte header and its data
 * padded to an even offset.
 */
#include <stdio.h>

#include "pe/internal.h"

#define AR_MAGIC     "!<arch>\n"
#define AR_THIN	     "!<thin>\n"
#define AR_MAGIC_LEN 8
#define AR_HDR	     60
#define COFF_HDR     20
#define COFF_SCN     40
#define COFF_SYM     18
#define SHORT_HDR    20
#define SYM_EXTERNAL 2 /* IMAGE_SYM_CLASS_EXTERNAL (PE spec 5.4.4) */

/* One member: its resolved name (for messages) and its data. */
struct ar_member {
	uint64_t off; /* header offset */
	uint64_t next;
	const uint8_t *data;
	size_t size;
	char name[PE_MAX_NAME];
};

/* A member read as a COFF object: every table checked against it. */
struct coff {
	const uint8_t *p;
	size_t len;
	uint16_t machine, nsec;
	const uint8_t *scn;
	const uint8_t *sym;
	uint32_t nsym;
	const uint8_t *str; /* string table, size field included */
	size_t nstr;
};

/* Fails for member m with "archive member NAME at offset 0xOFF: WHAT"
 * (no NAME while its header is unread). */
static int member_fail(struct pe_error *err, const struct ar_member *m,
		       int code, const char *what)
{
	return pe_fail(err, code, "archive member %s%sat offset 0x%llx: %s",
		       m->name, m->name[0] ? " " : "",
		       (unsigned long long)m->off, what);
}

/* The decimal field at p (width n, space-padded) into *v: 0, or -1. */
static int ar_decimal(const uint8_t *p, size_t n, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
		*v = *v * 10 + (uint64_t)(p[i] - '0');
	if (i == 0)
		return -1;
	for (; i < n; i++)
		if (p[i] != ' ')
			return -1;
	return 0;
}

/* Resolves the header's name field: "/", "//" and "/SYM64/" as they are,
 * "/N" through the long-name table, "name/" without its slash. */
static int ar_name(const struct pe_implib_iter *it, const uint8_t *h,
		   struct ar_member *m, struct pe_error *err)
{
	size_t n = 16;
	uint64_t off;

	while (n && h[n - 1] == ' ')
		n--;
	if (n > 1 && h[0] == '/' && h[1] >= '0' && h[1] <= '9') {
		if (ar_decimal(h + 1, 15, &off) < 0)
			return member_fail(err, m, PE_EFIELD,
					   "long name reference is not a "
					   "number");
		if (!it->longnames || off >= it->nlongnames)
			return member_fail(err, m, PE_ERANGE,
					   "long name offset past the \"//\" "
					   "table");
		for (n = 0; off + n < it->nlongnames && n < PE_MAX_NAME - 1;
		     n++) {
			char c = it->longnames[off + n];

			if (c == '\0' || c == '\n' ||
			    (c == '/' &&
			     (off + n + 1 == it->nlongnames ||
			      it->longnames[off + n + 1] == '\n')))
				break;
			m->name[n] = c;
		}
		m->name[n] = '\0';
		return 0;
	}
	if (n > 1 && h[n - 1] == '/' && !(n == 2 && h[0] == '/') && h[0] != '/')
		n--; /* GNU "name/" */
	memcpy(m->name, h, n);
	m->name[n] = '\0';
	return 0;
}

/* Reads the member header at pos into m: 0, or an error. */
static int ar_member_at(const struct pe_implib_iter *it, uint64_t pos,
			struct ar_member *m, struct pe_error *err)
{
	const uint8_t *h = pe_span(it->buf, it->len, pos, AR_HDR);
	uint64_t size;
	int rc;

	m->off = pos;
	m->name[0] = '\0';
	if (!h)
		return member_fail(err, m, PE_ETRUNC,
				   "header runs past the end of the file");
	if (h[58] != '`' || h[59] != '\n')
		return member_fail(err, m, PE_EMAGIC,
				   "header does not end in \"`\\n\"");
	if ((rc = ar_name(it, h, m, err)) < 0)
		return rc;
	if (ar_decimal(h + 48, 10, &size) < 0)
		return member_fail(err, m, PE_EFIELD,
				   "size field is not a decimal number");
	m->data = pe_span(it->buf, it->len, pos + AR_HDR, size);
	if (!m->data)
		return member_fail(err, m, PE_ETRUNC,
				   "data runs past the end of the file");
	m->size = (size_t)size;
	m->next = pos + AR_HDR + size + (size & 1);
	return 0;
}

/* Reads m as a COFF object of a machine Windows import libraries target:
 * 1 with c filled, 0 when it is none (bitcode, a short import, another
 * machine), or an error. */
static int coff_open(const struct ar_member *m, struct coff *c,
		     struct pe_error *err)
{
	uint32_t symoff, optsize;
	uint64_t symend;

	c->p = m->data;
	c->len = m->size;
	if (m->size < COFF_HDR)
		return 0;
	c->machine = pe_le16(c->p);
	if (c->machine != PE_MACHINE_AMD64 && c->machine != PE_MACHINE_I386 &&
	    c->machine != PE_MACHINE_ARM64 && c->machine != PE_MACHINE_ARMNT)
		return 0;
	c->nsec = pe_le16(c->p + 2);
	symoff = pe_le32(c->p + 8);
	c->nsym = pe_le32(c->p + 12);
	optsize = pe_le16(c->p + 16);
	if (c->nsec > PE_MAX_COFF_SECTIONS)
		return member_fail(err, m, PE_EFIELD,
				   "more sections than an object may have");
	c->scn = pe_span(c->p, c->len, COFF_HDR + optsize,
			 (uint64_t)c->nsec * COFF_SCN);
	if (!c->scn)
		return member_fail(err, m, PE_ETRUNC,
				   "section table runs past the member");
	c->sym = pe_span(c->p, c->len, symoff, (uint64_t)c->nsym * COFF_SYM);
	if (!c->sym)
		return member_fail(err, m, PE_ETRUNC,
				   "symbol table runs past the member");
	/* The string table follows the symbols; its size counts itself. */
	symend = symoff + (uint64_t)c->nsym * COFF_SYM;
	c->str = NULL;
	c->nstr = 0;
	if (symoff && pe_span(c->p, c->len, symend, 4)) {
		c->nstr = pe_le32(c->p + symend);
		c->str = pe_span(c->p, c->len, symend, c->nstr);
		if (!c->str || c->nstr < 4)
			return member_fail(err, m, PE_ETRUNC,
					   "string table size runs past the "
					   "member");
	}
	return 1;
}

/* The 1-based number of the section named name, or 0. */
static int coff_find(const struct coff *c, const char *name)
{
	size_t n = strlen(name);

	for (int i = 0; i < c->nsec; i++) {
		const uint8_t *s = c->scn + (size_t)i * COFF_SCN;

		if (!memcmp(s, name, n) && (n == 8 || s[n] == '\0'))
			return i + 1;
	}
	return 0;
}

/* Raw data of section i (1-based): 0, or an error. */
static int coff_data(const struct coff *c, const struct ar_member *m, int i,
		     const uint8_t **data, size_t *size, struct pe_error *err)
{
	const uint8_t *s = c->scn + (size_t)(i - 1) * COFF_SCN;
	uint32_t n = pe_le32(s + 16);

	*size = n;
	*data = n ? pe_span(c->p, c->len, pe_le32(s + 20), n) : c->p;
	if (!*data)
		return member_fail(err, m, PE_ETRUNC,
				   "section data runs past the member");
	return 0;
}

/* Symbol i's name: a short one copied into buf, a long one in the string
 * table; NULL when its string-table offset is bad. */
static const char *coff_sym_name(const struct coff *c, const uint8_t *s,
				 char buf[9])
{
	uint32_t off;

	if (pe_le32(s) != 0) {
		memcpy(buf, s, 8);
		buf[8] = '\0';
		return buf;
	}
	off = pe_le32(s + 4);
	if (off < 4 || off >= c->nstr ||
	    !memchr(c->str + off, 0, c->nstr - off))
		return NULL;
	return (const char *)c->str + off;
}

/* The string at data[off..size), at most max bytes and not empty. */
static const char *str_in(const uint8_t *data, size_t size, uint64_t off,
			  size_t max)
{
	const uint8_t *end;

	if (off >= size)
		return NULL;
	end = memchr(data + off, 0, size - off);
	if (!end || end == data + off || (size_t)(end - (data + off)) > max)
		return NULL;
	return (const char *)data + off;
}

/* Finds the DLL name of a dlltool member: the string at the symbol
 * TAG_iname that some member (the tail) defines, TAG being what the
 * import member's _head_TAG names.  Leading underscores do not count:
 * dlltool's x86-64 tail defines __TAG_iname, GNU ld's --out-implib
 * TAG_iname, and i386 symbols carry one more.  The last one found is
 * kept, so an archive is scanned once per DLL it names. */
static int dll_of_head(struct pe_implib_iter *it, const char *head,
		       const struct ar_member *im, const char **dll,
		       struct pe_error *err)
{
	char iname[sizeof it->iname];
	struct ar_member m;
	uint64_t pos;

	snprintf(iname, sizeof iname, "%s_iname", strstr(head, "_head_") + 6);
	if (it->iname_dll && !strcmp(iname, it->iname)) {
		*dll = it->iname_dll;
		return 0;
	}
	for (pos = AR_MAGIC_LEN; pos < it->len; pos = m.next) {
		struct coff c;

		if (ar_member_at(it, pos, &m, NULL) < 0)
			break;
		if (coff_open(&m, &c, NULL) <= 0)
			continue;
		for (uint32_t i = 0; i < c.nsym; i++) {
			const uint8_t *s = c.sym + (size_t)i * COFF_SYM;
			int16_t sec = (int16_t)pe_le16(s + 12);
			const uint8_t *data;
			const char *n;
			char buf[9];
			size_t size;

			if (s[16] == SYM_EXTERNAL && sec > 0 && sec <= c.nsec &&
			    (n = coff_sym_name(&c, s, buf)) &&
			    !strcmp(n + strspn(n, "_"),
				    iname + strspn(iname, "_")) &&
			    coff_data(&c, &m, sec, &data, &size, NULL) == 0 &&
			    (*dll = str_in(data, size, pe_le32(s + 8),
					   PE_MAX_NAME - 1))) {
				memcpy(it->iname, iname, sizeof iname);
				it->iname_dll = *dll;
				return 0;
			}
			i += s[17]; /* auxiliary records */
		}
	}
	return pe_fail(err, PE_ENOTFOUND,
		       "archive member %s at offset 0x%llx: no member "
		       "defines __%s, the name of its DLL",
		       im->name, (unsigned long long)im->off, iname);
}

/* The name or ordinal a dlltool member imports: .idata$6 holds the
 * hint/name entry; when it is absent or empty, .idata$5 holds an ordinal
 * thunk (PE spec 5.4.1: the high bit of a 64- or 32-bit entry). */
static int dlltool_name(const struct coff *c, const struct ar_member *m, int i5,
			struct pe_implib_sym *sym, struct pe_error *err)
{
	int i6 = coff_find(c, ".idata$6");
	int wide = c->machine == PE_MACHINE_AMD64 ||
		c->machine == PE_MACHINE_ARM64;
	const uint8_t *data;
	const char *name;
	size_t size = 0;
	int rc;

	if (i6 && (rc = coff_data(c, m, i6, &data, &size, err)) < 0)
		return rc;
	if (size) {
		if (size < 3 || !(name = str_in(data, size, 2, PE_MAX_SYMBOL)))
			return member_fail(err, m, PE_EFIELD,
					   ".idata$6 is not a hint and a "
					   "name");
		sym->hint = pe_le16(data);
		strcpy(sym->name, name);
		return 0;
	}
	if ((rc = coff_data(c, m, i5, &data, &size, err)) < 0)
		return rc;
	if (size < (wide ? 8u : 4u) || !(data[wide ? 7 : 3] & 0x80))
		return member_fail(err, m, PE_EFIELD,
				   "no .idata$6 name and .idata$5 holds no "
				   "ordinal");
	sym->by_ordinal = 1;
	sym->ordinal = pe_le16(data);
	return 0;
}

/* A dlltool import member: 1 with sym filled, 0 when m is no import
 * member (no __imp_ symbol defined in .idata$5), or an error. */
static int read_dlltool(struct pe_implib_iter *it, const struct ar_member *m,
			const struct coff *c, struct pe_implib_sym *sym,
			struct pe_error *err)
{
	int i5 = coff_find(c, ".idata$5"), itext = coff_find(c, ".text");
	char head[PE_MAX_NAME] = "";
	int imp = 0, rc;

	if (!i5)
		return 0;
	for (uint32_t i = 0; i < c->nsym; i++) {
		const uint8_t *s = c->sym + (size_t)i * COFF_SYM;
		int16_t sec = (int16_t)pe_le16(s + 12);
		const char *n;
		char buf[9];

		i += s[17];
		if (s[16] != SYM_EXTERNAL)
			continue;
		if (!(n = coff_sym_name(c, s, buf)))
			return member_fail(err, m, PE_ERANGE,
					   "symbol name offset outside the "
					   "string table");
		if (sec == i5 && !strncmp(n, "__imp_", 6))
			imp = 1;
		else if (sec == 0 &&
			 (!strncmp(n, "_head_", 6) ||
			  !strncmp(n, "__head_", 7)) &&
			 strlen(n) < sizeof head)
			strcpy(head, n);
	}
	if (!imp)
		return 0;
	if ((rc = dlltool_name(c, m, i5, sym, err)) < 0)
		return rc;
	if (!head[0])
		return member_fail(err, m, PE_EFIELD,
				   "no _head_ symbol leads to its DLL name");
	if ((rc = dll_of_head(it, head, m, &sym->dll, err)) < 0)
		return rc;
	/* A code import has a jump thunk in .text; a data import none. */
	sym->data =
		!itext || pe_le32(c->scn + (itext - 1) * COFF_SCN + 16) == 0;
	return 1;
}

/* A short import member (PE spec 7.1, 7.2): 1 with sym filled, 0 when m
 * is none (an anonymous object: Version above 0), or an error. */
static int read_short(const struct ar_member *m, struct pe_implib_sym *sym,
		      struct pe_error *err)
{
	const uint8_t *h = m->data;
	uint32_t ndata;
	uint16_t type, ntype;
	const char *name, *dll, *as;

	if (pe_le16(h + 4) != 0)
		return 0;
	ndata = pe_le32(h + 12);
	if (!pe_span(m->data, m->size, SHORT_HDR, ndata))
		return member_fail(err, m, PE_ETRUNC,
				   "SizeOfData runs past the member");
	h += SHORT_HDR;
	if (!(name = str_in(h, ndata, 0, PE_MAX_SYMBOL)) ||
	    !(dll = str_in(h, ndata, strlen(name) + 1, PE_MAX_NAME - 1)))
		return member_fail(err, m, PE_EFIELD,
				   "symbol or DLL name missing or too long");
	type = pe_le16(m->data + 18);
	ntype = (type >> 2) & 7;
	if ((type & 3) == 3 || ntype > 4)
		return member_fail(err, m, PE_EFIELD,
				   "reserved import type or name type");
	sym->dll = dll;
	sym->data = (type & 3) != 0; /* IMPORT_DATA, IMPORT_CONST */
	sym->short_form = 1;
	if (ntype == 0) { /* IMPORT_ORDINAL */
		sym->by_ordinal = 1;
		sym->ordinal = pe_le16(m->data + 16);
		return 1;
	}
	sym->hint = pe_le16(m->data + 16);
	if (ntype == 4) { /* IMPORT_NAME_EXPORTAS: a third string */
		as = str_in(h, ndata,
			    (size_t)(dll - (const char *)h) + strlen(dll) + 1,
			    PE_MAX_SYMBOL);
		if (!as)
			return member_fail(err, m, PE_EFIELD,
					   "export-as name missing");
		name = as;
	} else if (ntype >= 2 && strchr("?@_", name[0])) {
		name++; /* NOPREFIX, UNDECORATE: drop one ? @ or _ */
	}
	strcpy(sym->name, name);
	if (ntype == 3) /* UNDECORATE: also stop at the first @ */
		sym->name[strcspn(sym->name, "@")] = '\0';
	if (!sym->name[0])
		return member_fail(err, m, PE_EFIELD, "empty import name");
	return 1;
}

int pe_implib_begin(const uint8_t *buf, size_t len, struct pe_implib_iter *it,
		    struct pe_error *err)
{
	const uint8_t *p = pe_span(buf, len, 0, AR_MAGIC_LEN);

	memset(it, 0, sizeof *it);
	it->buf = buf;
	it->len = len;
	it->pos = AR_MAGIC_LEN;
	if (p && !memcmp(p, AR_THIN, AR_MAGIC_LEN))
		return pe_fail(err, PE_EUNSUP,
			       "thin archive: its members live in other files");
	if (!p || memcmp(p, AR_MAGIC, AR_MAGIC_LEN))
		return pe_fail(err, PE_EMAGIC,
			       "not an ar archive (no \"!<arch>\" magic)");
	return 0;
}

int pe_implib_next(struct pe_implib_iter *it, struct pe_implib_sym *sym,
		   struct pe_error *err)
{
	struct ar_member m;
	struct coff c;
	int rc;

	while (it->pos < it->len) {
		if ((rc = ar_member_at(it, it->pos, &m, err)) < 0)
			return rc;
		it->pos = m.next;
		if (!strcmp(m.name, "//")) {
			it->longnames = (const char *)m.data;
			it->nlongnames = m.size;
			continue;
		}
		if (!strcmp(m.name, "/") || !strcmp(m.name, "/SYM64/"))
			continue; /* symbol index: the members say it all */
		memset(sym, 0, sizeof *sym);
		sym->member_off = m.off;
		if (m.size >= SHORT_HDR && pe_le16(m.data) == 0 &&
		    pe_le16(m.data + 2) == 0xffff)
			rc = read_short(&m, sym, err);
		else if ((rc = coff_open(&m, &c, err)) > 0)
			rc = read_dlltool(it, &m, &c, sym, err);
		if (rc != 0)
			return rc;
	}
	return 0;
}
