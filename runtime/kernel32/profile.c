/*
 * profile.c — kernel32: initialization files (GetPrivateProfileString,
 * GetPrivateProfileInt, GetPrivateProfileSection(Names),
 * WritePrivateProfileString, WritePrivateProfileSection; A and W).
 *
 * Each call reads the file afresh and each write rewrites it at once
 * (in place of Windows' cache, which another process cannot see either
 * until the file is written), so two processes agree.  The file is
 * parsed as Windows parses it: "[section]" and "key=value" lines, names
 * without case and trimmed of blanks, values trimmed and, when read by
 * name, stripped of one pair of enclosing quotes; a line without '=' is
 * kept (a comment) but names no key.  A rewrite writes what the parse
 * holds, a line each with CR LF, blank lines dropped, as Wine does.
 * The text is UTF-8 (the ANSI code page here), or UTF-16 after its byte
 * order mark, and is written back in the encoding it came in.
 *
 * Refused (ERROR_NOT_SUPPORTED, --trace): a file named without a
 * directory, which Windows looks for in the Windows directory, a
 * directory dllshare does not provide.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runtime/kernel32/k32int.h"

struct entry {
	char *key;   /* the line itself when it has no '=' */
	char *value; /* NULL: a line without '=' */
};

struct section {
	char *name; /* NULL: the lines before the first section */
	struct entry *e;
	size_t n;
};

struct profile {
	struct section *s;
	size_t n;
	int enc; /* 0 UTF-8, 1 UTF-8 with BOM, 2 UTF-16LE */
};

/* Empties s of its lines (its name stays). */
static void section_clear(struct section *s)
{
	for (size_t j = 0; j < s->n; j++) {
		free(s->e[j].key);
		free(s->e[j].value);
	}
	free(s->e);
	s->e = 0;
	s->n = 0;
}

static void profile_free(struct profile *p)
{
	for (size_t i = 0; i < p->n; i++) {
		section_clear(&p->s[i]);
		free(p->s[i].name);
	}
	free(p->s);
	memset(p, 0, sizeof(*p));
}

/* s[0..n) without leading and trailing blanks, malloc'd. */
static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return strndup(s, n);
}

static struct section *add_section(struct profile *p, char *name)
{
	struct section *s = realloc(p->s, (p->n + 1) * sizeof(*s));

	if (!s)
		return 0;
	p->s = s;
	s += p->n++;
	memset(s, 0, sizeof(*s));
	s->name = name;
	return s;
}

static int add_entry(struct section *s, char *key, char *value)
{
	struct entry *e = realloc(s->e, (s->n + 1) * sizeof(*e));

	if (!e)
		return -1;
	s->e = e;
	s->e[s->n].key = key;
	s->e[s->n++].value = value;
	return 0;
}

/* Parses text (UTF-8) into p; 0 or -1 when out of memory. */
static int parse(struct profile *p, const char *text)
{
	struct section *cur = 0;

	while (*text) {
		size_t len = strcspn(text, "\r\n");
		const char *eq = memchr(text, '=', len);
		char *line = trimmed(text, len), *k, *v;

		if (!line)
			return -1;
		if (line[0] == '[') {
			/* A header without its ']' is dropped, lines and all
			 * going on in the section before. */
			char *close = strchr(line, ']');
			char *name = close ? trimmed(line + 1,
						     (size_t)(close - line - 1))
					   : 0;

			free(line);
			if (close && (!name || !(cur = add_section(p, name))))
				return -1;
		} else if (*line) {
			if (!cur && !(cur = add_section(p, 0))) {
				free(line);
				return -1;
			}
			if (eq) {
				k = trimmed(text, (size_t)(eq - text));
				v = trimmed(eq + 1, len - (size_t)(eq - text) - 1);
				free(line);
				if (!k || !v || add_entry(cur, k, v) < 0)
					return -1;
			} else if (add_entry(cur, line, 0) < 0) {
				return -1;
			}
		} else {
			free(line);
		}
		text += len;
		if (text[0] == '\r' && text[1] == '\n')
			text += 2;
		else if (*text)
			text++;
	}
	return 0;
}

/* The Linux path of the Windows file name; NULL with the last error
 * (a name without a directory is refused: see the top). */
static char *file_path(const char *fn, const char *name)
{
	char *u;

	if (!name || !*name) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return 0;
	}
	if (!strpbrk(name, "\\/")) {
		rt_refuse(ERROR_NOT_SUPPORTED, fn,
			  "%s: a file in the Windows directory", name);
		return 0;
	}
	u = rt_unix_path(name);
	if (!u)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return u;
}

/* Reads and parses the file at path into p; 0 (an absent file is an
 * empty profile, ENOENT left in *err), or -1 with the last error. */
static int load(const char *path, struct profile *p, int *err)
{
	FILE *f = fopen(path, "rbe");
	char *raw = 0, *text = 0;
	size_t n = 0, cap = 0;
	int r;

	memset(p, 0, sizeof(*p));
	*err = 0;
	if (!f) {
		*err = errno;
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		rt_set_last_error(rt_win32_error(errno));
		return -1;
	}
	for (;;) {
		if (n + 4096 + 2 > cap) {
			char *b = realloc(raw, cap = 2 * cap + 4096 + 2);

			if (!b)
				break;
			raw = b;
		}
		size_t got = fread(raw + n, 1, 4096, f);

		n += got;
		if (got < 4096)
			break;
	}
	fclose(f);
	if (!raw) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	raw[n] = raw[n + 1] = 0;
	if (n >= 2 && (unsigned char)raw[0] == 0xff &&
	    (unsigned char)raw[1] == 0xfe) {
		p->enc = 2;
		text = rt_utf8_dup((const WCHAR *)(raw + 2));
	} else if (n >= 3 && !memcmp(raw, "\xef\xbb\xbf", 3)) {
		p->enc = 1;
		text = strdup(raw + 3);
	} else {
		text = strdup(raw);
	}
	free(raw);
	r = text ? parse(p, text) : -1;
	free(text);
	if (r < 0) {
		profile_free(p);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	}
	return r;
}

/* Writes p back to path, in its encoding; 0, or -1 with the last
 * error. */
static int store(const char *path, const struct profile *p)
{
	char *text = 0;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	int fd, r = -1;

	if (!m) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	if (p->enc == 1)
		fputs("\xef\xbb\xbf", m);
	for (size_t i = 0; i < p->n; i++) {
		if (p->s[i].name)
			fprintf(m, "[%s]\r\n", p->s[i].name);
		for (size_t j = 0; j < p->s[i].n; j++)
			fprintf(m, "%s%s%s\r\n", p->s[i].e[j].key,
				p->s[i].e[j].value ? "=" : "",
				p->s[i].e[j].value ? p->s[i].e[j].value : "");
	}
	if (fclose(m) != 0 || !text) {
		free(text);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd >= 0) {
		const void *out = text;
		size_t n = len;
		WCHAR *w = 0;

		if (p->enc == 2) {
			size_t units;

			w = rt_utf16_dup(text);
			units = w ? rt_wcslen(w) : 0;
			if (w) {
				WCHAR *b = malloc((units + 1) * sizeof(WCHAR));

				if (b) {
					b[0] = 0xfeff;
					memcpy(b + 1, w, units * sizeof(WCHAR));
				}
				free(w);
				w = b;
			}
			out = w;
			n = (units + 1) * sizeof(WCHAR);
		}
		if (out && write(fd, out, n) == (ssize_t)n)
			r = 0;
		else if (!out)
			errno = ENOMEM;
		free(w);
		close(fd);
	}
	if (r < 0)
		rt_set_last_error(rt_win32_error(errno));
	free(text);
	return r;
}

static struct section *find_section(struct profile *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->s[i].name && !strcasecmp(p->s[i].name, name))
			return &p->s[i];
	return 0;
}

static struct entry *find_key(struct section *s, const char *key)
{
	for (size_t j = 0; s && j < s->n; j++)
		if (s->e[j].value && !strcasecmp(s->e[j].key, key))
			return &s->e[j];
	return 0;
}

/* What a read answers, before it is cut to the caller's buffer: one
 * string, or a list of NUL-terminated strings (len bytes, their NULs
 * included), which a second NUL ends. */
struct answer {
	char *data;
	size_t len;
	int list;
};

static int answer_add(struct answer *a, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = realloc(a->data, a->len + n + 1);

	if (!d)
		return -1;
	memcpy(d + a->len, s, n);
	a->data = d;
	a->len += n;
	d[a->len] = 0;
	return 0;
}

/* The value as GetPrivateProfileString returns it: one pair of
 * enclosing quotes (the same at both ends) removed. */
static char *unquoted(const char *v)
{
	size_t n = strlen(v);

	if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0])
		return strndup(v + 1, n - 2);
	return strdup(v);
}

/* GetPrivateProfileString's answer: the section names (sec NULL), the
 * keys of sec (key NULL), or key's value else def (its trailing blanks
 * dropped; ERROR_FILE_NOT_FOUND when the file is absent).  0, or -1 with
 * the last error. */
static int read_string(const char *fn, const char *sec, const char *key,
		       const char *def, const char *file, struct answer *a)
{
	struct profile p;
	struct section *s;
	char *path = file_path(fn, file), *v;
	int err, r = 0;

	memset(a, 0, sizeof(*a));
	if (!path || load(path, &p, &err) < 0) {
		free(path);
		return -1;
	}
	free(path);
	if (!sec || !key) {
		a->list = 1;
		a->data = calloc(1, 1);
		r = a->data ? 0 : -1;
		s = sec ? find_section(&p, sec) : 0;
		for (size_t i = 0; !sec && i < p.n && r == 0; i++)
			if (p.s[i].name)
				r = answer_add(a, p.s[i].name);
		for (size_t j = 0; s && j < s->n && r == 0; j++)
			if (s->e[j].value)
				r = answer_add(a, s->e[j].key);
	} else {
		struct entry *e = find_key(find_section(&p, sec), key);

		if (e) {
			v = unquoted(e->value);
		} else {
			const char *d = def ? def : "";
			size_t n = strlen(d);

			while (n && d[n - 1] == ' ')
				n--;
			v = strndup(d, n);
			if (err)
				rt_set_last_error(rt_win32_error(err));
		}
		a->data = v;
		a->len = v ? strlen(v) : 0;
		r = v ? 0 : -1;
	}
	profile_free(&p);
	if (r < 0) {
		free(a->data);
		a->data = 0;
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	}
	return r;
}

/* GetPrivateProfileSection's answer: sec's lines, "key=value" or the
 * line without '=' as it is. */
static int read_section(const char *fn, const char *sec, const char *file,
			struct answer *a)
{
	struct profile p;
	struct section *s;
	char *path = file_path(fn, file);
	int err, r;

	memset(a, 0, sizeof(*a));
	a->list = 1;
	if (!path || load(path, &p, &err) < 0) {
		free(path);
		return -1;
	}
	free(path);
	a->data = calloc(1, 1);
	r = a->data ? 0 : -1;
	s = sec ? find_section(&p, sec) : 0;
	for (size_t j = 0; s && j < s->n && r == 0; j++) {
		char *line = 0;

		if (asprintf(&line, "%s%s%s", s->e[j].key,
			     s->e[j].value ? "=" : "",
			     s->e[j].value ? s->e[j].value : "") < 0)
			line = 0;
		r = line ? answer_add(a, line) : -1;
		free(line);
	}
	profile_free(&p);
	if (r < 0) {
		free(a->data);
		a->data = 0;
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	}
	return r;
}

/* The answer in the caller's buffer of size characters, as Windows cuts
 * it: a string to size - 1 characters, its length returned; a list
 * that does not fit to size - 2 characters and two NULs, size - 2
 * returned (and the list's length, without the final NUL, when it
 * fits). */
static DWORD answer_a(const struct answer *a, char *buf, DWORD size)
{
	size_t n = a->len;

	if (!size)
		return 0;
	if (!a->list) {
		if (n > size - 1)
			n = size - 1;
		memcpy(buf, a->data, n);
		buf[n] = 0;
		return (DWORD)n;
	}
	if (size < 2) {
		buf[0] = 0;
		return 0;
	}
	if (n + 1 > size) {
		memcpy(buf, a->data, size - 2);
		buf[size - 2] = buf[size - 1] = 0;
		return size - 2;
	}
	memcpy(buf, a->data, n + 1);
	return (DWORD)n;
}

/* The same for a UTF-16 buffer: the answer converted piece by piece
 * (its NULs kept), then cut in UTF-16 units. */
static DWORD answer_w(const struct answer *a, WCHAR *buf, DWORD size)
{
	WCHAR *w = malloc((a->len + 2) * sizeof(WCHAR));
	size_t n = 0;
	DWORD r;

	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	for (size_t off = 0; off < a->len || (!a->list && off == 0);) {
		WCHAR *piece = rt_utf16_dup(a->data + off);
		size_t m = piece ? rt_wcslen(piece) : 0;

		if (piece)
			memcpy(w + n, piece, m * sizeof(WCHAR));
		free(piece);
		n += m;
		off += strlen(a->data + off) + 1;
		if (!a->list)
			break;
		w[n++] = 0;
	}
	if (!a->list) {
		if (size) {
			size_t c = n > size - 1 ? size - 1 : n;

			memcpy(buf, w, c * sizeof(WCHAR));
			buf[c] = 0;
			n = c;
		}
		r = size ? (DWORD)n : 0;
	} else if (!size) {
		r = 0;
	} else if (size < 2) {
		buf[0] = 0;
		r = 0;
	} else if (n + 1 > size) {
		memcpy(buf, w, (size - 2) * sizeof(WCHAR));
		buf[size - 2] = buf[size - 1] = 0;
		r = size - 2;
	} else {
		memcpy(buf, w, n * sizeof(WCHAR));
		buf[n] = 0;
		r = (DWORD)n;
	}
	free(w);
	return r;
}

/* WritePrivateProfileString's change to p: key = value in sec (value
 * NULL: the key goes; key NULL: the section goes); -1 out of memory. */
static int change(struct profile *p, const char *sec, const char *key,
		  const char *value)
{
	struct section *s = find_section(p, sec);
	struct entry *e;
	char *k, *v;

	if (!key) {
		if (s) {
			size_t i = (size_t)(s - p->s);

			section_clear(s);
			free(s->name);
			memmove(p->s + i, p->s + i + 1,
				(p->n - i - 1) * sizeof(*p->s));
			p->n--;
		}
		return 0;
	}
	e = find_key(s, key);
	if (!value) {
		if (e) {
			free(e->key);
			free(e->value);
			memmove(e, e + 1,
				(size_t)(s->e + s->n - e - 1) * sizeof(*e));
			s->n--;
		}
		return 0;
	}
	v = trimmed(value, strlen(value));
	if (!v)
		return -1;
	if (e) {
		free(e->value);
		e->value = v;
		return 0;
	}
	k = trimmed(key, strlen(key));
	if (!s) {
		char *name = trimmed(sec, strlen(sec));

		if (!name || !(s = add_section(p, name))) {
			free(name);
			free(k);
			free(v);
			return -1;
		}
	}
	if (!k || add_entry(s, k, v) < 0) {
		free(k);
		free(v);
		return -1;
	}
	return 0;
}

static BOOL profile_write(const char *fn, const char *sec, const char *key,
			  const char *value, const char *file)
{
	struct profile p;
	char *path;
	int err, r;

	if (!sec && !key && !value)
		return TRUE; /* "flush the cache": every write went out */
	if (!sec) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	path = file_path(fn, file);
	if (!path || load(path, &p, &err) < 0) {
		free(path);
		return FALSE;
	}
	r = change(&p, sec, key, value);
	if (r < 0)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else
		r = store(path, &p);
	profile_free(&p);
	free(path);
	return r == 0;
}

/* WritePrivateProfileSection: sec's lines become those of list
 * ("key=value" strings ended by an empty one); NULL removes it. */
static BOOL profile_write_section(const char *fn, const char *sec,
				  const char *list, const char *file)
{
	struct profile p;
	struct section *s;
	char *path;
	int err, r = 0;

	if (!sec) {
		rt_set_last_error(ERROR_INVALID_PARAMETER);
		return FALSE;
	}
	path = file_path(fn, file);
	if (!path || load(path, &p, &err) < 0) {
		free(path);
		return FALSE;
	}
	s = find_section(&p, sec);
	if (!list) {
		r = change(&p, sec, 0, 0);
	} else if (s) {
		section_clear(s); /* new lines, in the section's place */
	} else {
		char *name = trimmed(sec, strlen(sec));

		s = name ? add_section(&p, name) : 0;
		if (!s) {
			free(name);
			r = -1;
		}
	}
	if (list && r == 0) {
		for (const char *l = list; s && *l && r == 0; l += strlen(l) + 1) {
			const char *eq = strchr(l, '=');
			char *k = eq ? trimmed(l, (size_t)(eq - l))
				     : trimmed(l, strlen(l));
			char *v = eq ? trimmed(eq + 1, strlen(eq + 1)) : 0;

			if (!k || (eq && !v) || add_entry(s, k, v) < 0) {
				free(k);
				free(v);
				r = -1;
			}
		}
	}
	if (r < 0)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	else
		r = store(path, &p);
	profile_free(&p);
	free(path);
	return r == 0;
}

/* ---- the A and W functions ------------------------------------------------ */

/* UTF-8 copies of up to four UTF-16 arguments (NULL stays NULL); FALSE
 * with ERROR_NOT_ENOUGH_MEMORY. */
static BOOL narrow(const WCHAR *const *in, char **out, int n)
{
	BOOL ok = TRUE;

	for (int i = 0; i < n; i++) {
		out[i] = in[i] ? rt_utf8_dup(in[i]) : 0;
		if (in[i] && !out[i])
			ok = FALSE;
	}
	if (!ok)
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
	return ok;
}

static void narrow_free(char **s, int n)
{
	for (int i = 0; i < n; i++)
		free(s[i]);
}

/* GetPrivateProfileStringA: key's value in sec of file (def when there
 * is none), or the section names (sec NULL) or sec's keys (key NULL) as
 * a list; cut to size as Windows cuts it (see answer_a). */
DWORD WINAPI w32_GetPrivateProfileStringA(LPCSTR sec, LPCSTR key, LPCSTR def,
					  LPSTR buf, DWORD size, LPCSTR file)
{
	struct answer a;
	DWORD r;

	if (read_string("GetPrivateProfileStringA", sec, key, def, file, &a) < 0)
		return answer_a(&(struct answer){"", 0, !sec || !key}, buf,
				size);
	r = answer_a(&a, buf, size);
	free(a.data);
	return r;
}

DWORD WINAPI w32_GetPrivateProfileStringW(LPCWSTR sec, LPCWSTR key,
					  LPCWSTR def, LPWSTR buf, DWORD size,
					  LPCWSTR file)
{
	const WCHAR *in[4] = {sec, key, def, file};
	char *s[4];
	struct answer a;
	DWORD r = 0;

	if (!narrow(in, s, 4)) {
		narrow_free(s, 4);
		return 0;
	}
	if (read_string("GetPrivateProfileStringW", s[0], s[1], s[2], s[3],
			&a) == 0) {
		r = answer_w(&a, buf, size);
		free(a.data);
	} else if (size) {
		buf[0] = 0;
	}
	narrow_free(s, 4);
	return r;
}

/* A value read as a number the way Windows reads one (RtlCharToInteger
 * with base 0): blanks, a sign, then 0x for hex, 0o for octal, 0b for
 * binary, else decimal, up to the first character that is no digit. */
static UINT to_number(const char *s)
{
	unsigned base = 10, d;
	UINT v = 0;
	int neg = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (s[0] == '0' && (s[1] | 0x20) == 'x')
		base = 16, s += 2;
	else if (s[0] == '0' && (s[1] | 0x20) == 'o')
		base = 8, s += 2;
	else if (s[0] == '0' && (s[1] | 0x20) == 'b')
		base = 2, s += 2;
	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			break;
		if (d >= base)
			break;
		v = v * base + d;
	}
	return neg ? 0u - v : v;
}

/* GetPrivateProfileIntA: key's value read as a number (to_number), def
 * when there is no such key or its value is empty. */
static UINT profile_int(const char *fn, const char *sec, const char *key,
			INT def, const char *file)
{
	char buf[64];
	struct answer a;

	if (!sec || !key || read_string(fn, sec, key, 0, file, &a) < 0)
		return (UINT)def;
	answer_a(&a, buf, sizeof(buf));
	free(a.data);
	if (!buf[0])
		return (UINT)def;
	return to_number(buf);
}

UINT WINAPI w32_GetPrivateProfileIntA(LPCSTR sec, LPCSTR key, INT def,
				      LPCSTR file)
{
	return profile_int("GetPrivateProfileIntA", sec, key, def, file);
}

UINT WINAPI w32_GetPrivateProfileIntW(LPCWSTR sec, LPCWSTR key, INT def,
				      LPCWSTR file)
{
	const WCHAR *in[3] = {sec, key, file};
	char *s[3];
	UINT r = (UINT)def;

	if (narrow(in, s, 3))
		r = profile_int("GetPrivateProfileIntW", s[0], s[1], def, s[2]);
	narrow_free(s, 3);
	return r;
}

/* GetPrivateProfileSectionA: sec's lines as a list. */
DWORD WINAPI w32_GetPrivateProfileSectionA(LPCSTR sec, LPSTR buf, DWORD size,
					   LPCSTR file)
{
	struct answer a;
	DWORD r;

	if (read_section("GetPrivateProfileSectionA", sec, file, &a) < 0)
		return answer_a(&(struct answer){"", 0, 1}, buf, size);
	r = answer_a(&a, buf, size);
	free(a.data);
	return r;
}

DWORD WINAPI w32_GetPrivateProfileSectionW(LPCWSTR sec, LPWSTR buf,
					   DWORD size, LPCWSTR file)
{
	const WCHAR *in[2] = {sec, file};
	char *s[2];
	struct answer a;
	DWORD r = 0;

	if (narrow(in, s, 2) &&
	    read_section("GetPrivateProfileSectionW", s[0], s[1], &a) == 0) {
		r = answer_w(&a, buf, size);
		free(a.data);
	} else if (size > 1) {
		buf[0] = buf[1] = 0;
	}
	narrow_free(s, 2);
	return r;
}

/* GetPrivateProfileSectionNamesA: the section names as a list. */
DWORD WINAPI w32_GetPrivateProfileSectionNamesA(LPSTR buf, DWORD size,
						LPCSTR file)
{
	struct answer a;
	DWORD r;

	if (read_string("GetPrivateProfileSectionNamesA", 0, 0, 0, file, &a) <
	    0)
		return answer_a(&(struct answer){"", 0, 1}, buf, size);
	r = answer_a(&a, buf, size);
	free(a.data);
	return r;
}

DWORD WINAPI w32_GetPrivateProfileSectionNamesW(LPWSTR buf, DWORD size,
						LPCWSTR file)
{
	const WCHAR *in[1] = {file};
	char *s[1];
	struct answer a;
	DWORD r = 0;

	if (narrow(in, s, 1) &&
	    read_string("GetPrivateProfileSectionNamesW", 0, 0, 0, s[0], &a) ==
		    0) {
		r = answer_w(&a, buf, size);
		free(a.data);
	} else if (size > 1) {
		buf[0] = buf[1] = 0;
	}
	narrow_free(s, 1);
	return r;
}

/* WritePrivateProfileStringA: key = value in sec of file, created as
 * needed; value NULL removes the key, key NULL the section; all three
 * NULL only asks for what is cached to be written (nothing is). */
BOOL WINAPI w32_WritePrivateProfileStringA(LPCSTR sec, LPCSTR key,
					   LPCSTR value, LPCSTR file)
{
	return profile_write("WritePrivateProfileStringA", sec, key, value,
			     file);
}

BOOL WINAPI w32_WritePrivateProfileStringW(LPCWSTR sec, LPCWSTR key,
					   LPCWSTR value, LPCWSTR file)
{
	const WCHAR *in[4] = {sec, key, value, file};
	char *s[4];
	BOOL r = FALSE;

	if (narrow(in, s, 4))
		r = profile_write("WritePrivateProfileStringW", s[0], s[1],
				  s[2], s[3]);
	narrow_free(s, 4);
	return r;
}

/* WritePrivateProfileSectionA: sec's lines replaced by those of list
 * (NUL-separated, an empty string last); NULL removes the section. */
BOOL WINAPI w32_WritePrivateProfileSectionA(LPCSTR sec, LPCSTR list,
					    LPCSTR file)
{
	return profile_write_section("WritePrivateProfileSectionA", sec, list,
				     file);
}

BOOL WINAPI w32_WritePrivateProfileSectionW(LPCWSTR sec, LPCWSTR list,
					    LPCWSTR file)
{
	const WCHAR *in[2] = {sec, file};
	char *s[2], *l = 0;
	size_t len = 0;
	BOOL r = FALSE;

	if (list) { /* the list converted string by string */
		FILE *m = open_memstream(&l, &len);

		for (const WCHAR *p = list; m && *p; p += rt_wcslen(p) + 1) {
			char *u = rt_utf8_dup(p);

			if (u)
				fwrite(u, 1, strlen(u) + 1, m);
			free(u);
		}
		if (m) {
			fputc(0, m);
			fclose(m);
		}
		if (!l) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return FALSE;
		}
	}
	if (narrow(in, s, 2))
		r = profile_write_section("WritePrivateProfileSectionW", s[0],
					  l, s[1]);
	narrow_free(s, 2);
	free(l);
	return r;
}
