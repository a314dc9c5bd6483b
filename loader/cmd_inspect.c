/* cmd_inspect.c — placeholder until `dllshare inspect` is implemented. */
#include <stdio.h>

#include "loader/cmd.h"

int ld_cmd_inspect(int argc, char **argv, const struct ld_host *host)
{
	fprintf(stderr, "dllshare: 'inspect' is not implemented yet\n");
	return 2;
}
