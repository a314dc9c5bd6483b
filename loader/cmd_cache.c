/* cmd_cache.c — placeholder until `dllshare cache` is implemented. */
#include <stdio.h>

#include "loader/cmd.h"

int ld_cmd_cache(int argc, char **argv, const struct ld_host *host)
{
	fprintf(stderr, "dllshare: 'cache' is not implemented yet\n");
	return 2;
}
