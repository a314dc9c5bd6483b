/*
 * rt.h — the runtime's public interface.
 */
#ifndef DLLSHARE_RT_H
#define DLLSHARE_RT_H

#include "loader/ld.h"

/* The hooks and built-in modules the loader runs Windows code with. */
const struct ld_host *rt_host(void);

#endif
