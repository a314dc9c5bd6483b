/* order_main.c — DllMain order: order_a.dll needs order_c.dll, so the
 * order is c, a, b at attach and b, a, c at detach. */
#include <stdio.h>

__declspec(dllimport) int order_a(void);
__declspec(dllimport) int order_b(void);

int main(void)
{
	printf("main: a=%d b=%d\n", order_a(), order_b());
	fflush(stdout);
	return 3;
}
