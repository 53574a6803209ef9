; Interrupt entry stubs for all 256 vectors. Each pushes a dummy error code
; when the CPU does not push one, then its vector number, and jumps to the
; common path, which saves the general registers as struct
; interrupt_frame (interrupt.h), swaps GS when coming from user mode, and
; calls interrupt_dispatch(frame).

%include "frame.inc"

global isr_table
extern interrupt_dispatch
extern cpu_smap_on

section .text
bits 64

%macro STUB 1
isr_%1:
%if %1 = 8 || (%1 >= 10 && %1 <= 14) || %1 = 17 || %1 = 21 || %1 = 29 || %1 = 30
%else
	push 0
%endif
	push %1
	jmp isr_common
%endmacro

%assign v 0
%rep 256
STUB v
%assign v v + 1
%endrep

isr_common:
	test qword [rsp + 24], 3    ; cs of the interrupted code
	jz .kernel_entry
	swapgs
.kernel_entry:
	PUSH_FRAME_REGISTERS
	cld
	cmp byte [rel cpu_smap_on], 0
	je .no_smap
	clac                        ; AC may be set by user code or a copy in progress
.no_smap:
	mov rdi, rsp
	call interrupt_dispatch
global isr_return
isr_return:
	POP_FRAME_REGISTERS
	add rsp, 16                 ; vector and error code
	test qword [rsp + 8], 3
	jz .kernel_exit
	swapgs
.kernel_exit:
	iretq

section .rodata
isr_table:
%assign v 0
%rep 256
	dq isr_ %+ v
%assign v v + 1
%endrep
