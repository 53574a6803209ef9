/*
 * The kernel's clocks (see clock.h). The RTC is read once; drift over a
 * session does not matter for us.
 */
#define LOG_MODULE "time"

#include "clock.h"
#include "../arch/arch.h"
#include "../lib/log.h"

static uint64_t cycles_at_boot;
static uint64_t cycles_hz;
static uint64_t realtime_at_boot_ns;

void clock_init(void)
{
	cycles_at_boot = arch_cycles();
	cycles_hz = arch_cycles_per_second();
	if (!cycles_hz)
		cycles_hz = 1000000000;
	realtime_at_boot_ns = arch_rtc_epoch_seconds() * 1000000000ULL;
	log_info("RTC: %llu seconds since the epoch",
	         (unsigned long long)(realtime_at_boot_ns / 1000000000ULL));
}

uint64_t clock_monotonic_ns(void)
{
	uint64_t delta = arch_cycles() - cycles_at_boot;
	uint64_t seconds = delta / cycles_hz, rest = delta % cycles_hz;
	return seconds * 1000000000ULL + rest * 1000000000ULL / cycles_hz;
}

uint64_t clock_deadline_after(int64_t sec, int64_t nsec)
{
	uint64_t now = clock_monotonic_ns(), max = ~0ULL;
	if (sec < 0 || nsec < 0)
		return now;
	if ((uint64_t)sec > (max - now) / 1000000000ULL)
		return max;
	uint64_t d = now + (uint64_t)sec * 1000000000ULL;
	return (uint64_t)nsec > max - d ? max : d + (uint64_t)nsec;
}

uint64_t clock_realtime_ns(void)
{
	return realtime_at_boot_ns + clock_monotonic_ns();
}
