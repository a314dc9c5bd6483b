/* miss_dep.c — a DLL that imports miss_dll.dll!absent_three. */
__declspec(dllimport) int absent_three(void);

__declspec(dllexport) int miss_dep_value(void)
{
	return absent_three();
}
