/* k32args.c — arguments of kernel32 functions that are easy to ignore:
 * specific access rights and backup semantics in CreateFile, fixed heaps,
 * OpenFileMapping's access, FlushViewOfFile's length 0, the flag rules of
 * the code-page conversions, InitializeCriticalSectionEx's flags,
 * LoadLibraryEx's System32 search.  (HEAP_GENERATE_EXCEPTIONS is not
 * here: Wine 8 returns NULL where Windows documents STATUS_NO_MEMORY.) */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void show(const char *what, long long r)
{
	printf("%-44s %lld %lu\n", what, r, GetLastError());
	SetLastError(0);
}


static void files(void)
{
	char buf[32] = {0};
	DWORD n = 0;
	HANDLE h;

	h = CreateFileA("k32a.txt", FILE_WRITE_DATA, 0, NULL, CREATE_ALWAYS, 0,
			NULL);
	show("CreateFile FILE_WRITE_DATA", h != INVALID_HANDLE_VALUE);
	show("  WriteFile", WriteFile(h, "hello", 5, &n, NULL) && n == 5);
	CloseHandle(h);
	h = CreateFileA("k32a.txt", FILE_APPEND_DATA, 0, NULL, OPEN_EXISTING, 0,
			NULL);
	show("CreateFile FILE_APPEND_DATA", h != INVALID_HANDLE_VALUE);
	SetFilePointer(h, 0, NULL, FILE_BEGIN);
	show("  WriteFile appends", WriteFile(h, "!!", 2, &n, NULL) && n == 2);
	CloseHandle(h);
	h = CreateFileA("k32a.txt", GENERIC_READ, FILE_SHARE_READ, NULL,
			OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
	ReadFile(h, buf, sizeof buf - 1, &n, NULL);
	printf("contents: %s (%lu)\n", buf, n);
	CloseHandle(h);
	DeleteFileA("k32a.txt");
	CreateDirectoryA("k32a.dir", NULL);
	h = CreateFileA("k32a.dir", GENERIC_READ, FILE_SHARE_READ, NULL,
			OPEN_EXISTING, 0, NULL);
	show("directory without backup semantics", h != INVALID_HANDLE_VALUE);
	h = CreateFileA("k32a.dir", GENERIC_READ, FILE_SHARE_READ, NULL,
			OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	show("directory with backup semantics", h != INVALID_HANDLE_VALUE);
	CloseHandle(h);
	RemoveDirectoryA("k32a.dir");
}

static void virtual(void)
{
	char *p = VirtualAlloc(NULL, 65536, MEM_RESERVE | MEM_COMMIT | MEM_TOP_DOWN,
			       PAGE_READWRITE);

	show("VirtualAlloc TOP_DOWN", p != NULL);
	p[0] = 1;
	show("VirtualAlloc MEM_RESET", VirtualAlloc(p, 65536, MEM_RESET,
						    PAGE_NOACCESS) == p);
	p[1] = 2; /* still committed */
	VirtualFree(p, 0, MEM_RELEASE);
	/* Not compared: MEM_RESET with another type (Windows documents it
	 * invalid, Wine commits) and MEM_LARGE_PAGES without the privilege
	 * (Windows: ERROR_PRIVILEGE_NOT_HELD, Wine: invalid parameter). */
}

static void disk(void)
{
	ULARGE_INTEGER avail, total, freeb;
	BOOL ok = GetDiskFreeSpaceExA(NULL, &avail, &total, &freeb);

	show("GetDiskFreeSpaceExA(NULL) consistent",
	     ok && total.QuadPart > 0 && avail.QuadPart <= total.QuadPart &&
		     freeb.QuadPart <= total.QuadPart);
	show("GetDiskFreeSpaceExA(\".\\\")",
	     GetDiskFreeSpaceExA(".\\", &avail, NULL, NULL));
	show("GetDiskFreeSpaceExA(missing dir)",
	     GetDiskFreeSpaceExA("k32a-missing\\", &avail, NULL, NULL));
}

static void heaps(void)
{
	HANDLE fixed = HeapCreate(0, 0, 64 * 1024);

	show("fixed heap: 16 KiB", HeapAlloc(fixed, 0, 16 * 1024) != NULL);
	show("fixed heap: 128 KiB", HeapAlloc(fixed, 0, 128 * 1024) != NULL);
	HeapDestroy(fixed);
}

static void mappings(void)
{
	HANDLE m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL,
				      PAGE_READWRITE, 0, 65536, "k32args-map");
	char *p = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
	HANDLE ro;
	char *q;

	strcpy(p, "shared");
	show("FlushViewOfFile(p, 0)", FlushViewOfFile(p, 0));
	ro = OpenFileMappingA(FILE_MAP_READ, FALSE, "k32args-map");
	show("OpenFileMapping FILE_MAP_READ", ro != NULL);
	show("  view FILE_MAP_WRITE", MapViewOfFile(ro, FILE_MAP_WRITE, 0, 0, 0) != NULL);
	q = MapViewOfFile(ro, FILE_MAP_READ, 0, 0, 0);
	show("  view FILE_MAP_READ", q != NULL);
	printf("  reads: %s\n", q ? q : "-");
	UnmapViewOfFile(q);
	UnmapViewOfFile(p);
	CloseHandle(ro);
	CloseHandle(m);
}

static void codepages(void)
{
	WCHAR lone[] = {0xd800, 'a', 0};
	WCHAR w[8];
	char s[8];
	BOOL used;

	show("WC utf8 ERR_INVALID_CHARS lone half",
	     WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, 2, s, 8,
				 NULL, NULL));
	show("WC utf8 lone half", WideCharToMultiByte(CP_UTF8, 0, lone, 2, s,
						       8, NULL, NULL));
	show("WC utf8 default char",
	     WideCharToMultiByte(CP_UTF8, 0, lone + 1, 1, s, 8, "?", NULL));
	show("WC utf8 used-default flag",
	     WideCharToMultiByte(CP_UTF8, 0, lone + 1, 1, s, 8, NULL, &used));
	show("WC 1252 ERR_INVALID_CHARS",
	     WideCharToMultiByte(1252, WC_ERR_INVALID_CHARS, lone + 1, 1, s, 8,
				 NULL, NULL));
	show("WC 1252 NO_BEST_FIT_CHARS",
	     WideCharToMultiByte(1252, WC_NO_BEST_FIT_CHARS, lone + 1, 1, s, 8,
				 NULL, NULL));
	show("MB utf8 PRECOMPOSED",
	     MultiByteToWideChar(CP_UTF8, MB_PRECOMPOSED, "a", 1, w, 8));
	show("MB utf8 ERR_INVALID_CHARS bad byte",
	     MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xff", 1, w, 8));
	show("MB 1252 PRECOMPOSED",
	     MultiByteToWideChar(1252, MB_PRECOMPOSED, "a", 1, w, 8));
	show("MB 1252 0x81", MultiByteToWideChar(1252, 0, "\x81", 1, w, 8));
	printf("  U+%04X\n", w[0]);
}

int main(void)
{
	CRITICAL_SECTION cs;

	files();
	virtual();
	disk();
	heaps();
	mappings();
	codepages();
	show("InitializeCriticalSectionEx flags 1",
	     InitializeCriticalSectionEx(&cs, 0, 1));
	show("InitializeCriticalSectionEx NO_DEBUG_INFO",
	     InitializeCriticalSectionEx(&cs, 0, CRITICAL_SECTION_NO_DEBUG_INFO));
	show("LoadLibraryEx kernel32 SEARCH_SYSTEM32",
	     LoadLibraryExA("kernel32.dll", NULL, LOAD_LIBRARY_SEARCH_SYSTEM32) != NULL);
	show("LoadLibraryEx nosuch SEARCH_SYSTEM32",
	     LoadLibraryExA("k32args-nosuch.dll", NULL,
			    LOAD_LIBRARY_SEARCH_SYSTEM32) != NULL);
	return 0;
}
