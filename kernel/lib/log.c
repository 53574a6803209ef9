/*
 * Kernel log output to the console (COM1 on x86_64). A spinlock keeps lines from different CPUs
 * whole; the panic path takes the lock without waiting forever.
 */
#include <fmt/fmt.h>
#include <freestanding/string.h>

#include "log.h"
#include "spinlock.h"
#include "../arch/arch.h"
#include "../scheme/scheme.h"

static struct spinlock log_lock;

void log_init(void)
{
	arch_console_init();
}

static void console_sink(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	sys_log_append(text, len); /* the sys:log ring */
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(text[i]);
	}
}

void kvprintf(const char *format, va_list args)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	fmt_vformat(console_sink, 0, format, args);
	spin_unlock_irqrestore(&log_lock, flags);
}

void kprintf(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	kvprintf(format, args);
	va_end(args);
}

static void emit(const char *text)
{
	console_sink(0, text, strlen(text));
}

void log_write(enum log_level level, const char *module, const char *format, ...)
{
	static const char *const names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
	va_list args;
	va_start(args, format);
	uint64_t flags = spin_lock_irqsave(&log_lock);
	emit("kernel::");
	emit(module);
	emit(":");
	emit(names[level]);
	emit(" -- ");
	fmt_vformat(console_sink, 0, format, args);
	emit("\n");
	spin_unlock_irqrestore(&log_lock, flags);
	va_end(args);
}

_Noreturn void panic(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	arch_irq_disable();
	/* Break the lock: a panic must print even if the log was held. */
	spin_break(&log_lock);
	kprintf("KERNEL PANIC: ");
	kvprintf(format, args);
	kprintf("\n");
	va_end(args);
	arch_halt();
}
