/*
 * unwind.c — RtlVirtualUnwind on a function stopped in its body, and
 * stopped at each instruction of its epilogue, where the unwind codes no
 * longer describe the stack and the epilogue must be run instead (the
 * x64 convention's epilogue forms: add rsp / lea rsp, pops, ret).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* push rbx; push rsi; sub rsp, 40 — body — add rsp, 40; pop rsi;
 * pop rbx; ret.  The labels name each instruction of the epilogue. */
__asm__(".text\n"
	".globl epi_func\n"
	".def epi_func; .scl 2; .type 32; .endef\n"
	".seh_proc epi_func\n"
	"epi_func:\n"
	"\tpush %rbx\n"
	"\t.seh_pushreg %rbx\n"
	"\tpush %rsi\n"
	"\t.seh_pushreg %rsi\n"
	"\tsub $40, %rsp\n"
	"\t.seh_stackalloc 40\n"
	"\t.seh_endprologue\n"
	".globl epi_body\n"
	"epi_body:\n"
	"\tnop\n"
	".globl epi_add\n"
	"epi_add:\n"
	"\tadd $40, %rsp\n"
	".globl epi_pop_rsi\n"
	"epi_pop_rsi:\n"
	"\tpop %rsi\n"
	".globl epi_pop_rbx\n"
	"epi_pop_rbx:\n"
	"\tpop %rbx\n"
	".globl epi_ret\n"
	"epi_ret:\n"
	"\tret\n"
	".seh_endproc\n");

extern char epi_func[], epi_body[], epi_add[], epi_pop_rsi[], epi_pop_rbx[],
	epi_ret[];

/* A frame as epi_func's body sees it: 40 bytes, saved rsi, saved rbx,
 * the return address. */
static ULONG64 stack[16];

/* Where RtlVirtualUnwind found a register: a slot of the frame, or
 * nowhere (not restored from the stack). */
static const char *slot(PULONG64 p)
{
	static char buf[4][16];
	static int i;

	if (!p)
		return "-";
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "[%d]", (int)(p - stack));
	return buf[i];
}

static void unwind_at(const char *name, char *pc, int skip)
{
	ULONG64 base = 0, frame = 0;
	PRUNTIME_FUNCTION fe = RtlLookupFunctionEntry((ULONG64)pc, &base, NULL);
	void *data = NULL;
	KNONVOLATILE_CONTEXT_POINTERS ptrs;
	CONTEXT ctx;

	memset(&ctx, 0, sizeof ctx);
	ctx.Rip = (ULONG64)pc;
	ctx.Rsp = (ULONG64)&stack[skip]; /* what the epilogue already ran */
	ctx.Rbx = 0xbb;
	ctx.Rsi = skip > 5 ? 0x51 : 0xee; /* popped already, or not */
	if (!fe) {
		printf("%s: no function entry\n", name);
		return;
	}
	memset(&ptrs, 0, sizeof ptrs);
	RtlVirtualUnwind(UNW_FLAG_NHANDLER, base, (ULONG64)pc, fe, &ctx, &data,
			 &frame, &ptrs);
	printf("%s: rip %s, rsp %+d qwords, rsi %llx, rbx %llx; "
	       "found rsi at %s, rbx at %s\n",
	       name, ctx.Rip == 0x1234 ? "the return address" : "WRONG",
	       (int)((ULONG64 *)ctx.Rsp - stack), (unsigned long long)ctx.Rsi,
	       (unsigned long long)ctx.Rbx, slot(ptrs.IntegerContext[6]),
	       slot(ptrs.IntegerContext[3]));
}

int main(void)
{
	stack[5] = 0x51;   /* saved rsi */
	stack[6] = 0xb1;   /* saved rbx */
	stack[7] = 0x1234; /* return address */
	unwind_at("body", epi_body, 0);
	unwind_at("epilogue, at add rsp", epi_add, 0);
	unwind_at("epilogue, at pop rsi", epi_pop_rsi, 5);
	unwind_at("epilogue, at pop rbx", epi_pop_rbx, 6);
	unwind_at("epilogue, at ret", epi_ret, 7);
	return 0;
}
