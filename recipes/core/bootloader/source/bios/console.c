/*
 * Stage 2's console: COM1 only (the kernel takes the screen later).
 */
#include <stdarg.h>

#include "bios.h"
#include <fmt/fmt.h>
#include <freestanding/io.h>

void console_init(void)
{
	serial_init(COM1);
}

static void serial_sink(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			serial_putc(COM1, '\r');
		serial_putc(COM1, text[i]);
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
