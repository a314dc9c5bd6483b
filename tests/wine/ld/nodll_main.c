/* nodll_main.c — imports from ghost.dll, which exists nowhere. */
#include <stdio.h>

__declspec(dllimport) int ghost_fn(void);

int main(void)
{
	printf("this must not print\n");
	return ghost_fn();
}
