/* share_main.c — prints "ready", then waits for a line on stdin: while
 * several copies wait, a test compares their page frames. */
#include <stdio.h>

__declspec(dllimport) int share_value(void);

int main(void)
{
	char line[64];

	printf("ready %d\n", share_value());
	fflush(stdout);
	if (!fgets(line, sizeof line, stdin))
		return 1;
	printf("bye\n");
	return 0;
}
