/*
 * The return path of every signal handler: the kernel put this address
 * on the handler's stack, so the handler's `ret` lands here with rsp at
 * the saved frame, and SYS_SIGRETURN (119) restores it.
 */
	.text
	.globl __relibc_sigrestore
	.type __relibc_sigrestore, @function
__relibc_sigrestore:
	mov $119, %eax
	syscall
	ud2
	.size __relibc_sigrestore, . - __relibc_sigrestore
	.section .note.GNU-stack, "", @progbits
