/*
 * Local APIC and I/O APIC programming (xAPIC, MMIO through the direct
 * map), and the calibration of the APIC timer and TSC against PIT
 * channel 2.
 */
#define LOG_MODULE "arch::x86_64::apic"
#include <cpuid.h>
#include <freestanding/io.h>

#include "acpi.h"
#include "apic.h"
#include "cpu.h"
#include "../../boot.h"
#include "../../lib/log.h"
#include "../../lib/spinlock.h"

#define LAPIC_ID            0x20
#define LAPIC_TPR           0x80
#define LAPIC_EOI           0xB0
#define LAPIC_SVR           0xF0
#define LAPIC_ICR_LOW       0x300
#define LAPIC_ICR_HIGH      0x310
#define LAPIC_LVT_TIMER     0x320
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE  0x3E0

static volatile uint32_t *lapic;
static uint32_t timer_ticks_per_period;
static uint64_t tsc_hz;
static struct spinlock ioapic_lock;

static uint32_t lapic_read(uint32_t reg)
{
	return lapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t value)
{
	lapic[reg / 4] = value;
}

void lapic_init(void)
{
	if (!lapic)
		lapic = phys_to_virt(madt.lapic_phys ? madt.lapic_phys : 0xFEE00000);
	wrmsr(0x1B, rdmsr(0x1B) | (1 << 11)); /* APIC global enable */
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, 0x100 | VECTOR_SPURIOUS);
	lapic_write(LAPIC_LVT_TIMER, 1 << 16); /* masked */
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

static void icr_send(uint32_t apic_id, uint32_t low)
{
	lapic_write(LAPIC_ICR_HIGH, apic_id << 24);
	lapic_write(LAPIC_ICR_LOW, low);
	while (lapic_read(LAPIC_ICR_LOW) & (1 << 12))
		__builtin_ia32_pause();
}

void lapic_send_init(uint32_t apic_id)
{
	icr_send(apic_id, 0x4500);
}

void lapic_send_startup(uint32_t apic_id, uint8_t page)
{
	icr_send(apic_id, 0x4600 | page);
}

void lapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	icr_send(apic_id, 0x4000 | vector);
}

void lapic_broadcast_ipi(uint8_t vector)
{
	icr_send(0, 0xC4000 | vector); /* shorthand: all excluding self */
}

/* PIT channel 2 counts down `ms` milliseconds (gate via port 0x61). */
static void pit_wait_start(uint32_t ms)
{
	uint32_t count = 1193182 * ms / 1000;
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xB0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(0x42, count & 0xFF);
	outb(0x42, (count >> 8) & 0xFF);
	/* restart the count by toggling the gate */
	uint8_t v = inb(0x61) & ~0x01;
	outb(0x61, v);
	outb(0x61, v | 0x01);
}

static bool pit_done(void)
{
	return inb(0x61) & 0x20;
}

/* The TSC rate the CPU reports (leaf 0x16, MHz), for when the PIT fails. */
static uint64_t cpuid_tsc_hz(void)
{
	unsigned int a, b, c, d;
	if (__get_cpuid_max(0, 0) < 0x16)
		return 0;
	__cpuid(0x16, a, b, c, d);
	return (uint64_t)(a & 0xFFFF) * 1000000;
}

/*
 * One PIT window counts both clocks. The wait is bounded: a machine whose
 * PIT does not count (no legacy timer, a virtualizer that does not emulate
 * the gate) must not hang the boot; the caller falls back.
 */
static bool calibrate_once(uint32_t ms, uint32_t *lapic_ticks, uint64_t *tsc_ticks)
{
	lapic_write(LAPIC_TIMER_DIVIDE, 0x3); /* divide by 16 */
	pit_wait_start(ms);
	uint64_t tsc0 = rdtsc();
	lapic_write(LAPIC_TIMER_INITIAL, 0xFFFFFFFF);
	for (uint64_t spins = 0; !pit_done(); spins++) {
		if (spins > 200000000ULL) {
			lapic_write(LAPIC_TIMER_INITIAL, 0);
			return false;
		}
		__builtin_ia32_pause();
	}
	*lapic_ticks = 0xFFFFFFFF - lapic_read(LAPIC_TIMER_CURRENT);
	*tsc_ticks = rdtsc() - tsc0;
	lapic_write(LAPIC_TIMER_INITIAL, 0);
	return *lapic_ticks != 0 && *tsc_ticks != 0;
}

void lapic_calibrate(void)
{
	/*
	 * Three 20 ms windows, keeping the shortest: a virtual CPU descheduled
	 * by its host during one window makes that window look long.
	 */
	const uint32_t ms = 20;
	uint32_t elapsed = 0;
	uint64_t tsc_ticks = 0;
	for (int i = 0; i < 3; i++) {
		uint32_t l;
		uint64_t t;
		if (!calibrate_once(ms, &l, &t))
			break;
		if (!tsc_ticks || t < tsc_ticks) {
			tsc_ticks = t;
			elapsed = l;
		}
	}
	if (tsc_ticks) {
		timer_ticks_per_period = (uint32_t)((uint64_t)elapsed * 1000 / ms / TIMER_HZ);
		tsc_hz = tsc_ticks * 1000 / ms;
	} else {
		tsc_hz = cpuid_tsc_hz();
		if (!tsc_hz)
			tsc_hz = 1000000000ULL;
		log_warn("the PIT does not count: TSC taken as %llu MHz, APIC timer guessed",
		         (unsigned long long)(tsc_hz / 1000000));
	}
	if (timer_ticks_per_period == 0)
		timer_ticks_per_period = 10000;
	log_info("APIC timer: %u ticks per %u ms; TSC %llu MHz", timer_ticks_per_period,
	         1000 / TIMER_HZ, (unsigned long long)(tsc_hz / 1000000));
}

void lapic_timer_start(void)
{
	lapic_write(LAPIC_TIMER_DIVIDE, 0x3);
	lapic_write(LAPIC_LVT_TIMER, (1 << 17) | VECTOR_TIMER); /* periodic */
	lapic_write(LAPIC_TIMER_INITIAL, timer_ticks_per_period);
}

uint64_t tsc_per_second(void)
{
	return tsc_hz;
}

void udelay(uint64_t us)
{
	uint64_t end = rdtsc() + tsc_hz / 1000000 * us;
	while (rdtsc() < end)
		__builtin_ia32_pause();
}

static uint32_t ioapic_read(volatile uint32_t *base, uint32_t reg)
{
	base[0] = reg;
	return base[4];
}

static void ioapic_write(volatile uint32_t *base, uint32_t reg, uint32_t value)
{
	base[0] = reg;
	base[4] = value;
}

/* Which I/O APIC serves a GSI, and the pin on it. */
static volatile uint32_t *ioapic_for(uint32_t gsi, uint32_t *pin)
{
	for (uint32_t i = 0; i < madt.ioapic_count; i++) {
		volatile uint32_t *base = phys_to_virt(madt.ioapics[i].phys);
		uint32_t count = ((ioapic_read(base, 1) >> 16) & 0xFF) + 1;
		if (gsi >= madt.ioapics[i].gsi_base && gsi < madt.ioapics[i].gsi_base + count) {
			*pin = gsi - madt.ioapics[i].gsi_base;
			return base;
		}
	}
	return 0;
}

void ioapic_set_masked(uint32_t irq, bool masked)
{
	uint32_t gsi = irq < 16 ? madt.isa_gsi[irq] : irq;
	uint16_t flags = irq < 16 ? madt.isa_flags[irq] : 0;
	uint32_t pin;
	uint64_t f = spin_lock_irqsave(&ioapic_lock);
	volatile uint32_t *base = ioapic_for(gsi, &pin);
	if (base) {
		uint32_t low = IRQ_VECTOR_BASE + irq;
		if ((flags & 3) == 3 || (irq >= 16))
			low |= 1 << 13; /* active low: PCI lines and overridden ISA */
		if ((flags & 0xC) == 0xC || (irq >= 16))
			low |= 1 << 15; /* level triggered */
		if (masked)
			low |= 1 << 16;
		ioapic_write(base, 0x10 + 2 * pin + 1, lapic_id() << 24);
		ioapic_write(base, 0x10 + 2 * pin, low);
	}
	spin_unlock_irqrestore(&ioapic_lock, f);
}

void ioapic_init(void)
{
	for (uint32_t i = 0; i < madt.ioapic_count; i++) {
		volatile uint32_t *base = phys_to_virt(madt.ioapics[i].phys);
		uint32_t count = ((ioapic_read(base, 1) >> 16) & 0xFF) + 1;
		for (uint32_t pin = 0; pin < count; pin++)
			ioapic_write(base, 0x10 + 2 * pin, 1 << 16);
	}
}
