/*
 * Local APIC (per-CPU timer, IPIs, end of interrupt) and I/O APIC
 * (device interrupts). Vectors: 32..47 ISA/legacy IRQs, 48..223 other
 * GSIs, 0xF0 the timer, 0xF1 the reschedule IPI, 0xFF spurious.
 */
#ifndef KERNEL_ARCH_X86_64_APIC_H
#define KERNEL_ARCH_X86_64_APIC_H

#include <stdbool.h>
#include <stdint.h>

#define IRQ_VECTOR_BASE   32
#define IRQ_COUNT         192
#define VECTOR_TIMER      0xF0
#define VECTOR_RESCHEDULE 0xF1
#define VECTOR_HALT       0xF2
#define VECTOR_SPURIOUS   0xFF
#define TIMER_HZ          100

void lapic_init(void);        /* this CPU's local APIC, timer off */
void lapic_timer_start(void); /* periodic TIMER_HZ on this CPU */
void lapic_calibrate(void);   /* once, on the BSP, against the PIT */
void lapic_eoi(void);
uint32_t lapic_id(void);
void lapic_send_init(uint32_t apic_id);
void lapic_send_startup(uint32_t apic_id, uint8_t page);
void lapic_send_ipi(uint32_t apic_id, uint8_t vector);
void lapic_broadcast_ipi(uint8_t vector); /* all CPUs but this one */

void ioapic_init(void);
/* Route IRQ (ISA numbering for 0..15, else a GSI) to this CPU, masked or not. */
void ioapic_set_masked(uint32_t irq, bool masked);

/* Busy wait using the TSC calibrated in lapic_calibrate. */
void udelay(uint64_t microseconds);
uint64_t tsc_per_second(void);

#endif
