/*
 * block.c — a Windows program for the dllmap tests: prints one line, then
 * blocks on stdin until it is closed.  Two copies under Wine show which
 * pages Wine's processes share.
 */
#include <stdio.h>

int main(void)
{
	char buf[64];

	printf("ready\n");
	fflush(stdout);
	while (fgets(buf, sizeof buf, stdin))
		;
	return 0;
}
