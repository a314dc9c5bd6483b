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

/* What the dispatcher tells a frame's language handler (winnt.h
 * DISPATCHER_CONTEXT, x64). */
typedef struct {
	uint64_t ControlPc;
	uint64_t ImageBase;
	RUNTIME_FUNCTION *FunctionEntry;
	uint64_t EstablisherFrame;
	uint64_t TargetIp;
	W_CONTEXT *ContextRecord;
	void *LanguageHandler;
	void *HandlerData;
	void *HistoryTable;
	DWORD ScopeIndex, Fill0;
} DISPATCHER_CONTEXT;

/* The language handler of C's __try/__except/__finally (seh.c); msvcrt
 * exports it too. */
int WINAPI w32___C_specific_handler(W_EXCEPTION_RECORD *rec, uint64_t frame,
				     W_CONTEXT *ctx, DISPATCHER_CONTEXT *dc);

void WINAPI w32_RaiseException(DWORD code, DWORD flags, DWORD nargs,
			       const ULONG_PTR *args);
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

/* The exception dispatcher (dispatch.c): vectored handlers, frame
 * handlers, the unhandled-exception filter; returns when the thread is
 * to continue in *ctx, ends the process when nothing handles it. */
void rt_dispatch_exception(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx);
/* The same for a CPU fault (rt_exception_entry calls it); resumes *ctx. */
void rt_dispatch_fault(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx)
	__attribute__((noreturn));
/* The frame-based handlers of the stack ctx describes (seh.c): 1 when
 * one continues execution (in *ctx), 0 when none handles it, -1 when one
 * tried to continue a noncontinuable exception. */
int rt_seh_frames(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx);
/* Installs ctx: registers, stack, instruction pointer (seh_asm.S). */
void rt_seh_restore(const W_CONTEXT *ctx) __attribute__((noreturn));

#endif
