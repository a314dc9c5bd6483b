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
	/* Messages quote names from the file: keep its control bytes (an
	 * escape sequence, a newline) off the caller's terminal and log. */
	for (char *c = err->msg; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	return code;
}
