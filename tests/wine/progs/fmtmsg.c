/* fmtmsg.c — FormatMessage: inserts with and without printf formats,
 * from a va_list and from an array, the escapes, IGNORE_INSERTS,
 * MAX_WIDTH_MASK on a system message, the W form's string inserts, and
 * the errors for a language without messages and a missing message. */
#include <stdarg.h>
#include <stdio.h>
#include <windows.h>

static void fromva(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	DWORD n;

	va_start(ap, fmt);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING, fmt, 0, 0, buf,
			   sizeof buf, &ap);
	va_end(ap);
	printf("[%s] %lu %lu\n", n ? buf : "-", n, n ? 0 : GetLastError());
}

static void show(const char *what, DWORD n, const char *buf)
{
	printf("%s: [%s] %lu %lu\n", what, n ? buf : "-", n,
	       n ? 0 : GetLastError());
}

int main(void)
{
	DWORD_PTR arr[] = {(DWORD_PTR) "one", 42, (DWORD_PTR) "three", 7, 255};
	WCHAR wfmt[] = {'<', '%', '1', '>', '<', '%', '2', '!', 'h', 's', '!',
			'>', 0};
	WCHAR wone[] = {'w', 'i', 'd', 'e', 0};
	DWORD_PTR warr[] = {(DWORD_PTR)wone, (DWORD_PTR) "narrow"};
	WCHAR wbuf[64];
	char buf[256], *p = 0;
	DWORD n;

	fromva("plain %1 and %2!d! and %3!-6s!|", "first", -5, "abc");
	fromva("hex %1!08x! %2!X! %3!lu! %4!I64d!", 0xbeefu, 0xcafeu,
	       4000000000u, (long long)-1234567890123LL);
	fromva("char %1!c! pct %% sp% dot%. bang%! q%q tab%tcr%rnl%nend", 'x');
	fromva("trailing %");
	fromva("stop here%0 never");
	fromva("%1!5d!|%2!-5d!|%3!05d!|%4!+d!", 7, 8, 9, 10);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING |
				   FORMAT_MESSAGE_ARGUMENT_ARRAY,
			   "%1 %2!u! %3 %4!x! %5!o!", 0, 0, buf, sizeof buf,
			   (va_list *)arr);
	show("array", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_STRING |
				   FORMAT_MESSAGE_IGNORE_INSERTS,
			   "keep %1 and %2!d! but %% and %n", 0, 0, buf,
			   sizeof buf, NULL);
	show("ignore inserts", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM |
				   FORMAT_MESSAGE_IGNORE_INSERTS |
				   FORMAT_MESSAGE_MAX_WIDTH_MASK,
			   NULL, ERROR_FILE_NOT_FOUND, 0, buf, sizeof buf, NULL);
	show("max width", n, buf);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM |
				   FORMAT_MESSAGE_IGNORE_INSERTS |
				   FORMAT_MESSAGE_ALLOCATE_BUFFER,
			   NULL, ERROR_ACCESS_DENIED,
			   MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT),
			   (LPSTR)&p, 0, NULL);
	show("allocated", n, p);
	LocalFree(p);
	n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM, NULL, 0x2badc0de, 0,
			   buf, sizeof buf, NULL);
	show("no such message", n, buf);
	n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING |
				   FORMAT_MESSAGE_ARGUMENT_ARRAY,
			   wfmt, 0, 0, wbuf, 64, (va_list *)warr);
	WideCharToMultiByte(CP_UTF8, 0, wbuf, -1, buf, sizeof buf, 0, 0);
	show("wide", n, buf);
	return 0;
}
