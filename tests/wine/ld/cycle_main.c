/* cycle_main.c — cyc_a.dll and cyc_b.dll import each other. */
#include <stdio.h>

__declspec(dllimport) int a_func(int);

int main(void)
{
	printf("a_func(5) = %d\n", a_func(5));
	return 0;
}
