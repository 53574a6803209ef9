/*
 * The framebuffer through the graphics output protocol (GOP): the modes
 * with a linear 32-bit framebuffer go through the shared menu (../modes.c),
 * read from the firmware's console input (keyboard, or the serial terminal
 * where the firmware offers one), and the chosen mode is set.
 */
#include "uefi.h"

#define MAX_MODES 64

static bool usable(const struct efi_gop_mode_info *m)
{
	return m->pixel_format == EFI_PIXEL_RGBX_8BPP || m->pixel_format == EFI_PIXEL_BGRX_8BPP;
}

static int read_key(void *ctx)
{
	(void)ctx;
	struct efi_input_key key;
	struct efi_simple_text_input *in = efi_st->con_in;
	if (!in || in->read_key_stroke(in, &key))
		return -1;
	if (key.scan_code == EFI_SCAN_ESC)
		return 27;
	return key.unicode_char && key.unicode_char < 128 ? key.unicode_char : -1;
}

static void sleep_ms(void *ctx, uint32_t ms)
{
	(void)ctx;
	efi_bs->stall(ms * 1000ULL);
}

bool video_init(struct boot_handover *h)
{
	static const struct efi_guid guid = EFI_GRAPHICS_OUTPUT_GUID;
	struct efi_graphics_output *gop = 0;
	if (efi_bs->locate_protocol(&guid, 0, (void **)&gop) || !gop || !gop->mode) {
		print("bootloader: no graphics output (GOP); serial console only\n");
		return false;
	}
	static struct video_mode modes[MAX_MODES];
	uint32_t n = 0;
	for (uint32_t m = 0; m < gop->mode->max_mode && n < MAX_MODES; m++) {
		struct efi_gop_mode_info *info;
		uint64_t info_size;
		if (gop->query_mode(gop, m, &info_size, &info) || !usable(info))
			continue;
		modes[n++] =
		    (struct video_mode){m, info->horizontal_resolution, info->vertical_resolution};
	}
	if (n) {
		modes_sort(modes, n);
		const struct modes_input in = {0, read_key, sleep_ms};
		uint32_t pick = modes_menu(modes, n, modes_default(modes, n), &in);
		if (modes[pick].id != gop->mode->mode && gop->set_mode(gop, modes[pick].id))
			print("bootloader: GOP mode %ux%u refused; keeping the current one\n",
			      modes[pick].width, modes[pick].height);
	}
	const struct efi_gop_mode_info *info = gop->mode->info;
	if (!usable(info) || !gop->mode->frame_buffer_base) {
		print("bootloader: GOP mode %u has no linear framebuffer; serial console only\n",
		      gop->mode->mode);
		return false;
	}
	h->fb_addr = gop->mode->frame_buffer_base;
	h->fb_width = info->horizontal_resolution;
	h->fb_height = info->vertical_resolution;
	h->fb_stride = info->pixels_per_scan_line;
	print("bootloader: framebuffer %ux%u at %llx\n", h->fb_width, h->fb_height,
	      (unsigned long long)h->fb_addr);
	return true;
}
