/*
 * The IDT (one table shared by all CPUs) and the dispatch of vectors to
 * exception handling or registered interrupt handlers.
 */
#include "gdt.h"
#include "interrupt.h"
#include "../../proc/signal.h"

struct idt_entry {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

extern const uint64_t isr_table[256];

static struct idt_entry idt[256] __attribute__((aligned(16)));
static struct {
	irq_handler handler;
	void *ctx;
} handlers[256];

static void set_gate(int vector, uint64_t address, uint8_t ist, uint8_t dpl)
{
	idt[vector] = (struct idt_entry){
	    .offset_low = address & 0xFFFF,
	    .selector = GDT_KERNEL_CODE,
	    .ist = ist,
	    .type = (uint8_t)(0x8E | dpl << 5), /* present, interrupt gate */
	    .offset_mid = (address >> 16) & 0xFFFF,
	    .offset_high = (uint32_t)(address >> 32),
	};
}

void idt_init(void)
{
	for (int v = 0; v < 256; v++)
		set_gate(v, isr_table[v], 0, 0);
	set_gate(2, isr_table[2], IST_NMI, 0);
	set_gate(8, isr_table[8], IST_DOUBLE_FAULT, 0);
	set_gate(3, isr_table[3], 0, 3); /* int3 allowed from user mode */
}

void idt_load(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = {sizeof idt - 1, (uint64_t)idt};
	__asm__ volatile("lidt %0" : : "m"(ptr));
}

void interrupt_set_handler(uint8_t vector, irq_handler handler, void *ctx)
{
	handlers[vector].ctx = ctx;
	__atomic_store_n(&handlers[vector].handler, handler, __ATOMIC_RELEASE);
}

void interrupt_dispatch(struct interrupt_frame *frame)
{
	if (frame->vector < 32) {
		exception_handle(frame);
		return;
	}
	irq_handler handler = __atomic_load_n(&handlers[frame->vector].handler, __ATOMIC_ACQUIRE);
	if (handler)
		handler(frame, handlers[frame->vector].ctx);
	if (frame_from_user(frame))
		signal_deliver(frame); /* e.g. a kill of a process that never makes a syscall */
}
