; Application processor start-up code. The BSP copies this blob to
; physical 0x8000 (identity-mapped while APs start), fills the parameter
; block at its end, and sends INIT + STARTUP with vector 0x08, so each AP
; begins at 0800:0000 in real mode. It goes straight to long mode with the
; kernel's page tables and calls ap_entry(cpu) on its own stack.

global trampoline_start
global trampoline_end

TRAMPOLINE equ 0x8000
%define REL(x) (TRAMPOLINE + (x) - trampoline_start)

section .rodata
bits 16
trampoline_start:
	cli
	cld
	mov ax, cs
	mov ds, ax
	lgdt [gdt_ptr - trampoline_start]
	mov eax, cr4
	or eax, (1 << 5) | (1 << 7)         ; PAE, PGE
	mov cr4, eax
	mov eax, [param_cr3 - trampoline_start]
	mov cr3, eax
	mov ecx, 0xC0000080
	rdmsr
	or eax, (1 << 8) | (1 << 11)        ; LME, NXE
	wrmsr
	mov eax, cr0
	or eax, 0x80000001                  ; PG | PE
	mov cr0, eax
	jmp dword 0x08:REL(long_mode)

bits 64
long_mode:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rsp, [REL(param_stack)]
	mov rdi, [REL(param_cpu)]
	mov rax, [REL(param_entry)]
	xor ebp, ebp
	call rax
.halt:
	cli
	hlt
	jmp .halt

align 8
gdt:
	dq 0
	dq 0x00AF9A000000FFFF               ; 0x08 code, 64-bit
	dq 0x00CF92000000FFFF               ; 0x10 data
gdt_ptr:
	dw gdt_ptr - gdt - 1
	dd REL(gdt)

align 8
global trampoline_params
trampoline_params:
param_cr3:   dq 0
param_stack: dq 0
param_cpu:   dq 0
param_entry: dq 0
trampoline_end:
