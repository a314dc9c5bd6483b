/* Imports DllshareNoSuchExport from kernel32.dll (nosuch.def) beside
 * functions the runtime has: `dllshare exports --image` reports exactly
 * that one missing.  Never run. */
#include <stdio.h>
#include <windows.h>

__declspec(dllimport) void DllshareNoSuchExport(void);

int main(int argc, char **argv)
{
	if (argc > 5)
		DllshareNoSuchExport();
	printf("%lu\n", (unsigned long)GetCurrentProcessId());
	return 0;
}
