/*
 * kernel32.h — kernel32.dll as the runtime builds it: every w32_ function
 * its files define, declared here once (the runtime builds with
 * -Wmissing-prototypes, so a definition without its declaration does not
 * compile), and the Windows types they take.  One section per file, in
 * the order a reader meets them: files, console, memory, modules,
 * processes and threads, environment and strings, the system.  Which
 * functions are exported, and under which names, is exports.h; what the
 * files share among themselves is k32int.h.
 */
#ifndef DLLSHARE_KERNEL32_H
#define DLLSHARE_KERNEL32_H

#include "runtime/core/core.h"

/* ---- file.c: files: open, read, write, delete, move, attributes, pipes --- */
typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA;

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD dwVolumeSerialNumber;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD nNumberOfLinks;
	DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION;

HANDLE WINAPI w32_CreateFileA(LPCSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template);
HANDLE WINAPI w32_CreateFileW(LPCWSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template);
BOOL WINAPI w32_AreFileApisANSI(void);
BOOL WINAPI w32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			  OVERLAPPED *overlapped);
BOOL WINAPI w32_ReadFile(HANDLE h, LPVOID buf, DWORD n, DWORD *got,
			 OVERLAPPED *overlapped);
BOOL WINAPI w32_GetFileSizeEx(HANDLE h, LARGE_INTEGER *size);
DWORD WINAPI w32_GetFileSize(HANDLE h, DWORD *high);
BOOL WINAPI w32_SetFilePointerEx(HANDLE h, LARGE_INTEGER dist,
				 LARGE_INTEGER *newpos, DWORD method);
DWORD WINAPI w32_SetFilePointer(HANDLE h, LONG lo, LONG *hi, DWORD method);
BOOL WINAPI w32_SetEndOfFile(HANDLE h);
DWORD WINAPI w32_GetFileType(HANDLE h);
BOOL WINAPI w32_FlushFileBuffers(HANDLE h);
BOOL WINAPI w32_CreatePipe(HANDLE *rd, HANDLE *wr, SECURITY_ATTRIBUTES *sa,
			   DWORD size);
BOOL WINAPI w32_GetFileInformationByHandleEx(HANDLE h, int cls, LPVOID buf,
					     DWORD size);
BOOL WINAPI w32_SetFileInformationByHandle(HANDLE h, int cls, LPVOID buf,
					   DWORD size);
DWORD WINAPI w32_GetFinalPathNameByHandleA(HANDLE h, LPSTR buf, DWORD size,
					   DWORD flags);
DWORD WINAPI w32_GetFinalPathNameByHandleW(HANDLE h, LPWSTR buf, DWORD size,
					   DWORD flags);
BOOL WINAPI w32_PeekNamedPipe(HANDLE h, LPVOID buf, DWORD size, DWORD *got,
			      DWORD *avail, DWORD *left);
BOOL WINAPI w32_DeleteFileA(LPCSTR name);
BOOL WINAPI w32_DeleteFileW(LPCWSTR name);
BOOL WINAPI w32_MoveFileA(LPCSTR from, LPCSTR to);
BOOL WINAPI w32_MoveFileW(LPCWSTR from, LPCWSTR to);
BOOL WINAPI w32_MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags);
BOOL WINAPI w32_MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags);
BOOL WINAPI w32_CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists);
BOOL WINAPI w32_CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists);
BOOL WINAPI w32_CreateHardLinkW(LPCWSTR newname, LPCWSTR existing, void *sa);
DWORD WINAPI w32_GetFileAttributesA(LPCSTR name);
BOOL WINAPI w32_SetFileAttributesA(LPCSTR name, DWORD attrs);
BOOL WINAPI w32_SetFileAttributesW(LPCWSTR name, DWORD attrs);
BOOL WINAPI w32_GetFileTime(HANDLE h, FILETIME *created, FILETIME *accessed,
			    FILETIME *written);
DWORD WINAPI w32_GetFileAttributesW(LPCWSTR name);
BOOL WINAPI w32_GetFileAttributesExA(LPCSTR name, int level,
				     WIN32_FILE_ATTRIBUTE_DATA *d);
BOOL WINAPI w32_GetFileAttributesExW(LPCWSTR name, int level,
				     WIN32_FILE_ATTRIBUTE_DATA *d);
BOOL WINAPI w32_SetFileTime(HANDLE h, const FILETIME *created,
			    const FILETIME *accessed, const FILETIME *written);
BOOL WINAPI w32_GetFileInformationByHandle(HANDLE h,
					   BY_HANDLE_FILE_INFORMATION *info);

/* ---- overlapped.c: OVERLAPPED requests on synchronous handles ------------ */
BOOL WINAPI w32_GetOverlappedResult(HANDLE h, OVERLAPPED *ov, DWORD *count,
				    BOOL wait);
BOOL WINAPI w32_GetOverlappedResultEx(HANDLE h, OVERLAPPED *ov, DWORD *count,
				      DWORD ms, BOOL alertable);
BOOL WINAPI w32_CancelIo(HANDLE h);
BOOL WINAPI w32_CancelIoEx(HANDLE h, OVERLAPPED *ov);
BOOL WINAPI w32_CancelSynchronousIo(HANDLE thread);

/* ---- lock.c: byte-range locks -------------------------------------------- */
BOOL WINAPI w32_LockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo,
			 DWORD len_hi);
BOOL WINAPI w32_LockFileEx(HANDLE h, DWORD flags, DWORD reserved,
			   DWORD len_lo, DWORD len_hi, OVERLAPPED *ov);
BOOL WINAPI w32_UnlockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo,
			   DWORD len_hi);
BOOL WINAPI w32_UnlockFileEx(HANDLE h, DWORD reserved, DWORD len_lo,
			     DWORD len_hi, OVERLAPPED *ov);

/* ---- directory.c: directories, path names, temporary files --------------- */
BOOL WINAPI w32_CreateDirectoryA(LPCSTR name, void *sa);
BOOL WINAPI w32_CreateDirectoryW(LPCWSTR name, void *sa);
BOOL WINAPI w32_RemoveDirectoryA(LPCSTR name);
BOOL WINAPI w32_RemoveDirectoryW(LPCWSTR name);
DWORD WINAPI w32_GetCurrentDirectoryA(DWORD size, LPSTR buf);
DWORD WINAPI w32_GetCurrentDirectoryW(DWORD size, LPWSTR buf);
BOOL WINAPI w32_SetCurrentDirectoryA(LPCSTR name);
BOOL WINAPI w32_SetCurrentDirectoryW(LPCWSTR name);
DWORD WINAPI w32_GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buf,
				  LPSTR *file);
DWORD WINAPI w32_GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buf,
				  LPWSTR *file);
DWORD WINAPI w32_GetLongPathNameA(LPCSTR name, LPSTR buf, DWORD size);
DWORD WINAPI w32_GetLongPathNameW(LPCWSTR name, LPWSTR buf, DWORD size);
DWORD WINAPI w32_GetTempPathA(DWORD size, LPSTR buf);
DWORD WINAPI w32_GetTempPathW(DWORD size, LPWSTR buf);
UINT WINAPI w32_GetTempFileNameA(LPCSTR dir, LPCSTR prefix, UINT unique,
				 LPSTR out);
UINT WINAPI w32_GetSystemDirectoryA(LPSTR buf, UINT size);
UINT WINAPI w32_GetWindowsDirectoryA(LPSTR buf, UINT size);
UINT WINAPI w32_GetSystemDirectoryW(LPWSTR buf, UINT size);
UINT WINAPI w32_GetWindowsDirectoryW(LPWSTR buf, UINT size);
UINT WINAPI w32_GetSystemWindowsDirectoryA(LPSTR buf, UINT size);
UINT WINAPI w32_GetSystemWindowsDirectoryW(LPWSTR buf, UINT size);
UINT WINAPI w32_GetTempFileNameW(LPCWSTR dir, LPCWSTR prefix, UINT unique,
				 LPWSTR out);
DWORD WINAPI w32_SearchPathA(LPCSTR path, LPCSTR name, LPCSTR ext, DWORD size,
			     LPSTR buf, LPSTR *file);
DWORD WINAPI w32_SearchPathW(LPCWSTR path, LPCWSTR name, LPCWSTR ext,
			     DWORD size, LPWSTR buf, LPWSTR *file);

/* ---- find.c: directory listing ------------------------------------------- */
typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD dwReserved0, dwReserved1;
	CHAR cFileName[MAX_PATH];
	CHAR cAlternateFileName[14];
} WIN32_FIND_DATAA;

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD dwReserved0, dwReserved1;
	WCHAR cFileName[MAX_PATH];
	WCHAR cAlternateFileName[14];
} WIN32_FIND_DATAW;

HANDLE WINAPI w32_FindFirstFileA(LPCSTR spec, WIN32_FIND_DATAA *data);
BOOL WINAPI w32_FindNextFileA(HANDLE h, WIN32_FIND_DATAA *data);
BOOL WINAPI w32_FindClose(HANDLE h);
HANDLE WINAPI w32_FindFirstFileW(LPCWSTR spec, WIN32_FIND_DATAW *data);
BOOL WINAPI w32_FindNextFileW(HANDLE h, WIN32_FIND_DATAW *data);

/* ---- volume.c: disk space and volumes ------------------------------------ */
BOOL WINAPI w32_GetDiskFreeSpaceA(LPCSTR root, DWORD *spc, DWORD *bps,
				  DWORD *nfree, DWORD *ntotal);
BOOL WINAPI w32_GetDiskFreeSpaceW(LPCWSTR root, DWORD *spc, DWORD *bps,
				  DWORD *nfree, DWORD *ntotal);
BOOL WINAPI w32_GetDiskFreeSpaceExA(LPCSTR dir, ULONGLONG *avail,
				    ULONGLONG *total, ULONGLONG *freeb);
BOOL WINAPI w32_GetDiskFreeSpaceExW(LPCWSTR dir, ULONGLONG *avail,
				    ULONGLONG *total, ULONGLONG *freeb);
HANDLE WINAPI w32_FindFirstVolumeW(LPWSTR name, DWORD len);
BOOL WINAPI w32_FindNextVolumeW(HANDLE h, LPWSTR name, DWORD len);
BOOL WINAPI w32_FindVolumeClose(HANDLE h);
BOOL WINAPI w32_GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD nlen,
				      DWORD *serial, DWORD *maxlen,
				      DWORD *flags, LPWSTR fs, DWORD fslen);
UINT WINAPI w32_GetDriveTypeA(LPCSTR root);
UINT WINAPI w32_GetDriveTypeW(LPCWSTR root);

/* ---- handle.c: closing and duplicating handles --------------------------- */
BOOL WINAPI w32_CloseHandle(HANDLE h);
BOOL WINAPI w32_DuplicateHandle(HANDLE sp, HANDLE src, HANDLE tp, HANDLE *dst,
				DWORD access, BOOL inherit, DWORD options);
BOOL WINAPI w32_GetHandleInformation(HANDLE h, DWORD *flags);
BOOL WINAPI w32_SetHandleInformation(HANDLE h, DWORD mask, DWORD flags);

/* ---- mapping.c: file mappings -------------------------------------------- */
HANDLE WINAPI w32_CreateFileMappingA(HANDLE file, void *sa, DWORD protect,
				     DWORD size_hi, DWORD size_lo, LPCSTR name);
HANDLE WINAPI w32_CreateFileMappingW(HANDLE file, void *sa, DWORD protect,
				     DWORD size_hi, DWORD size_lo,
				     LPCWSTR name);
HANDLE WINAPI w32_OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w32_OpenEventA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w32_OpenEventW(DWORD access, BOOL inherit, LPCWSTR name);
HANDLE WINAPI w32_OpenMutexA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w32_OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name);
HANDLE WINAPI w32_OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w32_OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name);
LPVOID WINAPI w32_MapViewOfFile(HANDLE h, DWORD access, DWORD off_hi,
				DWORD off_lo, SIZE_T len);
BOOL WINAPI w32_UnmapViewOfFile(LPCVOID p);
BOOL WINAPI w32_FlushViewOfFile(LPCVOID p, SIZE_T len);

/* ---- console.c: the console: standard handles, modes, colours, Ctrl-C ---- */
typedef struct {
	int16_t X, Y;
} COORD;

typedef struct {
	int16_t Left, Top, Right, Bottom;
} SMALL_RECT;

typedef struct {
	COORD dwSize;
	COORD dwCursorPosition;
	WORD wAttributes;
	SMALL_RECT srWindow;
	COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO;

typedef BOOL(WINAPI *ctrl_fn)(DWORD);

HANDLE WINAPI w32_GetStdHandle(DWORD which);
BOOL WINAPI w32_SetStdHandle(DWORD which, HANDLE h);
BOOL WINAPI w32_WriteConsoleA(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved);
BOOL WINAPI w32_WriteConsoleW(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved);
BOOL WINAPI w32_GetConsoleMode(HANDLE h, DWORD *mode);
BOOL WINAPI w32_SetConsoleMode(HANDLE h, DWORD mode);
UINT WINAPI w32_GetConsoleCP(void);
UINT WINAPI w32_GetConsoleOutputCP(void);
BOOL WINAPI w32_SetConsoleOutputCP(UINT cp);
BOOL WINAPI w32_SetConsoleCP(UINT cp);
BOOL WINAPI w32_GetConsoleScreenBufferInfo(HANDLE h,
					   CONSOLE_SCREEN_BUFFER_INFO *info);
BOOL WINAPI w32_SetConsoleTextAttribute(HANDLE h, WORD attr);
void *WINAPI w32_GetConsoleWindow(void);
BOOL WINAPI w32_SetConsoleCtrlHandler(ctrl_fn fn, BOOL add);
BOOL WINAPI w32_GenerateConsoleCtrlEvent(DWORD event, DWORD group);

/* ---- console_input.c: the console's input: key records, ReadConsole ---- */
typedef struct {
	BOOL bKeyDown;
	WORD wRepeatCount;
	WORD wVirtualKeyCode;
	WORD wVirtualScanCode;
	union {
		WCHAR UnicodeChar;
		char AsciiChar;
	} uChar;
	DWORD dwControlKeyState;
} KEY_EVENT_RECORD;

typedef struct {
	WORD EventType;
	union {
		KEY_EVENT_RECORD KeyEvent;
		BYTE other[16]; /* mouse, size, menu and focus events */
	} Event;
} INPUT_RECORD;
_Static_assert(sizeof(INPUT_RECORD) == 20, "INPUT_RECORD is 20 bytes");

typedef struct {
	ULONG nLength;
	ULONG nInitialChars;
	ULONG dwCtrlWakeupMask;
	ULONG dwControlKeyState;
} CONSOLE_READCONSOLE_CONTROL;

BOOL WINAPI w32_ReadConsoleA(HANDLE h, void *buf, DWORD n, DWORD *got,
			     CONSOLE_READCONSOLE_CONTROL *ctl);
BOOL WINAPI w32_ReadConsoleW(HANDLE h, void *buf, DWORD n, DWORD *got,
			     CONSOLE_READCONSOLE_CONTROL *ctl);
BOOL WINAPI w32_ReadConsoleInputA(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got);
BOOL WINAPI w32_ReadConsoleInputW(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got);
BOOL WINAPI w32_PeekConsoleInputA(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got);
BOOL WINAPI w32_PeekConsoleInputW(HANDLE h, INPUT_RECORD *buf, DWORD n,
				  DWORD *got);
BOOL WINAPI w32_GetNumberOfConsoleInputEvents(HANDLE h, DWORD *n);
BOOL WINAPI w32_FlushConsoleInputBuffer(HANDLE h);

/* ---- memory.c: virtual memory -------------------------------------------- */
LPVOID WINAPI w32_VirtualAlloc(LPVOID addr, SIZE_T size, DWORD type,
			       DWORD prot);
BOOL WINAPI w32_VirtualFree(LPVOID addr, SIZE_T size, DWORD type);
SIZE_T WINAPI w32_VirtualQuery(LPCVOID addr, MEMORY_BASIC_INFORMATION *mbi,
			       SIZE_T len);
BOOL WINAPI w32_IsBadReadPtr(LPCVOID p, UINT_PTR n);
BOOL WINAPI w32_IsBadWritePtr(LPVOID p, UINT_PTR n);
BOOL WINAPI w32_IsBadHugeReadPtr(LPCVOID p, UINT_PTR n);
BOOL WINAPI w32_IsBadHugeWritePtr(LPVOID p, UINT_PTR n);
BOOL WINAPI w32_IsBadCodePtr(FARPROC fn);
BOOL WINAPI w32_IsBadStringPtrA(LPCSTR s, UINT_PTR max);
BOOL WINAPI w32_IsBadStringPtrW(LPCWSTR s, UINT_PTR max);
HANDLE WINAPI w32_FindResourceA(HMODULE h, LPCSTR name, LPCSTR type);
HANDLE WINAPI w32_FindResourceW(HMODULE h, LPCWSTR name, LPCWSTR type);
HANDLE WINAPI w32_FindResourceExA(HMODULE h, LPCSTR type, LPCSTR name,
				  WORD lang);
HANDLE WINAPI w32_FindResourceExW(HMODULE h, LPCWSTR type, LPCWSTR name,
				  WORD lang);
HANDLE WINAPI w32_LoadResource(HMODULE h, HANDLE r);
LPVOID WINAPI w32_LockResource(HANDLE mem);
DWORD WINAPI w32_SizeofResource(HMODULE h, HANDLE r);
BOOL WINAPI w32_FreeResource(HANDLE mem);
BOOL WINAPI w32_EnumResourceTypesA(HMODULE h, void *fn, LONG_PTR param);
BOOL WINAPI w32_EnumResourceTypesW(HMODULE h, void *fn, LONG_PTR param);
BOOL WINAPI w32_EnumResourceNamesA(HMODULE h, LPCSTR type, void *fn,
				   LONG_PTR param);
BOOL WINAPI w32_EnumResourceNamesW(HMODULE h, LPCWSTR type, void *fn,
				   LONG_PTR param);
BOOL WINAPI w32_EnumResourceLanguagesA(HMODULE h, LPCSTR type, LPCSTR name,
				       void *fn, LONG_PTR param);
BOOL WINAPI w32_EnumResourceLanguagesW(HMODULE h, LPCWSTR type, LPCWSTR name,
				       void *fn, LONG_PTR param);
UINT WINAPI w32_GetWriteWatch(DWORD flags, LPVOID base, SIZE_T size,
			      LPVOID *addrs, ULONG_PTR *count, ULONG *gran);
UINT WINAPI w32_ResetWriteWatch(LPVOID base, SIZE_T size);
BOOL WINAPI w32_VirtualProtect(LPVOID addr, SIZE_T size, DWORD prot,
			       DWORD *old);
BOOL WINAPI w32_FlushInstructionCache(HANDLE process, LPCVOID addr,
				      SIZE_T size);

/* ---- heap.c: heaps, LocalAlloc and GlobalAlloc --------------------------- */
HANDLE WINAPI w32_GetProcessHeap(void);
HANDLE WINAPI w32_HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max);
BOOL WINAPI w32_HeapDestroy(HANDLE h);
LPVOID WINAPI w32_HeapAlloc(HANDLE h, DWORD flags, SIZE_T size);
BOOL WINAPI w32_HeapFree(HANDLE h, DWORD flags, LPVOID p);
SIZE_T WINAPI w32_HeapSize(HANDLE h, DWORD flags, LPCVOID p);
LPVOID WINAPI w32_HeapReAlloc(HANDLE h, DWORD flags, LPVOID p, SIZE_T size);
BOOL WINAPI w32_HeapValidate(HANDLE h, DWORD flags, LPCVOID p);
BOOL WINAPI w32_HeapLock(HANDLE h);
BOOL WINAPI w32_HeapUnlock(HANDLE h);
SIZE_T WINAPI w32_HeapCompact(HANDLE h, DWORD flags);
HANDLE WINAPI w32_LocalAlloc(UINT flags, SIZE_T size);
HANDLE WINAPI w32_LocalFree(HANDLE h);
LPVOID WINAPI w32_LocalLock(HANDLE h);
BOOL WINAPI w32_LocalUnlock(HANDLE h);
SIZE_T WINAPI w32_LocalSize(HANDLE h);
UINT WINAPI w32_LocalFlags(HANDLE h);
HANDLE WINAPI w32_LocalHandle(LPCVOID p);
HANDLE WINAPI w32_LocalReAlloc(HANDLE h, SIZE_T size, UINT flags);
HANDLE WINAPI w32_GlobalAlloc(UINT flags, SIZE_T size);
HANDLE WINAPI w32_GlobalReAlloc(HANDLE h, SIZE_T size, UINT flags);

/* ---- module.c: modules: LoadLibrary, GetProcAddress, GetModuleHandle ----- */
HMODULE WINAPI w32_LoadLibraryA(LPCSTR name);
HMODULE WINAPI w32_LoadLibraryW(LPCWSTR name);
HMODULE WINAPI w32_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags);
HMODULE WINAPI w32_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags);
BOOL WINAPI w32_FreeLibrary(HMODULE h);
FARPROC WINAPI w32_GetProcAddress(HMODULE h, LPCSTR name);
HMODULE WINAPI w32_GetModuleHandleA(LPCSTR name);
HMODULE WINAPI w32_GetModuleHandleW(LPCWSTR name);
BOOL WINAPI w32_GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *out);
BOOL WINAPI w32_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out);
DWORD WINAPI w32_GetModuleFileNameA(HMODULE h, LPSTR buf, DWORD size);
DWORD WINAPI w32_GetModuleFileNameW(HMODULE h, LPWSTR buf, DWORD size);
BOOL WINAPI w32_DisableThreadLibraryCalls(HMODULE h);

/* ---- dlldir.c: the DLL directories --------------------------------------- */
BOOL WINAPI w32_SetDllDirectoryA(LPCSTR dir);
BOOL WINAPI w32_SetDllDirectoryW(LPCWSTR dir);
DWORD WINAPI w32_GetDllDirectoryA(DWORD size, LPSTR buf);
DWORD WINAPI w32_GetDllDirectoryW(DWORD size, LPWSTR buf);
void *WINAPI w32_AddDllDirectory(LPCWSTR dir);
BOOL WINAPI w32_RemoveDllDirectory(void *cookie);
BOOL WINAPI w32_SetDefaultDllDirectories(DWORD flags);

/* ---- process.c: the current process and process handles ------------------ */
HANDLE WINAPI w32_GetCurrentProcess(void);
DWORD WINAPI w32_GetCurrentProcessId(void);
DWORD WINAPI w32_GetProcessId(HANDLE h);
BOOL WINAPI w32_IsWow64Process(HANDLE h, BOOL *wow64);
BOOL WINAPI w32_QueryFullProcessImageNameA(HANDLE h, DWORD flags, LPSTR buf,
					   DWORD *size);
BOOL WINAPI w32_QueryFullProcessImageNameW(HANDLE h, DWORD flags, LPWSTR buf,
					   DWORD *size);
HANDLE WINAPI w32_OpenProcess(DWORD access, BOOL inherit, DWORD pid);
void WINAPI w32_ExitProcess(UINT code);
BOOL WINAPI w32_TerminateProcess(HANDLE h, UINT code);
BOOL WINAPI w32_GetExitCodeProcess(HANDLE h, DWORD *code);
BOOL WINAPI w32_GetProcessTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
				FILETIME *kernel, FILETIME *user);
void WINAPI w32_GetStartupInfoA(STARTUPINFOA *si);
void WINAPI w32_GetStartupInfoW(STARTUPINFOA *si);

/* ---- spawn.c: CreateProcess ---------------------------------------------- */
BOOL WINAPI w32_CreateProcessA(LPCSTR app, LPSTR cmd,
			       const SECURITY_ATTRIBUTES *psa,
			       const SECURITY_ATTRIBUTES *tsa,
			       BOOL inherit, DWORD flags, void *envblock,
			       LPCSTR cwd, STARTUPINFOA *si,
			       PROCESS_INFORMATION *pi);
BOOL WINAPI w32_CreateProcessW(LPCWSTR app, LPWSTR cmd,
			       const SECURITY_ATTRIBUTES *psa,
			       const SECURITY_ATTRIBUTES *tsa,
			       BOOL inherit, DWORD flags, void *envblock,
			       LPCWSTR cwd, STARTUPINFOA *si,
			       PROCESS_INFORMATION *pi);

/* ---- profile.c: initialization files ------------------------------------ */
DWORD WINAPI w32_GetPrivateProfileStringA(LPCSTR sec, LPCSTR key, LPCSTR def,
					  LPSTR buf, DWORD size, LPCSTR file);
DWORD WINAPI w32_GetPrivateProfileStringW(LPCWSTR sec, LPCWSTR key,
					  LPCWSTR def, LPWSTR buf, DWORD size,
					  LPCWSTR file);
UINT WINAPI w32_GetPrivateProfileIntA(LPCSTR sec, LPCSTR key, INT def,
				      LPCSTR file);
UINT WINAPI w32_GetPrivateProfileIntW(LPCWSTR sec, LPCWSTR key, INT def,
				      LPCWSTR file);
DWORD WINAPI w32_GetPrivateProfileSectionA(LPCSTR sec, LPSTR buf, DWORD size,
					   LPCSTR file);
DWORD WINAPI w32_GetPrivateProfileSectionW(LPCWSTR sec, LPWSTR buf,
					   DWORD size, LPCWSTR file);
DWORD WINAPI w32_GetPrivateProfileSectionNamesA(LPSTR buf, DWORD size,
						LPCSTR file);
DWORD WINAPI w32_GetPrivateProfileSectionNamesW(LPWSTR buf, DWORD size,
						LPCWSTR file);
BOOL WINAPI w32_WritePrivateProfileStringA(LPCSTR sec, LPCSTR key,
					   LPCSTR value, LPCSTR file);
BOOL WINAPI w32_WritePrivateProfileStringW(LPCWSTR sec, LPCWSTR key,
					   LPCWSTR value, LPCWSTR file);
BOOL WINAPI w32_WritePrivateProfileSectionA(LPCSTR sec, LPCSTR list,
					    LPCSTR file);
BOOL WINAPI w32_WritePrivateProfileSectionW(LPCWSTR sec, LPCWSTR list,
					    LPCWSTR file);

/* ---- schedule.c: priorities, affinity, descriptions ---------------------- */
int WINAPI w32_GetThreadPriority(HANDLE h);
BOOL WINAPI w32_SetThreadPriority(HANDLE h, int prio);
DWORD WINAPI w32_GetPriorityClass(HANDLE h);
BOOL WINAPI w32_SetPriorityClass(HANDLE h, DWORD cls);
BOOL WINAPI w32_GetThreadPriorityBoost(HANDLE h, BOOL *off);
BOOL WINAPI w32_SetThreadPriorityBoost(HANDLE h, BOOL off);
BOOL WINAPI w32_GetProcessPriorityBoost(HANDLE h, BOOL *off);
BOOL WINAPI w32_SetProcessPriorityBoost(HANDLE h, BOOL off);
DWORD WINAPI w32_SetThreadIdealProcessor(HANDLE h, DWORD proc);
BOOL WINAPI w32_GetProcessAffinityMask(HANDLE h, ULONG_PTR *pmask,
				       ULONG_PTR *smask);
BOOL WINAPI w32_SetProcessAffinityMask(HANDLE h, ULONG_PTR mask);
DWORD_PTR WINAPI w32_SetThreadAffinityMask(HANDLE h, DWORD_PTR mask);
DWORD WINAPI w32_GetCurrentProcessorNumber(void);
void WINAPI w32_FlushProcessWriteBuffers(void);
HRESULT WINAPI w32_SetThreadDescription(HANDLE h, LPCWSTR d);
HRESULT WINAPI w32_GetThreadDescription(HANDLE h, LPWSTR *out);

/* ---- thread.c: threads --------------------------------------------------- */
typedef DWORD(WINAPI *thread_fn)(void *);

HANDLE WINAPI w32_CreateThread(const SECURITY_ATTRIBUTES *sa, SIZE_T stack,
			       thread_fn fn, void *arg, DWORD flags,
			       DWORD *tid);
void WINAPI w32_ExitThread(DWORD code);
void WINAPI w32_FreeLibraryAndExitThread(HMODULE h, DWORD code);
DWORD WINAPI w32_GetThreadId(HANDLE h);
HANDLE WINAPI w32_OpenThread(DWORD access, BOOL inherit, DWORD tid);
DWORD WINAPI w32_GetProcessIdOfThread(HANDLE h);
DWORD WINAPI w32_ResumeThread(HANDLE h);
DWORD WINAPI w32_SuspendThread(HANDLE h);
BOOL WINAPI w32_GetExitCodeThread(HANDLE h, DWORD *code);
HANDLE WINAPI w32_GetCurrentThread(void);
DWORD WINAPI w32_GetCurrentThreadId(void);
BOOL WINAPI w32_SetThreadStackGuarantee(ULONG *size);
BOOL WINAPI w32_GetThreadContext(HANDLE h, void *ctx);
BOOL WINAPI w32_SetThreadContext(HANDLE h, const void *ctx);
BOOL WINAPI w32_GetThreadTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
			       FILETIME *kernel, FILETIME *user);

/* ---- threadpool.c, tpwait.c, timerqueue.c: thread pools ----------------- */
/* The objects are the runtime's own structures (tpool.h); Windows code
 * sees them only as pointers. */
struct rt_tp_pool;
struct rt_tp_object;
struct rt_tp_group;
struct rt_tp_instance;
typedef void(WINAPI *tp_simple_fn)(struct rt_tp_instance *, void *);
typedef void(WINAPI *tp_work_fn)(struct rt_tp_instance *, void *,
				 struct rt_tp_object *);
typedef void(WINAPI *tp_wait_fn)(struct rt_tp_instance *, void *,
				 struct rt_tp_object *, DWORD);
typedef void(WINAPI *tp_cancel_fn)(void *obj_ctx, void *cleanup_ctx);
typedef void(WINAPI *wait_or_timer_fn)(void *, BOOLEAN);
/* TP_CALLBACK_ENVIRON (winnt.h), as Version 3 lays it out; Version 1
 * ends before CallbackPriority. */
typedef struct {
	DWORD Version;
	struct rt_tp_pool *Pool;
	struct rt_tp_group *CleanupGroup;
	tp_cancel_fn CleanupGroupCancelCallback;
	void *RaceDll;
	void *ActivationContext;
	tp_simple_fn FinalizationCallback;
	DWORD Flags; /* LongFunction: bit 0, Persistent: bit 1 */
	DWORD CallbackPriority;
	DWORD Size;
} W_TP_CALLBACK_ENVIRON;
_Static_assert(__builtin_offsetof(W_TP_CALLBACK_ENVIRON, Flags) == 56,
	       "TP_CALLBACK_ENVIRON.u.Flags");
_Static_assert(__builtin_offsetof(W_TP_CALLBACK_ENVIRON, Size) == 64,
	       "TP_CALLBACK_ENVIRON_V3.Size");

struct rt_tp_pool *WINAPI w32_CreateThreadpool(void *reserved);
void WINAPI w32_CloseThreadpool(struct rt_tp_pool *p);
void WINAPI w32_SetThreadpoolThreadMaximum(struct rt_tp_pool *p, DWORD n);
BOOL WINAPI w32_SetThreadpoolThreadMinimum(struct rt_tp_pool *p, DWORD n);
struct rt_tp_object *WINAPI
w32_CreateThreadpoolWork(tp_work_fn fn, void *ctx, W_TP_CALLBACK_ENVIRON *env);
void WINAPI w32_SubmitThreadpoolWork(struct rt_tp_object *w);
void WINAPI w32_WaitForThreadpoolWorkCallbacks(struct rt_tp_object *w,
					       BOOL cancel);
void WINAPI w32_CloseThreadpoolWork(struct rt_tp_object *w);
BOOL WINAPI w32_TrySubmitThreadpoolCallback(tp_simple_fn fn, void *ctx,
					    W_TP_CALLBACK_ENVIRON *env);
struct rt_tp_group *WINAPI w32_CreateThreadpoolCleanupGroup(void);
void WINAPI w32_CloseThreadpoolCleanupGroupMembers(struct rt_tp_group *g,
						   BOOL cancel, void *ctx);
void WINAPI w32_CloseThreadpoolCleanupGroup(struct rt_tp_group *g);
BOOL WINAPI w32_CallbackMayRunLong(struct rt_tp_instance *i);
void WINAPI w32_SetEventWhenCallbackReturns(struct rt_tp_instance *i,
					    HANDLE ev);
void WINAPI w32_ReleaseSemaphoreWhenCallbackReturns(struct rt_tp_instance *i,
						    HANDLE sem, DWORD n);
void WINAPI w32_ReleaseMutexWhenCallbackReturns(struct rt_tp_instance *i,
						HANDLE mutex);
void WINAPI w32_LeaveCriticalSectionWhenCallbackReturns(
	struct rt_tp_instance *i, CRITICAL_SECTION *cs);
void WINAPI w32_FreeLibraryWhenCallbackReturns(struct rt_tp_instance *i,
					       HMODULE mod);
void WINAPI w32_DisassociateCurrentThreadFromCallback(struct rt_tp_instance *i);
struct rt_tp_object *WINAPI
w32_CreateThreadpoolTimer(tp_work_fn fn, void *ctx, W_TP_CALLBACK_ENVIRON *env);
void WINAPI w32_SetThreadpoolTimer(struct rt_tp_object *t, FILETIME *due,
				   DWORD period, DWORD window);
BOOL WINAPI w32_IsThreadpoolTimerSet(struct rt_tp_object *t);
void WINAPI w32_WaitForThreadpoolTimerCallbacks(struct rt_tp_object *t,
						BOOL cancel);
void WINAPI w32_CloseThreadpoolTimer(struct rt_tp_object *t);
struct rt_tp_object *WINAPI
w32_CreateThreadpoolWait(tp_wait_fn fn, void *ctx, W_TP_CALLBACK_ENVIRON *env);
void WINAPI w32_SetThreadpoolWait(struct rt_tp_object *w, HANDLE h,
				  FILETIME *timeout);
void WINAPI w32_WaitForThreadpoolWaitCallbacks(struct rt_tp_object *w,
					       BOOL cancel);
void WINAPI w32_CloseThreadpoolWait(struct rt_tp_object *w);
BOOL WINAPI w32_QueueUserWorkItem(thread_fn fn, void *ctx, ULONG flags);
HANDLE WINAPI w32_CreateTimerQueue(void);
BOOL WINAPI w32_DeleteTimerQueue(HANDLE q);
BOOL WINAPI w32_DeleteTimerQueueEx(HANDLE q, HANDLE ev);
BOOL WINAPI w32_CreateTimerQueueTimer(HANDLE *out, HANDLE q,
				      wait_or_timer_fn fn, void *ctx, DWORD due,
				      DWORD period, ULONG flags);
BOOL WINAPI w32_ChangeTimerQueueTimer(HANDLE q, HANDLE t, ULONG due,
				      ULONG period);
BOOL WINAPI w32_DeleteTimerQueueTimer(HANDLE q, HANDLE t, HANDLE ev);
BOOL WINAPI w32_RegisterWaitForSingleObject(HANDLE *out, HANDLE h,
					    wait_or_timer_fn fn, void *ctx,
					    ULONG ms, ULONG flags);
HANDLE WINAPI w32_RegisterWaitForSingleObjectEx(HANDLE h, wait_or_timer_fn fn,
						void *ctx, ULONG ms,
						ULONG flags);
HANDLE WINAPI w32_SetTimerQueueTimer(HANDLE q, wait_or_timer_fn fn, void *ctx,
				     DWORD due, DWORD period, BOOL prefer_io);
BOOL WINAPI w32_CancelTimerQueueTimer(HANDLE q, HANDLE t);
BOOL WINAPI w32_SetThreadpoolTimerEx(struct rt_tp_object *t, FILETIME *due,
				     DWORD period, DWORD window);
BOOL WINAPI w32_SetThreadpoolWaitEx(struct rt_tp_object *w, HANDLE h,
				    FILETIME *timeout, void *reserved);
BOOL WINAPI w32_UnregisterWait(HANDLE w);
BOOL WINAPI w32_UnregisterWaitEx(HANDLE w, HANDLE ev);

/* ---- wait.c: waiting and sleeping ---------------------------------------- */
DWORD WINAPI w32_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all,
					DWORD ms);
DWORD WINAPI w32_WaitForSingleObject(HANDLE h, DWORD ms);
DWORD WINAPI w32_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable);
void WINAPI w32_Sleep(DWORD ms);
DWORD WINAPI w32_SleepEx(DWORD ms, BOOL alertable);
BOOL WINAPI w32_SwitchToThread(void);

/* ---- sync.c: locks, events, semaphores, interlocked ---------------------- */
void WINAPI w32_InitializeCriticalSection(CRITICAL_SECTION *cs);
BOOL WINAPI w32_InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *cs,
						      DWORD spin);
BOOL WINAPI w32_InitializeCriticalSectionEx(CRITICAL_SECTION *cs, DWORD spin,
					    DWORD flags);
void WINAPI w32_DeleteCriticalSection(CRITICAL_SECTION *cs);
void WINAPI w32_EnterCriticalSection(CRITICAL_SECTION *cs);
BOOL WINAPI w32_TryEnterCriticalSection(CRITICAL_SECTION *cs);
void WINAPI w32_LeaveCriticalSection(CRITICAL_SECTION *cs);
HANDLE WINAPI w32_CreateEventA(void *sa, BOOL manual, BOOL initial,
			       LPCSTR name);
HANDLE WINAPI w32_CreateEventW(void *sa, BOOL manual, BOOL initial,
			       LPCWSTR name);
HANDLE WINAPI w32_CreateEventExA(void *sa, LPCSTR name, DWORD flags,
				 DWORD access);
HANDLE WINAPI w32_CreateEventExW(void *sa, LPCWSTR name, DWORD flags,
				 DWORD access);
HANDLE WINAPI w32_CreateMutexExA(void *sa, LPCSTR name, DWORD flags,
				 DWORD access);
HANDLE WINAPI w32_CreateMutexExW(void *sa, LPCWSTR name, DWORD flags,
				 DWORD access);
HANDLE WINAPI w32_CreateSemaphoreExA(void *sa, LONG initial, LONG max,
				     LPCSTR name, DWORD flags, DWORD access);
HANDLE WINAPI w32_CreateSemaphoreExW(void *sa, LONG initial, LONG max,
				     LPCWSTR name, DWORD flags, DWORD access);
BOOL WINAPI w32_SetEvent(HANDLE h);
BOOL WINAPI w32_ResetEvent(HANDLE h);
HANDLE WINAPI w32_CreateMutexA(void *sa, BOOL owned, LPCSTR name);
HANDLE WINAPI w32_CreateMutexW(void *sa, BOOL owned, LPCWSTR name);
BOOL WINAPI w32_ReleaseMutex(HANDLE h);
HANDLE WINAPI w32_CreateSemaphoreA(void *sa, LONG initial, LONG max,
				   LPCSTR name);
HANDLE WINAPI w32_CreateSemaphoreW(void *sa, LONG initial, LONG max,
				   LPCWSTR name);
BOOL WINAPI w32_ReleaseSemaphore(HANDLE h, LONG n, LONG *prev);
LONG WINAPI w32_InterlockedIncrement(LONG volatile *p);
LONG WINAPI w32_InterlockedDecrement(LONG volatile *p);
LONG WINAPI w32_InterlockedExchange(LONG volatile *p, LONG v);
LONG WINAPI w32_InterlockedExchangeAdd(LONG volatile *p, LONG v);
LONG WINAPI w32_InterlockedCompareExchange(LONG volatile *p, LONG v, LONG cmp);

/* ---- srwlock.c: SRW locks, condition variables, InitOnce ----------------- */
/* One pointer-sized word in the program's memory each. */
typedef struct {
	void *Ptr;
} W_SRWLOCK, W_CONDITION_VARIABLE, W_INIT_ONCE;

typedef BOOL(WINAPI *once_fn)(W_INIT_ONCE *, void *, void **);

void WINAPI w32_InitializeSRWLock(W_SRWLOCK *l);
void WINAPI w32_AcquireSRWLockExclusive(W_SRWLOCK *l);
BOOL WINAPI w32_TryAcquireSRWLockExclusive(W_SRWLOCK *l);
void WINAPI w32_ReleaseSRWLockExclusive(W_SRWLOCK *l);
void WINAPI w32_AcquireSRWLockShared(W_SRWLOCK *l);
BOOL WINAPI w32_TryAcquireSRWLockShared(W_SRWLOCK *l);
void WINAPI w32_ReleaseSRWLockShared(W_SRWLOCK *l);
void WINAPI w32_InitializeConditionVariable(W_CONDITION_VARIABLE *c);
void WINAPI w32_WakeConditionVariable(W_CONDITION_VARIABLE *c);
void WINAPI w32_WakeAllConditionVariable(W_CONDITION_VARIABLE *c);
BOOL WINAPI w32_SleepConditionVariableCS(W_CONDITION_VARIABLE *c,
					 CRITICAL_SECTION *cs, DWORD ms);
BOOL WINAPI w32_SleepConditionVariableSRW(W_CONDITION_VARIABLE *c, W_SRWLOCK *l,
					  DWORD ms, ULONG flags);
void WINAPI w32_InitOnceInitialize(W_INIT_ONCE *o);
BOOL WINAPI w32_InitOnceExecuteOnce(W_INIT_ONCE *o, once_fn fn, void *param,
				    void **ctx);

/* ---- tls.c: TLS and FLS slots -------------------------------------------- */
DWORD WINAPI w32_TlsAlloc(void);
BOOL WINAPI w32_TlsFree(DWORD i);
LPVOID WINAPI w32_TlsGetValue(DWORD i);
BOOL WINAPI w32_TlsSetValue(DWORD i, LPVOID v);
DWORD WINAPI w32_FlsAlloc(void *callback);
LPVOID WINAPI w32_FlsGetValue(DWORD i);
BOOL WINAPI w32_FlsSetValue(DWORD i, LPVOID v);
BOOL WINAPI w32_FlsFree(DWORD i);

/* ---- environ.c: the command line and the environment --------------------- */
LPSTR WINAPI w32_GetCommandLineA(void);
LPWSTR WINAPI w32_GetCommandLineW(void);
DWORD WINAPI w32_GetEnvironmentVariableA(LPCSTR name, LPSTR buf, DWORD size);
DWORD WINAPI w32_GetEnvironmentVariableW(LPCWSTR name, LPWSTR buf, DWORD size);
BOOL WINAPI w32_SetEnvironmentVariableA(LPCSTR name, LPCSTR value);
BOOL WINAPI w32_SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value);
LPSTR WINAPI w32_GetEnvironmentStringsA(void);
LPSTR WINAPI w32_GetEnvironmentStrings(void);
LPWSTR WINAPI w32_GetEnvironmentStringsW(void);
BOOL WINAPI w32_FreeEnvironmentStringsA(LPSTR p);
BOOL WINAPI w32_FreeEnvironmentStringsW(LPWSTR p);
DWORD WINAPI w32_ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size);
DWORD WINAPI w32_ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst,
					   DWORD size);

/* ---- codepage.c: code pages and conversions ------------------------------ */
typedef struct {
	UINT MaxCharSize;
	BYTE DefaultChar[2];
	BYTE LeadByte[12];
} CPINFO;

typedef struct {
	UINT MaxCharSize;
	BYTE DefaultChar[2];
	BYTE LeadByte[12];
	WCHAR UnicodeDefaultChar;
	UINT CodePage;
	char CodePageName[MAX_PATH];
} CPINFOEXA;

typedef struct {
	UINT MaxCharSize;
	BYTE DefaultChar[2];
	BYTE LeadByte[12];
	WCHAR UnicodeDefaultChar;
	UINT CodePage;
	WCHAR CodePageName[MAX_PATH];
} CPINFOEXW;

UINT WINAPI w32_GetACP(void);
UINT WINAPI w32_GetOEMCP(void);
BOOL WINAPI w32_IsValidCodePage(UINT cp);
BOOL WINAPI w32_IsDBCSLeadByteEx(UINT cp, BYTE c);
BOOL WINAPI w32_IsDBCSLeadByte(BYTE c);
BOOL WINAPI w32_GetCPInfo(UINT cp, CPINFO *ci);
BOOL WINAPI w32_GetCPInfoExA(UINT cp, DWORD flags, CPINFOEXA *ci);
BOOL WINAPI w32_GetCPInfoExW(UINT cp, DWORD flags, CPINFOEXW *ci);
INT WINAPI w32_MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, INT srclen,
				   LPWSTR dst, INT dstlen);
INT WINAPI w32_WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src,
				   INT srclen, LPSTR dst, INT dstlen,
				   LPCSTR defchar, BOOL *useddef);

/* ---- collate.c: the order of strings in a locale ------------------------- */
#define NORM_IGNORECASE	      0x00000001
#define CSTR_LESS_THAN	      1
#define CSTR_EQUAL	      2
#define CSTR_GREATER_THAN     3
#define LOCALE_NEUTRAL	      0x0000
#define LOCALE_USER_DEFAULT   0x0400
#define LOCALE_SYSTEM_DEFAULT 0x0800
INT WINAPI w32_CompareStringA(DWORD lcid, DWORD flags, LPCSTR a, INT na,
			      LPCSTR b, INT nb);
INT WINAPI w32_CompareStringW(DWORD lcid, DWORD flags, LPCWSTR a, INT na,
			      LPCWSTR b, INT nb);
INT WINAPI w32_LCMapStringA(DWORD lcid, DWORD flags, LPCSTR src, INT n,
			    LPSTR dst, INT size);
INT WINAPI w32_LCMapStringW(DWORD lcid, DWORD flags, LPCWSTR src, INT n,
			    LPWSTR dst, INT size);

/* ---- locale.c, nlsformat.c, strtype.c: locales -------------------------- */
typedef DWORD LCID;
typedef DWORD LCTYPE;
typedef WORD LANGID;
typedef BOOL(WINAPI *LOCALE_ENUMPROCA)(LPSTR);
typedef BOOL(WINAPI *LOCALE_ENUMPROCW)(LPWSTR);
typedef BOOL(WINAPI *LOCALE_ENUMPROCEX)(LPWSTR, DWORD, LONG_PTR);
typedef struct {
	UINT NumDigits, LeadingZero, Grouping;
	LPSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder;
} NUMBERFMTA;
typedef struct {
	UINT NumDigits, LeadingZero, Grouping;
	LPWSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder;
} NUMBERFMTW;
typedef struct {
	UINT NumDigits, LeadingZero, Grouping;
	LPSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder, PositiveOrder;
	LPSTR lpCurrencySymbol;
} CURRENCYFMTA;
typedef struct {
	UINT NumDigits, LeadingZero, Grouping;
	LPWSTR lpDecimalSep, lpThousandSep;
	UINT NegativeOrder, PositiveOrder;
	LPWSTR lpCurrencySymbol;
} CURRENCYFMTW;
#define CT_CTYPE1   0x0001
#define CT_CTYPE2   0x0002
#define CT_CTYPE3   0x0004
#define C1_DEFINED  0x0200
INT WINAPI w32_GetLocaleInfoA(LCID lcid, LCTYPE type, LPSTR buf, INT n);
INT WINAPI w32_GetLocaleInfoW(LCID lcid, LCTYPE type, LPWSTR buf, INT n);
INT WINAPI w32_GetLocaleInfoEx(LPCWSTR name, LCTYPE type, LPWSTR buf, INT n);
LCID WINAPI w32_GetUserDefaultLCID(void);
LCID WINAPI w32_GetSystemDefaultLCID(void);
LANGID WINAPI w32_GetUserDefaultLangID(void);
LANGID WINAPI w32_GetSystemDefaultLangID(void);
LANGID WINAPI w32_GetUserDefaultUILanguage(void);
LANGID WINAPI w32_GetSystemDefaultUILanguage(void);
INT WINAPI w32_GetUserDefaultLocaleName(LPWSTR buf, INT n);
INT WINAPI w32_GetSystemDefaultLocaleName(LPWSTR buf, INT n);
LCID WINAPI w32_GetThreadLocale(void);
BOOL WINAPI w32_SetThreadLocale(LCID lcid);
BOOL WINAPI w32_IsValidLocale(LCID lcid, DWORD flags);
BOOL WINAPI w32_IsValidLocaleName(LPCWSTR name);
LCID WINAPI w32_LocaleNameToLCID(LPCWSTR name, DWORD flags);
INT WINAPI w32_LCIDToLocaleName(LCID lcid, LPWSTR buf, INT n, DWORD flags);
BOOL WINAPI w32_EnumSystemLocalesA(LOCALE_ENUMPROCA fn, DWORD flags);
BOOL WINAPI w32_EnumSystemLocalesW(LOCALE_ENUMPROCW fn, DWORD flags);
BOOL WINAPI w32_EnumSystemLocalesEx(LOCALE_ENUMPROCEX fn, DWORD flags,
				    LONG_PTR param, LPVOID reserved);
INT WINAPI w32_GetDateFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCSTR fmt, LPSTR buf, INT n);
INT WINAPI w32_GetDateFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCWSTR fmt, LPWSTR buf, INT n);
INT WINAPI w32_GetDateFormatEx(LPCWSTR name, DWORD flags,
			       const SYSTEMTIME *st, LPCWSTR fmt, LPWSTR buf,
			       INT n, LPCWSTR calendar);
INT WINAPI w32_GetTimeFormatA(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCSTR fmt, LPSTR buf, INT n);
INT WINAPI w32_GetTimeFormatW(LCID lcid, DWORD flags, const SYSTEMTIME *st,
			      LPCWSTR fmt, LPWSTR buf, INT n);
INT WINAPI w32_GetTimeFormatEx(LPCWSTR name, DWORD flags,
			       const SYSTEMTIME *st, LPCWSTR fmt, LPWSTR buf,
			       INT n);
INT WINAPI w32_GetNumberFormatA(LCID lcid, DWORD flags, LPCSTR value,
				const NUMBERFMTA *fmt, LPSTR buf, INT n);
INT WINAPI w32_GetNumberFormatW(LCID lcid, DWORD flags, LPCWSTR value,
				const NUMBERFMTW *fmt, LPWSTR buf, INT n);
INT WINAPI w32_GetNumberFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value,
				 const NUMBERFMTW *fmt, LPWSTR buf, INT n);
INT WINAPI w32_GetCurrencyFormatA(LCID lcid, DWORD flags, LPCSTR value,
				  const CURRENCYFMTA *fmt, LPSTR buf, INT n);
INT WINAPI w32_GetCurrencyFormatW(LCID lcid, DWORD flags, LPCWSTR value,
				  const CURRENCYFMTW *fmt, LPWSTR buf, INT n);
INT WINAPI w32_GetCurrencyFormatEx(LPCWSTR name, DWORD flags, LPCWSTR value,
				   const CURRENCYFMTW *fmt, LPWSTR buf, INT n);
BOOL WINAPI w32_GetStringTypeW(DWORD type, LPCWSTR s, INT n, WORD *out);
BOOL WINAPI w32_GetStringTypeExW(LCID lcid, DWORD type, LPCWSTR s, INT n,
				 WORD *out);
BOOL WINAPI w32_GetStringTypeA(LCID lcid, DWORD type, LPCSTR s, INT n,
			       WORD *out);
BOOL WINAPI w32_GetStringTypeExA(LCID lcid, DWORD type, LPCSTR s, INT n,
				 WORD *out);

/* ---- string.c: lstr* strings, MulDiv ------------------------------------- */
INT WINAPI w32_lstrlenA(LPCSTR s);
INT WINAPI w32_lstrlenW(LPCWSTR s);
INT WINAPI w32_lstrcmpA(LPCSTR a, LPCSTR b);
INT WINAPI w32_lstrcmpW(LPCWSTR a, LPCWSTR b);
INT WINAPI w32_lstrcmpiA(LPCSTR a, LPCSTR b);
INT WINAPI w32_lstrcmpiW(LPCWSTR a, LPCWSTR b);
LPSTR WINAPI w32_lstrcpyA(LPSTR d, LPCSTR s);
LPWSTR WINAPI w32_lstrcpyW(LPWSTR d, LPCWSTR s);
LPSTR WINAPI w32_lstrcpynA(LPSTR d, LPCSTR s, INT n);
LPWSTR WINAPI w32_lstrcpynW(LPWSTR d, LPCWSTR s, INT n);
LPSTR WINAPI w32_lstrcatA(LPSTR d, LPCSTR s);
LPWSTR WINAPI w32_lstrcatW(LPWSTR d, LPCWSTR s);
INT WINAPI w32_MulDiv(INT a, INT b, INT c);

/* ---- time.c: time, time zone, tick count, performance counter ------------ */
typedef struct {
	LONG Bias;
	WCHAR StandardName[32];
	SYSTEMTIME StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	SYSTEMTIME DaylightDate;
	LONG DaylightBias;
} TIME_ZONE_INFORMATION;

void WINAPI w32_GetSystemTimeAsFileTime(FILETIME *ft);
void WINAPI w32_GetSystemTimePreciseAsFileTime(FILETIME *ft);
void WINAPI w32_GetSystemTime(SYSTEMTIME *st);
void WINAPI w32_GetLocalTime(SYSTEMTIME *st);
BOOL WINAPI w32_SetSystemTime(const SYSTEMTIME *st);
BOOL WINAPI w32_GetSystemTimeAdjustment(DWORD *adj, DWORD *inc, BOOL *off);
BOOL WINAPI w32_FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st);
BOOL WINAPI w32_SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft);
BOOL WINAPI w32_FileTimeToLocalFileTime(const FILETIME *in, FILETIME *out);
BOOL WINAPI w32_LocalFileTimeToFileTime(const FILETIME *in, FILETIME *out);
LONG WINAPI w32_CompareFileTime(const FILETIME *a, const FILETIME *b);

/* timezone.c: the Windows zone of the process and the table of zones */
typedef struct {
	LONG Bias;
	WCHAR StandardName[32];
	SYSTEMTIME StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	SYSTEMTIME DaylightDate;
	LONG DaylightBias;
	WCHAR TimeZoneKeyName[128];
	BOOLEAN DynamicDaylightTimeDisabled;
} DYNAMIC_TIME_ZONE_INFORMATION;

DWORD WINAPI w32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz);
DWORD WINAPI
w32_GetDynamicTimeZoneInformation(DYNAMIC_TIME_ZONE_INFORMATION *d);
BOOL WINAPI w32_GetTimeZoneInformationForYear(
	WORD y, DYNAMIC_TIME_ZONE_INFORMATION *d, TIME_ZONE_INFORMATION *tz);
DWORD WINAPI
w32_EnumDynamicTimeZoneInformation(DWORD i, DYNAMIC_TIME_ZONE_INFORMATION *d);
BOOL WINAPI w32_SetTimeZoneInformation(const TIME_ZONE_INFORMATION *tz);
BOOL WINAPI
w32_SetDynamicTimeZoneInformation(const DYNAMIC_TIME_ZONE_INFORMATION *d);
BOOL WINAPI w32_SystemTimeToTzSpecificLocalTime(
	const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *utc,
	SYSTEMTIME *local);
BOOL WINAPI w32_TzSpecificLocalTimeToSystemTime(
	const TIME_ZONE_INFORMATION *tz, const SYSTEMTIME *local,
	SYSTEMTIME *utc);
DWORD WINAPI w32_GetTickCount(void);
ULONGLONG WINAPI w32_GetTickCount64(void);
BOOL WINAPI w32_QueryPerformanceFrequency(LARGE_INTEGER *f);
BOOL WINAPI w32_QueryPerformanceCounter(LARGE_INTEGER *c);

/* ---- sysinfo.c: system information, version, computer name --------------- */
typedef struct {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	char szCSDVersion[128];
} OSVERSIONINFOA;

typedef struct {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	char szCSDVersion[128];
	WORD wServicePackMajor;
	WORD wServicePackMinor;
	WORD wSuiteMask;
	BYTE wProductType;
	BYTE wReserved;
} OSVERSIONINFOEXA;

typedef struct {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	WCHAR szCSDVersion[128];
} OSVERSIONINFOW;

typedef struct {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	WCHAR szCSDVersion[128];
	WORD wServicePackMajor;
	WORD wServicePackMinor;
	WORD wSuiteMask;
	BYTE wProductType;
	BYTE wReserved;
} OSVERSIONINFOEXW;
_Static_assert(sizeof(OSVERSIONINFOEXA) == 156, "OSVERSIONINFOEXA");
_Static_assert(sizeof(OSVERSIONINFOEXW) == 284, "OSVERSIONINFOEXW");

typedef struct {
	DWORD dwLength;
	DWORD dwMemoryLoad;
	ULONGLONG ullTotalPhys, ullAvailPhys;
	ULONGLONG ullTotalPageFile, ullAvailPageFile;
	ULONGLONG ullTotalVirtual, ullAvailVirtual;
	ULONGLONG ullAvailExtendedVirtual;
} MEMORYSTATUSEX;
_Static_assert(sizeof(MEMORYSTATUSEX) == 64, "MEMORYSTATUSEX");

typedef struct {
	DWORD dwLength;
	DWORD dwMemoryLoad;
	SIZE_T dwTotalPhys, dwAvailPhys;
	SIZE_T dwTotalPageFile, dwAvailPageFile;
	SIZE_T dwTotalVirtual, dwAvailVirtual;
} MEMORYSTATUS;
_Static_assert(sizeof(MEMORYSTATUS) == 56, "MEMORYSTATUS");

BOOL WINAPI w32_GlobalMemoryStatusEx(MEMORYSTATUSEX *m);
void WINAPI w32_GlobalMemoryStatus(MEMORYSTATUS *m);
BOOL WINAPI w32_GetSystemTimes(FILETIME *idle, FILETIME *kernel,
			       FILETIME *user);
void WINAPI w32_GetSystemInfo(SYSTEM_INFO *si);
void WINAPI w32_GetNativeSystemInfo(SYSTEM_INFO *si);
DWORD WINAPI w32_GetVersion(void);
BOOL WINAPI w32_GetVersionExA(OSVERSIONINFOA *vi);
BOOL WINAPI w32_GetVersionExW(OSVERSIONINFOW *vi);
BOOL WINAPI w32_IsProcessorFeaturePresent(DWORD feature);
BOOL WINAPI w32_GetComputerNameA(LPSTR buf, DWORD *size);
BOOL WINAPI w32_GetComputerNameW(LPWSTR buf, DWORD *size);
BOOL WINAPI w32_GetComputerNameExA(int kind, LPSTR buf, DWORD *size);
BOOL WINAPI w32_GetComputerNameExW(int kind, LPWSTR buf, DWORD *size);
BOOL WINAPI w32_Wow64DisableWow64FsRedirection(void **old);
BOOL WINAPI w32_Wow64RevertWow64FsRedirection(void *old);
BOOLEAN WINAPI w32_Wow64EnableWow64FsRedirection(BOOLEAN enable);

/* ---- error.c: the last error and FormatMessage --------------------------- */
DWORD WINAPI w32_GetLastError(void);
void WINAPI w32_SetLastError(DWORD e);
UINT WINAPI w32_SetErrorMode(UINT mode);
UINT WINAPI w32_GetErrorMode(void);
BOOL WINAPI w32_SetThreadErrorMode(DWORD mode, DWORD *old);
DWORD WINAPI w32_GetThreadErrorMode(void);
DWORD WINAPI w32_FormatMessageA(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPSTR buf, DWORD size, void *args);
DWORD WINAPI w32_FormatMessageW(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPWSTR buf, DWORD size, void *args);

/* ---- debug.c: debugger calls --------------------------------------------- */
BOOL WINAPI w32_IsDebuggerPresent(void);
void WINAPI w32_OutputDebugStringA(LPCSTR s);
void WINAPI w32_OutputDebugStringW(LPCWSTR s);
void WINAPI w32_DebugBreak(void);

/* ---- exception.c: the unhandled-exception filter ------------------------ */
/* (Add/RemoveVectoredExceptionHandler and Add/RemoveVectoredContinue-
 * Handler are ntdll's Rtl* functions: exports.h.) */
void *WINAPI w32_SetUnhandledExceptionFilter(void *filter);
LONG WINAPI w32_UnhandledExceptionFilter(W_EXCEPTION_POINTERS *ep);
/* At start (core/builtins.c): gives ntdll UnhandledExceptionFilter as
 * the top-level filter of every exception no handler takes, and enters
 * the handles a parent process passed (inherit.c). */
void rt_kernel32_attach(void);

/* share.c, for msvcrt's open (which Windows' msvcrt makes through
 * CreateFile): enters an open of the regular file fd (open already; or,
 * fd -1, the file at path) for access under sharing mode share: 0 with
 * *share_fd the descriptor whose locks hold it (-1 when nothing needs
 * holding; close it with the file), or -1 with the last error
 * ERROR_SHARING_VIOLATION. */
int rt_k32_share_enter(const char *path, int fd, DWORD access, DWORD share,
		       int *share_fd);

#endif
