/*
 * The instructions cancellation depends on (cancel.c says why).
 * __relibc_cp_asm(&self->cancel, nr, a, b, c, d, e) is one system call
 * that does not start when a request is due; the SIGCANCEL handler knows
 * its labels: interrupted at or before the `syscall` instruction, or just
 * after it with -EINTR, the thread resumes at cp_cancel, which returns
 * -ECANCELED. r9 keeps the call's number so the handler can restart it.
 */
#include <redox/abi/errno.h>

	.text
	.globl __relibc_cp_asm, __relibc_cp_begin, __relibc_cp_syscall, __relibc_cp_end
	.globl __relibc_cp_cancel
	.hidden __relibc_cp_asm, __relibc_cp_begin, __relibc_cp_syscall, __relibc_cp_end
	.hidden __relibc_cp_cancel
	.type __relibc_cp_asm, @function
__relibc_cp_asm:
	mov %rdi, %r11		/* the thread's cancel word */
	mov %rsi, %rax		/* the call */
	mov %rdx, %rdi
	mov %rcx, %rsi
	mov %r8, %rdx
	mov %r9, %r10
	mov 8(%rsp), %r8
	mov %rax, %r9
__relibc_cp_begin:
	mov (%r11), %ecx
	and $3, %ecx		/* CANCEL_REQUESTED | CANCEL_OFF */
	cmp $1, %ecx		/* CANCEL_DUE: requested, not off */
	je __relibc_cp_cancel
__relibc_cp_syscall:
	syscall
__relibc_cp_end:
	ret
__relibc_cp_cancel:
	mov $-ECANCELED, %rax
	ret
	.size __relibc_cp_asm, . - __relibc_cp_asm

/*
 * SIGCANCEL's handler: the kernel enters it with rsp at the signal frame
 * (struct redox_sigframe); the C part gets the saved registers.
 */
	.globl __relibc_cancel_handler
	.hidden __relibc_cancel_handler
	.type __relibc_cancel_handler, @function
__relibc_cancel_handler:
	lea 8(%rsp), %rsi
	jmp __relibc_cancel_signal
	.size __relibc_cancel_handler, . - __relibc_cancel_handler

/*
 * Where an asynchronous cancel resumes the thread: past the interrupted
 * code's red zone, on an aligned stack, into __relibc_cancel_act.
 */
	.globl __relibc_cancel_async
	.hidden __relibc_cancel_async
	.type __relibc_cancel_async, @function
__relibc_cancel_async:
	sub $128, %rsp
	and $-16, %rsp
	call __relibc_cancel_act
	ud2
	.size __relibc_cancel_async, . - __relibc_cancel_async
	.section .note.GNU-stack, "", @progbits
