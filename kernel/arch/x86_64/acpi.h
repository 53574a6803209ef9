/*
 * ACPI tables the kernel reads itself: the MADT (CPUs, I/O APICs,
 * interrupt source overrides). Everything else is for userspace.
 */
#ifndef KERNEL_ARCH_X86_64_ACPI_H
#define KERNEL_ARCH_X86_64_ACPI_H

#include <stdint.h>

#define MAX_CPUS    16
#define MAX_IOAPICS 4

struct madt_info {
	uint64_t lapic_phys;
	uint32_t cpu_count;
	uint8_t apic_ids[MAX_CPUS];
	uint32_t ioapic_count;
	struct {
		uint64_t phys;
		uint32_t gsi_base;
	} ioapics[MAX_IOAPICS];
	/* ISA IRQ -> GSI, with polarity/trigger flags from the override */
	uint32_t isa_gsi[16];
	uint16_t isa_flags[16];
};

extern struct madt_info madt;

/* Parse the RSDP's tables; false when there is no usable MADT. */
int acpi_init(uint64_t rsdp_phys);
/* Physical address of table `sig` ("APIC", "FACP", ...), 0 if absent. */
uint64_t acpi_find_table(const char sig[4]);
/* Enter sleep state S5 (power off); returns only if that did not work. */
void acpi_power_off(void);

#endif
