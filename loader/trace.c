/*
 * trace.c — `dllshare run --trace`: one line per loader step, for teaching.
 *
 * The flag lives in the environment (DLLSHARE_TRACE=1) as well as in
 * ld_trace_on, so a program started by a traced program traces too.
 * Lines go to stderr, so a traced program's stdout still matches Wine's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader/ld.h"

int ld_trace_on;

/* Read the environment before main(): every command (run, map, a child
 * started by CreateProcess) sees the same flag. */
__attribute__((constructor)) static void trace_from_env(void)
{
	const char *v = getenv("DLLSHARE_TRACE");

	ld_trace_on = v && *v && strcmp(v, "0") != 0;
}

static void say(const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	memcpy(line, "dllshare: ", 10);
	n = vsnprintf(line + 10, sizeof line - 11, fmt, ap);
	if (n < 0)
		return;
	n += 10;
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	line[n++] = '\n';
	/* One write per line: lines of concurrent processes do not mix. */
	if (write(2, line, n) < 0)
		return;
}

void ld_trace(const char *fmt, ...)
{
	va_list ap;

	if (!ld_trace_on)
		return;
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

void ld_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}
