; The only code that touches user memory: a byte copy whose faults are
; caught. Each instruction that may fault on a user address is listed in
; the exception table (.ex_table: pairs of {faulting rip, fixup rip});
; exceptions.c sends a kernel-mode fault at such an rip to its fixup, so
; a bad user pointer becomes EFAULT instead of a panic. With SMAP on, the
; copy opens its user-access window with stac and closes it with clac;
; nothing else in the kernel may run with AC set.

global user_copy_raw
global cpu_smap_on

section .data
cpu_smap_on: db 0                   ; set once by cpu_protect_init (cpu.c)

section .text
bits 64

; int64_t user_copy_raw(void *dst, const void *src, uint64_t len)
; returns 0, or -EFAULT (-14) when the copy faulted part way
user_copy_raw:
	cmp byte [rel cpu_smap_on], 0
	je .copy
	stac
.copy:
	mov rcx, rdx
	cld
.movs:
	rep movsb
	xor eax, eax
.out:
	cmp byte [rel cpu_smap_on], 0
	je .ret
	clac
.ret:
	ret
.fault:
	mov rax, -14
	jmp .out

section .ex_table progbits alloc noexec nowrite align=8
	dq user_copy_raw.movs, user_copy_raw.fault
