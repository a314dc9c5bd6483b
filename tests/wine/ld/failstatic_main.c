/* failstatic_main.c — imports fail_dll.dll, whose DllMain returns FALSE:
 * the program must not start. */
#include <stdio.h>

__declspec(dllimport) int fail_value(void);

int main(void)
{
	printf("main must not run\n");
	return fail_value();
}
