/*
 * kernel32.h — kernel32.dll as the runtime builds it: every w32_ function its
 * files define, declared here once (the runtime builds with
 * -Wmissing-prototypes, so a definition without its declaration does not
 * compile), and the types they share.  Which of them are exported, and under
 * which names, is exports.h.
 */
#ifndef DLLSHARE_KERNEL32_H
#define DLLSHARE_KERNEL32_H

#include "runtime/core/core.h"

/* ---- types the prototypes use (moved from the .c files) ---- */

/* ---- the screen buffer, on a terminal -------------------------------- */

typedef struct {
	int16_t X, Y;
} COORD;

typedef struct {
	int16_t Left, Top, Right, Bottom;
} SMALL_RECT;

typedef struct {
	void *Ptr;
} W_SRWLOCK, W_CONDITION_VARIABLE, W_INIT_ONCE;

typedef struct {
	LONG Bias;
	WCHAR StandardName[32];
	SYSTEMTIME StandardDate;
	LONG StandardBias;
	WCHAR DaylightName[32];
	SYSTEMTIME DaylightDate;
	LONG DaylightBias;
} TIME_ZONE_INFORMATION;

typedef struct {
	DWORD dwOSVersionInfoSize;
	DWORD dwMajorVersion;
	DWORD dwMinorVersion;
	DWORD dwBuildNumber;
	DWORD dwPlatformId;
	char szCSDVersion[128];
} OSVERSIONINFOA;

typedef BOOL(WINAPI *once_fn)(W_INIT_ONCE *, void *, void **);

typedef BOOL(WINAPI *ctrl_fn)(DWORD);

typedef DWORD(WINAPI *thread_fn)(void *);

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

typedef struct {
	COORD dwSize;
	COORD dwCursorPosition;
	WORD wAttributes;
	SMALL_RECT srWindow;
	COORD dwMaximumWindowSize;
} CONSOLE_SCREEN_BUFFER_INFO;

typedef struct {
	UINT MaxCharSize;
	BYTE DefaultChar[2];
	BYTE LeadByte[12];
} CPINFO;

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD nFileSizeHigh, nFileSizeLow;
} WIN32_FILE_ATTRIBUTE_DATA;

/* ---- files -----------------------------------------------------------------
 */

typedef struct {
	DWORD dwFileAttributes;
	FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
	DWORD dwVolumeSerialNumber;
	DWORD nFileSizeHigh, nFileSizeLow;
	DWORD nNumberOfLinks;
	DWORD nFileIndexHigh, nFileIndexLow;
} BY_HANDLE_FILE_INFORMATION;

void WINAPI w32_AcquireSRWLockExclusive(W_SRWLOCK *l);
void WINAPI w32_AcquireSRWLockShared(W_SRWLOCK *l);
void *WINAPI w32_AddVectoredExceptionHandler(ULONG first, void *fn);
BOOL WINAPI w32_AreFileApisANSI(void);
BOOL WINAPI w32_CloseHandle(HANDLE h);
BOOL WINAPI w32_CreateDirectoryA(LPCSTR name, void *sa);
BOOL WINAPI w32_CreateDirectoryW(LPCWSTR name, void *sa);
HANDLE WINAPI w32_CreateEventA(void *sa, BOOL manual, BOOL initial,
			       LPCSTR name);
HANDLE WINAPI w32_CreateEventW(void *sa, BOOL manual, BOOL initial,
			       LPCWSTR name);
HANDLE WINAPI w32_CreateFileA(LPCSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template);
HANDLE WINAPI w32_CreateFileMappingA(HANDLE file, void *sa, DWORD protect,
				     DWORD size_hi, DWORD size_lo, LPCSTR name);
HANDLE WINAPI w32_CreateFileMappingW(HANDLE file, void *sa, DWORD protect,
				     DWORD size_hi, DWORD size_lo,
				     LPCWSTR name);
HANDLE WINAPI w32_CreateFileW(LPCWSTR name, DWORD access, DWORD share, void *sa,
			      DWORD disp, DWORD flags, HANDLE template);
BOOL WINAPI w32_CreateHardLinkW(LPCWSTR newname, LPCWSTR existing, void *sa);
HANDLE WINAPI w32_CreateMutexA(void *sa, BOOL owned, LPCSTR name);
HANDLE WINAPI w32_CreateMutexW(void *sa, BOOL owned, LPCWSTR name);
BOOL WINAPI w32_CreatePipe(HANDLE *rd, HANDLE *wr, SECURITY_ATTRIBUTES *sa,
			   DWORD size);
BOOL WINAPI w32_CreateProcessA(LPCSTR app, LPSTR cmd, void *psa, void *tsa,
			       BOOL inherit, DWORD flags, void *envblock,
			       LPCSTR cwd, STARTUPINFOA *si,
			       PROCESS_INFORMATION *pi);
BOOL WINAPI w32_CreateProcessW(LPCWSTR app, LPWSTR cmd, void *psa, void *tsa,
			       BOOL inherit, DWORD flags, void *envblock,
			       LPCWSTR cwd, STARTUPINFOA *si,
			       PROCESS_INFORMATION *pi);
HANDLE WINAPI w32_CreateSemaphoreA(void *sa, LONG initial, LONG max,
				   LPCSTR name);
HANDLE WINAPI w32_CreateSemaphoreW(void *sa, LONG initial, LONG max,
				   LPCWSTR name);
HANDLE WINAPI w32_CreateThread(void *sa, SIZE_T stack, thread_fn fn, void *arg,
			       DWORD flags, DWORD *tid);
void WINAPI w32_DebugBreak(void);
void WINAPI w32_DeleteCriticalSection(CRITICAL_SECTION *cs);
BOOL WINAPI w32_DeleteFileA(LPCSTR name);
BOOL WINAPI w32_DeleteFileW(LPCWSTR name);
BOOL WINAPI w32_DisableThreadLibraryCalls(HMODULE h);
BOOL WINAPI w32_DuplicateHandle(HANDLE sp, HANDLE src, HANDLE tp, HANDLE *dst,
				DWORD access, BOOL inherit, DWORD options);
void WINAPI w32_EnterCriticalSection(CRITICAL_SECTION *cs);
void WINAPI w32_ExitProcess(UINT code);
void WINAPI w32_ExitThread(DWORD code);
BOOL WINAPI w32_FileTimeToLocalFileTime(const FILETIME *in, FILETIME *out);
BOOL WINAPI w32_FileTimeToSystemTime(const FILETIME *ft, SYSTEMTIME *st);
BOOL WINAPI w32_FindClose(HANDLE h);
HANDLE WINAPI w32_FindFirstFileA(LPCSTR spec, WIN32_FIND_DATAA *data);
HANDLE WINAPI w32_FindFirstFileW(LPCWSTR spec, WIN32_FIND_DATAW *data);
HANDLE WINAPI w32_FindFirstVolumeW(LPWSTR name, DWORD len);
BOOL WINAPI w32_FindNextFileA(HANDLE h, WIN32_FIND_DATAA *data);
BOOL WINAPI w32_FindNextFileW(HANDLE h, WIN32_FIND_DATAW *data);
BOOL WINAPI w32_FindNextVolumeW(HANDLE h, LPWSTR name, DWORD len);
BOOL WINAPI w32_FindVolumeClose(HANDLE h);
DWORD WINAPI w32_FlsAlloc(void *callback);
BOOL WINAPI w32_FlsFree(DWORD i);
LPVOID WINAPI w32_FlsGetValue(DWORD i);
BOOL WINAPI w32_FlsSetValue(DWORD i, LPVOID v);
BOOL WINAPI w32_FlushFileBuffers(HANDLE h);
BOOL WINAPI w32_FlushInstructionCache(HANDLE process, LPCVOID addr,
				      SIZE_T size);
BOOL WINAPI w32_FlushViewOfFile(LPCVOID p, SIZE_T len);
DWORD WINAPI w32_FormatMessageA(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPSTR buf, DWORD size, void *args);
DWORD WINAPI w32_FormatMessageW(DWORD flags, LPCVOID source, DWORD id,
				DWORD lang, LPWSTR buf, DWORD size, void *args);
BOOL WINAPI w32_FreeEnvironmentStringsA(LPSTR p);
BOOL WINAPI w32_FreeEnvironmentStringsW(LPWSTR p);
BOOL WINAPI w32_FreeLibrary(HMODULE h);
BOOL WINAPI w32_GenerateConsoleCtrlEvent(DWORD event, DWORD group);
UINT WINAPI w32_GetACP(void);
LPSTR WINAPI w32_GetCommandLineA(void);
LPWSTR WINAPI w32_GetCommandLineW(void);
BOOL WINAPI w32_GetComputerNameA(LPSTR buf, DWORD *size);
UINT WINAPI w32_GetConsoleCP(void);
BOOL WINAPI w32_GetConsoleMode(HANDLE h, DWORD *mode);
UINT WINAPI w32_GetConsoleOutputCP(void);
BOOL WINAPI w32_GetConsoleScreenBufferInfo(HANDLE h,
					   CONSOLE_SCREEN_BUFFER_INFO *info);
void *WINAPI w32_GetConsoleWindow(void);
BOOL WINAPI w32_GetCPInfo(UINT cp, CPINFO *ci);
DWORD WINAPI w32_GetCurrentDirectoryA(DWORD size, LPSTR buf);
DWORD WINAPI w32_GetCurrentDirectoryW(DWORD size, LPWSTR buf);
HANDLE WINAPI w32_GetCurrentProcess(void);
DWORD WINAPI w32_GetCurrentProcessId(void);
HANDLE WINAPI w32_GetCurrentThread(void);
DWORD WINAPI w32_GetCurrentThreadId(void);
BOOL WINAPI w32_GetDiskFreeSpaceA(LPCSTR root, DWORD *spc, DWORD *bps,
				  DWORD *nfree, DWORD *ntotal);
BOOL WINAPI w32_GetDiskFreeSpaceExW(LPCWSTR dir, ULONGLONG *avail,
				    ULONGLONG *total, ULONGLONG *freeb);
BOOL WINAPI w32_GetDiskFreeSpaceW(LPCWSTR root, DWORD *spc, DWORD *bps,
				  DWORD *nfree, DWORD *ntotal);
LPSTR WINAPI w32_GetEnvironmentStrings(void);
LPSTR WINAPI w32_GetEnvironmentStringsA(void);
LPWSTR WINAPI w32_GetEnvironmentStringsW(void);
DWORD WINAPI w32_GetEnvironmentVariableA(LPCSTR name, LPSTR buf, DWORD size);
DWORD WINAPI w32_GetEnvironmentVariableW(LPCWSTR name, LPWSTR buf, DWORD size);
BOOL WINAPI w32_GetExitCodeProcess(HANDLE h, DWORD *code);
BOOL WINAPI w32_GetExitCodeThread(HANDLE h, DWORD *code);
DWORD WINAPI w32_GetFileAttributesA(LPCSTR name);
BOOL WINAPI w32_GetFileAttributesExA(LPCSTR name, int level,
				     WIN32_FILE_ATTRIBUTE_DATA *d);
BOOL WINAPI w32_GetFileAttributesExW(LPCWSTR name, int level,
				     WIN32_FILE_ATTRIBUTE_DATA *d);
DWORD WINAPI w32_GetFileAttributesW(LPCWSTR name);
BOOL WINAPI w32_GetFileInformationByHandle(HANDLE h,
					   BY_HANDLE_FILE_INFORMATION *info);
DWORD WINAPI w32_GetFileSize(HANDLE h, DWORD *high);
BOOL WINAPI w32_GetFileSizeEx(HANDLE h, LARGE_INTEGER *size);
DWORD WINAPI w32_GetFileType(HANDLE h);
DWORD WINAPI w32_GetFullPathNameA(LPCSTR name, DWORD size, LPSTR buf,
				  LPSTR *file);
DWORD WINAPI w32_GetFullPathNameW(LPCWSTR name, DWORD size, LPWSTR buf,
				  LPWSTR *file);
BOOL WINAPI w32_GetHandleInformation(HANDLE h, DWORD *flags);
DWORD WINAPI w32_GetLastError(void);
void WINAPI w32_GetLocalTime(SYSTEMTIME *st);
DWORD WINAPI w32_GetModuleFileNameA(HMODULE h, LPSTR buf, DWORD size);
DWORD WINAPI w32_GetModuleFileNameW(HMODULE h, LPWSTR buf, DWORD size);
HMODULE WINAPI w32_GetModuleHandleA(LPCSTR name);
BOOL WINAPI w32_GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE *out);
BOOL WINAPI w32_GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE *out);
HMODULE WINAPI w32_GetModuleHandleW(LPCWSTR name);
void WINAPI w32_GetNativeSystemInfo(SYSTEM_INFO *si);
UINT WINAPI w32_GetOEMCP(void);
BOOL WINAPI w32_GetOverlappedResult(HANDLE h, OVERLAPPED *ov, DWORD *count,
				    BOOL wait);
FARPROC WINAPI w32_GetProcAddress(HMODULE h, LPCSTR name);
BOOL WINAPI w32_GetProcessAffinityMask(HANDLE h, ULONG_PTR *pmask,
				       ULONG_PTR *smask);
HANDLE WINAPI w32_GetProcessHeap(void);
DWORD WINAPI w32_GetProcessId(HANDLE h);
BOOL WINAPI w32_GetProcessTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
				FILETIME *kernel, FILETIME *user);
void WINAPI w32_GetStartupInfoA(STARTUPINFOA *si);
void WINAPI w32_GetStartupInfoW(STARTUPINFOA *si);
HANDLE WINAPI w32_GetStdHandle(DWORD which);
UINT WINAPI w32_GetSystemDirectoryA(LPSTR buf, UINT size);
void WINAPI w32_GetSystemInfo(SYSTEM_INFO *si);
void WINAPI w32_GetSystemTime(SYSTEMTIME *st);
BOOL WINAPI w32_GetSystemTimeAdjustment(DWORD *adj, DWORD *inc, BOOL *off);
void WINAPI w32_GetSystemTimeAsFileTime(FILETIME *ft);
void WINAPI w32_GetSystemTimePreciseAsFileTime(FILETIME *ft);
UINT WINAPI w32_GetTempFileNameA(LPCSTR dir, LPCSTR prefix, UINT unique,
				 LPSTR out);
DWORD WINAPI w32_GetTempPathA(DWORD size, LPSTR buf);
DWORD WINAPI w32_GetTempPathW(DWORD size, LPWSTR buf);
BOOL WINAPI w32_GetThreadContext(HANDLE h, void *ctx);
int WINAPI w32_GetThreadPriority(HANDLE h);
BOOL WINAPI w32_GetThreadTimes(HANDLE h, FILETIME *creation, FILETIME *exit,
			       FILETIME *kernel, FILETIME *user);
DWORD WINAPI w32_GetTickCount(void);
ULONGLONG WINAPI w32_GetTickCount64(void);
DWORD WINAPI w32_GetTimeZoneInformation(TIME_ZONE_INFORMATION *tz);
DWORD WINAPI w32_GetVersion(void);
BOOL WINAPI w32_GetVersionExA(OSVERSIONINFOA *vi);
BOOL WINAPI w32_GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD nlen,
				      DWORD *serial, DWORD *maxlen,
				      DWORD *flags, LPWSTR fs, DWORD fslen);
UINT WINAPI w32_GetWindowsDirectoryA(LPSTR buf, UINT size);
LPVOID WINAPI w32_GlobalAlloc(UINT flags, SIZE_T size);
LPVOID WINAPI w32_GlobalFree(LPVOID p);
LPVOID WINAPI w32_HeapAlloc(HANDLE h, DWORD flags, SIZE_T size);
SIZE_T WINAPI w32_HeapCompact(HANDLE h, DWORD flags);
HANDLE WINAPI w32_HeapCreate(DWORD flags, SIZE_T initial, SIZE_T max);
BOOL WINAPI w32_HeapDestroy(HANDLE h);
BOOL WINAPI w32_HeapFree(HANDLE h, DWORD flags, LPVOID p);
LPVOID WINAPI w32_HeapReAlloc(HANDLE h, DWORD flags, LPVOID p, SIZE_T size);
SIZE_T WINAPI w32_HeapSize(HANDLE h, DWORD flags, LPCVOID p);
BOOL WINAPI w32_HeapValidate(HANDLE h, DWORD flags, LPCVOID p);
void WINAPI w32_InitializeConditionVariable(W_CONDITION_VARIABLE *c);
void WINAPI w32_InitializeCriticalSection(CRITICAL_SECTION *cs);
BOOL WINAPI w32_InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *cs,
						      DWORD spin);
BOOL WINAPI w32_InitializeCriticalSectionEx(CRITICAL_SECTION *cs, DWORD spin,
					    DWORD flags);
void WINAPI w32_InitializeSRWLock(W_SRWLOCK *l);
BOOL WINAPI w32_InitOnceExecuteOnce(W_INIT_ONCE *o, once_fn fn, void *param,
				    void **ctx);
void WINAPI w32_InitOnceInitialize(W_INIT_ONCE *o);
LONG WINAPI w32_InterlockedCompareExchange(LONG volatile *p, LONG v, LONG cmp);
LONG WINAPI w32_InterlockedDecrement(LONG volatile *p);
LONG WINAPI w32_InterlockedExchange(LONG volatile *p, LONG v);
LONG WINAPI w32_InterlockedExchangeAdd(LONG volatile *p, LONG v);
LONG WINAPI w32_InterlockedIncrement(LONG volatile *p);
BOOL WINAPI w32_IsDBCSLeadByte(BYTE c);
BOOL WINAPI w32_IsDBCSLeadByteEx(UINT cp, BYTE c);
BOOL WINAPI w32_IsDebuggerPresent(void);
BOOL WINAPI w32_IsProcessorFeaturePresent(DWORD feature);
BOOL WINAPI w32_IsValidCodePage(UINT cp);
void WINAPI w32_LeaveCriticalSection(CRITICAL_SECTION *cs);
HMODULE WINAPI w32_LoadLibraryA(LPCSTR name);
HMODULE WINAPI w32_LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags);
HMODULE WINAPI w32_LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags);
HMODULE WINAPI w32_LoadLibraryW(LPCWSTR name);
LPVOID WINAPI w32_LocalAlloc(UINT flags, SIZE_T size);
LPVOID WINAPI w32_LocalFree(LPVOID p);
BOOL WINAPI w32_LockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo,
			 DWORD len_hi);
BOOL WINAPI w32_LockFileEx(HANDLE h, DWORD flags, DWORD reserved,
			   DWORD len_lo, DWORD len_hi, OVERLAPPED *ov);
void WINAPI w32_OutputDebugStringW(LPCWSTR s);
BOOL WINAPI w32_SetFileTime(HANDLE h, const FILETIME *created,
			    const FILETIME *accessed, const FILETIME *written);
BOOL WINAPI w32_UnlockFile(HANDLE h, DWORD off_lo, DWORD off_hi, DWORD len_lo,
			   DWORD len_hi);
BOOL WINAPI w32_UnlockFileEx(HANDLE h, DWORD reserved, DWORD len_lo,
			     DWORD len_hi, OVERLAPPED *ov);
LPSTR WINAPI w32_lstrcatA(LPSTR d, LPCSTR s);
INT WINAPI w32_lstrcmpA(LPCSTR a, LPCSTR b);
INT WINAPI w32_lstrcmpiA(LPCSTR a, LPCSTR b);
LPSTR WINAPI w32_lstrcpyA(LPSTR d, LPCSTR s);
INT WINAPI w32_lstrlenA(LPCSTR s);
INT WINAPI w32_lstrlenW(LPCWSTR s);
LPVOID WINAPI w32_MapViewOfFile(HANDLE h, DWORD access, DWORD off_hi,
				DWORD off_lo, SIZE_T len);
BOOL WINAPI w32_MoveFileA(LPCSTR from, LPCSTR to);
BOOL WINAPI w32_MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags);
BOOL WINAPI w32_MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags);
BOOL WINAPI w32_MoveFileW(LPCWSTR from, LPCWSTR to);
INT WINAPI w32_MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, INT srclen,
				   LPWSTR dst, INT dstlen);
HANDLE WINAPI w32_OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name);
HANDLE WINAPI w32_OpenProcess(DWORD access, BOOL inherit, DWORD pid);
void WINAPI w32_OutputDebugStringA(LPCSTR s);
BOOL WINAPI w32_QueryPerformanceCounter(LARGE_INTEGER *c);
BOOL WINAPI w32_QueryPerformanceFrequency(LARGE_INTEGER *f);
BOOL WINAPI w32_ReadFile(HANDLE h, LPVOID buf, DWORD n, DWORD *got,
			 OVERLAPPED *overlapped);
BOOL WINAPI w32_ReleaseMutex(HANDLE h);
BOOL WINAPI w32_ReleaseSemaphore(HANDLE h, LONG n, LONG *prev);
void WINAPI w32_ReleaseSRWLockExclusive(W_SRWLOCK *l);
void WINAPI w32_ReleaseSRWLockShared(W_SRWLOCK *l);
BOOL WINAPI w32_RemoveDirectoryA(LPCSTR name);
BOOL WINAPI w32_RemoveDirectoryW(LPCWSTR name);
ULONG WINAPI w32_RemoveVectoredExceptionHandler(void *h);
BOOL WINAPI w32_ResetEvent(HANDLE h);
DWORD WINAPI w32_ResumeThread(HANDLE h);
BOOL WINAPI w32_SetConsoleCP(UINT cp);
BOOL WINAPI w32_SetConsoleCtrlHandler(ctrl_fn fn, BOOL add);
BOOL WINAPI w32_SetConsoleMode(HANDLE h, DWORD mode);
BOOL WINAPI w32_SetConsoleOutputCP(UINT cp);
BOOL WINAPI w32_SetConsoleTextAttribute(HANDLE h, WORD attr);
BOOL WINAPI w32_SetCurrentDirectoryA(LPCSTR name);
BOOL WINAPI w32_SetCurrentDirectoryW(LPCWSTR name);
BOOL WINAPI w32_SetEndOfFile(HANDLE h);
BOOL WINAPI w32_SetEnvironmentVariableA(LPCSTR name, LPCSTR value);
BOOL WINAPI w32_SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value);
BOOL WINAPI w32_SetEvent(HANDLE h);
DWORD WINAPI w32_SetFilePointer(HANDLE h, LONG lo, LONG *hi, DWORD method);
BOOL WINAPI w32_SetFilePointerEx(HANDLE h, LARGE_INTEGER dist,
				 LARGE_INTEGER *newpos, DWORD method);
void WINAPI w32_SetLastError(DWORD e);
BOOL WINAPI w32_SetProcessAffinityMask(HANDLE h, ULONG_PTR mask);
BOOL WINAPI w32_SetStdHandle(DWORD which, HANDLE h);
BOOL WINAPI w32_SetSystemTime(const SYSTEMTIME *st);
BOOL WINAPI w32_SetThreadContext(HANDLE h, const void *ctx);
BOOL WINAPI w32_SetThreadPriority(HANDLE h, int prio);
void *WINAPI w32_SetUnhandledExceptionFilter(void *filter);
void WINAPI w32_Sleep(DWORD ms);
BOOL WINAPI w32_SleepConditionVariableCS(W_CONDITION_VARIABLE *c,
					 CRITICAL_SECTION *cs, DWORD ms);
BOOL WINAPI w32_SleepConditionVariableSRW(W_CONDITION_VARIABLE *c, W_SRWLOCK *l,
					  DWORD ms, ULONG flags);
DWORD WINAPI w32_SleepEx(DWORD ms, BOOL alertable);
DWORD WINAPI w32_SuspendThread(HANDLE h);
BOOL WINAPI w32_SwitchToThread(void);
BOOL WINAPI w32_SystemTimeToFileTime(const SYSTEMTIME *st, FILETIME *ft);
BOOL WINAPI w32_TerminateProcess(HANDLE h, UINT code);
DWORD WINAPI w32_TlsAlloc(void);
BOOL WINAPI w32_TlsFree(DWORD i);
LPVOID WINAPI w32_TlsGetValue(DWORD i);
BOOL WINAPI w32_TlsSetValue(DWORD i, LPVOID v);
BOOL WINAPI w32_TryAcquireSRWLockExclusive(W_SRWLOCK *l);
BOOL WINAPI w32_TryAcquireSRWLockShared(W_SRWLOCK *l);
BOOL WINAPI w32_TryEnterCriticalSection(CRITICAL_SECTION *cs);
LONG WINAPI w32_UnhandledExceptionFilter(void *info);
BOOL WINAPI w32_UnmapViewOfFile(LPCVOID p);
LPVOID WINAPI w32_VirtualAlloc(LPVOID addr, SIZE_T size, DWORD type,
			       DWORD prot);
BOOL WINAPI w32_VirtualFree(LPVOID addr, SIZE_T size, DWORD type);
BOOL WINAPI w32_VirtualProtect(LPVOID addr, SIZE_T size, DWORD prot,
			       DWORD *old);
SIZE_T WINAPI w32_VirtualQuery(LPCVOID addr, MEMORY_BASIC_INFORMATION *mbi,
			       SIZE_T len);
DWORD WINAPI w32_WaitForMultipleObjects(DWORD n, const HANDLE *hs, BOOL all,
					DWORD ms);
DWORD WINAPI w32_WaitForSingleObject(HANDLE h, DWORD ms);
DWORD WINAPI w32_WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable);
void WINAPI w32_WakeAllConditionVariable(W_CONDITION_VARIABLE *c);
void WINAPI w32_WakeConditionVariable(W_CONDITION_VARIABLE *c);
INT WINAPI w32_WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src,
				   INT srclen, LPSTR dst, INT dstlen,
				   LPCSTR defchar, BOOL *useddef);
BOOL WINAPI w32_WriteConsoleA(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved);
BOOL WINAPI w32_WriteConsoleW(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			      void *reserved);
BOOL WINAPI w32_WriteFile(HANDLE h, LPCVOID buf, DWORD n, DWORD *written,
			  OVERLAPPED *overlapped);

/* kernel32's own helpers across its files. */
/* ReadFile/WriteFile (wr) at ov's offset on a synchronous handle: the
 * count in *count, the file pointer after the bytes, ov filled in
 * (overlapped.c). */
BOOL rt_file_transfer_at(HANDLE h, void *buf, DWORD n, DWORD *count,
			 OVERLAPPED *ov, int wr);
/* A request made with ov has completed: Internal gets the NTSTATUS of
 * ok or of the last error, InternalHigh bytes, and on success hEvent is
 * signalled; the last error is kept. */
void rt_overlapped_done(OVERLAPPED *ov, BOOL ok, DWORD bytes);

#endif
