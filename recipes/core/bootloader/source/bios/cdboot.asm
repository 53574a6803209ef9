; The CD's BIOS boot code: the El Torito no-emulation boot image of
; livedisk.iso is this sector (2048 bytes) followed by stage 2.
;
; The BIOS loads the first 2048 bytes (the catalog's load size) at 0x7C00
; and jumps here with the CD's drive number in dl. xorriso's
; -boot-info-table writes the boot file's LBA and length at offset 8, so
; we read the rest of the file (stage 2) to 0x8000 with extended reads of
; 2048-byte CD sectors and jump there, drive still in dl, exactly as
; stage 1 does from a hard disk. Errors go to the screen and to COM1.

bits 16
org 0x7C00

STAGE2_ADDR equ 0x8000
STAGE2_MAX  equ 0x20000         ; stage 2 must end below 0x28000 (stage2.ld)
CD_SECTOR   equ 2048
COM1        equ 0x3F8

start:
	jmp short main
	nop
	times 8 - ($ - $$) db 0
bi_pvd:    dd 0                 ; boot information table (xorriso fills it)
bi_file:   dd 0                 ; LBA of this boot file
bi_length: dd 0                 ; its length in bytes
bi_csum:   dd 0
	times 40 db 0

main:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, 0x7C00
	jmp 0:.flush_cs
.flush_cs:
	sti
	cld
	mov [boot_drive], dl

	mov eax, [bi_length]        ; stage 2's sectors: (length - 1) / 2048
	cmp eax, CD_SECTOR
	jbe no_stage2
	cmp eax, CD_SECTOR + STAGE2_MAX
	ja no_stage2
	dec eax
	shr eax, 11
	mov [remaining], ax
	mov eax, [bi_file]
	inc eax
	mov [dap.lba], eax

.next:
	cmp word [remaining], 0
	je .done
	mov si, dap
	mov ah, 0x42
	mov dl, [boot_drive]
	int 0x13
	jc read_error
	add word [dap.segment], CD_SECTOR >> 4
	inc dword [dap.lba]
	dec word [remaining]
	jmp .next
.done:
	mov dl, [boot_drive]
	jmp 0:STAGE2_ADDR

no_stage2:
	mov si, msg_info
	jmp fail
read_error:
	mov si, msg_read
fail:
	lodsb
	test al, al
	jz .halt
	mov bl, al
	mov ah, 0x0E
	xor bh, bh
	int 0x10
	mov dx, COM1 + 5            ; wait until the UART can take a byte
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov dx, COM1
	mov al, bl
	out dx, al
	jmp fail
.halt:
	cli
	hlt
	jmp .halt

msg_info: db "cdboot: no boot information table (build the ISO with -boot-info-table)", 13, 10, 0
msg_read: db "cdboot: CD read error", 13, 10, 0

boot_drive: db 0
remaining:  dw 0

align 4
dap:                            ; disk address packet for ah=42h
	db 16, 0
	dw 1                        ; one 2048-byte sector per call
	dw 0                        ; offset
.segment:
	dw STAGE2_ADDR >> 4
.lba:
	dq 0

times CD_SECTOR - ($ - $$) db 0
