/*
 * signal.c — msvcrt's signal and raise, with msvcrt's signal numbers,
 * and _XcptFilter, which turns an exception into one.  No Linux handler
 * is installed here (the fault handler owns the CPU's signals and makes
 * them Windows exceptions): a Windows-side handler is recorded, and
 * raise() calls it once, resetting it to SIG_DFL as msvcrt does; the
 * default action ends the process with exit code 3 (abort() prints its
 * message before it raises SIGABRT).  A CPU fault reaches a handler
 * through an exception filter: mingw's start-up code installs its own,
 * MSVC's calls _XcptFilter.  Ctrl-C (SIGINT on Linux) reaches the
 * SIGINT handler through a console control handler msvcrt registers
 * with kernel32 when the program starts, below any the program adds.
 */
#include <unistd.h>

#include "runtime/msvcrt/msvcrt.h"

#define W_SIGINT  2
#define W_SIGILL  4
#define W_SIGFPE  8
#define W_SIGSEGV 11
#define W_SIGTERM 15
#define W_SIGABRT RT_SIGABRT
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
	if (sig == W_SIGINT)
		rt_msvcrt_signal_start();
	return __atomic_exchange_n(&handlers[sig], (sig_fn)fn,
				   __ATOMIC_SEQ_CST);
}

/* msvcrt's console control handler: Ctrl-C calls the SIGINT handler
 * (SIG_IGN takes the event and calls nothing) and is taken; SIG_DFL
 * leaves it to the next handler, and at the end to kernel32's default
 * (the process ends).  As Wine's msvcrt: the handler stays set (Windows
 * resets it to SIG_DFL first), and Ctrl-Break does not raise SIGBREAK. */
static BOOL WINAPI on_ctrl(DWORD event)
{
	sig_fn fn = __atomic_load_n(&handlers[W_SIGINT], __ATOMIC_SEQ_CST);

	if (event != 0 /* CTRL_C_EVENT */ || !fn)
		return FALSE;
	if ((uintptr_t)fn != 1)
		fn(W_SIGINT);
	return TRUE;
}

void rt_msvcrt_signal_start(void)
{
	static int done;

	if (!__atomic_exchange_n(&done, 1, __ATOMIC_SEQ_CST))
		w32_SetConsoleCtrlHandler(on_ctrl, TRUE);
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
	rt_stdio_flushall();
	_exit(3);
}

/* _XcptFilter: the exception filter MSVC's start-up code puts around
 * main.  An access violation is SIGSEGV, an illegal or privileged
 * instruction SIGILL, a floating-point exception SIGFPE (with msvcrt's
 * _FPE_ subcode); a handler for it is reset to SIG_DFL and called, and
 * execution continues (-1); SIG_IGN continues; anything else keeps the
 * search going (0), as Wine's msvcrt does.  msvcrt keeps info for the
 * handler in _pxcptinfoptrs, which is not built in: nothing could read
 * it, so it is not kept. */
int WINAPI w32__XcptFilter(ULONG code, void *info)
{
	(void)info;
	static const struct {
		ULONG code;
		int sig, fpe;
	} map[] = {
		{STATUS_ACCESS_VIOLATION, W_SIGSEGV, 0},
		{STATUS_ILLEGAL_INSTRUCTION, W_SIGILL, 0},
		{STATUS_PRIVILEGED_INSTRUCTION, W_SIGILL, 0},
		{STATUS_FLOAT_DENORMAL_OPERAND, W_SIGFPE, 0x82},
		{STATUS_FLOAT_DIVIDE_BY_ZERO, W_SIGFPE, 0x83},
		{STATUS_FLOAT_INEXACT_RESULT, W_SIGFPE, 0x86},
		{STATUS_FLOAT_INVALID_OPERATION, W_SIGFPE, 0x81},
		{STATUS_FLOAT_OVERFLOW, W_SIGFPE, 0x84},
		{STATUS_FLOAT_STACK_CHECK, W_SIGFPE, 0x8a},
		{STATUS_FLOAT_UNDERFLOW, W_SIGFPE, 0x85},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		sig_fn fn;

		if (map[i].code != code)
			continue;
		fn = handlers[map[i].sig];
		if (!fn)
			return 0; /* SIG_DFL: EXCEPTION_CONTINUE_SEARCH */
		if ((uintptr_t)fn == 1)
			return -1; /* SIG_IGN: EXCEPTION_CONTINUE_EXECUTION */
		handlers[map[i].sig] = 0;
		if (map[i].sig == W_SIGFPE)
			((void(WINAPI *)(int, int))(void (*)(void))fn)(
				W_SIGFPE, map[i].fpe);
		else
			fn(map[i].sig);
		return -1;
	}
	return 0;
}
