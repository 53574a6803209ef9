; arch_context_switch(uint64_t *save_rsp, uint64_t new_rsp): save the callee-
; saved registers on the current kernel stack, store rsp, load the other
; context's rsp, restore its registers and return into it. A new context's
; stack is prepared so that this `ret` lands in context_first_run.

global arch_context_switch
global context_first_run
extern context_started

section .text
bits 64
arch_context_switch:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

; A new context starts here with r12 = entry function, r13 = its argument.
context_first_run:
	call context_started        ; drop the scheduler lock held across the switch
	mov rdi, r13
	call r12
	ud2
