/* wtdata.dll — data that image.c imports without __declspec(dllimport):
 * mingw resolves such references with pseudo-relocations, which its
 * startup code applies through VirtualQuery/VirtualProtect. */
int wt_data_value = 1234;
int wt_data_array[4] = {10, 20, 30, 40};
