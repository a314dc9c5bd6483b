/*
 * error.c — filling struct pe_error.
 */
#include <stdio.h>

#include "pe/internal.h"

int pe_fail(struct pe_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}
