/*
 * Find the ACPI RSDP for the kernel: the first 1 KiB of the EBDA, then
 * the BIOS area 0xE0000..0xFFFFF, on 16-byte boundaries, checksum verified.
 */
#include "bios.h"

static bool rsdp_valid(const uint8_t *p, uint64_t *size)
{
	if (memcmp(p, "RSD PTR ", 8))
		return false;
	uint8_t sum = 0;
	for (int i = 0; i < 20; i++)
		sum += p[i];
	if (sum)
		return false;
	*size = p[15] >= 2 ? *(const uint32_t *)(p + 20) : 20;
	return true;
}

uint64_t acpi_find_rsdp(uint64_t *size)
{
	uint64_t ebda = (uint64_t)(*(volatile uint16_t *)0x40E) << 4;
	if (ebda >= 0x80000 && ebda < 0xA0000)
		for (uint64_t p = ebda; p < ebda + 1024; p += 16)
			if (rsdp_valid((const uint8_t *)p, size))
				return p;
	for (uint64_t p = 0xE0000; p < 0x100000; p += 16)
		if (rsdp_valid((const uint8_t *)p, size))
			return p;
	*size = 0;
	return 0;
}
