/* miss_main.c — imports two functions miss_dll.dll does not export, and
 * miss_dep.dll, which imports a third: all three must be listed, and
 * nothing of the program may run. */
#include <stdio.h>

__declspec(dllimport) int present(void);
__declspec(dllimport) int absent_one(void);
__declspec(dllimport) int absent_two(void);
__declspec(dllimport) int miss_dep_value(void);

int main(void)
{
	printf("this must not print\n");
	return present() + absent_one() + absent_two() + miss_dep_value();
}
