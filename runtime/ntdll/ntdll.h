/*
 * ntdll.h — ntdll.dll as the runtime builds it: every w32_ function its files
 * define, declared here once (the runtime builds with -Wmissing-prototypes,
 * so a definition without its declaration does not compile), and the types
 * they share, one section per file.  Which of them are exported, and under
 * which names, is exports.h.
 */
#ifndef DLLSHARE_NTDLL_H
#define DLLSHARE_NTDLL_H

#include "runtime/core/core.h"

/* ---- rtl.c: the version, memory fills and moves, the TEB ---------------- */

typedef struct {
	ULONG dwOSVersionInfoSize;
	ULONG dwMajorVersion;
	ULONG dwMinorVersion;
	ULONG dwBuildNumber;
	ULONG dwPlatformId;
	WCHAR szCSDVersion[128];
} RTL_OSVERSIONINFOW;

void *WINAPI w32_NtCurrentTeb(void);
void WINAPI w32_RtlFillMemory(void *d, SIZE_T n, BYTE c);
LONG WINAPI w32_RtlGetVersion(RTL_OSVERSIONINFOW *vi);
void WINAPI w32_RtlMoveMemory(void *d, const void *s, SIZE_T n);
void WINAPI w32_RtlZeroMemory(void *p, SIZE_T n);

/* ---- seh.c, seh_asm.S: structured exception handling ------------------- */

/* kernel32 exports RaiseException and the Rtl* unwinding functions too, as
 * Windows' kernel32 forwards them here. */
void WINAPI w32_RaiseException(DWORD code, DWORD flags, DWORD nargs,
			       const ULONG_PTR *args);
/* The language handler of __try/__except/__finally scopes; dispatch is a
 * DISPATCHER_CONTEXT (seh.c).  kernel32 and msvcrt export it too. */
int WINAPI w32___C_specific_handler(W_EXCEPTION_RECORD *rec, uint64_t frame,
				    W_CONTEXT *ctx, void *dispatch);
void WINAPI w32_RtlCaptureContext(W_CONTEXT *ctx);
RUNTIME_FUNCTION *WINAPI w32_RtlLookupFunctionEntry(uint64_t pc, uint64_t *base,
						    void *history);
void WINAPI w32_RtlUnwindEx(void *frame, void *ip, W_EXCEPTION_RECORD *rec,
			    void *retval, W_CONTEXT *ctx, void *history);
void *WINAPI w32_RtlVirtualUnwind(DWORD type, uint64_t base, uint64_t pc,
				  RUNTIME_FUNCTION *fe, W_CONTEXT *ctx,
				  void **hdata, uint64_t *establisher,
				  void *ptrs);
/* The C halves of RaiseException and RtlUnwindEx (seh_asm.S captures the
 * caller's context, then calls them). */
void rt_seh_raise(DWORD code, DWORD flags, DWORD nargs, const ULONG_PTR *args,
		  W_CONTEXT *raise_ctx);
void rt_seh_unwind(void *target_frame, void *target_ip, W_EXCEPTION_RECORD *rec,
		   void *retval, W_CONTEXT *out, W_CONTEXT *caller);
/* The filter SetUnhandledExceptionFilter installed (kernel32/exception.c),
 * called by rt_seh_raise when no frame handles an exception; NULL: none. */
extern void *rt_unhandled_filter;

#endif
