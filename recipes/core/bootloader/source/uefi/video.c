/*
 * The framebuffer through the graphics output protocol (GOP). With no
 * menu yet, the mode is chosen as the default would be: 1024x768 when the
 * firmware offers it, else the largest mode up to 1920x1080, else the
 * current one; only modes with a linear 32-bit framebuffer qualify.
 */
#include "uefi.h"

#define DEFAULT_WIDTH  1024
#define DEFAULT_HEIGHT 768

static bool usable(const struct efi_gop_mode_info *m)
{
	return m->pixel_format == EFI_PIXEL_RGBX_8BPP || m->pixel_format == EFI_PIXEL_BGRX_8BPP;
}

bool video_init(struct boot_handover *h)
{
	static const struct efi_guid guid = EFI_GRAPHICS_OUTPUT_GUID;
	struct efi_graphics_output *gop = 0;
	if (efi_bs->locate_protocol(&guid, 0, (void **)&gop) || !gop || !gop->mode) {
		print("bootloader: no graphics output (GOP); serial console only\n");
		return false;
	}
	uint32_t best = gop->mode->mode;
	uint64_t best_score = 0;
	for (uint32_t m = 0; m < gop->mode->max_mode; m++) {
		struct efi_gop_mode_info *info;
		uint64_t info_size;
		if (gop->query_mode(gop, m, &info_size, &info) || !usable(info))
			continue;
		uint32_t w = info->horizontal_resolution, ht = info->vertical_resolution;
		uint64_t score = w == DEFAULT_WIDTH && ht == DEFAULT_HEIGHT ? ~0ULL
		                 : w <= 1920 && ht <= 1080                  ? (uint64_t)w * ht
		                                                            : 0;
		if (score > best_score) {
			best = m;
			best_score = score;
		}
	}
	if (best != gop->mode->mode && gop->set_mode(gop, best))
		print("bootloader: GOP mode %u refused; keeping mode %u\n", best, gop->mode->mode);
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
