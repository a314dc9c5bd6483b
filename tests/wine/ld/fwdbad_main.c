/* fwdbad_main.c — imports a forwarder loop (loop_a.dll!f -> loop_b.dll!g
 * -> loop_a.dll!f) and a chain longer than 16 hops (deep.dll!f0). */
#include <stdio.h>

__declspec(dllimport) int f(void);
__declspec(dllimport) int f0(void);

int main(void)
{
	printf("this must not print\n");
	return f() + f0();
}
