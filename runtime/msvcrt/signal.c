/*
 * signal.c — msvcrt's signal and raise, with msvcrt's signal numbers.
 * No Linux handler is installed (the fault handler owns SIGSEGV): a
 * Windows-side handler is recorded, and raise() calls it once, resetting
 * it to SIG_DFL as msvcrt does; the default action ends the process with
 * exit code 3.
 */
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define W_SIGINT  2
#define W_SIGILL  4
#define W_SIGFPE  8
#define W_SIGSEGV 11
#define W_SIGTERM 15
#define W_SIGABRT 22
#define W_SIG_ERR ((void *)(intptr_t)-1)

typedef void(WINAPI *sig_fn)(int);
static sig_fn handlers[32];

static int sig_ok(int sig)
{
	switch (sig) {
	case W_SIGINT:
	case W_SIGILL:
	case W_SIGFPE:
	case W_SIGSEGV:
	case W_SIGTERM:
	case W_SIGABRT:
	case 21: /* SIGBREAK */ return 1;
	default: return 0;
	}
}

/* The fault handler owns SIGSEGV on Linux; Windows-side handlers are
 * recorded for raise() only. */
void *WINAPI w32_signal(int sig, void *fn)
{
	if (!sig_ok(sig)) {
		*rt_errno_ptr() = W_EINVAL;
		return W_SIG_ERR;
	}
	return __atomic_exchange_n(&handlers[sig], (sig_fn)fn,
				   __ATOMIC_SEQ_CST);
}

int WINAPI w32_raise(int sig)
{
	sig_fn fn;

	if (!sig_ok(sig)) {
		*rt_errno_ptr() = W_EINVAL;
		return -1;
	}
	fn = handlers[sig];
	if ((uintptr_t)fn == 1) /* SIG_IGN */
		return 0;
	if (fn) {
		handlers[sig] = 0; /* reset to SIG_DFL, as msvcrt does */
		fn(sig);
		return 0;
	}
	if (sig == W_SIGABRT)
		w32_abort();
	rt_stdio_flushall();
	_exit(3);
}
