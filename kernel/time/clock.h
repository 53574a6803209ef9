/*
 * Clocks: CLOCK_MONOTONIC from the TSC (calibrated against the PIT at
 * boot), CLOCK_REALTIME = the CMOS RTC read at boot + monotonic time.
 */
#ifndef KERNEL_TIME_CLOCK_H
#define KERNEL_TIME_CLOCK_H

#include <stdint.h>

void clock_init(void);
uint64_t clock_monotonic_ns(void);
uint64_t clock_realtime_ns(void);
/* The monotonic time sec s + nsec ns from now, saturating instead of
 * wrapping (a huge timeout means "effectively never", not "already past"). */
uint64_t clock_deadline_after(int64_t sec, int64_t nsec);

#endif
