/* dsleaf.dll — what dsimp.dll imports: dllsearch.c copies both into a
 * subdirectory (dsimp's import renamed) to see where a load looks for a
 * DLL's imports. */
__declspec(dllexport) int ds_leaf_value(void)
{
	return 41;
}
