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

/* RtlVirtualUnwind's optional KNONVOLATILE_CONTEXT_POINTERS (winnt.h,
 * x64): where on the stack each nonvolatile register was found. */
typedef struct {
	void *FloatingContext[16];
	uint64_t *IntegerContext[16];
} CONTEXT_POINTERS;

/* Restores integer register reg from the stack slot at, and tells ptrs
 * where it was. */
static void restore_gpr(W_CONTEXT *ctx, int reg, uint64_t at,
			CONTEXT_POINTERS *ptrs)
{
	ctx->gpr[reg] = *(uint64_t *)at;
	if (ptrs)
		ptrs->IntegerContext[reg] = (uint64_t *)at;
}

static void restore_xmm(W_CONTEXT *ctx, int reg, uint64_t at,
			CONTEXT_POINTERS *ptrs)
{
	memcpy(ctx->xmm[reg], (void *)at, 16);
	if (ptrs)
		ptrs->FloatingContext[reg] = (void *)at;
}

/* Undoes one unwind code (UNWIND_CODE, with its extra slots at c[1],
 * c[2]) in ctx; frame is the frame register's base.  1 for
 * PUSH_MACHFRAME, which also restored Rip. */
static int undo_code(W_CONTEXT *ctx, const uint16_t *c, uint64_t frame,
		     CONTEXT_POINTERS *ptrs)
{
	int op = c[0] >> 8 & 0xf, info = c[0] >> 12;

	switch (op) {
	case 0: /* PUSH_NONVOL */
		restore_gpr(ctx, info, ctx->RSP, ptrs);
		ctx->RSP += 8;
		break;
	case 1: /* ALLOC_LARGE */
		ctx->RSP += info ? far_operand(c) : (uint64_t)c[1] * 8;
		break;
	case 2: /* ALLOC_SMALL */ ctx->RSP += (uint64_t)info * 8 + 8; break;
	case 3: /* SET_FPREG */ ctx->RSP = frame; break;
	case 4: /* SAVE_NONVOL */
		restore_gpr(ctx, info, frame + c[1] * 8u, ptrs);
		break;
	case 5: /* SAVE_NONVOL_FAR */
		restore_gpr(ctx, info, frame + far_operand(c), ptrs);
		break;
	case 8: /* SAVE_XMM128 */
		restore_xmm(ctx, info, frame + c[1] * 16u, ptrs);
		break;
	case 9: /* SAVE_XMM128_FAR */
		restore_xmm(ctx, info, frame + far_operand(c), ptrs);
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

/* ---- epilogues ------------------------------------------------------------ */

/* The x64 convention allows only these epilogue forms ("x64 prolog and
 * epilog"): optionally `add rsp, imm` or `lea rsp, [frame reg + disp]`,
 * then `pop` of nonvolatile registers, then `ret` or a `jmp` out of the
 * function.  A fault (or a signal) can stop a thread inside one, where
 * the unwind codes no longer describe the stack: the rest of the
 * epilogue is then emulated instead.  1 when pc is in one (the sequence
 * up to the ret or jmp checked), 0 otherwise.  Only a jmp that leaves
 * the function [lo, hi) ends an epilogue — a tail call: directly, or
 * through memory (ModRM mod 00), never through a register — so a jmp
 * inside the function (a call's return address followed by a branch)
 * is not taken for one. */
static int in_epilogue(const uint8_t *pc, int freg, uint64_t lo, uint64_t hi)
{
	const uint8_t *p = pc;

	if (p[0] == 0x48 && p[1] == 0x83 && p[2] == 0xc4)
		p += 4; /* add rsp, imm8 */
	else if (p[0] == 0x48 && p[1] == 0x81 && p[2] == 0xc4)
		p += 7; /* add rsp, imm32 */
	else if ((p[0] & 0xfe) == 0x48 && p[1] == 0x8d && freg &&
		 (p[2] & 0x38) == 0x20 && (p[2] & 7) == (freg & 7) &&
		 (p[0] & 1) == (freg >> 3)) {
		/* lea rsp, [frame reg + disp8/disp32] */
		if ((p[2] >> 6) == 1)
			p += 4;
		else if ((p[2] >> 6) == 2)
			p += 7;
		else
			return 0;
	}
	for (int n = 0; n < 16; n++) {
		if (p[0] >= 0x58 && p[0] <= 0x5f)
			p += 1; /* pop r64 */
		else if (p[0] == 0x41 && p[1] >= 0x58 && p[1] <= 0x5f)
			p += 2; /* pop r8..r15 */
		else
			break;
	}
	if (p[0] == 0xc3 || (p[0] == 0xf3 && p[1] == 0xc3))
		return 1; /* ret, rep ret */
	if (p[0] == 0xe9 || p[0] == 0xeb) {
		int32_t d;
		uint64_t to;

		if (p[0] == 0xeb) {
			d = (int8_t)p[1];
			to = (uint64_t)p + 2 + (uint64_t)(int64_t)d;
		} else {
			memcpy(&d, p + 1, 4);
			to = (uint64_t)p + 5 + (uint64_t)(int64_t)d;
		}
		return to < lo || to >= hi; /* a tail call */
	}
	if (p[0] == 0x48)
		p++; /* rex.w jmp */
	return p[0] == 0xff && (p[1] & 0x38) == 0x20 && (p[1] >> 6) == 0;
}

/* Runs the rest of the epilogue at pc on ctx (in_epilogue said it is
 * one): ctx becomes the caller's context. */
static void run_epilogue(const uint8_t *p, W_CONTEXT *ctx,
			 CONTEXT_POINTERS *ptrs)
{
	if (p[0] == 0x48 && p[1] == 0x83 && p[2] == 0xc4) {
		ctx->RSP += (uint64_t)(int64_t)(int8_t)p[3];
		p += 4;
	} else if (p[0] == 0x48 && p[1] == 0x81 && p[2] == 0xc4) {
		int32_t d;

		memcpy(&d, p + 3, 4);
		ctx->RSP += (uint64_t)(int64_t)d;
		p += 7;
	} else if ((p[0] & 0xfe) == 0x48 && p[1] == 0x8d) {
		int reg = (p[2] & 7) | (p[0] & 1) << 3;
		int32_t d;

		if ((p[2] >> 6) == 1) {
			d = (int8_t)p[3];
			p += 4;
		} else {
			memcpy(&d, p + 3, 4);
			p += 7;
		}
		ctx->RSP = ctx->gpr[reg] + (uint64_t)(int64_t)d;
	}
	for (;;) {
		int reg;

		if (p[0] >= 0x58 && p[0] <= 0x5f) {
			reg = p[0] - 0x58;
			p += 1;
		} else if (p[0] == 0x41 && p[1] >= 0x58 && p[1] <= 0x5f) {
			reg = 8 + p[1] - 0x58;
			p += 2;
		} else {
			break;
		}
		restore_gpr(ctx, reg, ctx->RSP, ptrs);
		ctx->RSP += 8;
	}
	/* ret, or a tail jump whose target returns to the same caller. */
	ctx->Rip = *(uint64_t *)ctx->RSP;
	ctx->RSP += 8;
}

/* Undoes the prolog of the function at pc in ctx: after it, ctx is the
 * caller's context.  Returns the language handler (of the kind `type`
 * asks for) or NULL.  Stopped inside an epilogue, the function's frame
 * is partly gone already: the rest of the epilogue is run instead, and
 * no handler is returned (Windows does the same: an epilogue is outside
 * every handler's scope). */
void *WINAPI w32_RtlVirtualUnwind(DWORD type, uint64_t base, uint64_t pc,
				  RUNTIME_FUNCTION *fe, W_CONTEXT *ctx,
				  void **hdata, uint64_t *establisher,
				  void *ptrs)
{
	void *handler = 0;
	int mach = 0;

	*hdata = 0;
	{
		const struct unwind_info *ui =
			(const void *)(base + fe->UnwindData);
		int freg = ui->frame & 0xf;
		uint64_t off = pc - (base + fe->BeginAddress);

		/* Past the prolog, at an epilogue of the function itself
		 * (a chained entry's code lies in the primary's range). */
		if (off >= ui->prolog &&
		    in_epilogue((const uint8_t *)pc, freg,
				base + fe->BeginAddress,
				base + fe->EndAddress)) {
			*establisher = freg ? ctx->gpr[freg] -
					 (uint64_t)(ui->frame >> 4) * 16
					    : ctx->RSP;
			run_epilogue((const uint8_t *)pc, ctx, ptrs);
			return NULL;
		}
	}
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
			mach |= undo_code(ctx, ui->codes + i, frame, ptrs);
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

/* ---- the frame-based handlers -------------------------------------------- */

int rt_seh_frames(W_EXCEPTION_RECORD *rec, W_CONTEXT *ctx)
{
	W_CONTEXT cur = *ctx, frame_ctx;
	DISPATCHER_CONTEXT dc;
	int me = nactive, next = nactive - 1;

	if (me >= MAX_ACTIVE)
		return 0;
	active[nactive++] = ctx;
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
			/* As Windows: the handler gets the exception's own
			 * context (to change and continue with), the
			 * dispatcher context the frame's. */
			r = ((handler_fn)dc.LanguageHandler)(
				rec, dc.EstablisherFrame, ctx, &dc);
			if (r == 0) { /* ExceptionContinueExecution */
				nactive = me;
				return rec->ExceptionFlags &
						       EXCEPTION_NONCONTINUABLE
					       ? -1
					       : 1;
			}
		}
		if (!cur.Rip || cur.RSP <= frame_ctx.RSP)
			break;
	}
	nactive = me;
	return 0;
}

/* Called by w32_RaiseException (seh_asm.S) with the raiser's context;
 * returns when execution is to continue there. */
void rt_seh_raise(DWORD code, DWORD flags, DWORD nargs, const ULONG_PTR *args,
		  W_CONTEXT *raise_ctx)
{
	W_EXCEPTION_RECORD rec;

	memset(&rec, 0, sizeof(rec));
	rec.ExceptionCode = code;
	rec.ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE;
	/* Windows names the context's own Rip (inside RaiseException there,
	 * at the caller here: the address is in the caller's context). */
	rec.ExceptionAddress = (void *)raise_ctx->Rip;
	rec.NumberParameters = nargs > 15 ? 15 : nargs;
	if (args)
		memcpy(rec.ExceptionInformation, args,
		       rec.NumberParameters * sizeof(ULONG_PTR));
	rt_dispatch_exception(&rec, raise_ctx);
}

/* ---- __C_specific_handler ------------------------------------------------ */

/* The scope table a C compiler leaves as a function's handler data for
 * __try blocks (Windows' SCOPE_TABLE_AMD64): each record is one guarded
 * range, with a filter (or 1: EXCEPTION_EXECUTE_HANDLER) and the
 * __except block to jump to, or, when JumpTarget is 0, a __finally
 * block (HandlerAddress). */
typedef struct {
	DWORD Count;
	struct {
		DWORD BeginAddress, EndAddress, HandlerAddress, JumpTarget;
	} ScopeRecord[];
} SCOPE_TABLE;

typedef LONG(WINAPI *scope_filter_fn)(void *pointers, uint64_t frame);
typedef void(WINAPI *scope_finally_fn)(BYTE abnormal, uint64_t frame);

int WINAPI w32___C_specific_handler(W_EXCEPTION_RECORD *rec, uint64_t frame,
				     W_CONTEXT *ctx,
				     DISPATCHER_CONTEXT *dc)
{
	const SCOPE_TABLE *t = dc->HandlerData;
	uint64_t base = dc->ImageBase, pc = dc->ControlPc - base;

	if (rec->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) {
		/* Unwinding: run the __finally blocks the walk leaves, up
		 * to the scope the target lies in. */
		for (DWORD i = dc->ScopeIndex; i < t->Count; i++) {
			uint64_t tip = dc->TargetIp - base;

			if (pc < t->ScopeRecord[i].BeginAddress ||
			    pc >= t->ScopeRecord[i].EndAddress)
				continue;
			if ((rec->ExceptionFlags & EXCEPTION_TARGET_UNWIND) &&
			    tip >= t->ScopeRecord[i].BeginAddress &&
			    tip < t->ScopeRecord[i].EndAddress)
				break;
			if (t->ScopeRecord[i].JumpTarget)
				continue;
			/* Past this one, whatever its handler does. */
			dc->ScopeIndex = i + 1;
			((scope_finally_fn)(base +
					    t->ScopeRecord[i].HandlerAddress))(
				1, frame);
		}
		return 1; /* ExceptionContinueSearch */
	}
	for (DWORD i = dc->ScopeIndex; i < t->Count; i++) {
		W_EXCEPTION_POINTERS ep = {rec, ctx};
		LONG r;

		if (pc < t->ScopeRecord[i].BeginAddress ||
		    pc >= t->ScopeRecord[i].EndAddress ||
		    !t->ScopeRecord[i].JumpTarget)
			continue;
		r = t->ScopeRecord[i].HandlerAddress == 1
			? 1
			: ((scope_filter_fn)(base +
					     t->ScopeRecord[i].HandlerAddress))(
				  &ep, frame);
		if (r < 0) /* EXCEPTION_CONTINUE_EXECUTION */
			return 0;
		if (r > 0) {
			/* EXCEPTION_EXECUTE_HANDLER: unwind to the __except
			 * block, which gets the code in rax (Windows'
			 * GetExceptionCode() there). */
			w32_RtlUnwindEx((void *)frame,
					(void *)(base +
						 t->ScopeRecord[i].JumpTarget),
					rec, (void *)(uintptr_t)rec->ExceptionCode,
					ctx, dc->HistoryTable);
		}
	}
	return 1; /* ExceptionContinueSearch */
}

/* ---- RtlUnwindEx --------------------------------------------------------- */

/* msvcrt's _JUMP_BUFFER (setjmp.h, x64). */
struct jump_buffer {
	uint64_t Frame, Rbx, Rsp, Rbp, Rsi, Rdi, R12, R13, R14, R15, Rip;
	uint32_t MxCsr;
	uint16_t FpCsr, Spare;
	uint8_t Xmm[10][16]; /* Xmm6..Xmm15 */
};

/* The record longjmp unwinds with (seh_asm.S): one per thread, since
 * a longjmp never returns. */
W_EXCEPTION_RECORD *WINAPI rt_longjmp_record(const struct jump_buffer *buf);
W_EXCEPTION_RECORD *WINAPI rt_longjmp_record(const struct jump_buffer *buf)
{
	static __thread W_EXCEPTION_RECORD rec;

	memset(&rec, 0, sizeof rec);
	rec.ExceptionCode = STATUS_LONGJUMP;
	rec.ExceptionAddress = (void *)buf->Rip;
	rec.NumberParameters = 1;
	rec.ExceptionInformation[0] = (ULONG_PTR)buf;
	return &rec;
}

/* A longjmp's target: the registers setjmp saved, not the frame's. */
static void from_jump_buffer(W_CONTEXT *c, const struct jump_buffer *b)
{
	c->gpr[3] = b->Rbx;
	c->gpr[4] = b->Rsp;
	c->gpr[5] = b->Rbp;
	c->gpr[6] = b->Rsi;
	c->gpr[7] = b->Rdi;
	c->gpr[12] = b->R12;
	c->gpr[13] = b->R13;
	c->gpr[14] = b->R14;
	c->gpr[15] = b->R15;
	c->MxCsr = b->MxCsr;
	memcpy(c->xmm[6], b->Xmm, sizeof b->Xmm);
	/* rt_seh_restore leaves the x87 control word alone: set here. */
	__asm__ volatile("fldcw %0" : : "m"(b->FpCsr));
}

/* Called by w32_RtlUnwindEx (seh_asm.S) with its caller's context; never
 * returns. */
void rt_seh_unwind(void *target_frame, void *target_ip, W_EXCEPTION_RECORD *rec,
		   void *retval, W_CONTEXT *out, W_CONTEXT *caller)
{
	W_EXCEPTION_RECORD local;
	W_CONTEXT cur = *caller, frame_ctx, final;
	DISPATCHER_CONTEXT dc;
	int me = nactive, next = nactive - 1;

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
			if (rec->ExceptionCode == STATUS_LONGJUMP &&
			    rec->NumberParameters >= 1)
				from_jump_buffer(
					&final,
					(const struct jump_buffer *)
						rec->ExceptionInformation[0]);
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
	if (rec && rec->ExceptionCode == STATUS_LONGJUMP &&
	    rec->NumberParameters >= 1) {
		/* A longjmp across dllshare's own code (out of a qsort
		 * comparator: no .pdata to walk it by): the frames walked
		 * so far are unwound, the rest are left as a plain longjmp
		 * leaves them. */
		final = *caller;
		from_jump_buffer(&final, (const struct jump_buffer *)
						 rec->ExceptionInformation[0]);
		final.RAX = (uint64_t)retval;
		final.Rip = (uint64_t)target_ip;
		/* Contexts of dispatches deeper in the stack are gone. */
		nactive = me;
		while (nactive > 0 && active[nactive - 1]->gpr[4] < final.gpr[4])
			nactive--;
		rt_seh_restore(&final);
	}
	rt_exit_hooks_run();
	fprintf(stderr, "dllshare: RtlUnwindEx: target frame %p not found\n",
		target_frame);
	_exit(3);
}


/* msvcrt's setjmp/longjmp (seh_asm.S). */

