/*
 * Interrupt and exception entry: the frame every vector's stub builds,
 * and the IDT.
 */
#ifndef KERNEL_ARCH_X86_64_INTERRUPT_H
#define KERNEL_ARCH_X86_64_INTERRUPT_H

#include <stdbool.h>
#include <stdint.h>

struct interrupt_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

static inline bool frame_from_user(const struct interrupt_frame *f)
{
	return (f->cs & 3) != 0;
}

typedef void (*irq_handler)(struct interrupt_frame *frame, void *ctx);

void idt_init(void);
/* Load the shared IDT on this CPU. */
void idt_load(void);
void interrupt_set_handler(uint8_t vector, irq_handler handler, void *ctx);

/* C entry from isr.asm */
void interrupt_dispatch(struct interrupt_frame *frame);
/* exceptions.c */
void exception_handle(struct interrupt_frame *frame);
void dump_frame(const struct interrupt_frame *frame);

#endif
