/* ordinal_main.c — imports hidden_add by ordinal only (ordlib.def says
 * @5 NONAME: the DLL has no name for it). */
#include <stdio.h>

__declspec(dllimport) int hidden_add(int, int);
__declspec(dllimport) int named_mul(int, int);

int main(void)
{
	printf("hidden_add(2, 3) = %d\n", hidden_add(2, 3));
	printf("named_mul(4, 5) = %d\n", named_mul(4, 5));
	return 0;
}
