/*
 * The framebuffer through the VESA BIOS extensions (VBE 2.0+): the modes
 * with a linear 32-bit direct-colour framebuffer go through the shared
 * menu (../modes.c), read from the keyboard (int 16h) or COM1, and the
 * chosen one is set. Without VBE (no video BIOS, as with QEMU's -vga none)
 * the system runs on the serial console.
 */
#include <freestanding/io.h>

#include "bios.h"

#define MAX_MODES 64
#define VBE_OK    0x004F
/* real-mode buffers in the bounce area: es = BOUNCE_SEGMENT */
#define BOUNCE_SEGMENT ((uint16_t)((uintptr_t)BOUNCE_BUFFER >> 4))
#define INFO_OFFSET    0
#define MODE_OFFSET    0x200

struct vbe_info {
	char signature[4];
	uint16_t version;
	uint32_t oem;
	uint32_t capabilities;
	uint16_t modes_offset, modes_segment;
	uint16_t total_memory;
} __attribute__((packed));

struct vbe_mode_info {
	uint16_t attributes;
	uint8_t window_a, window_b;
	uint16_t granularity, window_size, segment_a, segment_b;
	uint32_t window_function;
	uint16_t pitch;
	uint16_t width, height;
	uint8_t char_width, char_height, planes, bpp, banks, memory_model, bank_size, image_pages,
	    reserved0;
	uint8_t masks[9];
	uint32_t framebuffer;
} __attribute__((packed));

#define ATTR_SUPPORTED (1 << 0)
#define ATTR_GRAPHICS  (1 << 4)
#define ATTR_LINEAR    (1 << 7)
#define MODEL_DIRECT   6

static bool vbe_call(uint32_t ax, uint32_t bx, uint32_t cx, uint16_t di)
{
	struct bios_regs r = {.eax = ax, .ebx = bx, .ecx = cx, .edi = di, .es = BOUNCE_SEGMENT};
	bios_int(0x10, &r);
	return (r.eax & 0xFFFF) == VBE_OK;
}

static const struct vbe_mode_info *mode_info(uint16_t mode)
{
	if (!vbe_call(0x4F01, 0, mode, MODE_OFFSET))
		return 0;
	return (const struct vbe_mode_info *)(BOUNCE_BUFFER + MODE_OFFSET);
}

static bool usable(const struct vbe_mode_info *m)
{
	uint16_t need = ATTR_SUPPORTED | ATTR_GRAPHICS | ATTR_LINEAR;
	return m && (m->attributes & need) == need && m->bpp == 32 &&
	       m->memory_model == MODEL_DIRECT && m->framebuffer;
}

static int read_key(void *ctx)
{
	(void)ctx;
	if (inb(COM1 + 5) & 1)
		return inb(COM1);
	struct bios_regs r = {.eax = 0x0100};
	bios_int(0x16, &r);
	if (r.flags & (1 << 6)) /* ZF: no key waiting */
		return -1;
	r = (struct bios_regs){.eax = 0x0000};
	bios_int(0x16, &r);
	return (int)(r.eax & 0xFF) ? (int)(r.eax & 0xFF) : -1;
}

static void sleep_ms(void *ctx, uint32_t ms)
{
	(void)ctx;
	uint32_t us = ms * 1000;
	struct bios_regs r = {.eax = 0x8600, .ecx = us >> 16, .edx = us & 0xFFFF};
	bios_int(0x15, &r);
}

bool video_init(struct boot_handover *h)
{
	struct vbe_info *info = (struct vbe_info *)(BOUNCE_BUFFER + INFO_OFFSET);
	memcpy(info->signature, "VBE2", 4);
	if (!vbe_call(0x4F00, 0, 0, INFO_OFFSET) || memcmp(info->signature, "VESA", 4) ||
	    info->version < 0x200) {
		print("bootloader: no VESA BIOS extensions (VBE 2.0); serial console only\n");
		return false;
	}
	/* the list may sit in the buffer the mode queries reuse: copy it first */
	uint16_t ids[MAX_MODES];
	uint32_t nids = 0;
	const uint16_t *list =
	    (const uint16_t *)(((uintptr_t)info->modes_segment << 4) + info->modes_offset);
	while (nids < MAX_MODES && list[nids] != 0xFFFF) {
		ids[nids] = list[nids];
		nids++;
	}
	static struct video_mode modes[MAX_MODES];
	uint32_t n = 0;
	for (uint32_t i = 0; i < nids; i++) {
		const struct vbe_mode_info *m = mode_info(ids[i]);
		if (usable(m))
			modes[n++] = (struct video_mode){ids[i], m->width, m->height};
	}
	if (!n) {
		print("bootloader: VBE offers no linear 32-bit mode; serial console only\n");
		return false;
	}
	modes_sort(modes, n);
	const struct modes_input in = {0, read_key, sleep_ms};
	const struct video_mode *pick = &modes[modes_menu(modes, n, modes_default(modes, n), &in)];
	const struct vbe_mode_info *m = mode_info((uint16_t)pick->id);
	/* the BIOS's teletype output does not work in a graphics mode */
	console_screen_off();
	if (!usable(m) || !vbe_call(0x4F02, pick->id | 0x4000, 0, 0)) {
		print("bootloader: VBE mode %ux%u refused; serial console only\n", pick->width,
		      pick->height);
		return false;
	}
	h->fb_addr = m->framebuffer;
	h->fb_width = m->width;
	h->fb_height = m->height;
	h->fb_stride = m->pitch / 4;
	print("bootloader: framebuffer %ux%u at %llx\n", h->fb_width, h->fb_height,
	      (unsigned long long)h->fb_addr);
	return true;
}
