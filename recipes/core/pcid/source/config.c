/*
 * PCI configuration space. PCI Express machines (q35) describe ECAM in
 * ACPI's MCFG table: 4 KiB per function at base + (bus << 20 | dev << 15
 * | func << 12), mapped here one bus (1 MiB) at a time as the scan needs
 * it. Without MCFG (or without ACPI) the legacy mechanism: address to
 * port 0xCF8, data at 0xCFC, which needs I/O privilege (SYS_IOPL).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <driver/driver.h>
#include <redox/syscall.h>

#include "pcid.h"

static uint64_t ecam_base;
static uint8_t ecam_first, ecam_last;
static volatile uint8_t *ecam_bus[256];
static bool legacy;

uint64_t env_hex(const char *key)
{
	return driver_env_hex(key);
}

struct sdt {
	char signature[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_revision, creator, creator_revision;
} __attribute__((packed));

/* A table's header and body, mapped; NULL when it cannot be. */
static const struct sdt *map_table(uint64_t phys)
{
	const struct sdt *h = driver_map_mmio(phys, sizeof *h);
	if (!h || h->length < sizeof *h || h->length > (1 << 20))
		return 0;
	return driver_map_mmio(phys, h->length);
}

/* MCFG through RSDP -> XSDT/RSDT; true when it names segment 0. */
static bool find_mcfg(void)
{
	uint64_t rsdp_phys = env_hex("RSDP");
	if (!rsdp_phys)
		return false;
	const uint8_t *rsdp = driver_map_mmio(rsdp_phys, 36);
	if (!rsdp || memcmp(rsdp, "RSD PTR ", 8))
		return false;
	uint32_t rsdt;
	uint64_t xsdt = 0;
	memcpy(&rsdt, rsdp + 16, 4);
	if (rsdp[15] >= 2)
		memcpy(&xsdt, rsdp + 24, 8);
	const struct sdt *root = map_table(xsdt ? xsdt : rsdt);
	if (!root)
		return false;
	size_t width = xsdt ? 8 : 4, count = (root->length - sizeof *root) / width;
	for (size_t i = 0; i < count; i++) {
		uint64_t phys = 0;
		memcpy(&phys, (const uint8_t *)(root + 1) + i * width, width);
		const struct sdt *t = map_table(phys);
		if (!t || memcmp(t->signature, "MCFG", 4))
			continue;
		const uint8_t *e = (const uint8_t *)(t + 1) + 8,
		              *end = (const uint8_t *)t + t->length;
		for (; e + 16 <= end; e += 16) {
			uint16_t segment;
			memcpy(&segment, e + 8, 2);
			if (segment)
				continue;
			memcpy(&ecam_base, e, 8);
			ecam_first = e[10];
			ecam_last = e[11];
			return true;
		}
	}
	return false;
}

const char *pci_config_init(char *how, unsigned len)
{
	if (find_mcfg()) {
		snprintf(how, len, "ECAM at 0x%llx, buses %u-%u (ACPI MCFG)",
		         (unsigned long long)ecam_base, ecam_first, ecam_last);
		return how;
	}
	uint64_t r = syscall1(SYS_IOPL, 3);
	if (redox_is_error(r)) {
		errno = (int)-(int64_t)r;
		return 0;
	}
	legacy = true;
	snprintf(how, len, "legacy ports 0xCF8/0xCFC (no ACPI MCFG)");
	return how;
}

static volatile uint8_t *ecam(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off)
{
	if (bus < ecam_first || bus > ecam_last)
		return 0;
	if (!ecam_bus[bus])
		ecam_bus[bus] =
		    driver_map_mmio(ecam_base + ((uint64_t)(bus - ecam_first) << 20), 1 << 20);
	if (!ecam_bus[bus])
		return 0;
	return ecam_bus[bus] + ((uint32_t)dev << 15 | (uint32_t)func << 12 | off);
}

static void legacy_address(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off)
{
	uint32_t a = 0x80000000u | (uint32_t)bus << 16 | (uint32_t)dev << 11 | (uint32_t)func << 8 |
	             (off & 0xFC);
	__asm__ volatile("outl %0, %w1" : : "a"(a), "Nd"(0xCF8));
}

uint32_t pci_read32(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off)
{
	if (!legacy) {
		volatile uint32_t *p = (volatile uint32_t *)ecam(bus, dev, func, off & ~3);
		return p ? *p : 0xFFFFFFFF;
	}
	if (off >= 256)
		return 0xFFFFFFFF;
	legacy_address(bus, dev, func, off);
	uint32_t v;
	__asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"(0xCFC));
	return v;
}

void pci_write32(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off, uint32_t value)
{
	if (!legacy) {
		volatile uint32_t *p = (volatile uint32_t *)ecam(bus, dev, func, off & ~3);
		if (p)
			*p = value;
		return;
	}
	if (off >= 256)
		return;
	legacy_address(bus, dev, func, off);
	__asm__ volatile("outl %0, %w1" : : "a"(value), "Nd"(0xCFC));
}

uint16_t pci_read16(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off)
{
	return (uint16_t)(pci_read32(bus, dev, func, off & ~3) >> ((off & 2) * 8));
}

void pci_write16(uint8_t bus, uint8_t dev, uint8_t func, uint16_t off, uint16_t value)
{
	uint32_t v = pci_read32(bus, dev, func, off & ~3), shift = (off & 2) * 8;
	v = (v & ~(0xFFFFu << shift)) | (uint32_t)value << shift;
	pci_write32(bus, dev, func, off & ~3, v);
}
