/*
 * x86_64's side of kernel/arch/arch.h: the types generic code sees (per-CPU
 * data, the interrupt frame) and the constants it may use.
 */
#ifndef KERNEL_ARCH_X86_64_MACHINE_H
#define KERNEL_ARCH_X86_64_MACHINE_H

#include "apic.h"
#include "cpu.h"
#include "interrupt.h"
#include "percpu.h"

#define IRQ_LINES_MAX IRQ_COUNT

#endif
