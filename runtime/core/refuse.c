/*
 * refuse.c — what a built-in does with an argument it does not implement.
 *
 * A built-in either does everything its arguments ask or fails the call
 * the way Windows fails an unsupported request: the last error (or the
 * CRT's errno) says why, and `dllshare run --trace` prints one line
 * naming the function and what it refused ("dllshare: CreateEventA: not
 * supported: a named (cross-process) object (error 50)").  Such functions are marked
 * RT_PARTIAL in their DLL's exports.h, so `dllshare exports` lists them.
 */
#include <stdarg.h>
#include <stdio.h>

#include "loader/ld.h"
#include "runtime/core/core.h"

void rt_trace_refusal(const char *fn, const char *kind, unsigned code,
		      const char *fmt, va_list ap)
{
	char what[256];

	if (!ld_trace_on)
		return;
	vsnprintf(what, sizeof what, fmt, ap);
	ld_trace("%s: not supported: %s (%s %u)", fn, what, kind, code);
}

static void trace_only(const char *fn, unsigned code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rt_trace_refusal(fn, "error", code, fmt, ap);
	va_end(ap);
}

void rt_refuse_quietly(DWORD code, const char *fn, const char *what)
{
	trace_only(fn, code, "%s", what);
}

int rt_refuse(DWORD error, const char *fn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rt_trace_refusal(fn, "error", error, fmt, ap);
	va_end(ap);
	rt_set_last_error(error);
	return 0;
}
