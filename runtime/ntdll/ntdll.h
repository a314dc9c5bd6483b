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
/* ---- vectored.c: vectored handlers, the top-level filter --------------- */

/* What a filter or a vectored handler answers (winnt.h / excpt.h). */
#define EXCEPTION_EXECUTE_HANDLER    1
#define EXCEPTION_CONTINUE_SEARCH    0
#define EXCEPTION_CONTINUE_EXECUTION (-1)

/* The vectored exception handlers (called before any frame's handler)
 * and continue handlers (called when an exception is to continue):
 * first nonzero puts the handler at the head of its list; the handle
 * returned is what Remove takes (1 when it was there, else 0).
 * kernel32's AddVectoredExceptionHandler and friends are these. */
void *WINAPI w32_RtlAddVectoredContinueHandler(ULONG first, void *fn);
void *WINAPI w32_RtlAddVectoredExceptionHandler(ULONG first, void *fn);
ULONG WINAPI w32_RtlRemoveVectoredContinueHandler(void *h);
ULONG WINAPI w32_RtlRemoveVectoredExceptionHandler(void *h);
/* Sets the filter the dispatcher calls last, when no handler takes an
 * exception (kernel32 gives it UnhandledExceptionFilter at start, as
 * Windows' kernel32 does for its threads' start); NULL: none. */
void WINAPI w32_RtlSetUnhandledExceptionFilter(void *filter);
/* For the dispatcher: the exception handlers in order, 1 when one
 * continues execution; the continue handlers; the top-level filter's
 * answer (EXCEPTION_CONTINUE_SEARCH when there is none). */
int rt_call_vectored(W_EXCEPTION_POINTERS *ep);
void rt_call_continue_handlers(W_EXCEPTION_POINTERS *ep);
LONG rt_call_top_filter(W_EXCEPTION_POINTERS *ep);

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
