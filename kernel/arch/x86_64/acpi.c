/*
 * Walk the RSDT/XSDT from the RSDP the bootloader found, verify checksums,
 * and read the MADT into struct madt_info.
 */
#define LOG_MODULE "arch::x86_64::acpi"
#include <freestanding/string.h>

#include "acpi.h"
#include "../../boot.h"
#include "../../lib/log.h"

struct sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem_id[6], oem_table_id[8];
	uint32_t oem_revision, creator_id, creator_revision;
} __attribute__((packed));

struct madt_info madt;
static uint64_t root_phys;
static int root_is_xsdt;

static int checksum_ok(const void *p, uint32_t len)
{
	uint8_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum += ((const uint8_t *)p)[i];
	return sum == 0;
}

uint64_t acpi_find_table(const char sig[4])
{
	if (!root_phys)
		return 0;
	const struct sdt_header *root = phys_to_virt(root_phys);
	uint32_t entry_size = root_is_xsdt ? 8 : 4;
	uint32_t count = (root->length - sizeof *root) / entry_size;
	const uint8_t *entries = (const uint8_t *)(root + 1);
	for (uint32_t i = 0; i < count; i++) {
		uint64_t phys = 0;
		memcpy(&phys, entries + i * entry_size, entry_size);
		const struct sdt_header *t = phys_to_virt(phys);
		if (!memcmp(t->signature, sig, 4) && checksum_ok(t, t->length))
			return phys;
	}
	return 0;
}

static void parse_madt(const struct sdt_header *h)
{
	const uint8_t *p = (const uint8_t *)(h + 1);
	madt.lapic_phys = *(const uint32_t *)p;
	const uint8_t *end = (const uint8_t *)h + h->length;
	for (int i = 0; i < 16; i++)
		madt.isa_gsi[i] = (uint32_t)i;
	for (p += 8; p + 2 <= end && p[1] >= 2; p += p[1]) {
		switch (p[0]) {
		case 0: /* processor local APIC */
			if ((*(const uint32_t *)(p + 4) & 3) && madt.cpu_count < MAX_CPUS)
				madt.apic_ids[madt.cpu_count++] = p[3];
			break;
		case 1: /* I/O APIC */
			if (madt.ioapic_count < MAX_IOAPICS) {
				madt.ioapics[madt.ioapic_count].phys = *(const uint32_t *)(p + 4);
				madt.ioapics[madt.ioapic_count].gsi_base =
				    *(const uint32_t *)(p + 8);
				madt.ioapic_count++;
			}
			break;
		case 2: /* interrupt source override */
			if (p[3] < 16) {
				madt.isa_gsi[p[3]] = *(const uint32_t *)(p + 4);
				madt.isa_flags[p[3]] = *(const uint16_t *)(p + 8);
			}
			break;
		case 5: /* 64-bit local APIC address */
			madt.lapic_phys = *(const uint64_t *)(p + 4);
			break;
		}
	}
}

int acpi_init(uint64_t rsdp_phys)
{
	if (!rsdp_phys) {
		log_warn("no RSDP: running on one CPU without ACPI");
		return 0;
	}
	const uint8_t *rsdp = phys_to_virt(rsdp_phys);
	if (memcmp(rsdp, "RSD PTR ", 8) || !checksum_ok(rsdp, 20)) {
		log_warn("RSDP at %llx is invalid", (unsigned long long)rsdp_phys);
		return 0;
	}
	if (rsdp[15] >= 2 && *(const uint64_t *)(rsdp + 24)) {
		root_phys = *(const uint64_t *)(rsdp + 24);
		root_is_xsdt = 1;
	} else {
		root_phys = *(const uint32_t *)(rsdp + 16);
	}
	const struct sdt_header *root = phys_to_virt(root_phys);
	if (!checksum_ok(root, root->length)) {
		log_warn("%s checksum is wrong", root_is_xsdt ? "XSDT" : "RSDT");
		root_phys = 0;
		return 0;
	}
	uint64_t madt_phys = acpi_find_table("APIC");
	if (!madt_phys) {
		log_warn("no MADT");
		return 0;
	}
	parse_madt(phys_to_virt(madt_phys));
	log_info("MADT: %u CPUs, %u I/O APICs, local APIC at %llx", madt.cpu_count,
	         madt.ioapic_count, (unsigned long long)madt.lapic_phys);
	return 1;
}
