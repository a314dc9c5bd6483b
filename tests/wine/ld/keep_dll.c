/* keep_dll.c — imports dep_value from keep_dep.dll: its IAT holds
 * keep_dep.dll's address of it, whatever base keep_dep.dll got. */
__declspec(dllimport) int dep_value(void);

__declspec(dllexport) int keep_value(void)
{
	return dep_value() + 100;
}
