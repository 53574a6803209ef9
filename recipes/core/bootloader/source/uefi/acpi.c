/*
 * The ACPI RSDP from the firmware's configuration tables: the ACPI 2.0
 * entry when there is one, else the ACPI 1.0 one; checksum verified.
 */
#include "uefi.h"

static bool same_guid(const struct efi_guid *a, const struct efi_guid *b)
{
	return !memcmp(a, b, sizeof *a);
}

static bool rsdp_valid(const uint8_t *p, uint64_t *size)
{
	if (!p || memcmp(p, "RSD PTR ", 8))
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
	static const struct efi_guid acpi20 = EFI_ACPI_20_TABLE_GUID,
	                             acpi10 = EFI_ACPI_10_TABLE_GUID;
	const struct efi_guid *wanted[] = {&acpi20, &acpi10};
	for (int w = 0; w < 2; w++)
		for (uint64_t i = 0; i < efi_st->number_of_table_entries; i++) {
			const struct efi_configuration_table *t = &efi_st->configuration_table[i];
			if (same_guid(&t->vendor_guid, wanted[w]) &&
			    rsdp_valid(t->vendor_table, size))
				return (uint64_t)t->vendor_table;
		}
	*size = 0;
	return 0;
}
