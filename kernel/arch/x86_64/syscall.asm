; The `syscall` entry (IA32_LSTAR points here).
;
; On entry: rax = number, rdi rsi rdx r10 r8 r9 = arguments, rcx = user
; rip, r11 = user rflags; FMASK has cleared IF/DF/TF/AC. We swap to the
; kernel GS, park the user rsp in the per-CPU area, switch to the current
; context's kernel stack and build the same struct interrupt_frame an
; interrupt would (ss, rsp, rflags, cs, rip, error, vector, registers), so
; everything downstream (signals, fork, exceptions) sees one layout.
; Return by sysretq, or by iretq when sysret would be unsafe (a
; non-canonical return address, or TF set).

%include "frame.inc"

%define CPU_KERNEL_STACK 8
%define CPU_USER_RSP 16
%define USER_DATA 0x23
%define USER_CODE 0x2B
%define SYSCALL_VECTOR 0x100

global syscall_entry
global syscall_return
extern syscall_dispatch

section .text
bits 64
syscall_entry:
	swapgs
	mov [gs:CPU_USER_RSP], rsp
	mov rsp, [gs:CPU_KERNEL_STACK]
	push USER_DATA                  ; ss
	push qword [gs:CPU_USER_RSP]    ; rsp
	push r11                        ; rflags
	push USER_CODE                  ; cs
	push rcx                        ; rip
	push 0                          ; error code
	push SYSCALL_VECTOR             ; vector
	PUSH_FRAME_REGISTERS
	mov rdi, rsp
	sti
	call syscall_dispatch
syscall_return:                     ; also where a new forked child starts
	cli
	POP_FRAME_REGISTERS
	add rsp, 16                     ; vector, error code
	; [rsp] rip, [rsp+8] cs, [rsp+16] rflags, [rsp+24] rsp, [rsp+32] ss
	cmp qword [rsp - 16], SYSCALL_VECTOR ; a frame from sigreturn: every register back
	jne .iret
	test qword [rsp + 16], 0x100    ; TF: sysret would trap in the kernel
	jnz .iret
	mov rcx, 0x800000000000         ; sysret to a non-canonical rip would #GP in ring 0
	cmp [rsp], rcx
	jae .iret
	mov rcx, [rsp]
	mov r11, [rsp + 16]
	mov rsp, [rsp + 24]
	swapgs
	o64 sysret
.iret:
	swapgs
	iretq
