/*
 * Stage 2's console: COM1, and the screen through the BIOS's teletype call
 * (int 10h ah=0Eh) when there is a video BIOS, until a graphics mode is
 * set; the kernel takes both over later.
 */
#include <stdarg.h>

#include "bios.h"
#include <fmt/fmt.h>
#include <freestanding/io.h>

static bool screen;

void console_init(void)
{
	serial_init(COM1);
	/* only a video BIOS (an option ROM at C000:) makes int 10h write to a screen */
	uint16_t segment = *(volatile uint16_t *)(0x10 * 4 + 2);
	screen = segment >= 0xC000 && segment < 0xC800;
}

void console_screen_off(void)
{
	screen = false;
}

static void screen_putc(char c)
{
	struct bios_regs r = {.eax = 0x0E00 | (uint8_t)c, .ebx = 0x0007};
	bios_int(0x10, &r);
}

static void serial_sink(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			serial_putc(COM1, '\r');
		serial_putc(COM1, text[i]);
		if (screen) {
			if (text[i] == '\n')
				screen_putc('\r');
			screen_putc(text[i]);
		}
	}
}

void print(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fmt_vformat(serial_sink, 0, format, args);
	va_end(args);
}

_Noreturn void fail(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	print("bootloader: ");
	fmt_vformat(serial_sink, 0, format, args);
	print("\n");
	va_end(args);
	for (;;)
		__asm__ volatile("cli; hlt");
}
