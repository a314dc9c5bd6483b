/*
 * seh.c — Windows x64 structured exception handling, enough for the C++
 * exceptions of mingw-w64 programs (libgcc's SEH unwinder) and for
 * RaiseException.
 *
 * Windows describes every non-leaf function of an image in its .pdata
 * (RUNTIME_FUNCTION: start, end, UNWIND_INFO), PE/COFF spec 6.5 and the
 * "x64 exception handling" documentation.  RaiseException walks the
 * stack frame by frame with RtlVirtualUnwind and calls each frame's
 * language handler (search phase); a handler that wants the exception
 * calls RtlUnwindEx, which walks again calling the handlers with
 * EXCEPTION_UNWINDING (cleanups) up to the target frame, then installs
 * the target's context.  The register-level parts are in seh_asm.S.
 *
 * dllshare's own frames (this file, compiled for Linux) have no .pdata:
 * walks step over them with the contexts each active dispatch or unwind
 * records (see skip_runtime), as Windows' dispatcher frames unwind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/ntdll/ntdll.h"


#define RSP gpr[4]
#define RAX gpr[0]



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

typedef int(WINAPI *handler_fn)(W_EXCEPTION_RECORD *, uint64_t, W_CONTEXT *,
				DISPATCHER_CONTEXT *);

#define UNW_FLAG_EHANDLER	  1
#define UNW_FLAG_UHANDLER	  2
#define UNW_FLAG_CHAININFO	  4
#define EXCEPTION_NONCONTINUABLE  0x1
#define EXCEPTION_UNWINDING	  0x2
#define EXCEPTION_EXIT_UNWIND	  0x4
#define EXCEPTION_TARGET_UNWIND	  0x20
#define EXCEPTION_COLLIDED_UNWIND 0x40
#define MAX_FRAMES		  100000 /* a corrupt stack must not loop forever */

void rt_seh_restore(const W_CONTEXT *ctx) __attribute__((noreturn));
/* seh_asm.S */

/* ---- .pdata lookup --------------------------------------------------- */

/* The image's exception directory (data directory 3), read from its
 * mapped headers. */
static RUNTIME_FUNCTION *pdata(uint64_t base, DWORD *count)
{
	const uint8_t *b = (const uint8_t *)base;
	DWORD lfanew, rva, size;
	const uint8_t *opt;

	memcpy(&lfanew, b + 0x3c, 4);
	opt = b + lfanew + 24;
	if (*(const uint16_t *)opt != 0x20b) /* PE32+ */
		return 0;
	memcpy(&rva, opt + 112 + 3 * 8, 4);
	memcpy(&size, opt + 112 + 3 * 8 + 4, 4);
	if (!rva || size < sizeof(RUNTIME_FUNCTION))
		return 0;
	*count = size / sizeof(RUNTIME_FUNCTION);
	return (RUNTIME_FUNCTION *)(base + rva);
}

RUNTIME_FUNCTION *WINAPI w32_RtlLookupFunctionEntry(uint64_t pc, uint64_t *base,
						    void *history)
{
	struct ld_view *v;
	RUNTIME_FUNCTION *t;
	DWORD n = 0, lo = 0, hi, rva;

	*base = 0;
	v = ld_view_at((const void *)pc);
	if (!v)
		return 0;
	*base = (uint64_t)ld_view_base(v);
	t = pdata(*base, &n);
	if (!t)
		return 0;
	rva = (DWORD)(pc - *base);
	hi = n;
	while (lo < hi) {
		DWORD mid = lo + (hi - lo) / 2;

		if (rva < t[mid].BeginAddress)
			hi = mid;
		else if (rva >= t[mid].EndAddress)
			lo = mid + 1;
		else
			return &t[mid];
	}
	return 0;
}

/* ---- RtlVirtualUnwind ------------------------------------------------- */

struct unwind_info {
	uint8_t version_flags;
	uint8_t prolog;
	uint8_t count;
	uint8_t frame;
	uint16_t codes[];
};

static int code_slots(uint16_t c)
{
	switch (c >> 8 & 0xf) {
	case 1: return (c >> 12) ? 3 : 2; /* ALLOC_LARGE */
	case 4: return 2;		  /* SAVE_NONVOL */
	case 5: return 3;		  /* SAVE_NONVOL_FAR */
	case 8: return 2;		  /* SAVE_XMM128 */
	case 9: return 3;		  /* SAVE_XMM128_FAR */
	default: return 1;
	}
}

/* The 32-bit operand of a three-slot code, in its second and third slots
 * (read only for those: a shorter code may end the array). */
static uint32_t far_operand(const uint16_t *c)
{
	return c[1] | (uint32_t)c[2] << 16;
}

/* Undoes one unwind code (UNWIND_CODE, with its extra slots at c[1],
 * c[2]) in ctx; frame is the frame register's base.  1 for
 * PUSH_MACHFRAME, which also restored Rip. */
static int undo_code(W_CONTEXT *ctx, const uint16_t *c, uint64_t frame)
{
	int op = c[0] >> 8 & 0xf, info = c[0] >> 12;

	switch (op) {
	case 0: /* PUSH_NONVOL */
		ctx->gpr[info] = *(uint64_t *)ctx->RSP;
		ctx->RSP += 8;
		break;
	case 1: /* ALLOC_LARGE */
		ctx->RSP += info ? far_operand(c) : (uint64_t)c[1] * 8;
		break;
	case 2: /* ALLOC_SMALL */ ctx->RSP += (uint64_t)info * 8 + 8; break;
	case 3: /* SET_FPREG */ ctx->RSP = frame; break;
	case 4: /* SAVE_NONVOL */
		ctx->gpr[info] = *(uint64_t *)(frame + c[1] * 8u);
		break;
	case 5: /* SAVE_NONVOL_FAR */
		ctx->gpr[info] = *(uint64_t *)(frame + far_operand(c));
		break;
	case 8: /* SAVE_XMM128 */
		memcpy(ctx->xmm[info], (void *)(frame + c[1] * 16u), 16);
		break;
	case 9: /* SAVE_XMM128_FAR */
		memcpy(ctx->xmm[info], (void *)(frame + far_operand(c)), 16);
		break;
	case 10: /* PUSH_MACHFRAME */
		if (info)
			ctx->RSP += 8;
		ctx->Rip = *(uint64_t *)ctx->RSP;
		ctx->RSP = *(uint64_t *)(ctx->RSP + 24);
		return 1;
	}
	return 0;
}

/* Undoes the prolog of the function at pc in ctx: after it, ctx is the
 * caller's context.  Returns the language handler (of the kind `type`
 * asks for) or NULL.  Epilogs are not detected: the walk only meets call
 * sites, which are outside them. */
void *WINAPI w32_RtlVirtualUnwind(DWORD type, uint64_t base, uint64_t pc,
				  RUNTIME_FUNCTION *fe, W_CONTEXT *ctx,
				  void **hdata, uint64_t *establisher,
				  void *ptrs)
{
	void *handler = 0;
	int mach = 0;

	*hdata = 0;
	*establisher = ctx->RSP;
	for (int chain = 0; chain < 32; chain++) {
		const struct unwind_info *ui =
			(const void *)(base + fe->UnwindData);
		uint64_t off = pc - (base + fe->BeginAddress);
		uint64_t frame = ctx->RSP;
		int freg = ui->frame & 0xf;

		if (freg) {
			frame = ctx->gpr[freg] -
				(uint64_t)(ui->frame >> 4) * 16;
			if (off >= ui->prolog || chain)
				*establisher = frame;
		}
		for (int i = 0; i < ui->count; i += code_slots(ui->codes[i])) {
			if (!chain && off < (ui->codes[i] & 0xff))
				continue; /* not executed yet */
			mach |= undo_code(ctx, ui->codes + i, frame);
		}
		{
			const uint16_t *after =
				ui->codes + ((ui->count + 1) & ~1);
			int flags = ui->version_flags >> 3;

			if (!chain && (flags & type) && off >= ui->prolog) {
				handler =
					(void *)(base + *(const DWORD *)after);
				*hdata = (void *)(after + 2);
			}
			if (!(flags & UNW_FLAG_CHAININFO))
				break;
			fe = (RUNTIME_FUNCTION *)after;
		}
	}
	if (!mach) {
		ctx->Rip = *(uint64_t *)ctx->RSP;
		ctx->RSP += 8;
	}
	return handler;
}

/* Is pc in a mapped image (Windows code, described by .pdata)? */
static int in_image(uint64_t pc)
{
	return ld_view_at((const void *)pc) != NULL;
}

/* One step up the stack from an image frame: fills the dispatcher
 * context for the frame of ctx and unwinds ctx to its caller. */
static void step(DWORD type, W_CONTEXT *ctx, DISPATCHER_CONTEXT *dc)
{
	uint64_t base;
	RUNTIME_FUNCTION *fe = w32_RtlLookupFunctionEntry(ctx->Rip, &base, 0);

	dc->ControlPc = ctx->Rip;
	dc->ImageBase = base;
	dc->FunctionEntry = fe;
	dc->LanguageHandler = 0;
	dc->HandlerData = 0;
	dc->ScopeIndex = 0;
	if (!fe) {
		/* A leaf function: only the return address is on the stack. */
		dc->EstablisherFrame = ctx->RSP;
		ctx->Rip = *(uint64_t *)ctx->RSP;
		ctx->RSP += 8;
		return;
	}
	dc->LanguageHandler = w32_RtlVirtualUnwind(type, base, ctx->Rip, fe,
						   ctx, &dc->HandlerData,
						   &dc->EstablisherFrame, 0);
}

/* The runtime's own frames on the stack (a dispatcher calling a handler,
 * an unwind calling a handler) have no .pdata.  Each active dispatch or
 * unwind records where the Windows frames continue above it: for
 * RaiseException the raiser's context, for RtlUnwindEx its caller's.  A
 * walk that meets a runtime frame resumes at the next such record, older
 * and older — the physical stack, as Windows' own dispatcher frames would
 * unwind. */
#define MAX_ACTIVE 64
static __thread W_CONTEXT *active[MAX_ACTIVE];
static __thread int nactive;

/* Moves cur to the next Windows frame if it is in runtime code; 0, or -1
 * at the end of the Windows frames. */
static int skip_runtime(W_CONTEXT *cur, int *next)
{
	while (!in_image(cur->Rip)) {
		if (*next < 0)
			return -1;
		*cur = *active[(*next)--];
	}
	return 0;
}

/* ---- RaiseException --------------------------------------------------- */

typedef struct {
	W_EXCEPTION_RECORD *ExceptionRecord;
	W_CONTEXT *ContextRecord;
} W_EXCEPTION_POINTERS;

/* Called by w32_RaiseException (seh_asm.S) with the raiser's context;
 * returns when execution is to continue there. */
void rt_seh_raise(DWORD code, DWORD flags, DWORD nargs, const ULONG_PTR *args,
		  W_CONTEXT *raise_ctx)
{
	W_EXCEPTION_RECORD rec;
	W_CONTEXT cur = *raise_ctx, frame_ctx;
	DISPATCHER_CONTEXT dc;
	int me = nactive, next = nactive - 1;

	memset(&rec, 0, sizeof(rec));
	rec.ExceptionCode = code;
	rec.ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE;
	rec.ExceptionAddress = (void *)raise_ctx->Rip;
	rec.NumberParameters = nargs > 15 ? 15 : nargs;
	if (args)
		memcpy(rec.ExceptionInformation, args,
		       rec.NumberParameters * sizeof(ULONG_PTR));
	{
		W_EXCEPTION_POINTERS ep = {&rec, raise_ctx};

		if (rt_call_vectored(&ep))
			return; /* EXCEPTION_CONTINUE_EXECUTION */
	}
	if (me >= MAX_ACTIVE)
		goto unhandled;
	active[nactive++] = raise_ctx;
	for (int n = 0; n < MAX_FRAMES; n++) {
		if (skip_runtime(&cur, &next) < 0)
			break;
		frame_ctx = cur;
		step(UNW_FLAG_EHANDLER, &cur, &dc);
		if (dc.LanguageHandler) {
			int r;

			dc.ContextRecord = &frame_ctx;
			dc.TargetIp = 0;
			dc.HistoryTable = 0;
			r = ((handler_fn)dc.LanguageHandler)(
				&rec, dc.EstablisherFrame, &frame_ctx, &dc);
			if (r == 0 &&
			    !(rec.ExceptionFlags & EXCEPTION_NONCONTINUABLE)) {
				nactive = me; /* ExceptionContinueExecution */
				return;
			}
		}
		if (!cur.Rip || cur.RSP <= frame_ctx.RSP)
			break;
	}
	nactive = me;
unhandled:
	/* The filter of SetUnhandledExceptionFilter decides (mingw's lets
	 * GCC exceptions continue so that std::terminate runs). */
	if (rt_unhandled_filter) {
		W_EXCEPTION_POINTERS ep = {&rec, raise_ctx};
		LONG r = ((LONG(WINAPI *)(
			W_EXCEPTION_POINTERS *))rt_unhandled_filter)(&ep);

		if (r == -1) /* EXCEPTION_CONTINUE_EXECUTION */
			return;
	}
	rt_exit_hooks_run();
	fprintf(stderr, "dllshare: unhandled exception 0x%08x at %p\n", code,
		rec.ExceptionAddress);
	rt_report_exit(code);
	_exit((int)(code & 0xff));
}

/* ---- RtlUnwindEx --------------------------------------------------------- */

/* Called by w32_RtlUnwindEx (seh_asm.S) with its caller's context; never
 * returns. */
void rt_seh_unwind(void *target_frame, void *target_ip, W_EXCEPTION_RECORD *rec,
		   void *retval, W_CONTEXT *out, W_CONTEXT *caller)
{
	W_EXCEPTION_RECORD local;
	W_CONTEXT cur = *caller, frame_ctx, final;
	DISPATCHER_CONTEXT dc;
	int next = nactive - 1;

	if (nactive >= MAX_ACTIVE)
		goto fail;
	active[nactive++] = caller;
	if (!rec) {
		memset(&local, 0, sizeof(local));
		local.ExceptionCode = 0xc0000027; /* STATUS_UNWIND */
		local.ExceptionAddress = (void *)cur.Rip;
		rec = &local;
	}
	rec->ExceptionFlags |= EXCEPTION_UNWINDING |
		(target_frame ? 0 : EXCEPTION_EXIT_UNWIND);
	for (int n = 0; n < MAX_FRAMES; n++) {
		if (skip_runtime(&cur, &next) < 0)
			break;
		frame_ctx = cur;
		step(UNW_FLAG_UHANDLER, &cur, &dc);
		if (target_frame &&
		    dc.EstablisherFrame > (uint64_t)target_frame)
			break; /* went past the target */
		if (dc.EstablisherFrame == (uint64_t)target_frame)
			rec->ExceptionFlags |= EXCEPTION_TARGET_UNWIND;
		if (dc.LanguageHandler) {
			dc.ContextRecord = &frame_ctx;
			dc.TargetIp = (uint64_t)target_ip;
			dc.HistoryTable = 0;
			((handler_fn)dc.LanguageHandler)(
				rec, dc.EstablisherFrame, &frame_ctx, &dc);
		}
		if (dc.EstablisherFrame == (uint64_t)target_frame) {
			final = frame_ctx;
			final.RAX = (uint64_t)retval;
			final.Rip = (uint64_t)target_ip;
			if (out)
				*out = final;
			/* Every runtime frame the walk passed is gone. */
			nactive = next + 1;
			rt_seh_restore(&final);
		}
	}
fail:
	rt_exit_hooks_run();
	fprintf(stderr, "dllshare: RtlUnwindEx: target frame %p not found\n",
		target_frame);
	_exit(3);
}


/* msvcrt's setjmp/longjmp (seh_asm.S). */


/* ---- __C_specific_handler: the scope tables of __try/__except/__finally */

typedef struct {
	DWORD Count;
	struct {
		DWORD BeginAddress, EndAddress, HandlerAddress, JumpTarget;
	} ScopeRecord[];
} SCOPE_TABLE;

typedef LONG(WINAPI *filter_fn)(W_EXCEPTION_POINTERS *, uint64_t);
typedef void(WINAPI *termination_fn)(BOOL, uint64_t);

#define EXCEPTION_EXECUTE_HANDLER    1
#define EXCEPTION_CONTINUE_SEARCH    0
#define ExceptionContinueExecution   0
#define ExceptionContinueSearch      1

/* The language handler of C code compiled with __try (MSVC, clang): while
 * dispatching, each scope around the faulting pc (from dc->ScopeIndex)
 * whose filter says EXECUTE_HANDLER is unwound to, its JumpTarget; a
 * filter that says CONTINUE_EXECUTION resumes.  While unwinding, the
 * __finally blocks of the scopes left are run, up to the target scope.
 * (x64 exception handling, "Language-specific handler", on Microsoft
 * Learn; the layout is the one the compilers emit.) */
int WINAPI w32___C_specific_handler(W_EXCEPTION_RECORD *rec, uint64_t frame,
				    W_CONTEXT *ctx, void *dispatch)
{
	DISPATCHER_CONTEXT *dc = dispatch;
	const SCOPE_TABLE *t = dc->HandlerData;
	uint64_t base = dc->ImageBase, pc = dc->ControlPc - base;

	if (!t)
		return ExceptionContinueSearch;
	if (rec->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
		uint64_t target = dc->TargetIp - base;

		for (DWORD i = dc->ScopeIndex; i < t->Count; i++) {
			const __typeof__(t->ScopeRecord[0]) *r = &t->ScopeRecord[i];

			if (pc < r->BeginAddress || pc >= r->EndAddress)
				continue;
			if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) &&
			    target >= r->BeginAddress && target < r->EndAddress)
				break;
			if (r->JumpTarget) {
				if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) &&
				    r->JumpTarget == target)
					break;
				continue;
			}
			dc->ScopeIndex = i + 1;
			((termination_fn)(base + r->HandlerAddress))(TRUE, frame);
		}
		return ExceptionContinueSearch;
	}
	for (DWORD i = dc->ScopeIndex; i < t->Count; i++) {
		const __typeof__(t->ScopeRecord[0]) *r = &t->ScopeRecord[i];
		LONG verdict;

		if (pc < r->BeginAddress || pc >= r->EndAddress || !r->JumpTarget)
			continue;
		if (r->HandlerAddress == EXCEPTION_EXECUTE_HANDLER) {
			verdict = EXCEPTION_EXECUTE_HANDLER;
		} else {
			W_EXCEPTION_POINTERS ep = {rec, ctx};

			verdict = ((filter_fn)(base + r->HandlerAddress))(&ep, frame);
		}
		if (verdict < 0)
			return ExceptionContinueExecution;
		if (verdict == EXCEPTION_CONTINUE_SEARCH)
			continue;
		w32_RtlUnwindEx((void *)frame, (void *)(base + r->JumpTarget), rec,
				(void *)(uintptr_t)rec->ExceptionCode,
				dc->ContextRecord, dc->HistoryTable);
	}
	return ExceptionContinueSearch;
}
