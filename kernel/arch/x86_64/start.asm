; Kernel entry. The bootloader jumps here in long mode with rdi = physical
; address of the boot arguments and rsp on the boot stack (direct map).
; The ELF loader zeroed .bss already; we only clear rbp so stack traces
; end here, and call kmain.

global kstart
extern kmain

section .text.entry
bits 64
kstart:
	cli
	cld
	xor ebp, ebp
	and rsp, -16
	call kmain
.halt:
	cli
	hlt
	jmp .halt
