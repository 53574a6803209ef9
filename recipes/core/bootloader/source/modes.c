/*
 * The video mode list and its menu, shared by every loader that can set a
 * mode (the UEFI one through GOP today): modes sorted by size, the default
 * (1024x768 when offered, else the largest up to 1920x1080, else the
 * smallest), and the menu: the list, then a number + Enter picks one,
 * Enter or Esc takes the default, and without a key the default is taken
 * after MODES_TIMEOUT_MS. The platform supplies key reads and a clock.
 */
#include "loader.h"

#define DEFAULT_WIDTH  1024
#define DEFAULT_HEIGHT 768
#define MAX_WIDTH      1920
#define MAX_HEIGHT     1080

static bool smaller(const struct video_mode *a, const struct video_mode *b)
{
	return a->width != b->width ? a->width < b->width : a->height < b->height;
}

void modes_sort(struct video_mode *m, uint32_t n)
{
	for (uint32_t i = 1; i < n; i++) {
		struct video_mode v = m[i];
		uint32_t j = i;
		for (; j > 0 && smaller(&v, &m[j - 1]); j--)
			m[j] = m[j - 1];
		m[j] = v;
	}
}

uint32_t modes_default(const struct video_mode *m, uint32_t n)
{
	uint32_t best = 0;
	for (uint32_t i = 0; i < n; i++) {
		if (m[i].width == DEFAULT_WIDTH && m[i].height == DEFAULT_HEIGHT)
			return i;
		if (m[i].width <= MAX_WIDTH && m[i].height <= MAX_HEIGHT)
			best = i; /* sorted: the last that fits is the largest */
	}
	return best;
}

uint32_t modes_menu(const struct video_mode *m, uint32_t n, uint32_t def,
                    const struct modes_input *in)
{
	if (n < 2)
		return def;
	print("bootloader: video modes (number and Enter; Enter alone or %u s: %ux%u)\n",
	      MODES_TIMEOUT_MS / 1000, m[def].width, m[def].height);
	for (uint32_t i = 0; i < n; i++)
		print("  %2u) %ux%u%s\n", i + 1, m[i].width, m[i].height, i == def ? " *" : "");
	uint32_t typed = 0, waited = 0;
	bool touched = false;
	for (;;) {
		int key = in->read_key(in->ctx);
		if (key < 0) {
			if (!touched && waited >= MODES_TIMEOUT_MS)
				return def;
			in->sleep_ms(in->ctx, 10);
			waited += 10;
			continue;
		}
		touched = true;
		if (key >= '0' && key <= '9' && typed < 1000) {
			typed = typed * 10 + (uint32_t)(key - '0');
		} else if (key == '\r' || key == '\n') {
			if (typed >= 1 && typed <= n)
				return typed - 1;
			if (typed == 0)
				return def;
			print("bootloader: no mode %u; 1 to %u\n", typed, n);
			typed = 0;
		} else if (key == 27) {
			return def;
		}
	}
}
