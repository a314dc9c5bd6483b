/* hello.c — the smallest program: start-up cost and the basic path. */
#include <stdio.h>

int main(void)
{
	printf("hello, world\n");
	return 0;
}
