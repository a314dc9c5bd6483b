/*
 * host.c — the runtime's hooks for the loader (struct ld_host).
 */
#include "runtime/rt.h"

static const struct ld_host host = {
	.builtins = 0,
	.nbuiltins = 0,
};

const struct ld_host *rt_host(void)
{
	return &host;
}
