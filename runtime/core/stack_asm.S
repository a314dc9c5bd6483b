/*
 * stack_asm.S — running a function on another stack (core/stack.c).
 */
	.text
/* void *rt_call_on_stack(void *(*fn)(void *), void *arg, void *top)
 * (sysv): calls fn(arg) with %rsp at top (aligned down to 16), and
 * returns its result on the caller's stack again. */
	.section .text.rt_call_on_stack,"ax",@progbits
	.globl rt_call_on_stack
	.type rt_call_on_stack, @function
rt_call_on_stack:
	pushq %rbp
	movq %rsp, %rbp
	andq $-16, %rdx
	movq %rdx, %rsp
	movq %rdi, %rax
	movq %rsi, %rdi
	call *%rax
	movq %rbp, %rsp
	popq %rbp
	ret
	.size rt_call_on_stack, .-rt_call_on_stack

	.section .note.GNU-stack,"",@progbits
