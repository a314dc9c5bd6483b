/* swap_dll.c — built twice, -DVALUE=1 and -DVALUE=2, for swap_main. */
__declspec(dllexport) int swap_value(void)
{
	return VALUE;
}
