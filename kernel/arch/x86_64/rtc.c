/*
 * The battery-backed clock of the PC (CMOS RTC, ports 0x70/0x71), read once
 * at boot: BCD or binary, 12- or 24-hour, with the century register.
 */
#include <freestanding/io.h>

#include "../arch.h"

static uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static uint8_t bcd(uint8_t v, int is_binary)
{
	return is_binary ? v : (uint8_t)((v >> 4) * 10 + (v & 15));
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

uint64_t arch_rtc_epoch_seconds(void)
{
	while (cmos_read(0x0A) & 0x80) /* update in progress */
		;
	uint8_t status_b = cmos_read(0x0B);
	int binary = status_b & 4;
	uint8_t sec = bcd(cmos_read(0x00), binary);
	uint8_t min = bcd(cmos_read(0x02), binary);
	uint8_t hour_raw = cmos_read(0x04);
	uint8_t hour = bcd(hour_raw & 0x7F, binary);
	if (!(status_b & 2) && (hour_raw & 0x80))
		hour = (uint8_t)((hour % 12) + 12);
	uint8_t day = bcd(cmos_read(0x07), binary);
	uint8_t month = bcd(cmos_read(0x08), binary);
	uint8_t year = bcd(cmos_read(0x09), binary);
	uint8_t century = bcd(cmos_read(0x32), binary);
	int64_t full_year = century >= 19 && century <= 30 ? century * 100 + year : 2000 + year;
	int64_t days = days_from_civil(full_year, month, day);
	return (uint64_t)(days * 86400 + hour * 3600 + min * 60 + sec);
}
