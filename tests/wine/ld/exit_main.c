/* exit_main.c — exits with 300 through ExitProcess after printing: the
 * status a Linux parent sees is the low 8 bits (44), as under Wine. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
	printf("exiting with 300\n");
	fflush(stdout);
	ExitProcess(300);
}
