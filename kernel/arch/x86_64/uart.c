/*
 * The kernel console on x86_64: the 16550 UART at COM1 (115200 8N1), its
 * receive interrupt on ISA line 4.
 */
#include <freestanding/io.h>

#include "../arch.h"

#define COM1_IRQ         4
#define UART_IER         1 /* interrupt enable */
#define UART_LSR         5 /* line status */
#define LSR_DATA_READY   1
#define IER_RX_AVAILABLE 1

void arch_console_init(void)
{
	serial_init(COM1);
}

void arch_console_putc(char c)
{
	serial_putc(COM1, c);
}

int arch_console_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA_READY))
		return -1;
	return (unsigned char)inb(COM1);
}

uint32_t arch_console_irq_line(void)
{
	return COM1_IRQ;
}

void arch_console_rx_start(irq_handler handler)
{
	interrupt_set_handler(IRQ_VECTOR_BASE + COM1_IRQ, handler, 0);
	outb(COM1 + UART_IER, IER_RX_AVAILABLE);
	ioapic_set_masked(COM1_IRQ, false);
}
