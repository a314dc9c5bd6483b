/* cmd_run.c — placeholder until `dllshare run` is implemented. */
#include <stdio.h>

#include "loader/cmd.h"

int ld_cmd_run(int argc, char **argv, const struct ld_host *host)
{
	fprintf(stderr, "dllshare: 'run' is not implemented yet\n");
	return 2;
}
