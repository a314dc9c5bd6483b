/*
 * errno.c — msvcrt's errno and _doserrno (per thread, msvcrt
 * numbering), the translation from a Linux errno, and the messages:
 * strerror and perror with the _sys_errlist text of Wine's msvcrt.dll,
 * _strerror, and the wide twins _wcserror, __wcserror and _wperror, each
 * built on its narrow twin (the messages are ASCII).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define MSG_SIZE 256

static __thread char msg_buf[MSG_SIZE];
static __thread WCHAR wmsg_buf[MSG_SIZE];

/* The ASCII message s widened into the thread's wide buffer. */
static WCHAR *widen_msg(const char *s)
{
	size_t i = 0;

	for (; s[i] && i < MSG_SIZE - 1; i++)
		wmsg_buf[i] = (unsigned char)s[i];
	wmsg_buf[i] = 0;
	return wmsg_buf;
}

/* strerror's message for e, as UTF-16, in a buffer of the thread's. */
WCHAR *WINAPI w32__wcserror(int e)
{
	return widen_msg(w32_strerror(e));
}

/* "s: message\n" for the current errno ("message\n" when s is NULL or
 * empty), in a buffer of the thread's. */
char *WINAPI w32__strerror(const char *s)
{
	const char *m = w32_strerror(*rt_errno_ptr());

	if (s && *s)
		snprintf(msg_buf, sizeof(msg_buf), "%s: %s\n", s, m);
	else
		snprintf(msg_buf, sizeof(msg_buf), "%s\n", m);
	return msg_buf;
}

/* _strerror with a UTF-16 prefix, the answer UTF-16. */
WCHAR *WINAPI w32___wcserror(const WCHAR *s)
{
	const char *m = w32_strerror(*rt_errno_ptr());
	size_t k = 0;

	for (; s && *s && k < MSG_SIZE - 3; s++)
		wmsg_buf[k++] = *s;
	if (k) {
		wmsg_buf[k++] = ':';
		wmsg_buf[k++] = ' ';
	}
	for (; *m && k < MSG_SIZE - 2; m++)
		wmsg_buf[k++] = (unsigned char)*m;
	wmsg_buf[k++] = '\n';
	wmsg_buf[k] = 0;
	return wmsg_buf;
}

/* perror of msg converted as wcstombs converts it (the C runtime's
 * locale); a msg that does not convert prints the message alone. */
void WINAPI w32__wperror(const WCHAR *msg)
{
	size_t n = msg && *msg ? w32_wcstombs(0, msg, 0) : (size_t)-1;
	char *a = n != (size_t)-1 ? malloc(n + 1) : 0;

	if (a && w32_wcstombs(a, msg, n + 1) == (size_t)-1) {
		free(a);
		a = 0;
	}
	w32_perror(a);
	free(a);
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
