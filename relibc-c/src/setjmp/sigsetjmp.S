/*
 * sigsetjmp/siglongjmp for x86_64: a jmp_buf followed by "mask saved"
 * (offset 64) and the signal mask (offset 72). The mask is read and
 * restored through the platform hooks __relibc_sigmask_get/_set; then
 * the work is setjmp's and longjmp's. Kept apart from x86_64.S so that
 * plain setjmp users do not pull in the signal hooks.
 */
	.text

	.globl sigsetjmp
	.type sigsetjmp, @function
sigsetjmp:
	xor %eax, %eax
	test %esi, %esi
	setnz %al
	mov %rax, 64(%rdi)
	jz 1f
	push %rdi		/* also aligns the stack for the call */
	lea 72(%rdi), %rdi
	call __relibc_sigmask_get
	pop %rdi
	/* setjmp records our caller's context: the stack is as on entry */
1:	jmp setjmp
	.size sigsetjmp, . - sigsetjmp

	.globl siglongjmp
	.type siglongjmp, @function
siglongjmp:
	cmpq $0, 64(%rdi)
	je 1f
	push %rdi
	push %rsi
	sub $8, %rsp		/* 16-byte alignment for the call */
	lea 72(%rdi), %rdi
	call __relibc_sigmask_set
	add $8, %rsp
	pop %rsi
	pop %rdi
1:	jmp longjmp
	.size siglongjmp, . - siglongjmp

	.section .note.GNU-stack, "", @progbits
