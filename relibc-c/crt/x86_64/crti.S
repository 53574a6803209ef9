/* crti: prologues of .init/.fini (kept for toolchains that expect them). */
	.section .init
	.globl _init
_init:
	push %rax
	.section .fini
	.globl _fini
_fini:
	push %rax
	.section .note.GNU-stack, "", @progbits
