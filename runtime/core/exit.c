/*
 * exit.c — the exit-hook registry.
 *
 * On Windows, msvcrt flushes its streams when the process detaches it:
 * kernel32's ExitProcess knows nothing of msvcrt.  The runtime keeps that
 * layering: a DLL above kernel32 registers what must happen at exit, and
 * ExitProcess and the unhandled-exception exit run the hooks.
 */
#include <errno.h>

#include "runtime/core/core.h"

static void (*hooks[RT_EXIT_HOOKS])(void);
static int nhooks;

int rt_exit_hook_add(void (*fn)(void))
{
	int i = __atomic_load_n(&nhooks, __ATOMIC_ACQUIRE);

	for (;;) {
		if (i == RT_EXIT_HOOKS)
			return -ENOSPC;
		hooks[i] = fn;
		if (__atomic_compare_exchange_n(&nhooks, &i, i + 1, 0,
						__ATOMIC_RELEASE,
						__ATOMIC_ACQUIRE))
			return 0;
	}
}

void rt_exit_hooks_run(void)
{
	int i = __atomic_load_n(&nhooks, __ATOMIC_ACQUIRE);

	/* Taking the count to zero makes each hook run once, even when a
	 * hook exits or two threads exit at once. */
	while (i > 0) {
		if (__atomic_compare_exchange_n(&nhooks, &i, i - 1, 0,
						__ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE)) {
			hooks[i - 1]();
			i--;
		}
	}
}
