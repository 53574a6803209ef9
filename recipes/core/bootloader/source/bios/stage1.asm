; Stage 1: the boot code in the protective MBR (first 440 bytes of LBA 0).
;
; The BIOS loads this sector at 0x7C00 and jumps to it with the boot drive
; in dl. It reads stage 2 from the start of the GPT "BIOS boot" partition
; (LBA 34, see abi/include/redox/abi/disk.h) to 0x8000 with the BIOS's
; extended read (int 13h, ah=42h) and jumps there, drive still in dl.
; Only 440 bytes: the installer keeps the disk signature and the
; partition table that follow.

bits 16
org 0x7C00

STAGE2_ADDR   equ 0x8000
STAGE2_LBA    equ 34
CHUNK_SECTORS equ 127           ; what every BIOS accepts in one call
CHUNKS        equ 2             ; 254 sectors = DISK_STAGE2_MAX_SECTORS

start:
	cli
	xor ax, ax
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov sp, 0x7C00
	jmp 0:.flush_cs            ; some BIOSes enter at 07C0:0000
.flush_cs:
	sti
	cld
	mov [boot_drive], dl

	mov ah, 0x41                ; are the extended disk calls there?
	mov bx, 0x55AA
	int 0x13
	jc no_ext
	cmp bx, 0xAA55
	jne no_ext

	mov cx, CHUNKS
.next_chunk:
	mov si, dap
	mov ah, 0x42
	mov dl, [boot_drive]
	int 0x13
	jc read_error
	add word [dap.segment], (CHUNK_SECTORS * 512) >> 4
	add dword [dap.lba], CHUNK_SECTORS
	loop .next_chunk

	mov dl, [boot_drive]
	jmp 0:STAGE2_ADDR

no_ext:
	mov si, msg_no_ext
	jmp fail
read_error:
	mov si, msg_read
fail:
	lodsb
	test al, al
	jz .halt
	mov ah, 0x0E
	int 0x10
	jmp fail
.halt:
	cli
	hlt
	jmp .halt

msg_no_ext: db "stage1: no BIOS extended disk reads", 13, 10, 0
msg_read:   db "stage1: disk read error", 13, 10, 0

boot_drive: db 0

align 4
dap:                            ; disk address packet for ah=42h
	db 16, 0
	dw CHUNK_SECTORS
	dw 0                        ; offset
.segment:
	dw STAGE2_ADDR >> 4
.lba:
	dq STAGE2_LBA

times 440 - ($ - $$) db 0
