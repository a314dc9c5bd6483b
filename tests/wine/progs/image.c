/* image.c — the program's own image as Windows describes it: module
 * handle and file name, VirtualQuery of code, constant and data pages,
 * VirtualProtect making a constant page writable (it must become private,
 * not write through to the shared image), and data imported from a DLL
 * without dllimport (mingw's pseudo-relocations). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

extern int wt_data_value; /* auto-imported: pseudo-relocation */
extern int wt_data_array[4];
extern IMAGE_DOS_HEADER __ImageBase;

static const int table[1024] = {1, 2, 3};
static int counter = 5;

static void query(const char *what, const void *p)
{
	MEMORY_BASIC_INFORMATION mbi;

	VirtualQuery(p, &mbi, sizeof(mbi));
	printf("%s: type %lx protect %lx state %lx base ok %d\n", what,
	       mbi.Type, mbi.Protect, mbi.State,
	       mbi.AllocationBase == &__ImageBase);
}

int main(void)
{
	char name[MAX_PATH];
	DWORD old = 0, n;
	int *tp = (int *)table;
	volatile int *vp;
	BOOL ok;

	printf("module handle is image base %d\n",
	       GetModuleHandleA(NULL) == (HMODULE)&__ImageBase);
	n = GetModuleFileNameA(NULL, name, sizeof(name));
	printf("file name ends %s, length matches %d\n", strrchr(name, '\\'),
	       n == strlen(name));
	memset(name, '#', 8);
	name[8] = 0;
	n = GetModuleFileNameA(NULL, name, 4);
	printf("truncated %lu <%s>", n, name);
	printf(" err %lu\n", GetLastError());

	query("code", (void *)main);
	query("const", table);
	counter++;
	query("data (written)", &counter);

	vp = tp;
	/* 1 in every run: the write below must not reach the shared image. */
	printf("table[0] before %d\n", vp[0]);
	ok = VirtualProtect(tp, sizeof(int), PAGE_READWRITE, &old);
	printf("protect %d old %lx\n", ok, old);
	vp[0] = 42;
	query("const after protect", table);
	printf("table[0] %d table[1] %d\n", vp[0], vp[1]);
	ok = VirtualProtect(tp, sizeof(int), old, &old);
	printf("restored %d from %lx\n", ok, old);
	query("const restored", table);

	{
		HMODULE k32 = GetModuleHandleA("KERNEL32.DLL");
		DWORD(WINAPI * pid)
		(void) = (DWORD(WINAPI *)(void))(void (*)(void))GetProcAddress(
			k32, "GetCurrentProcessId");

		printf("kernel32 handle %d, GetProcAddress works %d\n",
		       k32 != NULL, pid && pid() == GetCurrentProcessId());
		printf("LoadLibrary(msvcrt) %d\n",
		       LoadLibraryA("msvcrt.dll") ==
			       GetModuleHandleA("msvcrt"));
		/* A DLL's handle is its image: it starts with "MZ". */
		printf("kernel32 handle reads MZ %d, not msvcrt's %d\n",
		       k32 && ((const char *)k32)[0] == 'M' &&
			       ((const char *)k32)[1] == 'Z',
		       k32 != GetModuleHandleA("msvcrt"));
	}
	printf("auto-imported %d %d %d\n", wt_data_value, wt_data_array[1],
	       wt_data_array[3]);
	wt_data_value++;
	printf("written through %d\n", wt_data_value);
	return 0;
}
