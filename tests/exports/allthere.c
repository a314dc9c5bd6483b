/* Imports only what the runtime has: `dllshare exports --image` reports
 * nothing missing and exits 0. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
	HANDLE h = CreateFileA("nul", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0,
			       NULL);

	printf("%d\n", h != INVALID_HANDLE_VALUE);
	return 0;
}
