/*
 * message.c — kernel32: FormatMessage, the text of a message with its
 * inserts filled in.
 *
 * A message comes from the caller (FORMAT_MESSAGE_FROM_STRING) or from
 * the system's table: Windows keeps its messages in resource tables; the
 * runtime knows the common system errors, worded as Wine words them, in
 * English.  Then, unless FORMAT_MESSAGE_IGNORE_INSERTS, its escapes are
 * expanded: %1..%99 with an optional printf format between '!'s (the
 * arguments as a va_list or, with FORMAT_MESSAGE_ARGUMENT_ARRAY, an
 * array, 8 bytes each), %n (CRLF), %r, %t, %0 (stop), and %% % %. %!
 * for the character itself (kept as written with IGNORE_INSERTS, as Wine
 * does; a '%' ending the text fails).  FORMAT_MESSAGE_MAX_WIDTH_MASK turns the
 * text's own line breaks into spaces.  Messages of modules, other line
 * widths, and floating-point or unknown insert formats are refused.
 *
 * FormatMessageW formats in UTF-8 and converts, with its string inserts
 * read as UTF-16 (the W convention: %s wide, %hs narrow).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/k32int.h"

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x200
#define FORMAT_MESSAGE_FROM_STRING     0x400
#define FORMAT_MESSAGE_FROM_HMODULE    0x800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x1000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x2000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0xff
#define ERROR_MR_MID_NOT_FOUND	       317
#define ERROR_RESOURCE_LANG_NOT_FOUND  15100

static const struct {
	DWORD code;
	const char *text;
} messages[] = {
	{0, "Success.\r\n"},
	{1, "Invalid function.\r\n"},
	{2, "File not found.\r\n"},
	{3, "Path not found.\r\n"},
	{4, "Too many open files.\r\n"},
	{5, "Access denied.\r\n"},
	{6, "Invalid handle.\r\n"},
	{8, "Not enough memory.\r\n"},
	{14, "Out of memory.\r\n"},
	{32, "Sharing violation.\r\n"},
	{80, "File exists.\r\n"},
	{87, "Invalid parameter.\r\n"},
	{109, "Broken pipe.\r\n"},
	{122, "Insufficient buffer.\r\n"},
	{126, "Module not found.\r\n"},
	{127, "Procedure not found.\r\n"},
	{183, "File already exists.\r\n"},
	{203, "Environment variable not found.\r\n"},
};

static const char *find_message(DWORD code)
{
	for (size_t i = 0; i < sizeof(messages) / sizeof(messages[0]); i++)
		if (messages[i].code == code)
			return messages[i].text;
	return 0;
}

/* The system messages are in English: the neutral, default and English
 * language ids find them, any other language does not (as on a Windows
 * with only English installed). */
static int english(DWORD lang)
{
	return lang == 0 || lang == 0x400 || lang == 0x800 ||
	       (lang & 0x3ff) == 0x09;
}

/* ---- the output, growing ----------------------------------------------- */

struct out {
	char *p;
	size_t n, cap;
	int oom;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->n + n + 1 > o->cap) {
		size_t cap = (o->n + n + 1) * 2;
		char *p = realloc(o->p, cap);

		if (!p) {
			o->oom = 1;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->n, s, n);
	o->n += n;
	o->p[o->n] = 0;
}

static void puts_(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* ---- one insert ---------------------------------------------------------- */

/* The arguments, 8 bytes each; nargs bounds nothing (Windows trusts the
 * caller the same way), NULL when the caller passed none. */
struct args {
	const ULONG_PTR *v;
	int wide; /* FormatMessageW: %s and %c are UTF-16 */
};

/* A string argument as UTF-8 (wide: UTF-16 in the caller's memory). */
static void put_string(struct out *o, const char *spec, ULONG_PTR a,
		       int wide)
{
	char *u = 0;
	const char *s = (const char *)a;
	char tmp[64];

	if (!a) {
		s = "(null)";
	} else if (wide) {
		if (!(u = rt_utf8_dup((const WCHAR *)a))) {
			o->oom = 1;
			return;
		}
		s = u;
	}
	/* spec is the flags, width and precision: "%-10.3" */
	snprintf(tmp, sizeof tmp, "%ss", spec);
	{
		int n = snprintf(0, 0, tmp, s);
		char *b = n >= 0 ? malloc((size_t)n + 1) : 0;

		if (b) {
			snprintf(b, (size_t)n + 1, tmp, s);
			put(o, b, (size_t)n);
			free(b);
		} else {
			o->oom = 1;
		}
	}
	free(u);
}

/* Insert k (1-based) with the printf format fmt (the text between the
 * '!'s, or "s").  0, or -1 for a format this does not implement. */
static int insert(struct out *o, const char *fmt, size_t len,
		  const struct args *a, int k)
{
	char spec[64], conv, buf[128];
	size_t i = 0, sl = 1;
	int idx = k - 1, big = 0, narrow = 0, widechar = 0;

	spec[0] = '%';
	while (i < len && strchr("-+ #0", fmt[i]) && sl < 8)
		spec[sl++] = fmt[i++];
	for (int part = 0; part < 2; part++) {
		if (part == 1) {
			if (i >= len || fmt[i] != '.')
				break;
			spec[sl++] = fmt[i++];
		}
		if (i < len && fmt[i] == '*') {
			sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%d",
					       (int)a->v[idx++]);
			i++;
		} else {
			while (i < len && fmt[i] >= '0' && fmt[i] <= '9' &&
			       sl < 20)
				spec[sl++] = fmt[i++];
		}
	}
	spec[sl] = 0;
	/* Length: h (narrow string/char, short), l and w (wide), ll, I64
	 * and I (64-bit on x86-64), I32. */
	if (i + 3 <= len && !strncmp(fmt + i, "I64", 3))
		big = 1, i += 3;
	else if (i + 3 <= len && !strncmp(fmt + i, "I32", 3))
		i += 3;
	else if (i + 2 <= len && !strncmp(fmt + i, "ll", 2))
		big = 1, i += 2;
	else if (i < len && fmt[i] == 'I')
		big = 1, i++;
	else if (i < len && fmt[i] == 'h')
		narrow = 1, i++;
	else if (i < len && (fmt[i] == 'l' || fmt[i] == 'w'))
		widechar = 1, i++;
	if (i + 1 != len)
		return -1;
	conv = fmt[i];
	switch (conv) {
	case 'd':
	case 'i':
		strcat(spec, big ? "lld" : "d");
		if (big)
			snprintf(buf, sizeof buf, spec, (long long)a->v[idx]);
		else
			snprintf(buf, sizeof buf, spec, (int)a->v[idx]);
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		sl = strlen(spec);
		if (big)
			spec[sl++] = 'l', spec[sl++] = 'l';
		spec[sl++] = conv;
		spec[sl] = 0;
		if (big)
			snprintf(buf, sizeof buf, spec,
				 (unsigned long long)a->v[idx]);
		else
			snprintf(buf, sizeof buf, spec, (unsigned)a->v[idx]);
		break;
	case 'p':
		snprintf(buf, sizeof buf, "%016llX",
			 (unsigned long long)a->v[idx]);
		break;
	case 'c':
	case 'C': {
		/* c is the caller's character width, C the other one. */
		int w = (conv == 'c') ? (a->wide ? !narrow : widechar)
				      : (a->wide ? narrow : !narrow);
		WCHAR wc[2] = {(WCHAR)a->v[idx], 0};
		char *u = w ? rt_utf8_dup(wc) : 0;

		if (w && !u)
			return o->oom = 1, 0;
		snprintf(buf, sizeof buf, "%s",
			 w ? u : (char[]){(char)a->v[idx], 0});
		free(u);
		break;
	}
	case 's':
	case 'S': {
		int w = (conv == 's') ? (a->wide ? !narrow : widechar)
				      : (a->wide ? narrow : !narrow);

		put_string(o, spec, a->v[idx], w);
		return 0;
	}
	default:
		return -1; /* floating point, %n and the rest */
	}
	puts_(o, buf);
	return 0;
}

/* ---- the text ------------------------------------------------------------ */

/* Expands text's escapes into o.  0, or -1 with the last error set (fn
 * names the caller for --trace). */
static int expand(const char *fn, const char *text, DWORD flags,
		  const struct args *a, struct out *o)
{
	DWORD width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
	const char *t = text;

	while (*t) {
		if (*t != '%') {
			size_t run = strcspn(t, "%\r\n");

			put(o, t, run);
			t += run;
			if (*t == '\r' || *t == '\n') {
				/* A line break of the text (CR, LF or both) is
				 * CR LF, or with a width a space. */
				t += (t[0] == '\r' && t[1] == '\n') ? 2 : 1;
				puts_(o, width ? " " : "\r\n");
			}
			continue;
		}
		t++;
		if (*t >= '1' && *t <= '9') {
			int k = *t++ - '0';
			const char *fmt = "s", *end;
			size_t len = 1;

			if (*t >= '0' && *t <= '9')
				k = k * 10 + (*t++ - '0');
			if (*t == '!' && (end = strchr(t + 1, '!'))) {
				fmt = t + 1;
				len = (size_t)(end - fmt);
				t = end + 1;
			}
			if (flags & FORMAT_MESSAGE_IGNORE_INSERTS) {
				char raw[8];

				snprintf(raw, sizeof raw, "%%%d", k);
				puts_(o, raw);
				if (fmt[0] != 's' || len != 1) {
					put(o, "!", 1);
					put(o, fmt, len);
					put(o, "!", 1);
				}
				continue;
			}
			if (!a->v) {
				rt_set_last_error(ERROR_INVALID_PARAMETER);
				return -1;
			}
			if (insert(o, fmt, len, a, k) < 0) {
				rt_refuse(ERROR_NOT_SUPPORTED, fn,
					  "the insert format !%.*s!", (int)len,
					  fmt);
				return -1;
			}
			continue;
		}
		switch (*t) {
		case 0: /* a lone '%' at the end */
			rt_set_last_error(ERROR_INVALID_PARAMETER);
			return -1;
		case '0':
			return 0;
		case 'n':
			puts_(o, "\r\n");
			break;
		case 'r':
			puts_(o, "\r");
			break;
		case 't':
			puts_(o, "\t");
			break;
		default: /* %% % %. %! and the rest: the character (kept
			  * as written when inserts are ignored) */
			if (flags & FORMAT_MESSAGE_IGNORE_INSERTS)
				put(o, t - 1, 1);
			put(o, t, 1);
		}
		t++;
	}
	return 0;
}

/* TRUE when the call asks nothing this does not implement. */
static BOOL format_args_ok(const char *fn, DWORD flags)
{
	DWORD width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;

	if (width && width != FORMAT_MESSAGE_MAX_WIDTH_MASK)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a maximum line width of %u", (unsigned)width);
	return TRUE;
}

/* The formatted message, malloc'd, or NULL with the last error set. */
static char *format(const char *fn, DWORD flags, const char *source,
		    DWORD id, DWORD lang, void *args, int wide)
{
	const char *text = 0;
	char *owned = 0;
	struct out o = {0};
	struct args a = {0, wide};

	if (!format_args_ok(fn, flags))
		return 0;
	if (flags & FORMAT_MESSAGE_FROM_STRING) {
		text = source;
	} else if ((flags & FORMAT_MESSAGE_FROM_HMODULE) &&
		   (owned = rt_k32_module_message((HMODULE)source, id, lang))) {
		text = owned;
	} else if ((flags & FORMAT_MESSAGE_FROM_HMODULE) &&
		   !(flags & FORMAT_MESSAGE_FROM_SYSTEM)) {
		return 0; /* the module's table said why */
	} else if (flags & FORMAT_MESSAGE_FROM_SYSTEM) {
		if (!english(lang)) {
			rt_set_last_error(ERROR_RESOURCE_LANG_NOT_FOUND);
			return 0;
		}
		text = find_message(id);
	}
	if (!text) {
		rt_set_last_error(ERROR_MR_MID_NOT_FOUND);
		return 0;
	}
	if (args)
		a.v = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY)
			      ? (const ULONG_PTR *)args
			      : *(const ULONG_PTR **)args; /* a va_list */
	put(&o, "", 0);
	if (expand(fn, text, flags, &a, &o) < 0) {
		free(owned);
		free(o.p);
		return 0;
	}
	free(owned);
	if (o.oom) {
		free(o.p);
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	return o.p;
}

/* Returns the text's length (without NUL) or 0 with the last error. */
DWORD WINAPI w32_FormatMessageA(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPSTR buf, DWORD size, void *args)
{
	char *text = format("FormatMessageA", flags, source, id, lang, args, 0);
	size_t n;

	if (!text)
		return 0;
	n = strlen(text);
	if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		/* Freed by the caller with LocalFree: the process heap. */
		char *p = w32_LocalAlloc(0, n + 1 > size ? n + 1 : size);

		if (p)
			memcpy(p, text, n + 1);
		free(text);
		if (!p) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		*(char **)buf = p;
		return (DWORD)n;
	}
	if (n + 1 > size) {
		free(text);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buf, text, n + 1);
	free(text);
	return (DWORD)n;
}

DWORD WINAPI w32_FormatMessageW(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPWSTR buf, DWORD size, void *args)
{
	char *src = 0, *text;
	WCHAR *w;
	DWORD n;

	if ((flags & FORMAT_MESSAGE_FROM_STRING) &&
	    !(src = rt_utf8_dup(source))) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	text = format("FormatMessageW", flags, src, id, lang, args, 1);
	free(src);
	if (!text)
		return 0;
	w = rt_utf16_dup(text);
	free(text);
	if (!w) {
		rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
		return 0;
	}
	n = (DWORD)rt_wcslen(w);
	if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		WCHAR *p = w32_LocalAlloc(0, (n + 1) * sizeof(WCHAR));

		if (p)
			memcpy(p, w, (n + 1) * sizeof(WCHAR));
		free(w);
		if (!p) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		*(WCHAR **)buf = p;
		return n;
	}
	if (n + 1 > size) {
		free(w);
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buf, w, (n + 1) * sizeof(WCHAR));
	free(w);
	return n;
}
