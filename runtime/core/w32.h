/*
 * w32.h — Windows types, constants and structures as the runtime's
 * kernel32/msvcrt functions see them.
 *
 * Every function Windows code can call is WINAPI (the Microsoft x64
 * convention, ms_abi) and is named w32_<WindowsName>.  Sizes follow
 * LLP64: long is 32 bits on Windows, so Windows-side longs are LONG or
 * int32_t here, never C long.
 */
#ifndef DLLSHARE_W32_H
#define DLLSHARE_W32_H

#include <stddef.h>
#include <stdint.h>

#define WINAPI __attribute__((ms_abi))

typedef uint8_t BYTE;
typedef uint16_t WORD;
typedef uint32_t DWORD;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef int32_t BOOL;
typedef int32_t INT;
typedef uint32_t UINT;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uint64_t DWORD64;
typedef uint64_t ULONG_PTR;
typedef uint64_t DWORD_PTR;
typedef uint64_t UINT_PTR;
typedef unsigned char BOOLEAN;
typedef int32_t HRESULT;
typedef int64_t LONG_PTR;
typedef uint64_t SIZE_T;
typedef uint16_t WCHAR;
typedef char CHAR;
typedef void *HANDLE;
typedef void *HMODULE;
typedef void *HINSTANCE;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef DWORD *LPDWORD;
typedef void *FARPROC;
typedef int64_t LARGE_INTEGER; /* the QuadPart view is all we use */

/* Windows-side va_list: a char * walking the caller's home area. */
typedef __builtin_ms_va_list w32_va_list;

#define TRUE		     1
#define FALSE		     0
#define INVALID_HANDLE_VALUE ((HANDLE)(intptr_t)-1)
#define INFINITE	     0xffffffffu
#define MAX_PATH	     260

/* Error codes (winerror.h) the runtime reports. */
#define ERROR_SUCCESS		     0
#define ERROR_INVALID_FUNCTION	     1
#define ERROR_FILE_NOT_FOUND	     2
#define ERROR_PATH_NOT_FOUND	     3
#define ERROR_TOO_MANY_OPEN_FILES    4
#define ERROR_ACCESS_DENIED	     5
#define ERROR_INVALID_HANDLE	     6
#define ERROR_NOT_ENOUGH_MEMORY	     8
#define ERROR_BAD_FORMAT	     11
#define ERROR_INVALID_ACCESS	     12
#define ERROR_OUTOFMEMORY	     14
#define ERROR_NOT_SAME_DEVICE	     17
#define ERROR_NO_MORE_FILES	     18
#define ERROR_SHARING_VIOLATION	     32
#define ERROR_BAD_LENGTH	     24
#define ERROR_LOCK_VIOLATION	     33
#define ERROR_HANDLE_EOF	     38
#define ERROR_NOT_SUPPORTED	     50
#define ERROR_DISK_FULL		     112
#define ERROR_IO_PENDING	     997
#define ERROR_FILE_EXISTS	     80
#define ERROR_INVALID_PARAMETER	     87
#define ERROR_BROKEN_PIPE	     109
#define ERROR_MORE_DATA		     234
#define ERROR_INSUFFICIENT_BUFFER    122
#define ERROR_INVALID_NAME	     123
#define ERROR_MOD_NOT_FOUND	     126
#define ERROR_PROC_NOT_FOUND	     127
#define ERROR_NEGATIVE_SEEK	     131
#define ERROR_DIR_NOT_EMPTY	     145
#define ERROR_NOT_LOCKED	     158
#define ERROR_ALREADY_EXISTS	     183
#define ERROR_ENVVAR_NOT_FOUND	     203
#define ERROR_FILENAME_EXCED_RANGE   206
#define ERROR_NO_UNICODE_TRANSLATION 1113
#define ERROR_INVALID_ADDRESS	     487
#define ERROR_NOACCESS		     998
#define ERROR_NOT_FOUND		     1168
#define ERROR_TIMEOUT		     1460
#define WAIT_OBJECT_0		     0u
#define WAIT_ABANDONED		     0x80u
#define WAIT_TIMEOUT		     258u
#define WAIT_FAILED		     0xffffffffu
#define STILL_ACTIVE		     259u

/* Exception codes (ntstatus.h) the runtime raises. */
#define STATUS_GUARD_PAGE_VIOLATION    0x80000001u
#define STATUS_BREAKPOINT	       0x80000003u
#define STATUS_SINGLE_STEP	       0x80000004u
#define STATUS_LONGJUMP		       0x80000026u
#define STATUS_ACCESS_VIOLATION	       0xC0000005u
#define STATUS_IN_PAGE_ERROR	       0xC0000006u
#define STATUS_END_OF_FILE	       0xC0000011u
#define STATUS_ILLEGAL_INSTRUCTION     0xC000001Du
#define STATUS_NONCONTINUABLE_EXCEPTION 0xC0000025u
#define STATUS_INVALID_DISPOSITION     0xC0000026u
#define STATUS_ARRAY_BOUNDS_EXCEEDED   0xC000008Cu
#define STATUS_FLOAT_DENORMAL_OPERAND  0xC000008Du
#define STATUS_FLOAT_DIVIDE_BY_ZERO    0xC000008Eu
#define STATUS_FLOAT_INEXACT_RESULT    0xC000008Fu
#define STATUS_FLOAT_INVALID_OPERATION 0xC0000090u
#define STATUS_FLOAT_OVERFLOW	       0xC0000091u
#define STATUS_FLOAT_STACK_CHECK       0xC0000092u
#define STATUS_FLOAT_UNDERFLOW	       0xC0000093u
#define STATUS_INTEGER_DIVIDE_BY_ZERO  0xC0000094u
#define STATUS_INTEGER_OVERFLOW	       0xC0000095u
#define STATUS_PRIVILEGED_INSTRUCTION  0xC0000096u
#define STATUS_STACK_OVERFLOW	       0xC00000FDu

/* File access rights (CreateFile's dwDesiredAccess) and sharing. */
#define GENERIC_READ	       0x80000000u
#define GENERIC_WRITE	       0x40000000u
#define GENERIC_EXECUTE	       0x20000000u
#define GENERIC_ALL	       0x10000000u
#define FILE_READ_DATA	       0x1u
#define FILE_WRITE_DATA	       0x2u
#define FILE_APPEND_DATA       0x4u
#define FILE_EXECUTE	       0x20u
#define DELETE		       0x10000u
/* The rights that read a file's data, and that write it anywhere
 * (FILE_APPEND_DATA, which writes only at the end, is apart). */
#define FILE_READ_RIGHTS                                                      \
	(GENERIC_READ | GENERIC_EXECUTE | GENERIC_ALL | FILE_READ_DATA |      \
	 FILE_EXECUTE)
#define FILE_WRITE_RIGHTS (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA)
#define FILE_SHARE_READ	       0x1u
#define FILE_SHARE_WRITE       0x2u
#define FILE_SHARE_DELETE      0x4u

/* Page protections (winnt.h PAGE_*) and allocation types (MEM_*). */
#define PAGE_NOACCESS	       0x01
#define PAGE_READONLY	       0x02
#define PAGE_READWRITE	       0x04
#define PAGE_WRITECOPY	       0x08
#define PAGE_EXECUTE	       0x10
#define PAGE_EXECUTE_READ      0x20
#define PAGE_EXECUTE_READWRITE 0x40
#define PAGE_EXECUTE_WRITECOPY 0x80
#define PAGE_GUARD	       0x100
#define MEM_COMMIT	       0x1000
#define MEM_RESERVE	       0x2000
#define MEM_DECOMMIT	       0x4000
#define MEM_RELEASE	       0x8000
#define MEM_FREE	       0x10000
#define MEM_PRIVATE	       0x20000
#define MEM_MAPPED	       0x40000
#define MEM_IMAGE	       0x1000000

/* CRITICAL_SECTION (winnt.h RTL_CRITICAL_SECTION, 40 bytes on x64).
 * The runtime uses LockCount as a futex word (0 free, 1 held, 2 held
 * with waiters), OwningThread as the owner's thread id. */
typedef struct {
	void *DebugInfo;
	LONG LockCount;
	LONG RecursionCount;
	HANDLE OwningThread;
	HANDLE LockSemaphore;
	ULONG_PTR SpinCount;
} CRITICAL_SECTION;

typedef struct {
	WORD wProcessorArchitecture;
	WORD wReserved;
	DWORD dwPageSize;
	LPVOID lpMinimumApplicationAddress;
	LPVOID lpMaximumApplicationAddress;
	ULONG_PTR dwActiveProcessorMask;
	DWORD dwNumberOfProcessors;
	DWORD dwProcessorType;
	DWORD dwAllocationGranularity;
	WORD wProcessorLevel;
	WORD wProcessorRevision;
} SYSTEM_INFO;

typedef struct {
	LPVOID BaseAddress;
	LPVOID AllocationBase;
	DWORD AllocationProtect;
	WORD PartitionId;
	SIZE_T RegionSize;
	DWORD State;
	DWORD Protect;
	DWORD Type;
} MEMORY_BASIC_INFORMATION;

typedef struct {
	DWORD cb;
	LPSTR lpReserved;
	LPSTR lpDesktop;
	LPSTR lpTitle;
	DWORD dwX, dwY, dwXSize, dwYSize;
	DWORD dwXCountChars, dwYCountChars;
	DWORD dwFillAttribute;
	DWORD dwFlags;
	WORD wShowWindow;
	WORD cbReserved2;
	BYTE *lpReserved2;
	HANDLE hStdInput;
	HANDLE hStdOutput;
	HANDLE hStdError;
} STARTUPINFOA; /* STARTUPINFOW has the same layout with LPWSTR fields */

#define STARTF_USESTDHANDLES 0x100

typedef struct {
	HANDLE hProcess;
	HANDLE hThread;
	DWORD dwProcessId;
	DWORD dwThreadId;
} PROCESS_INFORMATION;

typedef struct {
	DWORD nLength;
	LPVOID lpSecurityDescriptor;
	BOOL bInheritHandle;
} SECURITY_ATTRIBUTES;

/* A handle's attributes (GetHandleInformation, SetHandleInformation). */
#define HANDLE_FLAG_INHERIT	       0x1
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x2

typedef struct {
	DWORD dwLowDateTime;
	DWORD dwHighDateTime;
} FILETIME;

typedef struct {
	WORD wYear, wMonth, wDayOfWeek, wDay;
	WORD wHour, wMinute, wSecond, wMilliseconds;
} SYSTEMTIME;

/* ---- structured exception handling (winnt.h, x64) ---- */

/* winnt.h CONTEXT (x64), the fields the unwinder touches. */
typedef struct __attribute__((aligned(16))) {
	uint64_t home[6];
	DWORD ContextFlags, MxCsr;
	WORD seg[6];
	DWORD EFlags;
	uint64_t dr[6];
	uint64_t gpr[16]; /* Rax Rcx Rdx Rbx Rsp Rbp Rsi Rdi R8..R15 */
	uint64_t Rip;
	uint8_t flt[0xa0];
	uint8_t xmm[16][16];
	uint8_t rest[0x4d0 - 0x2a0];
} W_CONTEXT;
_Static_assert(offsetof(W_CONTEXT, gpr) == 0x78, "CONTEXT.Rax");
_Static_assert(offsetof(W_CONTEXT, Rip) == 0xf8, "CONTEXT.Rip");
_Static_assert(offsetof(W_CONTEXT, xmm) == 0x1a0, "CONTEXT.Xmm0");
_Static_assert(sizeof(W_CONTEXT) == 0x4d0, "CONTEXT size");
typedef struct {
	DWORD BeginAddress, EndAddress, UnwindData;
} RUNTIME_FUNCTION;

/* An I/O request's position and result (ReadFile, WriteFile, LockFileEx):
 * Internal is the NTSTATUS, InternalHigh the byte count. */
typedef struct {
	ULONG_PTR Internal, InternalHigh;
	DWORD Offset, OffsetHigh;
	HANDLE hEvent;
} OVERLAPPED;
_Static_assert(offsetof(OVERLAPPED, Offset) == 16, "OVERLAPPED.Offset");
_Static_assert(sizeof(OVERLAPPED) == 32, "OVERLAPPED size");

typedef struct W_EXCEPTION_RECORD {
	DWORD ExceptionCode;
	DWORD ExceptionFlags;
	struct W_EXCEPTION_RECORD *ExceptionRecord;
	void *ExceptionAddress;
	DWORD NumberParameters;
	ULONG_PTR ExceptionInformation[15];
} W_EXCEPTION_RECORD;

typedef struct {
	W_EXCEPTION_RECORD *ExceptionRecord;
	W_CONTEXT *ContextRecord;
} W_EXCEPTION_POINTERS;

#endif
