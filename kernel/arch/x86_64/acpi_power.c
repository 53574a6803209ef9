/*
 * ACPI power-off (sleep state S5): the FADT names the PM1 control
 * registers, and the DSDT's \_S5_ package the SLP_TYP values to write
 * with SLP_EN. The package is found by its name in the AML bytes (no AML
 * interpreter): enough for QEMU's and most firmware's tables.
 */
#define LOG_MODULE "acpi"
#include <stdbool.h>
#include <freestanding/io.h>
#include <freestanding/string.h>

#include "acpi.h"
#include "../../lib/log.h"
#include "../../boot.h"

#define FADT_DSDT      40
#define FADT_PM1A_CNT  64
#define FADT_PM1B_CNT  68
#define FADT_X_DSDT    140
#define SDT_LENGTH     4
#define SDT_HEADER_LEN 36
#define SLP_EN         (1u << 13)

static uint32_t read32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* One AML integer of a package element (ZeroOp, OneOp, BytePrefix). */
static bool aml_byte(const uint8_t **p, const uint8_t *end, uint8_t *out)
{
	if (*p >= end)
		return false;
	uint8_t op = *(*p)++;
	if (op == 0x00 || op == 0x01) {
		*out = op;
		return true;
	}
	if (op == 0x0A && *p < end) {
		*out = *(*p)++;
		return true;
	}
	return false;
}

/* SLP_TYPa/b of \_S5_ in the DSDT; false if it has none we can read. */
static bool find_s5(const uint8_t *dsdt, uint32_t len, uint8_t *a, uint8_t *b)
{
	const uint8_t *end = dsdt + len;
	for (const uint8_t *p = dsdt + SDT_HEADER_LEN; p + 4 < end; p++) {
		if (memcmp(p, "_S5_", 4))
			continue;
		const uint8_t *q = p + 4;
		if (q >= end || *q++ != 0x12) /* PackageOp */
			continue;
		if (q >= end)
			return false;
		q += 1 + (*q >> 6); /* PkgLength: 1 to 4 bytes */
		q++;                /* NumElements */
		return aml_byte(&q, end, a) && aml_byte(&q, end, b);
	}
	return false;
}

void acpi_power_off(void)
{
	uint64_t fadt_phys = acpi_find_table("FACP");
	if (!fadt_phys) {
		log_warn("power-off: no FADT");
		return;
	}
	const uint8_t *fadt = phys_to_virt(fadt_phys);
	uint32_t fadt_len = read32(fadt + SDT_LENGTH);
	uint64_t dsdt_phys = read32(fadt + FADT_DSDT);
	if (fadt_len >= FADT_X_DSDT + 8) {
		uint64_t x;
		memcpy(&x, fadt + FADT_X_DSDT, 8);
		if (x)
			dsdt_phys = x;
	}
	uint32_t pm1a = read32(fadt + FADT_PM1A_CNT), pm1b = read32(fadt + FADT_PM1B_CNT);
	if (!dsdt_phys || !pm1a) {
		log_warn("power-off: the FADT names no DSDT or PM1a control block");
		return;
	}
	const uint8_t *dsdt = phys_to_virt(dsdt_phys);
	uint8_t typ_a, typ_b;
	if (!find_s5(dsdt, read32(dsdt + SDT_LENGTH), &typ_a, &typ_b)) {
		log_warn("power-off: no \\_S5_ package in the DSDT");
		return;
	}
	outw((uint16_t)pm1a, (uint16_t)((typ_a & 7u) << 10 | SLP_EN));
	if (pm1b)
		outw((uint16_t)pm1b, (uint16_t)((typ_b & 7u) << 10 | SLP_EN));
}
