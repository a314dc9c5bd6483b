/*
 * av_exe.c — writes to its own read-only data: an access violation.
 * Windows and Wine end it with 0xC0000005 (exit status 5 under Wine);
 * under dllshare the fault handler reports it the same way.
 */
#include <stdio.h>

static const char message[64] = "constant";

int main(void)
{
	volatile char *p = (volatile char *)message;

	printf("before\n");
	fflush(stdout);
	p[8] = 'X'; /* .rdata: not writable */
	printf("after\n");
	return 0;
}
