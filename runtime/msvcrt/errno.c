/*
 * errno.c — msvcrt's errno and _doserrno (per thread, msvcrt
 * numbering), the translation from a Linux errno, and the messages:
 * strerror and perror with the _sys_errlist text of Wine's msvcrt.dll.
 */
#include <errno.h>
#include <stdarg.h>

#include "runtime/msvcrt/msvcrt.h"

static __thread int crt_errno;
static __thread ULONG crt_doserrno;

int *rt_errno_ptr(void)
{
	return &crt_errno;
}

void rt_set_errno_from(int e)
{
	static const int map[][2] = {
		{EDEADLK, 36}, {ENAMETOOLONG, 38}, {ENOLCK, 39},
		{ENOSYS, 40},  {ENOTEMPTY, 41},	   {EILSEQ, 42},
	};

	crt_doserrno = rt_win32_error(e);
	if (e <= 34) {
		crt_errno = e;
		return;
	}
	crt_errno = W_EINVAL;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i][0] == e)
			crt_errno = map[i][1];
}

int *WINAPI w32__errno(void)
{
	return &crt_errno;
}

ULONG *WINAPI w32___doserrno(void)
{
	return &crt_doserrno;
}

/* msvcrt's _sys_errlist as Wine's msvcrt.dll has it (the reference the
 * Wine comparison checks against; Windows words a few differently). */
static const char *const errlist[] = {
	"Success",
	"Operation not permitted",
	"No such file or directory",
	"No such process",
	"Interrupted system call",
	"Input/output error",
	"No such device or address",
	"Argument list too long",
	"Exec format error",
	"Bad file descriptor",
	"No child processes",
	"Resource temporarily unavailable",
	"Cannot allocate memory",
	"Permission denied",
	"Bad address",
	"Unknown error",
	"Device or resource busy",
	"File exists",
	"Invalid cross-device link",
	"No such device",
	"Not a directory",
	"Is a directory",
	"Invalid argument",
	"Too many open files in system",
	"Too many open files",
	"Inappropriate ioctl for device",
	"Unknown error",
	"File too large",
	"No space left on device",
	"Illegal seek",
	"Read-only file system",
	"Too many links",
	"Broken pipe",
	"Numerical argument out of domain",
	"Numerical result out of range",
	"Unknown error",
	"Resource deadlock avoided",
	"Unknown error",
	"File name too long",
	"No locks available",
	"Function not implemented",
	"Directory not empty",
	"Invalid or incomplete multibyte or wide character",
};

const char *WINAPI w32_strerror(int e)
{
	if (e < 0 || (size_t)e >= sizeof(errlist) / sizeof(errlist[0]))
		return "Unknown error";
	return errlist[e];
}

void WINAPI w32_perror(const char *msg)
{
	const char *m = w32_strerror(*rt_errno_ptr());

	if (msg && *msg) {
		w32_fputs(msg, rt_stream_std(2));
		w32_fputs(": ", rt_stream_std(2));
	}
	w32_fputs(m, rt_stream_std(2));
	w32_fputs("\n", rt_stream_std(2));
}

int rt_crt_refuse(int err, const char *fn, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rt_trace_refusal(fn, "errno", (unsigned)err, fmt, ap);
	va_end(ap);
	crt_errno = err;
	return -1;
}
