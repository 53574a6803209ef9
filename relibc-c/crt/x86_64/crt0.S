/*
 * crt0: the process entry. The kernel starts us with rsp at argc (then
 * argv, envp, auxv); hand that pointer to __relibc_start with an aligned
 * stack and no frame to return to.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call __relibc_start
	ud2
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits
