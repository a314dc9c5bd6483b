/* dsimp.dll — imports dsleaf.dll (tests/wine/dlls/dsimp.dlls). */
__declspec(dllimport) int ds_leaf_value(void);

__declspec(dllexport) int ds_imp_value(void)
{
	return ds_leaf_value() + 1;
}
