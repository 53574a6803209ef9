; The KVM probe's guest: one boot sector that does, in a few instructions,
; what our kernel needs from a virtualizer early on: long mode with paging,
; SSE state (ldmxcsr) and the `syscall` instruction through LSTAR. When it
; gets that far it writes 0x31 to isa-debug-exit (QEMU then exits with
; status 0x63). A virtualizer that cannot run it never gets there, and
; tests/helpers/accel.sh falls back to TCG.
bits 16
org 0x7c00

start:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, 0x7c00
	; identity map of the first 2 MiB: PML4 0x1000 -> PDPT 0x2000 -> PD 0x3000
	mov di, 0x1000
	mov cx, 0x3000 / 2
	rep stosw
	mov word [0x1000], 0x2003
	mov word [0x2000], 0x3003
	mov word [0x3000], 0x0083
	mov eax, (1 << 5) | (1 << 9) | (1 << 10) ; PAE, OSFXSR, OSXMMEXCPT
	mov cr4, eax
	mov eax, 0x1000
	mov cr3, eax
	mov ecx, 0xC0000080 ; EFER: long mode, syscall enable
	rdmsr
	or eax, (1 << 8) | 1
	wrmsr
	lgdt [gdtr]
	mov eax, cr0
	and eax, ~(1 << 2)    ; no x87 emulation
	or eax, 0x80000003    ; PG | MP | PE: straight into long mode
	mov cr0, eax
	jmp 0x08:long_mode

bits 64
long_mode:
	mov ax, 0x10
	mov ds, ax
	mov ss, ax
	ldmxcsr [mxcsr]
	mov ecx, 0xC0000081 ; STAR: syscall CS = 0x08
	xor eax, eax
	mov edx, 0x08
	wrmsr
	mov ecx, 0xC0000082 ; LSTAR
	mov eax, after_syscall
	xor edx, edx
	wrmsr
	mov ecx, 0xC0000084 ; FMASK
	xor eax, eax
	wrmsr
	syscall
	jmp halt
after_syscall:
	mov al, 0x31
	out 0xf4, al
halt:
	hlt
	jmp halt

align 8
gdt:
	dq 0
	dq 0x00AF9A000000FFFF ; 64-bit code
	dq 0x00CF92000000FFFF ; data
gdt_end:
gdtr:
	dw gdt_end - gdt - 1
	dd gdt
mxcsr:
	dd 0x1F80

times 510 - ($ - $$) db 0
dw 0xAA55
; SeaBIOS will not boot a disk smaller than a few sectors' geometry
times (1 << 20) - ($ - $$) db 0
