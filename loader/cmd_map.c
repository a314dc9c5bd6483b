/* cmd_map.c — placeholder until `dllshare map` is implemented. */
#include <stdio.h>

#include "loader/cmd.h"

int ld_cmd_map(int argc, char **argv, const struct ld_host *host)
{
	fprintf(stderr, "dllshare: 'map' is not implemented yet\n");
	return 2;
}
