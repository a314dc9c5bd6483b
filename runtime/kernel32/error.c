/*
 * error.c — kernel32: the last error (GetLastError, SetLastError) and
 * FormatMessage for system error codes.
 *
 * The last error lives where Windows keeps it, in the TEB
 * (LastErrorValue), so code that reads the TEB directly agrees.
 * Windows keeps its messages in resource tables; the runtime knows the
 * common system errors, worded as Wine words them.  Inserts ("%1") are
 * not expanded: FORMAT_MESSAGE_IGNORE_INSERTS is what the callers that
 * matter (libstdc++'s system_category, error reporting) pass.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/kernel32/kernel32.h"

DWORD WINAPI w32_GetLastError(void)
{
	struct rt_teb *t = rt_teb();

	return t ? t->LastErrorValue : 0;
}

void WINAPI w32_SetLastError(DWORD e)
{
	rt_set_last_error(e);
}

/* ---- FormatMessage ------------------------------------------------------- */

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x200
#define FORMAT_MESSAGE_FROM_STRING     0x400
#define FORMAT_MESSAGE_FROM_HMODULE    0x800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x1000
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
	DWORD primary = lang & 0x3ff;

	return lang == 0 || lang == 0x400 || lang == 0x800 || primary == 0x09;
}

/* What FormatMessage does not implement: message tables of modules,
 * inserts (%1, %n, ...) in a text, line-width control.  TRUE when the
 * call can go on. */
static BOOL format_args_ok(const char *fn, DWORD flags, int has_percent)
{
	if ((flags & FORMAT_MESSAGE_FROM_HMODULE) &&
	    !(flags & FORMAT_MESSAGE_FROM_SYSTEM))
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a module's message table");
	if (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK)
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "a maximum line width");
	if (has_percent && !(flags & FORMAT_MESSAGE_IGNORE_INSERTS))
		return rt_refuse(ERROR_NOT_SUPPORTED, fn,
				 "inserts and escapes (%%1, %%n, ...)");
	return TRUE;
}

static DWORD format_message(const char *fn, DWORD flags, LPCVOID source,
			    DWORD id, DWORD lang, LPSTR buf, DWORD size)
{
	const char *text = 0;
	size_t n;

	if (flags & FORMAT_MESSAGE_FROM_STRING) {
		text = source;
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
	if (!format_args_ok(fn, flags, strchr(text, '%') != 0))
		return 0;
	n = strlen(text);
	if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		/* Freed by the caller with LocalFree: the process heap. */
		char *p = w32_LocalAlloc(0, n + 1 > size ? n + 1 : size);

		if (!p) {
			rt_set_last_error(ERROR_NOT_ENOUGH_MEMORY);
			return 0;
		}
		memcpy(p, text, n + 1);
		*(char **)buf = p;
		return (DWORD)n;
	}
	if (n + 1 > size) {
		rt_set_last_error(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buf, text, n + 1);
	return (DWORD)n;
}

/* Returns the text's length (without NUL) or 0 with the last error. */
DWORD WINAPI w32_FormatMessageA(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPSTR buf, DWORD size, void *args)
{
	return format_message("FormatMessageA", flags, source, id, lang, buf,
			      size);
}

DWORD WINAPI w32_FormatMessageW(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPWSTR buf, DWORD size, void *args)
{
	char *src = 0, *tmp = 0;
	WCHAR *w;
	DWORD n;

	if (flags & FORMAT_MESSAGE_FROM_STRING) {
		src = rt_utf8_dup(source);
		if (!src)
			return 0;
	}
	n = format_message("FormatMessageW",
			   flags | FORMAT_MESSAGE_ALLOCATE_BUFFER, src, id, lang,
			   (LPSTR)&tmp, 0);
	free(src);
	if (!n)
		return 0;
	w = rt_utf16_dup(tmp);
	w32_LocalFree(tmp);
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
