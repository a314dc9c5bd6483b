/* share_dll.c — a DLL for share_main: its code pages must be shared. */
static int counter = 40;

__declspec(dllexport) int share_value(void)
{
	return counter + 2;
}
