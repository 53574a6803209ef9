/*
 * TLB shootdown by IPI (tlb.h). Only a CPU whose current context runs in
 * the changed address space (another thread of the same process) can
 * hold its entries: every switch between address spaces reloads CR3, and
 * user pages are never global. One request at a time under tlb_lock; a
 * CPU that waits for the lock with interrupts off answers requests meant
 * for it while it spins, so two CPUs shooting at each other cannot
 * deadlock.
 */
#include <stdbool.h>

#include "tlb.h"
#include "apic.h"
#include "cpu.h"
#include "interrupt.h"
#include "percpu.h"
#include "../../lib/spinlock.h"
#include "../arch.h"
#include "../../sched/sched.h"

/* Beyond this many pages a full flush (CR3 reload) is cheaper. */
#define INVLPG_MAX_PAGES 32

static struct spinlock tlb_lock;
static uint64_t req_start, req_end;
static uint64_t targets; /* CPU index bits still to flush */

_Static_assert(MAX_CPUS <= 64, "one bit per CPU");

static void flush_if_asked(void)
{
	uint64_t me = 1ULL << this_cpu()->index;
	if (!(__atomic_load_n(&targets, __ATOMIC_ACQUIRE) & me))
		return;
	uint64_t start = req_start, end = req_end;
	if ((end - start) / 4096 > INVLPG_MAX_PAGES)
		write_cr3(read_cr3());
	else
		for (uint64_t v = start; v < end; v += 4096)
			__asm__ volatile("invlpg (%0)" : : "r"(v) : "memory");
	__atomic_and_fetch(&targets, ~me, __ATOMIC_RELEASE);
}

static void tlb_interrupt(struct interrupt_frame *frame, void *ctx)
{
	(void)frame;
	(void)ctx;
	flush_if_asked();
	lapic_eoi();
}

void tlb_init(void)
{
	interrupt_set_handler(VECTOR_TLB_SHOOTDOWN, tlb_interrupt, 0);
}

void arch_tlb_shootdown(uint64_t root, uint64_t start, uint64_t end)
{
	if (cpu_count < 2 || start >= end)
		return;
	irq_flags_t flags = arch_irq_save();
	while (!spin_trylock(&tlb_lock)) {
		flush_if_asked(); /* the holder may be waiting for this CPU */
		arch_cpu_relax();
	}
	/* the page table writes are visible before we look at who runs what */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	struct cpu *self = this_cpu();
	uint64_t want = 0;
	for (uint32_t i = 0; i < cpu_count; i++) {
		struct context *cur = __atomic_load_n(&cpus[i].current, __ATOMIC_ACQUIRE);
		if (&cpus[i] != self && cpus[i].online && cur && cur->cr3 == root)
			want |= 1ULL << i;
	}
	if (want) {
		req_start = start;
		req_end = end;
		__atomic_store_n(&targets, want, __ATOMIC_SEQ_CST);
		for (uint32_t i = 0; i < cpu_count; i++)
			if (want & (1ULL << i))
				lapic_send_ipi(cpus[i].apic_id, VECTOR_TLB_SHOOTDOWN);
		while (__atomic_load_n(&targets, __ATOMIC_ACQUIRE))
			__builtin_ia32_pause();
	}
	spin_unlock(&tlb_lock);
	arch_irq_restore(flags);
}
