/*
 * Per-CPU set-up and the start of the application processors: the
 * trampoline is copied to 0x8000 (identity-mapped for the occasion), each
 * AP gets INIT, then STARTUP twice, and reports itself online from
 * ap_entry.
 */
#define LOG_MODULE "arch::x86_64::smp"
#include <freestanding/string.h>

#include "apic.h"
#include "cpu.h"
#include "interrupt.h"
#include "percpu.h"
#include "../../boot.h"
#include "../../lib/log.h"
#include "../../mm/frame.h"
#include "../../mm/kstack.h"
#include "../../mm/paging.h"
#include "../../sched/sched.h"

#define TRAMPOLINE_PHYS 0x8000ULL

struct cpu cpus[MAX_CPUS];
uint32_t cpu_count = 1;

extern const uint8_t trampoline_start[], trampoline_end[], trampoline_params[];

struct trampoline_params {
	uint64_t cr3, stack, cpu, entry;
};

void cpu_setup(struct cpu *cpu)
{
	cpu->self = cpu;
	wrmsr(MSR_GS_BASE, (uint64_t)cpu); /* first: spinlocks ask which CPU this is */
	uint64_t df = kstack_alloc(), nmi = kstack_alloc();
	if (!df || !nmi)
		panic("no memory for CPU %u's interrupt stacks", cpu->index);
	idt_load(); /* first: a fault from here on is reported, not a triple fault */
	gdt_load(&cpu->gdt, &cpu->tss, df, nmi);
	fpu_init_cpu();
	cpu_protect_init(cpu);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
}

static _Noreturn void ap_entry(struct cpu *cpu)
{
	cpu_setup(cpu);
	lapic_init();
	syscall_cpu_init();
	__atomic_store_n(&cpu->online, 1, __ATOMIC_RELEASE);
	sched_cpu_start(); /* becomes this CPU's idle loop */
}

uint32_t smp_start_aps(void)
{
	uint64_t root = paging_kernel_root();
	size_t size = (size_t)(trampoline_end - trampoline_start);
	if (!paging_map(root, TRAMPOLINE_PHYS, TRAMPOLINE_PHYS, PTE_WRITE))
		panic("cannot identity-map the SMP trampoline");
	memcpy(phys_to_virt(TRAMPOLINE_PHYS), trampoline_start, size);
	struct trampoline_params *params =
	    phys_to_virt(TRAMPOLINE_PHYS + (uint64_t)(trampoline_params - trampoline_start));

	uint32_t online = 1;
	uint32_t bsp = lapic_id();
	for (uint32_t i = 0; i < madt.cpu_count && cpu_count < MAX_CPUS; i++) {
		if (madt.apic_ids[i] == bsp)
			continue;
		struct cpu *cpu = &cpus[cpu_count];
		cpu->index = cpu_count;
		cpu->apic_id = madt.apic_ids[i];
		uint64_t stack = kstack_alloc();
		if (!stack)
			panic("no memory for an AP stack");
		params->cr3 = root;
		params->stack = stack;
		params->cpu = (uint64_t)cpu;
		params->entry = (uint64_t)ap_entry;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);

		lapic_send_init(cpu->apic_id);
		udelay(10000);
		lapic_send_startup(cpu->apic_id, TRAMPOLINE_PHYS >> 12);
		udelay(200);
		if (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE))
			lapic_send_startup(cpu->apic_id, TRAMPOLINE_PHYS >> 12);
		/* TCG can be slow to run a new vCPU: wait up to a second. */
		for (int t = 0; t < 10000 && !__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE); t++)
			udelay(100);
		if (!__atomic_load_n(&cpu->online, __ATOMIC_ACQUIRE)) {
			log_warn("CPU with APIC id %u did not start", cpu->apic_id);
			kstack_free(stack);
			continue;
		}
		cpu_count++;
		online++;
	}
	paging_unmap(root, TRAMPOLINE_PHYS);
	return online;
}
