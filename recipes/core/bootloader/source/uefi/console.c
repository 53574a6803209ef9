/*
 * The UEFI loader's console: the firmware's text output (the screen, and
 * the serial port where the firmware mirrors it) while boot services run,
 * COM1 directly afterwards. A failure says why and hands control back to
 * the firmware, which then tries its next boot option.
 */
#include <stdarg.h>

#include <fmt/fmt.h>
#include <freestanding/io.h>

#include "uefi.h"

static bool serial_ready;

static void firmware_sink(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	char16 buf[128];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf[n++] = '\r';
		buf[n++] = (unsigned char)text[i];
		if (n >= sizeof buf / sizeof buf[0] - 2 || i + 1 == len) {
			buf[n] = 0;
			efi_st->con_out->output_string(efi_st->con_out, buf);
			n = 0;
		}
	}
}

static void serial_sink(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	if (!serial_ready) {
		serial_init(COM1);
		serial_ready = true;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			serial_putc(COM1, '\r');
		serial_putc(COM1, text[i]);
	}
}

void console_init(void)
{
	/* the firmware's watchdog would reset the machine after 5 minutes */
	efi_bs->set_watchdog_timer(0, 0, 0, 0);
}

static void vprint(const char *format, va_list args)
{
	fmt_vformat(efi_bs && efi_st->con_out ? firmware_sink : serial_sink, 0, format, args);
}

void print(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vprint(format, args);
	va_end(args);
}

_Noreturn void fail(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	print("bootloader: ");
	vprint(format, args);
	va_end(args);
	if (efi_bs) {
		print("\nbootloader: back to the firmware in 5 s\n");
		efi_bs->stall(5000000);
		efi_bs->exit(efi_image, EFI_NOT_FOUND, 0, 0);
	}
	print("\n");
	for (;;)
		__asm__ volatile("cli; hlt");
}
