; Stage 2 entry: real mode -> long mode, and the way back for BIOS calls.
;
; Stage 1 jumps here (0x8000) in real mode with the boot drive in dl.
; We enable A20, ask the BIOS for the E820 memory map, build page tables
; that map 0..4 GiB at 0 and at the direct-map offset and 0..2 GiB at the
; kernel's higher-half offset, and enter long mode in one step (CR0.PE and
; CR0.PG together). C code (stage2_main) runs in long mode and reaches the
; BIOS (disk, video, keyboard, timer) through bios_int, which drops back to
; real mode for one call and returns. This file must stay below 64 KiB (it is linked
; first at 0x8000) because real mode reaches its labels as 0:offset.

SEG_CODE64 equ 0x08
SEG_DATA   equ 0x10
SEG_CODE32 equ 0x18
SEG_CODE16 equ 0x20
SEG_DATA16 equ 0x28

PAGE_TABLES  equ 0x70000        ; PML4, PDPT low, 4 PDs, PDPT high: 7 pages
E820_BUFFER  equ 0x30000        ; E820_MAX entries of 24 bytes
E820_MAX     equ 128
BOUNCE       equ 0x28000        ; disk bounce buffer, 32 KiB
STACK64_TOP  equ 0x90000
EFER         equ 0xC0000080

global _start
global bios_int
global bios_dap
global boot_drive
global e820_count
extern stage2_main
extern __bss_start
extern __bss_end

section .entry
bits 16
_start:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, 0x7C00
	sti
	cld
	mov [boot_drive], dl

	; A20: the fast gate, then the BIOS call as a fallback (harmless if on)
	in al, 0x92
	or al, 2
	and al, 0xFE
	out 0x92, al
	mov ax, 0x2401
	int 0x15

	call check_long_mode
	call read_e820
	cli

	call build_page_tables
	lgdt [gdt_ptr]
	mov eax, cr4
	or eax, 1 << 5              ; PAE
	mov cr4, eax
	mov eax, PAGE_TABLES
	mov cr3, eax
	mov ecx, EFER
	rdmsr
	or eax, 1 << 8              ; LME
	wrmsr
	mov eax, cr0
	or eax, 0x80000001          ; PG | PE: straight to long mode
	mov cr0, eax
	jmp SEG_CODE64:long_entry

; A CPU without long mode cannot run the kernel: say so (screen and COM1)
; and stop, rather than fault when paging is switched on.
check_long_mode:
	pushfd                      ; CPUID exists when EFLAGS.ID can change
	pop eax
	mov ecx, eax
	xor eax, 1 << 21
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29           ; LM
	jz .no
	ret
.no:
	mov si, msg_no_long_mode
.print:
	lodsb
	test al, al
	jz .halt
	mov bl, al
	mov ah, 0x0E
	xor bh, bh
	int 0x10
	mov dx, 0x3FD               ; COM1 line status: wait for room
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, 0x3F8
	mov al, bl
	out dx, al
	jmp .print
.halt:
	cli
	hlt
	jmp .halt

msg_no_long_mode:
	db "Redox OS Bootloader: this CPU has no 64-bit long mode (CPUID); Redox needs x86_64", 13, 10, 0

; E820 into E820_BUFFER; count in e820_count.
read_e820:
	push es
	mov ax, E820_BUFFER >> 4
	mov es, ax
	xor di, di
	xor ebx, ebx
.next:
	mov dword [es:di + 20], 1   ; "valid" ACPI attribute for 20-byte BIOSes
	mov eax, 0xE820
	mov ecx, 24
	mov edx, 0x534D4150         ; "SMAP"
	int 0x15
	jc .done
	cmp eax, 0x534D4150
	jne .done
	inc word [e820_count]
	add di, 24
	cmp word [e820_count], E820_MAX
	jae .done
	test ebx, ebx
	jnz .next
.done:
	pop es
	ret

; PML4[0] and PML4[256] -> PDPT low (identity and direct map of 0..4 GiB),
; PML4[511] -> PDPT high, whose entries 510/511 map 0..2 GiB at
; 0xFFFFFFFF80000000. All with 2 MiB pages.
build_page_tables:
	push es
	mov ax, PAGE_TABLES >> 4
	mov es, ax
	xor di, di
	xor eax, eax
	mov cx, 7 * 4096 / 4
	rep stosd
	mov dword [es:0x0000], PAGE_TABLES + 0x1003
	mov dword [es:0x0800], PAGE_TABLES + 0x1003
	mov dword [es:0x0FF8], PAGE_TABLES + 0x6003
	mov dword [es:0x1000], PAGE_TABLES + 0x2003
	mov dword [es:0x1008], PAGE_TABLES + 0x3003
	mov dword [es:0x1010], PAGE_TABLES + 0x4003
	mov dword [es:0x1018], PAGE_TABLES + 0x5003
	mov dword [es:0x6FF0], PAGE_TABLES + 0x2003
	mov dword [es:0x6FF8], PAGE_TABLES + 0x3003
	mov di, 0x2000
	mov eax, 0x83               ; present, writable, 2 MiB page
	mov cx, 2048
.pd:
	mov [es:di], eax
	add eax, 0x200000
	add di, 8
	loop .pd
	pop es
	ret

bits 64
long_entry:
	mov ax, SEG_DATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rsp, STACK64_TOP
	mov rdi, __bss_start        ; the flat binary does not carry .bss
	mov rcx, __bss_end
	sub rcx, rdi
	xor eax, eax
	rep stosb
	mov edi, E820_BUFFER
	movzx esi, word [e820_count]
	movzx edx, byte [boot_drive]
	call stage2_main
.halt:
	cli
	hlt
	jmp .halt

; int bios_int(uint32_t vector, struct bios_regs *regs)
; One BIOS call (int 10h, 13h, 15h or 16h) from long mode: copies *regs
; (eax, ebx, ecx, edx, esi, edi, es; ds is 0) into rm_regs below 64 KiB,
; drops to real mode, makes the call, and copies the registers and the
; flags back. Returns the carry flag (1: the BIOS reported an error).
bios_int:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [int_vector], dil
	mov [regs_ptr], rsi
	push rsi
	mov rdi, rm_regs
	mov ecx, RM_REGS_SIZE
	rep movsb
	pop rsi
	mov [saved_rsp], rsp
	push SEG_CODE32
	lea rax, [rel .compat]
	push rax
	retfq
bits 32
.compat:
	mov ax, SEG_DATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr0
	and eax, 0x7FFFFFFF         ; paging off: leaves long mode
	mov cr0, eax
	mov ecx, EFER
	rdmsr
	and eax, ~(1 << 8)
	wrmsr
	jmp SEG_CODE16:.prot16
bits 16
.prot16:
	mov ax, SEG_DATA16
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr0
	and al, 0xFE
	mov cr0, eax
	jmp 0:.real
.real:
	xor ax, ax
	mov ds, ax
	mov ss, ax
	mov sp, 0x7C00
	lidt [real_idt]
	mov ax, [rm_regs.es]
	mov es, ax
	mov eax, [rm_regs.eax]
	mov ebx, [rm_regs.ebx]
	mov ecx, [rm_regs.ecx]
	mov edx, [rm_regs.edx]
	mov esi, [rm_regs.esi]
	mov edi, [rm_regs.edi]
	sti
	cmp byte [int_vector], 0x13
	je .int13
	cmp byte [int_vector], 0x15
	je .int15
	cmp byte [int_vector], 0x16
	je .int16
	int 0x10
	jmp .after
.int13:
	int 0x13
	jmp .after
.int15:
	int 0x15
	jmp .after
.int16:
	int 0x16
.after:
	cli
	pushfd
	push ds
	push word 0
	pop ds
	mov [rm_regs.eax], eax
	mov [rm_regs.ebx], ebx
	mov [rm_regs.ecx], ecx
	mov [rm_regs.edx], edx
	mov [rm_regs.esi], esi
	mov [rm_regs.edi], edi
	mov ax, es
	mov [rm_regs.es], ax
	pop ax                      ; the BIOS's ds
	pop eax
	mov [rm_regs.flags], eax
	mov ecx, EFER
	rdmsr
	or eax, 1 << 8
	wrmsr
	mov eax, cr0
	or eax, 0x80000001
	mov cr0, eax
	jmp SEG_CODE64:.back
bits 64
.back:
	mov ax, SEG_DATA
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov rsp, [saved_rsp]
	mov rdi, [regs_ptr]
	mov rsi, rm_regs
	mov ecx, RM_REGS_SIZE
	rep movsb
	mov eax, [rm_regs.flags]
	and eax, 1                  ; CF
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

align 8
gdt:
	dq 0
	dq 0x00AF9A000000FFFF       ; 0x08 code, 64-bit
	dq 0x00CF92000000FFFF       ; 0x10 data, flat
	dq 0x00CF9A000000FFFF       ; 0x18 code, 32-bit flat
	dq 0x00009A000000FFFF       ; 0x20 code, 16-bit, 64 KiB
	dq 0x000092000000FFFF       ; 0x28 data, 16-bit, 64 KiB
gdt_end:
gdt_ptr:
	dw gdt_end - gdt - 1
	dd gdt
real_idt:
	dw 0x3FF
	dd 0

align 8
bios_dap:                       ; disk address packet of int 13h ah=42h (disk.c)
	db 16, 0
	dw 0                        ; count
	dw BOUNCE & 0xF             ; offset
	dw BOUNCE >> 4              ; segment
	dq 0                        ; LBA

; struct bios_regs (bios.h)
rm_regs:
.eax:   dd 0
.ebx:   dd 0
.ecx:   dd 0
.edx:   dd 0
.esi:   dd 0
.edi:   dd 0
.flags: dd 0
.es:    dw 0
	dw 0
RM_REGS_SIZE equ $ - rm_regs

regs_ptr:    dq 0
int_vector:  db 0
saved_rsp:   dq 0
e820_count:  dw 0
boot_drive:  db 0
