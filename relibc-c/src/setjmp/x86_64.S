/*
 * setjmp/longjmp for x86_64 (System V ABI). A jmp_buf holds the
 * callee-saved registers rbx, rbp, r12-r15, the caller's stack pointer
 * and the return address; everything else is dead across a call anyway.
 */
	.text

	.globl setjmp
	.globl _setjmp
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx	/* the stack pointer once we have returned */
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx	/* where we return to */
	mov %rdx, 56(%rdi)
	xor %eax, %eax
	ret
	.size setjmp, . - setjmp
	.size _setjmp, . - _setjmp

	.globl longjmp
	.globl _longjmp
	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	mov %esi, %eax
	test %eax, %eax		/* longjmp(env, 0) makes setjmp return 1 */
	jnz 1f
	inc %eax
1:	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp
	.size _longjmp, . - _longjmp

	.section .note.GNU-stack, "", @progbits
