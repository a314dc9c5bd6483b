/* miss_dll.c — exports only `present`; miss_imp.def claims more. */
__declspec(dllexport) int present(void)
{
	return 1;
}
